# language: fr
@titre2_paye
Fonctionnalité: Restitutions du titre 2 et des emplois après les flux de paye de l'année
  En tant que responsable de programme ou contrôleur budgétaire
  Je veux extraire de l'infocentre la consommation du titre 2 par catégorie et mois, et le suivi des emplois
  Afin de suivre la masse salariale et le plafond d'emplois au centime et au dix-millième d'ETPT près

  # Jeu « paye » : titre 2 du programme 0150 sur l'UO BG00/0150-CSUP-DR75 ; plafond d'emplois 6 892 ETPT.
  Contexte:
    Étant donné le jeu de données "paye" est chargé
    Et un flux "flux-paye" d'en-tête :
      | Champ               | Valeur            |
      | identifiant de flux | PAY-MESR-{N}03-01 |
      | mois                | {N}03             |
      | ministère           | MESR              |
      | émetteur            | DGFIP PAY         |
    Et les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant      | ETPT  |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 4 104 066,34 | 171,5 |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 22        | PCE/6451100000 | 1 250 000,00 | 0     |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 22        | PCE/6453100000 | 3 083 412,18 | 0     |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 23        | PCE/6471100000 | 18 540,00    | 0     |
    Et le flux est déposé
    Et un flux "flux-paye" d'en-tête :
      | Champ               | Valeur            |
      | identifiant de flux | PAY-MESR-{N}04-01 |
      | mois                | {N}04             |
      | ministère           | MESR              |
      | émetteur            | DGFIP PAY         |
    Et les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant      | ETPT   |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 4 110 250,00 | 172,25 |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 22        | PCE/6453100000 | 3 087 500,50 | 0      |
    Et le flux est déposé

  @critique @evolution:EVO-2026-110
  Scénario: La consommation du titre 2 de l'année, par catégorie et par mois, est celle attendue
    Quand j'extrais la restitution "T2-CATEGORIE" de l'exercice N
    Alors l'extraction est conforme à "expected/titre2-paye/t2_par_categorie_2026.csv"

  @critique @evolution:EVO-2026-110
  Scénario: Le suivi des emplois donne les ETPT de chaque mois et l'écart au plafond
    Quand j'extrais la restitution "SUIVI-EMPLOIS" de l'exercice N
    Alors l'extraction est conforme à "expected/titre2-paye/suivi_emplois_2026.csv"
