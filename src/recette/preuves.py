"""Evidence on failure, attached to the failing Allure step; retries of environment failures only.

Every scenario that uses the browser is traced (DOM snapshots: about a quarter of a campaign's time). When a step fails, the
screenshot, the page's HTML and the trace of the scenario so far are attached to *that* step and
kept under ``reports/preuves/``; a passing scenario's trace is dropped unless pytest-playwright's
``--tracing on`` asks to keep it. Measures that only need verdicts (``recette mutation``) pass
``--recette-sans-preuves``: no trace, no capture.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import allure
import pytest
from playwright.sync_api import Error as ErreurPlaywright
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as DelaiPlaywright

from recette.config import Configuration
from recette.echecs import etape_ecrite
from recette.erreurs import ErreurEnvironnement, ErreurParametre, ErreurScenario

#: Only these failures may be retried, matched on "ClassName: message" (pytest-rerunfailures):
#: never an AssertionError, which is a business verdict, nor an ErreurScenario. A Playwright
#: timeout reaches this list only when its page could not tell more (see :mod:`recette.echecs`).
ERREURS_ENVIRONNEMENT = [f"^{classe.__name__}: " for classe in (
    ErreurEnvironnement, DelaiPlaywright, ConnectionError, ConnectionRefusedError, ConnectionResetError)]
CLE_TRACE_A_NOUS = pytest.StashKey[bool]()


def ajouter_options(groupe: pytest.OptionGroup) -> None:
    groupe.addoption("--recette-reessais", dest="recette_reessais", type=int, default=None, metavar="N",
                     help="réessayer N fois un scénario en défaut d'environnement (jamais un écart métier)")
    groupe.addoption("--recette-preuves", dest="recette_preuves", default="reports/preuves", metavar="DOSSIER",
                     help="dossier des preuves des étapes en échec (défaut : reports/preuves)")
    groupe.addoption("--recette-sans-preuves", dest="recette_sans_preuves", action="store_true",
                     help="ni trace des scénarios, ni capture, page ou trace jointe aux étapes en échec "
                          "(mesures qui ne lisent que les verdicts, comme recette mutation)")


def configurer(config: pytest.Config, configuration: Configuration) -> None:
    reessais = config.option.recette_reessais
    if reessais is None:
        reessais = configuration.reessais
    if reessais and config.pluginmanager.hasplugin("rerunfailures"):
        config.option.reruns = reessais
        config.option.only_rerun = ERREURS_ENVIRONNEMENT


@pytest.fixture
def ecran(page: Page, pytestconfig: pytest.Config, request: pytest.FixtureRequest) -> Iterator[Page]:
    """The scenario's page, traced so that a failing step can carry its trace."""
    tracing_option = pytestconfig.getoption("tracing", "off")
    a_nous = tracing_option in (None, "off") and not pytestconfig.option.recette_sans_preuves
    if a_nous:
        page.context.tracing.start(snapshots=True, screenshots=False, sources=False)
    request.node.stash[CLE_TRACE_A_NOUS] = a_nous
    yield page
    if a_nous:
        try:
            page.context.tracing.stop()
        except ErreurPlaywright:
            pass  # the context may already be closed after a browser crash


def nom_de_fichier(texte: str) -> str:
    """A file-system-safe name for a scenario or a step."""
    return re.sub(r"[^\w.-]+", "-", texte, flags=re.ASCII).strip("-")[:80] or "etape"


def capturer(page: Page, chemin: Path, **options: Any) -> bool:
    """A full-page screenshot of ``page`` in ``chemin`` (the evidence of a failure, the pictures of
    the users' documentation); False when the page cannot be captured (closed, crashed)."""
    try:
        page.screenshot(path=chemin, full_page=True, **options)
    except ErreurPlaywright:
        return False
    return True


def attacher_preuves(request: pytest.FixtureRequest, etape: str) -> list[Path]:
    """Screenshot, HTML and trace of the current page, attached to the current Allure step."""
    if "ecran" not in request.fixturenames or request.config.option.recette_sans_preuves:
        return []
    page: Page = request.getfixturevalue("ecran")
    dossier = Path(request.config.option.recette_preuves) / nom_de_fichier(request.node.nodeid)
    dossier.mkdir(parents=True, exist_ok=True)
    fichiers = [dossier / "capture.png", dossier / "page.html", dossier / "trace.zip"]
    try:
        if not capturer(page, fichiers[0]):
            raise ErreurPlaywright("capture impossible")
        fichiers[1].write_text(page.content(), encoding="utf-8")
        page.context.tracing.stop_chunk(path=fichiers[2])
        page.context.tracing.start_chunk()
    except ErreurPlaywright:
        fichiers = [f for f in fichiers if f.exists()]
    noms = {"png": ("Capture d'écran", allure.attachment_type.PNG),
            "html": ("Page HTML", allure.attachment_type.HTML),
            "zip": ("Trace Playwright (npx playwright show-trace)", None)}
    for fichier in fichiers:
        nom, genre = noms[fichier.suffix.lstrip(".")]
        allure.attach.file(str(fichier), name=nom, attachment_type=genre, extension=fichier.suffix.lstrip("."))
    return fichiers


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_step_error(request: pytest.FixtureRequest, feature: Any, step: Any, exception: BaseException,
                          **_: Any) -> None:
    """Runs before Allure closes the step: the evidence lands on the failing step itself, and a
    scenario's own mistake names its step."""
    if isinstance(exception, ErreurParametre):
        exception.situer(step.name)
    elif isinstance(exception, ErreurScenario) and not str(exception).startswith("Étape « "):
        exception.args = (f"Étape « {etape_ecrite(step, feature)} » : {exception}",)
    attacher_preuves(request, step.name)


@pytest.hookimpl(trylast=True)  # after Allure has opened the test case
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, **_: Any) -> None:
    if getattr(request.node, "execution_count", 1) > 1:
        allure.dynamic.tag("réessayé (défaut d'environnement)")
        allure.dynamic.label("reessai", str(request.node.execution_count - 1))
