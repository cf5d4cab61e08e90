# language: fr
@regulation
Fonctionnalité: Virements de crédits entre programmes d'un même ministère
  En tant que responsable de programme
  Je veux virer des crédits vers un autre programme de mon ministère
  Afin d'ajuster la répartition des crédits en gestion, dans la limite de 2 % des crédits LFI de chaque programme (art. 12-I de la LOLF)

  Contexte:
    Étant donné le jeu de données "vierge" est chargé

  # Crédits LFI 2026, tous titres (fixtures/lfi_2026.csv), et plafond de 2 % arrondi au centime inférieur :
  #   0161 Sécurité civile (MI) : AE 1 114 644 560,00 € → 22 292 891,20 € ; CP 868 984 560,00 € → 17 379 691,20 €.
  #   0216 Conduite et pilotage des politiques de l'intérieur (MI) :
  #                               AE 1 305 807 310,00 € → 26 116 146,20 € ; CP 1 224 597 310,00 € → 24 491 946,20 €.
  #   0217 (MTE) : AE 3 009 448 356,00 € → 60 188 967,12 €.
  # 0161 T3 : AE 287 450 000,00 € (disponible 271 640 250,00 €), CP 291 250 000,00 € (disponible 275 231 250,00 €).

  @critique @evolution:EVO-2026-004
  Scénario: Deux virements qui cumulent exactement 2 % des crédits LFI du plus petit programme sont acceptés
    Étant donné un virement de 12 000 000,00 € d'AE et 10 000 000,00 € de CP du programme "0216" vers le programme "0161" en titre 3
    Quand je vire 10 292 891,20 € d'AE et 7 379 691,20 € de CP du programme "0216" vers le programme "0161" en titre 3
    Alors l'opération est acceptée avec le message "Virement enregistré : programme 0216 titre 3 → programme 0161 titre 3, AE 10 292 891,20 €, CP 7 379 691,20 €"
    Quand je consulte la régulation budgétaire de l'exercice N
    Alors le plafond des virements affiche :
      | Programme | Plafond AE      | Virements AE    | Reste AE       | Plafond CP      | Virements CP    | Reste CP       |
      | 0161      | 22 292 891,20 € | 22 292 891,20 € | 0,00 €         | 17 379 691,20 € | 17 379 691,20 € | 0,00 €         |
      | 0216      | 26 116 146,20 € | 22 292 891,20 € | 3 823 255,00 € | 24 491 946,20 € | 17 379 691,20 € | 7 112 255,00 € |
    Quand je consulte la situation budgétaire du programme "0161" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes      | AE disponibles   | CP ouverts       | CP disponibles   |
      | 3     | 309 742 891,20 € | 293 933 141,20 € | 308 629 691,20 € | 292 610 941,20 € |

  @critique @evolution:EVO-2026-004
  Scénario: Un virement qui porterait le cumul d'un centime au-delà de 2 % des crédits LFI est refusé
    Étant donné un virement de 12 000 000,00 € d'AE et 10 000 000,00 € de CP du programme "0216" vers le programme "0161" en titre 3
    Quand je vire 10 292 891,21 € d'AE et 0,00 € de CP du programme "0216" vers le programme "0161" en titre 3
    Alors l'opération est refusée avec le message "Virement refusé : le cumul des virements du programme 0161 atteindrait 2,01 % de ses crédits LFI en AE (plafond 2 %) : 10 292 891,21 € demandés, 10 292 891,20 € encore possibles"
    Quand je consulte la situation budgétaire du programme "0161" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes      | AE disponibles   |
      | 3     | 299 450 000,00 € | 283 640 250,00 € |

  @majeur @evolution:EVO-2026-004
  Scénario: Un virement entre programmes de ministères différents est refusé
    Quand je vire 1 000 000,00 € d'AE et 1 000 000,00 € de CP du programme "0217" vers le programme "0216" en titre 3
    Alors l'opération est refusée avec le message "Virement refusé : les programmes 0217 (MTE) et 0216 (MI) relèvent de ministères différents (utiliser un transfert)"

  @majeur @evolution:EVO-2026-008
  Scénario: La régulation budgétaire de l'exercice liste ses mouvements dans l'ordre et le cumul des virements
    Étant donné un virement de 5 000 000,00 € d'AE et 4 000 000,00 € de CP du programme "0216" vers le programme "0161" en titre 3
    Et un surgel de 1 000 000,00 € d'AE et 1 000 000,00 € de CP sur le programme "0217" en titre 2
    Et un fonds de concours de 750 000,00 € rattaché au programme "0216" en titre 2
    Quand je consulte la régulation budgétaire de l'exercice N
    Alors les mouvements de régulation affichent, dans l'ordre :
      | Mouvement         | Programme source | Titre source | Programme destination | Titre destination | AE             | CP             |
      | Virement          | 0216             | T3           | 0161                  | T3                | 5 000 000,00 € | 4 000 000,00 € |
      | Surgel            | 0217             | T2           | 0217                  | T2                | 1 000 000,00 € | 1 000 000,00 € |
      | Fonds de concours | —                | —            | 0216                  | T2                | 750 000,00 €   | 750 000,00 €   |
    Et le plafond des virements affiche :
      | Programme | AE LFI             | Virements AE   | Reste AE        | CP LFI           | Virements CP   | Reste CP        |
      | 0161      | 1 114 644 560,00 € | 5 000 000,00 € | 17 292 891,20 € | 868 984 560,00 € | 4 000 000,00 € | 13 379 691,20 € |
      | 0217      | 3 009 448 356,00 € | 0,00 €         | 60 188 967,12 € | 2 987 303 756,00 € | 0,00 €       | 59 746 075,12 € |
