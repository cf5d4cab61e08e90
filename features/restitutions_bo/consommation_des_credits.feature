# language: fr
@restitutions_bo
Fonctionnalité: Suivi de la consommation des crédits dans BusinessObjects Webi
  En tant qu'agent du contrôle budgétaire
  Je veux rafraîchir le document Webi « Suivi de la consommation des crédits » avec ses invites
  Afin de suivre la consommation des crédits d'un programme, par titre et par UO, au centime près

  Contexte:
    Étant donné le jeu de données "standard" est chargé

  @critique @evolution:EVO-2026-100
  Scénario: Le rapport par programme et titre est celui attendu, au centime près
    Quand je rafraîchis le document Webi "Suivi de la consommation des crédits" avec les invites :
      | Invite    | Valeur |
      | Exercice  | {N}    |
      | Programme | 0150   |
    Et j'exporte le rapport "Par programme et titre" au format CSV
    Alors l'extraction est conforme à "expected/bo-suivi-consommation/par_programme_et_titre_0150.csv"

  @majeur @evolution:EVO-2026-100
  Scénario: Le rapport par UO exporté en XLSX est celui attendu
    Quand je rafraîchis le document Webi "Suivi de la consommation des crédits" avec les invites :
      | Invite    | Valeur |
      | Exercice  | {N}    |
      | Programme | 0150   |
    Et j'exporte le rapport "Par UO" au format XLSX
    Alors l'extraction est conforme à "expected/bo-suivi-consommation/par_uo_0150.csv"

  @majeur @evolution:EVO-2026-100
  Scénario: Un responsable d'UO ne voit dans le rapport par UO que son UO
    Étant donné que je suis connecté en tant que "RUO" sur le périmètre "BG00/0150-CSUP-DR75"
    Quand je rafraîchis le document Webi "Suivi de la consommation des crédits" avec les invites :
      | Invite    | Valeur |
      | Exercice  | {N}    |
      | Programme | 0150   |
    Et j'exporte le rapport "Par UO" au format CSV
    Alors l'extraction contient, pour les clés "Centre financier, Titre", les lignes :
      | Centre financier     | Titre |
      | BG00/0150-CSUP-DR75  | T3    |
    Et l'extraction ne contient aucune ligne où "Centre financier" vaut "BG00/0150-RECT-DR13"

  @majeur @evolution:EVO-2026-100
  Scénario: L'exercice, invite obligatoire, sans réponse empêche le rafraîchissement
    Quand je rafraîchis le document Webi "Suivi de la consommation des crédits" avec les invites :
      | Invite    | Valeur |
      | Programme | 0150   |
    Alors le rafraîchissement est refusé avec le message "Invite « Exercice »"

  @majeur @evolution:EVO-2026-100
  Scénario: Le programme, invite facultative, laissé vide donne tous les programmes du périmètre
    Quand je rafraîchis le document Webi "Suivi de la consommation des crédits" avec les invites :
      | Invite   | Valeur |
      | Exercice | {N}    |
    Et j'exporte le rapport "Par programme et titre" au format CSV
    Alors l'extraction contient, pour les clés "Programme, Titre", les lignes :
      | Programme | Titre |
      | 0102      | T3    |
      | 0150      | T2    |
      | 0161      | T2    |
      | 0231      | T6    |

  @majeur @evolution:EVO-2026-100
  Scénario: Un programme sans son zéro non significatif est refusé en nommant l'invite
    Quand je rafraîchis le document Webi "Suivi de la consommation des crédits" avec les invites :
      | Invite    | Valeur |
      | Exercice  | {N}    |
      | Programme | 150    |
    Alors le rafraîchissement est refusé avec le message "Invite « Programme »"
