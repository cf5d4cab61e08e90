from __future__ import annotations

from recette.pages.base import PageChorus


class PageDemandesPaiement(PageChorus):
    chemin = "/demandes-paiement"

    def payer(self, numero: str) -> None:
        self.ouvrir()
        self.page.get_by_role("button", name=f"Payer la DP {numero}", exact=True).click()
