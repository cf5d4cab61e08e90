"""The « Mises à disposition » app (``#/MiseADisposition-gerer``): the form in its header, the
exercice's mises à disposition below."""

from __future__ import annotations

from decimal import Decimal

from recette.pages import faces
from recette.pages.fiori.base import PageFiori, bouton, champ_saisie, liste_choix, montant_saisi
from recette.pages.mise_a_disposition import PageMiseADisposition


@faces.pour(PageMiseADisposition)
class PageMiseADispositionFiori(PageFiori, PageMiseADisposition):
    route = "MiseADisposition-gerer"

    def mettre_a_disposition(self, source: str, destination: str, titre: str, ae: Decimal, cp: Decimal) -> None:
        self.ouvrir()
        self.ui5.saisir(champ_saisie("Source"), source)
        self.ui5.saisir(champ_saisie("Destination"), destination)
        self.choisir_cle(liste_choix("Titre"), titre)
        self.ui5.saisir(champ_saisie("Montant AE"), montant_saisi(ae))
        self.ui5.saisir(champ_saisie("Montant CP"), montant_saisi(cp))
        self.agir(bouton("Mettre à disposition"))
