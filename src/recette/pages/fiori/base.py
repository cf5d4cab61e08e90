"""What every Fiori app of Chorus offers the steps, as the HTML screens do: a way to open it (a
deep link into the launchpad, ``/fiori#/<route>``), its refusal, its confirmation, its title and
the number of the object it shows; driven through the UI5 driver (:mod:`recette.ui5`).

The refusal (:attr:`PageFiori.alerte`) is the text of an error MessageBox, of a dialog in the
Error state or of an error MessageStrip; never the MessageToast, which carries ``role="alert"``
too but is the confirmation (:attr:`PageFiori.notice`). Off the launchpad (a classic transaction
reached from it), the HTML face's alert, notice and title apply.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, TypeVar
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page

from recette.erreurs import ErreurScenario
from recette.pages import faces
from recette.pages.base import PageChorus
from recette.parametres import format_montant
from recette.ui5 import ErreurUI5Absente, PiloteUI5, Selecteur, cadre_ui5

P = TypeVar("P", bound=PageChorus)

#: Where the launchpad is served; the apps are routes of its hash.
LAUNCHPAD = "/fiori"
#: A control inside an open dialog (the value help, the MessageBox, an operation's dialog).
OUVERTE = {"searchOpenDialogs": True}
#: The refusals: MessageBox.error (an Error icon) or any dialog in the Error state.
BOITES_ERREUR: tuple[Selecteur, ...] = (
    {"controlType": "sap.m.Dialog", "properties": {"icon": "sap-icon://error"}, **OUVERTE},
    {"controlType": "sap.m.Dialog", "properties": {"state": "Error"}, **OUVERTE},
)
#: The actions of an object page, in its header.
ACTIONS: Selecteur = {"controlType": "sap.uxap.ObjectPageDynamicHeaderTitle"}
DIALOGUE_OUVERT: Selecteur = {"controlType": "sap.m.Dialog", **OUVERTE}
BANDEAU_ERREUR: Selecteur = {"controlType": "sap.m.MessageStrip", "properties": {"type": "Error"}}
#: The title of the app on screen: a dynamic page's heading, an object page's, a plain page's.
TITRES: tuple[Selecteur, ...] = (
    {"controlType": "sap.m.Title", "ancestor": {"controlType": "sap.f.DynamicPageTitle"}},
    {"controlType": "sap.m.Title", "ancestor": {"controlType": "sap.uxap.ObjectPageDynamicHeaderTitle"}},
    {"controlType": "sap.m.Title", "ancestor": {"controlType": "sap.m.Bar", "ancestor": {"controlType": "sap.m.Page"}}},
)

#: The session the launchpad document was loaded for, noted by ouvrir after a load.
_SESSION_CHARGEE = "() => window.__recetteSession || ''"
_NOTER_SESSION = "s => { window.__recetteSession = s; }"
#: Set the hash, resolved once the router has been told (the hashchange listeners have run).
_HASH = """(cible) => new Promise((ok) => {
  window.addEventListener("hashchange", () => setTimeout(ok, 0), {once: true});
  location.hash = "#" + cible;
})"""


def montant_saisi(montant: Decimal) -> str:
    """An amount as a person types it: ``120 000,00``."""
    return format_montant(montant).removesuffix("\u00a0€")


def bouton(texte: str, **ajouts: Any) -> Selecteur:
    """A button by the text a user reads on it."""
    return {"controlType": "sap.m.Button", "properties": {"text": texte}, **ajouts}


def champ_saisie(libelle: str, **ajouts: Any) -> Selecteur:
    """The input a label names (a form's Label, or a Label with ``labelFor``)."""
    return {"controlType": "sap.m.Input", "labelFor": {"text": libelle}, **ajouts}


def liste_choix(libelle: str, **ajouts: Any) -> Selecteur:
    """The sap.m.Select a label names; pressed on its visible part (its hidden combobox is the focus)."""
    return {"controlType": "sap.m.Select", "labelFor": {"text": libelle}, "interaction": "press", **ajouts}


def dialogue(titre: str) -> Selecteur:
    """An open dialog by its title."""
    return {"controlType": "sap.m.Dialog", "properties": {"title": titre}, **OUVERTE}


def section(titre: str) -> Selecteur:
    """The table of an object page's section ``titre``."""
    return {"controlType": "sap.m.Table", "ancestor": {"controlType": "sap.uxap.ObjectPageSection",
                                                       "properties": {"title": titre}}}


def dans(conteneur: Selecteur, selecteur: Selecteur) -> Selecteur:
    """``selecteur`` under ``conteneur`` (searched in the open dialogs when the container is one)."""
    ouverte = OUVERTE if conteneur.get("searchOpenDialogs") else {}
    return {**selecteur, "ancestor": conteneur, **ouverte}


@faces.pour(PageChorus)
class PageFiori(PageChorus):
    """Mixin of the Fiori page objects, placed before the HTML class it implements
    (``class PageEngagementFiori(PageFiori, PageEngagement)``); alone, any screen of the launchpad
    (what ``PageChorus(ecran)`` gives on a Fiori environment)."""

    launchpad = LAUNCHPAD
    #: The app's route in the launchpad's hash; ``ouvrir(suffixe)`` appends the suffix.
    route = ""
    #: The route of the object page an action leads to; its group is the object's number.
    motif_objet = r"^$"
    #: What comes between the route and an object's number in the hash (``ouvrir(prefixe + numero)``).
    prefixe_objet = ""
    #: How often UI5 is polled for idleness: an action waits at least this long (the driver's 400 ms
    #: made a form of ten fields take 5 s more).
    intervalle_ms = 50

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self._pilote: PiloteUI5 | None = None

    @property
    def pilote(self) -> PiloteUI5:
        """The UI5 driver of the page, without the screen check (reading a refusal)."""
        if self._pilote is None:
            self._pilote = PiloteUI5(self._page, intervalle_ms=self.intervalle_ms)
        return self._pilote

    @property
    def ui5(self) -> PiloteUI5:
        """The UI5 driver for a lookup or an action: the screen is checked first after ``ouvrir``."""
        self.page  # noqa: B018 — the guard of PageChorus.page runs on access
        return self.pilote

    @property
    def attendu(self) -> str:
        return f"l'application attendue ({type(self).__name__}, {self.launchpad}#/{self.route})"

    def sur_launchpad(self) -> bool:
        """Whether the browser shows the launchpad (not a classic screen reached from it)."""
        return urlsplit(self._page.url).path.rstrip("/") == self.launchpad

    def ouvrir(self, suffixe: str = "") -> None:
        """Open the app at its route, as a deep link. On the launchpad loaded for the same session,
        the route changes in the hash (the router closes the open dialogs, the app reads its data
        again); otherwise the launchpad is loaded (its CSRF token and user are the session's)."""
        cible = f"/{self.route}{suffixe}"
        if not self.sur_launchpad():
            self._page.goto(f"{self.launchpad}#{cible}")
        elif self._page.evaluate(_SESSION_CHARGEE) == self._session():
            self._naviguer(cible)
        else:  # a goto that changes only the hash would not load the document again
            self._page.evaluate("adresse => history.replaceState(null, '', adresse)", f"{self.launchpad}#{cible}")
            self._page.reload()
        if self.sur_launchpad():
            self._page.evaluate(_NOTER_SESSION, self._session())
        self._a_verifier = True

    def _session(self) -> str:
        """The browser's cookies for the target, as a text: another text is another session."""
        return ";".join(sorted(f"{c['name']}={c['value']}" for c in self._page.context.cookies(self._page.url)))

    def _naviguer(self, cible: str) -> None:
        """Change the hash to ``cible`` and let the router take it (through the home page when it is
        the hash already: the route is matched again, so the app reads its data again)."""
        if urlsplit(self._page.url).fragment == cible:
            self._page.evaluate(_HASH, "/")
            self.pilote.attendre()
        self._page.evaluate(_HASH, cible)

    def verifier_ecran(self) -> None:
        """Once UI5 is idle, an app that opens on a refusal (unknown object, access refused) is the
        scenario's mistake, as the HTML error page is; then the HTML checks (login page, 5xx)."""
        if self.sur_launchpad() and self._ui5_chargee():
            self.pilote.attendre()
            if self.alerte.count():
                refus = " ".join(self.alerte.first.inner_text().split())
                raise ErreurScenario(f"L'application {self.launchpad}#/{self.route} a répondu « {refus} » "
                                     f"au lieu de {self.attendu}")
        super().verifier_ecran()

    def _ui5_chargee(self) -> bool:
        """Whether the page has UI5 (a launchpad that failed to load has none: the HTML checks say why)."""
        try:
            cadre_ui5(self._page, attente_ms=0)
        except ErreurUI5Absente:
            return False
        return True

    def montrer_objet(self, numero: str) -> None:
        """Show object ``numero``'s page: kept when it is on screen with no dialog open (as the HTML
        screens keep a page already shown), opened otherwise."""
        montre = self.sur_launchpad() and re.search(self.motif_objet, urlsplit(self._page.url).fragment)
        if not montre or montre[1] != numero or self.pilote.controle(DIALOGUE_OUVERT).count():
            self.ouvrir(f"{self.prefixe_objet}{numero}")

    def offert(self, selecteur: Selecteur) -> bool:
        """Whether the app offers the control now: shown, enabled, not behind a dialog (a disabled
        action is how an app says an operation does not apply)."""
        self.ui5.attendre()
        return self.pilote.controle(selecteur, interactable=True).count() > 0

    def classique(self, classe: type[P]) -> P:
        """This screen's classic transaction (``classe``: the HTML face's page object, whatever the
        face), for an operation the app does not offer; its refusal or notice is read there."""
        ecran = object.__new__(classe)
        classe.__init__(ecran, self._page)
        return ecran

    def agir(self, selecteur: Selecteur) -> None:
        """Press the control, then wait until UI5 is idle: the answer (page, toast, MessageBox) is on screen."""
        self.ui5.appuyer(selecteur)
        self.pilote.attendre()

    def choisir_cle(self, liste: Selecteur, cle: str) -> None:
        """Select the item of key ``cle`` in a sap.m.Select (opened, then its item pressed)."""
        if self.ui5.valeur(liste, "selectedKey") == cle:
            return
        self.ui5.appuyer(liste)
        self.ui5.appuyer({"controlType": "sap.ui.core.Item", "properties": {"key": cle}, **OUVERTE})

    def _ou(self, selecteurs: tuple[Selecteur, ...]) -> Locator:
        premier, *autres = (self.pilote.controle(s) for s in selecteurs)
        for autre in autres:
            premier = premier.or_(autre)
        return premier

    @property
    def alerte(self) -> Locator:
        """The refusal's text: an error MessageBox's, an Error dialog's, an error MessageStrip's."""
        if not self.sur_launchpad():
            return super().alerte
        textes = tuple({"controlType": "sap.m.Text", "ancestor": b, **OUVERTE} for b in BOITES_ERREUR)
        return self._ou((*textes, BANDEAU_ERREUR))

    @property
    def notice(self) -> Locator:
        """The latest confirmation: the MessageToast (role ``alert``, not a control of the tree)."""
        if not self.sur_launchpad():
            return super().notice
        return self.ui5.cadre.get_by_role("alert").last

    @property
    def titre(self) -> Locator:
        """The title of the app or object on screen."""
        if not self.sur_launchpad():
            return super().titre
        self.ui5.attendre()
        return self._ou(TITRES)

    def identifiant_affiche(self, motif: str) -> str | None:
        """The number of the object the app now shows, from its route in the hash (``motif``, the
        HTML address's pattern, applies off the launchpad only)."""
        if not self.sur_launchpad():
            return super().identifiant_affiche(motif)
        trouve = re.search(self.motif_objet, urlsplit(self._page.url).fragment)
        return trouve[1] if trouve else None
