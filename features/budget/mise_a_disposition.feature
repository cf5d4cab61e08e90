# language: fr
@budget
Fonctionnalité: Mise à disposition des crédits du programme vers les BOP et les UO
  En tant que responsable de programme ou de BOP
  Je veux mettre à disposition les crédits ouverts de mon niveau
  Afin que les UO puissent les consommer, jamais au-delà de ce dont je dispose

  Contexte:
    Étant donné le jeu de données "vierge" est chargé

  # LFI 2026 du programme 0150, titre 3 : 13 942 871 504,00 € en AE et en CP, réserve 5,5 %
  # (766 857 932,72 €) : 13 176 013 571,28 € disponibles.

  @critique @evolution:EVO-2026-030
  Scénario: Le programme met des crédits à disposition d'un de ses BOP
    Quand je mets à disposition 1 000 000,00 € d'AE et 800 000,00 € de CP en titre 3 de "0150" vers "0150-CSUP"
    Alors l'opération est acceptée avec le message "Mise à disposition"
    Quand je consulte la situation budgétaire du BOP "0150-CSUP" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes    | CP ouverts   | AE disponibles | CP disponibles |
      | 3     | 1 000 000,00 € | 800 000,00 € | 1 000 000,00 € | 800 000,00 €   |

  @critique @evolution:EVO-2026-030
  Scénario: Le programme met à disposition exactement tout son disponible
    Quand je mets à disposition 13 176 013 571,28 € d'AE et 13 176 013 571,28 € de CP en titre 3 de "0150" vers "0150-CSUP"
    Alors l'opération est acceptée avec le message "Mise à disposition"
    Quand je consulte la situation budgétaire du programme "0150" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE mises à disposition | AE disponibles | CP disponibles |
      | 3     | 13 176 013 571,28 €    | 0,00 €         | 0,00 €         |

  @critique @evolution:EVO-2026-030
  Scénario: Une mise à disposition d'un centime au-delà du disponible du programme est refusée
    Quand je mets à disposition 13 176 013 571,29 € d'AE et 0,00 € de CP en titre 3 de "0150" vers "0150-CSUP"
    Alors l'opération est refusée avec le message "Crédits insuffisants : 13 176 013 571,29 € demandés, 13 176 013 571,28 € disponibles en AE sur le programme 0150"

  @majeur @evolution:EVO-2026-030
  Scénario: Une mise à disposition de CP au-delà du disponible du BOP est refusée
    Étant donné l'UO "BG00/0150-CSUP-DR69" dotée en titre 3 de 0,01 € d'AE et 0,01 € de CP
    Quand je mets à disposition 0,00 € d'AE et 0,01 € de CP en titre 3 de "0150-CSUP" vers "BG00/0150-CSUP-DR75"
    Alors l'opération est refusée avec le message "Crédits insuffisants : 0,01 € demandés, 0,00 € disponibles en CP sur le BOP 0150-CSUP"

  @majeur @evolution:EVO-2026-030
  Scénario: Le BOP met des crédits à disposition d'une de ses UO
    Étant donné l'UO "BG00/0150-CSUP-DR69" dotée en titre 3 de 100,00 € d'AE et 100,00 € de CP
    Quand je mets à disposition 300 000,00 € d'AE et 200 000,00 € de CP en titre 3 de "0150" vers "0150-CSUP"
    Et je mets à disposition 250 000,00 € d'AE et 150 000,00 € de CP en titre 3 de "0150-CSUP" vers "BG00/0150-CSUP-DR75"
    Alors l'opération est acceptée avec le message "Mise à disposition"
    Quand je consulte la situation budgétaire du BOP "0150-CSUP" pour l'exercice N
    Alors la situation budgétaire affiche :
      | Titre | AE ouvertes  | AE mises à disposition | AE disponibles | CP disponibles |
      | 3     | 300 100,00 € | 250 100,00 €           | 50 000,00 €    | 50 000,00 €    |

  @majeur @evolution:EVO-2026-030
  Scénario: Une UO qui n'appartient pas au BOP ne peut pas en recevoir les crédits
    Quand je mets à disposition 1 000,00 € d'AE et 1 000,00 € de CP en titre 3 de "0150-CSUP" vers "BG00/0150-RECT-DR13"
    Alors l'opération est refusée avec le message "L'UO BG00/0150-RECT-DR13 n'appartient pas au BOP 0150-CSUP"
