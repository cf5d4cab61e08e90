# language: fr
@budget
Fonctionnalité: Service fait, demande de paiement et paiement
  En tant que gestionnaire d'un service exécutant
  Je veux certifier le service fait puis payer les fournisseurs
  Afin de consommer les crédits de paiement pour ce qui a été réellement exécuté

  Contexte:
    Étant donné le jeu de données "vierge" est chargé
    Et l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Et un engagement juridique de 50 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3

  @majeur @evolution:EVO-2026-051
  Plan du Scénario: Le service fait fait évoluer le statut de l'engagement
    Quand je constate le service fait de <montant> sur cet engagement
    Alors le statut de cet engagement est "<statut>"

    Exemples:
      | montant     | statut                    |
      | 0,01 €      | Partiellement réceptionné |
      | 20 000,00 € | Partiellement réceptionné |
      | 50 000,00 € | Réceptionné               |

  @critique @evolution:EVO-2026-051
  Scénario: Le service fait ne peut pas dépasser le montant de l'engagement
    Quand je constate le service fait de 50 000,01 € sur cet engagement
    Alors l'opération est refusée avec le message "Service fait impossible : 50 000,01 € constatés, 50 000,00 € restant à réceptionner sur le poste 1 de l'EJ 2103000001"

  @critique @evolution:EVO-2026-051
  Scénario: Une demande de paiement ne peut pas dépasser le service fait
    Étant donné un service fait de 20 000,00 € sur cet engagement
    Quand je tente de créer une demande de paiement de 20 000,01 € sur cet engagement
    Alors l'opération est refusée avec le message "Demande de paiement impossible : 20 000,01 € demandés, 20 000,00 € de service fait non encore demandé sur le poste 1 de l'EJ 2103000001"

  @critique @evolution:EVO-2026-051
  Scénario: Une demande de paiement d'un centime au-delà du service fait restant ne change pas le montant demandé
    Étant donné un service fait de 20 000,00 € sur cet engagement
    Et une demande de paiement de 20 000,00 € sur cet engagement
    Quand je tente de créer une demande de paiement de 0,01 € sur cet engagement
    Alors le Montant demandé de cet engagement est de 20 000,00 €
    Et le Montant réceptionné de cet engagement est de 20 000,00 €

  @critique @evolution:EVO-2026-052
  Scénario: Le paiement d'une demande consomme les CP de l'UO
    Étant donné un service fait de 20 000,00 € sur cet engagement
    Et une demande de paiement de 20 000,00 € sur cet engagement
    Quand je paie cette demande de paiement
    Alors la demande de paiement est au statut "Payée"
    Et les CP consommés de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 20 000,00 €
    Et les CP disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 80 000,00 €

  @critique @evolution:EVO-2026-052
  Scénario: Un paiement au-delà des CP disponibles de l'UO est refusé
    Étant donné un engagement juridique de 150 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et un service fait de 150 000,00 € sur cet engagement
    Et une demande de paiement de 150 000,00 € sur cet engagement
    Quand je paie cette demande de paiement
    Alors l'opération est refusée avec le message "Crédits insuffisants : 150 000,00 € demandés, 100 000,00 € disponibles en CP sur l'UO BG00/0150-CSUP-DR75"
    Et la demande de paiement est au statut "À payer"

  @critique @evolution:EVO-2026-052
  Scénario: Un paiement d'un centime au-delà des CP disponibles de l'UO ne consomme aucun CP
    Étant donné un engagement juridique de 100 000,01 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et un service fait de 100 000,01 € sur cet engagement
    Et une demande de paiement de 100 000,01 € sur cet engagement
    Quand je tente de payer cette demande de paiement
    Alors les CP disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 100 000,00 €
    Et les CP consommés de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 0,00 €
    Et le Montant payé de cet engagement est de 0,00 €

  @critique @evolution:EVO-2026-052
  Scénario: La chaîne de la dépense complète solde l'engagement
    Quand je constate le service fait de 50 000,00 € sur cet engagement
    Et je crée une demande de paiement de 50 000,00 € sur cet engagement
    Alors l'opération est acceptée avec le message "100000001"
    Étant donné la dernière demande de paiement de cet engagement
    Quand je paie cette demande de paiement
    Alors le statut de cet engagement est "Soldé"
    Et le Reste à payer de cet engagement est de 0,00 €

  @majeur @evolution:EVO-2026-051
  Scénario: La page d'un engagement s'ouvre sans connaître son numéro et montre son statut et ses montants
    Quand j'ouvre la page de cet engagement
    Alors le statut de cet engagement est "Engagé"
    Et le Montant de cet engagement est de 50 000,00 €
    Et le Reste à payer de cet engagement est de 50 000,00 €

  @critique @evolution:EVO-2026-051
  Scénario: Une demande de paiement créée à l'écran se paie et solde l'engagement
    Étant donné un service fait de 50 000,00 € sur cet engagement
    Quand je crée une demande de paiement de 50 000,00 € sur cet engagement
    Et que je paie cette demande de paiement
    Alors la demande de paiement est au statut "Payée"
    Et le statut de cet engagement est "Soldé"
    Et les CP disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 50 000,00 €
