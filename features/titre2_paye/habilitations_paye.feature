# language: fr
@titre2_paye
Fonctionnalité: Qui dépose un flux de paye, et pour quels services
  En tant que responsable de BOP
  Je veux déposer la paye de mes seules UO, et jamais celle d'un autre BOP
  Afin que personne n'impute de dépenses de personnel hors de son périmètre

  # Jeu « paye » : l'UO BG00/0150-RECT-DR13 relève du BOP 0150-RECT, pas du BOP 0150-CSUP.
  Contexte:
    Étant donné le jeu de données "paye" est chargé
    Et un flux "flux-paye" d'en-tête :
      | Champ               | Valeur            |
      | identifiant de flux | PAY-MESR-{N}04-01 |
      | mois                | {N}04             |
      | ministère           | MESR              |
      | émetteur            | DGFIP PAY         |

  @critique @evolution:EVO-2026-110
  Scénario: Un responsable de BOP dépose la paye de ses UO
    Étant donné que je suis connecté en tant que "RBOP" sur le périmètre "0150-CSUP"
    Et les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant    | ETPT |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 250 000,00 | 10   |
    Quand je dépose le flux
    Alors le compte rendu d'intégration indique le statut "intégré"

  @critique @evolution:EVO-2026-110
  Scénario: Un flux qui touche une UO d'un autre BOP n'est pas intégré du tout
    Étant donné que je suis connecté en tant que "RBOP" sur le périmètre "0150-CSUP"
    Et les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant    | ETPT |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 250 000,00 | 10   |
      | BG00/0150-RECT-DR13 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 80 000,00  | 3    |
    Quand je dépose le flux
    Alors le flux est rejeté en entier avec le motif "Ligne 3 : le centre financier « BG00/0150-RECT-DR13 » est hors de vos périmètres ; le flux n'est pas intégré."
    Et le titre 2 consommé de l'UO "BG00/0150-CSUP-DR75" par catégorie est :
      | Catégorie | Sous-catégorie | Consommé |
      | 21        |                | 0,00     |

  @majeur @evolution:EVO-2026-110
  Scénario: Un flux déposé deux fois n'impute la paye qu'une fois
    Étant donné les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant    | ETPT |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 250 000,00 | 10   |
    Et le flux est déposé
    Quand je dépose le même flux une seconde fois
    Alors le titre 2 consommé de l'UO "BG00/0150-CSUP-DR75" par catégorie est :
      | Catégorie | Sous-catégorie | Consommé   |
      | 21        |                | 250 000,00 |
    Et les emplois du programme "0150" sont de 10 ETPT consommés pour un plafond de 6 892 ETPT

  @majeur @evolution:EVO-2026-110
  Scénario: Un responsable d'UO ne dépose pas de flux de paye, même pour son UO
    Étant donné que je suis connecté en tant que "RUO" sur le périmètre "BG00/0150-CSUP-DR75"
    Et les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant    | ETPT |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 250 000,00 | 10   |
    Quand je dépose le flux
    Alors le dépôt du flux est refusé avec le statut 403
