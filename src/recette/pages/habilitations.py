"""Page objects of the habilitations screens: paramétrage utilisateurs, bulk import, and the lists a
user's périmètre filters (référentiel, engagements)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page

from recette.pages.base import PageChorus
from recette.pages.tableaux import textes_colonne


class PageConnexion(PageChorus):
    """The login page, as a user without session reaches it. The framework logs its users in by the
    API; a scenario about the login itself types the identifiant and the password here (the trace
    records that fill: the masker hides the password in every output, see ``recette.masque``)."""

    chemin = "/connexion"

    def se_connecter(self, identifiant: str, mot_de_passe: str) -> None:
        """Type the credentials and press « Se connecter », on the login page already shown (a
        protected page's redirect keeps where to go next) or opened now."""
        if not self.page.url.split("?")[0].endswith(self.chemin):
            self.ouvrir()
        self.saisir("Identifiant", identifiant)
        self.saisir("Mot de passe", mot_de_passe)
        self.valider("Se connecter")


class Bandeau:
    """The header of every screen: who is connected, and the button to leave."""

    def __init__(self, page: Page) -> None:
        self.page = page

    @property
    def utilisateur_connecte(self) -> Locator:
        return self.page.get_by_test_id("utilisateur-connecte")

    def se_deconnecter(self) -> None:
        self.page.get_by_role("button", name="Se déconnecter", exact=True).click()


class PageUtilisateurs(PageChorus):
    chemin = "/utilisateurs"

    def creer(self, identifiant: str, nom: str) -> None:
        self.ouvrir()
        self.saisir("Identifiant", identifiant)
        self.saisir("Nom", nom)
        self.valider("Créer l'utilisateur")


class PageUtilisateur(PageChorus):
    chemin = "/utilisateurs/"

    def ouvrir_fiche(self, identifiant: str) -> None:
        if not self.page.url.split("?")[0].rstrip("/").endswith(f"/utilisateurs/{identifiant}"):
            self.ouvrir(identifiant)

    def attribuer(self, identifiant: str, role: str, perimetre: str) -> None:
        self.ouvrir_fiche(identifiant)
        self.choisir("Rôle", role)
        self.saisir("Périmètre", perimetre)
        self.valider("Attribuer le rôle")

    def retirer(self, identifiant: str, role: str, perimetre: str) -> None:
        self.ouvrir_fiche(identifiant)
        self.valider(f"Retirer le rôle {role} sur {perimetre}")

    def suspendre(self, identifiant: str) -> None:
        self.ouvrir_fiche(identifiant)
        self.valider("Suspendre l'utilisateur")

    def reactiver(self, identifiant: str) -> None:
        self.ouvrir_fiche(identifiant)
        self.valider("Réactiver l'utilisateur")

    def roles(self, identifiant: str) -> list[tuple[str, str]]:
        """The (role, périmètre) pairs the user's page shows."""
        self.ouvrir_fiche(identifiant)
        tableau = self.page.get_by_role("table", name=f"Rôles-territoires de {identifiant}")
        return list(zip(textes_colonne(self, tableau, "Rôle"), textes_colonne(self, tableau, "Périmètre"), strict=True))


class PageImportHabilitations(PageChorus):
    chemin = "/habilitations/import"

    def importer(self, fichier: Path) -> None:
        self.ouvrir()
        self.page.get_by_label("Fichier CSV", exact=True).set_input_files(str(fichier))
        self.valider("Importer le fichier")

    def rejets(self) -> list[tuple[str, str]]:
        """(ligne, motif) of the report of a rejected file."""
        tableau = self.page.get_by_role("table", name="Lignes rejetées")
        return list(zip(textes_colonne(self, tableau, "Ligne"), textes_colonne(self, tableau, "Motif du rejet"), strict=True))


class PageReferentiel(PageChorus):
    chemin = "/referentiel"

    def centres_financiers(self) -> list[str]:
        """The centres financiers (UO) the référentiel screen lists."""
        self.ouvrir()
        tableau = self.page.get_by_role("table", name="BOP et unités opérationnelles")
        return [c for c in textes_colonne(self, tableau, "UO (centre financier)") if c]

    def codes(self, section: str) -> list[str]:
        """The codes of one table of the référentiel (« Domaines fonctionnels », « Activités »…)."""
        self.ouvrir()
        return textes_colonne(self, self.page.get_by_role("table", name=section), "Code")
