# language: fr
@reports
Fonctionnalité: Plafond de report des CP hors titre 2
  En tant que responsable de la synthèse budgétaire
  Je veux que les CP hors titre 2 reportés ne dépassent pas 3 % des CP LFI hors titre 2 du programme,
  sauf pour les programmes que la loi de finances de l'année inscrit sur la liste des plafonds majorés
  Afin de respecter l'article 15 de la LOLF

  # Jeu « cloture », programme 0103 : CP LFI hors titre 2 = 26 940 000,00 + 634 120 780,27 = 661 060 780,27 € ;
  # plafond 3 % = 19 831 823,408 €, arrondi au centime inférieur : 19 831 823,40 €. CP hors titre 2 non
  # consommés : 15 202 437,36 € (T3 3 958 300,00 €, T6 11 244 137,36 €) ; un dégel de CP en titre 6 les
  # porte au centime près sous, sur ou au-dessus du plafond (réserve CP 0103 T6 : 34 876 642,91 €).

  @critique @evolution:EVO-2026-010
  Plan du Scénario: Les CP hors titre 2 reportables sont plafonnés à 3 % des CP LFI hors titre 2, au centime près
    Étant donné le jeu de données "cloture" est chargé
    Et un dégel de 0,00 € d'AE et <degel> de CP de la réserve du programme "0103" en titre 6
    Quand je clôture l'exercice N
    Et je consulte les montants reportables du programme "0103" de l'exercice N
    Alors le plafond des reports de CP hors titre 2 affiche :
      | Programme | Taux (%) | Liste majorée | Plafond       | CP hors T2 non consommés | CP hors T2 reportables |
      | 0103      | 3        | Non           | 19 831 823,40 | <non_consommes>          | <reportables>          |
    Et les montants reportables du programme "0103" sont exactement :
      | Titre | Nature | CP non consommés | CP reportables |
      | 3     | CP     | 3 958 300,00     | <cp_t3>        |
      | 6     | CP     | <base_t6>        | <cp_t6>        |

    Exemples:
      | cas                        | degel          | non_consommes | reportables   | base_t6       | cp_t3        | cp_t6         |
      | un centime sous le plafond | 4 629 386,03 € | 19 831 823,39 | 19 831 823,39 | 15 873 523,39 | 3 958 300,00 | 15 873 523,39 |
      | exactement au plafond      | 4 629 386,04 € | 19 831 823,40 | 19 831 823,40 | 15 873 523,40 | 3 958 300,00 | 15 873 523,40 |
      | un centime au-dessus       | 4 629 386,05 € | 19 831 823,41 | 19 831 823,40 | 15 873 523,41 | 3 958 300,00 | 15 873 523,40 |

  # 0150 : plafond 3 % de 14 394 506 021,35 € = 431 835 180,64 € pour 13 599 533 173,14 € non consommés ;
  # réparti au prorata des CP non consommés de chaque titre, au plus fort reste : T3 418 328 375,76 €,
  # T5 8 458 553,94 €, T6 5 048 250,94 € (total 431 835 180,64 €).
  @critique @evolution:EVO-2026-010
  Scénario: Un programme très au-dessus du plafond ne reporte que 3 % de ses CP LFI hors titre 2, répartis entre ses titres
    Étant donné le jeu de données "cloture" est chargé
    Quand je clôture l'exercice N
    Et je consulte les montants reportables du programme "0150" de l'exercice N
    Alors les montants reportables du programme "0150" sont exactement :
      | Titre | Nature | AE non consommées | CP non consommés  | AE reportables | CP reportables |
      | 2     | CP     | 0,00              | 524 779 156,81    | 0,00           | 0,00           |
      | 3     | CP     | 0,00              | 13 174 171 254,49 | 0,00           | 418 328 375,76 |
      | 5     | AENE   | 26 892 039,50     | 0,00              | 26 892 039,50  | 0,00           |
      | 5     | CP     | 0,00              | 266 380 299,75    | 0,00           | 8 458 553,94   |
      | 6     | CP     | 0,00              | 158 981 618,90    | 0,00           | 5 048 250,94   |

  # 0172 est inscrit par le jeu sur la liste majorée à 10 % : plafond 787 717 215,00 € ; ses 513 927 681,75 €
  # de CP non consommés se reportent en entier (le plafond général de 3 % les limiterait à 236 315 164,50 €).
  @critique @evolution:EVO-2026-010
  Scénario: Un programme de la liste des plafonds majorés reporte ses CP au-delà de 3 %
    Étant donné le jeu de données "cloture" est chargé
    Quand je clôture l'exercice N
    Et je consulte les montants reportables du programme "0172" de l'exercice N
    Alors le plafond des reports de CP hors titre 2 affiche :
      | Programme | CP LFI hors T2   | Taux (%) | Liste majorée | Plafond        | CP hors T2 non consommés | CP hors T2 reportables |
      | 0172      | 7 877 172 150,00 | 10       | Oui           | 787 717 215,00 | 513 927 681,75           | 513 927 681,75         |
    Et les montants reportables du programme "0172" sont exactement :
      | Titre | Nature | CP non consommés | CP reportables |
      | 3     | CP     | 431 095 881,75   | 431 095 881,75 |
      | 6     | CP     | 82 831 800,00    | 82 831 800,00  |

  # 0150 inscrit à 3,5 % : plafond = 14 394 506 021,35 × 3,5 % = 503 807 710,747 25 €, arrondi à 503 807 710,74 €.
  @majeur @evolution:EVO-2026-010
  Scénario: Le plafond majoré d'un programme fixé à l'écran s'applique à la clôture
    Étant donné le jeu de données "cloture" est chargé
    Quand je fixe à 3,5 % le plafond de report majoré du programme "0150" pour l'exercice N
    Alors l'opération est acceptée avec le message "Plafond de report des CP hors titre 2 de l'exercice {N} fixé : programme 0150 (liste majorée), 3,5 %"
    Quand je clôture l'exercice N
    Et je consulte les montants reportables du programme "0150" de l'exercice N
    Alors le plafond des reports de CP hors titre 2 affiche :
      | Programme | Taux (%) | Liste majorée | Plafond        | CP hors T2 reportables |
      | 0150      | 3,5      | Oui           | 503 807 710,74 | 503 807 710,74         |
