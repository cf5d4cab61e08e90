# language: fr
@habilitations
Fonctionnalité: Journal d'audit des habilitations
  En tant qu'auditeur du contrôle interne budgétaire
  Je veux extraire qui a modifié quelle habilitation et quand, comme toute restitution de l'infocentre
  Afin de justifier chaque accès accordé ou retiré

  Contexte:
    Étant donné le jeu de données "standard" est chargé

  @critique @evolution:EVO-2026-104
  Scénario: Le journal d'audit d'un import et d'une suspension est conforme à l'attendu
    Étant donné que je suis connecté en tant que l'utilisateur "admin.pole"
    Quand j'importe le fichier d'habilitations "habilitations-dr69.csv" :
      | action    | identifiant    | nom            | rôle         | périmètre           |
      | creer     | camille.martin | Camille Martin | gestionnaire | BG00/0150-CSUP-DR69 |
      | retirer   | julien.roux    |                | gestionnaire | BG00/0150-CSUP-DR75 |
    Et je suspends l'utilisateur "paul.lambert"
    Et j'extrais la restitution "AUDIT-HABILITATIONS" de l'exercice N
    Alors l'extraction est conforme à "expected/habilitations/audit_import_suspension.csv"

  @critique @evolution:EVO-2026-104
  Scénario: Seul l'administrateur extrait le journal d'audit
    Étant donné que je suis connecté en tant que "RUO" sur le périmètre "BG00/0150-CSUP-DR75"
    Quand je demande la restitution "AUDIT-HABILITATIONS" de l'exercice N
    Alors l'accès m'est refusé avec le message "Accès refusé : aucun de vos rôles ne permet de paramétrer les utilisateurs et leurs rôles-territoires"
