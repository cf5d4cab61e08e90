# language: fr
@budget
Fonctionnalité: Chaque chiffre de la situation budgétaire calculé sur la bonne base
  En tant que responsable de programme, de BOP ou d'UO
  Je veux que chaque colonne de la situation soit juste, à chaque niveau, après toute la chaîne de la dépense
  Afin qu'un chiffre calculé sur une mauvaise base (disponible avant la réserve, avant les mises à disposition) soit vu en recette

  # Jeu « vierge » : LFI 2026 du programme 0150, titre 3 : 13 942 871 504,00 € en AE et en CP,
  # réserve de précaution de 5,5 % (766 857 932,72 €).
  Contexte:
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Et le BOP "0150-CSUP" doté en titre 3 de 50 000,00 € d'AE et 40 000,00 € de CP
    Et un engagement juridique de 30 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et un service fait de 30 000,00 € sur cet engagement
    Et une demande de paiement de 12 345,67 € sur cet engagement
    Quand je paie cette demande de paiement

  @critique @evolution:EVO-2026-070
  Scénario: Chaque chiffre de la situation du programme déduit la réserve et les mises à disposition
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes         | AE réservées     | AE mises à disposition | AE affectées | AE engagées | AE disponibles      | CP ouverts          | CP réservés      | CP mis à disposition | CP consommés | CP disponibles      |
      | 3     | 13 942 871 504,00 € | 766 857 932,72 € | 250 000,00 €           | 0,00 €       | 30 000,00 € | 13 175 763 571,28 € | 13 942 871 504,00 € | 766 857 932,72 € | 140 000,00 €         | 12 345,67 €  | 13 175 873 571,28 € |

  @critique @evolution:EVO-2026-070
  Scénario: Chaque chiffre de la situation du BOP déduit ce qu'il a mis à disposition de ses UO
    Quand je consulte la situation budgétaire du BOP "0150-CSUP" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes  | AE réservées | AE mises à disposition | AE affectées | AE engagées | AE disponibles | CP ouverts   | CP réservés | CP mis à disposition | CP consommés | CP disponibles |
      | 3     | 250 000,00 € | 0,00 €       | 200 000,00 €           | 0,00 €       | 30 000,00 € | 50 000,00 €    | 140 000,00 € | 0,00 €      | 100 000,00 €         | 12 345,67 €  | 40 000,00 €    |
      | Total | 250 000,00 € | 0,00 €       | 200 000,00 €           | 0,00 €       | 30 000,00 € | 50 000,00 €    | 140 000,00 € | 0,00 €      | 100 000,00 €         | 12 345,67 €  | 40 000,00 €    |

  @critique @evolution:EVO-2026-070
  Scénario: Chaque chiffre de la situation de l'UO déduit ce qu'elle a engagé et payé
    Quand je consulte la situation budgétaire de l'UO "BG00/0150-CSUP-DR75" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes  | AE réservées | AE mises à disposition | AE affectées | AE engagées | AE disponibles | CP ouverts   | CP réservés | CP mis à disposition | CP consommés | CP disponibles |
      | 3     | 200 000,00 € | 0,00 €       | 0,00 €                 | 0,00 €       | 30 000,00 € | 170 000,00 €   | 100 000,00 € | 0,00 €      | 0,00 €               | 12 345,67 €  | 87 654,33 €    |

  @majeur @evolution:EVO-2026-070
  Scénario: Chaque disponible du programme lu seul est celui d'après la réserve
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors les AE disponibles du programme "0150" en titre 3 sont de 13 175 763 571,28 €
    Et les CP disponibles du programme "0150" en titre 3 sont de 13 175 873 571,28 €
    Et les AE réservées du programme "0150" en titre 3 sont de 766 857 932,72 €
