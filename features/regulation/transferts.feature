# language: fr
@regulation
Fonctionnalité: Transferts de crédits entre programmes de ministères différents
  En tant que responsable de programme
  Je veux transférer des crédits vers le programme d'un autre ministère qui porte la même politique
  Afin de financer l'action là où elle est conduite, dans la limite du disponible et sans abonder le titre 2 (art. 12-II de la LOLF)

  Contexte:
    Étant donné le jeu de données "vierge" est chargé

  # LFI 2026, réserve de 5,5 % hors T2 :
  #   0217 T3 (MTE) : AE 231 468 900,00 € (disponible 218 738 110,50 €), CP 226 874 300,00 € (disponible 214 396 213,50 €).
  #   0216 T3 (MI)  : AE 318 640 000,00 € (disponible 301 114 800,00 €), CP 312 480 000,00 € (disponible 295 293 600,00 €).
  #   0216 T2 (MI)  : 768 452 310,00 € en AE et en CP.

  @critique @evolution:EVO-2026-005
  Scénario: Un transfert entre ministères déplace les crédits d'un programme à l'autre
    Quand je transfère 5 000 000,00 € d'AE et 4 000 000,00 € de CP du programme "0217" vers le programme "0216" en titre 3
    Alors l'opération est acceptée avec le message "Transfert enregistré : programme 0217 titre 3 → programme 0216 titre 3, AE 5 000 000,00 €, CP 4 000 000,00 €"
    Quand je consulte la situation budgétaire du programme "0217" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes      | AE disponibles   | CP ouverts       | CP disponibles   |
      | 3     | 226 468 900,00 € | 213 738 110,50 € | 222 874 300,00 € | 210 396 213,50 € |
    Quand je consulte la situation budgétaire du programme "0216" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes      | AE disponibles   | CP ouverts       | CP disponibles   |
      | 3     | 323 640 000,00 € | 306 114 800,00 € | 316 480 000,00 € | 299 293 600,00 € |

  @majeur @evolution:EVO-2026-005
  Scénario: Un transfert de tout le disponible de la source est accepté
    Quand je transfère 218 738 110,50 € d'AE et 214 396 213,50 € de CP du programme "0217" vers le programme "0216" en titre 3
    Alors l'opération est acceptée avec le message "Transfert enregistré"
    Quand je consulte la situation budgétaire du programme "0217" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes     | AE disponibles | CP ouverts      | CP disponibles |
      | 3     | 12 730 789,50 € | 0,00 €         | 12 478 086,50 € | 0,00 €         |

  @critique @evolution:EVO-2026-005
  Scénario: Un transfert d'un centime au-delà du disponible de la source est refusé
    Quand je transfère 218 738 110,51 € d'AE et 0,00 € de CP du programme "0217" vers le programme "0216" en titre 3
    Alors l'opération est refusée avec le message "Transfert refusé : 218 738 110,51 € demandés, 218 738 110,50 € disponibles en AE sur le programme 0217 (titre 3)"
    Quand je consulte la situation budgétaire du programme "0216" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes      |
      | 3     | 318 640 000,00 € |

  @critique @evolution:EVO-2026-005
  Scénario: Un transfert qui abonderait le titre 2 à partir d'un autre titre est refusé
    Quand je transfère 1 000 000,00 € d'AE et 1 000 000,00 € de CP du programme "0217" en titre 3 vers le programme "0216" en titre 2
    Alors l'opération est refusée avec le message "Fongibilité asymétrique : aucun crédit ne peut abonder le titre 2 (programme 0216)"
    Quand je consulte la situation budgétaire du programme "0216" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes      | CP ouverts       |
      | 2     | 768 452 310,00 € | 768 452 310,00 € |
