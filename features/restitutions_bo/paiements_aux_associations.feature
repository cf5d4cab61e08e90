# language: fr
@restitutions_bo
Fonctionnalité: Paiements aux associations d'une semaine dans BusinessObjects Webi
  En tant que responsable de la publication des subventions
  Je veux rafraîchir le document Webi « Paiements aux associations (Data.Subvention) » pour une semaine ISO
  Afin d'obtenir chaque lundi les paiements de la semaine, ni plus ni moins, au format de Data.Subvention

  # Jeu « standard » : les paiements aux associations sont datés du lundi 16.11.2026 (semaine 2026-W47).
  Contexte:
    Étant donné le jeu de données "standard" est chargé

  @critique @evolution:EVO-2026-100
  Scénario: Un paiement du lundi est dans la semaine qui commence ce lundi
    Quand je rafraîchis le document Webi "Paiements aux associations (Data.Subvention)" avec les invites :
      | Invite  | Valeur   |
      | Semaine | 2026-W47 |
    Et j'exporte le rapport "Paiements aux associations" au format CSV
    Alors l'extraction est conforme à "expected/bo-data-subvention/semaine_2026-W47.csv"

  @majeur @evolution:EVO-2026-100
  Scénario: Un paiement du lundi n'est pas dans la semaine qui finit la veille
    Quand je rafraîchis le document Webi "Paiements aux associations (Data.Subvention)" avec les invites :
      | Invite  | Valeur   |
      | Semaine | 2026-W46 |
    Et j'exporte le rapport "Paiements aux associations" au format CSV
    Alors l'extraction ne contient aucune ligne où "N° EJ" vaut "2103000007"

  @majeur @evolution:EVO-2026-100
  Scénario: Une semaine 53 d'une année qui n'en a que 52 est refusée
    Quand je rafraîchis le document Webi "Paiements aux associations (Data.Subvention)" avec les invites :
      | Invite  | Valeur   |
      | Semaine | 2027-W53 |
    Alors le rafraîchissement est refusé avec le message "« 2027-W53 » n'est pas une semaine ISO (format attendu : 2026-W12)"

  @majeur @evolution:EVO-2026-100
  Scénario: Sans semaine, le document n'est pas rafraîchi
    Quand je rafraîchis le document Webi "Paiements aux associations (Data.Subvention)" sans répondre à ses invites
    Alors le rafraîchissement est refusé avec le message "Invite « Semaine »"
