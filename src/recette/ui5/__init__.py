"""UI5 driver: control selectors as Playwright Locators, waiting for UI5 to be idle, actions on
inputs, value helps and growing or virtualised tables, in any UI5 application (a Chorus Fiori app
in its launchpad, the sandbox's Fiori face), and the recorder of ``recette enregistrer`` that turns a
tester's clicks into control selectors, page-object lines and catalogue sentences."""

from __future__ import annotations

from recette.ui5.enregistreur import (
    Action,
    Enregistreur,
    ErreurAdresse,
    PhraseCatalogue,
    Suggestion,
    phrases_quand,
    session_d_enregistrement,
    squelette,
    suggerer,
)
from recette.ui5.erreurs import (
    ErreurControleIntrouvable,
    ErreurLigneIntrouvable,
    ErreurUI5,
    ErreurUI5Absente,
    ErreurUI5Occupee,
)
from recette.ui5.moteur import assurer_moteur, enregistrer_moteur
from recette.ui5.pilote import LISTE_DIALOGUE, PiloteUI5, cadre_ui5, travail_en_attente
from recette.ui5.selecteurs import MOTEUR, Selecteur, decrire, expression

__all__ = [
    "LISTE_DIALOGUE",
    "MOTEUR",
    "Action",
    "Enregistreur",
    "ErreurAdresse",
    "ErreurControleIntrouvable",
    "ErreurLigneIntrouvable",
    "ErreurUI5",
    "ErreurUI5Absente",
    "ErreurUI5Occupee",
    "PhraseCatalogue",
    "PiloteUI5",
    "Selecteur",
    "Suggestion",
    "assurer_moteur",
    "cadre_ui5",
    "decrire",
    "enregistrer_moteur",
    "expression",
    "phrases_quand",
    "session_d_enregistrement",
    "squelette",
    "suggerer",
    "travail_en_attente",
]
