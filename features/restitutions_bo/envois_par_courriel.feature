# language: fr
@restitutions_bo
Fonctionnalité: Envoi planifié d'un document Webi par courriel
  En tant qu'agent du contrôle budgétaire
  Je veux planifier dans BusinessObjects l'envoi d'un rapport Webi par courriel à plusieurs destinataires
  Afin que chacun reçoive, sans ouvrir BusinessObjects, le rapport exact qu'il aurait exporté lui-même

  Contexte:
    Étant donné le jeu de données "standard" est chargé

  @critique @evolution:EVO-2026-101
  Scénario: Un rapport planifié en CSV arrive à chacun des deux destinataires, identique à l'export
    Quand je planifie l'envoi par courriel du rapport "Par UO" du document Webi "Suivi de la consommation des crédits" au format CSV à "controle.budgetaire@finances.gouv.fr, rbop.0150@enseignementsup.gouv.fr" avec le sujet "Suivi des crédits du programme 0150" et les invites :
      | Invite    | Valeur |
      | Exercice  | {N}    |
      | Programme | 0150   |
    Alors la planification se termine avec succès
    Et chaque destinataire reçoit un seul courriel dont la pièce jointe est conforme à "expected/bo-suivi-consommation/par_uo_0150.csv"

  @critique @evolution:EVO-2026-101
  Scénario: Un rapport planifié en PDF arrive à chacun des deux destinataires avec les chiffres attendus
    Quand je planifie l'envoi par courriel du rapport "Par programme et titre" du document Webi "Suivi de la consommation des crédits" au format PDF à "controle.budgetaire@finances.gouv.fr, rprog.0150@enseignementsup.gouv.fr" avec le sujet "Consommation du programme 0150 (PDF)" et les invites :
      | Invite    | Valeur |
      | Exercice  | {N}    |
      | Programme | 0150   |
    Alors la planification se termine avec succès
    Et chaque destinataire reçoit un seul courriel dont la pièce jointe est conforme à "expected/bo-planifications/par_programme_et_titre_0150.txt"

  @majeur @evolution:EVO-2026-101
  Scénario: Un envoi dont le seul destinataire est refusé par le serveur de messagerie échoue en le nommant
    Quand je planifie l'envoi par courriel du rapport "Par UO" du document Webi "Suivi de la consommation des crédits" au format CSV à "inconnu@messagerie.invalid" avec le sujet "Envoi sans destinataire valable" et les invites :
      | Invite    | Valeur |
      | Exercice  | {N}    |
      | Programme | 0150   |
    Alors la planification échoue avec le motif "a refusé les destinataires : inconnu@messagerie.invalid"

  @majeur @evolution:EVO-2026-101
  Scénario: Une planification sans réponse à une invite obligatoire est refusée en nommant l'invite
    Quand je planifie l'envoi par courriel du rapport "Par UO" du document Webi "Suivi de la consommation des crédits" au format CSV à "controle.budgetaire@finances.gouv.fr" avec le sujet "Suivi sans exercice" et les invites :
      | Invite    | Valeur |
      | Programme | 0150   |
    Alors la planification est refusée avec le message "invite obligatoire sans réponse : « Exercice »"

  @majeur @evolution:EVO-2026-101
  Scénario: Une adresse de courriel mal formée est refusée à la planification
    Quand je planifie l'envoi par courriel du rapport "Par UO" du document Webi "Suivi de la consommation des crédits" au format CSV à "controle.budgetaire.finances.gouv.fr" avec le sujet "Adresse mal formée" et les invites :
      | Invite    | Valeur |
      | Exercice  | {N}    |
      | Programme | 0150   |
    Alors la planification est refusée avec le message "Adresse de courriel invalide : « controle.budgetaire.finances.gouv.fr »"
