# language: fr
@donnees
Fonctionnalité: Refus des demandes de restitution erronées
  En tant qu'utilisateur de l'infocentre
  Je veux qu'une restitution demandée avec un code, un exercice, un format ou un encodage inconnus soit
  refusée avec la liste de ce qui est disponible
  Afin de corriger ma demande (ou un lien de téléchargement enregistré) sans recevoir un fichier faux

  Contexte:
    Étant donné le jeu de données "standard" est chargé

  @majeur @evolution:EVO-2026-080
  Plan du Scénario: Une demande de téléchargement dont un paramètre est inconnu est refusée
    Quand j'ouvre l'adresse "/restitutions/telecharger?code=<code>&exercice=<exercice>&format=<format>&encodage=<encodage>"
    Alors l'opération est refusée avec le message "<message>"

    Exemples:
      | code       | exercice | format | encodage | message                                                                                                                                        |
      | INF-BUD-99 | 2026     | csv    | cp1252   | Restitution inconnue : INF-BUD-99 (restitutions disponibles : INF-BUD-53, SITUATION-BUDGETAIRE, DATA-SUBVENTION, AUDIT-HABILITATIONS, ETAT-DES-REPORTS, EJ-BASCULES, SUIVI-MARCHES, T2-CATEGORIE, SUIVI-EMPLOIS) |
      | INF-BUD-53 | 2019     | csv    | cp1252   | Aucune donnée pour l'exercice 2019 (exercices disponibles : 2026)                                                                              |
      | INF-BUD-53 | 26       | csv    | cp1252   | Exercice : « 26 » n'est pas une année (ex. 2026)                                                                                               |
      | INF-BUD-53 | 2026     | pdf    | cp1252   | Format : « pdf » inconnu (formats disponibles : csv, xlsx)                                                                                     |
      | INF-BUD-53 | 2026     | csv    | latin1   | Encodage : « latin1 » inconnu (encodages disponibles : cp1252, utf-8)                                                                          |
