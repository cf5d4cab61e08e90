"""The ``ui5`` Playwright selector engine: ``page.locator('ui5={"controlType": "sap.m.Input", …}')``
is an ordinary Locator (expect, auto-waiting, traces, screenshots), resolved by UI5's own control
finder in the main world of the frame."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Error, Page, Playwright, Selectors
from playwright.sync_api._generated import mapping

from recette.ui5 import scripts
from recette.ui5.selecteurs import MOTEUR


def enregistrer_moteur(playwright: Playwright | Selectors) -> None:
    """Register the ``ui5`` engine on ``playwright.selectors`` (idempotent: a second call is a no-op)."""
    selectors = playwright.selectors if isinstance(playwright, Playwright) else playwright
    try:
        selectors.register(MOTEUR, scripts.MOTEUR)
    except Error as erreur:
        if "already registered" not in str(erreur):
            raise


def _selectors_de(page: Page) -> Selectors | None:
    """The Selectors of the Playwright that launched ``page``'s browser. Playwright has no public
    way from a page to its Playwright object, hence the private attributes and the None fallback
    (a persistent context has no browser)."""
    navigateur = page.context.browser
    if navigateur is None:
        return None
    impl: Any = getattr(navigateur.browser_type._impl_obj, "_playwright", None)
    return mapping.from_impl(impl.selectors) if impl is not None else None


def assurer_moteur(page: Page) -> None:
    """Make ``ui5=`` usable in ``page`` when no fixture registered the engine beforehand."""
    try:  # a selector that can match nothing (an empty one fails once UI5's test modules are loaded)
        page.locator(f'{MOTEUR}={{"id": "recette-sonde"}}').count()
    except Error as erreur:
        if "Unknown engine" not in str(erreur):
            raise
        selectors = _selectors_de(page)
        if selectors is None:
            raise
        enregistrer_moteur(selectors)
