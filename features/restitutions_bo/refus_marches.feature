# language: fr
@restitutions_bo
Fonctionnalité: Refus des marchés mal saisis et des bons de commande hors de leur marché
  En tant que gestionnaire qui enregistre les marchés et passe les bons de commande
  Je veux qu'un marché mal saisi, ou un bon de commande qui ne relève pas du marché, soit refusé avec la raison
  Afin que le suivi des accords-cadres ne porte que sur des marchés et des commandes exacts

  # Jeu « vierge » : accord-cadre 2026-0150-00001 de l'UO BG00/0150-CSUP-DR75 (titulaire 1000228740),
  # en cours du 01/01/2026 au 31/12/2027.
  Contexte:
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Et l'UO "BG00/0150-CSUP-DR69" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP

  @majeur @evolution:EVO-2026-102
  Scénario: Un bon de commande d'une autre UO que celle du marché est refusé
    Quand je passe un bon de commande de 1 000,00 € au titre du marché "2026-0150-00001" sur l'UO "BG00/0150-CSUP-DR69" en titre 3 auprès du fournisseur "1000228740"
    Alors l'opération est refusée avec le message "L'accord-cadre 2026-0150-00001 est passé pour l'UO BG00/0150-CSUP-DR75 : un bon de commande de l'UO BG00/0150-CSUP-DR69 ne peut pas lui être rattaché"

  @majeur @evolution:EVO-2026-102
  Scénario: Un marché inconnu ne reçoit aucun bon de commande
    Quand je passe un bon de commande de 1 000,00 € au titre du marché "2026-0150-09999" sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000228740"
    Alors l'opération est refusée avec le message "Marché inconnu(e) : 2026-0150-09999"

  @majeur @evolution:EVO-2026-102
  Scénario: Un marché qui ne commence que l'an prochain ne reçoit pas encore de bon de commande
    Quand j'appelle le service "POST /api/marches" avec :
      """
      {"nature": "accord-cadre", "objet": "Accord-cadre de l'an prochain", "titulaire": "1000228740",
       "uo": "BG00/0150-CSUP-DR75", "date_debut": "01/01/{N+1}", "date_fin": "31/12/{N+1}", "montant_maximum": "10000.00"}
      """
    Et je passe un bon de commande de 1 000,00 € au titre du marché "{N+1}-0150-00001" sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000228740"
    Alors l'opération est refusée avec le message "L'accord-cadre {N+1}-0150-00001 ne commence que le 01/01/{N+1} : aucun bon de commande ne peut encore lui être rattaché"

  @majeur @evolution:EVO-2026-102
  Plan du Scénario: Un marché mal saisi n'est pas enregistré : <cas>
    Quand j'appelle le service "POST /api/marches" avec :
      """
      {"nature": "<nature>", "objet": "<objet>", "titulaire": "1000228740", "uo": "BG00/0150-CSUP-DR75",
       "date_debut": "<debut>", "date_fin": "<fin>", "montant_maximum": "10000.00"}
      """
    Alors le service refuse la demande avec le statut 422 et le message "<message>"

    Exemples:
      | cas                            | nature       | objet    | debut      | fin        | message                                                                   |
      | nature inconnue                | bail         | Location | 01/01/2026 | 31/12/2026 | Nature du marché inconnue : « bail » (marche ou accord-cadre)             |
      | fin avant le début             | accord-cadre | Location | 01/07/2026 | 30/06/2026 | La date de fin (30/06/2026) précède la date de début (01/07/2026)         |

  @majeur @evolution:EVO-2026-102
  Plan du Scénario: Un marché mal saisi à l'écran n'est pas enregistré : <cas>
    Quand j'enregistre le marché suivant :
      | Champ            | Valeur              |
      | Nature           | accord-cadre        |
      | Objet            | <objet>             |
      | Titulaire        | 1000228740          |
      | Centre financier | BG00/0150-CSUP-DR75 |
      | Date de début    | <debut>             |
      | Date de fin      | 31/12/{N}           |
      | Montant maximum  | 10 000,00           |
    Alors l'opération est refusée avec le message "<message>"

    Exemples:
      | cas                       | objet    | debut      | message                                                                              |
      | sans objet                |          | 01/01/{N}  | L'objet du marché est obligatoire                                                    |
      | date qui n'en est pas une | Location | 31/02/{N}  | Date de début : « 31/02/{N} » n'est pas une date (ex. 31/12/2026 ou 2026-12-31)      |
      | objet de 201 caractères   | Fournitures, prestations et maintenance des équipements scientifiques des laboratoires de chimie, de physique et de biologie du campus Paris Rive Gauche, lot unique, accord-cadre à bons de commande plu | 01/01/{N} | L'objet du marché dépasse 200 caractères |

  @majeur @evolution:EVO-2026-102
  Scénario: Un accord-cadre enregistré à l'écran reçoit son premier bon de commande
    Quand j'enregistre le marché suivant :
      | Champ            | Valeur                                  |
      | Nature           | accord-cadre                            |
      | Objet            | Fournitures de laboratoire – campus Sud |
      | Titulaire        | 1000228740                              |
      | Centre financier | BG00/0150-CSUP-DR75                     |
      | Date de début    | 01/01/{N}                               |
      | Date de fin      | 31/12/{N+1}                             |
      | Montant maximum  | 20 000,00                               |
    Et je passe un bon de commande de 20 000,00 € au titre du marché "{N}-0150-00003" sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000228740"
    Et j'extrais la restitution "SUIVI-MARCHES" de l'exercice N
    Alors l'extraction contient, pour les clés "N° marché", les lignes :
      | N° marché       | Montant maximum | Montant engagé | Reste sur le maximum | Taux de consommation |
      | 2026-0150-00003 | 20 000,00       | 20 000,00      | 0,00                 | 100,00 %             |
