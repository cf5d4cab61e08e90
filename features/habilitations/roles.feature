# language: fr
@habilitations
Fonctionnalité: Opérations permises et refusées à chaque rôle
  En tant que responsable de la sécurité de Chorus
  Je veux que chaque rôle ne fasse que les opérations de la matrice des habilitations
  Afin que nul n'engage, ne paie ni ne mette à disposition hors de ses attributions

  Contexte:
    Étant donné le jeu de données "standard" est chargé

  @critique @evolution:EVO-2026-101
  Plan du Scénario: Seuls le RUO et le gestionnaire d'un centre financier y engagent des dépenses
    Étant donné que je suis connecté en tant que "<rôle>" sur le périmètre "<périmètre>"
    Quand j'engage 12 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000012345"
    Alors le résultat de l'opération est "<résultat>"

    Exemples:
      | rôle           | périmètre           | résultat     |
      | RUO            | BG00/0150-CSUP-DR75 | accepté      |
      | gestionnaire   | BG00/0150-CSUP-DR75 | accepté      |
      | RUO            | BG00/0150-CSUP-DR69 | accès refusé |
      | RPROG          | 0150                | accès refusé |
      | controleur     | 0150                | accès refusé |
      | lecteur        | 0150                | accès refusé |
      | administrateur | national            | accès refusé |

  @critique @evolution:EVO-2026-101
  Scénario: Un RUO n'engage pas sur le centre financier d'un autre
    Étant donné que je suis connecté en tant que "RUO" sur le périmètre "BG00/0150-CSUP-DR75"
    Quand je tente d'engager 12 000,00 € sur l'UO "BG00/0161-DGSC-AERO" en titre 3 auprès du fournisseur "1000012345"
    Alors l'accès m'est refusé avec le message "Accès refusé : l'UO BG00/0161-DGSC-AERO est hors de votre périmètre pour engager, augmenter, réduire ou retirer un engagement juridique"

  @majeur @evolution:EVO-2026-101
  Scénario: Le gestionnaire constate le service fait mais n'affecte pas d'AE à une tranche fonctionnelle
    Étant donné un engagement juridique de 30 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et que je suis connecté en tant que "gestionnaire" sur le périmètre "BG00/0150-CSUP-DR75"
    Quand je constate le service fait de 30 000,00 € sur cet engagement
    Alors l'opération est acceptée avec le message "constaté sur l'engagement juridique"
    Quand j'affecte 100 000,00 € d'AE à une nouvelle tranche fonctionnelle "Rénovation des amphithéâtres" de l'UO "BG00/0150-CSUP-DR75" en titre 5
    Alors l'accès m'est refusé avec le message "Accès refusé : aucun de vos rôles ne permet d'affecter des AE à une tranche fonctionnelle"

  @critique @evolution:EVO-2026-101
  Scénario: Le responsable de BOP met à disposition de ses UO mais pas depuis le programme
    Étant donné que je suis connecté en tant que "RBOP" sur le périmètre "0150-CSUP"
    Quand je mets à disposition 100 000,00 € d'AE et 100 000,00 € de CP en titre 3 de "0150-CSUP" vers "BG00/0150-CSUP-DR69"
    Alors l'opération est acceptée avec le message "Mise à disposition enregistrée : 0150-CSUP → BG00/0150-CSUP-DR69"
    Quand je mets à disposition 100 000,00 € d'AE et 100 000,00 € de CP en titre 3 de "0150" vers "0150-RECT"
    Alors l'accès m'est refusé avec le message "Accès refusé : le programme 0150 est hors de votre périmètre pour mettre des crédits à disposition"

  @critique @evolution:EVO-2026-101
  Scénario: Le contrôleur budgétaire voit la demande de paiement mais ne la paie pas
    Étant donné un engagement juridique de 20 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    Et un service fait de 20 000,00 € sur cet engagement
    Et une demande de paiement de 20 000,00 € sur cet engagement
    Et que je suis connecté en tant que "controleur" sur le périmètre "0150"
    Quand je tente de payer cette demande de paiement
    Alors l'accès m'est refusé avec le message "Accès refusé : aucun de vos rôles ne permet de payer une demande de paiement"
