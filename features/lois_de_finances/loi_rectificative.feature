# language: fr
@lois_de_finances
Fonctionnalité: Intégration d'une loi de finances rectificative
  En tant qu'agent de la Direction du Budget
  Je veux intégrer dans Chorus les ouvertures et les annulations de crédits d'une loi de finances rectificative
  Afin que les crédits des programmes suivent la loi votée, sans jamais annuler plus que le disponible

  Contexte:
    Étant donné le jeu de données "vierge" est chargé

  # LFI 2026 (fixtures/lfi_2026.csv), réserve de précaution de 0,5 % en T2 et 5,5 % hors T2 :
  #   0150 T3 : 13 942 871 504,00 € en AE et en CP, réserve 766 857 932,72 €.
  #   0217 T6 : 16 840 000,00 € en AE et en CP, réserve 926 200,00 €.
  #   0103 T3 : AE 27 850 000,00 € (réserve 1 531 750,00 €, disponible 26 318 250,00 €),
  #             CP 26 940 000,00 € (réserve 1 481 700,00 €, disponible 25 458 300,00 €).
  # Les crédits ouverts par une LFR ne sont pas mis en réserve.

  @critique @evolution:EVO-2026-002
  Scénario: Une loi rectificative ouvre des crédits sur un programme et en annule sur un autre
    Quand j'intègre la loi de finances rectificative "LFR 2026-1" :
      | Programme | Titre | AE             | CP             |
      | 0150      | 3     | 150 000 000,00 | 120 000 000,00 |
      | 0217      | 6     | -1 000 000,00  | -1 000 000,00  |
    Alors l'opération est acceptée avec le message "Loi de finances rectificative « LFR 2026-1 » intégrée : 2 lignes ; ouvertures AE 150 000 000,00 €, CP 120 000 000,00 € ; annulations AE 1 000 000,00 €, CP 1 000 000,00 €"
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes         | AE réservées     | AE disponibles      | CP ouverts          | CP disponibles      |
      | 3     | 14 092 871 504,00 € | 766 857 932,72 € | 13 326 013 571,28 € | 14 062 871 504,00 € | 13 296 013 571,28 € |
    Quand je consulte la situation budgétaire du programme "0217" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes     | AE réservées | AE disponibles  | CP ouverts      | CP disponibles  |
      | 6     | 15 840 000,00 € | 926 200,00 € | 14 913 800,00 € | 15 840 000,00 € | 14 913 800,00 € |

  @critique @evolution:EVO-2026-002
  Scénario: Une loi rectificative peut annuler exactement tout le disponible d'un programme
    Quand j'intègre la loi de finances rectificative "LFR 2026-1" :
      | Programme | Titre | AE             | CP             |
      | 0103      | 3     | -26 318 250,00 | -25 458 300,00 |
    Alors l'opération est acceptée avec le message "ouvertures AE 0,00 €, CP 0,00 € ; annulations AE 26 318 250,00 €, CP 25 458 300,00 €"
    Quand je consulte la situation budgétaire du programme "0103" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes    | AE réservées   | AE disponibles | CP ouverts     | CP réservés    | CP disponibles |
      | 3     | 1 531 750,00 € | 1 531 750,00 € | 0,00 €         | 1 481 700,00 € | 1 481 700,00 € | 0,00 €         |

  @critique @evolution:EVO-2026-002
  Scénario: Une annulation d'un centime au-delà du disponible refuse toute la loi rectificative
    Quand j'intègre la loi de finances rectificative "LFR 2026-1" :
      | Programme | Titre | AE             | CP             |
      | 0150      | 3     | 150 000 000,00 | 120 000 000,00 |
      | 0103      | 3     | -26 318 250,01 | 0,00           |
    Alors l'opération est refusée avec le message "Annulation par la loi « LFR 2026-1 » refusée : 26 318 250,01 € à annuler, 26 318 250,00 € disponibles en AE sur le programme 0103 (titre 3)"
    Quand je consulte la situation budgétaire du programme "0103" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes     | AE disponibles  |
      | 3     | 27 850 000,00 € | 26 318 250,00 € |
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes         | CP ouverts          |
      | 3     | 13 942 871 504,00 € | 13 942 871 504,00 € |

  @critique @evolution:EVO-2026-002
  Scénario: Une annulation de CP d'un centime au-delà du disponible ne change les crédits d'aucun programme
    Quand j'intègre la loi de finances rectificative "LFR 2026-1" :
      | Programme | Titre | AE            | CP             |
      | 0217      | 6     | -1 000 000,00 | -1 000 000,00  |
      | 0103      | 3     | 0,00          | -25 458 300,01 |
    Quand je consulte la situation budgétaire du programme "0103" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | CP ouverts      | CP réservés    | CP disponibles  |
      | 3     | 26 940 000,00 € | 1 481 700,00 € | 25 458 300,00 € |
    Quand je consulte la situation budgétaire du programme "0217" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes     | CP ouverts      |
      | 6     | 16 840 000,00 € | 16 840 000,00 € |

  @majeur @evolution:EVO-2026-002
  Scénario: Une ligne mal écrite du fichier de la loi rectificative est nommée et rien n'est intégré
    Quand j'intègre la loi de finances rectificative "LFR 2026-1" :
      | Programme | Titre | AE             | CP             |
      | 0150      | 3     | 150 000 000,00 | 120 000 000,00 |
      | 0217      | 6     | -1 000,005     | 0,00           |
    Alors l'opération est refusée avec le message "Fichier CSV, ligne 3 : AE : -1 000,005 a plus de deux décimales"
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes         |
      | 3     | 13 942 871 504,00 € |
