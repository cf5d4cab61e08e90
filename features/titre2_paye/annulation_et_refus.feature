# language: fr
@titre2_paye
Fonctionnalité: Annulation d'un flux de paye et demandes refusées
  En tant qu'administrateur de la chaîne RH-paye
  Je veux annuler un flux intégré par erreur, et seulement un flux qui a intégré quelque chose
  Afin de remettre le titre 2 dans l'état d'avant le flux, puis de pouvoir déposer le bon flux

  Contexte:
    Étant donné le jeu de données "paye" est chargé
    Et un flux "flux-paye" d'en-tête :
      | Champ               | Valeur            |
      | identifiant de flux | PAY-MESR-{N}05-01 |
      | mois                | {N}05             |
      | ministère           | MESR              |
      | émetteur            | DGFIP PAY         |
    Et les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant    | ETPT |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 300 000,00 | 12   |

  @critique @evolution:EVO-2026-110
  Scénario: Un flux annulé rend son titre 2 et ses ETPT, et peut être déposé à nouveau
    Étant donné le flux est déposé
    Quand j'annule le flux "PAY-MESR-{N}05-01" avec le motif "Flux envoyé par erreur"
    Alors le compte rendu d'intégration indique le statut "annulé"
    Et le titre 2 consommé de l'UO "BG00/0150-CSUP-DR75" par catégorie est :
      | Catégorie | Sous-catégorie | Consommé |
      | 21        |                | 0,00     |
    Et les emplois du programme "0150" sont de 0 ETPT consommés pour un plafond de 6 892 ETPT
    Quand je dépose le même flux une seconde fois
    Alors le compte rendu d'intégration indique le statut "intégré"

  @majeur @evolution:EVO-2026-110
  Scénario: Un flux déjà annulé ne s'annule pas une seconde fois
    Étant donné le flux est déposé
    Quand j'annule le flux "PAY-MESR-{N}05-01" avec le motif "Flux envoyé par erreur"
    Et j'annule le flux "PAY-MESR-{N}05-01" avec le motif "Une seconde fois"
    Alors l'annulation est refusée avec le statut 409 et le message "Le flux « PAY-MESR-{N}05-01 » est déjà annulé."

  @majeur @evolution:EVO-2026-110
  Scénario: Un flux rejeté en entier n'a rien à annuler
    Étant donné la fin du flux annonce "2" pour le champ "nombre de lignes"
    Et le flux est déposé
    Quand j'annule le flux "PAY-MESR-{N}05-01" avec le motif "Rien à annuler"
    Alors l'annulation est refusée avec le statut 409 et le message "Le flux « PAY-MESR-{N}05-01 » n'a rien intégré : rien à annuler."

  @majeur @evolution:EVO-2026-110
  Scénario: Un flux jamais déposé est inconnu
    Quand j'annule le flux "PAY-MESR-{N}12-99" avec le motif "Inconnu"
    Alors l'annulation est refusée avec le statut 404 et le message "Flux « PAY-MESR-{N}12-99 » inconnu."

  @mineur @evolution:EVO-2026-110
  Scénario: Le compte rendu d'un dépôt inconnu, ou le titre 2 d'une UO inconnue, ne se consultent pas
    Étant donné que je suis connecté en tant que "RPROG" sur le périmètre "0150"
    Quand j'appelle l'API "GET /api/interfaces/paye/depots/DEP-2026-999999"
    Alors l'API refuse l'accès avec le statut 404 et le message "Dépôt « DEP-2026-999999 » inconnu."
    Quand j'appelle l'API "GET /api/titre-2?niveau=uo&code=BG00/0150-CSUP-DR99"
    Alors l'API refuse l'accès avec le statut 404 et le message "UO inconnu(e) : BG00/0150-CSUP-DR99"
