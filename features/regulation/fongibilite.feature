# language: fr
@regulation
Fonctionnalité: Fongibilité asymétrique entre les titres d'un programme
  En tant que responsable de programme
  Je veux redéployer des crédits entre les titres de mon programme
  Afin d'adapter la nature des dépenses en gestion, sans jamais abonder les dépenses de personnel (art. 7 de la LOLF)

  Contexte:
    Étant donné le jeu de données "vierge" est chargé

  # LFI 2026 du programme 0150 :
  #   T2 : 527 416 238,00 € en AE et en CP, réserve 0,5 % : 2 637 081,19 €, disponible 524 779 156,81 €.
  #   T3 : 13 942 871 504,00 € en AE et en CP, réserve 5,5 % : 766 857 932,72 €, disponible 13 176 013 571,28 €.

  @critique @evolution:EVO-2026-006
  Scénario: Des crédits de personnel (titre 2) abondent le fonctionnement (titre 3)
    Quand je déplace 1 000 000,00 € d'AE et 1 000 000,00 € de CP du titre 2 vers le titre 3 du programme "0150"
    Alors l'opération est acceptée avec le message "Fongibilité enregistrée : programme 0150, titre 2 → titre 3, AE 1 000 000,00 €, CP 1 000 000,00 €"
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes         | AE réservées     | AE disponibles      | CP ouverts          | CP disponibles      |
      | 2     | 526 416 238,00 €    | 2 637 081,19 €   | 523 779 156,81 €    | 526 416 238,00 €    | 523 779 156,81 €    |
      | 3     | 13 943 871 504,00 € | 766 857 932,72 € | 13 177 013 571,28 € | 13 943 871 504,00 € | 13 177 013 571,28 € |

  @critique @evolution:EVO-2026-006
  Scénario: Aucun crédit de fonctionnement (titre 3) ne peut abonder le titre 2
    Quand je déplace 0,01 € d'AE et 0,01 € de CP du titre 3 vers le titre 2 du programme "0150"
    Alors l'opération est refusée avec le message "Fongibilité asymétrique : aucun crédit ne peut abonder le titre 2 (programme 0150)"
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes         | CP ouverts          |
      | 2     | 527 416 238,00 €    | 527 416 238,00 €    |
      | 3     | 13 942 871 504,00 € | 13 942 871 504,00 € |

  @majeur @evolution:EVO-2026-006
  Scénario: Une fongibilité d'un centime au-delà du disponible du titre source est refusée
    Quand je déplace 524 779 156,82 € d'AE et 0,00 € de CP du titre 2 vers le titre 3 du programme "0150"
    Alors l'opération est refusée avec le message "Fongibilité refusée : 524 779 156,82 € demandés, 524 779 156,81 € disponibles en AE sur le programme 0150 (titre 2)"
