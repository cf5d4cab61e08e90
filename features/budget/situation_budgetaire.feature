# language: fr
@budget
Fonctionnalité: Situation budgétaire d'un programme, d'un BOP et d'une UO
  En tant que responsable de programme, de BOP ou d'UO
  Je veux consulter la situation de mes crédits par titre
  Afin de connaître exactement, au centime, ce qui est ouvert, réservé, distribué, consommé et disponible

  Contexte:
    Étant donné le jeu de données "vierge" est chargé

  # LFI 2026, programme 0150 : réserve de précaution de 0,5 % en T2 et 5,5 % hors T2.
  @critique @evolution:EVO-2026-070
  Scénario: La situation du programme montre les crédits ouverts et la réserve de précaution
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes         | AE réservées     | AE disponibles      | CP réservés      |
      | 2     | 527 416 238,00 €    | 2 637 081,19 €   | 524 779 156,81 €    | 2 637 081,19 €   |
      | 3     | 13 942 871 504,00 € | 766 857 932,72 € | 13 176 013 571,28 € | 766 857 932,72 € |
      | 5     | 412 650 000,00 €    | 22 695 750,00 €  | 389 954 250,00 €    | 15 587 000,00 €  |
      | 6     | 168 234 517,35 €    | 9 252 898,45 €   | 158 981 618,90 €    | 9 252 898,45 €   |

  @majeur @evolution:EVO-2026-070
  Scénario: La situation du BOP agrège la consommation de ses UO
    Étant donné l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Et l'UO "BG00/0150-CSUP-DR69" dotée en titre 3 de 50 000,00 € d'AE et 50 000,00 € de CP
    Et un engagement juridique de 30 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et un engagement juridique de 20 000,00 € sur l'UO "BG00/0150-CSUP-DR69" en titre 3
    Quand je consulte la situation budgétaire du BOP "0150-CSUP" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes  | AE mises à disposition | AE engagées | AE disponibles |
      | 3     | 250 000,00 € | 250 000,00 €           | 50 000,00 € | 0,00 €         |
      | Total | 250 000,00 € | 250 000,00 €           | 50 000,00 € | 0,00 €         |

  @mineur @evolution:EVO-2026-070
  Plan du Scénario: La situation se lit par exercice
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice <exercice>
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes |
      | Total | <ouvertes>  |

    Exemples:
      | exercice | ouvertes            |
      | N        | 15 051 172 259,35 € |
      | N+1      | 0,00 €              |
      | N-1      | 0,00 €              |
