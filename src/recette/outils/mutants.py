"""pytest plugin of the guided mutation's single campaign (``-p recette.outils.mutants``).

Each chosen scenario runs once per defect that may change it, all in one pytest session instead
of one campaign per defect: no start-up paid per defect, and the workers share every run.

- ``--recette-mutants=FICHIER`` (JSON ``{défaut: [scénarios]}``, written by ``recette mutation``):
  each scenario function gets the parameter ``mutant`` (the defects asked for its scenarios), the
  pairs not asked for are deselected and the runs are ordered defect by defect;
- before each run, the embedded sandbox (started with ``CHORUS_SANDBOX_MUTATION=1``, one per
  worker) is given that run's defect over its API, and reloads its dataset with it;
- ``--recette-issues=FICHIER``: one JSON line per run, ``{"scenario", "defaut", "echec", "duree"}``,
  appended as each run ends (``recette mutation`` follows it to show the progress);
- ``--recette-delai-verdict=MS``: how long a verdict on a screen waits (the reference run too).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from recette.outils.couverture import ajouter_ligne, cle_scenario, en_echec, lieu_du_scenario

PARAMETRE = "mutant"
pytest_plugins = ["recette.outils.couverture"]  # its report hook notes each failure (en_echec)


def pytest_addoption(parser: pytest.Parser) -> None:
    groupe = parser.getgroup("recette")
    groupe.addoption("--recette-mutants", dest="recette_mutants", default=None, metavar="FICHIER",
                     help="lancer chaque scénario listé une fois par défaut (JSON {défaut: [scénarios]}, écrit par "
                          "recette mutation)")
    groupe.addoption("--recette-issues", dest="recette_issues", default=None, metavar="FICHIER",
                     help="écrire dans FICHIER l'issue de chaque exécution (scénario, défaut, échec, durée)")
    groupe.addoption("--recette-delai-verdict", dest="recette_delai_verdict", type=int, default=None, metavar="MS",
                     help="attente maximale d'une vérification à l'écran (expect), en millisecondes")


def pytest_configure(config: pytest.Config) -> None:
    """A scenario that a defect breaks fails at its first verdict: on the sandbox's server-rendered
    screens the answer is there once the page is loaded, so the mutation waits less for it than a
    campaign (the reference run, with the same wait, proves it is enough without defect)."""
    delai = config.getoption("recette_delai_verdict")
    if delai:
        from playwright.sync_api import expect

        expect.set_options(timeout=delai)


def demandes(config: pytest.Config) -> dict[str, list[str]]:
    """Defect -> the scenarios to run with it, as ``recette mutation`` wrote them (in its order)."""
    fichier = config.getoption("recette_mutants")
    if not fichier:
        return {}
    cache = getattr(config, "_recette_mutants", None)
    if cache is None:
        cache = json.loads(Path(fichier).read_text(encoding="utf-8"))
        config._recette_mutants = cache  # type: ignore[attr-defined]
    return cache


@pytest.fixture(autouse=True)
def mutant(request: pytest.FixtureRequest) -> str | None:
    """The defect of this run (None outside the guided mutation's campaign)."""
    return getattr(request, "param", None)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    voulus = demandes(metafunc.config)
    lieu = lieu_du_scenario(metafunc.function, metafunc.config.rootpath) if voulus else None
    if lieu is None or PARAMETRE not in metafunc.fixturenames:
        return
    prefixe = f"{lieu}:"
    defauts = [d for d, cles in voulus.items() if any(c.startswith(prefixe) for c in cles)]
    if defauts:
        metafunc.parametrize(PARAMETRE, defauts, ids=[identifiant(d) for d in defauts])


def identifiant(defaut: str) -> str:
    return f"mutant={defaut}"


def defaut_de(item: pytest.Item) -> str | None:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get(PARAMETRE) if callspec is not None else None


def cle_sans_mutant(item: pytest.Item) -> str | None:
    """The scenario's name as the reference run wrote it (without this run's defect)."""
    cle, defaut = cle_scenario(item), defaut_de(item)
    return cle if cle is None or defaut is None else sans_mutant(cle, defaut)


def sans_mutant(cle: str, defaut: str) -> str:
    """``test_x[mutant=d]`` -> ``test_x``; ``test_x[exemple-mutant=d]`` -> ``test_x[exemple]``."""
    marque = identifiant(defaut)
    for avant, apres in ((f"[{marque}]", ""), (f"[{marque}-", "["), (f"-{marque}]", "]"), (f"-{marque}-", "-")):
        if avant in cle:
            return cle.replace(avant, apres, 1)
    return cle


@pytest.hookimpl(trylast=True)  # after -k / -m: only narrows what they kept
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    voulus = demandes(config)
    if not voulus:
        return
    paires = {(cle, d) for d, cles in voulus.items() for cle in cles}
    rang = {d: i for i, d in enumerate(voulus)}
    gardes = [i for i in items if (cle_sans_mutant(i), defaut_de(i)) in paires]
    ecartes = [i for i in items if (cle_sans_mutant(i), defaut_de(i)) not in paires]
    if ecartes:
        config.hook.pytest_deselected(items=ecartes)
    items[:] = sorted(gardes, key=lambda i: rang[str(defaut_de(i))])


@pytest.hookimpl(tryfirst=True)  # before the reset: the dataset is reloaded with the defect
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, **_: Any) -> None:
    defaut = defaut_de(request.node)
    if defaut is not None:
        cible = request.getfixturevalue("cible")
        cible.client.appeler("POST", "/api/mutation/defauts", {"defauts": [defaut]})


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    debut = time.monotonic()
    resultat = yield
    fichier, defaut = item.config.getoption("recette_issues"), defaut_de(item)
    if fichier and defaut is not None:
        ajouter_ligne(fichier, {"scenario": cle_sans_mutant(item), "defaut": defaut, "echec": en_echec(item),
                                "duree": round(time.monotonic() - debut, 3)})
    return resultat
