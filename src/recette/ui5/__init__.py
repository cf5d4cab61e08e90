"""UI5 driver: control selectors as Playwright Locators, waiting for UI5 to be idle, actions on
inputs, value helps and growing or virtualised tables, in any UI5 application (a Chorus Fiori app
in its launchpad, the sandbox's Fiori face)."""

from __future__ import annotations

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
    "ErreurControleIntrouvable",
    "ErreurLigneIntrouvable",
    "ErreurUI5",
    "ErreurUI5Absente",
    "ErreurUI5Occupee",
    "PiloteUI5",
    "Selecteur",
    "assurer_moteur",
    "cadre_ui5",
    "decrire",
    "enregistrer_moteur",
    "expression",
    "travail_en_attente",
]
