# language: fr
@reports
Fonctionnalité: Reports du titre 2 et des fonds de concours
  En tant que responsable de la synthèse budgétaire
  Je veux que les CP du titre 2 ne se reportent jamais, sauf fonds de concours, et que les fonds de
  concours non consommés se reportent hors plafond (jamais d'AE sur le titre 2)
  Afin de respecter l'article 15 de la LOLF et la fongibilité asymétrique

  # Jeu « cloture » : 0216 n'a pas de fonds de concours ; 0217 a reçu 3 450 000,00 € de fonds de concours
  # en titre 2, non consommés ; 0161 a reçu 12 000 000,00 € en titre 5 (rescEU), non consommés.

  @critique @evolution:EVO-2026-011
  Scénario: Les CP du titre 2 non consommés d'un programme sans fonds de concours ne sont pas reportables
    Étant donné le jeu de données "cloture" est chargé
    Quand je clôture l'exercice N
    Et je consulte les montants reportables du programme "0216" de l'exercice N
    Alors les montants reportables du programme "0216" sont exactement :
      | Titre | Nature | CP non consommés | CP reportables |
      | 2     | CP     | 764 610 048,45   | 0,00           |
      | 3     | CP     | 295 293 600,00   | 9 374 400,00   |
      | 5     | CP     | 64 968 750,00    | 2 062 500,00   |
      | 6     | CP     | 70 794 675,00    | 2 247 450,00   |

  @critique @evolution:EVO-2026-011
  Scénario: Sur le titre 2, seuls les CP des fonds de concours se reportent, sans aucune AE
    Étant donné le jeu de données "cloture" est chargé
    Quand je clôture l'exercice N
    Et je consulte les montants reportables du programme "0217" de l'exercice N
    Alors les montants reportables du programme "0217" sont exactement :
      | Titre | Nature | AE non consommées | CP non consommés | AE reportables | CP reportables |
      | 2     | CP     | 0,00              | 2 698 827 508,72 | 0,00           | 0,00           |
      | 2     | FDC    | 3 450 000,00      | 3 450 000,00     | 0,00           | 3 450 000,00   |
      | 3     | CP     | 0,00              | 214 396 213,50   | 0,00           | 6 806 229,00   |
      | 5     | AENE   | 12 750 000,00     | 0,00             | 12 750 000,00  | 0,00           |
      | 5     | CP     | 0,00              | 29 484 000,00    | 0,00           | 936 000,00     |
      | 6     | CP     | 0,00              | 15 913 800,00    | 0,00           | 505 200,00     |

  # 0161 : plafond 3 % de 655 110 000,00 € = 19 653 300,00 €, entièrement pris par les CP hors fonds de
  # concours (8 809 432,15 + 5 504 066,47 + 5 339 801,38) ; les fonds de concours s'y ajoutent.
  @majeur @evolution:EVO-2026-011
  Scénario: Les fonds de concours hors titre 2 non consommés se reportent en AE et en CP, hors plafond
    Étant donné le jeu de données "cloture" est chargé
    Quand je clôture l'exercice N
    Et je consulte les montants reportables du programme "0161" de l'exercice N
    Alors le plafond des reports de CP hors titre 2 affiche :
      | Programme | Plafond       | CP hors T2 reportables |
      | 0161      | 19 653 300,00 | 19 653 300,00          |
    Et les montants reportables du programme "0161" sont exactement :
      | Titre | Nature | AE non consommées | CP non consommés | AE reportables | CP reportables |
      | 2     | CP     | 0,00              | 212 805 187,20   | 0,00           | 0,00           |
      | 3     | CP     | 0,00              | 275 231 250,00   | 0,00           | 8 809 432,15   |
      | 5     | CP     | 0,00              | 171 962 400,00   | 0,00           | 5 504 066,47   |
      | 5     | FDC    | 12 000 000,00     | 12 000 000,00    | 12 000 000,00  | 12 000 000,00  |
      | 6     | CP     | 0,00              | 166 830 300,00   | 0,00           | 5 339 801,38   |
