from __future__ import annotations

from decimal import Decimal

from recette.pages.base import PageChorus
from recette.parametres import format_montant


class PageMiseADisposition(PageChorus):
    chemin = "/mises-a-disposition"

    def mettre_a_disposition(self, source: str, destination: str, titre: str, ae: Decimal, cp: Decimal) -> None:
        self.saisir_mise_a_disposition(source, destination, titre, _texte(ae), _texte(cp))

    def saisir_mise_a_disposition(self, source: str, destination: str, titre: str, ae: str, cp: str) -> None:
        """The form filled with the amounts exactly as typed (a malformed amount is the user's own)."""
        self.ouvrir()
        self.saisir("Source", source)
        self.saisir("Destination", destination)
        self.choisir("Titre", titre)
        self.saisir("Montant AE", ae)
        self.saisir("Montant CP", cp)
        self.valider("Mettre à disposition")


def _texte(montant: Decimal) -> str:
    """An amount typed as a person reads it on screen: ``120 000,00``."""
    return format_montant(montant).removesuffix("\u00a0€")
