# language: fr
@regulation
Fonctionnalité: Réserve de précaution en gestion : dégel, surgel et annulation
  En tant que responsable de la synthèse budgétaire à la Direction du Budget
  Je veux dégeler, surgeler ou annuler des crédits mis en réserve
  Afin de piloter la réserve de précaution sans jamais libérer ni annuler plus que la réserve, ni geler plus que le disponible

  Contexte:
    Étant donné le jeu de données "vierge" est chargé

  # Réserve de la LFI 2026 : 0,5 % en T2 et 5,5 % hors T2, arrondie au centime le plus proche.
  #   0150 T3 : 13 942 871 504,00 € en AE et en CP, réserve 766 857 932,72 €.
  #   0150 T2 : 527 416 238,00 € en AE et en CP, réserve 2 637 081,19 €, disponible 524 779 156,81 €.
  #   0103 T3 : AE 27 850 000,00 €, réserve 1 531 750,00 €, disponible 26 318 250,00 €.
  #   0217 T2 : 2 712 389 456,00 € en AE et en CP, réserve 13 561 947,28 €.

  @critique @evolution:EVO-2026-003
  Scénario: Le dégel de toute la réserve rend disponibles tous les crédits ouverts
    Quand je dégèle 766 857 932,72 € d'AE et 766 857 932,72 € de CP de la réserve du programme "0150" en titre 3
    Alors l'opération est acceptée avec le message "Dégel enregistré : programme 0150, titre 3, AE 766 857 932,72 €, CP 766 857 932,72 €"
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes         | AE réservées | AE disponibles      | CP réservés | CP disponibles      |
      | 3     | 13 942 871 504,00 € | 0,00 €       | 13 942 871 504,00 € | 0,00 €      | 13 942 871 504,00 € |

  @critique @evolution:EVO-2026-003
  Scénario: Un dégel d'un centime au-delà de la réserve est refusé
    Quand je dégèle 766 857 932,73 € d'AE et 0,00 € de CP de la réserve du programme "0150" en titre 3
    Alors l'opération est refusée avec le message "Dégel refusé : 766 857 932,73 € demandés, 766 857 932,72 € réservés en AE sur le programme 0150 (titre 3)"
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE réservées     | AE disponibles      |
      | 3     | 766 857 932,72 € | 13 176 013 571,28 € |

  @critique @evolution:EVO-2026-003
  Scénario: Un dégel de CP d'un centime au-delà de la réserve laisse la réserve et le disponible inchangés
    Quand je dégèle 0,00 € d'AE et 2 637 081,20 € de CP de la réserve du programme "0150" en titre 2
    Alors les CP réservés du programme "0150" en titre 2 sont de 2 637 081,19 €
    Et les CP disponibles du programme "0150" en titre 2 sont de 524 779 156,81 €

  @majeur @evolution:EVO-2026-003
  Scénario: Un surgel met en réserve des crédits disponibles
    Quand je surgèle 10 000 000,00 € d'AE et 10 000 000,00 € de CP du programme "0150" en titre 2
    Alors l'opération est acceptée avec le message "Surgel enregistré : programme 0150, titre 2, AE 10 000 000,00 €, CP 10 000 000,00 €"
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes      | AE réservées    | AE disponibles   | CP réservés     | CP disponibles   |
      | 2     | 527 416 238,00 € | 12 637 081,19 € | 514 779 156,81 € | 12 637 081,19 € | 514 779 156,81 € |

  @critique @evolution:EVO-2026-003
  Scénario: Un surgel d'un centime au-delà du disponible est refusé
    Quand je surgèle 26 318 250,01 € d'AE et 0,00 € de CP du programme "0103" en titre 3
    Alors l'opération est refusée avec le message "Surgel refusé : 26 318 250,01 € demandés, 26 318 250,00 € disponibles en AE sur le programme 0103 (titre 3)"
    Quand je consulte la situation budgétaire du programme "0103" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE réservées   | AE disponibles  |
      | 3     | 1 531 750,00 € | 26 318 250,00 € |

  @critique @evolution:EVO-2026-003
  Scénario: Un surgel de CP d'un centime au-delà du disponible laisse la réserve et le disponible inchangés
    Quand je surgèle 0,00 € d'AE et 25 458 300,01 € de CP du programme "0103" en titre 3
    Alors les CP réservés du programme "0103" en titre 3 sont de 1 481 700,00 €
    Et les CP disponibles du programme "0103" en titre 3 sont de 25 458 300,00 €

  @critique @evolution:EVO-2026-003
  Scénario: L'annulation de toute la réserve, surgel compris, baisse d'autant les crédits ouverts
    Étant donné un surgel de 1 000 000,00 € d'AE et 1 000 000,00 € de CP sur le programme "0217" en titre 2
    Quand j'annule 14 561 947,28 € d'AE et 14 561 947,28 € de CP mis en réserve sur le programme "0217" en titre 2
    Alors l'opération est acceptée avec le message "Annulation de réserve enregistrée : programme 0217, titre 2, AE 14 561 947,28 €, CP 14 561 947,28 €"
    Quand je consulte la situation budgétaire du programme "0217" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes        | AE réservées | AE disponibles     | CP ouverts         | CP réservés | CP disponibles     |
      | 2     | 2 697 827 508,72 € | 0,00 €       | 2 697 827 508,72 € | 2 697 827 508,72 € | 0,00 €      | 2 697 827 508,72 € |

  @critique @evolution:EVO-2026-003
  Scénario: Une annulation d'un centime au-delà de la réserve est refusée
    Quand j'annule 13 561 947,29 € d'AE et 0,00 € de CP mis en réserve sur le programme "0217" en titre 2
    Alors l'opération est refusée avec le message "Annulation refusée : 13 561 947,29 € demandés, 13 561 947,28 € réservés en AE sur le programme 0217 (titre 2)"
    Quand je consulte la situation budgétaire du programme "0217" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes        | AE réservées    |
      | 2     | 2 712 389 456,00 € | 13 561 947,28 € |

  @critique @evolution:EVO-2026-003
  Scénario: Après un dégel, une annulation de CP d'un centime au-delà de la réserve restante n'annule rien
    Étant donné un dégel de 0,00 € d'AE et 3 561 947,28 € de CP de la réserve du programme "0217" en titre 2
    Quand j'annule 0,00 € d'AE et 10 000 000,01 € de CP mis en réserve sur le programme "0217" en titre 2
    Alors les CP ouverts du programme "0217" en titre 2 sont de 2 712 389 456,00 €
    Et les CP réservés du programme "0217" en titre 2 sont de 10 000 000,00 €
