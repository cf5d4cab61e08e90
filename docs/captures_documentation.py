"""Pictures of the users' documentation for the README (run by hand), taken from documents written
from the catalogue's own scenarios:

    .venv/bin/recette documenter features/budget/engagement_juridique.feature --format html --sortie /tmp/doc-html
    .venv/bin/recette documenter features/budget/engagement_juridique.feature --env bac-a-sable-fiori \\
        --format html --sortie /tmp/doc-fiori
    .venv/bin/python docs/captures_documentation.py /tmp/doc-html /tmp/doc-fiori

- docs/documentation-mode-operatoire.png: the first procedure of the mode opératoire (HTML screens);
- docs/documentation-mode-operatoire-fiori.png: the same procedure written from the Fiori apps;
- docs/documentation-fiche-ecran.png: the fiche of the screen « Nouvel engagement juridique ».
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Locator, sync_playwright

RACINE = Path(__file__).resolve().parents[1]
MODE_OPERATOIRE = "budget-engagement_juridique.html"
HAUTEUR = 1400  # CSS pixels kept from the top of the element


def capturer(element: Locator, image: Path) -> None:
    element.scroll_into_view_if_needed()
    boite = element.bounding_box()
    assert boite is not None, f"élément invisible pour {image.name}"
    element.page.screenshot(path=image, full_page=True, clip={"x": boite["x"] - 24, "y": boite["y"] - 12,
                                                             "width": boite["width"] + 48,
                                                             "height": min(boite["height"] + 24, HAUTEUR)})
    print(image.relative_to(RACINE))


def main() -> None:
    html, fiori = (Path(a) for a in sys.argv[1:3])
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = navigateur.new_page(viewport={"width": 1100, "height": 900})
        for dossier, image in ((html, "documentation-mode-operatoire.png"), (fiori, "documentation-mode-operatoire-fiori.png")):
            page.goto((dossier / MODE_OPERATOIRE).as_uri())
            capturer(page.locator("section.procedure").first, RACINE / "docs" / image)
        page.goto((html / "fiches-ecrans.html").as_uri())
        fiche = page.locator("section.fiche").filter(has_text="/engagements/nouveau").first
        capturer(fiche, RACINE / "docs" / "documentation-fiche-ecran.png")
        navigateur.close()


if __name__ == "__main__":
    main()
