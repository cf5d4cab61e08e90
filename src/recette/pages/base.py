"""What every Chorus screen offers: its alert, its notice, its title, a way to open it; and a guard
that stops a page object at once when the screen it opened is not a screen at all.

After :meth:`PageChorus.ouvrir` or :meth:`PageChorus.valider`, the next lookup through
:attr:`PageChorus.page` first reads what the browser got: an access refusal, an error page, a
404 or the login page means the scenario is wrong (wrong user, wrong address, missing
precondition), so :class:`~recette.erreurs.ErreurScenario` is raised immediately instead of
waiting 30 s for a field that cannot come; a 5xx means the environment is at fault
(:class:`~recette.erreurs.ErreurEnvironnement`). Reading the alert (:attr:`PageChorus.alerte`) is
never guarded: a refusal is what an « Alors l'accès m'est refusé » step looks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Self
from urllib.parse import urlsplit

from playwright.sync_api import Error as ErreurPlaywright
from playwright.sync_api import Locator, Page

from recette.erreurs import ErreurEnvironnement, ErreurScenario
from recette.pages import faces
from recette.parametres import format_montant

CHEMIN_CONNEXION = "/connexion"
#: What the browser shows, read in one round trip (the navigation's HTTP status when known).
_LECTURE = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const texte = (s) => { const e = document.querySelector(s); return e ? e.innerText.trim() : ''; };
  return {statut: (nav && nav.responseStatus) || 0, titre: texte('h1') || document.title,
          alerte: texte('[role=alert]'), formulaire: !!document.querySelector('main form'),
          mot_de_passe: !!document.querySelector('input[type=password]')};
}"""


@dataclass(frozen=True)
class EtatPage:
    """What the browser shows: address, HTTP status of its navigation (0: unknown), title, alert."""

    url: str
    statut: int = 0
    titre: str = ""
    alerte: str = ""
    formulaire: bool = False
    mot_de_passe: bool = False

    @property
    def chemin(self) -> str:
        return urlsplit(self.url).path or "/"

    @property
    def connexion(self) -> bool:
        return self.chemin.rstrip("/") == CHEMIN_CONNEXION

    @property
    def page_erreur(self) -> bool:
        """The screens' error page (title « Erreur »), or a 401/403/404 that shows no form."""
        return self.titre == "Erreur" or (self.statut in (401, 403, 404) and not self.formulaire)

    def dit(self) -> str:
        """What the page said, quoted: its alert, else its title, else its status."""
        texte = self.alerte or self.titre or (f"HTTP {self.statut}" if self.statut else "page vide")
        return f"« {' '.join(texte.split())[:200]} »"


def lire_etat(page: Page) -> EtatPage | None:
    """What ``page`` shows now; None when it cannot be read (closed, crashed, mid-navigation)."""
    try:
        page.wait_for_load_state("domcontentloaded")
        lu = page.evaluate(_LECTURE)
    except ErreurPlaywright:
        return None
    return EtatPage(page.url, int(lu["statut"] or 0), str(lu["titre"]), str(lu["alerte"]), bool(lu["formulaire"]),
                    bool(lu["mot_de_passe"]))


def ecart(etat: EtatPage, attendu: str, connexion_attendue: bool = False) -> ErreurScenario | ErreurEnvironnement | None:
    """The typed error when ``etat`` is not the screen ``attendu`` a page object expected; else None."""
    if etat.statut >= 500:
        return ErreurEnvironnement(f"La page {etat.chemin} a répondu une erreur serveur {etat.statut} "
                                   f"{etat.dit()} au lieu de {attendu}")
    if etat.connexion and not connexion_attendue:
        return ErreurScenario(f"La page {etat.chemin} est la page de connexion (pas de session pour cet "
                              f"utilisateur) au lieu de {attendu}")
    if etat.page_erreur:
        statut = f" (HTTP {etat.statut})" if etat.statut else ""
        return ErreurScenario(f"La page {etat.chemin} a répondu {etat.dit()}{statut} au lieu de {attendu}")
    return None


class PageChorus:
    chemin = "/"

    def __new__(cls, *args: object, **kwargs: object) -> Self:
        """The page object of the active face (:mod:`recette.pages.faces`): the Fiori implementation
        of this screen on a Fiori environment, this class otherwise."""
        return super().__new__(faces.implementation(cls))

    def __init__(self, page: Page) -> None:
        self._page = page
        self._a_verifier = False

    @property
    def page(self) -> Page:
        """The browser page, for a lookup: checked first when this object has just navigated."""
        if self._a_verifier:
            self._a_verifier = False
            self.verifier_ecran()
        return self._page

    @property
    def attendu(self) -> str:
        """The screen this object expects, as the error message names it."""
        return f"l'écran attendu ({type(self).__name__}, {self.chemin})"

    def verifier_ecran(self) -> None:
        """Raise the typed error at once when the browser shows no usable screen (see the module)."""
        etat = lire_etat(self._page)
        erreur = ecart(etat, self.attendu, self.chemin.rstrip("/") == CHEMIN_CONNEXION) if etat else None
        if erreur is not None:
            raise erreur

    def ouvrir(self, suffixe: str = "") -> None:
        self._page.goto(self.chemin + suffixe)
        self._a_verifier = True

    @property
    def alerte(self) -> Locator:
        """The refusal message (role ``alert``): never guarded, a refusal may be what is expected."""
        return self._page.get_by_role("alert")

    @property
    def notice(self) -> Locator:
        """The confirmation message (role ``status``)."""
        return self.page.get_by_role("status")

    @property
    def titre(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    def identifiant_affiche(self, motif: str) -> str | None:
        """The number of the object the screen now shows (after a creation), from its address."""
        trouve = re.search(motif, self._page.url)
        return trouve[1] if trouve else None

    def saisir(self, libelle: str, valeur: str) -> None:
        self.page.get_by_label(libelle, exact=True).fill(valeur)

    def saisir_montant(self, libelle: str, montant: Decimal) -> None:
        """Amounts are typed as a person reads them on screen: ``120 000,00``."""
        self.saisir(libelle, format_montant(montant).removesuffix("\u00a0€"))

    def choisir(self, libelle: str, valeur: str) -> None:
        self.page.get_by_label(libelle, exact=True).select_option(valeur)

    def valider(self, bouton: str) -> None:
        """Submit the form; the screen it leads to is checked before the next lookup."""
        self.page.get_by_role("button", name=bouton, exact=True).click()
        self._a_verifier = True

    def index_colonne(self, tableau: Locator, colonne: str) -> int:
        """Position of header ``colonne`` in the table (read once the table is shown)."""
        noms = [t.strip() for t in tableau.get_by_role("columnheader").all_inner_texts()]
        if colonne not in noms:
            raise LookupError(f"Colonne « {colonne} » absente du tableau ({', '.join(noms)})")
        return noms.index(colonne)

    def cellule_de(self, tableau: Locator, ligne: str, colonne: str) -> Locator:
        """The cell under header ``colonne`` of the row holding a cell ``ligne`` (a titre, a programme…)."""
        rangee = tableau.get_by_role("row").filter(has=self.page.get_by_role("cell", name=ligne, exact=True))
        return rangee.get_by_role("cell").nth(self.index_colonne(tableau, colonne))
