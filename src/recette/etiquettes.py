"""Gherkin tags → registered pytest markers and Allure labels and links.

``@critique`` / ``@majeur`` / ``@mineur`` give the severity, ``@evolution:EVO-2026-014`` a link
to the evolution (URL pattern from ``recette.yaml``), the domain tag (``@budget``…) the epic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import allure
import pytest

DOMAINES = {
    "budget": "Exécution budgétaire",
    "reports": "Campagne des reports",
    "lois_de_finances": "Lois de finances",
    "regulation": "Régulation budgétaire",
    "habilitations": "Habilitations",
    "donnees": "Restitutions et extractions",
    "restitutions_bo": "Restitutions BusinessObjects (Webi)",
    "titre2_paye": "Titre 2, emplois et paye",
}
CRITICITES = {"critique": "critical", "majeur": "normal", "mineur": "minor"}
_liens: dict[str, str] = {}


def configurer(config: pytest.Config, liens: dict[str, str]) -> None:
    _liens.clear()
    _liens.update(liens)
    for nom, libelle in DOMAINES.items():
        config.addinivalue_line("markers", f"{nom}: domaine « {libelle} »")
    for nom in CRITICITES:
        config.addinivalue_line("markers", f"{nom}: criticité {nom}")
    config.addinivalue_line("markers", "evolution(identifiant): évolution Chorus couverte (@evolution:EVO-…)")
    config.addinivalue_line("markers", "anomalie(identifiant): anomalie connue (@anomalie:ANO-…)")


def _appliquer(marques: list[Any], fonction: Callable[..., Any]) -> None:
    for marque in marques:
        marque(fonction)


def pytest_bdd_apply_tag(tag: str, function: Callable[..., Any]) -> bool | None:
    nom, _, valeur = tag.partition(":")
    if nom in ("evolution", "anomalie") and valeur:
        marques = [getattr(pytest.mark, nom)(valeur), pytest.mark.allure_label(valeur, label_type=nom)]
        if nom in _liens:
            marques.append(pytest.mark.allure_link(_liens[nom].format(valeur), name=valeur,
                                                   link_type="issue" if nom == "anomalie" else "tms"))
        _appliquer(marques, function)
        return True
    if tag in CRITICITES:
        _appliquer([getattr(pytest.mark, tag), pytest.mark.allure_label(CRITICITES[tag], label_type="severity")],
                   function)
        return True
    if tag in DOMAINES:
        _appliquer([getattr(pytest.mark, tag), pytest.mark.allure_label(DOMAINES[tag], label_type="epic")], function)
        return True
    return None


@pytest.hookimpl(trylast=True)
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    allure.dynamic.feature(feature.name)
