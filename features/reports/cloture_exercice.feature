# language: fr
@reports
Fonctionnalité: Clôture de l'exercice
  En tant qu'administrateur de la Direction du Budget
  Je veux clore l'exercice N au 31 décembre
  Afin de figer les montants reportables de chaque programme, de basculer les engagements non soldés
  et d'ouvrir l'exercice N+1

  # Jeu « cloture » : exercice 2026 au 31/12/2026, LFI 2026 (réserve 0,5 % / 5,5 %), plafond de report
  # des CP hors titre 2 de 3 %, 10 % pour 0172 (liste majorée). 7 EJ non soldés au 31/12 : 2103000002
  # (0,01 € restant), 2103000003, 2103000004, 2103000005, 2103000009, 2103000011 et l'EJ 2025 2103104412.

  @critique @evolution:EVO-2026-009
  Scénario: La clôture de l'exercice N ouvre l'exercice N+1 et bascule les engagements non soldés
    Étant donné le jeu de données "cloture" est chargé
    Quand je clôture l'exercice N
    Alors l'opération est acceptée avec le message "Exercice {N} clos : 7 EJ basculés sur {N+1}, exercice {N+1} ouvert le 01/01/{N+1}"
    Et le plafond des reports de CP hors titre 2 affiche :
      | Programme | CP LFI hors T2     | Taux (%) | Liste majorée | Plafond          | CP hors T2 non consommés | CP hors T2 reportables |
      | 0150      | 14 394 506 021,35  | 3        | Non           | 431 835 180,64   | 13 599 533 173,14        | 431 835 180,64         |
      | 0172      | 7 877 172 150,00   | 10       | Oui           | 787 717 215,00   | 513 927 681,75           | 513 927 681,75         |
      | 0103      | 661 060 780,27     | 3        | Non           | 19 831 823,40    | 15 202 437,36            | 15 202 437,36          |

  @majeur @evolution:EVO-2026-009
  Scénario: Un exercice déjà clos ne se clôt pas une seconde fois
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Quand je clôture l'exercice N
    Alors l'opération est refusée avec le message "L'exercice {N} est déjà clos (clôture du 31/12/{N})"

  @majeur @evolution:EVO-2026-009
  Scénario: L'exercice ne se clôt pas avant le 31 décembre
    Étant donné le jeu de données "standard" est chargé
    Quand je clôture l'exercice N
    Alors l'opération est refusée avec le message "L'exercice {N} ne peut être clos qu'à partir du 31/12/{N} (date du jour : 16/11/{N})"
