# language: fr
@budget
Fonctionnalité: Réduction et retrait d'un engagement juridique
  En tant que gestionnaire d'un service exécutant
  Je veux réduire ou retirer un engagement devenu sans objet
  Afin de libérer les AE de l'exercice, sans jamais recycler les AE d'un exercice antérieur

  @critique @evolution:EVO-2026-060
  Scénario: La réduction d'un engagement de l'exercice libère ses AE
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Et un engagement juridique de 50 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Quand je réduis cet engagement de 20 000,00 €
    Alors le Montant de cet engagement est de 30 000,00 €
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 170 000,00 €

  @critique @evolution:EVO-2026-060
  Scénario: La réduction d'un engagement d'un exercice antérieur ne libère aucune AE
    Étant donné le jeu de données "standard" est chargé
    Et l'engagement juridique "2103105755" de l'exercice précédent
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 5 sont notées
    Quand je réduis cet engagement de 1 000 000,00 €
    Alors le Montant de cet engagement est de 5 480 000,00 €
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 5 ont augmenté de 0,00 €

  @critique @evolution:EVO-2026-060
  Scénario: Le retrait d'un engagement d'un exercice antérieur ne rend aucune AE à l'UO
    Étant donné le jeu de données "standard" est chargé
    Et l'engagement juridique "2103105755" de l'exercice précédent
    Et les AE engagées de l'UO "BG00/0150-CSUP-DR75" en titre 5 sont notées
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 5 sont notées
    Quand je retire cet engagement
    Alors le Montant de cet engagement est de 3 900 000,00 €
    Et le Reste à payer de cet engagement est de 660 000,00 €
    Et les AE engagées de l'UO "BG00/0150-CSUP-DR75" en titre 5 ont diminué de 0,00 €
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 5 ont augmenté de 0,00 €

  @majeur @evolution:EVO-2026-060
  Scénario: Un engagement ne peut pas être réduit en dessous du service fait
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Et un engagement juridique de 50 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et un service fait de 40 000,00 € sur cet engagement
    Quand je réduis cet engagement de 20 000,00 €
    Alors l'opération est refusée avec le message "Réduction impossible : 20 000,00 € demandés, 10 000,00 € réductibles sur le poste 1 de l'EJ 2103000001 (service fait : 40 000,00 €)"

  @majeur @evolution:EVO-2026-060
  Scénario: Le retrait d'un engagement ramène son montant au service fait et libère le reste
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Et un engagement juridique de 50 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et un service fait de 10 000,00 € sur cet engagement
    Quand je retire cet engagement
    Alors le Montant de cet engagement est de 10 000,00 €
    Et le statut de cet engagement est "Réceptionné"
    Et les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 190 000,00 €
