# language: fr
@regulation
Fonctionnalité: Situation budgétaire des programmes après la régulation en gestion
  En tant que responsable de la synthèse budgétaire
  Je veux extraire la situation des crédits après une série de mouvements de régulation
  Afin de la rapprocher, au centime et pour chaque programme, de la situation attendue

  @critique @evolution:EVO-2026-008
  Scénario: La situation budgétaire après une série de mouvements de régulation est conforme à l'attendu
    Étant donné le jeu de données "vierge" est chargé
    Quand j'intègre la loi de finances rectificative "LFR 2026-1" :
      | Programme | Titre | AE            | CP            |
      | 0217      | 3     | -1 000 000,00 | -1 000 000,00 |
      | 0161      | 6     | 2 000 000,00  | 1 500 000,00  |
    Et je vire 5 000 000,00 € d'AE et 5 000 000,00 € de CP du programme "0216" vers le programme "0161" en titre 3
    Et je transfère 2 000 000,00 € d'AE et 1 500 000,00 € de CP du programme "0217" vers le programme "0216" en titre 5
    Et je déplace 1 000 000,00 € d'AE et 1 000 000,00 € de CP du titre 2 vers le titre 6 du programme "0161"
    Et je rattache un fonds de concours de 750 000,00 € au programme "0216" en titre 2 sous la référence "FDC 1-2-00789"
    Et je dégèle 24 022 900,00 € d'AE et 10 302 600,00 € de CP de la réserve du programme "0161" en titre 5
    Et je surgèle 1 000 000,00 € d'AE et 1 000 000,00 € de CP du programme "0216" en titre 6
    Et j'annule 3 000 000,00 € d'AE et 3 000 000,00 € de CP mis en réserve sur le programme "0217" en titre 2
    Et j'extrais la restitution "SITUATION-BUDGETAIRE" de l'exercice N
    Alors l'extraction est conforme à "expected/regulation/situation_apres_regulation_2026.csv"
