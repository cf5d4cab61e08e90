# language: fr
@regulation
Fonctionnalité: Refus des mouvements de régulation incohérents
  En tant que responsable de programme
  Je veux qu'un virement, un transfert ou une fongibilité sans objet ou mal orienté soit refusé avec sa raison
  Afin de ne jamais enregistrer un mouvement de crédits qui ne respecte pas la LOLF

  # Jeu « vierge » : LFI 2026 intégrée pour tous les programmes. 0150, 0172 et 0231 relèvent du MESR,
  # 0161 et 0216 du ministère de l'Intérieur.

  @majeur @evolution:EVO-2026-004
  Plan du Scénario: Un virement sans montant, négatif ou vers son propre programme est refusé
    Étant donné le jeu de données "vierge" est chargé
    Quand je vire <ae> d'AE et <cp> de CP du programme "0216" vers le programme "<destination>" en titre 3
    Alors l'opération est refusée avec le message "<message>"

    Exemples:
      | destination | ae          | cp     | message                                                               |
      | 0161        | 0,00 €      | 0,00 € | Le mouvement porte sur un montant d'AE ou de CP non nul               |
      | 0161        | -100,00 €   | 0,00 € | Le montant AE ne peut pas être négatif (-100,00 €)                    |
      | 0216        | 1 000,00 €  | 0,00 € | Le programme source et le programme destination sont identiques (0216) |

  @majeur @evolution:EVO-2026-005
  Scénario: Un transfert entre deux programmes du même ministère est refusé
    Étant donné le jeu de données "vierge" est chargé
    Quand je transfère 1 000,00 € d'AE et 0,00 € de CP du programme "0150" vers le programme "0231" en titre 3
    Alors l'opération est refusée avec le message "Transfert refusé : les programmes 0150 et 0231 relèvent du même ministère MESR (utiliser un virement)"

  @majeur @evolution:EVO-2026-006
  Scénario: Une fongibilité d'un titre vers lui-même est refusée
    Étant donné le jeu de données "vierge" est chargé
    Quand je déplace 1 000,00 € d'AE et 0,00 € de CP du titre 3 vers le titre 3 du programme "0150"
    Alors l'opération est refusée avec le message "Fongibilité : le titre source et le titre destination sont identiques (3)"

  @majeur @evolution:EVO-2026-004
  Scénario: Un virement depuis un programme sans crédit LFI sur l'exercice est refusé
    # Jeu « cloture », exercice N clos : l'exercice N+1 n'a encore aucune loi de finances initiale.
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et le programme "0216" doté en titre 3 de 10 000,00 € d'AE et 10 000,00 € de CP
    Quand je vire 1 000,00 € d'AE et 0,00 € de CP du programme "0216" vers le programme "0161" en titre 3
    Alors l'opération est refusée avec le message "Virement refusé : le programme 0216 n'a aucun crédit LFI en AE (plafond 2 %) : 1 000,00 € demandés, 0,00 € encore possibles"
