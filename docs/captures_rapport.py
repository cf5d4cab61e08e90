"""Screenshots of the report and of the PV for the README (run by hand: python docs/captures_rapport.py).

1. runs the campaign on a sandbox with two rules broken on purpose (unless ``--resultats`` names
   results already there), so that the report shows every kind of page;
2. builds the report with ``recette rapport`` code, one of the failures declared as a known issue;
3. opens the single-file Allure report from disk in the system Chromium, every request outside
   ``file:``/``data:``/``blob:`` aborted, and renders the PV's HTML as printed (A4 width);
4. saves the PNGs under ``docs/`` and prints the report's size and generation time as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

RACINE = Path(__file__).resolve().parents[1]
DOCS = RACINE / "docs"
DEFAUTS = "ej-au-dela-des-ae,reserve-non-appliquee"
ANOMALIE_DEMO = """anomalies:
  - ticket: ANO-2026-031
    titre: "Refus absent à l'augmentation d'un engagement au-delà des AE"
    scenarios: ["L'augmentation d'un engagement au-delà des AE disponibles est refusée"]
    commentaire: "Correctif prévu en 2026.3"
"""


def _hors_ligne(page: Page, externes: list[str]) -> None:
    def router(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            externes.append(route.request.url)
            route.abort()

    page.route("**/*", router)


def campagne(dossier: Path) -> Path:
    resultats = dossier / "allure-results"
    env = {**os.environ, "CHORUS_SANDBOX_DEFAUTS": DEFAUTS}
    subprocess.run([sys.executable, "-m", "recette", "lancer", f"--resultats={resultats}", "--workers", "2"],
                   cwd=RACINE, env=env, check=False, capture_output=True)
    return resultats


def capturer_rapport(page: Page, rapport: Path) -> None:
    page.goto(rapport.as_uri())
    page.get_by_text("Métadonnées").first.wait_for()
    page.wait_for_timeout(500)
    page.get_by_text("Métadonnées").first.scroll_into_view_if_needed()
    page.mouse.wheel(0, -3000)  # the tree selects its first test and scrolls to it
    page.wait_for_timeout(500)
    page.screenshot(path=DOCS / "rapport-recette.png")
    page.get_by_text("Catégories", exact=False).first.click()
    page.wait_for_timeout(800)
    page.screenshot(path=DOCS / "rapport-categories.png")


def capturer_pv(page: Page, html: Path) -> None:
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.emulate_media(media="print")
    page.goto(html.as_uri())
    page.wait_for_timeout(300)
    page.screenshot(path=DOCS / "pv-recette.png")
    decision = page.get_by_role("heading", name="5. Décision").bounding_box()
    if decision:
        page.screenshot(path=DOCS / "pv-recette-decision.png", full_page=True,
                        clip={"x": 0, "y": decision["y"] - 10, "width": 794, "height": 620})


def main() -> None:
    from recette.navigateur import chemin_chromium
    from recette.rapport import commande, pv

    analyseur = argparse.ArgumentParser()
    analyseur.add_argument("--resultats", type=Path, help="résultats déjà produits (défaut : lancer la campagne)")
    arguments = analyseur.parse_args()
    with tempfile.TemporaryDirectory() as dossier:
        travail = Path(dossier)
        resultats = arguments.resultats or campagne(travail)
        (travail / "anomalies.yaml").write_text(ANOMALIE_DEMO, encoding="utf-8")
        options = argparse.Namespace(resultats=[resultats], sortie=travail / "sortie", release="2026.2",
                                     historique=travail / "historique.jsonl", anomalies=travail / "anomalies.yaml",
                                     config=None)
        production = commande.produire(options, RACINE)
        (travail / "bilan").mkdir()
        bilan, _ = commande.preparer(options, RACINE, travail / "bilan")
        page_pv = travail / "pv.html"
        page_pv.write_text(pv.html(bilan), encoding="utf-8")
        externes: list[str] = []
        with sync_playwright() as p:
            navigateur = p.chromium.launch(executable_path=chemin_chromium())
            page = navigateur.new_page(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
            _hors_ligne(page, externes)
            capturer_rapport(page, production.rapport)
            capturer_pv(page, page_pv)
            navigateur.close()
        print(json.dumps({"rapport_octets": production.octets_rapport,
                          "rapport_secondes": round(production.secondes_rapport, 2),
                          "requetes_externes": externes, "decision": production.resume.splitlines()[-1]},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
