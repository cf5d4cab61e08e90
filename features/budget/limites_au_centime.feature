# language: fr
@budget
Fonctionnalité: Chaque limite de crédits tenue au centime près
  En tant que responsable de BOP ou d'UO
  Je veux que chaque limite de crédits accepte tout le disponible, au centime près, et refuse le centime de plus
  Afin qu'une limite décalée d'un centime, dans un sens ou dans l'autre, soit vue en recette

  Contexte:
    Étant donné le jeu de données "vierge" est chargé

  @critique @evolution:EVO-2026-030
  Plan du Scénario: Le BOP met à disposition de son UO jusqu'au dernier centime de son disponible
    Étant donné le BOP "0150-CSUP" doté en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Quand je mets à disposition <ae> d'AE et <cp> de CP en titre 3 de "0150-CSUP" vers "BG00/0150-CSUP-DR75"
    Alors l'opération est acceptée avec le message "Mise à disposition"
    Et les AE disponibles du BOP "0150-CSUP" en titre 3 sont de <reste AE>
    Et les CP disponibles du BOP "0150-CSUP" en titre 3 sont de <reste CP>
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de <ae>

    Exemples: un centime en dessous, puis exactement le disponible
      | ae           | cp           | reste AE | reste CP |
      | 199 999,99 € | 99 999,99 €  | 0,01 €   | 0,01 €   |
      | 200 000,00 € | 100 000,00 € | 0,00 €   | 0,00 €   |

  @critique @evolution:EVO-2026-030
  Scénario: Une mise à disposition d'un centime au-delà du disponible du BOP est refusée et ne distribue rien
    Étant donné le BOP "0150-CSUP" doté en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Quand je mets à disposition 200 000,01 € d'AE et 100 000,00 € de CP en titre 3 de "0150-CSUP" vers "BG00/0150-CSUP-DR75"
    Alors l'opération est refusée avec le message "Crédits insuffisants : 200 000,01 € demandés, 200 000,00 € disponibles en AE sur le BOP 0150-CSUP"
    Et les AE disponibles du BOP "0150-CSUP" en titre 3 sont de 200 000,00 €
    Et les CP disponibles du BOP "0150-CSUP" en titre 3 sont de 100 000,00 €
    Et les AE mises à disposition du BOP "0150-CSUP" en titre 3 sont de 0,00 €

  @critique @evolution:EVO-2026-014
  Plan du Scénario: L'augmentation d'un engagement consomme les AE de l'UO jusqu'au dernier centime
    Étant donné l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Et un engagement juridique de 150 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Quand j'augmente cet engagement de <augmentation>
    Alors le Montant de cet engagement est de <montant>
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de <reste>

    Exemples: un centime en dessous, puis exactement le disponible
      | augmentation | montant      | reste  |
      | 49 999,99 €  | 199 999,99 € | 0,01 € |
      | 50 000,00 €  | 200 000,00 € | 0,00 € |

  @critique @evolution:EVO-2026-014
  Scénario: L'augmentation d'un engagement d'un centime au-delà des AE disponibles est refusée et ne consomme rien
    Étant donné l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Et un engagement juridique de 150 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Quand j'augmente cet engagement de 50 000,01 €
    Alors l'opération est refusée avec le message "Crédits insuffisants : 50 000,01 € demandés, 50 000,00 € disponibles en AE sur l'UO BG00/0150-CSUP-DR75"
    Et le Montant de cet engagement est de 150 000,00 €
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 50 000,00 €

  @critique @evolution:EVO-2026-021
  Plan du Scénario: Un engagement sur une tranche fonctionnelle consomme son AENE jusqu'au dernier centime
    Étant donné l'UO "BG00/0150-CSUP-DR75" dotée en titre 5 de 300 000,00 € d'AE et 100 000,00 € de CP
    Et une tranche fonctionnelle "Rénovation de l'amphithéâtre" de 100 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 5
    Quand j'engage <montant> sur cette tranche fonctionnelle auprès du fournisseur "1000012345"
    Alors l'engagement juridique est créé avec le statut "Engagé"
    Et l'AENE de cette tranche fonctionnelle est de <aene>

    Exemples: un centime en dessous, puis exactement l'AENE
      | montant      | aene   |
      | 99 999,99 €  | 0,01 € |
      | 100 000,00 € | 0,00 € |

  @critique @evolution:EVO-2026-021
  Scénario: Un engagement d'un centime au-delà de l'AENE d'une tranche fonctionnelle est refusé et ne consomme rien
    Étant donné l'UO "BG00/0150-CSUP-DR75" dotée en titre 5 de 300 000,00 € d'AE et 100 000,00 € de CP
    Et une tranche fonctionnelle "Rénovation de l'amphithéâtre" de 100 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 5
    Quand j'engage 100 000,01 € sur cette tranche fonctionnelle auprès du fournisseur "1000012345"
    Alors l'opération est refusée avec le message "Crédits insuffisants : 100 000,01 € demandés, 100 000,00 € disponibles en AE sur la tranche fonctionnelle TF0150000001"
    Et l'AENE de cette tranche fonctionnelle est de 100 000,00 €
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 5 sont de 200 000,00 €
