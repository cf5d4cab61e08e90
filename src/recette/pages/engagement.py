from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from playwright.sync_api import Locator

from recette.pages.base import PageChorus
from recette.pages.tableaux import textes_colonne
from recette.parametres import format_montant


@dataclass(frozen=True)
class Poste:
    montant: Decimal
    domaine_fonctionnel: str
    activite: str


class PageNouvelEngagement(PageChorus):
    chemin = "/engagements/nouveau"

    def engager(self, uo: str, titre: str, fournisseur: str, postes: list[Poste], objet: str = "",
                tranche: str | None = None, marche: str = "") -> None:
        self.ouvrir()
        self.saisir("Centre financier", uo)
        self.choisir("Titre", titre)
        self.choisir("Fournisseur", fournisseur)
        self.saisir("Tranche fonctionnelle", tranche or "")
        if marche:  # a bon de commande of a marché or accord-cadre
            self.saisir("Marché", marche)
        self.saisir("Objet", objet)
        for rang, poste in enumerate(postes, start=1):
            ligne = self.page.get_by_role("group", name=f"Poste {rang}")
            ligne.get_by_label("Montant", exact=True).fill(format_montant(poste.montant).removesuffix("\u00a0€"))
            ligne.get_by_label("Domaine fonctionnel", exact=True).fill(poste.domaine_fonctionnel)
            ligne.get_by_label("Activité", exact=True).fill(poste.activite)
        self.valider("Engager")


class PageEngagement(PageChorus):
    chemin = "/engagements/"

    def _formulaire(self, numero: str, nom: str) -> Locator:
        if not self.page.url.rstrip("/").endswith(f"/engagements/{numero}"):
            self.ouvrir(numero)
        return self.page.get_by_role("form", name=nom)

    def _mouvement(self, numero: str, nom: str, poste: int, libelle: str, montant: Decimal) -> None:
        formulaire = self._formulaire(numero, nom)
        formulaire.get_by_label("Poste", exact=True).fill(str(poste))
        formulaire.get_by_label(libelle, exact=True).fill(format_montant(montant).removesuffix("\u00a0€"))
        formulaire.get_by_role("button").click()

    def augmenter(self, numero: str, poste: int, montant: Decimal) -> None:
        self._mouvement(numero, "Augmenter", poste, "Montant", montant)

    def reduire(self, numero: str, poste: int, montant: Decimal) -> None:
        self._mouvement(numero, "Réduire", poste, "Montant", montant)

    def retirer(self, numero: str) -> None:
        self._formulaire(numero, "Retirer l'engagement").get_by_role("button").click()

    def constater_service_fait(self, numero: str, poste: int, montant: Decimal) -> None:
        self._mouvement(numero, "Constater le service fait", poste, "Montant du service fait", montant)

    def demander_paiement(self, numero: str, poste: int, montant: Decimal) -> None:
        self._mouvement(numero, "Créer une demande de paiement", poste, "Montant de la demande", montant)

    def champ(self, libelle: str) -> Locator:
        """A header field of the EJ (N° EJ, Statut, Montant…), as displayed."""
        return self.page.get_by_test_id(f"ej-{libelle}")

    def demandes_paiement(self, numero: str) -> list[str]:
        """The numbers of the EJ's demandes de paiement, as its page lists them (oldest first)."""
        self.ouvrir(numero)
        tableau = self.page.get_by_role("table", name=f"Demandes de paiement de l'engagement {numero}")
        return textes_colonne(self, tableau, "N° DP")

    def mouvements(self, numero: str, type_mouvement: str, exercice: int) -> Locator:
        """The rows of the EJ's movements of type ``type_mouvement`` (100, 350…) on ``exercice``, on its
        page already open."""
        tableau = self.page.get_by_role("table", name=f"Mouvements de l'engagement {numero}", exact=True)
        rangees = tableau.locator("tbody").get_by_role("row")
        for texte in (type_mouvement, str(exercice)):
            rangees = rangees.filter(has=self.page.get_by_role("cell", name=texte, exact=True))
        return rangees

    def cellules_mouvements(self, numero: str, type_mouvement: str, exercice: int, colonne: str) -> Locator:
        """The cells under ``colonne`` (Date, Montant…) of those movements."""
        tableau = self.page.get_by_role("table", name=f"Mouvements de l'engagement {numero}", exact=True)
        position = self.index_colonne(tableau, colonne)
        return self.mouvements(numero, type_mouvement, exercice).locator(f"td:nth-child({position + 1})")


class PageEngagements(PageChorus):
    """The list of the engagements juridiques the connected user may see."""

    chemin = "/engagements"

    @property
    def tableau(self) -> Locator:
        return self.page.get_by_role("table", name="Engagements juridiques")

    def ligne(self, numero: str) -> Locator:
        """The row of EJ ``numero`` (none when the list does not show it)."""
        return self.page.get_by_role("row").filter(has=self.page.get_by_role("link", name=numero, exact=True))

    @property
    def lignes(self) -> Locator:
        """Every EJ row of the list (header excluded)."""
        return self.tableau.locator("tbody").get_by_role("row")

    @property
    def liste_vide(self) -> Locator:
        return self.page.get_by_text("Aucun engagement juridique.", exact=True)

    def centres_financiers(self) -> list[str]:
        """The centre financier of each EJ of the list, in order (none when the list is empty)."""
        self.ouvrir()
        return textes_colonne(self, self.tableau, "Centre financier")
