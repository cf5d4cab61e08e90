"""French labels shared by the sandbox's faces (server-rendered screens and Fiori).

Pure data, no rendering: the screens register them as Jinja2 globals (web/rendu.py), the Fiori
face serialises them for its launchpad (web/fiori.py).
"""

from __future__ import annotations

#: Screens of the main menu: path, label, what the screen is for (home page).
ECRANS: tuple[tuple[str, str, str], ...] = (
    ("/referentiel", "Référentiel", "Programmes, BOP, UO, imputations et fournisseurs."),
    ("/lois-de-finances", "Lois de finances", "Crédits votés par programme et titre ; intégration d'une LFI."),
    ("/regulation", "Régulation", "LFR, réserve de précaution, virements, transferts, fongibilité, fonds de concours."),
    ("/mises-a-disposition", "Mises à disposition", "Programme → BOP, BOP → UO."),
    ("/tranches-fonctionnelles", "Tranches fonctionnelles", "Affectation d'AE aux opérations."),
    ("/engagements", "Engagements juridiques", "Création, augmentation, réduction, service fait."),
    ("/demandes-paiement", "Demandes de paiement", "Paiement des demandes, consommation des CP."),
    ("/situation", "Situation budgétaire", "AE et CP d'un programme, d'un BOP ou d'une UO."),
    ("/reports", "Clôture et reports", "Clôture de l'exercice, montants reportables, demandes, avis et arrêtés de report, EJ basculés."),
    ("/restitutions", "Restitutions", "INF-BUD-53, situation budgétaire, Data.Subvention (CSV, XLSX)."),
    ("/historique", "Historique", "Journal des opérations du bac à sable."),
)

#: EJ movement types (domain doc §3) as a tester reads them.
LIBELLES_MOUVEMENTS = {
    "100": "Engagement initial",
    "150": "Augmentation",
    "200": "Réduction",
    "350": "Bascule (report de l'exercice précédent)",
    "500": "Ajustement",
    "600": "Changement d'imputation",
    "650": "Changement d'imputation",
}

#: Levels of the budget situation (programme, BOP, UO) as the forms name them.
NIVEAUX_SITUATION = {"programme": "Programme", "bop": "BOP", "uo": "UO"}
