"""The « Situation budgétaire » app (``#/SituationBudgetaire-afficher``): niveau, code and
exercice in its header, one row per titre and a Total."""

from __future__ import annotations

from playwright.sync_api import Locator

from recette.pages import faces
from recette.pages.fiori.base import PageFiori, bouton, champ_saisie, liste_choix
from recette.pages.fiori.tableaux import cellules
from recette.pages.situation import NIVEAUX, PageSituation
from recette.ui5 import Selecteur

TABLE: Selecteur = {"controlType": "sap.m.Table", "viewName": "chorus.fiori.situation.view.Situation"}


@faces.pour(PageSituation)
class PageSituationFiori(PageFiori, PageSituation):
    route = "SituationBudgetaire-afficher"

    def consulter(self, niveau: str, code: str, exercice: int) -> None:
        self.ouvrir()
        self.choisir_cle(liste_choix("Niveau"), NIVEAUX[niveau])  # first: choosing a niveau empties the code
        self.ui5.saisir(champ_saisie("Code"), code)
        self.ui5.saisir(champ_saisie("Exercice"), str(exercice))
        self.agir(bouton("Consulter"))

    @property
    def tableau(self) -> Locator:
        return self.ui5.controle(TABLE)

    def cellule(self, titre: str, colonne: str) -> Locator:
        """The cell of row ``titre`` (``3``, ``T3`` or ``Total``) under header ``colonne``."""
        libelle = titre if titre == "Total" else f"T{titre.removeprefix('T')}"
        self.ui5.attendre()
        return cellules(self.ui5.cadre, self.ui5.controle(TABLE, visible=False), colonne, {"Titre": libelle})
