"""Feature files read without running them, through the Gherkin parser pytest-bdd ships.

Unlike :class:`pytest_bdd.parser.FeatureParser`, nothing is merged: two scenarios with the same
name stay two scenarios (pytest-bdd keeps the last one only), and every syntax error of a file
is reported in French with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gherkin.errors import CompositeParserException, ParserError
from gherkin.parser import Parser
from gherkin.token_matcher import TokenMatcher
from pytest_bdd import exceptions
from pytest_bdd.gherkin_parser import Background, GherkinDocument, Rule, Scenario
from pytest_bdd.gherkin_parser import Step as EtapeGherkin
from pytest_bdd.parser import FeatureParser, render_string

from recette.erreurs import ErreurRecette
from recette.selection import _relatif

LANGUE = "fr"
_ENTETE_LANGUE = "« # language: fr »"
#: Gherkin's token names in the parser's messages, as a tester knows them.
_JETONS = {
    "#EOF": "fin du fichier", "#Language": _ENTETE_LANGUE, "#TagLine": "des étiquettes",
    "#FeatureLine": "« Fonctionnalité: »", "#BackgroundLine": "« Contexte: »", "#ScenarioLine": "« Scénario: »",
    "#RuleLine": "« Règle: »", "#ExamplesLine": "« Exemples: »", "#StepLine": "une étape",
    "#TableRow": "une ligne de tableau", "#DocStringSeparator": "« \"\"\" »", "#Other": "une description",
}
_ATTENDU = re.compile(r"expected: (?P<attendu>.*?)(?:, got '(?P<recu>.*)')?$")


class ErreurOutil(ErreurRecette):
    """A tool cannot run (missing path, unreadable step module): one French sentence, exit code 2."""


@dataclass(frozen=True, order=True)
class Probleme:
    """One finding, printed ``fichier:ligne: message``."""

    fichier: str
    ligne: int
    message: str

    def __str__(self) -> str:
        return f"{self.fichier}:{self.ligne}: {self.message}"


class ErreurSyntaxe(ErreurRecette):
    """A feature file that cannot be read: its problems, each with its line."""

    def __init__(self, problemes: list[Probleme]) -> None:
        self.problemes = problemes
        super().__init__("\n".join(map(str, problemes)))


@dataclass(frozen=True)
class EtapeLue:
    type: str  # given / when / then (``Et`` and ``Mais`` take the previous one's)
    mot_cle: str  # as written: « Étant donné », « Et »…
    texte: str
    ligne: int


@dataclass(frozen=True)
class Exemple:
    """One row of an outline's ``Exemples`` table."""

    ligne: int
    valeurs: dict[str, str]
    etiquettes: frozenset[str]


@dataclass(frozen=True)
class ScenarioLu:
    fichier: str
    nom: str
    ligne: int
    etiquettes: frozenset[str]  # the feature's, the rule's and its own (without « @ »)
    etapes: tuple[EtapeLue, ...]  # background steps first, as pytest-bdd runs them
    exemples: tuple[Exemple, ...] = ()
    colonnes: frozenset[str] = frozenset()  # the outline's parameters (every Exemples header)

    def rendus(self) -> Iterator[tuple[EtapeLue, int]]:
        """Each step as it runs, with the line to point at: the example row's when it has
        ``<parametres>``, the step's otherwise (once per step)."""
        for etape in self.etapes:
            if not self.exemples or "<" not in etape.texte:
                yield etape, etape.ligne
                continue
            for exemple in self.exemples:
                texte = render_string(etape.texte, exemple.valeurs)
                yield EtapeLue(etape.type, etape.mot_cle, texte, etape.ligne), exemple.ligne

    def etiquettes_par_exemple(self) -> list[frozenset[str]]:
        """The tags each test of the scenario gets (one per example row, or one)."""
        return [self.etiquettes | e.etiquettes for e in self.exemples] or [self.etiquettes]


@dataclass
class FonctionnaliteLue:
    fichier: str
    nom: str
    scenarios: list[ScenarioLu] = field(default_factory=list)


def lister(chemins: Iterable[str | Path]) -> list[Path]:
    """``.feature`` files of ``chemins`` (folders walked, sorted); a missing path is an error."""
    fichiers: list[Path] = []
    for chemin in map(Path, chemins):
        if chemin.is_dir():
            fichiers += sorted(chemin.rglob("*.feature"))
        elif chemin.is_file():
            fichiers.append(chemin)
        else:
            raise ErreurOutil(f"chemin introuvable : {chemin}")
    return list(dict.fromkeys(fichiers))


def afficher(chemin: Path, racine: Path) -> str:
    """How a file is named in a message: relative to the project root when inside it."""
    return _relatif(chemin, racine)


def lire(chemins: Sequence[Path], racine: Path) -> tuple[list[FonctionnaliteLue], list[Probleme]]:
    """Every readable feature of ``chemins``, and the syntax problems of the others."""
    lues, problemes = [], []
    for chemin in chemins:
        try:
            lues.append(lire_fonctionnalite(chemin, racine))
        except ErreurSyntaxe as exc:
            problemes += exc.problemes
    return lues, problemes


def lire_fonctionnalite(chemin: Path, racine: Path) -> FonctionnaliteLue:
    nom = afficher(chemin, racine)
    document = _document(chemin, nom)
    feature = document.feature
    if feature.language != LANGUE:
        raise ErreurSyntaxe([Probleme(nom, 1, f"langue « {feature.language} » : les scénarios s'écrivent en "
                                               f"français ({_ENTETE_LANGUE} en tête du fichier)")])
    lue = FonctionnaliteLue(nom, feature.name)
    lecteur = _LecteurEtapes(chemin, nom)
    etiquettes = _noms(feature.tags)
    fond: tuple[EtapeLue, ...] = ()
    for enfant in feature.children:
        if enfant.background:
            fond = lecteur.etapes(enfant.background)
        elif enfant.scenario:
            lue.scenarios.append(lecteur.scenario(enfant.scenario, etiquettes, fond))
        elif enfant.rule:
            lue.scenarios += _regle(lecteur, enfant.rule, etiquettes, fond)
    return lue


def _regle(lecteur: _LecteurEtapes, regle: Rule, etiquettes: frozenset[str],
           fond: tuple[EtapeLue, ...]) -> list[ScenarioLu]:
    etiquettes |= _noms(regle.tags)
    scenarios = []
    for enfant in regle.children:
        if enfant.background:
            fond = fond + lecteur.etapes(enfant.background)
        elif enfant.scenario:
            scenarios.append(lecteur.scenario(enfant.scenario, etiquettes, fond))
    return scenarios


def _noms(etiquettes: Iterable[object]) -> frozenset[str]:
    return frozenset(str(getattr(e, "name", e)).lstrip("@") for e in etiquettes)


class _LecteurEtapes:
    """Step types the way pytest-bdd gives them (« Et » takes the previous type)."""

    def __init__(self, chemin: Path, nom: str) -> None:
        self.analyseur = FeatureParser(str(chemin.parent), chemin.name)
        self.nom = nom

    def etapes(self, bloc: Scenario | Background) -> tuple[EtapeLue, ...]:
        brutes: list[EtapeGherkin] = bloc.steps
        try:
            typees = self.analyseur.parse_steps(brutes)
        except exceptions.StepError:
            premiere = brutes[0]
            raise ErreurSyntaxe([Probleme(
                self.nom, premiere.location.line,
                f"la première étape d'un scénario ou d'un contexte commence par « Étant donné », « Quand » ou "
                f"« Alors », pas par « {premiere.keyword} »")]) from None
        return tuple(EtapeLue(t.type, b.keyword, t.name, t.line_number) for t, b in zip(typees, brutes, strict=True))

    def scenario(self, scenario: Scenario, etiquettes: frozenset[str], fond: tuple[EtapeLue, ...]) -> ScenarioLu:
        exemples, colonnes = [], set()
        for table in scenario.examples:
            entetes = [c.value for c in table.table_header.cells] if table.table_header else []
            colonnes.update(entetes)
            for ligne in table.table_body or []:
                exemples.append(Exemple(ligne.location.line, dict(zip(entetes, (c.value for c in ligne.cells),
                                                                      strict=True)), _noms(table.tags)))
        return ScenarioLu(self.nom, scenario.name, scenario.location.line, etiquettes | _noms(scenario.tags),
                          fond + self.etapes(scenario), tuple(exemples), frozenset(colonnes))


def _document(chemin: Path, nom: str) -> GherkinDocument:
    try:
        texte = chemin.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ErreurSyntaxe([Probleme(nom, 1, f"fichier illisible en UTF-8 ({exc})")]) from None
    try:
        donnees = Parser().parse(texte)
    except ParserError as exc:
        raise ErreurSyntaxe(_erreurs_syntaxe(exc, texte, nom)) from None
    if not donnees.get("feature"):
        raise ErreurSyntaxe([Probleme(nom, 1, "aucune « Fonctionnalité: » dans le fichier")])
    return GherkinDocument.from_dict(donnees)


def _erreurs_syntaxe(exc: ParserError, texte: str, nom: str) -> list[Probleme]:
    try:  # the same text read as French from the start: only the language header is missing
        if Parser().parse(texte, token_matcher=TokenMatcher(LANGUE)).get("feature"):
            return [Probleme(nom, 1, f"{_ENTETE_LANGUE} absent en tête du fichier : les mots-clés français "
                                     "(Fonctionnalité, Scénario, Étant donné…) ne sont pas reconnus")]
    except ParserError:
        pass
    erreurs = exc.errors if isinstance(exc, CompositeParserException) else [exc]
    return [Probleme(nom, int(getattr(e, "location", {}).get("line") or 1), traduire(str(e.args[0])))
            for e in erreurs]


def traduire(message: str) -> str:
    """A gherkin parser message (``(5:3): expected: #StepLine, …, got 'x'``) in French."""
    message = re.sub(r"^\(\d+:\d+\): ", "", message)
    langue = re.fullmatch(r"Language not supported: (.*)", message)
    if langue:
        return f"langue « {langue[1]} » inconnue de Gherkin ({_ENTETE_LANGUE} attendu)"
    if message == "inconsistent cell count within the table":
        return "tableau : cette ligne n'a pas le même nombre de cellules que les autres"
    fin = message.startswith("unexpected end of file")
    trouve = _ATTENDU.search(message)
    if not trouve:
        return f"syntaxe Gherkin : {message}"
    attendus = [_JETONS[j] for j in trouve["attendu"].split(", ") if j in _JETONS]
    debut = "fin de fichier inattendue" if fin else f"ligne inattendue « {trouve['recu'] or ''} »"
    return f"syntaxe Gherkin : {debut} (attendu : {', '.join(attendus)})"
