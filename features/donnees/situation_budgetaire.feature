# language: fr
@donnees
Fonctionnalité: Restitution de la situation budgétaire par programme, BOP et UO
  En tant que responsable de programme
  Je veux extraire la situation de mes crédits à tous les niveaux
  Afin de la rapprocher, au centime, de ce que montrent les écrans

  @critique @evolution:EVO-2026-082
  Scénario: La situation du jeu standard est conforme à l'attendu
    Étant donné le jeu de données "standard" est chargé
    Quand j'extrais la restitution "SITUATION-BUDGETAIRE" de l'exercice N
    Alors l'extraction est conforme à "expected/situation-budgetaire/standard_2026.csv"

  @majeur @evolution:EVO-2026-082
  Scénario: Une mise à disposition saisie à l'écran se retrouve aux deux niveaux
    Étant donné le jeu de données "vierge" est chargé
    Quand je mets à disposition 1 000 000,00 € d'AE et 800 000,00 € de CP en titre 3 de "0150" vers "0150-CSUP"
    Et j'extrais la restitution "SITUATION-BUDGETAIRE" de l'exercice N
    Alors l'extraction contient, pour les clés "Niveau, Programme, BOP, Centre financier, Titre", les lignes :
      | Niveau    | Programme | BOP       | Centre financier | Titre | AE mises à disposition | AE ouvertes         | CP ouverts   |
      | Programme | 0150      | #         | #                | T3    | 1 000 000,00           | 13 942 871 504,00   | 13 942 871 504,00 |
      | BOP       | 0150      | 0150-CSUP | #                | T3    | 0,00                   | 1 000 000,00        | 800 000,00   |

  @majeur @evolution:EVO-2026-082
  Scénario: Un paiement consomme les CP de l'UO dans la restitution
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Et un engagement juridique de 30 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et un service fait de 30 000,00 € sur cet engagement
    Et une demande de paiement de 12 345,67 € sur cet engagement
    Quand je paie cette demande de paiement
    Et j'extrais la restitution "SITUATION-BUDGETAIRE" de l'exercice N
    Alors l'extraction contient, pour les clés "Niveau, Programme, BOP, Centre financier, Titre", les lignes :
      | Niveau | Programme | BOP       | Centre financier    | Titre | AE engagées | AE disponibles | CP consommés | CP disponibles |
      | UO     | 0150      | 0150-CSUP | BG00/0150-CSUP-DR75 | T3    | 30 000,00   | 170 000,00     | 12 345,67    | 87 654,33      |
