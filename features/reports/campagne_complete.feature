# language: fr
@reports
Fonctionnalité: Campagne des reports complète, de la LFI de l'exercice N à la situation de l'exercice N+1
  En tant que pôle Chorus de la Direction du Budget
  Je veux dérouler toute la campagne des reports à l'écran et en rapprocher les restitutions attendues
  Afin de prononcer la recette de l'évolution au centime près, programme par programme

  # Jeu « cloture » (LFI 2026, exécution au 31/12/2026) ; LFI 2027 : fixtures/lfi_2027.csv, réserve 0,5 % /
  # 5,5 %. Demandes au montant reportable : 0150 (CP plafonnés à 3 %, AENE du campus), 0172 (plafond majoré
  # de 10 %), 0161 (CP plafonnés et fonds de concours du titre 5), 0217 (CP de fonds de concours du titre 2
  # et AENE de La Défense). Les reports s'ajoutent en N+1 aux crédits de la LFI, sans réserve.

  @critique @evolution:EVO-2026-013
  Scénario: La campagne des reports complète est conforme aux restitutions attendues de N et de N+1
    Étant donné le jeu de données "cloture" est chargé
    Quand je clôture l'exercice N
    Et j'intègre la loi de finances "LFI 2027" du fichier "fixtures/lfi_2027.csv" avec une réserve de 0,5 % en T2 et 5,5 % hors T2
    Et je demande le report de crédits du programme "0150" :
      | Titre | Nature | AE            | CP             |
      | 3     | CP     |               | 418 328 375,76 |
      | 5     | AENE   | 26 892 039,50 |                |
      | 5     | CP     |               | 8 458 553,94   |
      | 6     | CP     |               | 5 048 250,94   |
    Et je donne un avis favorable à cette demande de report
    Et je demande le report de crédits du programme "0172" :
      | Titre | Nature | AE | CP             |
      | 3     | CP     |    | 431 095 881,75 |
      | 6     | CP     |    | 82 831 800,00  |
    Et je donne un avis favorable à cette demande de report
    Et je demande le report de crédits du programme "0161" :
      | Titre | Nature | AE            | CP            |
      | 3     | CP     |               | 8 809 432,15  |
      | 5     | CP     |               | 5 504 066,47  |
      | 5     | FDC    | 12 000 000,00 | 12 000 000,00 |
      | 6     | CP     |               | 5 339 801,38  |
    Et je donne un avis favorable à cette demande de report
    Et je demande le report de crédits du programme "0217" :
      | Titre | Nature | AE            | CP           |
      | 2     | FDC    |               | 3 450 000,00 |
      | 5     | AENE   | 12 750 000,00 |              |
    Et je donne un avis favorable à cette demande de report
    Et je prends un arrêté de report sur les demandes avec avis favorable
    Et j'intègre cet arrêté de report
    Alors l'opération est acceptée avec le message "Arrêté de report AR{N}000001 intégré : AE 51 642 039,50 € et CP 980 866 162,39 € ouverts sur l'exercice {N+1}"
    Quand j'extrais la restitution "ETAT-DES-REPORTS" de l'exercice N
    Alors l'extraction est conforme à "expected/etat-des-reports/campagne_2026.csv"
    Quand j'extrais la restitution "EJ-BASCULES" de l'exercice N
    Alors l'extraction est conforme à "expected/ej-bascules/cloture_2026.csv"
    Quand j'extrais la restitution "SITUATION-BUDGETAIRE" de l'exercice N+1
    Alors l'extraction est conforme à "expected/situation-budgetaire/campagne_2027.csv"

  @majeur @evolution:EVO-2026-013
  Plan du Scénario: Les EJ basculés se téléchargent dans chaque format de l'infocentre
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Quand j'extrais la restitution "EJ-BASCULES" de l'exercice N au format <format>
    Alors l'extraction est conforme à "expected/ej-bascules/cloture_2026.csv"

    Exemples:
      | format    |
      | CSV       |
      | CSV UTF-8 |
      | XLSX      |
