# language: fr
@habilitations
Fonctionnalité: Connexion à Chorus
  En tant que pôle Chorus de la Direction du Budget
  Je veux que seuls les utilisateurs authentifiés, actifs et habilités accèdent à Chorus
  Afin de protéger les données budgétaires de l'État

  Contexte:
    Étant donné le jeu de données "standard" est chargé

  @critique @evolution:EVO-2026-100
  Scénario: Un écran demandé sans session mène à la page de connexion
    Étant donné que je ne suis pas connecté
    Quand j'ouvre l'adresse "/engagements/2103000001"
    Alors la page de connexion s'affiche

  @critique @evolution:EVO-2026-100
  Scénario: Un utilisateur suspendu ne peut pas se connecter
    Quand je me connecte par l'API en tant que "ines.caron"
    Alors la connexion est refusée avec le message "Compte suspendu : connexion refusée"

  @critique @evolution:EVO-2026-100
  Scénario: Cinq échecs de connexion de suite verrouillent le compte, même pour le bon mot de passe
    Étant donné 5 connexions échouent pour l'utilisateur "sophie.garnier"
    Quand je me connecte par l'API en tant que "sophie.garnier"
    Alors la connexion est refusée pour "Compte verrouillé jusqu'au"

  @majeur @evolution:EVO-2026-100
  Scénario: Quatre échecs de connexion ne verrouillent pas le compte
    Étant donné 4 connexions échouent pour l'utilisateur "sophie.garnier"
    Quand je me connecte par l'API en tant que "sophie.garnier"
    Alors la connexion est acceptée

  @critique @evolution:EVO-2026-100
  Scénario: Un utilisateur se connecte sur la page de connexion et arrive sur l'écran demandé
    Étant donné que je ne suis pas connecté
    Quand j'ouvre l'adresse "/engagements"
    Et je me connecte avec l'identifiant "sophie.garnier" et le mot de passe de la campagne
    Alors le bandeau affiche l'utilisateur connecté "sophie.garnier"
