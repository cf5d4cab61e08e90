# language: fr
@budget
Fonctionnalité: Affectation d'AE sur tranche fonctionnelle
  En tant que responsable d'une opération d'investissement
  Je veux affecter des AE à une tranche fonctionnelle et y engager mes marchés
  Afin de réserver les AE d'une opération cohérente (LOLF art. 8)

  Contexte:
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0150-CSUP-DR75" dotée en titre 5 de 600 000,00 € d'AE et 100 000,00 € de CP

  @critique @evolution:EVO-2026-040
  Scénario: L'affectation d'AE à une nouvelle tranche fonctionnelle réduit les AE disponibles de l'UO
    Quand j'affecte 300 000,00 € d'AE à une nouvelle tranche fonctionnelle "Réhabilitation du bâtiment de chimie" de l'UO "BG00/0150-CSUP-DR75" en titre 5
    Alors l'opération est acceptée avec le message "TF0150000001"
    Quand je consulte la situation budgétaire de l'UO "BG00/0150-CSUP-DR75" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes  | AE affectées | AE engagées | AE disponibles |
      | 5     | 600 000,00 € | 300 000,00 € | 0,00 €      | 300 000,00 €   |

  @critique @evolution:EVO-2026-040
  Scénario: Une affectation au-delà des AE disponibles de l'UO est refusée
    Quand j'affecte 600 000,01 € d'AE à une nouvelle tranche fonctionnelle "Opération trop chère" de l'UO "BG00/0150-CSUP-DR75" en titre 5
    Alors l'opération est refusée avec le message "Crédits insuffisants : 600 000,01 € demandés, 600 000,00 € disponibles en AE sur l'UO BG00/0150-CSUP-DR75"

  @critique @evolution:EVO-2026-040
  Scénario: Un engagement sur la tranche consomme ses AE affectées, pas le disponible de l'UO
    Étant donné une tranche fonctionnelle "Campus Jussieu" de 300 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 5
    Quand j'engage 100 000,00 € sur cette tranche fonctionnelle auprès du fournisseur "1000023871"
    Alors l'engagement juridique est créé avec le statut "Engagé"
    Et l'AENE de cette tranche fonctionnelle est de 200 000,00 €
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 5 sont de 300 000,00 €
    Quand j'ouvre la page de cette tranche fonctionnelle
    Alors les AE engagées de cette tranche fonctionnelle sont de 100 000,00 €
    Et les AE affectées de cette tranche fonctionnelle sont de 300 000,00 €

  @critique @evolution:EVO-2026-040
  Scénario: Un engagement au-delà des AE affectées non engagées de la tranche est refusé
    Étant donné une tranche fonctionnelle "Campus Jussieu" de 300 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 5
    Quand j'engage 300 000,01 € sur cette tranche fonctionnelle auprès du fournisseur "1000023871"
    Alors l'opération est refusée avec le message "Crédits insuffisants : 300 000,01 € demandés, 300 000,00 € disponibles en AE sur la tranche fonctionnelle TF0150000001"

  @majeur @evolution:EVO-2026-040
  Scénario: Le retrait d'affectation rend les AE non engagées à l'UO
    Étant donné une tranche fonctionnelle "Campus Jussieu" de 300 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 5
    Et un engagement juridique de 100 000,00 € sur cette tranche fonctionnelle
    Quand je retire 200 000,00 € d'AE affectées de cette tranche fonctionnelle
    Alors l'AENE de cette tranche fonctionnelle est de 0,00 €
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 5 sont de 500 000,00 €

  @majeur @evolution:EVO-2026-040
  Scénario: On ne peut pas retirer plus que les AE affectées non engagées
    Étant donné une tranche fonctionnelle "Campus Jussieu" de 300 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 5
    Et un engagement juridique de 100 000,00 € sur cette tranche fonctionnelle
    Quand je retire 200 000,01 € d'AE affectées de cette tranche fonctionnelle
    Alors l'opération est refusée avec le message "Crédits insuffisants : 200 000,01 € demandés, 200 000,00 € disponibles en AE affectées non engagées sur la tranche fonctionnelle TF0150000001"

  @mineur @evolution:EVO-2026-040
  Scénario: Une affectation complémentaire augmente l'AENE de la tranche
    Étant donné une tranche fonctionnelle "Campus Jussieu" de 300 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 5
    Quand j'affecte 50 000,00 € d'AE de plus à cette tranche fonctionnelle
    Alors l'AENE de cette tranche fonctionnelle est de 350 000,00 €
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 5 sont de 250 000,00 €
