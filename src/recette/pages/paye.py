"""The screen « Flux de paye » (issue #18): deposit a payroll flow file, read its compte rendu."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator

from recette.pages.base import PageChorus


class PageFluxPaye(PageChorus):
    chemin = "/paye"

    def deposer(self, fichier: Path) -> None:
        """Choose ``fichier`` in « Fichier du flux » and deposit it; the compte rendu screen follows."""
        self.ouvrir()
        self.page.get_by_label("Fichier du flux", exact=True).set_input_files(fichier)
        self.valider("Déposer le flux")

    @property
    def statut(self) -> Locator:
        """The statut of the flow on its compte rendu screen."""
        return self.page.get_by_test_id("statut-flux")
