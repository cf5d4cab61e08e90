"""The « Tranches fonctionnelles » app (``#/TrancheFonctionnelle-gerer``): its list, its creation
page (a new TF and its first AE), and the TF's object page whose header actions open the
affectation's dialog."""

from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import Locator

from recette.pages import faces
from recette.pages.fiori.base import (
    ACTIONS,
    PageFiori,
    bouton,
    champ_saisie,
    dans,
    dialogue,
    liste_choix,
    montant_saisi,
)
from recette.pages.tranche import PageTranche, PageTranches

APP = "TrancheFonctionnelle-gerer"
OBJET = rf"^/{APP}/(?!nouvelle$)([^/]+)$"


@faces.pour(PageTranches)
class PageTranchesFiori(PageFiori, PageTranches):
    """The list of the TFs; « Créer » leads to the creation page."""

    route = APP
    motif_objet = OBJET

    def affecter_nouvelle(self, uo: str, titre: str, libelle: str, ae: Decimal) -> None:
        self.ouvrir("/nouvelle")
        self.ui5.saisir(champ_saisie("Centre financier"), uo)
        self.choisir_cle(liste_choix("Titre"), titre)
        self.ui5.saisir(champ_saisie("Libellé"), libelle)
        self.ui5.saisir(champ_saisie("AE à affecter"), montant_saisi(ae))
        self.agir(bouton("Affecter"))


@faces.pour(PageTranche)
class PageTrancheFiori(PageFiori, PageTranche):
    """The TF's object page."""

    route = f"{APP}/"
    motif_objet = OBJET

    def _operation(self, numero: str, action: str, valider: str, ae: Decimal) -> None:
        self.montrer_objet(numero)
        self.ui5.appuyer(dans(ACTIONS, bouton(action)))
        fenetre = dialogue(action)
        self.ui5.saisir(dans(fenetre, champ_saisie("Montant AE")), montant_saisi(ae))
        self.agir(dans(fenetre, bouton(valider)))

    def affecter(self, numero: str, ae: Decimal) -> None:
        self._operation(numero, "Affecter des AE", "Affecter", ae)

    def retirer(self, numero: str, ae: Decimal) -> None:
        self._operation(numero, "Retirer une affectation", "Retirer", ae)

    def champ(self, libelle: str) -> Locator:
        """A field of the TF (N° TF, Centre financier, AE affectées, AE engagées, AENE…): the text its
        label names."""
        return self.ui5.controle({"controlType": "sap.m.Text", "labelFor": {"text": libelle}})
