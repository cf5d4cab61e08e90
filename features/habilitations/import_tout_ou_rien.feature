# language: fr
@habilitations
Fonctionnalité: Un fichier d'habilitations est appliqué en entier ou pas du tout
  En tant qu'administrateur du pôle Chorus
  Je veux qu'un fichier dont une seule ligne est rejetée ne modifie rien, pas même les lignes qui la précèdent
  Afin que les habilitations ne restent jamais à moitié modifiées

  Contexte:
    Étant donné le jeu de données "standard" est chargé
    Et que je suis connecté en tant que l'utilisateur "admin.pole"

  @critique @evolution:EVO-2026-103
  Scénario: Un fichier dont seule la dernière ligne est rejetée n'applique aucune des lignes valides qui la précèdent
    Quand j'importe le fichier d'habilitations "habilitations-derniere-ligne-erronee.csv" :
      | action    | identifiant    | nom            | rôle         | périmètre           |
      | creer     | camille.martin | Camille Martin | gestionnaire | BG00/0150-CSUP-DR69 |
      | retirer   | julien.roux    |                | gestionnaire | BG00/0150-CSUP-DR75 |
      | suspendre | paul.lambert   |                |              |                     |
      | attribuer | sophie.garnier |                | RUO          | BG00/0150-CSUP-DR99 |
    Alors l'import est refusé et le rapport signale :
      | Ligne | Motif                                                  |
      | 5     | périmètre inconnu du référentiel : BG00/0150-CSUP-DR99 |
    Et l'utilisateur "camille.martin" n'existe pas
    Et l'utilisateur "julien.roux" a les rôles-territoires :
      | Rôle         | Périmètre           |
      | gestionnaire | BG00/0150-CSUP-DR75 |
    Et l'utilisateur "sophie.garnier" a les rôles-territoires :
      | Rôle | Périmètre           |
      | RUO  | BG00/0150-CSUP-DR75 |
    Quand je me connecte par l'API en tant que "paul.lambert"
    Alors la connexion est acceptée

  @majeur @evolution:EVO-2026-103
  Scénario: Un fichier dont la deuxième ligne est rejetée ne crée pas l'utilisateur de la première
    Quand j'importe le fichier d'habilitations "habilitations-deuxieme-ligne-erronee.csv" :
      | action    | identifiant    | nom            | rôle | périmètre           |
      | creer     | camille.martin | Camille Martin | RUO  | BG00/0150-CSUP-DR69 |
      | attribuer | camille.martin |                | RUO  | BG00/0150-CSUP-DR69 |
    Alors l'import est refusé et le rapport signale :
      | Ligne | Motif                                                              |
      | 3     | l'utilisateur camille.martin a déjà le rôle RUO sur BG00/0150-CSUP-DR69 |
    Et l'utilisateur "camille.martin" n'existe pas
