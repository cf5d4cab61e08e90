from __future__ import annotations

from playwright.sync_api import Locator

from recette.pages.base import PageChorus

NIVEAUX = {"programme": "programme", "BOP": "bop", "bop": "bop", "UO": "uo", "uo": "uo"}


class PageSituation(PageChorus):
    chemin = "/situation"

    def consulter(self, niveau: str, code: str, exercice: int) -> None:
        self.ouvrir()
        self.choisir("Niveau", NIVEAUX[niveau])
        self.saisir("Code", code)
        self.saisir("Exercice", str(exercice))
        self.valider("Consulter")

    @property
    def tableau(self) -> Locator:
        return self.page.get_by_role("table", name="Situation budgétaire")

    def cellule(self, titre: str, colonne: str) -> Locator:
        """The cell of row ``titre`` (``3``, ``T3`` or ``Total``) under header ``colonne``."""
        libelle = titre if titre == "Total" else f"T{titre.removeprefix('T')}"
        return self.cellule_de(self.tableau, libelle, colonne)
