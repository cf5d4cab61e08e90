# language: fr
@reports
Fonctionnalité: Report des AE affectées non engagées des tranches fonctionnelles
  En tant que responsable de programme
  Je veux reporter sur l'exercice N+1 les AE affectées à mes tranches fonctionnelles et non engagées
  Afin de poursuivre mes opérations d'investissement sans nouvelle affectation

  # Jeu « cloture », titre 5 : TF0161000001 (hangar de Nîmes-Garons) entièrement engagée ; TF0150000001
  # (campus) engagée par deux EJ de 18 742 560,00 € et 2 865 400,50 € ; TF0217000001 (La Défense) non engagée.

  @critique @evolution:EVO-2026-011
  Plan du Scénario: L'AENE reportable d'une tranche fonctionnelle est ses AE affectées moins ses AE engagées
    Étant donné le jeu de données "cloture" est chargé
    Quand je clôture l'exercice N
    Et je consulte les montants reportables du programme "<programme>" de l'exercice N
    Alors l'AENE par tranche fonctionnelle affiche :
      | N° TF     | Centre financier | Titre | AE affectées | AE engagées | AENE   |
      | <tranche> | <uo>             | 5     | <affectees>  | <engagees>  | <aene> |

    Exemples:
      | engagee       | programme | tranche      | uo                  | affectees     | engagees      | aene          |
      | entièrement   | 0161      | TF0161000001 | BG00/0161-DGSC-AERO | 16 850 000,00 | 16 850 000,00 | 0,00          |
      | partiellement | 0150      | TF0150000001 | BG00/0150-CSUP-DR75 | 48 500 000,00 | 21 607 960,50 | 26 892 039,50 |
      | pas du tout   | 0217      | TF0217000001 | BG00/0217-SGAC-CENT | 12 750 000,00 | 0,00          | 12 750 000,00 |
