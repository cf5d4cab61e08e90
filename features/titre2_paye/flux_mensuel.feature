# language: fr
@titre2_paye
Fonctionnalité: Intégration du flux mensuel de paye (PAY → Chorus) sur le titre 2
  En tant que gestionnaire de la chaîne RH-paye au contrôle budgétaire
  Je veux que chaque flux mensuel de paye soit intégré ligne à ligne sur le titre 2, ou rejeté en entier quand il est faux
  Afin que la paye, qui est due, soit imputée sans engagement préalable et que tout se rapproche au centime

  # Jeu « paye » : titre 2 du programme 0150 (ministère MESR) mis à disposition de l'UO
  # BG00/0150-CSUP-DR75 (45 000 000,00 € en AE et en CP) ; l'UO BG00/0150-CSUP-DR69 ne porte pas de
  # titre 2. Le flux est au dessin « interfaces/flux-paye.yaml » ; sa fin est calculée sauf mention.
  Contexte:
    Étant donné le jeu de données "paye" est chargé
    Et un flux "flux-paye" d'en-tête :
      | Champ               | Valeur              |
      | identifiant de flux | PAY-MESR-{N}03-01   |
      | mois                | {N}03               |
      | ministère           | MESR                |
      | émetteur            | DGFIP PAY           |

  @critique @evolution:EVO-2026-110
  Scénario: Un mois nominal est intégré en entier et consomme le titre 2 en AE et en CP
    Étant donné les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant      | ETPT  |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 4 104 066,34 | 171,5 |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 22        | PCE/6453100000 | 3 083 412,18 | 0     |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 23        | PCE/6471100000 | 18 540,00    | 0     |
    Quand je dépose le flux à l'écran « Flux de paye »
    Alors le compte rendu d'intégration indique le statut "intégré"
    Et le compte rendu d'intégration compte 3 ligne(s) intégrée(s) et 0 ligne(s) rejetée(s)
    Et le rapprochement du compte rendu donne 7 206 018,52 € au fichier, 7 206 018,52 € intégrés et 0,00 € rejetés
    Et le compte rendu d'intégration ne signale aucune alerte

  @critique @evolution:EVO-2026-110
  Scénario: Un flux dont le montant total annoncé est faux est rejeté en entier
    Étant donné les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant      | ETPT  |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 4 104 066,34 | 171,5 |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 22        | PCE/6453100000 | 3 083 412,18 | 0     |
    Et la fin du flux annonce "7 187 478,53" pour le champ "montant total"
    Quand je dépose le flux
    Alors le flux est rejeté en entier avec le motif "Montant total de l'enregistrement de fin : 7 187 478,53 € annoncés, 7 187 478,52 € calculés sur les lignes de détail."
    Et le rapprochement du compte rendu donne 7 187 478,52 € au fichier, 0,00 € intégrés et 7 187 478,52 € rejetés

  @critique @evolution:EVO-2026-110
  Scénario: Un flux dont le nombre de lignes annoncé est faux est rejeté en entier
    Étant donné les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant      | ETPT  |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 4 104 066,34 | 171,5 |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 22        | PCE/6453100000 | 3 083 412,18 | 0     |
    Et la fin du flux annonce "3" pour le champ "nombre de lignes"
    Quand je dépose le flux
    Alors le flux est rejeté en entier avec le motif "Nombre de lignes de l'enregistrement de fin : 3 annoncé(s), 2 ligne(s) de détail dans le fichier."

  @majeur @evolution:EVO-2026-110
  Scénario: Un fichier tronqué, sans enregistrement de fin, est rejeté en entier
    Étant donné les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant      | ETPT  |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 4 104 066,34 | 171,5 |
    Et le flux est tronqué avant sa fin
    Quand je dépose le flux
    Alors le flux est rejeté en entier avec le motif "Fichier tronqué : l'enregistrement de fin (99) est absent"

  @critique @evolution:EVO-2026-110
  Scénario: Un flux déjà intégré est refusé la seconde fois et rien n'est imputé deux fois
    Étant donné les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant      | ETPT  |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 4 104 066,34 | 171,5 |
    Quand je dépose le flux
    Et je dépose le même flux une seconde fois
    Alors le flux est rejeté en entier avec le motif "Flux PAY-MESR-{N}03-01 déjà intégré le"
    Et le rapprochement du compte rendu donne 4 104 066,34 € au fichier, 0,00 € intégrés et 4 104 066,34 € rejetés

  @majeur @evolution:EVO-2026-110
  Scénario: Un flux d'un ministère inconnu est rejeté en entier
    Étant donné un flux "flux-paye" d'en-tête :
      | Champ               | Valeur            |
      | identifiant de flux | PAY-MXYZ-{N}03-01 |
      | mois                | {N}03             |
      | ministère           | MXYZ              |
      | émetteur            | DGFIP PAY         |
    Et les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant    | ETPT |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 100 000,00 | 2    |
    Quand je dépose le flux
    Alors le flux est rejeté en entier avec le motif "Ministère inconnu : « MXYZ »."

  @critique @evolution:EVO-2026-110
  Scénario: Les lignes fausses sont rejetées une à une avec leur motif, les autres intégrées, et tout se rapproche
    Étant donné les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant      | ETPT  |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 4 104 066,34 | 171,5 |
      | BG00/0150-CSUP-DR99 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 10 000,00    | 1     |
      | BG00/0150-CSUP-DR69 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 20 000,00    | 1     |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6453100000 | 30 000,00    | 0     |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 23        | PCE/6471100000 | `12,345`     | 0     |
    Quand je dépose le flux
    Alors le compte rendu d'intégration indique le statut "intégré partiellement"
    Et le compte rendu d'intégration compte 1 ligne(s) intégrée(s) et 4 ligne(s) rejetée(s)
    Et le compte rendu d'intégration rejette les lignes :
      | Ligne | Motif                                                                                                                                   |
      | 3     | Centre financier inconnu : « BG00/0150-CSUP-DR99 ».                                                                                     |
      | 4     | L'UO « BG00/0150-CSUP-DR69 » ne porte pas de crédits de titre 2.                                                                        |
      | 5     | Catégorie 21 et compte PCE « PCE/6453100000 » incohérents : ce compte relève de la catégorie 22.                                         |
      | 6     | Valeur mal formée pour « montant » : « 12,345 » (attendu un montant à deux décimales et virgule décimale, ex. « -1234,56 »).           |
    Et le rapprochement du compte rendu donne 4 164 066,34 € au fichier, 4 104 066,34 € intégrés et 60 000,00 € rejetés
