# language: fr
@habilitations
Fonctionnalité: Paramétrage des utilisateurs par l'administrateur
  En tant qu'administrateur du pôle Chorus
  Je veux créer, suspendre les utilisateurs, leur attribuer et leur retirer des rôles-territoires
  Afin que les habilitations suivent les arrivées, les départs et les changements de poste

  Contexte:
    Étant donné le jeu de données "standard" est chargé

  @critique @evolution:EVO-2026-102
  Scénario: Un utilisateur créé voit aussitôt le centre financier du rôle qu'on lui attribue
    Étant donné que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand je crée l'utilisateur "camille.martin" nommé "Camille Martin – gestionnaire Auvergne-Rhône-Alpes"
    Alors l'opération est acceptée avec le message "Utilisateur camille.martin créé : Camille Martin – gestionnaire Auvergne-Rhône-Alpes"
    Quand j'attribue le rôle "gestionnaire" sur le périmètre "BG00/0150-CSUP-DR69" à l'utilisateur "camille.martin"
    Alors l'opération est acceptée avec le message "Rôle gestionnaire attribué à camille.martin sur le périmètre BG00/0150-CSUP-DR69"
    Et l'utilisateur "camille.martin" a les rôles-territoires :
      | Rôle         | Périmètre           |
      | gestionnaire | BG00/0150-CSUP-DR69 |
    Quand je me connecte en tant que l'utilisateur "camille.martin"
    Alors je ne vois que les centres financiers :
      | Centre financier    |
      | BG00/0150-CSUP-DR69 |

  @critique @evolution:EVO-2026-102
  Scénario: Le retrait d'un rôle s'applique à la session déjà ouverte de l'utilisateur
    Étant donné que je suis connecté en tant que l'utilisateur "julien.roux"
    Et que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand je retire le rôle "gestionnaire" sur le périmètre "BG00/0150-CSUP-DR75" à l'utilisateur "julien.roux"
    Alors l'opération est acceptée avec le message "Rôle gestionnaire retiré à julien.roux sur le périmètre BG00/0150-CSUP-DR75"
    Quand je me connecte en tant que l'utilisateur "julien.roux"
    Et j'ouvre l'adresse "/engagements/2103000001"
    Alors l'accès m'est refusé avec le message "Accès refusé : l'engagement juridique 2103000001 est hors de votre périmètre"

  @critique @evolution:EVO-2026-102
  Scénario: La suspension d'un utilisateur arrête sa session déjà ouverte
    Étant donné que je suis connecté en tant que l'utilisateur "sophie.garnier"
    Et que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand je suspends l'utilisateur "sophie.garnier"
    Alors l'opération est acceptée avec le message "Utilisateur sophie.garnier suspendu : il ne peut plus se connecter"
    Quand je me connecte en tant que l'utilisateur "sophie.garnier"
    Et j'appelle l'API "GET /api/engagements"
    Alors l'API refuse l'accès avec le statut 401 et le message "Compte suspendu : accès refusé"

  @majeur @evolution:EVO-2026-102
  Scénario: Un utilisateur réactivé peut de nouveau se connecter
    Étant donné que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand je réactive l'utilisateur "ines.caron"
    Alors l'opération est acceptée avec le message "Utilisateur ines.caron réactivé"
    Quand je me connecte par l'API en tant que "ines.caron"
    Alors la connexion est acceptée

  @critique @evolution:EVO-2026-102
  Scénario: Le paramétrage des utilisateurs est refusé à qui n'est pas administrateur
    Étant donné que je suis connecté en tant que "RPROG" sur le périmètre "0150"
    Quand j'ouvre l'adresse "/utilisateurs"
    Alors l'accès m'est refusé avec le message "Accès refusé : aucun de vos rôles ne permet de paramétrer les utilisateurs et leurs rôles-territoires"
