"""Browser fixtures: pytest-playwright's ladder, merged (never replaced) with our settings.

One browser context per worker, emptied between scenarios (:class:`ContexteDuWorker`): each
scenario gets a new page and only its own cookies and storage, while the browser's HTTP cache (and
the code V8 compiled from it) outlives the scenario, so the UI5 runtime of the Fiori face is not
fetched and compiled again for each one.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, StorageState

from recette.cible import CLE_ENVIRONNEMENT, CLE_IDENTIFIANTS, Cible
from recette.erreurs import ErreurEnvironnement
from recette.ui5 import enregistrer_moteur

#: Chromium flags for a closed network: no background calls that would be refused.
DRAPEAUX = ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"]
FENETRE = {"width": 1280, "height": 900}


def chemin_chromium() -> str | None:
    """``CHROMIUM_PATH``, else ``chromium`` on the PATH; None lets Playwright use its own build."""
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], browser_name: str | None,
                             playwright: Playwright) -> dict[str, Any]:
    """Keep --headed/--slowmo from pytest-playwright; add the system Chromium and quiet flags. The
    ``ui5=`` selector engine (UI5 controls as Locators) is registered here, before any browser."""
    enregistrer_moteur(playwright)
    arguments = dict(browser_type_launch_args)
    if browser_name in (None, "chromium") and "executable_path" not in arguments:
        chemin = chemin_chromium()
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


class ContexteDuWorker:
    """A browser context kept for the worker's scenarios. :meth:`pour_un_scenario` gives it back with
    no page, no permission, and the cookies, local storage and IndexedDB of ``storage_state`` only
    (``set_storage_state`` clears the rest); a context that was closed (a crash) is replaced."""

    def __init__(self, navigateur: Browser, reglages: dict[str, Any]) -> None:
        self.navigateur, self.reglages = navigateur, reglages
        self.etat: StorageState = reglages.get("storage_state") or ETAT_VIDE
        self._contexte: BrowserContext | None = None

    def pour_un_scenario(self) -> BrowserContext:
        if self._contexte is None:
            self._contexte = self.navigateur.new_context(**self.reglages)
            self._contexte.on("close", self._oublier)
            return self._contexte
        for page in list(self._contexte.pages):
            page.close()
        self._contexte.clear_permissions()
        self._contexte.set_storage_state(self.etat)
        return self._contexte

    def _oublier(self, contexte: BrowserContext) -> None:
        if contexte is self._contexte:
            self._contexte = None

    def fermer(self) -> None:
        if self._contexte is not None:
            self._contexte.close()


def contexte_partageable(config: pytest.Config) -> bool:
    """Whether the scenarios may share the worker's context: not when pytest-playwright records a
    trace, a video or a screenshot per test (it does so in a context of the test's own)."""
    return all(config.getoption(option, "off") in (None, "off") for option in _ARTEFACTS)


@pytest.fixture(scope="session")
def contexte_du_worker(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[ContexteDuWorker]:
    contexte = ContexteDuWorker(browser, browser_context_args)
    yield contexte
    contexte.fermer()


@pytest.fixture
def context(pytestconfig: pytest.Config, request: pytest.FixtureRequest) -> BrowserContext:
    """The scenario's context: the worker's, emptied; or pytest-playwright's own when it records
    per-test artifacts (``--tracing on``, ``--video``, ``--screenshot``) or a marker sets options."""
    if contexte_partageable(pytestconfig) and request.node.get_closest_marker("browser_context_args") is None:
        contexte: ContexteDuWorker = request.getfixturevalue("contexte_du_worker")
        return contexte.pour_un_scenario()
    return request.getfixturevalue("new_context")()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A new page of the scenario's context, closed after the scenario."""
    page = context.new_page()
    yield page
    page.close()
