# language: fr
@titre2_paye
Fonctionnalité: Titre 2 par catégorie, dépassements et plafond d'emplois après les flux de paye
  En tant que responsable de programme suivant sa masse salariale
  Je veux voir le titre 2 consommé par catégorie, CAS Pensions à part, et les ETPT consommés face au plafond d'emplois
  Afin de piloter la paye, qui est due même au-delà des crédits, sans jamais dépasser le plafond sans le savoir

  # Jeu « paye » : 45 000 000,00 € de titre 2 en AE et en CP sur l'UO BG00/0150-CSUP-DR75 ; plafond
  # d'emplois du programme 0150 voté en LFI : 6 892 ETPT.
  Contexte:
    Étant donné le jeu de données "paye" est chargé
    Et un flux "flux-paye" d'en-tête :
      | Champ               | Valeur            |
      | identifiant de flux | PAY-MESR-{N}03-01 |
      | mois                | {N}03             |
      | ministère           | MESR              |
      | émetteur            | DGFIP PAY         |

  @critique @evolution:EVO-2026-110
  Scénario: La paye d'un mois est imputée par catégorie, la contribution au CAS Pensions à part
    Étant donné les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant      | ETPT  |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 4 104 066,34 | 171,5 |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 22        | PCE/6451100000 | 1 250 000,00 | 0     |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 22        | PCE/6453100000 | 3 083 412,18 | 0     |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 23        | PCE/6471100000 | 18 540,00    | 0     |
    Quand je dépose le flux
    Alors le titre 2 consommé de l'UO "BG00/0150-CSUP-DR75" par catégorie est :
      | Catégorie | Sous-catégorie | Consommé     |
      | 21        |                | 4 104 066,34 |
      | 22        | hors CAS       | 1 250 000,00 |
      | 22        | CAS Pensions   | 3 083 412,18 |
      | 23        |                | 18 540,00    |
    Et les emplois du programme "0150" sont de 171,5 ETPT consommés pour un plafond de 6 892 ETPT

  @critique @evolution:EVO-2026-110
  Scénario: Un mois qui dépasse le titre 2 disponible est intégré, avec une alerte, et rien n'est refusé
    Étant donné les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant       | ETPT |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 45 000 000,01 | 900  |
    Quand je dépose le flux
    Alors le compte rendu d'intégration indique le statut "intégré"
    Et le compte rendu d'intégration signale l'alerte "Dépassement du titre 2 disponible sur l'UO BG00/0150-CSUP-DR75 (CP) : 45 000 000,01 € imputés pour 45 000 000,00 € disponibles, dépassement de 0,01 €."
    Et le titre 2 consommé de l'UO "BG00/0150-CSUP-DR75" par catégorie est :
      | Catégorie | Sous-catégorie | Consommé      |
      | 21        |                | 45 000 000,01 |

  @majeur @evolution:EVO-2026-110
  Scénario: Un mois qui consomme tout le titre 2 disponible, au centime, ne donne aucune alerte
    Étant donné les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant       | ETPT |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 45 000 000,00 | 900  |
    Quand je dépose le flux
    Alors le compte rendu d'intégration indique le statut "intégré"
    Et le compte rendu d'intégration ne signale aucune alerte

  @majeur @evolution:EVO-2026-110
  Plan du Scénario: Les ETPT consommés sont suivis face au plafond d'emplois : <cas>
    Étant donné les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant    | ETPT   |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 100 000,00 | <etpt> |
    Quand je dépose le flux
    Alors le compte rendu d'intégration indique le statut "intégré"
    Et les emplois du programme "0150" sont de <etpt> ETPT consommés pour un plafond de 6 892 ETPT

    Exemples:
      | cas                        | etpt      |
      | sous le plafond            | 6 891,9999 |
      | au plafond exactement      | 6 892     |

  @critique @evolution:EVO-2026-110
  Scénario: Des ETPT au-delà du plafond d'emplois sont intégrés avec une alerte
    Étant donné les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant    | ETPT       |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 100 000,00 | 6 892,0001 |
    Quand je dépose le flux
    Alors le compte rendu d'intégration indique le statut "intégré"
    Et le compte rendu d'intégration signale l'alerte "Plafond d'emplois du programme 0150 dépassé"
    Et les emplois du programme "0150" sont de 6 892,0001 ETPT consommés pour un plafond de 6 892 ETPT

  @critique @evolution:EVO-2026-110
  Scénario: Un flux correctif (rappels et trop-perçus) corrige la paye du mois par des lignes négatives
    Étant donné les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant      | ETPT  |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 4 104 066,34 | 171,5 |
    Et le flux est déposé
    Et un flux "flux-paye" d'en-tête :
      | Champ               | Valeur            |
      | identifiant de flux | PAY-MESR-{N}03-02 |
      | mois                | {N}03             |
      | ministère           | MESR              |
      | émetteur            | DGFIP PAY         |
    Et les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant    | ETPT |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | -1 234,56  | -0,5 |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 2 000,00   | 0    |
    Quand je dépose le flux
    Alors le compte rendu d'intégration indique le statut "intégré"
    Et le rapprochement du compte rendu donne 765,44 € au fichier, 765,44 € intégrés et 0,00 € rejetés
    Et le titre 2 consommé de l'UO "BG00/0150-CSUP-DR75" par catégorie est :
      | Catégorie | Sous-catégorie | Consommé     |
      | 21        |                | 4 104 831,78 |
    Et les emplois du programme "0150" sont de 171 ETPT consommés pour un plafond de 6 892 ETPT
