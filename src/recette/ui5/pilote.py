"""The UI5 driver: waits for UI5 to be idle before every lookup and action, finds controls by
their OPA5 control selector, acts with Playwright's real input events on the element UI5 says
represents the control, and finds the UI5 frame (a launchpad iframe) by itself."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from playwright.sync_api import Error, Frame, Locator, Page
from playwright.sync_api import TimeoutError as DelaiDepasse

from recette.ui5 import scripts
from recette.ui5.erreurs import (
    ErreurControleIntrouvable,
    ErreurLigneIntrouvable,
    ErreurUI5,
    ErreurUI5Absente,
    ErreurUI5Occupee,
)
from recette.ui5.moteur import assurer_moteur
from recette.ui5.selecteurs import Selecteur, decrire, expression

T = TypeVar("T")

# What RecordReplay.waitForUI5 puts before the list of pending work in its rejection.
_PREAMBULE = "This is the last log of pending work:"
# A list or table of any kind in an open dialog: the value help's SelectDialog or TableSelectDialog.
LISTE_DIALOGUE: Selecteur = {"controlType": "sap.m.ListBase", "searchOpenDialogs": True}


def _a_ui5(cadre: Frame) -> bool:
    try:
        return bool(cadre.evaluate(scripts.PRESENCE))
    except Error:  # a frame detached or navigating meanwhile has no UI5 to offer
        return False


def _profondeur(cadre: Frame) -> int:
    return 0 if cadre.parent_frame is None else 1 + _profondeur(cadre.parent_frame)


def cadre_ui5(page: Page, attente_ms: int = 1000) -> Frame:
    """The deepest frame of ``page`` that has loaded ``sap.ui`` (the application inside a launchpad
    iframe rather than the shell); ErreurUI5Absente after ``attente_ms`` if none has."""
    fin = time.monotonic() + attente_ms / 1000
    while True:
        cadres = [c for c in page.frames if _a_ui5(c)]
        if cadres:
            return max(cadres, key=_profondeur)
        if time.monotonic() >= fin:
            raise ErreurUI5Absente(page.url)
        page.wait_for_timeout(100)


def travail_en_attente(rejet: str) -> str:
    """The pending work named in RecordReplay.waitForUI5's rejection text (the whole text if its
    wording changes)."""
    return rejet.split(_PREAMBULE, 1)[-1].strip()


class PiloteUI5:
    """Drives the UI5 application of ``page``; every lookup and action first waits for UI5 to be
    idle (at most ``delai_ms``, polling every ``intervalle_ms``), ignoring requests whose URL matches
    one of the regular expressions ``urls_ignorees`` (a polling or a websocket fallback)."""

    def __init__(self, page: Page, delai_ms: int = 15_000, intervalle_ms: int = 400,
                 urls_ignorees: Iterable[str] = ()) -> None:
        self.page, self.delai_ms, self.intervalle_ms = page, delai_ms, intervalle_ms
        self.urls_ignorees = tuple(urls_ignorees)
        assurer_moteur(page)

    @property
    def cadre(self) -> Frame:
        """The frame of the UI5 application, found again at each call (a reload keeps no stale frame)."""
        return cadre_ui5(self.page)

    def _evaluer(self, script: str, argument: Any = None) -> Any:
        for essai in range(3):  # a navigation under way destroys the context: the next one answers
            try:
                return self.cadre.evaluate(script, argument)
            except Error as erreur:
                if "context was destroyed" not in str(erreur) or essai == 2:
                    raise
        raise AssertionError("inaccessible")  # pragma: no cover

    def attendre(self) -> None:
        """Wait until UI5 has no pending request, short timer, rendering or module load
        (RecordReplay.waitForUI5); ErreurUI5Occupee naming the pending work after ``delai_ms``."""
        options = {"timeout": self.delai_ms, "interval": self.intervalle_ms, "ignorer": list(self.urls_ignorees)}
        rejet = self._evaluer(scripts.ATTENDRE, options)
        if rejet:
            raise ErreurUI5Occupee(self.delai_ms, travail_en_attente(rejet))

    def controle(self, selecteur: Selecteur, **ajouts: Any) -> Locator:
        """The Locator of the controls ``selecteur`` matches, without waiting (for ``expect``). The
        element is the control's focus element (the ``-inner`` input of an Input) unless the
        selector says otherwise with ``interaction`` ("root", "press", {"idSuffix": "vhi"}…)."""
        return self.cadre.locator(expression(selecteur, **{"interaction": "focus", **ajouts}))

    def trouver(self, selecteur: Selecteur, **ajouts: Any) -> Locator:
        """The first control ``selecteur`` matches, once UI5 is idle and the control exists;
        ErreurControleIntrouvable naming the selector after ``delai_ms``."""
        self.attendre()
        trouve = self.controle(selecteur, **ajouts).first
        self._signaler(selecteur, ajouts, lambda: trouve.wait_for(state="attached", timeout=self.delai_ms))
        return trouve

    def _signaler(self, selecteur: Selecteur, ajouts: dict[str, Any], action: Callable[[], T]) -> T:
        """Run a Playwright action on the control; its timeout becomes a French error that says
        whether the control is missing or there but busy, disabled or behind a dialog."""
        try:
            return action()
        except DelaiDepasse:
            occupe = bool(ajouts.get("interactable")) and self.controle(selecteur).count() > 0
            raise ErreurControleIntrouvable(decrire(selecteur), self.delai_ms, occupe) from None

    def appuyer(self, selecteur: Selecteur) -> None:
        """Click the control (its press element: a button, a link, a list item, a value help icon)
        once it is interactable: visible, enabled, neither it nor an ancestor busy, not behind a
        modal dialog (OPA5's Interactable matcher)."""
        self.attendre()
        ajouts = {"interaction": "auto", "interactable": True}
        cible = self.controle(selecteur, **ajouts).first
        self._signaler(selecteur, ajouts, lambda: cible.click(timeout=self.delai_ms))

    def saisir(self, selecteur: Selecteur, texte: str, valider: bool = False) -> None:
        """Type ``texte`` into the control's input element (``-inner``), replacing its content, then
        leave the field (UI5 fires ``change`` on focus out) or press Enter when ``valider``."""
        self.attendre()
        ajouts = {"interaction": "focus", "interactable": True}
        champ = self.controle(selecteur, **ajouts).first
        self._signaler(selecteur, ajouts, lambda: champ.fill(texte, timeout=self.delai_ms))
        champ.press("Enter") if valider else champ.blur()

    def valeur(self, selecteur: Selecteur, propriete: str | None = None) -> str | None:
        """The control's value as read from UI5 (not the DOM): ``propriete`` if given, else the
        first of value, text, title, selectedKey, number, state that the control has. An empty text
        has no size, so visibility is not required (OPA5's ``visible: false``)."""
        element = self.trouver(selecteur, visible=False)
        return element.evaluate(scripts.LIRE, propriete)

    def selecteur_de(self, element: Locator) -> dict[str, Any]:
        """The control selector UI5 itself would record for ``element``
        (RecordReplay.findControlSelectorByDOMElement, view ids preferred)."""
        self.attendre()
        return element.evaluate(scripts.SELECTEUR_DE)

    def interagir(self, selecteur: Selecteur, interaction: str = "PRESS", texte: str = "") -> None:
        """Act through RecordReplay.interactWithControl (OPA5's Press / EnterText, synthetic
        events), for a control that Playwright's real events do not reach."""
        self.trouver(selecteur)
        options = {"selector": dict(selecteur), "interactionType": interaction, "enterText": texte}
        try:
            self._evaluer(scripts.INTERAGIR, options)
        except Error as erreur:
            raise ErreurUI5(f"Interaction {interaction} impossible sur {decrire(selecteur)} : {erreur.message}") from None

    def ligne(self, table: Selecteur, texte: str) -> Locator:
        """The row of a list or table (sap.m.List/Table, sap.ui.table.Table) that shows ``texte``
        in one of its cells, shown first if needed: « Plus » of a growing list pressed, a
        virtualised table scrolled (setFirstVisibleRow). ErreurLigneIntrouvable if no row has it."""
        return self.cadre.locator(f'[id="{self._chercher_ligne(table, texte)["id"]}"]')

    def choisir_ligne(self, table: Selecteur, texte: str) -> None:
        """Click the row showing ``texte`` (its row selector in a sap.ui.table.Table)."""
        trouvee = self._chercher_ligne(table, texte)
        self.cadre.locator(f'[id="{trouvee["clic"]}"]').click(timeout=self.delai_ms)
        self.attendre()

    def choisir_dans_aide(self, champ: Selecteur, texte: str) -> None:
        """Open the value help of an Input (its ``-vhi`` icon) and pick the row showing ``texte`` in
        the SelectDialog or TableSelectDialog it opens."""
        self.appuyer({"interaction": {"idSuffix": "vhi"}, **champ})
        self.choisir_ligne(LISTE_DIALOGUE, texte)

    def _chercher_ligne(self, table: Selecteur, texte: str) -> dict[str, Any]:
        self.trouver(table)
        fin, debut = time.monotonic() + self.delai_ms / 1000, True
        while True:
            etape = self._evaluer(scripts.LIGNE, {"conteneur": dict(table), "texte": texte, "debut": debut})
            if "id" in etape:
                return etape
            self._montrer_plus(table, texte, etape)
            debut = False
            self.attendre()
            if time.monotonic() > fin:
                raise ErreurLigneIntrouvable(texte, decrire(table), etape.get("lues", 0))

    def _montrer_plus(self, table: Selecteur, texte: str, etape: dict[str, Any]) -> None:
        """Carry out what a step of the row search asked for, or raise what it found."""
        if "plus" in etape:
            self.cadre.locator(f'[id="{etape["plus"]}"]').click(timeout=self.delai_ms)
        elif "defiler" in etape:
            self._evaluer(scripts.DEFILER, {"conteneur": dict(table), "premiere": etape["defiler"]})
        elif "absente" in etape:
            raise ErreurLigneIntrouvable(texte, decrire(table), etape["lues"])
        elif "inconnu" in etape:
            raise ErreurUI5(f"{decrire(table)} n'est ni une liste ni une table UI5 : {etape['inconnu']}")
        elif "introuvable" in etape:
            raise ErreurControleIntrouvable(decrire(table), self.delai_ms)
