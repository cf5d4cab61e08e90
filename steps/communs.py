"""Étapes communes à tous les domaines : contexte du scénario, jeu de données, verdicts à l'écran."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, then

from recette import contextes
from recette.cible import Cible
from recette.contextes import contexte as besoins
from recette.pages import PageChorus
from recette.parametres import Phrase, resoudre_exercices

_ATTRIBUTS = ("engagement", "tranche", "demande")


@dataclass
class ContexteScenario:
    """What earlier steps created, for the steps that say "cet engagement", "cette DP"…"""

    engagement: dict[str, Any] | None = None
    tranche: dict[str, Any] | None = None
    demande: dict[str, Any] | None = None
    valeurs: dict[str, Any] = field(default_factory=dict)

    def exiger(self, nom: str) -> Any:
        """The object ``nom`` (see :data:`recette.contextes.OBJETS`) an earlier step produced; a
        mistake of the scenario (« Erreur du scénario », not a Chorus anomaly) when none did."""
        valeur = getattr(self, nom) if nom in _ATTRIBUTS else self.valeurs.get(nom)
        if valeur is None or valeur == "":
            raise contextes.manquant(nom)
        return valeur


@pytest.fixture
def contexte() -> ContexteScenario:
    return ContexteScenario()


def phrase(texte: str) -> Phrase:
    """A step sentence with the typed parameters ``{x:Montant}``, ``{x:Date}``, ``{x:Exercice}``."""
    return Phrase(texte)


@given(phrase('le jeu de données "{jeu}" est chargé'))
@besoins(bac_a_sable_seulement=True)
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
