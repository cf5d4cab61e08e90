# language: fr
@regulation
Fonctionnalité: Rattachement des fonds de concours
  En tant que responsable de programme
  Je veux rattacher à mon programme les fonds de concours reçus
  Afin d'ouvrir autant d'AE que de CP que l'argent reçu, sur le titre qui le dépensera

  Contexte:
    Étant donné le jeu de données "vierge" est chargé

  # LFI 2026 :
  #   0217 T2 : 2 712 389 456,00 € en AE et en CP, réserve 0,5 % : 13 561 947,28 €.
  #   0161 T5 : AE 436 780 000,00 € (réserve 24 022 900,00 €), CP 187 320 000,00 € (réserve 10 302 600,00 €).
  # Un fonds de concours n'est pas mis en réserve.

  @critique @evolution:EVO-2026-007
  Plan du Scénario: Un fonds de concours ouvre des AE et des CP égaux au montant reçu
    Quand je rattache un fonds de concours de <montant> au programme "<programme>" en titre <titre> sous la référence "<reference>"
    Alors l'opération est acceptée avec le message "Fonds de concours rattaché : programme <programme>, titre <titre>, AE <montant>, CP <montant> (référence <reference>)"
    Quand je consulte la situation budgétaire du programme "<programme>" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre   | AE ouvertes   | AE réservées   | AE disponibles   | CP ouverts   | CP disponibles   |
      | <titre> | <ae_ouvertes> | <ae_reservees> | <ae_disponibles> | <cp_ouverts> | <cp_disponibles> |

    Exemples:
      | programme | titre | montant        | reference     | ae_ouvertes        | ae_reservees    | ae_disponibles     | cp_ouverts         | cp_disponibles     |
      | 0217      | 2     | 1 234 567,89 € | FDC 1-2-00123 | 2 713 624 023,89 € | 13 561 947,28 € | 2 700 062 076,61 € | 2 713 624 023,89 € | 2 700 062 076,61 € |
      | 0161      | 5     | 2 500 000,00 € | FDC 1-2-00456 | 439 280 000,00 €   | 24 022 900,00 € | 415 257 100,00 €   | 189 820 000,00 €   | 179 517 400,00 €   |
