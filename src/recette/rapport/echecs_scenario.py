"""The scenarios to correct: failures that are the scenario's own mistake, listed apart from the
anomalies (no fiche d'anomalie, not counted against the release), with the step and the cause."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from recette.rapport.categories import cause, erreur_du_scenario
from recette.rapport.resultats import Resultat

_ETAPE = re.compile(r"^Étape « (.*?) » : ")


@dataclass(frozen=True)
class ScenarioACorriger:
    resultat: Resultat
    etape: str  # the step where it stopped, as written
    cause: str  # one French line


def a_corriger(resultats: Sequence[Resultat]) -> list[ScenarioACorriger]:
    """Every scenario error of the campaign, in reading order."""
    return [_scenario(r) for r in resultats if r.en_echec and erreur_du_scenario(r)]


def _scenario(resultat: Resultat) -> ScenarioACorriger:
    ligne = cause(resultat.message)
    trouve = _ETAPE.match(ligne)
    etape = trouve[1] if trouve else resultat.etape_en_echec
    return ScenarioACorriger(resultat, etape, ligne[trouve.end():] if trouve else ligne)
