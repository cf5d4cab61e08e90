from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import FilePayload

from recette.pages.base import PageChorus


class PageLoisDeFinances(PageChorus):
    chemin = "/lois-de-finances"

    def integrer(self, identifiant: str, taux_t2: Decimal, taux_hors_t2: Decimal, csv: str) -> None:
        self.ouvrir()
        self.saisir("Identifiant", identifiant)
        self.saisir("Taux de réserve T2 (%)", str(taux_t2).replace(".", ","))
        self.saisir("Taux de réserve hors T2 (%)", str(taux_hors_t2).replace(".", ","))
        self.page.get_by_label("Fichier", exact=True).set_input_files(
            files=[FilePayload(name="loi.csv", mimeType="text/csv", buffer=csv.encode("utf-8"))])
        self.valider("Intégrer")
