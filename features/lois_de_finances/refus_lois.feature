# language: fr
@lois_de_finances
Fonctionnalité: Refus des fichiers et des demandes d'intégration de lois de finances erronés
  En tant qu'agent de la Direction du Budget
  Je veux qu'un fichier de loi de finances mal formé, une loi déjà intégrée ou une demande incohérente
  du service d'intégration soient refusés avec la ligne et la raison
  Afin qu'aucune loi ne soit intégrée à moitié ni deux fois

  # Jeu « vierge » : LFI 2026 déjà intégrée. Jeu « cloture » une fois l'exercice N clos : l'exercice
  # N+1 est ouvert sans aucune loi de finances, une LFI peut y être intégrée.

  @majeur @evolution:EVO-2026-001
  Plan du Scénario: Un fichier de loi de finances dont une ligne est mal écrite est refusé avec sa ligne
    Étant donné le jeu de données "vierge" est chargé
    Quand j'intègre la loi de finances "LFI 2026 bis" avec une réserve de 0,5 % en T2 et 5,5 % hors T2 :
      | Programme   | Titre   | AE        | CP        | ETPT |
      | <programme> | <titre> | 10 000,00 | 10 000,00 | 0    |
    Alors l'opération est refusée avec le message "<message>"

    Exemples:
      | programme | titre | message                                                                                   |
      | 150       | 3     | Fichier CSV, ligne 2 : Code programme invalide : « 150 » (format attendu : 4 chiffres, ex. 0150) |
      | 0150      | 8     | Fichier CSV, ligne 2 : Titre invalide : « 8 » (attendu 2, 3, 5 ou 6, ou T2…)              |

  @critique @evolution:EVO-2026-001
  Scénario: Une seconde loi de finances initiale pour le même exercice est refusée
    Étant donné le jeu de données "vierge" est chargé
    Quand j'intègre la loi de finances "LFI 2026 bis" avec une réserve de 0,5 % en T2 et 5,5 % hors T2 :
      | Programme | Titre | AE        | CP        | ETPT |
      | 0150      | 3     | 10 000,00 | 10 000,00 | 0    |
    Alors l'opération est refusée avec le message "Une loi de finances initiale est déjà intégrée pour l'exercice {N}"

  @majeur @evolution:EVO-2026-001
  Scénario: Un taux de réserve de précaution supérieur à 100 % est refusé
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Quand j'intègre la loi de finances "LFI 2027" avec une réserve de 150 % en T2 et 5,5 % hors T2 :
      | Programme | Titre | AE        | CP        | ETPT |
      | 0150      | 3     | 10 000,00 | 10 000,00 | 0    |
    Alors l'opération est refusée avec le message "Taux de réserve T2 invalide : 150 % (entre 0 et 100)"

  @majeur @evolution:EVO-2026-002
  Scénario: Une loi de finances rectificative déjà intégrée ne l'est pas une seconde fois
    Étant donné le jeu de données "vierge" est chargé
    Quand j'intègre la loi de finances rectificative "LFI 2026" :
      | Programme | Titre | AE        | CP        | ETPT |
      | 0150      | 3     | 10 000,00 | 10 000,00 | 0    |
    Alors l'opération est refusée avec le message "La loi de finances « LFI 2026 » est déjà intégrée"

  @majeur @evolution:EVO-2026-002
  Scénario: Une ligne de loi de finances rectificative sans aucun montant est refusée
    Étant donné le jeu de données "vierge" est chargé
    Quand j'intègre la loi de finances rectificative "LFR 1" :
      | Programme | Titre | AE   | CP   | ETPT |
      | 0150      | 3     | 0,00 | 0,00 | 0    |
    Alors l'opération est refusée avec le message "Ligne sans montant : programme 0150, titre 3"

  # Le service d'intégration des lois de finances (API de Chorus) reçoit les lignes sans passer par le
  # fichier de l'écran : il fait lui-même les contrôles que la lecture du fichier fait d'abord à l'écran.

  @mineur @evolution:EVO-2026-001
  Scénario: Le service d'intégration refuse une loi qui n'est pas une loi de finances initiale
    Étant donné le jeu de données "vierge" est chargé
    Quand j'appelle le service "POST /api/lois-de-finances" avec :
      """
      {"identifiant": "LFR 2026-1", "nature": "LFR", "taux_reserve_t2": "0.5", "taux_reserve_hors_t2": "5.5",
       "lignes": [{"programme": "0150", "titre": "3", "ae": "1000.00", "cp": "1000.00"}]}
      """
    Alors le service refuse la demande avec le statut 422 et le message "Nature de loi non prise en charge : LFR (attendu LFI)"

  @mineur @evolution:EVO-2026-001
  Plan du Scénario: Le service d'intégration refuse une loi de finances initiale sans ligne, en double ou négative
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Quand j'appelle le service "POST /api/lois-de-finances" avec :
      """
      {"identifiant": "LFI 2027", "taux_reserve_t2": "0.5", "taux_reserve_hors_t2": "5.5", "lignes": [<lignes>]}
      """
    Alors le service refuse la demande avec le statut 422 et le message "<message>"

    Exemples:
      | lignes                                                                                                                                        | message                                                                     |
      |                                                                                                                                               | La loi de finances « LFI 2027 » ne contient aucune ligne                    |
      | {"programme": "0150", "titre": "3", "ae": "1.00", "cp": "1.00"}, {"programme": "0150", "titre": "3", "ae": "2.00", "cp": "2.00"}              | Ligne en double : programme 0150, titre 3                                   |
      | {"programme": "0150", "titre": "3", "ae": "-1.00", "cp": "1.00"}                                                                              | Montant AE négatif pour le programme 0150 titre 3 : -1,00 €                 |

  @mineur @evolution:EVO-2026-002
  Plan du Scénario: Le service d'intégration refuse une loi de finances rectificative sans identifiant ou en double
    Étant donné le jeu de données "vierge" est chargé
    Quand j'appelle le service "POST /api/regulation/lois-rectificatives" avec :
      """
      {"identifiant": "<identifiant>", "lignes": [{"programme": "0150", "titre": "3", "ae": "1.00", "cp": "1.00"}<autre>]}
      """
    Alors le service refuse la demande avec le statut 422 et le message "<message>"

    Exemples:
      | identifiant | autre                                                             | message                                                            |
      | \u0020      |                                                                   | L'identifiant de la loi de finances rectificative est obligatoire  |
      | LFR 1       | , {"programme": "0150", "titre": "3", "ae": "2.00", "cp": "2.00"} | Ligne en double : programme 0150, titre 3                          |

  @mineur @evolution:EVO-2026-001
  Scénario: Le service d'intégration refuse un montant entier au-delà du maximum d'une opération
    Étant donné le jeu de données "vierge" est chargé
    Quand j'appelle le service "POST /api/regulation/lois-rectificatives" avec :
      """
      {"identifiant": "LFR 1", "lignes": [{"programme": "0150", "titre": "3", "ae": 10000000000000000, "cp": 0}]}
      """
    Alors le service refuse la demande avec le statut 422 et le message "Requête invalide : corps.lignes.0.ae : montant : le montant dépasse le maximum autorisé (999 999 999 999,99 €)"
