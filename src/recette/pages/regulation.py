"""Screens of the in-year regulation: LFR, réserve (dégel, surgel, annulation), virement,
transfert, fongibilité, fonds de concours, and the consultation of the exercice's movements."""

from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import FilePayload, Locator

from recette.pages.base import PageChorus

#: Columns of the regulation tables that hold amounts (shown ``1 234,56 €``).
COLONNES_MONTANTS = frozenset({"AE", "CP", "AE LFI", "Plafond AE", "Virements AE", "Reste AE", "CP LFI",
                               "Plafond CP", "Virements CP", "Reste CP"})


class PageLoiRectificative(PageChorus):
    chemin = "/regulation/lois-rectificatives"

    def integrer(self, identifiant: str, csv: str) -> None:
        """Upload an LFR as a CSV ``programme;titre;ae;cp`` (negative amounts: cancellations)."""
        self.ouvrir()
        self.saisir("Identifiant", identifiant)
        fichier = FilePayload(name="lfr.csv", mimeType="text/csv", buffer=csv.encode("utf-8"))
        self.page.get_by_label("Fichier", exact=True).set_input_files(files=[fichier])
        self.valider("Intégrer")


class _PageReserve(PageChorus):
    """Dégel, surgel and annulation de réserve share one form: programme, titre, AE, CP."""

    bouton = ""

    def operer(self, programme: str, titre: str, ae: Decimal, cp: Decimal) -> None:
        self.ouvrir()
        self.saisir("Programme", programme)
        self.choisir("Titre", titre)
        self.saisir_montant("Montant AE", ae)
        self.saisir_montant("Montant CP", cp)
        self.valider(self.bouton)


class PageDegel(_PageReserve):
    chemin = "/regulation/degel"
    bouton = "Dégeler"


class PageSurgel(_PageReserve):
    chemin = "/regulation/surgel"
    bouton = "Surgeler"


class PageAnnulationReserve(_PageReserve):
    chemin = "/regulation/annulation-reserve"
    bouton = "Annuler les crédits"


class _PageMouvement(PageChorus):
    """Virement and transfert share one form: programmes and titres source / destination, AE, CP."""

    bouton = ""

    def deplacer(self, source: str, titre: str, destination: str, titre_destination: str, ae: Decimal,
                 cp: Decimal) -> None:
        self.ouvrir()
        self.saisir("Programme source", source)
        self.choisir("Titre source", titre)
        self.saisir("Programme destination", destination)
        self.choisir("Titre destination", titre_destination)
        self.saisir_montant("Montant AE", ae)
        self.saisir_montant("Montant CP", cp)
        self.valider(self.bouton)


class PageVirement(_PageMouvement):
    chemin = "/regulation/virements"
    bouton = "Virer"


class PageTransfert(_PageMouvement):
    chemin = "/regulation/transferts"
    bouton = "Transférer"


class PageFongibilite(PageChorus):
    chemin = "/regulation/fongibilite"

    def deplacer(self, programme: str, titre_source: str, titre_destination: str, ae: Decimal, cp: Decimal) -> None:
        self.ouvrir()
        self.saisir("Programme", programme)
        self.choisir("Titre source", titre_source)
        self.choisir("Titre destination", titre_destination)
        self.saisir_montant("Montant AE", ae)
        self.saisir_montant("Montant CP", cp)
        self.valider("Déplacer les crédits")


class PageFondsDeConcours(PageChorus):
    chemin = "/regulation/fonds-de-concours"

    def rattacher(self, programme: str, titre: str, montant: Decimal, reference: str = "") -> None:
        self.ouvrir()
        self.saisir("Programme", programme)
        self.choisir("Titre", titre)
        self.saisir_montant("Montant", montant)
        self.saisir("Référence", reference)
        self.valider("Rattacher")


class PageRegulation(PageChorus):
    """The consultation: the exercice's movements, each programme's virements against its cap."""

    chemin = "/regulation"

    def consulter(self, exercice: int) -> None:
        self.ouvrir()
        self.saisir("Exercice", str(exercice))
        self.valider("Consulter")

    @property
    def mouvements(self) -> Locator:
        return self.page.get_by_role("table", name="Mouvements de régulation", exact=True)

    @property
    def plafonds(self) -> Locator:
        return self.page.get_by_role("table", name="Plafond des virements", exact=True)

    @property
    def lignes_mouvements(self) -> Locator:
        """One row per movement, in the order they were made (no header, no total)."""
        return self.mouvements.locator("tbody").get_by_role("row")

    def mouvement(self, rang: int, colonne: str) -> Locator:
        """The cell under ``colonne`` of the ``rang``-th movement (1: the first made)."""
        rangee = self.lignes_mouvements.nth(rang - 1)
        return rangee.get_by_role("cell").nth(self.index_colonne(self.mouvements, colonne))

    def plafond(self, programme: str, colonne: str) -> Locator:
        """The cell under ``colonne`` (``Plafond AE``, ``Virements AE``, ``Reste AE``…) of a programme."""
        return self.cellule_de(self.plafonds, programme, colonne)
