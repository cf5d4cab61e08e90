from __future__ import annotations

from playwright.sync_api import Locator

from recette.pages.base import PageChorus


class PageDemandesPaiement(PageChorus):
    chemin = "/demandes-paiement"

    def payer(self, numero: str) -> None:
        self.ouvrir()
        self.cliquer_payer(numero)

    def cliquer_payer(self, numero: str) -> None:
        """Press « Payer » of ``numero`` on the list as it is shown (it may be stale)."""
        self.page.get_by_role("button", name=f"Payer la DP {numero}", exact=True).click()

    def ligne(self, numero: str) -> Locator:
        """The row of demande de paiement ``numero`` in the list (none when the list does not show it)."""
        return self.page.get_by_role("row").filter(has=self.page.get_by_role("cell", name=numero, exact=True))
