# language: fr
@restitutions_bo
Fonctionnalité: Suivi des accords-cadres et des marchés
  En tant que responsable d'UO qui passe des bons de commande sur un accord-cadre
  Je veux que chaque bon de commande reste dans le montant maximum de l'accord-cadre, au centime près
  Afin que la restitution de suivi (infocentre et Webi) dise exactement ce qui reste à commander

  # Jeu « vierge » : l'accord-cadre 2026-0150-00001 de l'UO BG00/0150-CSUP-DR75 (titulaire 1000228740),
  # montant maximum 50 000,00 €, en cours jusqu'au 31/12/2027, sans bon de commande ; le marché
  # 2025-0150-00001 (titulaire 1000023871) a pris fin le 30/06/2026.
  Contexte:
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP

  @critique @evolution:EVO-2026-102
  Scénario: Des bons de commande jusqu'au maximum exact consomment tout l'accord-cadre
    Quand je passe un bon de commande de 30 000,00 € au titre du marché "2026-0150-00001" sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000228740"
    Et je passe un bon de commande de 20 000,00 € au titre du marché "2026-0150-00001" sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000228740"
    Et je rafraîchis le document Webi "Suivi des accords-cadres et des marchés" avec les invites :
      | Invite   | Valeur |
      | Exercice | {N}    |
    Et j'exporte le rapport "Par marché" au format CSV
    Alors l'extraction contient, pour les clés "N° marché", les lignes :
      | N° marché       | Montant maximum | Montant engagé | Montant payé | Reste sur le maximum | Taux de consommation |
      | 2026-0150-00001 | 50 000,00       | 50 000,00      | 0,00         | 0,00                 | 100,00 %             |

  @critique @evolution:EVO-2026-102
  Scénario: Un bon de commande d'un centime au-delà du maximum restant est refusé avec les montants
    Quand je passe un bon de commande de 49 999,99 € au titre du marché "2026-0150-00001" sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000228740"
    Et je passe un bon de commande de 0,02 € au titre du marché "2026-0150-00001" sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000228740"
    Alors l'opération est refusée avec le message "Montant maximum de l'accord-cadre 2026-0150-00001 dépassé : 0,02 € demandés, 0,01 € restants sur 50 000,00 €"

  @critique @evolution:EVO-2026-102
  Scénario: Après un bon de commande refusé au-delà du maximum, la restitution du suivi n'a pas bougé
    Quand je passe un bon de commande de 50 000,00 € au titre du marché "2026-0150-00001" sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000228740"
    Et je passe un bon de commande de 0,01 € au titre du marché "2026-0150-00001" sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000228740"
    Et j'extrais la restitution "SUIVI-MARCHES" de l'exercice N
    Alors l'extraction contient, pour les clés "N° marché", les lignes :
      | N° marché       | Montant maximum | Montant engagé | Reste sur le maximum | Taux de consommation |
      | 2026-0150-00001 | 50 000,00       | 50 000,00      | 0,00                 | 100,00 %             |

  @majeur @evolution:EVO-2026-102
  Scénario: Aucun bon de commande n'est rattaché à un marché qui a pris fin
    Quand je passe un bon de commande de 1 000,00 € au titre du marché "2025-0150-00001" sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000023871"
    Alors l'opération est refusée avec le message "Le marché 2025-0150-00001 a pris fin le 30/06/2026 : aucun bon de commande ne peut plus lui être rattaché"

  @majeur @evolution:EVO-2026-102
  Scénario: Un bon de commande est passé auprès du titulaire de l'accord-cadre, et de personne d'autre
    Quand je passe un bon de commande de 1 000,00 € au titre du marché "2026-0150-00001" sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000012345"
    Alors l'opération est refusée avec le message "Le fournisseur 1000012345 n'est pas le titulaire de l'accord-cadre 2026-0150-00001 (titulaire : 1000228740)"

  @majeur @evolution:EVO-2026-102
  Scénario: Un responsable d'UO ne voit dans le suivi Webi des marchés que ceux de son UO
    Étant donné le jeu de données "standard" est chargé
    Et que je suis connecté en tant que "RUO" sur le périmètre "BG00/0150-CSUP-DR75"
    Quand je rafraîchis le document Webi "Suivi des accords-cadres et des marchés" avec les invites :
      | Invite   | Valeur |
      | Exercice | {N}    |
    Et j'exporte le rapport "Par marché" au format XLSX
    Alors l'extraction contient, pour les clés "N° marché", les lignes :
      | N° marché       | Centre financier    |
      | 2026-0150-00002 | BG00/0150-CSUP-DR75 |
    Et l'extraction ne contient aucune ligne où "N° marché" vaut "2026-0217-00001"
