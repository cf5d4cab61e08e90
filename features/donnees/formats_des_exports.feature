# language: fr
@donnees
Fonctionnalité: Format de chaque colonne des restitutions de l'infocentre
  En tant que consommateur des extractions de l'infocentre (Data.Subvention, tableurs des ministères)
  Je veux que chaque colonne garde exactement le format de l'infocentre
  Afin qu'un lecteur qui attend 31.12.2026, 1 234,56 ou 0150 ne casse pas sur une date, un montant ou un code écrits autrement

  @critique @evolution:EVO-2026-080
  Scénario: Chaque colonne de l'INF-BUD-53 est au format de l'infocentre
    Étant donné le jeu de données "standard" est chargé
    Quand j'extrais la restitution "INF-BUD-53" de l'exercice N
    Alors chaque colonne de l'extraction est écrite au format :
      | Colonne                       | Format              |
      | Centre financier              | centre financier    |
      | Centre financier (2)          | texte               |
      | N° EJ                         | 10 chiffres         |
      | N° poste EJ                   | nombre              |
      | Fournisseur payé (DP)         | 10 chiffres         |
      | Fournisseur payé (DP) (2)     | texte               |
      | Date comptable du SF          | date jj.mm.aaaa     |
      | N° SF                         | 10 chiffres         |
      | N° DP                         | 9 chiffres          |
      | Date de base de la DP         | date jj.mm.aaaa     |
      | Bascule des EJ non soldés     | X                   |
      | Domaine fonctionnel           | domaine fonctionnel |
      | Activité                      | activité            |
      | Montant engagé                | montant             |
      | Montant réceptionné           | montant             |
      | Montant certifié non soldé    | montant             |
      | Montant pré-enregistré        | montant             |
      | Montant facturé               | montant             |
      | Montant payé                  | montant             |

  @critique @evolution:EVO-2026-082
  Scénario: Chaque colonne de la situation budgétaire est au format de l'infocentre
    Étant donné le jeu de données "standard" est chargé
    Quand j'extrais la restitution "SITUATION-BUDGETAIRE" de l'exercice N
    Alors chaque colonne de l'extraction est écrite au format :
      | Colonne                | Format           |
      | Niveau                 | texte            |
      | Programme              | 4 chiffres       |
      | BOP                    | BOP              |
      | Centre financier       | centre financier |
      | Titre                  | titre            |
      | AE ouvertes            | montant          |
      | AE réservées           | montant          |
      | AE mises à disposition | montant          |
      | AE affectées           | montant          |
      | AE engagées            | montant          |
      | AE disponibles         | montant          |
      | CP ouverts             | montant          |
      | CP réservés            | montant          |
      | CP mis à disposition   | montant          |
      | CP consommés           | montant          |
      | CP disponibles         | montant          |

  @critique @evolution:EVO-2026-090
  Scénario: Chaque colonne de l'extraction Data.Subvention est au format attendu par Data.Subvention
    Étant donné le jeu de données "standard" est chargé
    Quand j'extrais la restitution "DATA-SUBVENTION" de l'exercice N
    Alors chaque colonne de l'extraction est écrite au format :
      | Colonne                              | Format              |
      | N° EJ                                | 10 chiffres         |
      | N° poste EJ                          | nombre              |
      | Code taxe 1                          | 14 chiffres         |
      | No TVA 3                             | non affecté         |
      | Branche code                         | branche             |
      | Branche                              | texte               |
      | Référentiel de programmation         | activité            |
      | N° DP                                | 9 chiffres          |
      | N° poste DP                          | nombre              |
      | Société                              | société             |
      | Exercice comptable                   | 4 chiffres          |
      | Fournisseur payé (DP)                | 10 chiffres         |
      | Désignation de la structure          | texte               |
      | Centre financier                     | centre financier    |
      | Domaine fonctionnel                  | domaine fonctionnel |
      | Montant payé                         | montant             |
      | Date de dernière opération sur la DP | date jj.mm.aaaa     |

  @majeur @evolution:EVO-2026-104
  Scénario: Chaque colonne du journal d'audit des habilitations est au format de l'infocentre
    Étant donné le jeu de données "standard" est chargé
    Et que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand j'importe le fichier d'habilitations "habilitations-formats.csv" :
      | action | identifiant    | nom            | rôle         | périmètre           |
      | creer  | camille.martin | Camille Martin | gestionnaire | BG00/0150-CSUP-DR69 |
    Et j'extrais la restitution "AUDIT-HABILITATIONS" de l'exercice N
    Alors chaque colonne de l'extraction est écrite au format :
      | Colonne     | Format          |
      | N° d'ordre  | nombre          |
      | Date        | date jj.mm.aaaa |
      | Heure       | heure hh:mm:ss  |
      | Auteur      | texte           |
      | Action      | texte           |
      | Utilisateur | texte           |
      | Rôle        | texte           |
      | Périmètre   | centre financier |
      | Détail      | texte           |

  @majeur @evolution:EVO-2026-015
  Scénario: Chaque colonne de l'état des reports est au format de l'infocentre
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Et une demande de report du programme "0150" :
      | Titre | Nature | AE            |
      | 5     | AENE   | 26 892 039,50 |
    Et un avis favorable du contrôleur budgétaire sur cette demande de report
    Et un arrêté de report pris sur cette demande de report
    Quand j'extrais la restitution "ETAT-DES-REPORTS" de l'exercice N
    Alors chaque colonne de l'extraction est écrite au format :
      | Colonne               | Format            |
      | Programme             | 4 chiffres        |
      | Programme (2)         | texte             |
      | Titre                 | titre             |
      | Nature du report      | texte             |
      | Nature du report (2)  | texte             |
      | Taux du plafond (%)   | taux              |
      | N° demande de report  | demande de report |
      | Statut de la demande  | texte             |
      | N° arrêté de report   | arrêté de report  |
      | AE non consommées     | montant           |
      | CP non consommés      | montant           |
      | AE reportables        | montant           |
      | CP reportables        | montant           |
      | AE demandées          | montant           |
      | CP demandés           | montant           |
      | AE accordées          | montant           |
      | CP accordés           | montant           |

  @majeur @evolution:EVO-2026-013
  Scénario: Chaque colonne de la restitution des EJ basculés est au format de l'infocentre
    Étant donné le jeu de données "cloture" est chargé
    Et l'exercice N est clos
    Quand j'extrais la restitution "EJ-BASCULES" de l'exercice N
    Alors chaque colonne de l'extraction est écrite au format :
      | Colonne               | Format                |
      | Centre financier      | centre financier      |
      | Centre financier (2)  | texte                 |
      | N° EJ                 | 10 chiffres           |
      | N° poste EJ           | nombre                |
      | Fournisseur           | 10 chiffres           |
      | Fournisseur (2)       | texte                 |
      | Titre                 | titre                 |
      | Exercice de l'EJ      | 4 chiffres            |
      | Domaine fonctionnel   | domaine fonctionnel   |
      | Activité              | activité              |
      | Date de bascule       | date jj.mm.aaaa       |
      | Montant engagé        | montant               |
      | Montant payé          | montant               |
      | Montant basculé       | montant               |
      | Reste à payer         | montant               |
