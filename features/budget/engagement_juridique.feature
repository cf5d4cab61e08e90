# language: fr
@budget
Fonctionnalité: Engagement juridique sur les AE disponibles d'une UO
  En tant que gestionnaire d'un service exécutant
  Je veux engager juridiquement les dépenses de mon unité opérationnelle
  Afin de consommer les autorisations d'engagement dans la limite des crédits mis à disposition

  Contexte:
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP

  @critique @evolution:EVO-2026-014
  Scénario: Un engagement dans la limite des AE disponibles est créé et consomme les AE
    Quand j'engage 120 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000012345"
    Alors l'engagement juridique est créé avec le statut "Engagé"
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 80 000,00 €

  @critique @evolution:EVO-2026-014
  Scénario: Un engagement d'un centime au-delà des AE disponibles est refusé
    Étant donné un engagement juridique de 80 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Quand j'engage 120 000,01 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000012345"
    Alors l'opération est refusée avec le message "Crédits insuffisants : 120 000,01 € demandés, 120 000,00 € disponibles en AE sur l'UO BG00/0150-CSUP-DR75"
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 120 000,00 €

  @majeur @evolution:EVO-2026-014
  Plan du Scénario: Un engagement jusqu'à la limite exacte des AE disponibles est accepté
    Quand j'engage <montant> sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000012345"
    Alors l'engagement juridique est créé avec le statut "Engagé"
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de <reste>

    Exemples:
      | montant      | reste        |
      | 200 000,00 € | 0,00 €       |
      | 199 999,99 € | 0,01 €       |
      | 0,01 €       | 199 999,99 € |

  @majeur @evolution:EVO-2026-021
  Scénario: Un engagement sur plusieurs postes consomme la somme de ses postes
    Quand j'engage sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000023871" les postes :
      | Montant     | Domaine fonctionnel | Activité          |
      | 45 000,50 € | 0150-01-02          | BG00/015001010101 |
      | 4 999,50 €  | 0150-01-01          | BG00/015001010101 |
    Alors l'engagement juridique est créé avec le statut "Engagé"
    Et le Montant de cet engagement est de 50 000,00 €
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 150 000,00 €

  @majeur @evolution:EVO-2026-021
  Scénario: Un poste imputé sur le domaine fonctionnel d'un autre programme est refusé
    Quand j'engage sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000012345" les postes :
      | Montant     | Domaine fonctionnel | Activité          |
      | 10 000,00 € | 0217-07-05          | BG00/015001010101 |
    Alors l'opération est refusée avec le message "Poste 1 : domaine fonctionnel 0217-07-05 hors du programme 0150 de l'UO BG00/0150-CSUP-DR75"
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 200 000,00 €

  @majeur @evolution:EVO-2026-014
  Scénario: L'augmentation d'un engagement consomme des AE supplémentaires
    Étant donné un engagement juridique de 50 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Quand j'augmente cet engagement de 30 000,00 €
    Alors le Montant de cet engagement est de 80 000,00 €
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 120 000,00 €

  @critique @evolution:EVO-2026-014
  Scénario: L'augmentation d'un engagement au-delà des AE disponibles est refusée
    Étant donné un engagement juridique de 150 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Quand j'augmente cet engagement de 50 000,01 €
    Alors l'opération est refusée avec le message "Crédits insuffisants : 50 000,01 € demandés, 50 000,00 € disponibles en AE sur l'UO BG00/0150-CSUP-DR75"
    Et le Montant de cet engagement est de 150 000,00 €
