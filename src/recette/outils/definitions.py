"""The step definitions of a recette project, found the way pytest finds them: the modules named
by ``pytest_plugins`` in the root ``conftest.py``, whose decorators register each sentence in
pytest-bdd's ``step_function_context_registry``.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from gherkin.dialect import Dialect
from pytest_bdd import parsers
from pytest_bdd.steps import StepFunctionContext, step_function_context_registry

from recette.contextes import Besoins, besoins_de
from recette.outils.fonctionnalites import LANGUE, ErreurOutil, afficher
from recette.parametres import TYPES
from recette.vocabulaire import ListeFermee

CONFTEST = "conftest.py"
MOTS_CLES = {"given": "Étant donné", "when": "Quand", "then": "Alors", None: "Étape"}
#: Parameter types as a tester reads them (``{titre:d}`` is a whole number).
LIBELLES_TYPES = {"": "texte", "d": "entier", "w": "mot", "f": "décimal"}
#: What a typed parameter looks like, for the catalogue.
FORMATS_TYPES = {
    "Montant": "montant en euros, ex. 1 234 567,89 €", "Date": "date, ex. 31/12/2026 ou 31 décembre 2026",
    "Exercice": "exercice : N, N+1, N-1 ou une année (2026)", "Code": "code, écrit tel quel (zéros de tête gardés)",
    "Taux": "pourcentage, ex. 5,5", "entier": "nombre entier", "texte": "texte libre",
}
_GROUPE_NOMME = re.compile(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")
_GROUPE_SIMPLE = re.compile(r"\(\?:((?:[^()])*)\)")
_CHAMP_TYPE = re.compile(r"\{(\w+)(?::[^{}]*)?\}")
_DOMAINES_MODULES = {"communs": "commun"}
_TYPES_PAR_CONVERTISSEUR = {id(f): nom for nom, f in TYPES.items()}


@dataclass(frozen=True)
class Parametre:
    nom: str
    type: str  # Montant, Date, Exercice, Code, entier, texte, or a closed list's nature
    valeurs: tuple[str, ...] = ()  # the allowed values of a closed list

    @property
    def format(self) -> str:
        """What the tester writes there, in words."""
        if self.valeurs:
            return f"{self.type} : " + ", ".join(f"« {v} »" for v in self.valeurs)
        return FORMATS_TYPES.get(self.type, self.type)


@dataclass(frozen=True)
class Definition:
    """One step sentence and the function behind it."""

    contexte: StepFunctionContext
    module: str
    fichier: str
    ligne: int

    @property
    def type(self) -> str | None:
        return self.contexte.type

    @property
    def phrase(self) -> str:
        return self.contexte.parser.name

    @property
    def mot_cle(self) -> str:
        return MOTS_CLES[self.type]

    @property
    def domaine(self) -> str:
        """From the module: ``steps.budget`` → budget, ``steps.communs`` → commun."""
        nom = self.module.rsplit(".", 1)[-1]
        return _DOMAINES_MODULES.get(nom, nom)

    @cached_property
    def _doc(self) -> tuple[str, str]:
        description, exemple = [], ""
        for ligne in (inspect.getdoc(self.contexte.step_func) or "").splitlines():
            if ligne.strip().startswith("Exemple :"):
                exemple = ligne.strip().removeprefix("Exemple :").strip()
            else:
                description.append(ligne)
        return "\n".join(description).strip(), exemple

    @property
    def description(self) -> str:
        return self._doc[0]

    @property
    def exemple(self) -> str:
        """The docstring's ``Exemple :`` line, keyword included."""
        return self._doc[1]

    @property
    def exemple_sans_mot_cle(self) -> str:
        return sans_mot_cle(self.exemple)

    @property
    def parametres(self) -> tuple[Parametre, ...]:
        parser = self.contexte.parser
        if isinstance(parser, parsers.re):
            return tuple(Parametre(nom, self._type_converti(nom, "texte"), self._valeurs(nom))
                         for nom in parser.regex.groupindex)
        if isinstance(parser, parsers.parse):
            champs = [(n, s or "") for _, n, s, _ in string.Formatter().parse(self.phrase) if n]
            return tuple(_parametre_type(nom, spec) for nom, spec in champs)
        return ()

    def _type_converti(self, nom: str, defaut: str) -> str:
        convertisseur = self.contexte.converters.get(nom)
        if convertisseur is None:
            return defaut
        if isinstance(convertisseur, ListeFermee):
            return convertisseur.nature
        return _TYPES_PAR_CONVERTISSEUR.get(id(convertisseur), getattr(convertisseur, "__name__", defaut))

    def _valeurs(self, nom: str) -> tuple[str, ...]:
        convertisseur = self.contexte.converters.get(nom)
        return convertisseur.valeurs if isinstance(convertisseur, ListeFermee) else ()

    @property
    def gabarit(self) -> str:
        """The sentence as a tester reads it: each parameter ``{nom}``, no type code and no regex."""
        if isinstance(self.contexte.parser, parsers.re):
            texte = _GROUPE_NOMME.sub(lambda g: "{" + g[1] + "}", self.phrase)
            texte = _GROUPE_SIMPLE.sub(lambda g: "[" + " ou ".join(x.strip() for x in g[1].split("|")) + "]", texte)
            return re.sub(r"\\(.)", r"\1", texte)
        return _CHAMP_TYPE.sub(lambda g: "{" + g[1] + "}", self.phrase)

    @property
    def besoins(self) -> Besoins:
        """What the sentence requires from earlier steps and produces for later ones."""
        return besoins_de(self.contexte.step_func)

    @property
    def lieu(self) -> str:
        return f"{self.fichier}:{self.ligne}"

    def correspond(self, type_: str, texte: str) -> bool:
        """The step ``texte`` of type ``type_`` is this sentence (as pytest-bdd decides it)."""
        return (self.type is None or self.type == type_) and self.contexte.parser.is_matching(texte)

    def convertir(self, texte: str) -> None:
        """Convert the parameters of ``texte`` as the step would; ``ErreurParametre`` when one does
        not parse (an amount, a date, an exercice)."""
        arguments = self.contexte.parser.parse_arguments(texte) or {}
        for nom, valeur in arguments.items():
            convertisseur: Callable[[str], object] | None = self.contexte.converters.get(nom)
            if convertisseur is not None:
                convertisseur(valeur)


def _parametre_type(nom: str, spec: str) -> Parametre:
    """A ``{nom:spec}`` field of a sentence: a closed list shows its nature and its values."""
    convertisseur = TYPES.get(spec)
    if isinstance(convertisseur, ListeFermee):
        return Parametre(nom, convertisseur.nature, convertisseur.valeurs)
    return Parametre(nom, LIBELLES_TYPES.get(spec, spec))


def sans_mot_cle(phrase: str) -> str:
    """``Étant donné le jeu…`` → ``le jeu…`` (French Gherkin keywords, as the parser knows them)."""
    dialecte = Dialect.for_name(LANGUE)
    assert dialecte is not None
    mots = [m for m in (*dialecte.given_keywords, *dialecte.when_keywords, *dialecte.then_keywords,
                        *dialecte.and_keywords, *dialecte.but_keywords) if m.strip() != "*"]
    for mot in sorted(mots, key=len, reverse=True):
        if phrase.startswith(mot):
            return phrase[len(mot):]
    return phrase


def modules_d_etapes(racine: Path) -> list[str]:
    """``pytest_plugins`` of the root ``conftest.py``, read without running it."""
    conftest = racine / CONFTEST
    if not conftest.is_file():
        raise ErreurOutil(f"{CONFTEST} introuvable dans {racine} : lancer la commande à la racine du projet")
    arbre = ast.parse(conftest.read_text(encoding="utf-8"), filename=str(conftest))
    for noeud in arbre.body:
        if not isinstance(noeud, ast.Assign | ast.AnnAssign) or noeud.value is None:
            continue
        cibles = noeud.targets if isinstance(noeud, ast.Assign) else [noeud.target]
        if any(isinstance(c, ast.Name) and c.id == "pytest_plugins" for c in cibles):
            try:
                valeur = ast.literal_eval(noeud.value)
            except ValueError:
                raise ErreurOutil(f"{CONFTEST}, ligne {noeud.lineno} : « pytest_plugins » doit être une liste "
                                  "littérale de noms de modules") from None
            return [valeur] if isinstance(valeur, str) else [str(v) for v in valeur]
    return []


def charger(racine: Path) -> list[Definition]:
    """Every step definition of the project at ``racine``, in module order then line order."""
    modules = modules_d_etapes(racine)
    if str(racine) not in sys.path:
        sys.path.insert(0, str(racine))
    for nom in modules:
        _importer(nom)
    rangs = {nom: i for i, nom in enumerate(modules)}
    definitions = [_definition(c, racine) for c in list(step_function_context_registry.values())
                   if c.step_func.__module__ in rangs]
    return sorted(definitions, key=lambda d: (rangs[d.module], d.ligne, d.phrase))


def _importer(nom: str) -> Any:
    try:
        return importlib.import_module(nom)
    except Exception as exc:  # noqa: BLE001 (a broken step module is reported, whatever its error)
        lieu = f" ({exc.filename}, ligne {exc.lineno})" if isinstance(exc, SyntaxError) else ""
        raise ErreurOutil(f"module d'étapes « {nom} » illisible{lieu} : {type(exc).__name__} : {exc}") from None


def _definition(contexte: StepFunctionContext, racine: Path) -> Definition:
    fonction = inspect.unwrap(contexte.step_func)
    fichier = Path(inspect.getsourcefile(fonction) or "?")
    return Definition(contexte, fonction.__module__, afficher(fichier, racine), fonction.__code__.co_firstlineno)

