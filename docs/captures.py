"""Screenshot of a failing scenario with its evidence, for the README (run by hand: python docs/captures.py).

Opens the single-file Allure report from disk in the system Chromium, with every network request
outside ``file://`` aborted, and saves PNGs under ``docs/``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

RACINE = Path(__file__).resolve().parents[1]


def _hors_ligne(page: Page) -> None:
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith(("file:", "data:", "blob:"))
               else route.continue_())


def capturer_rapport(page: Page, rapport: Path) -> None:
    page.goto(rapport.as_uri())
    page.wait_for_timeout(1500)
    echec = page.get_by_text("Un engagement d'un centime au-delà des AE disponibles est refusé").first
    if echec.count():
        echec.click()
        page.wait_for_timeout(1000)
        page.screenshot(path=RACINE / "docs" / "rapport-allure-echec.png", full_page=False)


def main() -> None:
    rapport = RACINE / "reports" / "rapport" / "index.html"
    if not rapport.exists():
        sys.exit("Générer d'abord le rapport (npx allure generate reports/allure-results)")
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=shutil.which("chromium"))
        page = navigateur.new_page(viewport={"width": 1400, "height": 900}, locale="fr-FR")
        _hors_ligne(page)
        capturer_rapport(page, rapport)
        navigateur.close()


if __name__ == "__main__":
    main()
