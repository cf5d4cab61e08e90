# language: fr
@reports
Fonctionnalité: Refus des opérations de clôture et de la campagne des reports hors de leur circuit
  En tant que Direction du Budget, responsable de programme ou contrôleur budgétaire
  Je veux qu'une clôture, une demande de report, un avis ou un arrêté qui sort du circuit soit refusé
  avec sa raison
  Afin que chaque demande passe une seule fois par l'avis, l'arrêté puis l'intégration, sur l'exercice clos

  # Jeu « cloture » : exercice 2026 au 31/12/2026, prêt à être clos. L'EJ 2103000001 est soldé au 31/12
  # (il ne bascule pas). 0103 peut reporter 3 958 300,00 € de CP en T3.

  @majeur @evolution:EVO-2026-009
  Scénario: Les montants reportables d'un exercice qui n'est pas clos ne sont pas consultables
    Étant donné le jeu de données "cloture" est chargé
    Quand je consulte les montants reportables du programme "0150" de l'exercice N
    Alors l'opération est refusée avec le message "L'exercice {N} n'est pas clos : aucun montant reportable"

  @majeur @evolution:EVO-2026-009
  Scénario: Un exercice qui n'est pas l'exercice courant ne se clôt pas
    Étant donné le jeu de données "cloture" est chargé
    Quand je clôture l'exercice N-1
    Alors l'opération est refusée avec le message "L'exercice {N-1} ne peut pas être clos : l'exercice courant est {N}"

  @mineur @evolution:EVO-2026-009
  Scénario: La date d'ouverture de l'exercice suivant doit être dans cet exercice
    Étant donné le jeu de données "cloture" est chargé
    Quand je clôture l'exercice N en ouvrant l'exercice suivant le 1er janvier de l'exercice N
    Alors l'opération est refusée avec le message "La date d'ouverture de l'exercice {N+1} doit être une date de {N+1} (01/01/{N})"

  @majeur @evolution:EVO-2026-009
  Scénario: Un engagement de l'exercice clos ne reçoit plus de service fait
    Étant donné le jeu de données "cloture" est chargé
    Et l'engagement juridique "2103000001" du jeu de données
    Et l'exercice N est clos
    Quand je constate le service fait de 1,00 € sur cet engagement
    Alors l'opération est refusée avec le message "L'EJ 2103000001 relève de l'exercice {N} ; l'exercice courant est {N+1}"

  @majeur @evolution:EVO-2026-010
  Scénario: Un taux de plafond de report au-delà de 100 % est refusé
    Étant donné le jeu de données "cloture" est chargé
    Quand je fixe à 120 % le plafond de report majoré du programme "0150" pour l'exercice N
    Alors l'opération est refusée avec le message "Taux de plafond de report invalide : 120 % (entre 0 et 100)"

  @majeur @evolution:EVO-2026-010
  Scénario: Les plafonds de report d'un exercice clos ne changent plus
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Quand je fixe à 5 % le plafond de report majoré du programme "0150" pour l'exercice N
    Alors l'opération est refusée avec le message "L'exercice {N} est clos : ses plafonds de report ne peuvent plus changer"

  @majeur @evolution:EVO-2026-012
  Scénario: Une demande de report avant la clôture de l'exercice est refusée
    Étant donné le jeu de données "standard" est chargé
    Quand je demande le report de crédits du programme "0103" :
      | Titre | Nature | AE | CP           |
      | 3     | CP     |    | 1 000 000,00 |
    Alors l'opération est refusée avec le message "L'exercice {N-1} n'est pas clos : la campagne des reports commence à sa clôture"

  @majeur @evolution:EVO-2026-012
  Plan du Scénario: Une demande de report mal composée est refusée avec sa ligne
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Quand je demande le report de crédits du programme "0103" :
      | Titre     | Nature     | AE     | CP     |
      | 3         | CP         |        | 1,00   |
      | <titre>   | <nature>   | <ae>   | <cp>   |
    Alors l'opération est refusée avec le message "<message>"

    Exemples:
      | titre | nature | ae   | cp   | message                                                        |
      | 3     | CP     |      |      | Ligne 2 (titre 3, CP) : aucun montant demandé                  |
      | 6     | AENE   | 1,00 | 1,00 | Ligne 2 (titre 6, AENE) : une ligne AENE ne porte que des AE   |
      | 3     | CP     |      | 2,00 | Ligne 2 (titre 3, CP) : ligne en double                        |

  @majeur @evolution:EVO-2026-012
  Scénario: Une demande de report sans aucune ligne est refusée
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Quand je demande le report de crédits du programme "0103" :
      | Titre | Nature | AE | CP |
    Alors l'opération est refusée avec le message "Une demande de report comporte au moins une ligne"

  @critique @evolution:EVO-2026-012
  Scénario: Un programme ne dépose qu'une demande de report en cours par exercice
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0103" :
      | Titre | Nature | AE | CP           |
      | 3     | CP     |    | 1 000 000,00 |
    Quand je demande le report de crédits du programme "0103" :
      | Titre | Nature | AE | CP           |
      | 6     | CP     |    | 1 000 000,00 |
    Alors l'opération est refusée avec le message "Le programme 0103 a déjà une demande de report pour l'exercice {N} : DR{N}000001 (Déposée)"

  @critique @evolution:EVO-2026-012
  Scénario: Une demande de report ne reçoit qu'un seul avis
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0103" :
      | Titre | Nature | AE | CP           |
      | 3     | CP     |    | 1 000 000,00 |
    Et un avis favorable du contrôleur budgétaire sur cette demande de report
    Quand je donne un avis défavorable à cette demande de report pour le motif "Crédits déjà redéployés"
    Alors l'opération est refusée avec le message "La demande de report DR{N}000001 a déjà reçu un avis favorable : un seul avis par demande"

  @majeur @evolution:EVO-2026-012
  Scénario: Un avis défavorable sans motif est refusé
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0103" :
      | Titre | Nature | AE | CP           |
      | 3     | CP     |    | 1 000 000,00 |
    Quand je donne un avis défavorable à cette demande de report sans motif
    Alors l'opération est refusée avec le message "Le motif est obligatoire pour un avis défavorable"
    Et le statut de cette demande de report est "Déposée"

  @critique @evolution:EVO-2026-012
  Scénario: Une demande de report ayant reçu un avis défavorable ne peut pas être arrêtée
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0103" :
      | Titre | Nature | AE | CP           |
      | 3     | CP     |    | 1 000 000,00 |
    Quand je donne un avis défavorable à cette demande de report pour le motif "Crédits déjà redéployés"
    Et que je prends un arrêté de report sur cette demande de report
    Alors l'opération est refusée avec le message "La demande de report DR{N}000001 a reçu un avis défavorable : elle ne peut pas être arrêtée"

  @majeur @evolution:EVO-2026-012
  Scénario: Un arrêté de report ne reprend pas deux fois la même demande
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0103" :
      | Titre | Nature | AE | CP           |
      | 3     | CP     |    | 1 000 000,00 |
    Et un avis favorable du contrôleur budgétaire sur cette demande de report
    Quand je tente de prendre un arrêté de report reprenant deux fois cette demande de report
    Alors l'opération est refusée avec le message "Une demande de report figure deux fois dans l'arrêté"

  @critique @evolution:EVO-2026-012
  Scénario: Une demande de report déjà arrêtée ne l'est pas une seconde fois
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0103" :
      | Titre | Nature | AE | CP           |
      | 3     | CP     |    | 1 000 000,00 |
    Et un avis favorable du contrôleur budgétaire sur cette demande de report
    Et un arrêté de report pris sur cette demande de report
    Quand je prends un arrêté de report sur cette demande de report
    Alors l'opération est refusée avec le message "La demande de report DR{N}000001 est déjà arrêtée (AR{N}000001)"

  @majeur @evolution:EVO-2026-012
  Scénario: C'est l'arrêté, et non la demande qu'il reprend, qui s'intègre
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0103" :
      | Titre | Nature | AE | CP           |
      | 3     | CP     |    | 1 000 000,00 |
    Et un avis favorable du contrôleur budgétaire sur cette demande de report
    Et un arrêté de report pris sur cette demande de report
    Quand je tente d'intégrer cette demande de report à la place de son arrêté
    Alors l'opération est refusée avec le message "La demande de report DR{N}000001 est reprise par l'arrêté AR{N}000001 : c'est l'arrêté qui s'intègre"

  # Le service de la campagne des reports (API de Chorus) reçoit des valeurs que les écrans proposent
  # dans des listes fermées : il les contrôle lui-même.

  @mineur @evolution:EVO-2026-012
  Scénario: Le service des reports refuse une nature de report inconnue
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Quand j'appelle le service "POST /api/reports/demandes" avec :
      """
      {"programme": "0103", "lignes": [{"titre": "3", "nature": "RAP", "cp": "1000.00"}]}
      """
    Alors le service refuse la demande avec le statut 422 et le message "Ligne 1 : nature de report invalide « RAP » (attendu AENE, CP ou FDC)"

  @mineur @evolution:EVO-2026-012
  Scénario: Le service des reports refuse un avis qui n'est ni favorable ni défavorable
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0103" :
      | Titre | Nature | AE | CP           |
      | 3     | CP     |    | 1 000 000,00 |
    Quand j'appelle le service "POST /api/reports/demandes/DR2026000001/avis" avec :
      """
      {"avis": "réservé", "motif": "À revoir"}
      """
    Alors le service refuse la demande avec le statut 422 et le message "Avis invalide : « réservé » (attendu favorable ou défavorable)"

  @mineur @evolution:EVO-2026-012
  Scénario: Le service des reports refuse un arrêté qui ne reprend aucune demande
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Quand j'appelle le service "POST /api/reports/arretes" avec :
      """
      {"demandes": []}
      """
    Alors le service refuse la demande avec le statut 422 et le message "Un arrêté de report reprend au moins une demande"
