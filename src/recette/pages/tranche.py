from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import Locator

from recette.pages.base import PageChorus


class PageTranches(PageChorus):
    chemin = "/tranches-fonctionnelles"

    def affecter_nouvelle(self, uo: str, titre: str, libelle: str, ae: Decimal) -> None:
        self.ouvrir()
        self.saisir("Centre financier", uo)
        self.choisir("Titre", titre)
        self.saisir("Libellé", libelle)
        self.saisir_montant("AE à affecter", ae)
        self.valider("Affecter")


class PageTranche(PageChorus):
    chemin = "/tranches-fonctionnelles/"

    def affecter(self, numero: str, ae: Decimal) -> None:
        self.ouvrir(numero)
        formulaire = self.page.get_by_role("form", name="Affecter des AE")
        formulaire.get_by_label("Montant AE", exact=True).fill(_texte(ae))
        formulaire.get_by_role("button").click()

    def champ(self, libelle: str) -> Locator:
        """A field of the TF's page (N° TF, AE affectées, AE engagées, AENE…), as displayed."""
        return self.page.get_by_test_id(f"tf-{libelle}")

    def retirer(self, numero: str, ae: Decimal) -> None:
        self.ouvrir(numero)
        formulaire = self.page.get_by_role("form", name="Retirer une affectation")
        formulaire.get_by_label("Montant AE", exact=True).fill(_texte(ae))
        formulaire.get_by_role("button").click()


def _texte(montant: Decimal) -> str:
    from recette.parametres import format_montant

    return format_montant(montant).removesuffix("\u00a0€")
