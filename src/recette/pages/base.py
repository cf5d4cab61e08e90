"""What every Chorus screen offers: its alert, its notice, its title, a way to open it."""

from __future__ import annotations

import re
from decimal import Decimal

from playwright.sync_api import Locator, Page

from recette.parametres import format_montant


class PageChorus:
    chemin = "/"

    def __init__(self, page: Page) -> None:
        self.page = page

    def ouvrir(self, suffixe: str = "") -> None:
        self.page.goto(self.chemin + suffixe)

    @property
    def alerte(self) -> Locator:
        """The refusal message (role ``alert``)."""
        return self.page.get_by_role("alert")

    @property
    def notice(self) -> Locator:
        """The confirmation message (role ``status``)."""
        return self.page.get_by_role("status")

    @property
    def titre(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    def identifiant_affiche(self, motif: str) -> str | None:
        """The number of the object the screen now shows (after a creation), from its address."""
        trouve = re.search(motif, self.page.url)
        return trouve[1] if trouve else None

    def saisir(self, libelle: str, valeur: str) -> None:
        self.page.get_by_label(libelle, exact=True).fill(valeur)

    def saisir_montant(self, libelle: str, montant: Decimal) -> None:
        """Amounts are typed as a person reads them on screen: ``120 000,00``."""
        self.saisir(libelle, format_montant(montant).removesuffix("\u00a0€"))

    def choisir(self, libelle: str, valeur: str) -> None:
        self.page.get_by_label(libelle, exact=True).select_option(valeur)

    def valider(self, bouton: str) -> None:
        self.page.get_by_role("button", name=bouton, exact=True).click()

    def index_colonne(self, tableau: Locator, colonne: str) -> int:
        """Position of header ``colonne`` in the table (read once the table is shown)."""
        noms = [t.strip() for t in tableau.get_by_role("columnheader").all_inner_texts()]
        if colonne not in noms:
            raise LookupError(f"Colonne « {colonne} » absente du tableau ({', '.join(noms)})")
        return noms.index(colonne)

    def cellule_de(self, tableau: Locator, ligne: str, colonne: str) -> Locator:
        """The cell under header ``colonne`` of the row holding a cell ``ligne`` (a titre, a programme…)."""
        rangee = tableau.get_by_role("row").filter(has=self.page.get_by_role("cell", name=ligne, exact=True))
        return rangee.get_by_role("cell").nth(self.index_colonne(tableau, colonne))
