# language: fr
@lois_de_finances
Fonctionnalité: Réserve de précaution arrondie au demi-centime supérieur
  En tant qu'agent de la Direction du Budget
  Je veux que la réserve de précaution d'un montant qui tombe sur un demi-centime soit arrondie au centime supérieur
  Afin qu'un arrondi au centime pair (arrondi bancaire) ou inférieur soit vu en recette

  Contexte:
    Étant donné le jeu de données "referentiel" est chargé

  @critique @evolution:EVO-2026-001
  Plan du Scénario: La réserve hors titre 2 d'un montant qui tombe sur un demi-centime est arrondie au centime supérieur
    Quand j'intègre la loi de finances "LFI 2026" avec une réserve de 0,5 % en T2 et <taux> % hors T2 :
      | Programme | Titre | AE   | CP   | ETPT |
      | 0161      | 3     | <ae> | <cp> | 0    |
    Et je consulte la situation budgétaire du programme "0161" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes | AE réservées  | AE disponibles | CP ouverts | CP réservés   | CP disponibles |
      | 3     | <ae> €      | <réserve AE>  | <dispo AE>     | <cp> €     | <réserve CP>  | <dispo CP>     |

    Exemples: 5 % de 100 000,10 € font 5 000,005 € (centime pair en dessous) ; de 100 000,30 €, 5 000,015 € (centime impair en dessous) ; un centime de part et d'autre
      | taux | ae         | réserve AE | dispo AE    | cp         | réserve CP | dispo CP    |
      | 5    | 100 000,10 | 5 000,01 € | 95 000,09 € | 100 000,30 | 5 000,02 € | 95 000,28 € |
      | 5    | 100 000,09 | 5 000,00 € | 95 000,09 € | 100 000,11 | 5 000,01 € | 95 000,10 € |
      | 5,5  | 3,00       | 0,17 €     | 2,83 €      | 1,00       | 0,06 €     | 0,94 €      |

  @critique @evolution:EVO-2026-001
  Plan du Scénario: La réserve du titre 2 d'un montant qui tombe sur un demi-centime est arrondie au centime supérieur
    Quand j'intègre la loi de finances "LFI 2026" avec une réserve de 0,5 % en T2 et 5,5 % hors T2 :
      | Programme | Titre | AE   | CP   | ETPT |
      | 0150      | 2     | <ae> | <ae> | 10   |
    Et je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE réservées | AE disponibles | CP réservés | CP disponibles |
      | 2     | <réserve>    | <disponible>   | <réserve>   | <disponible>   |

    Exemples: 0,5 % de 1,00 € font un demi-centime ; de 1 000 001,00 €, 5 000,005 €
      | ae           | réserve    | disponible   |
      | 1,00         | 0,01 €     | 0,99 €       |
      | 1 000 001,00 | 5 000,01 € | 995 000,99 € |
      | 0,99         | 0,00 €     | 0,99 €       |
