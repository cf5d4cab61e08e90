"""The « Campagne des reports » app (``#/Reports-gerer``): the demandes and arrêtés tabs, the deposit
of a demande, the demande's object page (avis du contrôleur budgétaire, history) and the arrêté's
(lines, « Intégrer l'arrêté »). The closing and the EJ basculés have no app: their classic screens.

Where the app does not offer an operation a sentence asks for (an arrêté on a demande without avis
favorable, an integration already done, an integration by number), the page object goes through
the classic transaction, which answers with its refusal, as a user of the launchpad would."""

from __future__ import annotations

from playwright.sync_api import Locator

from recette.pages import faces
from recette.pages.fiori import tableaux
from recette.pages.fiori.base import (
    ACTIONS,
    PageFiori,
    bouton,
    champ_saisie,
    dans,
    dialogue,
    liste_choix,
    montant_saisi,
    section,
)
from recette.pages.reports import LigneDemande, PageArretesReport, PageDemandesReport
from recette.ui5 import Selecteur

APP = "Reports-gerer"
CAMPAGNE = "chorus.fiori.reports.view.Campagne"
A_ARRETER: Selecteur = {"controlType": "sap.m.Table", "viewName": CAMPAGNE, "id": "tableAArreter"}
ONGLET_ARRETES: Selecteur = {"controlType": "sap.m.IconTabFilter", "properties": {"text": "Arrêtés de report"}}


class _CampagneFiori(PageFiori):
    """What the campaign's object pages share: fields by their label, tables read by their headers."""

    route = APP

    def champ(self, libelle: str) -> Locator:
        """A field of the object (Statut, Arrêté, AE accordées…): the text its label names."""
        return self.ui5.controle({"controlType": "sap.m.Text", "labelFor": {"text": libelle}})

    def rangees(self, tableau: Locator, contenant: str | None = None) -> Locator:
        self.ui5.attendre()
        return tableaux.lignes(self.ui5.cadre, tableau, *([contenant] if contenant is not None else []))

    def cellule_rang(self, tableau: Locator, rang: int, colonne: str) -> Locator:
        self.ui5.attendre()
        return tableaux.cellules(self.ui5.cadre, tableau, colonne, rang=rang)

    def cellule_ligne(self, tableau: Locator, valeurs: dict[str, str], colonne: str) -> Locator:
        self.ui5.attendre()
        return tableaux.cellules(self.ui5.cadre, tableau, colonne, valeurs)


@faces.pour(PageDemandesReport)
class PageDemandesReportFiori(_CampagneFiori, PageDemandesReport):
    motif_objet = rf"^/{APP}/demandes/(?!nouvelle$)([^/]+)$"
    prefixe_objet = "/demandes/"

    def deposer(self, programme: str, lignes: list[LigneDemande]) -> None:
        """« Déposer une demande »: the programme, one panel « Ligne n » per line (0 left empty)."""
        self.ouvrir("/demandes/nouvelle")
        self.ui5.saisir(champ_saisie("Programme"), programme)
        for rang, ligne in enumerate(lignes, start=1):
            self._ligne(rang, ligne)
        self.agir(bouton("Déposer la demande"))

    def _ligne(self, rang: int, ligne: LigneDemande) -> None:
        panneau = {"controlType": "sap.m.Panel", "properties": {"headerText": f"Ligne {rang}"}}
        if rang > 1:
            self.ui5.appuyer(bouton("Ajouter une ligne"))
        self.choisir_cle(dans(panneau, liste_choix("Titre")), ligne.titre)
        self.choisir_cle(dans(panneau, liste_choix("Nature")), ligne.nature)
        for libelle, montant in (("AE demandées", ligne.ae), ("CP demandés", ligne.cp)):
            if montant:
                self.ui5.saisir(dans(panneau, champ_saisie(libelle)), montant_saisi(montant))

    def ouvrir_demande(self, numero: str) -> None:
        self.ouvrir(f"{self.prefixe_objet}{numero}")

    def donner_avis(self, numero: str, avis: str, motif: str = "") -> None:
        """« Avis favorable » / « Avis défavorable » of the demande's page, its motif, « Enregistrer l'avis »
        (the classic screen when the app no longer offers the avis)."""
        self.montrer_objet(numero)
        action = dans(ACTIONS, bouton(f"Avis {avis}"))
        if not self.offert(action):
            self.classique(PageDemandesReport).donner_avis(numero, avis, motif)
            return
        self.ui5.appuyer(action)
        fenetre = dialogue(f"Avis {avis}")
        if motif:
            self.ui5.saisir(dans(fenetre, {"controlType": "sap.m.TextArea", "labelFor": {"text": "Motif"}}), motif)
        self.agir(dans(fenetre, bouton("Enregistrer l'avis")))

    def historique(self, numero: str) -> Locator:
        return self.ui5.controle(section("Historique"))


@faces.pour(PageArretesReport)
class PageArretesReportFiori(_CampagneFiori, PageArretesReport):
    motif_objet = rf"^/{APP}/arretes/([^/]+)$"
    prefixe_objet = "/arretes/"

    def arreter(self, demandes: list[str]) -> None:
        """Tab « Arrêtés de report »: the demandes ticked in « Demandes à arrêter » (none: all of them),
        « Signer l'arrêté ». The app lists only the demandes with an avis favorable: for any other, or
        when it lists none, the classic screen takes the arrêté (and gives its refusal)."""
        self.ouvrir()
        self.ui5.appuyer(ONGLET_ARRETES)
        self.ui5.attendre()
        proposees = tableaux.textes_colonne(self.ui5.controle(A_ARRETER, visible=False), "N° de demande")
        if not proposees or not set(demandes) <= set(proposees):
            self.classique(PageArretesReport).arreter(demandes)
            return
        for numero in demandes:
            ligne = {**tableaux.LIGNE, "ancestor": A_ARRETER,
                     "descendant": {"controlType": "sap.m.ObjectIdentifier", "properties": {"title": numero}}}
            self.ui5.appuyer({"controlType": "sap.m.CheckBox", "ancestor": ligne})
        self.agir(bouton("Signer l'arrêté"))

    def ouvrir_arrete(self, numero: str) -> None:
        self.ouvrir(f"{self.prefixe_objet}{numero}")

    def integrer(self, numero: str) -> None:
        """« Intégrer l'arrêté » of its page; the classic screen when the app does not offer it (an
        arrêté already integrated)."""
        self.montrer_objet(numero)
        action = dans(ACTIONS, bouton("Intégrer l'arrêté"))
        if not self.offert(action):
            self.classique(PageArretesReport).integrer(numero)
            return
        self.agir(action)

    def integrer_numero(self, numero: str) -> None:
        """The app integrates an arrêté from its page only: the number typed goes to the classic screen."""
        self.classique(PageArretesReport).integrer_numero(numero)

    def lignes(self, numero: str) -> Locator:
        return self.ui5.controle(section("Lignes"))
