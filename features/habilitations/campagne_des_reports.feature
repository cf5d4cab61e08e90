# language: fr
@habilitations
Fonctionnalité: Habilitations de la campagne des reports
  En tant que Direction du Budget
  Je veux que chacun n'agisse dans la campagne des reports que selon son rôle et sur ses programmes
  Afin que seul le responsable d'un programme en demande le report, que seul le contrôleur budgétaire
  du programme donne son avis et que seule la Direction du Budget signe l'arrêté de report

  # Jeu « cloture », exercice N clos : 0150 peut reporter 26 892 039,50 € d'AENE en T5 et
  # 431 835 180,64 € de CP hors T2 ; 0103 peut reporter 15 202 437,36 € de CP (T3 et T6).

  Contexte:
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos

  @critique @evolution:EVO-2026-015
  Scénario: Le responsable d'un programme demande le report de ses crédits, pas de ceux d'un autre programme
    Étant donné que je suis connecté en tant que "RPROG" sur le périmètre "0150"
    Quand je demande le report de crédits du programme "0103" :
      | Titre | Nature | CP           |
      | 3     | CP     | 3 958 300,00 |
    Alors l'accès m'est refusé avec le message "Accès refusé : le programme 0103 est hors de votre périmètre pour demander un report de crédits"
    Quand je demande le report de crédits du programme "0150" :
      | Titre | Nature | AE            |
      | 5     | AENE   | 26 892 039,50 |
    Alors l'opération est acceptée avec le message "Demande de report DR{N}000001 déposée : programme 0150, 1 ligne(s), AE 26 892 039,50 € et CP 0,00 €"

  @critique @evolution:EVO-2026-015
  Scénario: Le contrôleur budgétaire donne son avis sur la demande de report mais ne signe pas l'arrêté
    Étant donné une demande de report du programme "0150" :
      | Titre | Nature | AE            |
      | 5     | AENE   | 26 892 039,50 |
    Et que je suis connecté en tant que "controleur" sur le périmètre "0150"
    Quand je donne un avis favorable à cette demande de report
    Alors l'opération est acceptée avec le message "Avis favorable enregistré sur la demande de report DR{N}000001"
    Quand je prends un arrêté de report sur cette demande de report
    Alors l'accès m'est refusé avec le message "Accès refusé : aucun de vos rôles ne permet de prendre un arrêté de report"
    Et le statut de cette demande de report est "Avis favorable"

  @critique @evolution:EVO-2026-015
  Scénario: L'état des reports du responsable d'un programme ne contient que les lignes de son programme
    Étant donné une demande de report du programme "0103" :
      | Titre | Nature | CP            |
      | 6     | CP     | 11 244 137,36 |
    Et une demande de report du programme "0150" :
      | Titre | Nature | AE            |
      | 5     | AENE   | 26 892 039,50 |
    Et un avis favorable du contrôleur budgétaire sur cette demande de report
    Et un arrêté de report pris sur cette demande de report
    Et que je suis connecté en tant que "RPROG" sur le périmètre "0150"
    Quand j'extrais la restitution "ETAT-DES-REPORTS" de l'exercice N
    Alors l'extraction est conforme à "expected/habilitations/etat-des-reports_rprog_0150.csv"
    Et l'extraction ne contient aucune ligne où "Programme" vaut "0103"

  @majeur @evolution:EVO-2026-015
  Scénario: Le responsable d'un programme ne consulte pas les montants reportables d'un autre programme
    Étant donné que je suis connecté en tant que "RPROG" sur le périmètre "0150"
    Quand je consulte les montants reportables du programme "0103" de l'exercice N
    Alors l'accès m'est refusé
