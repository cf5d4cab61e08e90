"""What the recette reaches in the sandbox: which rules, which refusals, which defects.

Three parts:

- a pytest plugin (``-p recette.outils.couverture``): ``--recette-trace=FICHIER`` announces each
  scenario to a sandbox started with ``CHORUS_SANDBOX_TRACE_REGLES`` (over its API, as any
  precondition) and writes each scenario's duration and outcome in ``FICHIER``;
  ``--recette-scenarios=FICHIER`` runs only the scenarios that file lists;
- the static map of the sandbox's source: each defect to the one traced rule that checks it (a
  defect without one is an error: its scenarios could not be chosen), each rule, each place a
  typed error is built (its class and message template);
- :class:`Couverture`: the recording of one reference run, read back.

A scenario is named ``features/x.feature:12:test_nom[exemple]`` (file, line, test name): unique,
unlike pytest's node ids when two feature files hold scenarios of the same name.
"""

from __future__ import annotations

import ast
import json
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from recette.outils.fonctionnalites import ErreurOutil

CLE_ECHEC = pytest.StashKey[bool]()
ETIQUETTE = "scenario"  # the Allure label that carries a traced scenario's name
HORS_SCENARIO = ""  # facts of the sandbox's start-up: every scenario inherits them
PREFIXE_JEU = "jeu:"
DEFAUT = "defaut"
LECTURES = "lectures"  # a defect of a dataset's loading, followed read by read (chorus_sandbox.lectures_comparees)
#: Where rules and refusals are looked for, relative to the chorus_sandbox package.
SOURCES_REGLES = ("domaine/regles.py", "restitutions.py")
SOURCES_REFUS = ("domaine", "restitutions.py")
CATALOGUE_DEFAUTS = "domaine/defauts.py"
ERREURS = "domaine/erreurs.py"
#: A refusal no user nor client can provoke is declared in the sandbox's source, with its reason.
MARQUE_GARDE = "# refus non provocable :"


# --- pytest plugin ---------------------------------------------------------------------------
def pytest_addoption(parser: pytest.Parser) -> None:
    groupe = parser.getgroup("recette")
    groupe.addoption("--recette-trace", dest="recette_trace", default=None, metavar="FICHIER",
                     help="annoncer chaque scénario au bac à sable (CHORUS_SANDBOX_TRACE_REGLES) et écrire la durée "
                          "et l'issue de chaque scénario dans FICHIER")
    groupe.addoption("--recette-scenarios", dest="recette_scenarios", default=None, metavar="FICHIER",
                     help="ne lancer que les scénarios listés dans FICHIER (JSON, écrit par recette mutation)")


def lieu_du_scenario(fonction: Any, racine: Path) -> str | None:
    """``features/x.feature:12`` for a pytest-bdd scenario function, None for any other test."""
    from pytest_bdd.scenario import scenario_wrapper_template_registry

    modele = scenario_wrapper_template_registry.get(fonction)
    if modele is None:
        return None
    chemin, racine = Path(modele.feature.filename).resolve(), racine.resolve()
    fichier = chemin.relative_to(racine).as_posix() if chemin.is_relative_to(racine) else chemin.as_posix()
    return f"{fichier}:{modele.line_number}"


def cle_scenario(item: pytest.Item) -> str | None:
    """``features/x.feature:12:test_nom[exemple]``, None for a test that is not a scenario."""
    lieu = lieu_du_scenario(getattr(item, "obj", None), item.config.rootpath)
    return None if lieu is None else f"{lieu}:{item.name}"


@pytest.hookimpl(trylast=True)  # after -k / -m: only narrows what they kept
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("recette_trace"):  # each Allure result says which scenario it is
        for item in items:
            if (cle := cle_scenario(item)) is not None:
                item.add_marker(pytest.mark.allure_label(cle, label_type=ETIQUETTE))
    fichier = config.getoption("recette_scenarios")
    if not fichier:
        return
    voulus = set(json.loads(Path(fichier).read_text(encoding="utf-8")))
    gardes = [i for i in items if cle_scenario(i) in voulus]
    ecartes = [i for i in items if cle_scenario(i) not in voulus]
    if ecartes:
        config.hook.pytest_deselected(items=ecartes)
        items[:] = gardes


@pytest.hookimpl(tryfirst=True)  # before the reset: what the reset loads belongs to this scenario
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, **_: Any) -> None:
    if request.config.getoption("recette_trace"):
        cible = request.getfixturevalue("cible")
        cible.client.appeler("POST", "/api/trace/scenario", {"scenario": cle_scenario(request.node)})


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    rapport = yield
    if rapport.failed:  # type: ignore[attr-defined]
        item.stash[CLE_ECHEC] = True
    return rapport


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    debut = time.monotonic()
    resultat = yield
    fichier, cle = item.config.getoption("recette_trace"), cle_scenario(item)
    if fichier and cle:
        ajouter_ligne(fichier, {"scenario": cle, "duree": round(time.monotonic() - debut, 3), "echec": en_echec(item)})
    return resultat


def en_echec(item: pytest.Item) -> bool:
    """Whether a phase of ``item`` failed (this plugin's report hook notes it)."""
    return item.stash.get(CLE_ECHEC, False)


def ajouter_ligne(fichier: str, ligne: dict[str, Any]) -> None:
    """One JSON line appended (each xdist worker appends its own, whole lines)."""
    with open(fichier, "a", encoding="utf-8") as sortie:
        sortie.write(json.dumps(ligne, ensure_ascii=False) + "\n")


# --- Static map of the sandbox's source ------------------------------------------------------
def racine_du_bac() -> Path:
    import chorus_sandbox

    return Path(chorus_sandbox.__file__).resolve().parent


@dataclass(frozen=True)
class Regle:
    """A traced rule: ``regles.controler_engagement``, where it is, the defects it declares."""

    nom: str
    fichier: str
    ligne: int
    defauts: tuple[str, ...]


@dataclass(frozen=True)
class Refus:
    """A place where the sandbox builds a typed error, with its message template (… for each value)."""

    fichier: str
    ligne: int
    fin: int
    classe: str
    message: str
    garde: str = ""  # why no user nor client can provoke it (``# refus non provocable : …`` in the source)

    @property
    def lieu(self) -> str:
        return f"{self.fichier}:{self.ligne}"

    def __str__(self) -> str:
        return f"{self.lieu} {self.classe} « {self.message} »" + (f" — {self.garde}" if self.garde else "")

    def to_dict(self) -> dict[str, object]:
        return {"fichier": self.fichier, "ligne": self.ligne, "classe": self.classe, "message": self.message} | (
            {"garde": self.garde} if self.garde else {})


def _sources(racine: Path, chemins: Iterable[str]) -> Iterator[tuple[str, ast.Module]]:
    for chemin in chemins:
        if not (racine / chemin).exists():
            continue
        fichiers = sorted((racine / chemin).rglob("*.py")) if (racine / chemin).is_dir() else [racine / chemin]
        for fichier in fichiers:
            yield fichier.relative_to(racine).as_posix(), ast.parse(fichier.read_text(encoding="utf-8"))


def _fonctions(module: ast.Module) -> Iterator[ast.FunctionDef]:
    """Top-level functions and methods (a nested function counts as its parent's body)."""
    for noeud in module.body:
        if isinstance(noeud, ast.FunctionDef):
            yield noeud
        elif isinstance(noeud, ast.ClassDef):
            yield from (n for n in noeud.body if isinstance(n, ast.FunctionDef))


def _declares(fonction: ast.FunctionDef) -> tuple[str, ...] | None:
    """The defects of its ``@regle(...)`` decorator; None when it is not traced."""
    for decorateur in fonction.decorator_list:
        if isinstance(decorateur, ast.Call) and getattr(decorateur.func, "id", None) == "regle":
            return tuple(a.value for a in decorateur.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return None


def _prefixe(fichier: str) -> str:
    return Path(fichier).stem


def regles(racine: Path | None = None) -> list[Regle]:
    """Every traced rule (decorated with ``@regle``) of the sandbox."""
    trouvees = []
    for fichier, module in _sources(racine or racine_du_bac(), SOURCES_REGLES):
        for fonction in _fonctions(module):
            defauts = _declares(fonction)
            if defauts is not None:
                trouvees.append(Regle(f"{_prefixe(fichier)}.{fonction.name}", fichier, fonction.lineno, defauts))
    return trouvees


def _verifications(racine: Path, catalogue: Iterable[str]) -> dict[str, list[str]]:
    """Defect -> the functions of the sandbox whose body names it (``fichier:fonction``)."""
    noms, trouves = set(catalogue), defaultdict(list)
    for fichier, module in _sources(racine, ["."]):
        if fichier == CATALOGUE_DEFAUTS:
            continue
        dans_fonctions = {id(c) for f in _fonctions(module) for c in ast.walk(f)}
        for fonction in _fonctions(module):
            corps = [c for instruction in fonction.body for c in ast.walk(instruction)]  # not its decorator
            for nom in sorted({c.value for c in corps if isinstance(c, ast.Constant) and c.value in noms}):
                trouves[nom].append(f"{_prefixe(fichier)}.{fonction.name}")
        for constante in ast.walk(module):
            if isinstance(constante, ast.Constant) and constante.value in noms and id(constante) not in dans_fonctions:
                trouves[str(constante.value)].append(f"{fichier}:{constante.lineno}")
    return trouves


def regles_des_defauts(catalogue: Iterable[str], racine: Path | None = None) -> dict[str, str]:
    """Each defect -> the one traced rule that checks it and declares it; else a French error."""
    racine = racine or racine_du_bac()
    declarees = {d: r.nom for r in regles(racine) for d in r.defauts}
    verifiees = _verifications(racine, catalogue)
    problemes = [_probleme(d, verifiees.get(d, []), declarees.get(d)) for d in catalogue]
    problemes = [p for p in problemes if p]
    if problemes:
        raise ErreurOutil("défaut(s) sans règle tracée, leurs scénarios ne peuvent pas être choisis : "
                          + " ; ".join(problemes))
    return {d: declarees[d] for d in catalogue}


def _probleme(defaut: str, verifiee_dans: list[str], declaree_par: str | None) -> str:
    if not verifiee_dans:
        return f"{defaut} n'est vérifié dans aucune fonction du bac à sable"
    if len(verifiee_dans) > 1:
        return f"{defaut} est vérifié à plusieurs endroits ({', '.join(verifiee_dans)})"
    if declaree_par != verifiee_dans[0]:
        return f"{defaut} est vérifié dans {verifiee_dans[0]}, qui ne le déclare pas (@regle(\"{defaut}\"))"
    return ""


def _classes_d_erreur(modules: list[tuple[str, ast.Module]]) -> set[str]:
    """ErreurChorus and every class deriving from it in ``modules`` (erreurs.py among them)."""
    classes = {"ErreurChorus"}
    definitions = [n for _, m in modules for n in ast.walk(m) if isinstance(n, ast.ClassDef)]
    while True:
        nouvelles = {c.name for c in definitions
                     if any(getattr(b, "id", getattr(b, "attr", None)) in classes for b in c.bases)} - classes
        if not nouvelles:
            return classes
        classes |= nouvelles


def modele_de_message(appel: ast.Call) -> str:
    """The message as the source writes it, ``…`` for each value: ``Crédits insuffisants : … demandés``."""
    premier = appel.args[0] if appel.args else None
    if isinstance(premier, ast.Constant) and isinstance(premier.value, str):
        return premier.value
    if isinstance(premier, ast.JoinedStr):
        return "".join(str(p.value) if isinstance(p, ast.Constant) else "…" for p in premier.values)
    return "…"


def refus_possibles(racine: Path | None = None) -> list[Refus]:
    """Every place of the domain (and the restitutions) where a typed error of the sandbox is built."""
    racine = racine or racine_du_bac()
    modules = list(_sources(racine, SOURCES_REFUS))
    classes = _classes_d_erreur(modules)
    trouves = []
    for fichier, module in modules:
        lignes = (racine / fichier).read_text(encoding="utf-8").splitlines()
        for appel in ast.walk(module):
            nom = getattr(getattr(appel, "func", None), "id", None) or getattr(getattr(appel, "func", None), "attr", None)
            if isinstance(appel, ast.Call) and nom in classes:
                fin = appel.end_lineno or appel.lineno
                trouves.append(Refus(fichier, appel.lineno, fin, str(nom), modele_de_message(appel),
                                     garde_declaree(lignes[appel.lineno - 2:fin])))
    return sorted(trouves, key=lambda r: (r.fichier, r.ligne))


def garde_declaree(lignes: Sequence[str]) -> str:
    """The reason given by ``# refus non provocable : <raison>`` on the line before the error or
    on one of its lines: a guard behind an earlier check, which no screen nor service can reach."""
    for ligne in lignes:
        _, marque, raison = ligne.partition(MARQUE_GARDE)
        if marque:
            return raison.strip()
    return ""


# --- The recording of a reference run --------------------------------------------------------
@dataclass
class Couverture:
    """Facts per scenario (``regle``, ``refus``, ``defaut``, ``jeu`` -> values) and each scenario's run."""

    faits: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    durees: dict[str, float] = field(default_factory=dict)  # scenarios that ran, in their order
    echecs: set[str] = field(default_factory=set)

    def atteint(self, scenario: str, nature: str) -> set[str]:
        """What ``scenario`` reaches: its own facts, those of the datasets it loads, those of the
        start-up; but a defect changing a dataset's loading whose shadow answered the scenario's
        reads (``lectures``) is the scenario's only when one of its own reads differed."""
        propres = self.faits.get(scenario, {})
        heritees = [self.faits.get(HORS_SCENARIO, {}),
                    *(self.faits.get(PREFIXE_JEU + j, {}) for j in propres.get("jeu", set()))]
        return set().union(propres.get(nature, set()), *(_heritage(s, nature) for s in heritees))

    def scenarios_du_defaut(self, defaut: str) -> list[str]:
        """The scenarios passing without defect in which the defect changes a rule's answer."""
        return [s for s in self.durees if s not in self.echecs and defaut in self.atteint(s, DEFAUT)]

    def tous(self, nature: str) -> set[str]:
        """What any scenario reaches, the datasets' loading and the start-up included."""
        return set().union(*(f.get(nature, set()) for f in self.faits.values()))

    def refus_non_atteints(self, possibles: Iterable[Refus]) -> list[Refus]:
        """The refusals no scenario provokes (a declared guard apart: see :func:`garde_declaree`)."""
        lieux = [lieu.rsplit(":", 1) for lieu in self.tous("refus")]
        atteints = {(f, int(n)) for f, n in lieux if n.isdigit()}
        return [r for r in possibles
                if not r.garde and not any(f == r.fichier and r.ligne <= n <= r.fin for f, n in atteints)]

    def regles_non_atteintes(self, toutes: Iterable[Regle]) -> list[str]:
        atteintes = self.tous("regle")
        return [r.nom for r in toutes if r.nom not in atteintes]


def _heritage(faits: dict[str, set[str]], nature: str) -> set[str]:
    """What a scenario inherits of a dataset's loading (or the start-up): its facts, but not the
    defects followed read by read (``lectures``)."""
    valeurs = faits.get(nature, set())
    return valeurs - faits.get(LECTURES, set()) if nature == DEFAUT else valeurs


def lire(trace: Path, scenarios: Path) -> Couverture:
    """The sandbox's recording (``trace``) and the plugin's lines (``scenarios``) of one run."""
    couverture = Couverture()
    for fait in _lignes(trace):
        scenario = str(fait.pop("scenario"))
        fait.pop("classe", None)
        for nature, valeur in fait.items():
            couverture.faits.setdefault(scenario, {}).setdefault(nature, set()).add(str(valeur))
    for ligne in _lignes(scenarios):
        couverture.durees[str(ligne["scenario"])] = float(ligne["duree"])
        if ligne["echec"]:
            couverture.echecs.add(str(ligne["scenario"]))
    return couverture


def _lignes(fichier: Path) -> Iterator[dict[str, Any]]:
    if not fichier.exists():
        return
    for ligne in fichier.read_text(encoding="utf-8").splitlines():
        if ligne.strip():
            yield json.loads(ligne)


def durees_estimees(couverture: Couverture, scenarios: Iterable[str], surcout: float, workers: int) -> float:
    """A campaign of ``scenarios``: start-up cost plus their reference durations, shared by the workers."""
    return surcout + sum(couverture.durees.get(s, 0.0) for s in scenarios) / max(workers, 1)


def surcout_de_campagne(couverture: Couverture, duree_reference: float, workers: int) -> float:
    """What a campaign costs besides its scenarios (process, sandbox, browser start-up)."""
    return max(duree_reference - sum(couverture.durees.values()) / max(workers, 1), 0.0)


def defauts_jamais_atteints(couverture: Couverture, defauts: Mapping[str, str]) -> dict[str, str]:
    """Defect -> why no scenario can see it: its rule is never entered, or never where the defect matters."""
    regles_atteintes = couverture.tous("regle")
    return {d: ("règle jamais atteinte" if r not in regles_atteintes else "règle jamais atteinte là où le défaut "
                "en change la réponse") for d, r in defauts.items() if not couverture.scenarios_du_defaut(d)}
