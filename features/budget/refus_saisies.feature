# language: fr
@budget
Fonctionnalité: Refus des saisies erronées et des opérations interdites de l'exécution budgétaire
  En tant que gestionnaire d'un service exécutant ou responsable de BOP
  Je veux qu'une saisie mal écrite ou une opération que l'état de l'objet interdit soit refusée
  avec un message qui dit ce qui ne va pas
  Afin de corriger ma saisie sans jamais laisser de crédits ou d'engagements à moitié modifiés

  Contexte:
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP

  @majeur @evolution:EVO-2026-014
  Plan du Scénario: Une mise à disposition mal saisie est refusée avec la raison
    Quand je tente de mettre à disposition "<ae>" d'AE et "<cp>" de CP en titre 3 de "<source>" vers "<destination>"
    Alors l'opération est refusée avec le message "<message>"

    Exemples:
      | source    | destination | ae                | cp      | message                                                                                         |
      | 0150      | 0150-CSUP   | 1.234,56          | 0       | Montant AE : « 1.234,56 » n'est pas un montant (ex. 1 234,56)                                   |
      | 0150      | 0150-CSUP   | 10000000000000000 | 0       | Montant AE : 10000000000000000 dépasse le maximum autorisé (999 999 999 999,99 €)               |
      | 0150      | 0150-CSUP   | 1000000000000000  | 0       | Montant AE : 1 000 000 000 000 000,00 € dépasse le maximum autorisé (999 999 999 999,99 €)      |
      | 0150      | 0150-CSUP   | -100,00           | 100,00  | Le montant AE ne peut pas être négatif (-100,00 €)                                              |
      | 0150      | 0150-CSUP   | 0                 | 0,00    | Une mise à disposition porte sur un montant d'AE ou de CP non nul                               |
      | 0150      | 0172-DGRI   | 1 000,00          | 0       | Le BOP 0172-DGRI n'appartient pas au programme 0150                                             |
      | 0150      | 0150-ZZZZ   | 1 000,00          | 0       | BOP inconnu(e) : 0150-ZZZZ                                                                      |
      | 9999      | 0150-CSUP   | 1 000,00          | 0       | Programme ou BOP inconnu : 9999                                                                 |

  @majeur @evolution:EVO-2026-040
  Scénario: Une tranche fonctionnelle sans libellé n'est pas créée
    Quand j'affecte 1 000,00 € d'AE à une nouvelle tranche fonctionnelle " " de l'UO "BG00/0150-CSUP-DR75" en titre 3
    Alors l'opération est refusée avec le message "Le libellé de la tranche fonctionnelle est obligatoire"

  @majeur @evolution:EVO-2026-040
  Scénario: Une tranche fonctionnelle sans AE affectées n'est pas créée
    Quand j'affecte 0,00 € d'AE à une nouvelle tranche fonctionnelle "Campus" de l'UO "BG00/0150-CSUP-DR75" en titre 3
    Alors l'opération est refusée avec le message "Le montant affecté doit être strictement positif (0,00 €)"

  @majeur @evolution:EVO-2026-014
  Scénario: Un engagement juridique sans aucun poste est refusé
    Quand je tente d'engager sans aucun poste sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000012345"
    Alors l'opération est refusée avec le message "Un engagement juridique comporte au moins un poste"

  @mineur @evolution:EVO-2026-014
  Scénario: Un engagement juridique dont le total dépasse le maximum d'une opération est refusé
    Quand je tente d'engager les postes suivants sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000012345" :
      | Montant               | Domaine fonctionnel | Activité          |
      | 999 999 999 999,99 €  | 0150-01-01          | BG00/015001010101 |
      | 999 999 999 999,99 €  | 0150-01-01          | BG00/015001010101 |
    Alors l'opération est refusée avec le message "Le montant de l'engagement dépasse le maximum autorisé (1 999 999 999 999,98 €)"

  @majeur @evolution:EVO-2026-040
  Scénario: Un engagement sur une tranche fonctionnelle dans un autre titre que le sien est refusé
    Étant donné l'UO "BG00/0150-CSUP-DR75" dotée en titre 5 de 300 000,00 € d'AE et 0,00 € de CP
    Et une tranche fonctionnelle "Campus" de 100 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 5
    Quand je tente d'engager 10 000,00 € sur cette tranche fonctionnelle en titre 3
    Alors l'opération est refusée avec le message "La tranche fonctionnelle TF0150000001 est ouverte sur l'UO BG00/0150-CSUP-DR75 en titre 5, pas sur l'UO BG00/0150-CSUP-DR75 en titre 3"

  @mineur @evolution:EVO-2026-014
  Scénario: L'augmentation d'un poste qui n'existe pas sur l'engagement est refusée
    Étant donné un engagement juridique de 10 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Quand je tente d'augmenter le poste 2 de cet engagement de 1 000,00 €
    Alors l'opération est refusée avec le message "Poste 2 inconnu sur l'EJ 2103000001"

  @majeur @evolution:EVO-2026-051
  Scénario: Un engagement soldé ne peut plus être augmenté
    Étant donné un engagement juridique de 10 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et un service fait de 10 000,00 € sur cet engagement
    Et une demande de paiement de 10 000,00 € sur cet engagement
    Quand je paie cette demande de paiement
    Et que j'augmente cet engagement de 1 000,00 €
    Alors l'opération est refusée avec le message "L'EJ 2103000001 est soldé : il ne peut plus être augmenté"
    Et le statut de cet engagement est "Soldé"

  @majeur @evolution:EVO-2026-051
  Scénario: Un engagement entièrement réceptionné n'a plus rien à retirer
    Étant donné un engagement juridique de 10 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et un service fait de 10 000,00 € sur cet engagement
    Quand je retire cet engagement
    Alors l'opération est refusée avec le message "L'EJ 2103000001 n'a plus de montant à retirer"
    Et le statut de cet engagement est "Réceptionné"

  @critique @evolution:EVO-2026-051
  Scénario: Une demande de paiement déjà payée ne se paie pas une seconde fois
    Étant donné un engagement juridique de 10 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et un service fait de 10 000,00 € sur cet engagement
    Et une demande de paiement de 10 000,00 € sur cet engagement
    Quand je tente de payer cette demande de paiement qu'un autre gestionnaire vient de payer
    Alors l'opération est refusée avec le message "La demande de paiement 100000001 est déjà payée"
    Et les CP disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 90 000,00 €

  @mineur @evolution:EVO-2026-014
  Scénario: Une situation budgétaire demandée à un niveau inconnu est refusée
    Quand j'ouvre l'adresse "/situation?niveau=ministere&code=0150"
    Alors l'opération est refusée avec le message "Niveau inconnu : ministere (attendu programme, bop ou uo)"
