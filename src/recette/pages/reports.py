"""Screens of the year-end closing and the campagne des reports: closing and cap rates with the
reportable amounts, demandes de report and the contrôleur budgétaire's avis, arrêtés de report
and their integration in N+1, EJ basculés."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from playwright.sync_api import Locator

from recette.pages.base import PageChorus
from recette.parametres import format_montant

#: Columns of the campaign's tables that hold amounts (shown ``1 234,56 €``).
COLONNES_MONTANTS = frozenset({
    "CP LFI hors T2", "Plafond", "CP hors T2 non consommés", "CP hors T2 reportables", "AE non consommées",
    "CP non consommés", "AE reportables", "CP reportables", "AE affectées", "AE engagées", "AENE", "AE demandées",
    "CP demandés", "AE accordées", "CP accordés", "Montant", "Montant payé", "Montant basculé", "Reste à payer",
})


@dataclass(frozen=True)
class LigneDemande:
    """One line of a demande de report: titre, nature (AENE, CP, FDC), AE and CP asked for."""

    titre: str
    nature: str
    ae: Decimal = Decimal(0)
    cp: Decimal = Decimal(0)


class _PageCampagne(PageChorus):
    """What the campaign's screens share: a form found by its name, a field of a form, a fiche."""

    prefixe_fiche = ""

    def formulaire(self, nom: str) -> Locator:
        return self.page.get_by_role("form", name=nom, exact=True)

    def saisir_dans(self, formulaire: str, libelle: str, valeur: str) -> None:
        self.formulaire(formulaire).get_by_label(libelle, exact=True).fill(valeur)

    def tableau(self, nom: str) -> Locator:
        return self.page.get_by_role("table", name=nom, exact=True)

    def champ(self, libelle: str) -> Locator:
        """A value of the page's fiche (``Statut``, ``Arrêté``, ``AE accordées``…)."""
        return self.page.get_by_test_id(f"{self.prefixe_fiche}-{libelle}")

    def rangees(self, tableau: Locator, contenant: str | None = None) -> Locator:
        """The body rows of ``tableau``; with ``contenant``, those with a cell reading exactly that."""
        rangees = tableau.locator("tbody").get_by_role("row")
        if contenant is None:
            return rangees
        return rangees.filter(has=self.page.get_by_role("cell", name=contenant, exact=True))

    def cellule_rang(self, tableau: Locator, rang: int, colonne: str) -> Locator:
        """The cell under ``colonne`` of the body row number ``rang`` (from 0)."""
        return self.rangees(tableau).nth(rang).get_by_role("cell").nth(self.index_colonne(tableau, colonne))

    def cellule_ligne(self, tableau: Locator, valeurs: dict[str, str], colonne: str) -> Locator:
        """The cell under ``colonne`` of the row whose cells hold ``valeurs`` (column → exact text)."""
        rangees = tableau.locator("tbody").get_by_role("row")
        for nom, valeur in valeurs.items():
            position = self.index_colonne(tableau, nom)
            cellule = self.page.locator(f"td:nth-child({position + 1})", has_text=re.compile(f"^{re.escape(valeur)}$"))
            rangees = rangees.filter(has=cellule)
        return rangees.get_by_role("cell").nth(self.index_colonne(tableau, colonne))


class PageCloture(_PageCampagne):
    """Closing of the exercice, cap rates, reportable amounts per programme × titre × nature."""

    chemin = "/reports"
    CLOTURE, PLAFOND, CONSULTATION = ("Clôturer l'exercice", "Fixer le plafond de report",
                                      "Consulter les montants reportables")

    def cloturer(self, exercice: int, date_ouverture: str = "") -> None:
        """``date_ouverture`` (jj/mm/aaaa) left empty: the next exercice opens on 1 January."""
        self.ouvrir()
        self.saisir_dans(self.CLOTURE, "Exercice", str(exercice))
        if date_ouverture:
            self.saisir_dans(self.CLOTURE, "Date d'ouverture de l'exercice suivant", date_ouverture)
        self.formulaire(self.CLOTURE).get_by_role("button", name="Clôturer l'exercice").click()

    def fixer_plafond(self, exercice: int, programme: str, taux: str) -> None:
        """``programme`` empty: the general rate; else the programme's raised rate."""
        self.ouvrir()
        self.saisir_dans(self.PLAFOND, "Exercice", str(exercice))
        self.saisir_dans(self.PLAFOND, "Programme", programme)
        self.saisir_dans(self.PLAFOND, "Taux (%)", taux)
        self.formulaire(self.PLAFOND).get_by_role("button", name="Fixer le plafond").click()

    def consulter(self, exercice: int, programme: str = "") -> None:
        self.ouvrir()
        self.saisir_dans(self.CONSULTATION, "Exercice clos", str(exercice))
        self.saisir_dans(self.CONSULTATION, "Programme", programme)
        self.formulaire(self.CONSULTATION).get_by_role("button", name="Consulter").click()

    @property
    def plafonds(self) -> Locator:
        return self.tableau("Plafond des reports de CP hors titre 2")

    @property
    def reportables(self) -> Locator:
        return self.tableau("Montants reportables")

    @property
    def tranches(self) -> Locator:
        return self.tableau("AENE par tranche fonctionnelle")


class PageDemandesReport(_PageCampagne):
    """Demandes de report: deposit (RPROG), detail with history, avis du contrôleur budgétaire."""

    chemin = "/reports/demandes"
    prefixe_fiche = "demande"
    DEPOT, AVIS = "Déposer une demande de report", "Avis du contrôleur budgétaire"

    def deposer(self, programme: str, lignes: list[LigneDemande]) -> None:
        self.ouvrir()
        self.saisir_dans(self.DEPOT, "Programme", programme)
        for rang, ligne in enumerate(lignes, start=1):
            groupe = self.formulaire(self.DEPOT).get_by_role("group", name=f"Ligne {rang}", exact=True)
            groupe.get_by_label("Titre", exact=True).select_option(ligne.titre)
            groupe.get_by_label("Nature", exact=True).select_option(ligne.nature)
            groupe.get_by_label("AE demandées", exact=True).fill(_saisie(ligne.ae))
            groupe.get_by_label("CP demandés", exact=True).fill(_saisie(ligne.cp))
        self.valider("Déposer la demande")

    def ouvrir_demande(self, numero: str) -> None:
        self.ouvrir(f"/{numero}")

    def donner_avis(self, numero: str, avis: str, motif: str = "") -> None:
        self.ouvrir_demande(numero)
        self.formulaire(self.AVIS).get_by_label("Avis", exact=True).select_option(avis)
        self.saisir_dans(self.AVIS, "Motif", motif)
        self.valider("Enregistrer l'avis")

    def historique(self, numero: str) -> Locator:
        return self.tableau(f"Historique de la demande de report {numero}")


class PageArretesReport(_PageCampagne):
    """Arrêtés de report (Direction du Budget) and their integration in N+1 (AIFE)."""

    chemin = "/reports/arretes"
    prefixe_fiche = "arrete"
    ARRETE, INTEGRATION = "Prendre un arrêté de report", "Intégrer un arrêté de report"

    def arreter(self, demandes: list[str]) -> None:
        """Sign an arrêté on ``demandes`` (empty: every demande with an avis favorable)."""
        self.ouvrir()
        self.saisir_dans(self.ARRETE, "Demandes", ", ".join(demandes))
        self.valider("Signer l'arrêté")

    def integrer_numero(self, numero: str) -> None:
        """Integration from the list, the number typed."""
        self.ouvrir()
        self.saisir_dans(self.INTEGRATION, "N° d'arrêté", numero)
        self.valider("Intégrer")

    def ouvrir_arrete(self, numero: str) -> None:
        self.ouvrir(f"/{numero}")

    def integrer(self, numero: str) -> None:
        """Integration from the arrêté's own page."""
        self.ouvrir_arrete(numero)
        self.valider("Intégrer l'arrêté")

    def lignes(self, numero: str) -> Locator:
        return self.tableau(f"Lignes de l'arrêté de report {numero}")


class PageEjBascules(_PageCampagne):
    """EJs of a closed exercice carried into the next one."""

    chemin = "/reports/ej-bascules"

    def consulter(self, exercice: int) -> None:
        self.ouvrir()
        self.saisir("Exercice clos", str(exercice))
        self.valider("Consulter")

    def engagements(self, exercice: int) -> Locator:
        return self.tableau(f"EJ basculés de l'exercice {exercice}")

    def lien_engagement(self, numero: str) -> Locator:
        """The link to EJ ``numero`` on the page (none when it was not carried into the next exercice)."""
        return self.page.get_by_role("link", name=numero, exact=True)


def _saisie(montant: Decimal) -> str:
    """An amount typed as a person reads it (``120 000,00``); 0 is left empty."""
    return format_montant(montant).removesuffix("\u00a0€") if montant else ""
