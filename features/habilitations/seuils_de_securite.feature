# language: fr
@habilitations
Fonctionnalité: Seuil de verrouillage des comptes tenu à l'échec près
  En tant que pôle Chorus de la Direction du Budget
  Je veux que le compte soit verrouillé au cinquième échec de connexion de suite, ni avant ni après
  Afin qu'un seuil déplacé d'un échec, dans un sens ou dans l'autre, soit vu en recette

  Contexte:
    Étant donné le jeu de données "standard" est chargé

  @critique @evolution:EVO-2026-100
  Plan du Scénario: Le cinquième échec de connexion de suite verrouille le compte, pas le quatrième
    Étant donné <avant> connexions échouent pour l'utilisateur "sophie.garnier"
    Quand je me connecte par l'API en tant que "sophie.garnier" avec un mauvais mot de passe
    Alors la connexion est refusée pour "<refus>"

    Exemples: le 4e échec (N-1) et le 5e (N)
      | avant | refus                                                           |
      | 3     | Identifiant ou mot de passe incorrect                           |
      | 4     | Identifiant ou mot de passe incorrect : compte verrouillé jusqu'au |

  @critique @evolution:EVO-2026-100
  Scénario: Le quatrième échec de connexion de suite ne verrouille pas le compte
    Étant donné 3 connexions échouent pour l'utilisateur "sophie.garnier"
    Quand je me connecte par l'API en tant que "sophie.garnier" avec un mauvais mot de passe
    Alors la connexion est refusée avec le message "Identifiant ou mot de passe incorrect"
    Quand je me connecte par l'API en tant que "sophie.garnier"
    Alors la connexion est acceptée

  @critique @evolution:EVO-2026-100
  Plan du Scénario: Après cinq échecs de connexion de suite ou plus, même le bon mot de passe est refusé
    Étant donné <échecs> connexions échouent pour l'utilisateur "sophie.garnier"
    Quand je me connecte par l'API en tant que "sophie.garnier"
    Alors la connexion est refusée pour "Compte verrouillé jusqu'au"
    Et la connexion est refusée pour "après 5 échecs de connexion"

    Exemples: N et N+1 échecs
      | échecs |
      | 5      |
      | 6      |

  @majeur @evolution:EVO-2026-100
  Scénario: Une connexion réussie remet le compte des échecs à zéro
    Étant donné 4 connexions échouent pour l'utilisateur "sophie.garnier"
    Quand je me connecte par l'API en tant que "sophie.garnier"
    Alors la connexion est acceptée
    Étant donné 4 connexions échouent pour l'utilisateur "sophie.garnier"
    Quand je me connecte par l'API en tant que "sophie.garnier" avec un mauvais mot de passe
    Alors la connexion est refusée pour "compte verrouillé jusqu'au"
