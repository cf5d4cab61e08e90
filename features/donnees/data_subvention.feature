# language: fr
@donnees
Fonctionnalité: Extraction Data.Subvention des paiements aux associations
  En tant que responsable de la publication des subventions
  Je veux extraire chaque semaine les paiements de l'État aux associations
  Afin que Data.Subvention les rattache à chaque association par son SIRET

  @critique @evolution:EVO-2026-090
  Scénario: L'extraction Data.Subvention du jeu standard est conforme à l'attendu
    Étant donné le jeu de données "standard" est chargé
    Quand j'extrais la restitution "DATA-SUBVENTION" de l'exercice N
    Alors l'extraction est conforme à "expected/data-subvention/standard_2026.csv"

  @critique @evolution:EVO-2026-090
  Scénario: Une subvention payée à une association garde le SIRET complet, zéro de tête compris
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0102-DRET-DR75" dotée en titre 6 de 500 000,00 € d'AE et 500 000,00 € de CP
    Et un engagement juridique de 120 000,00 € sur l'UO "BG00/0102-DRET-DR75" en titre 6 auprès du fournisseur "1000162184"
    Et un service fait de 40 000,00 € sur cet engagement
    Et une demande de paiement de 40 000,00 € sur cet engagement
    Quand je paie cette demande de paiement
    Et j'extrais la restitution "DATA-SUBVENTION" de l'exercice N
    Alors l'extraction contient, pour les clés "Code taxe 1, N° EJ", les lignes :
      | Code taxe 1    | N° EJ      | Branche code | Désignation de la structure                       | Centre financier    | Montant payé | Date de dernière opération sur la DP |
      | 01874265000031 | 2103000001 | Z039         | Association Sport et Insertion Seine-Saint-Denis | BG00/0102-DRET-DR75 | 40 000,00    | 16.11.2026                           |

  @majeur @evolution:EVO-2026-090
  Scénario: Un paiement à une entreprise n'est pas une subvention
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0102-DRET-DR75" dotée en titre 6 de 500 000,00 € d'AE et 500 000,00 € de CP
    Et un engagement juridique de 10 000,00 € sur l'UO "BG00/0102-DRET-DR75" en titre 6 auprès du fournisseur "1000012345"
    Et un service fait de 10 000,00 € sur cet engagement
    Et une demande de paiement de 10 000,00 € sur cet engagement
    Quand je paie cette demande de paiement
    Et j'extrais la restitution "DATA-SUBVENTION" de l'exercice N
    Alors l'extraction ne contient aucune ligne où "N° EJ" vaut "2103000001"
