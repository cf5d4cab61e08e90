"""What kind of failure it is, decided when it happens, and told in one line on the console.

A Playwright timeout says only « Timeout 30000ms exceeded »; the page it happened on says why:
an access refusal, an error page or the login page (the scenario is wrong: ``ErreurScenario``),
a 5xx (the environment: ``ErreurEnvironnement``, the only failure retried), or a screen that
answered normally but does not show the element (an anomaly of the screen: ``AssertionError``).
The timeout is replaced by that typed error, after Allure and the evidence have seen the step,
so that pytest, pytest-rerunfailures, Allure and the console all read the same verdict.

``recette lancer`` runs pytest with ``--tb=no``: the tracebacks stay in the report, and the
console ends with one line per failure (scenario, step as written, French cause, category).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as DelaiPlaywright

from recette.erreurs import ErreurEnvironnement, ErreurScenario
from recette.pages.base import EtatPage, ecart, lire_etat
from recette.rapport.categories import CATEGORIES, cause, classer_message

CLE_ETAPE = pytest.StashKey[str]()
CLE_SCENARIO = pytest.StashKey[str]()
ATTRIBUT_RAPPORT = "recette_echec"  # a dict on the call report (serialisable: xdist carries it)
_ATTENTE = re.compile(r"waiting for (.+)")


@functools.lru_cache(maxsize=64)
def _lignes(fichier: str) -> tuple[str, ...]:
    try:
        return tuple(Path(fichier).read_text(encoding="utf-8").splitlines())
    except OSError:
        return ()


def etape_ecrite(step: Any, feature: Any) -> str:
    """The step with its keyword as the feature file writes it (« Et que », not pytest-bdd's « Et Que »)."""
    mot_cle = str(step.keyword).strip()
    lignes = _lignes(str(getattr(feature, "filename", "")))
    numero = int(getattr(step, "line_number", 0) or 0)
    if 0 < numero <= len(lignes):
        ligne = lignes[numero - 1].strip()
        if ligne[: len(mot_cle)].lower() == mot_cle.lower():
            mot_cle = ligne[: len(mot_cle)]
    return f"{mot_cle}{'' if mot_cle.endswith(chr(39)) else ' '}{step.name}"


def requalifier(etat: EtatPage | None, exception: DelaiPlaywright, etape: str) -> Exception | None:
    """The typed error a timeout really is, read from the page it happened on; None when unknown
    (page unreadable, navigation that never answered): then it stays an environment failure."""
    message = str(exception)
    if etat is None or message.startswith(("Page.goto", "Frame.goto")) or "navigating to" in message:
        return None
    erreur = ecart(etat, "l'écran attendu")
    if isinstance(erreur, ErreurScenario):
        return ErreurScenario(f"Étape « {etape} » : {erreur}")
    if isinstance(erreur, ErreurEnvironnement):
        return erreur
    attente = _ATTENTE.search(message)
    element = f" {attente[1].strip()}" if attente else ""
    return AssertionError(f"L'écran {etat.chemin} (« {etat.titre} ») a répondu normalement mais ne montre pas "
                          f"l'élément attendu{element} : {cause(message)}")


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, scenario: Any, **_: Any) -> None:
    request.node.stash[CLE_SCENARIO] = str(scenario.name)


@pytest.hookimpl(trylast=True)  # after the evidence and Allure's step: they saw the original step
def pytest_bdd_step_error(request: pytest.FixtureRequest, feature: Any, step: Any, exception: BaseException,
                          **_: Any) -> None:
    etape = etape_ecrite(step, feature)
    request.node.stash[CLE_ETAPE] = etape
    if not isinstance(exception, DelaiPlaywright) or "ecran" not in request.fixturenames:
        return
    page: Page = request.getfixturevalue("ecran")
    remplacement = requalifier(lire_etat(page), exception, etape)
    if remplacement is not None:
        raise remplacement from None  # pytest-bdd re-raises the timeout otherwise


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    resultat = yield
    rapport = resultat.get_result()
    if rapport.failed and call.excinfo is not None and not hasattr(rapport, ATTRIBUT_RAPPORT):
        statut = "failed" if isinstance(call.excinfo.value, AssertionError) else "broken"
        setattr(rapport, ATTRIBUT_RAPPORT, {
            "scenario": item.stash.get(CLE_SCENARIO, item.name), "etape": item.stash.get(CLE_ETAPE, ""),
            "statut": statut, "message": call.excinfo.exconly(), "phase": rapport.when})


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """One line per failure, then the count per category (``recette lancer`` hides the tracebacks)."""
    if not config.getoption("recette_resume", False):
        return
    echecs = [getattr(r, ATTRIBUT_RAPPORT) for r in terminalreporter.stats.get("failed", []) + terminalreporter.stats.get("error", [])
              if hasattr(r, ATTRIBUT_RAPPORT)]
    if not echecs:
        return
    terminalreporter.section(f"Échecs : {len(echecs)} scénario(s)", sep="=")
    comptes = dict.fromkeys([c.nom for c in CATEGORIES] + ["Non classé"], 0)
    for echec in echecs:
        categorie = classer_message(echec["statut"], echec["message"])
        nom = categorie.nom if categorie else "Non classé"
        comptes[nom] += 1
        terminalreporter.write_line(ligne_d_echec(echec, nom))
    terminalreporter.write_line("Par nature : " + " ; ".join(f"{nom} : {n}" for nom, n in comptes.items() if n))
    terminalreporter.write_line("Détail (traces, captures, trace Playwright) : rapport « recette rapport ».")


def ligne_d_echec(echec: dict[str, str], nature: str) -> str:
    """``✗ scénario — « étape » : cause [nature]`` (the step said once)."""
    texte = cause(echec["message"])
    if echec["etape"]:
        texte = texte.removeprefix(f"Étape « {echec['etape']} » : ")
    etape = f" — « {echec['etape']} »" if echec["etape"] else ""
    return f"✗ {echec['scenario']}{etape} : {texte} [{nature}]"


def ajouter_options(groupe: pytest.OptionGroup) -> None:
    groupe.addoption("--recette-resume", dest="recette_resume", action="store_true",
                     help="finir par une ligne par échec (scénario, étape, cause, nature) : celle de « recette lancer »")
