"""The recorder of ``recette enregistrer``: a tester clicks and types in any UI5 application, and
each press or text entry is printed as it happens as the control selector UI5 itself records
(RecordReplay.findControlSelectorByDOMElement, as PiloteUI5.selecteur_de), the page-object line
that replays it, and the closest « Quand » sentence of the step catalogue, if one is close enough.

The listener is an init script of the browser context (so every frame has it, the application
inside a launchpad iframe included) that reports through a context binding; the selector is
computed in the page, while the control still exists, and reports keep the order of the events.
"""

from __future__ import annotations

import argparse
import json
import keyword
import os
import re
import sys
import time
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from playwright.sync_api import BrowserContext, Error, Page, Playwright, sync_playwright

from recette.erreurs import ErreurRecette
from recette.ui5.erreurs import ErreurUI5
from recette.ui5.moteur import enregistrer_moteur
from recette.ui5.pilote import cadre_ui5

LIAISON = "__recetteEnregistrer"
#: A catalogue sentence is proposed when it holds at least this share of the control's words.
SEUIL = 2 / 3
AUCUNE = "aucune phrase du catalogue ne correspond"
SAISIE = "aucune phrase pour une saisie : sa valeur entre dans la phrase de l'appui qui la valide"
# Controls whose recorded selector names a row by its place in the data (« /lignes/2 »).
_LIGNES = ("sap.m.ColumnListItem", "sap.m.StandardListItem", "sap.m.CustomListItem",
           "sap.m.ObjectListItem", "sap.ui.table.Table", "sap.ui.table.Row")

# Installed in every frame before its scripts run; UI5 is looked for only when an event comes.
# A click in a text field only focuses it (its entry is reported by ``change``); a click inside
# the control's focus element (the text of a button) is recorded on that element, and an
# interaction suffix pointing at it is dropped, since PiloteUI5 targets it by default.
ECOUTEUR = """(() => {
  if (window.__recetteEcoute) return;
  window.__recetteEcoute = true;
  let file = Promise.resolve();
  const TEXTES = new Set(["", "text", "search", "email", "number", "password", "tel", "url"]);
  const estSaisie = (el) => el.tagName === "TEXTAREA" || el.isContentEditable
    || (el.tagName === "INPUT" && TEXTES.has((el.getAttribute("type") || "").toLowerCase()));
  const ui5 = () => !!(window.sap && window.sap.ui && window.sap.ui.require);
  const charger = (noms) => new Promise((ok, ko) => sap.ui.require(noms, (...m) => ok(m), ko));
  const libelle = (c, UI5Element, LE) => {
    const lire = (n) => (typeof c[n] === "function" ? String(c[n]() || "") : "");
    const libelles = () => LE.getReferencingLabels(c).map((id) => UI5Element.getElementById(id))
      .filter((l) => l && typeof l.getText === "function").map((l) => l.getText()).join(" ");
    return lire("getText") || lire("getTitle") || libelles() || lire("getPlaceholder")
      || lire("getTooltip_AsString");
  };
  const decrire = async (el, nature, texte, secret) => {
    const [RR, UI5Element, LE] = await charger(
      ["sap/ui/test/RecordReplay", "sap/ui/core/Element", "sap/ui/core/LabelEnablement"]);
    const c = UI5Element.closestTo(el);
    if (!c) return null;
    const focus = c.getFocusDomRef();
    const cible = focus && focus !== el && focus.contains(el) ? focus : el;
    const selecteur = await RR.findControlSelectorByDOMElement(
      {domElement: cible, settings: {preferViewId: true}});
    if (cible === focus) delete selecteur.interaction;
    return {nature, selecteur, texte, secret, libelle: libelle(c, UI5Element, LE).trim(),
            type: c.getMetadata().getName(), id: c.getId()};
  };
  const envoyer = (calcul) => {
    file = file.then(() => calcul).then((d) => d && window.__LIAISON__(d))
      .catch((e) => window.__LIAISON__({erreur: String((e && e.message) || e)}));
  };
  document.addEventListener("click", (e) => {
    const el = e.target;
    if (ui5() && el instanceof Element && !estSaisie(el)) envoyer(decrire(el, "appuyer", null, false));
  }, true);
  document.addEventListener("change", (e) => {
    const el = e.target;
    if (!ui5() || !(el instanceof Element) || !estSaisie(el)) return;
    const secret = el.type === "password";
    envoyer(decrire(el, "saisir", secret ? null : el.value, secret));
  }, true);
})();""".replace("__LIAISON__", LIAISON)


class ErreurAdresse(ErreurUI5):
    """The URL to record on is malformed, unreachable or answers an HTTP error."""

    def __init__(self, url: str, raison: str) -> None:
        self.url, self.raison = url, raison
        super().__init__(f"Adresse injoignable : {url} ({raison})")


@dataclass(frozen=True)
class Action:
    """One recorded press (``appuyer``) or text entry (``saisir``) on a UI5 control."""

    nature: str
    selecteur: dict[str, Any]
    libelle: str = ""  # the control's text, title or label, as the tester reads it
    type_controle: str = ""
    texte: str | None = None  # the text typed; None for a press or a password
    secret: bool = False
    id_controle: str = ""

    @property
    def ligne_python(self) -> str:
        """The PiloteUI5 call that replays the action."""
        if self.nature == "appuyer":
            return f"self.pilote.appuyer({python(self.selecteur)})"
        valeur = "mot_de_passe" if self.secret else python(self.texte or "")
        return f"self.pilote.saisir({python(self.selecteur)}, {valeur})"

    @property
    def remarque(self) -> str:
        """A warning for a row recorded by its place, which changes with the data."""
        if self.type_controle not in _LIGNES:
            return ""
        return ("une ligne enregistrée par sa position change avec les données : préférer "
                "self.pilote.choisir_ligne(<sélecteur de la table>, \"<texte de la ligne>\")")

    @property
    def titre(self) -> str:
        controle = f"{self.type_controle or 'contrôle'}" + (f" « {self.libelle} »" if self.libelle else "")
        if self.nature == "appuyer":
            return f"Appui sur {controle}"
        return f"Saisie « {'********' if self.secret else self.texte} » dans {controle}"


def action_de(donnees: dict[str, Any]) -> Action:
    """The Action of a report of the page's listener."""
    return Action(donnees["nature"], donnees["selecteur"], donnees.get("libelle") or "",
                  donnees.get("type") or "", donnees.get("texte"), bool(donnees.get("secret")),
                  donnees.get("id") or "")


def python(valeur: Any) -> str:
    """A selector (JSON values) as a Python literal: ``True`` and ``None``, not ``true``, ``null``."""
    if isinstance(valeur, dict):
        return "{" + ", ".join(f"{python(k)}: {python(v)}" for k, v in valeur.items()) + "}"
    if isinstance(valeur, list):
        return "[" + ", ".join(python(v) for v in valeur) + "]"
    if isinstance(valeur, str):
        return json.dumps(valeur, ensure_ascii=False)  # a JSON string is a valid Python literal
    return repr(valeur)


# ---------------------------------------------------------------------------------------------
# The closest catalogue sentence


class _DefinitionCatalogue(Protocol):
    """What the recorder reads of a ``recette.outils.definitions.Definition``."""

    @property
    def type(self) -> str | None: ...
    @property
    def mot_cle(self) -> str: ...
    @property
    def gabarit(self) -> str: ...
    @property
    def exemple(self) -> str: ...
    @property
    def lieu(self) -> str: ...


@dataclass(frozen=True)
class PhraseCatalogue:
    """A « Quand » sentence of the catalogue, as the recorder compares and shows it."""

    gabarit: str  # « je retire cet engagement », parameters as {nom}
    exemple: str = ""  # with its keyword: « Quand je retire cet engagement »
    lieu: str = ""  # steps/budget.py:291
    mot_cle: str = "Quand"

    @property
    def ligne(self) -> str:
        return self.exemple or f"{self.mot_cle} {self.gabarit}"


def phrases_quand(definitions: Iterable[_DefinitionCatalogue]) -> list[PhraseCatalogue]:
    """The « Quand » sentences of ``recette.outils.definitions.charger``'s definitions."""
    return [PhraseCatalogue(d.gabarit, d.exemple, d.lieu, d.mot_cle)
            for d in definitions if d.type in ("when", None)]


_VIDES = frozenset({
    "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "en", "et", "j",
    "je", "l", "la", "le", "les", "m", "ma", "me", "mes", "mon", "n", "ne", "ou", "par", "pour", "qu",
    "que", "qui", "s", "sa", "se", "ses", "son", "sur", "un", "une", "vers", "y",
})
# Words of a dialog's own buttons, which name no business action: never compared.
_GENERIQUES = frozenset({"annuler", "fermer", "non", "ok", "oui", "retour"})


def _sans_accents(texte: str) -> str:
    return unicodedata.normalize("NFKD", texte.casefold()).encode("ascii", "ignore").decode()


def _forme(mot: str) -> str:
    """``Créer`` → ``creer``; ``y`` read as ``i`` (payer / paie)."""
    return _sans_accents(mot).replace("y", "i")


def mots(texte: str) -> list[str]:
    """The meaningful words of ``texte`` (no article, preposition or pronoun; no number)."""
    return [m for m in re.findall(r"[^\W\d_]+", texte.casefold()) if _sans_accents(m) not in _VIDES]


def meme_mot(a: str, b: str) -> bool:
    """Same word but for its ending: they share all letters but the last two of the longer one
    (engager / engage, créer / crée, ouvrir / ouvre, réduire / réduis)."""
    x, y = _forme(a), _forme(b)
    commun = len(os.path.commonprefix([x, y]))
    return x == y or (commun >= 3 and commun >= max(len(x), len(y)) - 2)


@dataclass(frozen=True)
class Suggestion:
    """A catalogue sentence close to a control's words: ``retrouves`` are the control's words
    the sentence (or its example) holds, ``couverture`` the share of the sentence's own words
    they account for (a shorter sentence wins a tie)."""

    phrase: PhraseCatalogue
    retrouves: tuple[str, ...]
    mots_controle: int
    couverture: float

    @property
    def score(self) -> float:
        return len(self.retrouves) / self.mots_controle

    @property
    def explication(self) -> str:
        lieu = f", {self.phrase.lieu}" if self.phrase.lieu else ""
        return (f"phrase « {self.phrase.gabarit} »{lieu} ; mots retrouvés : {', '.join(self.retrouves)} "
                f"({len(self.retrouves)} sur {self.mots_controle})")


def _sans_emplacements(gabarit: str) -> str:
    return re.sub(r"\{\w+\}", " ", gabarit)


def _rapprocher(controle: list[str], phrase: PhraseCatalogue) -> Suggestion:
    propres = mots(_sans_emplacements(phrase.gabarit))
    tous = propres + mots(phrase.exemple.split(" ", 1)[-1])
    retrouves = tuple(m for m in controle if any(meme_mot(m, p) for p in tous))
    couverts = [p for p in propres if any(meme_mot(m, p) for m in controle)]
    return Suggestion(phrase, retrouves, len(controle), len(couverts) / max(len(propres), 1))


def suggerer(libelle: str, phrases: Sequence[PhraseCatalogue], seuil: float = SEUIL) -> Suggestion | None:
    """The catalogue sentence closest to a control's text or label: the one holding the largest
    share of its words (at least ``seuil``), then the one those words cover best, then the first
    in catalogue order. None when no sentence holds enough of them."""
    controle = list(dict.fromkeys(m for m in mots(libelle) if _sans_accents(m) not in _GENERIQUES))
    if not controle:
        return None
    proches = [s for s in (_rapprocher(controle, p) for p in phrases) if s.score >= seuil]
    return max(proches, key=lambda s: (s.score, s.couverture), default=None)


# ---------------------------------------------------------------------------------------------
# What is printed for each action, and the page-object skeleton


def rendre(numero: int, action: Action, suggestion: Suggestion | None) -> list[str]:
    """The lines printed for one recorded action."""
    gherkin = f"{suggestion.phrase.ligne}   ({suggestion.explication})" if suggestion else AUCUNE
    if action.nature == "saisir":
        gherkin = SAISIE
    lignes = [f"[{numero}] {action.titre}",
              f"    Sélecteur UI5 : {json.dumps(action.selecteur, ensure_ascii=False)}",
              f"    Page object   : {action.ligne_python}",
              f"    Gherkin       : {gherkin}"]
    return lignes + ([f"    Remarque      : {action.remarque}"] if action.remarque else [])


def nom_python(texte: str, defaut: str) -> str:
    """``Créer la fiche`` → ``creer_la_fiche``; ``defaut`` when nothing is left of it."""
    nom = re.sub(r"[^a-z0-9]+", "_", _sans_accents(texte)).strip("_")
    if not nom:
        return defaut
    if nom[0].isdigit():
        nom = f"{defaut}_{nom}"
    return f"{nom}_" if keyword.iskeyword(nom) else nom


def sequences(actions: Sequence[Action]) -> list[list[Action]]:
    """The actions cut after each press: the entries of a form and the press that submits them."""
    decoupe: list[list[Action]] = [[]]
    for action in actions:
        decoupe[-1].append(action)
        if action.nature == "appuyer":
            decoupe.append([])
    return [s for s in decoupe if s]


def _unique(nom: str, pris: set[str]) -> str:
    candidat, rang = nom, 2
    while candidat in pris:
        candidat, rang = f"{nom}_{rang}", rang + 1
    pris.add(candidat)
    return candidat


def _methode(sequence: list[Action], rang: int, noms: set[str]) -> list[str]:
    derniere = sequence[-1]
    defaut = f"sequence_{rang}"
    nom = _unique(nom_python(derniere.libelle, defaut) if derniere.nature == "appuyer" else defaut, noms)
    parametres: set[str] = {"self"}
    signature, corps, resume = ["self"], [], []
    for action in sequence:
        if action.nature == "appuyer":
            corps.append(action.ligne_python)
            resume.append(f"press « {action.libelle or action.type_controle} »")
            continue
        variable = _unique(nom_python(action.libelle, "texte") if not action.secret else "mot_de_passe", parametres)
        signature.append(f"{variable}: str" if action.secret else f"{variable}: str = {python(action.texte or '')}")
        corps.append(f"self.pilote.saisir({python(action.selecteur)}, {variable})")
        resume.append(f"enter « {action.libelle or action.type_controle} »")
    return [f"    def {nom}({', '.join(signature)}) -> None:",
            f'        """Recorded: {", ".join(resume)}."""',
            *(f"        {ligne}" for ligne in corps), ""]


def nom_de_classe(sortie: Path | None) -> str:
    """``pages/page_engagement.py`` → ``PageEngagement``; ``PageEnregistree`` without a file."""
    mots_nom = re.findall(r"[a-z0-9]+", _sans_accents(sortie.stem)) if sortie else []
    nom = "".join(m.capitalize() for m in mots_nom)
    if not nom or nom[0].isdigit():
        return "PageEnregistree"
    return nom if nom.startswith("Page") else f"Page{nom}"


def squelette(actions: Sequence[Action], classe: str = "PageEnregistree", url: str = "") -> str:
    """A Python page object: a class driving the application with PiloteUI5, one method per
    recorded sequence (the entries then the press), the typed texts as parameters whose default
    is the recorded value (a password is a parameter without default)."""
    noms: set[str] = {"__init__"}
    methodes = [ligne for rang, s in enumerate(sequences(actions), 1) for ligne in _methode(s, rang, noms)]
    return "\n".join([
        f'"""Page object recorded by « recette enregistrer »{f" on {url}" if url else ""}."""', "",
        "from __future__ import annotations", "", "from playwright.sync_api import Page", "",
        "from recette.ui5 import PiloteUI5", "", "",
        f"class {classe}:",
        '    """The recorded UI5 application; rename the class and its methods after what they do."""', "",
        "    def __init__(self, page: Page) -> None:",
        "        self.pilote = PiloteUI5(page)", "",
        *methodes]).rstrip() + "\n"


# ---------------------------------------------------------------------------------------------
# The recording session


@dataclass
class Enregistreur:
    """Receives the listener's reports, keeps the actions and prints each one with ``ecrire``."""

    phrases: Sequence[PhraseCatalogue] = ()
    ecrire: Callable[[str], None] = print
    actions: list[Action] = field(default_factory=list)

    def brancher(self, contexte: BrowserContext) -> None:
        """Listen in every frame of every page of ``contexte`` (before any navigation)."""
        contexte.expose_binding(LIAISON, self._recevoir)
        contexte.add_init_script(ECOUTEUR)

    def _recevoir(self, _source: Any, donnees: dict[str, Any]) -> None:
        if "erreur" in donnees:
            self.ecrire(f"[!] Action non enregistrée : UI5 n'a pas donné de sélecteur ({donnees['erreur']})")
            return
        action = action_de(donnees)
        self.actions.append(action)
        suggestion = suggerer(action.libelle, self.phrases) if action.nature == "appuyer" else None
        for ligne in rendre(len(self.actions), action, suggestion):
            self.ecrire(ligne)

    def attendre_actions(self, page: Page, nombre: int, delai_ms: int = 10_000) -> list[Action]:
        """The actions once at least ``nombre`` were reported (the reports arrive while Playwright
        waits); ErreurUI5 after ``delai_ms``."""
        fin = time.monotonic() + delai_ms / 1000
        while len(self.actions) < nombre:
            if time.monotonic() > fin:
                raise ErreurUI5(f"{nombre} action(s) attendue(s), {len(self.actions)} enregistrée(s) "
                                f"en {delai_ms / 1000:g} s")
            page.wait_for_timeout(50)
        return list(self.actions)

    def attendre_fin(self, page: Page, duree: float | None = None) -> None:
        """Record until the page (or the browser) is closed, or for ``duree`` seconds."""
        fin = None if duree is None else time.monotonic() + duree
        while not page.is_closed() and (fin is None or time.monotonic() < fin):
            try:
                page.wait_for_timeout(100)
            except Error:  # the tester closed the window meanwhile
                return


def verifier_adresse(url: str) -> None:
    """ErreurAdresse unless ``url`` is an absolute http(s) or file URL."""
    morceaux = urllib.parse.urlsplit(url)
    if morceaux.scheme not in ("http", "https", "file") or not (morceaux.netloc or morceaux.scheme == "file"):
        raise ErreurAdresse(url, "adresse invalide : attendu http://… ou https://…")


def _aller(page: Page, url: str) -> None:
    try:
        reponse = page.goto(url, wait_until="load")
    except Error as erreur:
        raison = erreur.message.splitlines()[0].removeprefix("Page.goto: ").split(" at ", 1)[0]
        raise ErreurAdresse(url, raison) from None
    if reponse is not None and reponse.status >= 400:
        raise ErreurAdresse(url, f"réponse HTTP {reponse.status} {reponse.status_text}".strip())


def _lancer(playwright: Playwright, fenetre: bool) -> Any:
    from recette.navigateur import DRAPEAUX, chemin_chromium

    chemin = chemin_chromium(sans_fenetre=not fenetre)
    try:
        return playwright.chromium.launch(headless=not fenetre, args=DRAPEAUX, executable_path=chemin)
    except Error as erreur:
        conseil = " ; sans écran, utiliser --sans-fenetre" if fenetre else ""
        raise ErreurUI5(f"Impossible de lancer Chromium : {erreur.message.splitlines()[0]}{conseil}") from None


@contextmanager
def session_d_enregistrement(url: str, enregistreur: Enregistreur, fenetre: bool = False,
                             attente_ui5_ms: int = 5000) -> Iterator[Page]:
    """Open ``url`` in Chromium (a window when ``fenetre``) with ``enregistreur`` listening, and
    yield the page once UI5 is there (ErreurUI5Absente after ``attente_ui5_ms``); the browser is
    closed on exit. ErreurAdresse for a malformed or unreachable URL."""
    verifier_adresse(url)
    with sync_playwright() as playwright:
        enregistrer_moteur(playwright)
        navigateur = _lancer(playwright, fenetre)
        try:
            reglages = {"no_viewport": True} if fenetre else {"viewport": {"width": 1280, "height": 900}}
            contexte = navigateur.new_context(locale="fr-FR", **reglages)
            enregistreur.brancher(contexte)
            page = contexte.new_page()
            _aller(page, url)
            cadre_ui5(page, attente_ui5_ms)
            yield page
        finally:
            with suppress(Error):
                navigateur.close()


# ---------------------------------------------------------------------------------------------
# The command line


def ajouter_options(analyseur: argparse.ArgumentParser) -> None:
    analyseur.add_argument("--url", required=True, help="adresse de l'application UI5 (Fiori) à ouvrir")
    analyseur.add_argument("--sortie", type=Path, metavar="FICHIER",
                           help="écrire aussi un squelette de page object Python dans FICHIER")
    analyseur.add_argument("--sans-fenetre", action="store_true",
                           help="navigateur sans fenêtre (intégration continue, essais)")
    analyseur.add_argument("--duree", type=float, metavar="S",
                           help="arrêter après S secondes (défaut : à la fermeture de la fenêtre ou Ctrl-C)")
    analyseur.add_argument("--attente-ui5", type=float, default=5.0, metavar="S",
                           help="délai pour qu'UI5 apparaisse dans la page, le temps de se connecter "
                                "(défaut : 5)")


def _catalogue(racine: Path, ecrire: Callable[[str], None]) -> list[PhraseCatalogue]:
    from recette.outils.definitions import charger

    try:
        phrases = phrases_quand(charger(racine))
    except ErreurRecette as exc:
        ecrire(f"Catalogue des phrases indisponible ({exc}) : aucune phrase Gherkin ne sera proposée")
        return []
    ecrire(f"Catalogue : {len(phrases)} phrases « Quand » comparées au texte des contrôles")
    return phrases


def executer(options: argparse.Namespace, ecrire: Callable[[str], None] | None = None) -> int:
    """``recette enregistrer``: 0 once recorded, 2 if the URL or its UI5 cannot be reached."""
    ecrire = ecrire or (lambda ligne: print(ligne, flush=True))
    enregistreur = Enregistreur(_catalogue(Path.cwd(), ecrire), ecrire)
    try:
        _enregistrer(options, enregistreur, ecrire)
    except ErreurRecette as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    ecrire(f"{len(enregistreur.actions)} action(s) enregistrée(s).")
    if options.sortie:
        options.sortie.parent.mkdir(parents=True, exist_ok=True)
        texte = squelette(enregistreur.actions, nom_de_classe(options.sortie), options.url)
        options.sortie.write_text(texte, encoding="utf-8")
        ecrire(f"Page object écrit dans {options.sortie}")
    return 0


def _enregistrer(options: argparse.Namespace, enregistreur: Enregistreur, ecrire: Callable[[str], None]) -> None:
    attente = int(options.attente_ui5 * 1000)
    with session_d_enregistrement(options.url, enregistreur, not options.sans_fenetre, attente) as page:
        fin = f"pendant {options.duree:g} s" if options.duree is not None else "jusqu'à la fermeture de la fenêtre (ou Ctrl-C)"
        ecrire(f"Enregistrement sur {options.url} {fin} : chaque appui et chaque saisie s'affichent ici.")
        try:
            enregistreur.attendre_fin(page, options.duree)
        except KeyboardInterrupt:
            ecrire("Enregistrement interrompu (Ctrl-C).")
