"""Screenshots for the README (run by hand: python docs/captures.py): a failing scenario with its
evidence in the Allure report, and the step catalogue filtered while a tester types.

Opens the single-file pages from disk in the system Chromium, with every network request outside
``file://`` aborted, and saves PNGs under ``docs/``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
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


def capturer_catalogue(page: Page) -> None:
    """The catalogue page as ``recette etapes --format html`` writes it, searched for « report »."""
    with tempfile.TemporaryDirectory() as dossier:
        catalogue = Path(dossier) / "catalogue-etapes.html"
        subprocess.run([sys.executable, "-m", "recette", "etapes", "--format", "html", "--sortie", str(catalogue)],
                       cwd=RACINE, check=True)
        page.goto(catalogue.as_uri())
        page.get_by_role("searchbox").fill("report")
        page.wait_for_timeout(300)
        page.screenshot(path=RACINE / "docs" / "catalogue-etapes.png", full_page=False)


def main() -> None:
    rapport = RACINE / "reports" / "rapport" / "index.html"
    if not rapport.exists():
        sys.exit("Générer d'abord le rapport (npx allure generate reports/allure-results)")
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=shutil.which("chromium"))
        page = navigateur.new_page(viewport={"width": 1400, "height": 900}, locale="fr-FR")
        _hors_ligne(page)
        capturer_rapport(page, rapport)
        capturer_catalogue(page)
        navigateur.close()


if __name__ == "__main__":
    main()
