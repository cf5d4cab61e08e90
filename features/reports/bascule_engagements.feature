# language: fr
@reports
Fonctionnalité: Bascule des engagements juridiques non soldés
  En tant que gestionnaire
  Je veux que les engagements juridiques non soldés au 31 décembre passent sur l'exercice N+1 pour leur
  reste à payer (mouvement 350 daté du 1er janvier), et que les engagements soldés restent sur N
  Afin de payer en N+1 ce qui reste dû, et seulement cela

  # Jeu « cloture » : 2103000001 soldé le 31/12 (1 248 316,80 € payés) ; 2103000002 payé à 0,01 € près
  # (593 999,99 € sur 594 000,00 €) ; 2103104412, EJ 2025 déjà basculé en 2026, toujours non soldé.

  @critique @evolution:EVO-2026-009
  Scénario: Un engagement soldé le 31 décembre ne bascule pas sur l'exercice N+1
    Étant donné le jeu de données "cloture" est chargé
    Et l'engagement juridique "2103000001" du jeu de données
    Quand je clôture l'exercice N
    Alors cet engagement ne porte aucun mouvement de bascule sur l'exercice N+1
    Et l'engagement juridique "2103000001" ne figure pas parmi les EJ basculés de l'exercice N

  @critique @evolution:EVO-2026-009
  Scénario: Un engagement à 0,01 € de son solde bascule pour 0,01 €
    Étant donné le jeu de données "cloture" est chargé
    Et l'engagement juridique "2103000002" du jeu de données
    Quand je clôture l'exercice N
    Alors cet engagement porte un mouvement de bascule de 0,01 € daté du 1er janvier de l'exercice N+1
    Et le Reste à payer de cet engagement est de 0,01 €
    Et les EJ basculés de l'exercice N affichent :
      | N° EJ      | Exercice de l'EJ | Date de bascule | Montant      | Montant payé | Montant basculé | Reste à payer |
      | 2103000002 | {N}              | 01/01/{N+1}     | 594 000,00   | 593 999,99   | 0,01            | 0,01          |
      | 2103104412 | {N-1}            | 01/01/{N+1}     | 1 180 000,00 | 935 366,67   | 244 633,33      | 244 633,33    |

  @majeur @evolution:EVO-2026-013
  Scénario: La restitution des EJ basculés reprend le reste à payer de chaque poste basculé
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Quand j'extrais la restitution "EJ-BASCULES" de l'exercice N
    Alors l'extraction contient, pour les clés "N° EJ, N° poste EJ", les lignes :
      | N° EJ      | N° poste EJ | Centre financier    | Tranche fonctionnelle | Montant engagé | Montant payé | Montant basculé | Reste à payer |
      | 2103000002 | 1           | BG00/0150-CSUP-DR75 | #                     | 594 000,00     | 593 999,99   | 0,01            | 0,01          |
      | 2103000004 | 1           | BG00/0150-CSUP-DR75 | TF0150000001          | 2 865 400,50   | 1 432 700,25 | 1 432 700,25    | 1 432 700,25  |
    Et l'extraction ne contient aucune ligne où "N° EJ" vaut "2103000001"
