# language: fr
@lois_de_finances
Fonctionnalité: Intégration de la loi de finances initiale
  En tant qu'agent de la Direction du Budget
  Je veux intégrer dans Chorus les crédits votés par programme et par titre
  Afin d'ouvrir les AE et les CP de l'exercice, diminués de la réserve de précaution

  Contexte:
    Étant donné le jeu de données "referentiel" est chargé

  @critique @evolution:EVO-2026-001
  Scénario: L'intégration de la LFI ouvre les crédits et met en réserve la part de précaution
    Quand j'intègre la loi de finances "LFI 2026" avec une réserve de 0,5 % en T2 et 5,5 % hors T2 :
      | Programme | Titre | AE               | CP               | ETPT |
      | 0150      | 2     | 527 416 238,00   | 527 416 238,00   | 6892 |
      | 0150      | 3     | 1 000 000 000,00 | 900 000 000,00   | 0    |
      | 0217      | 3     | 231 468 900,00   | 226 874 300,00   | 0    |
    Alors l'opération est acceptée avec le message "LFI 2026"
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes        | AE réservées    | AE disponibles   | CP ouverts     | CP disponibles |
      | 2     | 527 416 238,00 €   | 2 637 081,19 €  | 524 779 156,81 € | 527 416 238,00 € | 524 779 156,81 € |
      | 3     | 1 000 000 000,00 € | 55 000 000,00 € | 945 000 000,00 € | 900 000 000,00 € | 850 500 000,00 € |

  @majeur @evolution:EVO-2026-001
  Plan du Scénario: La réserve de précaution est arrondie au centime le plus proche
    Quand j'intègre la loi de finances "LFI 2026" avec une réserve de <taux> % en T2 et <taux> % hors T2 :
      | Programme | Titre | AE   | CP   | ETPT |
      | 0161      | 3     | <ae> | <ae> | 0    |
    Quand je consulte la situation budgétaire du programme "0161" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE réservées | AE disponibles |
      | 3     | <reserve>    | <disponible>   |

    Exemples:
      | taux | ae           | reserve     | disponible   |
      | 5,5  | 1 000 000,01 | 55 000,00 € | 945 000,01 € |
      | 5,5  | 10,10        | 0,56 €      | 9,54 €       |
      | 0,5  | 0,99         | 0,00 €      | 0,99 €       |
      | 0    | 123 456,78   | 0,00 €      | 123 456,78 € |

  @critique @evolution:EVO-2026-001
  Scénario: Une loi de finances ne peut pas être intégrée deux fois
    Quand j'intègre la loi de finances "LFI 2026" avec une réserve de 0,5 % en T2 et 5,5 % hors T2 :
      | Programme | Titre | AE        | CP        | ETPT |
      | 0150      | 3     | 10 000,00 | 10 000,00 | 0    |
    Et j'intègre la loi de finances "LFI 2026" avec une réserve de 0,5 % en T2 et 5,5 % hors T2 :
      | Programme | Titre | AE        | CP        | ETPT |
      | 0150      | 3     | 10 000,00 | 10 000,00 | 0    |
    Alors l'opération est refusée avec le message "La loi de finances « LFI 2026 » est déjà intégrée"
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes |
      | 3     | 10 000,00 € |

  @majeur @evolution:EVO-2026-001
  Scénario: Une loi de finances portant sur un programme inconnu est refusée en entier
    Quand j'intègre la loi de finances "LFI 2026" avec une réserve de 0,5 % en T2 et 5,5 % hors T2 :
      | Programme | Titre | AE        | CP        | ETPT |
      | 0150      | 3     | 10 000,00 | 10 000,00 | 0    |
      | 0999      | 3     | 10 000,00 | 10 000,00 | 0    |
    Alors l'opération est refusée avec le message "Fichier CSV, ligne 3 : programme inconnu du référentiel : 0999"
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes |
      | Total | 0,00 €      |
