"""Browser fixtures: pytest-playwright's ladder, merged (never replaced) with our settings.

One browser context and one page per worker, emptied between scenarios (:class:`ContexteDuWorker`):
each scenario starts on a blank page with only the campaign's cookies, no storage and no permission,
while the browser's HTTP cache (and the code V8 compiled from it) and the page's renderer process
outlive the scenario. A new page per scenario cost a renderer process or two each time (about
0.5 s of the browser's time per scenario on a 2-core machine, measured): reusing it is what keeps a
campaign of hundreds of scenarios within its minutes.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Frame, Page, Playwright, StorageState
from playwright.sync_api import Error as ErreurPlaywright

from recette.cible import CLE_ENVIRONNEMENT, CLE_IDENTIFIANTS, Cible
from recette.erreurs import ErreurEnvironnement
from recette.ui5 import enregistrer_moteur

#: Chromium flags for a closed network: no background calls that would be refused.
DRAPEAUX = ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"]
FENETRE = {"width": 1280, "height": 900}


def chemin_chromium(sans_fenetre: bool = True) -> str | None:
    """``CHROMIUM_PATH``; else, without a window, Debian's ``chromium-headless-shell`` (the headless
    build Playwright itself uses: about 40 % less CPU per page than the full browser run headless,
    and next to none while idle, measured here); else ``chromium`` on the PATH; None lets
    Playwright use its own build."""
    if chemin := os.environ.get("CHROMIUM_PATH"):
        return chemin
    sans_fenetre_seul = shutil.which("chromium-headless-shell") if sans_fenetre else None
    return sans_fenetre_seul or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], browser_name: str | None,
                             playwright: Playwright, pytestconfig: pytest.Config) -> dict[str, Any]:
    """Keep --headed/--slowmo from pytest-playwright; add the system Chromium and quiet flags. The
    ``ui5=`` selector engine (UI5 controls as Locators) is registered here, before any browser.

    A campaign recording the users' documentation (``--recette-documenter``) takes the full
    Chromium: the headless build's raster differed by one level of grey on an input's anti-aliased
    corner from one run to the next, 1 run in 3 here. The full browser does it too, more rarely
    (once in a clean clone): two documents are the same text with pictures equal but for a few
    faint pixels (tests/test_documentation.py)."""
    enregistrer_moteur(playwright)
    arguments = dict(browser_type_launch_args)
    if browser_name in (None, "chromium") and "executable_path" not in arguments:
        documente = bool(pytestconfig.getoption("recette_documenter", None))
        chemin = chemin_chromium(sans_fenetre=arguments.get("headless", True) and not documente)
        if chemin:
            arguments["executable_path"] = chemin
    arguments["args"] = [*arguments.get("args", []), *DRAPEAUX]
    return arguments


@pytest.fixture(scope="session")
def connect_options(pytestconfig: pytest.Config, browser_type_launch_args: dict[str, Any]) -> dict[str, Any] | None:
    """An environment's ``navigateur: ws://…`` is a Playwright browser server (``playwright
    run-server``): the browser runs there, launched with our options, which the server receives
    in camelCase (it keeps what it allows: a local executable path only with ``--unsafe``)."""
    env = pytestconfig.stash.get(CLE_ENVIRONNEMENT, None)
    if env is None or not env.navigateur:
        return None
    options = {_camel(cle): valeur for cle, valeur in browser_type_launch_args.items()}
    return {"endpoint": env.navigateur, "timeout": 30_000,
            "headers": {"x-playwright-launch-options": json.dumps(options)}}


def _camel(cle: str) -> str:
    premier, *suite = cle.split("_")
    return premier + "".join(mot.capitalize() for mot in suite)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], cible: Cible,
                         request: pytest.FixtureRequest) -> dict[str, Any]:
    """French locale, Paris time, fixed viewport, the target's URL as base, and the campaign's user
    already logged in: storage state from the API login (no password typed in a page), or, on a
    target without the sandbox's API, from one login through its page, in an untraced context."""
    reglages = {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris", "viewport": FENETRE,
                "base_url": cible.url}
    if cible.session:
        return {**reglages, "storage_state": cible.session.etat_navigateur()}
    if not cible.environnement.api_du_bac_a_sable:
        identifiants = request.config.stash[CLE_IDENTIFIANTS]
        etat = etat_connecte_par_la_page(request.getfixturevalue("browser"), reglages, identifiants.utilisateur,
                                         identifiants.mot_de_passe)
        return {**reglages, "storage_state": etat}
    return reglages


def etat_connecte_par_la_page(navigateur: Browser, reglages: dict[str, Any], identifiant: str,
                              mot_de_passe: str) -> Any:
    """Log ``identifiant`` in through the target's login page; its storage state (session cookie)."""
    from recette.pages.habilitations import PageConnexion

    contexte = navigateur.new_context(**reglages)
    try:
        page = contexte.new_page()
        connexion = PageConnexion(page)
        connexion.se_connecter(identifiant, mot_de_passe)
        page.wait_for_load_state()
        if page.url.split("?")[0].endswith(PageConnexion.chemin):
            refus = connexion.alerte.all_inner_texts()
            raise ErreurEnvironnement(f"Connexion de {identifiant} par la page de connexion refusée : "
                                      f"{' '.join(refus) or 'aucun message'}")
        return contexte.storage_state()
    finally:
        contexte.close()


#: pytest-playwright's per-test artifacts, recorded only in a context of the test's own.
_ARTEFACTS = ("tracing", "video", "screenshot")
ETAT_VIDE: StorageState = {"cookies": [], "origins": []}
#: Empties the storage of the page's origin (local, session, IndexedDB) before it leaves it.
_VIDER_STOCKAGE = """async () => {
  try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}
  try {
    for (const base of await indexedDB.databases()) {
      if (base.name) await new Promise((fin) => {
        const demande = indexedDB.deleteDatabase(base.name);
        demande.onsuccess = demande.onerror = demande.onblocked = fin;
      });
    }
  } catch (e) {}
}"""


class ContexteDuWorker:
    """A browser context and a page kept for the worker's scenarios. :meth:`pour_un_scenario` gives
    them back as a new scenario needs them: the page blank (``about:blank``), its origin's local,
    session and IndexedDB storage emptied, no other page, no permission, and the cookies of
    ``storage_state`` only. When the page is gone (a crash) or the scenario reached a second
    origin, the context is emptied the thorough way (``set_storage_state`` on every origin) and the
    page is new; a context that was closed is replaced."""

    def __init__(self, navigateur: Browser, reglages: dict[str, Any]) -> None:
        self.navigateur, self.reglages = navigateur, reglages
        self.etat: StorageState = reglages.get("storage_state") or ETAT_VIDE
        self._contexte: BrowserContext | None = None
        self._page: Page | None = None
        self._origines: set[str] = set()

    @property
    def page(self) -> Page:
        """The worker's page, as :meth:`pour_un_scenario` left it."""
        if self._page is None or self._page.is_closed():
            contexte = self._contexte or self.pour_un_scenario()
            self._page = contexte.new_page()
            self._origines = set()
            self._page.on("framenavigated", self._noter_origine)
        return self._page

    def pour_un_scenario(self) -> BrowserContext:
        if self._contexte is None:
            self._contexte = self.navigateur.new_context(**self.reglages)
            self._contexte.on("close", self._oublier)
            return self._contexte
        page = self._page if self._page is not None and not self._page.is_closed() else None
        for autre in list(self._contexte.pages):
            if autre is not page:
                autre.close()
        if page is not None and len(self._origines) <= 1 and not self.etat.get("origins") and self._vider(page):
            self._contexte.clear_cookies()
            self._contexte.add_cookies(list(self.etat.get("cookies", [])))  # type: ignore[arg-type]
        else:
            if page is not None:
                page.close()
            self._page = None
            self._contexte.set_storage_state(self.etat)
        self._contexte.clear_permissions()
        return self._contexte

    def _vider(self, page: Page) -> bool:
        """Empty the page's origin and leave it blank; False when the page cannot (then renewed)."""
        try:
            if page.url.startswith("http"):
                page.evaluate(_VIDER_STOCKAGE)
            page.goto("about:blank")
        except ErreurPlaywright:
            return False
        self._origines = set()
        return True

    def _noter_origine(self, cadre: Frame) -> None:
        if cadre.parent_frame is None and cadre.url.startswith("http"):
            self._origines.add(urlsplit(cadre.url)._replace(path="", query="", fragment="").geturl())

    def _oublier(self, contexte: BrowserContext) -> None:
        if contexte is self._contexte:
            self._contexte, self._page = None, None

    def fermer(self) -> None:
        if self._contexte is not None:
            self._contexte.close()


def contexte_partageable(config: pytest.Config) -> bool:
    """Whether the scenarios may share the worker's context: not when pytest-playwright records a
    trace, a video or a screenshot per test (it does so in a context of the test's own)."""
    return all(config.getoption(option, "off") in (None, "off") for option in _ARTEFACTS)


def _partage(request: pytest.FixtureRequest) -> bool:
    """Whether this scenario uses the worker's context and page (no marker setting its own options)."""
    return contexte_partageable(request.config) and request.node.get_closest_marker("browser_context_args") is None


@pytest.fixture(scope="session")
def contexte_du_worker(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[ContexteDuWorker]:
    contexte = ContexteDuWorker(browser, browser_context_args)
    yield contexte
    contexte.fermer()


@pytest.fixture
def context(request: pytest.FixtureRequest) -> BrowserContext:
    """The scenario's context: the worker's, emptied; or pytest-playwright's own when it records
    per-test artifacts (``--tracing on``, ``--video``, ``--screenshot``) or a marker sets options."""
    if _partage(request):
        contexte: ContexteDuWorker = request.getfixturevalue("contexte_du_worker")
        return contexte.pour_un_scenario()
    return request.getfixturevalue("new_context")()


@pytest.fixture
def page(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    """The worker's page when the scenario shares the worker's context (emptied by :fixture:`context`),
    else a new page of the scenario's own context, closed after it."""
    if _partage(request):
        worker: ContexteDuWorker = request.getfixturevalue("contexte_du_worker")
        yield worker.page
        return
    page = context.new_page()
    yield page
    page.close()
