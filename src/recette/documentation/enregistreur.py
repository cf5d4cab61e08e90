"""Recording, for the users' documentation, what each scenario does on screen
(``--recette-documenter DOSSIER``; off by default, a campaign runs unchanged without it).

Every action of the framework on a screen goes through a Playwright :class:`Locator` (the page
objects of both faces, the UI5 driver, a step acting directly) or :meth:`Page.goto`. While a
documented scenario runs, those few methods are wrapped (pytest's ``MonkeyPatch``, undone after the
scenario) so that each action is noted with the bounding box of the control acted on, read by
``locator.bounding_box()`` (after a fill, before a click, which may leave the screen). A « Quand »
step's screenshot is taken before each click and at the step's end, with the boxes of the controls
it shows; after each « Quand » and « Alors » step, a screenshot of the screen and the box of its
message (refusal or confirmation). Screenshots are :func:`recette.preuves.capturer`'s.

Texts are masked (:mod:`recette.masque`) as they are recorded; a password field's value is never
recorded. Per scenario: ``DOSSIER/<scénario>/scenario.json`` and its PNG files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as ErreurPlaywright
from playwright.sync_api import Locator, Page
from pytest_bdd.scenario import get_step_function

from recette import cible, preuves
from recette.documentation.modele import (
    CASE,
    CHOIX,
    CLIC,
    ECHOUEE,
    FICHIER,
    OUVERTURE,
    REUSSIE,
    SAISIE,
    Action,
    Boite,
    EtapeEnregistree,
    ScenarioEnregistre,
    chemin_affiche,
)
from recette.erreurs import ErreurRecette
from recette.masque import masqueur

CLE = pytest.StashKey["Enregistreur"]()
DELAI_MS = 2000  # a control that has just been acted on answers at once; never wait for long
PREFIXE_MODELE = "Mode opératoire :"
OPTIONS_CAPTURE: dict[str, Any] = {"scale": "css", "animations": "disabled", "caret": "hide"}
#: The title of the screen: its ``h1``; on a Fiori launchpad (whose ``h1`` is the shell bar's), the
#: title of the app shown (a page's bar, a dynamic page's or an object page's heading).
_ECRAN = """() => {
  const t = s => (s || '').replace(/\\s+/g, ' ').trim();
  const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
  const app = Array.from(document.querySelectorAll('.sapMPageHeader .sapMTitle, .sapFDynamicPageTitleMainHeading .sapMTitle, '
    + '.sapUxAPObjectPageHeaderTitle .sapMTitle')).find(visible);
  const h1 = document.querySelector('h1');
  const coquille = !!document.querySelector('.sapFShellBar');  // a launchpad titles its page « app · site »
  const titre = coquille ? document.title.split(' · ')[0] : document.title;
  return t(app && app.innerText) || t(h1 && !h1.closest('.sapFShellBar') ? h1.innerText : '') || t(titre);
}"""
#: What a person reads of a control: its label (or name), its group, its type, whether it is required.
#: A UI5 control acted on at its root (a sap.m.Select) is named by the label of the element inside it
#: that carries the label (its hidden combobox); a list item is an option; a panel names the group.
_DESCRIPTION = """e => {
  const t = s => (s || '').replace(/\\s+/g, ' ').replace(/\\s*\\*$/, '').trim();
  const par = (ids) => (ids || '').split(/\\s+/).map(i => document.getElementById(i)).filter(Boolean)
    .map(x => t(x.innerText)).join(' ');
  const nom = x => t(x.labels && x.labels[0] && x.labels[0].innerText) || t(x.getAttribute('aria-label'))
    || par(x.getAttribute('aria-labelledby'));
  const bouton = e.tagName === 'BUTTON' || ['submit', 'button'].includes(e.type);
  const racine = e.closest('[data-sap-ui]');
  const interne = racine && racine.querySelector(':scope > [role=combobox][aria-labelledby]');
  const option = e.closest('[role=option]');
  const libelle = nom(e) || (!option && interne ? nom(interne) : '') || t(bouton ? (e.innerText || e.value) : e.innerText)
    || t(e.getAttribute('title')) || t(e.getAttribute('placeholder'));
  const groupe = e.closest('fieldset');
  const legende = groupe && groupe.querySelector('legend');
  const panneau = e.closest('.sapMPanel');
  const titrePanneau = panneau && panneau.querySelector('.sapMPanelHeadingDiv, .sapMPanelHdr');
  const choix = e.tagName === 'SELECT' ? Array.from(e.selectedOptions).map(o => t(o.text)).join(', ') : '';
  const liste = e.tagName === 'SELECT' || e.getAttribute('role') === 'combobox'
    || !!(interne && !option);
  return {libelle, groupe: t(legende && legende.innerText) || t(groupe && groupe.getAttribute('aria-label'))
            || t(titrePanneau && titrePanneau.innerText),
          type: liste ? 'liste' : option ? 'option' : (e.type || e.tagName.toLowerCase()),
          requis: !!e.required || e.getAttribute('aria-required') === 'true'
            || !!(interne && !option && interne.getAttribute('aria-required') === 'true'), choix,
          ecran: (ECRAN)()};
}""".replace("ECRAN", _ECRAN)
#: What a fiche descriptive needs of a screen, read in one call: each visible field (label, tag, type,
#: required, the options of a list, its input mode and pattern) and each visible button.
_INVENTAIRE = """() => {
  const t = s => (s || '').replace(/\\s+/g, ' ').replace(/\\s*\\*$/, '').trim();
  const par = (ids) => (ids || '').split(/\\s+/).map(i => document.getElementById(i)).filter(Boolean)
    .map(x => t(x.innerText)).join(' ');
  const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
  const libelle = e => t(e.labels && e.labels[0] && e.labels[0].innerText) || t(e.getAttribute('aria-label'))
    || par(e.getAttribute('aria-labelledby')) || t(e.getAttribute('title')) || t(e.getAttribute('placeholder'))
    || t(e.name);
  // a UI5 list (sap.m.Select) is its root on screen, named by the hidden combobox inside it
  const liste = e => e.tagName === 'SELECT' || (e.getAttribute('role') === 'combobox' && e.tagName !== 'INPUT');
  const affiche = e => visible(e) || (liste(e) && !!e.parentElement && visible(e.parentElement));
  const champs = Array.from(document.querySelectorAll('input, select, textarea, [role=combobox]:not(input)'))
    .filter(e => affiche(e) && !['hidden', 'submit', 'button', 'reset', 'image'].includes(e.type)).slice(0, 80)
    .map(e => { const groupe = e.closest('fieldset'); const legende = groupe && groupe.querySelector('legend');
      return {libelle: libelle(e), balise: e.tagName.toLowerCase(), type: liste(e) ? 'liste' : (e.type || ''),
        requis: !!e.required || e.getAttribute('aria-required') === 'true',
        options: e.tagName === 'SELECT' ? Array.from(e.options).filter(o => o.value !== '').slice(0, 30).map(o => t(o.text)) : [],
        mode: e.getAttribute('inputmode') || '', motif: e.getAttribute('pattern') || '',
        groupe: t(legende && legende.innerText)}; });
  const boutons = Array.from(document.querySelectorAll('button, input[type=submit], input[type=button], [role=button]'))
    .filter(visible).map(e => t(e.innerText || e.value || e.getAttribute('aria-label') || e.getAttribute('title')))
    .filter(Boolean);
  return {champs, boutons: Array.from(new Set(boutons)).slice(0, 40)};
}"""
#: The message on screen: a refusal (an HTML screen's ``role=alert``; a Fiori error MessageBox, Error
#: dialog or error MessageStrip) or a confirmation (``role=status``; a Fiori MessageToast, which
#: carries ``role=alert`` but confirms), with its box on the full page.
_MESSAGE = """() => {
  const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
  const premier = selecteur => Array.from(document.querySelectorAll(selecteur)).find(visible);
  const ui5 = premier('.sapMMessageBoxError .sapMDialogSection, .sapMDialogError .sapMDialogSection, .sapMMsgStripError');
  const toast = ui5 ? null : premier('.sapMMessageToast');
  const e = ui5 || toast || premier('[role=alert], [role=status]');
  if (!e) return null;
  const r = e.getBoundingClientRect();
  return {texte: e.innerText || '', refus: !!ui5 || (!toast && e.getAttribute('role') === 'alert'),
          boite: [r.x + scrollX, r.y + scrollY, r.width, r.height]};
}"""


def ajouter_options(groupe: pytest.OptionGroup) -> None:
    groupe.addoption("--recette-documenter", dest="recette_documenter", default=None, metavar="DOSSIER",
                     help="enregistrer dans DOSSIER les actions à l'écran et leurs captures, pour la documentation "
                          "utilisateur (recette documenter)")


class Enregistreur:
    """The recording of one scenario: its steps, their actions and screenshots."""

    def __init__(self, dossier: Path, scenario: ScenarioEnregistre) -> None:
        self.dossier, self.scenario = dossier, scenario
        self.etape: EtapeEnregistree | None = None
        self.page: Page | None = None
        self._rang = 0
        self._captures = 0
        self._en_attente: list[Action] = []
        self._ouverture: Action | None = None

    def commencer(self, modele: str, parametres: dict[str, str]) -> None:
        self.etape = self.scenario.etapes[self._rang]
        self._rang += 1
        self.etape.modele, self.etape.parametres = modele, parametres

    def noter(self, locator: Locator, genre: str, valeur: str = "") -> Action | None:
        """Note an action on ``locator`` (its box measured now) in the current step."""
        if self.etape is None:
            return None
        self.page = locator.page
        self._completer_ouverture()
        boite, infos = _mesurer(locator)
        secret = infos.get("type") == "password"
        action = Action(genre, _masque(infos.get("libelle", "")), "" if secret else _masque(infos.get("choix") or valeur),
                        _masque(infos.get("groupe", "")), boite, None, str(infos.get("type", "")),
                        bool(infos.get("requis")), _masque(infos.get("ecran", "")))
        self.etape.actions.append(action)
        self._en_attente.append(action)
        return action

    def avant_clic(self, locator: Locator) -> None:
        """A click may leave the screen: the screen is captured now, with its controls boxed."""
        if self.noter(locator, CLIC) is not None:
            self._vue()

    def ouverture(self, page: Page, url: str) -> None:
        if self.etape is None or url.startswith(("about:", "data:")):  # the emptied page of a new scenario
            return
        self.page = page
        self._ouverture = Action(OUVERTURE, "", _masque(url))
        self.etape.actions.append(self._ouverture)

    def _completer_ouverture(self) -> None:
        """The screen just opened, named as the person sees it when acting on it (or at the step's
        end): a launchpad's app is shown only after its route is set, once the page is loaded."""
        action, self._ouverture = self._ouverture, None
        if action is not None and self.page is not None:
            action.libelle = action.ecran = _masque(_titre(self.page))
            action.valeur = _adresse(self.page) or action.valeur

    def _vue(self) -> None:
        """The screenshot showing the actions not yet captured (« Quand » steps only)."""
        if self.etape is None or self.etape.genre != "when" or not self._en_attente or self.page is None:
            self._en_attente.clear()
            return
        nom = self._capture("vue")
        if nom:
            for action in self._en_attente:
                action.vue = len(self.etape.vues)
            self.etape.vues.append(nom)
        self._en_attente.clear()

    def _capture(self, suffixe: str) -> str:
        self._captures += 1
        nom = f"{self._captures:02d}-{suffixe}.png"
        page = self.page
        return nom if page is not None and preuves.capturer(page, self.dossier / nom, **OPTIONS_CAPTURE) else ""

    def finir(self, statut: str, erreur: str = "", page: Page | None = None) -> None:
        """The step's end: its outcome, its last actions captured, the screen after it."""
        etape = self.etape
        if etape is None:
            return
        self.page = self.page or page
        self._completer_ouverture()
        self._vue()
        etape.statut, etape.erreur = statut, _masque(erreur)
        if etape.genre in ("when", "then") and self.page is not None:
            etape.apres = self._capture("apres")
            etape.message, etape.texte_message, etape.refus = _message(self.page)
            etape.ecran = _masque(_titre(self.page))
            etape.adresse, etape.inventaire = _adresse(self.page), _inventaire(self.page)
        self.etape = None

    def ecrire(self, statut: str) -> Path:
        self.scenario.statut = statut
        return self.scenario.ecrire(self.dossier)


def _masque(texte: str) -> str:
    return masqueur.masquer(str(texte))


def _mesurer(locator: Locator) -> tuple[Boite | None, dict[str, Any]]:
    """The control's box on the full page (viewport box plus scroll) and its description."""
    try:
        boite = locator.bounding_box(timeout=DELAI_MS)
        infos = locator.evaluate(_DESCRIPTION, timeout=DELAI_MS)
        x, y = locator.page.evaluate("() => [window.scrollX, window.scrollY]")
    except ErreurPlaywright:  # gone, hidden or ambiguous: the action is noted without its box
        return None, {}
    if boite is None:
        return None, infos
    return Boite(boite["x"] + x, boite["y"] + y, boite["width"], boite["height"]), infos


def _titre(page: Page) -> str:
    try:
        return str(page.evaluate(_ECRAN))
    except ErreurPlaywright:
        return ""


def _message(page: Page) -> tuple[Boite | None, str, bool]:
    """The message the screen shows, if any: its box, its text (masked), whether it is a refusal."""
    try:
        trouve = page.evaluate(_MESSAGE)
    except ErreurPlaywright:
        return None, "", False
    if not trouve:
        return None, "", False
    x, y, largeur, hauteur = trouve["boite"]
    return Boite(x, y, largeur, hauteur), _masque(" ".join(trouve["texte"].split())), bool(trouve["refus"])


def _adresse(page: Page) -> str:
    """The screen's address without its host nor its query (``/engagements/nouveau``, or a Fiori app's
    ``/fiori#/EngagementJuridique-gerer/nouveau``)."""
    return _masque(chemin_affiche(page.url)) if not page.url.startswith(("about:", "data:")) else ""


def _inventaire(page: Page) -> dict[str, Any]:
    """The fields and buttons of the screen (masked; a field's value is never read)."""
    try:
        brut = page.evaluate(_INVENTAIRE)
    except ErreurPlaywright:
        return {}
    champs = [{**c, "libelle": _masque(c.get("libelle", "")), "options": [_masque(o) for o in c.get("options", [])]}
              for c in brut.get("champs", [])]
    return {"champs": champs, "boutons": [_masque(b) for b in brut.get("boutons", [])]}


# --- Interception of the actions --------------------------------------------------------------------
def _valeur(genre: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    valeur = args[0] if args else kwargs.get("value", kwargs.get("files", ""))
    if genre == FICHIER:
        fichiers = valeur if isinstance(valeur, list | tuple) else [valeur]
        return ", ".join(Path(str(getattr(f, "name", f))).name for f in fichiers)
    return "" if valeur is None or genre == CASE else str(valeur)


def intercepter(patch: pytest.MonkeyPatch, enregistreur: Enregistreur) -> None:
    """Wrap the Locator actions and Page.goto for the duration of a scenario."""
    for nom, genre in (("fill", SAISIE), ("select_option", CHOIX), ("check", CASE), ("set_input_files", FICHIER)):
        patch.setattr(Locator, nom, _apres(getattr(Locator, nom), genre, enregistreur))
    clic = Locator.click

    def cliquer(self: Locator, *args: Any, **kwargs: Any) -> None:
        enregistreur.avant_clic(self)
        clic(self, *args, **kwargs)

    aller = Page.goto

    def ouvrir(self: Page, url: str, **kwargs: Any) -> Any:
        reponse = aller(self, url, **kwargs)
        enregistreur.ouverture(self, url)
        return reponse

    patch.setattr(Locator, "click", cliquer)
    patch.setattr(Page, "goto", ouvrir)


def _apres(origine: Any, genre: str, enregistreur: Enregistreur) -> Any:
    def action(self: Locator, *args: Any, **kwargs: Any) -> Any:
        resultat = origine(self, *args, **kwargs)
        enregistreur.noter(self, genre, _valeur(genre, args, kwargs))
        return resultat
    return action


# --- pytest-bdd hooks ---------------------------------------------------------------------------------
def _parametres(request: pytest.FixtureRequest, step: Any) -> dict[str, str]:
    """The step's parameters as written in its sentence (``120 000,00 €``, not a Decimal)."""
    contexte = get_step_function(request, step)
    analyseur = getattr(getattr(contexte, "parser", None), "_forme", None) or getattr(
        getattr(contexte, "parser", None), "parser", None)
    try:
        resultat = analyseur.parse(step.name) if analyseur is not None else None
    except (ValueError, TypeError, ErreurRecette):  # a malformed value: the step itself will say so
        return {}
    spans = getattr(resultat, "spans", {}) if resultat is not None else {}
    return {str(nom): _masque(step.name[debut:fin]) for nom, (debut, fin) in spans.items() if isinstance(nom, str)}


def modele_de(fonction: Any) -> str:
    """The « Mode opératoire : » line of a step definition's docstring ("" when it has none)."""
    for ligne in (getattr(fonction, "__doc__", None) or "").splitlines():
        if ligne.strip().startswith(PREFIXE_MODELE):
            return ligne.strip()[len(PREFIXE_MODELE):].strip()
    return ""


def _scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> ScenarioEnregistre:
    env = request.config.stash.get(cible.CLE_ENVIRONNEMENT, None)
    exemple = request.getfixturevalue("_pytest_bdd_example") if "_pytest_bdd_example" in request.fixturenames else {}
    callspec = getattr(request.node, "callspec", None)
    rang = callspec.indices.get("_pytest_bdd_example", 0) if callspec is not None else 0
    etapes = [EtapeEnregistree(s.type, s.keyword.strip(), _masque(s.name), s.background is not None,
                               tableau=[[_masque(c.value) for c in r.cells] for r in s.datatable.rows] if s.datatable else [])
              for s in scenario.steps]
    return ScenarioEnregistre(feature.rel_filename, feature.name, feature.description or "", sorted(feature.tags),
                              scenario.name, scenario.line_number, sorted(scenario.tags),
                              {str(k): _masque(str(v)) for k, v in dict(exemple or {}).items()}, rang,
                              environnement=env.nom if env else "", release=(env.release or "") if env else "",
                              etapes=etapes)


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    racine = request.config.option.recette_documenter
    if not racine:
        return
    dossier = Path(racine) / nom_du_dossier(request.node.nodeid)
    dossier.mkdir(parents=True, exist_ok=True)
    for ancien in dossier.glob("*.png"):  # a rerun replaces the recording
        ancien.unlink()
    enregistreur = Enregistreur(dossier, _scenario(request, feature, scenario))
    patch = pytest.MonkeyPatch()
    intercepter(patch, enregistreur)
    request.node.stash[CLE] = enregistreur
    request.node.stash[_CLE_PATCH] = patch


_CLE_PATCH = pytest.StashKey[pytest.MonkeyPatch]()


def pytest_bdd_before_step(request: pytest.FixtureRequest, step: Any, step_func: Any, **_: Any) -> None:
    enregistreur = request.node.stash.get(CLE, None)
    if enregistreur is not None:
        enregistreur.commencer(modele_de(step_func), _parametres(request, step))


def nom_du_dossier(nodeid: str) -> str:
    """The scenario's folder: readable, and unique even for the examples of an outline."""
    return f"{preuves.nom_de_fichier(nodeid)[:60]}-{hashlib.sha1(nodeid.encode()).hexdigest()[:8]}"


def _page_du_scenario(request: pytest.FixtureRequest) -> Page | None:
    return request.getfixturevalue("ecran") if "ecran" in request.fixturenames else None


def pytest_bdd_after_step(request: pytest.FixtureRequest, **_: Any) -> None:
    enregistreur = request.node.stash.get(CLE, None)
    if enregistreur is not None:
        enregistreur.finir(REUSSIE, page=_page_du_scenario(request))


def pytest_bdd_step_error(request: pytest.FixtureRequest, exception: BaseException, **_: Any) -> None:
    enregistreur = request.node.stash.get(CLE, None)
    if enregistreur is not None:
        enregistreur.finir(ECHOUEE, _resume(exception), page=_page_du_scenario(request))


def pytest_bdd_step_func_lookup_error(request: pytest.FixtureRequest, step: Any, **_: Any) -> None:
    enregistreur = request.node.stash.get(CLE, None)
    if enregistreur is not None:
        enregistreur.commencer("", {})
        enregistreur.finir(ECHOUEE, f"Étape non implémentée : aucune définition pour « {step.name} »")


def pytest_bdd_after_scenario(request: pytest.FixtureRequest, scenario: Any) -> None:
    enregistreur = request.node.stash.get(CLE, None)
    patch = request.node.stash.get(_CLE_PATCH, None)
    if patch is not None:
        patch.undo()
    if enregistreur is not None:
        echec = any(e.statut == ECHOUEE for e in enregistreur.scenario.etapes)
        enregistreur.ecrire(ECHOUEE if echec else REUSSIE)


def _resume(exception: BaseException) -> str:
    """The failure as a person reads it: the first lines of its message, without Playwright's call log."""
    texte = str(exception).split("Call log:")[0].strip() or type(exception).__name__
    return "\n".join(texte.splitlines()[:6])
