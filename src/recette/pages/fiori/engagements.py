"""The « Gérer les engagements juridiques » app (``#/EngagementJuridique-gerer``): its list report,
its creation page, and the EJ's object page whose header actions open the operations' dialogs;
the demandes de paiement are paid from that object page."""

from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import Locator

from recette.erreurs import ErreurScenario
from recette.pages import faces
from recette.pages.engagement import PageEngagement, PageEngagements, PageNouvelEngagement, Poste
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
from recette.pages.fiori.tableaux import cellules, lignes, lisant, textes_colonne
from recette.pages.paiement import PageDemandesPaiement
from recette.ui5 import ErreurLigneIntrouvable, Selecteur

APP = "EngagementJuridique-gerer"
OBJET = rf"^/{APP}/(\d+)$"
LISTE: Selecteur = {"controlType": "sap.m.Table", "viewName": "chorus.fiori.engagements.view.Liste",
                    "id": "tableEngagements"}
TABLE_DP, TABLE_MOUVEMENTS = section("Demandes de paiement"), section("Mouvements")


@faces.pour(PageNouvelEngagement)
class PageNouvelEngagementFiori(PageFiori, PageNouvelEngagement):
    """The creation page of the app (« Créer » of the list report)."""

    route = f"{APP}/nouveau"
    motif_objet = OBJET

    def engager(self, uo: str, titre: str, fournisseur: str, postes: list[Poste], objet: str = "",
                tranche: str | None = None, marche: str = "") -> None:
        if marche:  # steps/budget.py declares the bon de commande without a path on this face
            raise ErreurScenario(f"l'application Fiori « Engagements juridiques » n'a pas de champ Marché "
                                 f"(bon de commande au titre du marché {marche})")
        self.ouvrir()
        self.ui5.saisir(champ_saisie("Centre financier"), uo)
        self.choisir_cle(liste_choix("Titre"), titre)
        self.ui5.saisir(champ_saisie("Fournisseur"), fournisseur)
        for libelle, valeur in (("Tranche fonctionnelle", tranche), ("Objet", objet)):
            if valeur:  # the page opens on an empty form: an empty optional field is left as it is
                self.ui5.saisir(champ_saisie(libelle), valeur)
        for rang, poste in enumerate(postes, start=1):
            self._poste(rang, poste)
        self.agir(bouton("Engager"))

    def _poste(self, rang: int, poste: Poste) -> None:
        """Fill the panel « Poste n », added first when the page shows fewer."""
        panneau = {"controlType": "sap.m.Panel", "properties": {"headerText": f"Poste {rang}"}}
        if rang > 1:
            self.ui5.appuyer(bouton("Ajouter un poste"))
        self.ui5.saisir(dans(panneau, champ_saisie("Montant")), montant_saisi(poste.montant))
        self.ui5.saisir(dans(panneau, champ_saisie("Domaine fonctionnel")), poste.domaine_fonctionnel)
        self.ui5.saisir(dans(panneau, champ_saisie("Activité")), poste.activite)


@faces.pour(PageEngagement)
class PageEngagementFiori(PageFiori, PageEngagement):
    """The EJ's object page: header fields, actions (each opens a dialog), sections."""

    route = f"{APP}/"
    motif_objet = OBJET

    def _operation(self, numero: str, action: str, poste: int, libelle: str, montant: Decimal,
                   valider: str) -> None:
        """Press the header action, fill its dialog (poste, amount) and confirm."""
        self.montrer_objet(numero)
        self.ui5.appuyer(dans(ACTIONS, bouton(action)))
        fenetre = dialogue(action)
        self.choisir_cle(dans(fenetre, liste_choix("Poste")), str(poste))
        self.ui5.saisir(dans(fenetre, champ_saisie(libelle)), montant_saisi(montant))
        self.agir(dans(fenetre, bouton(valider)))

    def augmenter(self, numero: str, poste: int, montant: Decimal) -> None:
        self._operation(numero, "Augmenter", poste, "Montant", montant, "Augmenter")

    def reduire(self, numero: str, poste: int, montant: Decimal) -> None:
        self._operation(numero, "Réduire", poste, "Montant", montant, "Réduire")

    def constater_service_fait(self, numero: str, poste: int, montant: Decimal) -> None:
        self._operation(numero, "Constater le service fait", poste, "Montant du service fait", montant,
                        "Constater le service fait")

    def demander_paiement(self, numero: str, poste: int, montant: Decimal) -> None:
        self._operation(numero, "Créer une demande de paiement", poste, "Montant de la demande", montant,
                        "Créer la demande de paiement")

    def retirer(self, numero: str) -> None:
        """« Retirer l'engagement », confirmed with OK in its MessageBox."""
        self.montrer_objet(numero)
        self.ui5.appuyer(dans(ACTIONS, bouton("Retirer l'engagement")))
        self.agir(dans(dialogue("Retirer l'engagement"), bouton("OK")))

    def payer(self, numero: str, demande: str) -> None:
        """« Payer » on the row of demande de paiement ``demande`` of the EJ's page."""
        self.montrer_objet(numero)
        ligne = {"controlType": "sap.m.ColumnListItem", "ancestor": TABLE_DP, "descendant": lisant(demande)}
        self.agir({**bouton("Payer"), "ancestor": ligne})

    def champ(self, libelle: str) -> Locator:
        """A field of the EJ (N° EJ, Statut, Montant, Reste à payer…): the text its label names."""
        return self.ui5.controle({"controlType": "sap.m.Text", "labelFor": {"text": libelle}})

    def mouvements(self, numero: str, type_mouvement: str, exercice: int) -> Locator:
        self.ui5.attendre()
        return lignes(self.ui5.cadre, self.ui5.controle(TABLE_MOUVEMENTS, visible=False), type_mouvement, str(exercice))

    def cellules_mouvements(self, numero: str, type_mouvement: str, exercice: int, colonne: str) -> Locator:
        self.ui5.attendre()
        return cellules(self.ui5.cadre, self.ui5.controle(TABLE_MOUVEMENTS, visible=False), colonne,
                        {"Type": type_mouvement, "Exercice": str(exercice)})

    def demandes_paiement(self, numero: str) -> list[str]:
        self.ouvrir(numero)
        self.ui5.attendre()
        return textes_colonne(self.ui5.controle(TABLE_DP, visible=False), "N° DP")


@faces.pour(PageEngagements)
class PageEngagementsFiori(PageFiori, PageEngagements):
    """The list report of the EJs the connected user may see."""

    route = APP

    @property
    def tableau(self) -> Locator:
        return self.ui5.controle(LISTE)

    def ligne(self, numero: str) -> Locator:
        """The row of EJ ``numero``, the growing list shown up to it first (none when it has no such row)."""
        try:
            self.ui5.ligne(LISTE, numero)
        except ErreurLigneIntrouvable:
            pass  # the Locator below then matches nothing, as the HTML list's row would
        cellule = {"controlType": "sap.m.ObjectIdentifier", "properties": {"title": numero}}
        return self.pilote.controle({"controlType": "sap.m.ColumnListItem", "ancestor": LISTE, "descendant": cellule})

    @property
    def lignes(self) -> Locator:
        return self.ui5.controle({"controlType": "sap.m.ColumnListItem", "ancestor": LISTE})

    @property
    def liste_vide(self) -> Locator:
        """The list's « no data » text, as the table shows it (it is no control of its own)."""
        return self.tableau.get_by_text("Aucun engagement juridique", exact=True)

    def centres_financiers(self) -> list[str]:
        self.ouvrir()
        self.ui5.attendre()
        return textes_colonne(self.tableau, "Centre financier")


@faces.pour(PageDemandesPaiement)
class PageDemandesPaiementFiori(PageDemandesPaiement):
    """The demandes de paiement have no Fiori app: their list is the classic screen reached from
    the launchpad; a DP is paid from its EJ's object page, the EJ read in that list."""

    def payer(self, numero: str) -> None:
        self.ouvrir()
        tableau = self.page.get_by_role("table", name="Demandes de paiement")
        engagement = self.cellule_de(tableau, numero, "N° EJ").inner_text().strip()
        PageEngagementFiori(self._page).payer(engagement, numero)
