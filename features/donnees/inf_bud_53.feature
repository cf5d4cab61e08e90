# language: fr
@donnees
Fonctionnalité: Restitution INF-BUD-53 « Pilotage de la gestion - Vue détaillée »
  En tant que contrôleur de gestion
  Je veux extraire de l'infocentre l'exécution des engagements juridiques
  Afin de suivre, au centime, ce qui est engagé, réceptionné, facturé et payé

  @critique @evolution:EVO-2026-080
  Scénario: L'extraction INF-BUD-53 du jeu standard est conforme à l'attendu
    Étant donné le jeu de données "standard" est chargé
    Quand j'extrais la restitution "INF-BUD-53" de l'exercice N
    Alors l'extraction est conforme à "expected/inf-bud-53/standard_2026.csv"

  @majeur @evolution:EVO-2026-080
  Plan du Scénario: L'extraction donne les mêmes données dans chaque format
    Étant donné le jeu de données "standard" est chargé
    Quand j'extrais la restitution "INF-BUD-53" de l'exercice N au format <format>
    Alors l'extraction est conforme à "expected/inf-bud-53/standard_2026.csv"

    Exemples:
      | format    |
      | XLSX      |
      | CSV UTF-8 |

  @critique @evolution:EVO-2026-080
  Scénario: Un engagement saisi à l'écran apparaît dans l'extraction
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Quand j'engage 120 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000012345"
    Et j'extrais la restitution "INF-BUD-53" de l'exercice N
    Alors l'extraction contient, pour les clés "N° EJ, N° poste EJ", les lignes :
      | N° EJ      | N° poste EJ | Centre financier    | Fournisseur payé (DP) | N° SF | N° DP | Montant engagé | Montant payé |
      | 2103000001 | 1           | BG00/0150-CSUP-DR75 | 1000012345            | #     | #     | 120 000,00     | 0,00         |

  @critique @evolution:EVO-2026-080
  Scénario: La chaîne de la dépense se lit dans l'extraction
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Et un engagement juridique de 50 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Quand je constate le service fait de 50 000,00 € sur cet engagement
    Et je crée une demande de paiement de 50 000,00 € sur cet engagement
    Étant donné la dernière demande de paiement de cet engagement
    Quand je paie cette demande de paiement
    Et j'extrais la restitution "INF-BUD-53" de l'exercice N
    Alors l'extraction contient, pour les clés "N° EJ, N° poste EJ", les lignes :
      | N° EJ      | N° poste EJ | N° SF      | N° DP     | Date comptable du SF | Montant engagé | Montant réceptionné | Montant certifié non soldé | Montant payé |
      | 2103000001 | 1           | 5000000001 | 100000001 | 16.11.2026           | 50 000,00      | 50 000,00           | 0,00                       | 50 000,00    |

  @majeur @evolution:EVO-2026-081
  Scénario: Un engagement basculé de l'exercice précédent est signalé et porte son reste à payer
    Étant donné le jeu de données "standard" est chargé
    Quand j'extrais la restitution "INF-BUD-53" de l'exercice N
    Alors l'extraction contient, pour les clés "N° EJ, N° poste EJ", les lignes :
      | N° EJ      | N° poste EJ | Bascule des EJ non soldés | Centre financier    | Montant engagé |
      | 2103105755 | 1           | X                         | BG00/0150-CSUP-DR75 | 3 240 000,00   |
