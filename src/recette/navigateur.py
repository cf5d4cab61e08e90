"""Browser fixtures: pytest-playwright's ladder, merged (never replaced) with our settings."""

from __future__ import annotations

import json
import os
import shutil
from typing import Any

import pytest

from recette.cible import CLE_ENVIRONNEMENT, Cible

#: Chromium flags for a closed network: no background calls that would be refused.
DRAPEAUX = ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"]
FENETRE = {"width": 1280, "height": 900}


def chemin_chromium() -> str | None:
    """``CHROMIUM_PATH``, else ``chromium`` on the PATH; None lets Playwright use its own build."""
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], browser_name: str | None) -> dict[str, Any]:
    """Keep --headed/--slowmo from pytest-playwright; add the system Chromium and quiet flags."""
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
def browser_context_args(browser_context_args: dict[str, Any], cible: Cible) -> dict[str, Any]:
    """French locale, Paris time, fixed viewport, the target's URL as base, and the campaign's user
    already logged in (storage state from the API login: no password is typed in a page)."""
    connexion = {"storage_state": cible.session.etat_navigateur()} if cible.session else {}
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris", "viewport": FENETRE,
            "base_url": cible.url, **connexion}
