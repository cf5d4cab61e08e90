# language: fr
@reports
Fonctionnalité: Circuit d'une demande de report : demande, avis, arrêté, intégration
  En tant que responsable de programme, contrôleur budgétaire, Direction du Budget puis AIFE
  Je veux faire passer une demande de report par l'avis du contrôleur budgétaire et l'arrêté de report
  avant d'en intégrer les crédits, une seule fois, sur l'exercice N+1
  Afin que seuls des crédits arrêtés, dans la limite du reportable, soient ouverts en N+1

  # Jeu « cloture », exercice N clos : 0103 peut reporter 15 202 437,36 € de CP (T3 3 958 300,00 €,
  # T6 11 244 137,36 €) ; 0150 : T3 418 328 375,76 € de CP, T5 26 892 039,50 € d'AENE, T2 rien.

  @critique @evolution:EVO-2026-012
  Scénario: Une demande de report passe de l'avis à l'arrêté puis ouvre ses crédits sur l'exercice N+1
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Quand je demande le report de crédits du programme "0103" :
      | Titre | Nature | AE | CP            |
      | 3     | CP     |    | 3 958 300,00  |
      | 6     | CP     |    | 11 244 137,36 |
    Alors l'opération est acceptée avec le message "Demande de report DR{N}000001 déposée : programme 0103, 2 ligne(s), AE 0,00 € et CP 15 202 437,36 €"
    Quand je donne un avis favorable à cette demande de report
    Alors l'opération est acceptée avec le message "Avis favorable enregistré sur la demande de report DR{N}000001"
    Quand je prends un arrêté de report sur cette demande de report
    Alors l'opération est acceptée avec le message "Arrêté de report AR{N}000001 signé : 1 demande(s), AE 0,00 € et CP 15 202 437,36 € accordés"
    Quand j'intègre cet arrêté de report
    Alors l'opération est acceptée avec le message "Arrêté de report AR{N}000001 intégré : AE 0,00 € et CP 15 202 437,36 € ouverts sur l'exercice {N+1}"
    Et le statut de cet arrêté de report est "Intégré"
    Et le statut de cette demande de report est "Intégrée"
    Et l'historique de cette demande de report affiche, dans l'ordre :
      | Action                             | Statut          | Détail                                                                     |
      | Demande de report                  | Déposée         | Programme 0103, 2 ligne(s), AE 0,00 €, CP 15 202 437,36 €                  |
      | Avis du contrôleur budgétaire      | Avis favorable  | Avis favorable                                                             |
      | Arrêté de report                   | Arrêtée         | Arrêté AR{N}000001 : 2 ligne(s), AE 0,00 €, CP 15 202 437,36 € accordés    |
      | Intégration de l'arrêté de report  | Intégrée        | Arrêté AR{N}000001 intégré sur {N+1}                                       |
    Quand je consulte la situation budgétaire du programme "0103" pour l'exercice N+1
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes | CP ouverts    | CP réservés | CP disponibles |
      | 3     | 0,00        | 3 958 300,00  | 0,00        | 3 958 300,00   |
      | 6     | 0,00        | 11 244 137,36 | 0,00        | 11 244 137,36  |

  @critique @evolution:EVO-2026-012
  Scénario: L'arrêté accorde, ligne par ligne, au plus le montant reportable
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0150" :
      | Titre | Nature | AE            | CP             |
      | 2     | CP     |               | 1 000 000,00   |
      | 3     | CP     |               | 500 000 000,00 |
      | 5     | AENE   | 26 892 039,50 |                |
    Et un avis favorable du contrôleur budgétaire sur cette demande de report
    Quand je prends un arrêté de report sur cette demande de report
    Alors les lignes de cet arrêté de report affichent :
      | Programme | Titre | Nature | AE demandées  | AE reportables | AE accordées  | CP demandés    | CP reportables | CP accordés    |
      | 0150      | 2     | CP     | 0,00          | 0,00           | 0,00          | 1 000 000,00   | 0,00           | 0,00           |
      | 0150      | 3     | CP     | 0,00          | 0,00           | 0,00          | 500 000 000,00 | 418 328 375,76 | 418 328 375,76 |
      | 0150      | 5     | AENE   | 26 892 039,50 | 26 892 039,50  | 26 892 039,50 | 0,00           | 0,00           | 0,00           |

  @critique @evolution:EVO-2026-012
  Scénario: Un arrêté de report déjà intégré ne s'intègre pas une seconde fois
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0103" :
      | Titre | Nature | CP            |
      | 6     | CP     | 11 244 137,36 |
    Et un avis favorable du contrôleur budgétaire sur cette demande de report
    Et un arrêté de report pris sur cette demande de report
    Et cet arrêté de report est intégré
    Quand j'intègre cet arrêté de report
    Alors l'opération est refusée avec le message "L'arrêté de report AR{N}000001 est déjà intégré (le 01/01/{N+1}) : ses crédits sont déjà ouverts sur l'exercice {N+1}"
    Quand je consulte la situation budgétaire du programme "0103" pour l'exercice N+1
    Alors la situation budgétaire affiche :
      | Titre | CP ouverts    | CP disponibles |
      | 6     | 11 244 137,36 | 11 244 137,36  |

  @critique @evolution:EVO-2026-012
  Scénario: Une seconde intégration d'un arrêté de report d'AENE n'ouvre aucune AE de plus sur l'exercice N+1
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0150" :
      | Titre | Nature | AE            |
      | 5     | AENE   | 26 892 039,50 |
    Et un avis favorable du contrôleur budgétaire sur cette demande de report
    Et un arrêté de report pris sur cette demande de report
    Et cet arrêté de report est intégré
    Quand j'intègre cet arrêté de report
    Alors le statut de cet arrêté de report est "Intégré"
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N+1
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes   | AE disponibles |
      | 5     | 26 892 039,50 | 26 892 039,50  |

  @critique @evolution:EVO-2026-012
  Scénario: Aucun crédit ne s'intègre avant l'arrêté de report
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0103" :
      | Titre | Nature | CP           |
      | 3     | CP     | 3 958 300,00 |
    Et un avis favorable du contrôleur budgétaire sur cette demande de report
    Quand je tente d'intégrer cette demande de report avant tout arrêté
    Alors l'opération est refusée avec le message "La demande de report DR{N}000001 n'a fait l'objet d'aucun arrêté de report : rien à intégrer"
    Et le statut de cette demande de report est "Avis favorable"

  @majeur @evolution:EVO-2026-012
  Scénario: Une demande de report sans avis du contrôleur budgétaire ne peut pas être arrêtée
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0103" :
      | Titre | Nature | CP           |
      | 3     | CP     | 3 958 300,00 |
    Quand je prends un arrêté de report sur cette demande de report
    Alors l'opération est refusée avec le message "La demande de report DR{N}000001 attend l'avis du contrôleur budgétaire"

  @majeur @evolution:EVO-2026-012
  Scénario: Après un avis défavorable motivé, rien n'est arrêté et le programme peut déposer une nouvelle demande
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0103" :
      | Titre | Nature | CP            |
      | 6     | CP     | 20 000 000,00 |
    Quand je donne un avis défavorable à cette demande de report pour le motif "Montant supérieur au reportable"
    Alors l'opération est acceptée avec le message "Avis défavorable enregistré sur la demande de report DR{N}000001 : Montant supérieur au reportable"
    Quand je prends un arrêté de report sur les demandes avec avis favorable
    Alors l'opération est refusée avec le message "Aucune demande de report avec avis favorable à arrêter pour l'exercice {N}"
    Quand je demande le report de crédits du programme "0103" :
      | Titre | Nature | CP            |
      | 6     | CP     | 11 244 137,36 |
    Alors l'opération est acceptée avec le message "Demande de report DR{N}000002 déposée : programme 0103, 1 ligne(s), AE 0,00 € et CP 11 244 137,36 €"
