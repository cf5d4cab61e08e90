"""Étapes communes à tous les domaines : contexte du scénario, jeu de données, verdicts à l'écran."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, then

from recette.cible import Cible
from recette.erreurs import ErreurContexte
from recette.pages import PageChorus
from recette.parametres import Phrase, resoudre_exercices


#: Context name → how a sentence calls it, and a sentence that produces it (for the error message).
DESIGNATIONS = {
    "engagement": ("cet engagement", "Étant donné un engagement juridique de … sur l'UO \"…\" en titre …"),
    "tranche": ("cette tranche fonctionnelle", "Étant donné une tranche fonctionnelle \"…\" de … sur l'UO …"),
    "demande": ("cette demande de paiement", "Étant donné une demande de paiement de … sur cet engagement"),
}


@dataclass
class ContexteScenario:
    """What earlier steps created, for the steps that say "cet engagement", "cette DP"…"""

    engagement: dict[str, Any] | None = None
    tranche: dict[str, Any] | None = None
    demande: dict[str, Any] | None = None
    valeurs: dict[str, Any] = field(default_factory=dict)

    def exiger(self, nom: str) -> dict[str, Any]:
        """The object an earlier step produced; a scenario mistake (not a Chorus anomaly) when none did."""
        valeur = getattr(self, nom)
        if valeur is None:
            designation, producteur = DESIGNATIONS[nom]
            raise ErreurContexte(designation, producteur)
        return valeur  # type: ignore[no-any-return]


@pytest.fixture
def contexte() -> ContexteScenario:
    return ContexteScenario()


def phrase(texte: str) -> Phrase:
    """A step sentence with the typed parameters ``{x:Montant}``, ``{x:Date}``, ``{x:Exercice}``."""
    return Phrase(texte)


@given(phrase('le jeu de données "{jeu}" est chargé'))
def jeu_charge(cible: Cible, jeu: str) -> None:
    """Charge le jeu de données indiqué dans le bac à sable (il remplace toutes les données existantes).

    Exemple : Étant donné le jeu de données "vierge" est chargé
    """
    cible.client.charger_jeu(jeu)


@then(phrase('l\'opération est refusée avec le message "{message}"'))
def operation_refusee(ecran: Page, cible: Cible, message: str) -> None:
    """L'écran affiche le refus avec exactement ce message, mot pour mot. Dans le message, {N} désigne
    l'année de l'exercice de la cible, {N+1} l'année suivante et {N-1} l'année précédente.

    Exemple : Alors l'opération est refusée avec le message "Crédits insuffisants : 120 000,00 € demandés, 80 000,00 € disponibles en AE sur l'UO BG00/0150-CSUP-DR75"
    """
    expect(PageChorus(ecran).alerte).to_have_text(resoudre_exercices(message, cible.exercice))


@then(phrase('l\'opération est acceptée avec le message "{message}"'))
def operation_acceptee(ecran: Page, cible: Cible, message: str) -> None:
    """L'écran confirme l'opération par un message contenant ce texte et n'affiche aucun refus.
    Dans le message, {N} désigne l'année de l'exercice de la cible, {N+1} l'année suivante
    et {N-1} l'année précédente.

    Exemple : Alors l'opération est acceptée avec le message "Mise à disposition enregistrée"
    """
    page = PageChorus(ecran)
    expect(page.notice).to_contain_text(resoudre_exercices(message, cible.exercice))
    expect(page.alerte).to_have_count(0)
