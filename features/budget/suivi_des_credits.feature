# language: fr
@budget
Fonctionnalité: Suivi des crédits à chaque niveau : programme, BOP et UO
  En tant que responsable de programme, de BOP ou d'UO
  Je veux voir chaque mouvement de crédits diminuer ce qui est disponible là où il est pris
  et augmenter ce qui est disponible là où il arrive, au centime près
  Afin de piloter les crédits à chaque niveau de la chaîne de la dépense

  # Ces scénarios ne chargent aucun jeu de données et ne vérifient que des écarts : ils se jouent sur
  # le bac à sable comme sur un Chorus réel (préconditions par les écrans, recette.yaml).

  @critique @evolution:EVO-2026-070
  Scénario: Une mise à disposition du BOP vers une UO diminue les crédits disponibles du BOP du même montant
    Étant donné le BOP "0150-CSUP" doté en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    Et les CP disponibles du BOP "0150-CSUP" en titre 3 sont notées
    Et les AE disponibles du BOP "0150-CSUP" en titre 3 sont notées
    Et les CP disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont notées
    Quand je mets à disposition 80 000,00 € d'AE et 30 000,00 € de CP en titre 3 de "0150-CSUP" vers "BG00/0150-CSUP-DR75"
    Alors les CP disponibles du BOP "0150-CSUP" en titre 3 ont diminué de 30 000,00 €
    Et les AE disponibles du BOP "0150-CSUP" en titre 3 ont diminué de 80 000,00 €
    Et les CP disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 ont augmenté de 30 000,00 €

  @critique @evolution:EVO-2026-070
  Scénario: Les crédits ouverts par une loi rectificative se distribuent du programme au BOP
    Étant donné le programme "0150" doté en titre 3 de 500 000,00 € d'AE et 400 000,00 € de CP
    Et les AE disponibles du programme "0150" en titre 3 sont notées
    Et les AE mises à disposition du programme "0150" en titre 3 sont notées
    Et les AE ouvertes du BOP "0150-CSUP" en titre 3 sont notées
    Et les CP disponibles du BOP "0150-CSUP" en titre 3 sont notées
    Quand je mets à disposition 500 000,00 € d'AE et 400 000,00 € de CP en titre 3 de "0150" vers "0150-CSUP"
    Alors les AE disponibles du programme "0150" en titre 3 ont diminué de 500 000,00 €
    Et les AE mises à disposition du programme "0150" en titre 3 ont augmenté de 500 000,00 €
    Et les AE ouvertes du BOP "0150-CSUP" en titre 3 ont augmenté de 500 000,00 €
    Et les CP disponibles du BOP "0150-CSUP" en titre 3 ont augmenté de 400 000,00 €
