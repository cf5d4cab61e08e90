# language: fr
@habilitations
Fonctionnalité: Refus des fichiers d'habilitations erronés, ligne par ligne
  En tant qu'administrateur du pôle Chorus
  Je veux qu'un fichier d'habilitations dont une ligne est sans objet ou mal formée soit refusé en entier,
  avec chaque ligne rejetée et sa raison
  Afin de corriger le fichier sans jamais laisser les habilitations à moitié modifiées

  Contexte:
    Étant donné le jeu de données "standard" est chargé

  @critique @evolution:EVO-2026-103
  Scénario: Chaque ligne sans objet ou mal formée d'un fichier est signalée et rien n'est appliqué
    Étant donné que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand j'importe le fichier d'habilitations "habilitations-sans-objet.csv" :
      | action    | identifiant    | nom              | rôle | périmètre           |
      | creer     | sophie.garnier | Sophie Garnier   |      |                     |
      | attribuer | sophie.garnier |                  | RUO  | BG00/0150-CSUP-DR75 |
      | attribuer | julien.roux    |                  |      |                     |
      | suspendre | julien.roux    |                  | RUO  | BG00/0150-CSUP-DR75 |
      | suspendre | admin.pole     |                  |      |                     |
      | suspendre | ines.caron     |                  |      |                     |
      | reactiver | paul.lambert   |                  |      |                     |
      | creer     | camille.martin | Martin; Camille  |      |                     |
    Alors l'import est refusé et le rapport signale :
      | Ligne | Motif                                                                  |
      | 2     | l'utilisateur sophie.garnier existe déjà                               |
      | 3     | l'utilisateur sophie.garnier a déjà le rôle RUO sur BG00/0150-CSUP-DR75 |
      | 4     | rôle et périmètre obligatoires pour cette action                       |
      | 5     | rôle et périmètre ne s'appliquent pas à l'action « suspendre »         |
      | 6     | vous ne pouvez pas suspendre votre propre compte                       |
      | 7     | l'utilisateur ines.caron est déjà suspendu                             |
      | 8     | l'utilisateur paul.lambert est déjà actif                              |
      | 9     | 6 colonne(s) au lieu de 5                                              |
    Et l'utilisateur "camille.martin" n'existe pas

  @majeur @evolution:EVO-2026-103
  Scénario: Un administrateur d'un programme ne modifie pas les habilitations hors de son programme
    Étant donné que je suis connecté en tant que "administrateur" sur le périmètre "0150"
    Quand j'importe le fichier d'habilitations "habilitations-hors-perimetre.csv" :
      | action    | identifiant   | nom | rôle | périmètre |
      | suspendre | thomas.girard |     |      |           |
      | attribuer | julien.roux   |     | RUO  | 0217      |
    Alors l'import est refusé et le rapport signale :
      | Ligne | Motif                                                                  |
      | 2     | rôle RPROG sur 0217 de thomas.girard hors de votre périmètre d'administration |
      | 3     | périmètre 0217 hors de votre périmètre d'administration               |

  @majeur @evolution:EVO-2026-103
  Plan du Scénario: Un fichier sans en-tête complet ou sans ligne est refusé en entier
    Étant donné que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand j'importe le fichier d'habilitations "<fichier>" :
      | action    | identifiant   | nom   | rôle | <derniere colonne> |
      | <action>  | <identifiant> |       |      |                    |
    Alors l'import est refusé et le rapport signale :
      | Ligne   | Motif    |
      | <ligne> | <motif>  |

    Exemples:
      | fichier              | derniere colonne | action    | identifiant  | ligne | motif                                                                                        |
      | sans-perimetre.csv   | territoire       | suspendre | paul.lambert | 1     | colonne(s) manquante(s) : perimetre (en-tête attendu : action;identifiant;nom;role;perimetre) |
      | sans-ligne.csv       | périmètre        |           |              | 2     | aucune ligne de modification après l'en-tête                                                 |

  @mineur @evolution:EVO-2026-103
  Scénario: Un fichier enregistré vide par Excel est refusé
    Étant donné que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand j'importe le fichier d'habilitations "vide.csv" enregistré vide par Excel
    Alors l'import est refusé et le rapport signale :
      | Ligne | Motif                                                              |
      | 1     | fichier vide : en-tête attendu action;identifiant;nom;role;perimetre |

  @mineur @evolution:EVO-2026-103
  Scénario: Un fichier de plus de 5000 lignes est refusé : il faut le découper
    Étant donné que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand j'importe le fichier d'habilitations "massif.csv" de 5001 lignes suspendant l'utilisateur "paul.lambert"
    Alors l'import est refusé et le rapport signale :
      | Ligne | Motif                                    |
      | 5002  | plus de 5000 lignes : découpez le fichier |

  @mineur @evolution:EVO-2026-103
  Scénario: Un fichier dont une cellule dépasse la taille lisible est refusé comme illisible
    Étant donné que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand j'importe le fichier d'habilitations "geant.csv" créant l'utilisateur "camille.martin" avec un nom de 200000 caractères
    Alors l'import est refusé et le rapport signale :
      | Ligne | Motif                                                       |
      | 2     | fichier CSV illisible : une cellule dépasse 131 072 caractères |
