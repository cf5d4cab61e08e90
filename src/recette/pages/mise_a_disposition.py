from __future__ import annotations

from decimal import Decimal

from recette.pages.base import PageChorus


class PageMiseADisposition(PageChorus):
    chemin = "/mises-a-disposition"

    def mettre_a_disposition(self, source: str, destination: str, titre: str, ae: Decimal, cp: Decimal) -> None:
        self.ouvrir()
        self.saisir("Source", source)
        self.saisir("Destination", destination)
        self.choisir("Titre", titre)
        self.saisir_montant("Montant AE", ae)
        self.saisir_montant("Montant CP", cp)
        self.valider("Mettre à disposition")
