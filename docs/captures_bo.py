"""Screenshot of a BO schedule's delivered attachment in the Allure report, for the README (run by
hand, after ``recette lancer features/restitutions_bo/envois_par_courriel.feature`` and
``recette rapport``): the single-file report opened from disk in the system Chromium, the CSV
scenario's last step unfolded on the attachment received by the first recipient."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

RACINE = Path(__file__).resolve().parents[1]
CHEMIN = ("Restitutions BusinessObjects (Webi)", "Envoi planifié d'un document Webi par courriel",
          "Un rapport planifié en CSV", "Et chaque destinataire reçoit un seul courriel",
          "Pièce jointe reçue par controle.budgetaire")


def main() -> None:
    rapport = RACINE / "reports" / "rapport" / "index.html"
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = navigateur.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(rapport.as_uri())
        for texte in CHEMIN:
            page.get_by_text(texte).first.click()
            page.wait_for_timeout(600)
        page.get_by_text(CHEMIN[-1]).first.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.mouse.wheel(0, -320)
        page.wait_for_timeout(500)
        page.screenshot(path=RACINE / "docs" / "bo-piece-jointe-allure.png")
        navigateur.close()


if __name__ == "__main__":
    main()
