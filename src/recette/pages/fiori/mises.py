"""The « Mises à disposition » app (``#/MiseADisposition-gerer``): the form in its header, the
exercice's mises à disposition below."""

from __future__ import annotations

from recette.pages import faces
from recette.pages.fiori.base import PageFiori, bouton, champ_saisie, liste_choix
from recette.pages.mise_a_disposition import PageMiseADisposition


@faces.pour(PageMiseADisposition)
class PageMiseADispositionFiori(PageFiori, PageMiseADisposition):
    route = "MiseADisposition-gerer"

    def saisir_mise_a_disposition(self, source: str, destination: str, titre: str, ae: str, cp: str) -> None:
        """The header's form filled with the amounts exactly as typed (the app refuses a malformed
        one in its MessageBox, with the HTML screen's message)."""
        self.ouvrir()
        self.ui5.saisir(champ_saisie("Source"), source)
        self.ui5.saisir(champ_saisie("Destination"), destination)
        self.choisir_cle(liste_choix("Titre"), titre)
        self.ui5.saisir(champ_saisie("Montant AE"), ae)
        self.ui5.saisir(champ_saisie("Montant CP"), cp)
        self.agir(bouton("Mettre à disposition"))
