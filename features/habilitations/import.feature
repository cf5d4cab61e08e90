# language: fr
@habilitations
Fonctionnalité: Mise à jour des habilitations en masse par fichier
  En tant qu'administrateur du pôle Chorus
  Je veux appliquer un fichier CSV de modifications d'habilitations, vérifié en entier avant d'être appliqué
  Afin de tenir les habilitations à jour sans jamais les laisser à moitié modifiées

  Contexte:
    Étant donné le jeu de données "standard" est chargé

  @critique @evolution:EVO-2026-103
  Scénario: Un fichier valide est appliqué en entier
    Étant donné que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand j'importe le fichier d'habilitations "habilitations-novembre.csv" :
      | action    | identifiant    | nom                           | rôle         | périmètre           |
      | creer     | camille.martin | Camille Martin – gestionnaire | gestionnaire | BG00/0150-CSUP-DR69 |
      | attribuer | camille.martin |                               | RUO          | BG00/0150-CSUP-CENT |
      | retirer   | julien.roux    |                               | gestionnaire | BG00/0150-CSUP-DR75 |
      | suspendre | paul.lambert   |                               |              |                     |
    Alors l'opération est acceptée avec le message "Import appliqué : 4 ligne(s) (1 création, 1 attribution, 1 retrait, 1 suspension)"
    Et l'utilisateur "camille.martin" a les rôles-territoires :
      | Rôle         | Périmètre           |
      | RUO          | BG00/0150-CSUP-CENT |
      | gestionnaire | BG00/0150-CSUP-DR69 |
    Et l'utilisateur "julien.roux" a les rôles-territoires :
      | Rôle | Périmètre |
    Quand je me connecte par l'API en tant que "paul.lambert"
    Alors la connexion est refusée avec le message "Compte suspendu : connexion refusée"

  @critique @evolution:EVO-2026-103
  Scénario: Un fichier dont des lignes sont erronées est refusé en entier
    Étant donné que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand j'importe le fichier d'habilitations "habilitations-erronees.csv" :
      | action    | identifiant    | nom            | rôle | périmètre           |
      | creer     | camille.martin | Camille Martin |      |                     |
      | attribuer | camille.martin |                | RUOO | BG00/0150-CSUP-DR69 |
      | attribuer | camille.martin |                | RUO  | BG00-0150-CSUP-DR69 |
      | supprimer | paul.lambert   |                |      |                     |
      | suspendre | julien.roux    |                |      |                     |
    Alors l'import est refusé et le rapport signale :
      | Ligne | Motif                                                                                                                                    |
      | 3     | rôle inconnu : « RUOO » (rôles : administrateur, RPROG, RBOP, RUO, gestionnaire, controleur, lecteur)                                   |
      | 4     | périmètre invalide : « BG00-0150-CSUP-DR69 » (national, un programme 0150, un BOP 0150-CSUP ou un centre financier BG00/0150-CSUP-DR75) |
      | 5     | action inconnue « supprimer » (actions : creer, attribuer, retirer, suspendre, reactiver)                                                |
    Et l'utilisateur "camille.martin" n'existe pas
    Quand je me connecte par l'API en tant que "julien.roux"
    Alors la connexion est acceptée

  @majeur @evolution:EVO-2026-103
  Scénario: Un utilisateur ou un périmètre inconnus sont signalés et rien n'est appliqué
    Étant donné que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand j'importe le fichier d'habilitations "habilitations-inconnus.csv" :
      | action    | identifiant    | nom | rôle         | périmètre           |
      | attribuer | jean.inconnu   |     | RUO          | BG00/0150-CSUP-DR75 |
      | attribuer | sophie.garnier |     | RUO          | BG00/0150-CSUP-DR99 |
      | retirer   | sophie.garnier |     | RUO          | BG00/0150-CSUP-DR69 |
      | attribuer | sophie.garnier |     | gestionnaire | BG00/0150-CSUP-DR69 |
    Alors l'import est refusé et le rapport signale :
      | Ligne | Motif                                                                    |
      | 2     | utilisateur inconnu : jean.inconnu                                       |
      | 3     | périmètre inconnu du référentiel : BG00/0150-CSUP-DR99                   |
      | 4     | l'utilisateur sophie.garnier n'a pas le rôle RUO sur BG00/0150-CSUP-DR69 |
    Et l'utilisateur "sophie.garnier" a les rôles-territoires :
      | Rôle | Périmètre           |
      | RUO  | BG00/0150-CSUP-DR75 |
