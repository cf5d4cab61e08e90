# language: fr
@habilitations
Fonctionnalité: Chacun ne voit que son périmètre
  En tant que responsable d'un programme, d'un BOP ou d'une UO
  Je veux ne voir, dans les écrans, l'API et les restitutions, que les crédits et les dépenses de mon périmètre
  Afin que le secret des données de gestion des autres services soit gardé

  Contexte:
    Étant donné le jeu de données "standard" est chargé

  @critique @evolution:EVO-2026-101
  Scénario: Le responsable d'UO ne voit que son centre financier
    Étant donné que je suis connecté en tant que "RUO" sur le périmètre "BG00/0150-CSUP-DR75"
    Alors je ne vois que les centres financiers de mon périmètre
    Et je ne vois que les centres financiers :
      | Centre financier    |
      | BG00/0150-CSUP-DR75 |

  @majeur @evolution:EVO-2026-101
  Scénario: Le responsable de BOP voit les centres financiers de son BOP
    Étant donné que je suis connecté en tant que "RBOP" sur le périmètre "0150-CSUP"
    Alors je ne vois que les centres financiers :
      | Centre financier    |
      | BG00/0150-CSUP-CENT |
      | BG00/0150-CSUP-DR69 |
      | BG00/0150-CSUP-DR75 |

  @critique @evolution:EVO-2026-101
  Scénario: Le responsable de programme ne voit que les engagements de son programme
    Étant donné que je suis connecté en tant que "RPROG" sur le périmètre "0217"
    Alors je ne vois que les engagements juridiques de mon périmètre

  @critique @evolution:EVO-2026-101
  Scénario: L'adresse d'un engagement hors du périmètre est refusée
    Étant donné que je suis connecté en tant que "RUO" sur le périmètre "BG00/0150-CSUP-DR75"
    Quand j'ouvre l'adresse "/engagements/2103000004"
    Alors l'accès m'est refusé avec le message "Accès refusé : l'engagement juridique 2103000004 est hors de votre périmètre"

  @majeur @evolution:EVO-2026-101
  Scénario: L'adresse d'une tranche fonctionnelle d'un autre programme est refusée
    Étant donné que je suis connecté en tant que "RUO" sur le périmètre "BG00/0150-CSUP-DR75"
    Quand j'ouvre l'adresse "/tranches-fonctionnelles/TF0161000001"
    Alors l'accès m'est refusé

  @critique @evolution:EVO-2026-101
  Scénario: L'API refuse un engagement hors du périmètre et ne liste que ceux du périmètre
    Étant donné que je suis connecté en tant que "RUO" sur le périmètre "BG00/0150-CSUP-DR75"
    Quand j'appelle l'API "GET /api/engagements/2103000004"
    Alors l'API refuse l'accès avec le statut 403 et le message "Accès refusé : l'engagement juridique 2103000004 est hors de votre périmètre"
    Quand j'appelle l'API "GET /api/engagements"
    Alors la réponse de l'API ne contient que les centres financiers :
      | Centre financier    |
      | BG00/0150-CSUP-DR75 |

  @majeur @evolution:EVO-2026-101
  Scénario: La situation budgétaire d'un programme hors du périmètre est refusée
    Étant donné que je suis connecté en tant que "lecteur" sur le périmètre "0217"
    Quand je consulte la situation budgétaire du programme "0161" pour l'exercice N
    Alors l'accès m'est refusé avec le message "Accès refusé : le programme 0161 est hors de votre périmètre"

  @critique @evolution:EVO-2026-101
  Scénario: La restitution INF-BUD-53 d'un responsable d'UO ne contient que son centre financier
    Étant donné que je suis connecté en tant que "RUO" sur le périmètre "BG00/0150-CSUP-DR75"
    Quand j'extrais la restitution "INF-BUD-53" de l'exercice N
    Alors l'extraction est conforme à "expected/habilitations/inf-bud-53_ruo_dr75.csv"
    Et l'extraction ne contient aucune ligne où "Centre financier" vaut "BG00/0161-DGSC-AERO"

  @critique @evolution:EVO-2026-101
  Scénario: La restitution INF-BUD-53 d'un responsable de programme contient ses engagements et aucun d'un autre programme
    Étant donné que je suis connecté en tant que "RPROG" sur le périmètre "0217"
    Quand j'extrais la restitution "INF-BUD-53" de l'exercice N
    Alors l'extraction contient, pour les clés "N° EJ, N° poste EJ", les lignes :
      | N° EJ      | N° poste EJ | Centre financier    |
      | 2103104412 | 1           | BG00/0217-SGAC-ASPR |
    Et l'extraction ne contient aucune ligne où "N° EJ" vaut "2103105755"
    Et l'extraction ne contient aucune ligne où "Centre financier" vaut "BG00/0150-CSUP-DR75"

  @critique @evolution:EVO-2026-101
  Scénario: Le responsable d'une UO sans dépense ne voit aucun engagement, pas même ceux d'une UO voisine
    Étant donné un engagement juridique de 30 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et un service fait de 30 000,00 € sur cet engagement
    Et une demande de paiement de 30 000,00 € sur cet engagement
    Et que je suis connecté en tant que "RUO" sur le périmètre "BG00/0150-CSUP-DR69"
    Quand j'ouvre la liste des engagements juridiques
    Alors je ne vois aucun engagement juridique
    Et cet engagement ne figure pas dans la liste des engagements juridiques
    Et cette demande de paiement ne figure pas dans la liste des demandes de paiement
    Quand je tente d'ouvrir la page de cet engagement
    Alors l'accès m'est refusé

  @critique @evolution:EVO-2026-101
  Scénario: Le lecteur d'un programme voit ses engagements mais n'y constate pas le service fait
    Étant donné un engagement juridique de 30 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et que je suis connecté en tant que "lecteur" sur le périmètre "0150"
    Quand j'ouvre la liste des engagements juridiques
    Alors cet engagement figure dans la liste des engagements juridiques
    Quand je tente de constater le service fait de 30 000,00 € sur cet engagement
    Alors l'accès m'est refusé avec le message "Accès refusé : aucun de vos rôles ne permet de constater le service fait"
    Et le statut de cet engagement est "Engagé"
