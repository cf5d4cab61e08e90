"""Screenshots of files attached to report steps, for the README (run by hand, after
``recette lancer features/restitutions_bo/envois_par_courriel.feature features/titre2_paye/flux_mensuel.feature``
and ``recette rapport``): the single-file Allure report opened from disk in the system Chromium,
a scenario's step unfolded on its attachment.

- docs/bo-piece-jointe-allure.png: a BO schedule's CSV attachment received by the first recipient;
- docs/paye-compte-rendu-allure.png: the compte rendu d'intégration of a payroll flow with rejected lines.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, sync_playwright

RACINE = Path(__file__).resolve().parents[1]
CAPTURES = {
    "bo-piece-jointe-allure.png": (
        "Restitutions BusinessObjects (Webi)", "Envoi planifié d'un document Webi par courriel",
        "Un rapport planifié en CSV", "Et chaque destinataire reçoit un seul courriel",
        "Pièce jointe reçue par controle.budgetaire"),
    "paye-compte-rendu-allure.png": (
        "Titre 2, emplois et paye", "Intégration du flux mensuel de paye",
        "Les lignes fausses sont rejetées une à une", "Quand je dépose le flux", "Compte rendu d'intégration"),
}
RECUL = {"bo-piece-jointe-allure.png": 320, "paye-compte-rendu-allure.png": 140}  # pixels shown above the attachment


def capturer(page: Page, rapport: Path, chemin: tuple[str, ...], image: Path, recul: int) -> None:
    page.goto(rapport.as_uri())
    for texte in chemin:
        page.get_by_text(texte).first.click()
        page.wait_for_timeout(600)
    page.get_by_text(chemin[-1]).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.mouse.wheel(0, -recul)
    page.wait_for_timeout(500)
    page.screenshot(path=image)


def main() -> None:
    rapport = RACINE / "reports" / "rapport" / "index.html"
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = navigateur.new_page(viewport={"width": 1400, "height": 1000})
        for nom, chemin in CAPTURES.items():
            capturer(page, rapport, chemin, RACINE / "docs" / nom, RECUL[nom])
        navigateur.close()


if __name__ == "__main__":
    main()
