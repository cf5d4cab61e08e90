"""No module of the project uses another module's private names (issue 15).

A name with a leading underscore is its module's business: a piece two modules share becomes a
public module of its own (web/formulaires.py, web/rendu.py, web/operations_ecran.py…). Read from
the source with ``ast``, nothing imported: ``from x import _y`` where ``x`` is a module of
chorus_sandbox or recette, and ``x._y`` where ``x`` names such a module.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
SOURCES = RACINE / "src"
PAQUETS = ("chorus_sandbox", "recette")

#: Private uses older than this test, in files other pieces of work own: (file, module, name) →
#: what to use instead. Each owner removes its lines when making the name public; the list only
#: shrinks (a line whose use has gone fails the test too, so that it gets removed).
EN_ATTENTE: dict[tuple[str, str, str], str] = {
    ("src/chorus_sandbox/domaine/regulation.py", "chorus_sandbox.domaine.operations", "_journal"):
        "un journal public dans domaine/operations.py",
    ("src/chorus_sandbox/domaine/reports.py", "chorus_sandbox.domaine.operations", "_journal"):
        "un journal public dans domaine/operations.py",
    ("src/chorus_sandbox/domaine/reports.py", "chorus_sandbox.domaine.regulation", "_programme"):
        "une lecture de programme publique dans domaine/regulation.py",
    ("src/chorus_sandbox/restitutions.py", "chorus_sandbox.domaine.reports", "_taux_texte"):
        "un taux lisible public dans domaine/reports.py",
    ("src/chorus_sandbox/web/ui_reports.py", "chorus_sandbox.domaine.reports", "_taux_texte"):
        "un taux lisible public dans domaine/reports.py",
    ("src/chorus_sandbox/web/api_habilitations.py", "chorus_sandbox.web.api", "_bac"):
        "web/requetes.py : bac_courant",
    ("src/chorus_sandbox/web/api_regulation.py", "chorus_sandbox.web.api", "_bac"):
        "web/requetes.py : bac_courant",
    ("src/chorus_sandbox/web/api_reports.py", "chorus_sandbox.web.api", "_bac"):
        "web/requetes.py : bac_courant",
    ("src/chorus_sandbox/web/api_reports.py", "chorus_sandbox.web.api", "_introuvable"):
        "un constructeur d'ObjetInconnu public",
    ("src/recette/outils/fonctionnalites.py", "recette.selection", "_relatif"):
        "un chemin relatif public dans recette/selection.py",
    ("src/recette/perimetre.py", "recette.selection", "_relatif"):
        "un chemin relatif public dans recette/selection.py",
    ("src/recette/rapport/anomalies.py", "recette.config", "_Lecteur"):
        "un lecteur de configuration public dans recette/config.py",
}


@dataclass(frozen=True)
class UsagePrive:
    """One use of a private name of another module: where, which module, which name."""

    fichier: str
    ligne: int
    module: str
    nom: str

    @property
    def cle(self) -> tuple[str, str, str]:
        return (self.fichier, self.module, self.nom)

    def __str__(self) -> str:
        return f"{self.fichier}:{self.ligne} : {self.module}.{self.nom}"


def _prive(nom: str) -> bool:
    return nom.startswith("_") and not (nom.startswith("__") and nom.endswith("__"))


def _nom_module(fichier: Path) -> str:
    """``src/chorus_sandbox/web/ui.py`` → ``chorus_sandbox.web.ui`` (a package: its ``__init__``)."""
    parties = fichier.relative_to(SOURCES).with_suffix("").parts
    return ".".join(parties[:-1] if parties[-1] == "__init__" else parties)


def _est_module(nom: str) -> bool:
    """``nom`` is a module or a package of the project (a file under src/)."""
    chemin = SOURCES.joinpath(*nom.split("."))
    return chemin.with_suffix(".py").is_file() or (chemin / "__init__.py").is_file()


def _source(noeud: ast.ImportFrom, module_courant: str, paquet: bool) -> str:
    """The absolute module of ``from … import``, relative forms resolved."""
    if not noeud.level:
        return noeud.module or ""
    base = module_courant.split(".")
    base = base[: len(base) - noeud.level + (1 if paquet else 0)]
    return ".".join([*base, noeud.module] if noeud.module else base)


def _du_projet(module: str) -> bool:
    return module.split(".")[0] in PAQUETS


def _alias_de_modules(arbre: ast.Module, module_courant: str, paquet: bool) -> dict[str, str]:
    """Local names bound to a module of the project: ``import a.b as x``, ``from a import b``."""
    alias: dict[str, str] = {}
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            alias |= {a.asname: a.name for a in noeud.names if a.asname and _du_projet(a.name)}
        elif isinstance(noeud, ast.ImportFrom):
            source = _source(noeud, module_courant, paquet)
            alias |= {a.asname or a.name: f"{source}.{a.name}" for a in noeud.names
                      if _du_projet(source) and _est_module(f"{source}.{a.name}")}
    return alias


def usages_prives(texte: str, fichier: Path) -> list[UsagePrive]:
    """Every private name of another project module that ``texte`` (the file's source) uses."""
    arbre = ast.parse(texte, str(fichier))
    module, paquet = _nom_module(fichier), fichier.name == "__init__.py"
    relatif = fichier.relative_to(RACINE).as_posix()
    alias = _alias_de_modules(arbre, module, paquet)
    usages = []
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.ImportFrom):
            source = _source(noeud, module, paquet)
            if _du_projet(source) and source != module:
                usages += [UsagePrive(relatif, noeud.lineno, source, a.name) for a in noeud.names if _prive(a.name)]
        elif (isinstance(noeud, ast.Attribute) and isinstance(noeud.value, ast.Name)
              and noeud.value.id in alias and _prive(noeud.attr)):
            usages.append(UsagePrive(relatif, noeud.lineno, alias[noeud.value.id], noeud.attr))
    return usages


def _tous_les_usages() -> list[UsagePrive]:
    fichiers = sorted(f for paquet in PAQUETS for f in (SOURCES / paquet).rglob("*.py"))
    return [u for f in fichiers for u in usages_prives(f.read_text(encoding="utf-8"), f)]


def test_aucun_module_n_utilise_les_noms_prives_d_un_autre() -> None:
    nouveaux = [str(u) for u in _tous_les_usages() if u.cle not in EN_ATTENTE]
    assert not nouveaux, (
        "Nom privé (« _… ») d'un autre module utilisé — rendez public ce qui est partagé, dans un "
        "module à lui (ex. web/formulaires.py, web/rendu.py) :\n" + "\n".join(nouveaux))


def test_la_liste_en_attente_ne_cite_que_des_usages_encore_presents() -> None:
    presents = {u.cle for u in _tous_les_usages()}
    disparus = [f"{f} : {m}.{n}" for f, m, n in EN_ATTENTE if (f, m, n) not in presents]
    assert not disparus, ("Usages corrigés : retirez-les de EN_ATTENTE (tests/test_modules_web.py) :\n"
                          + "\n".join(disparus))


def test_le_detecteur_voit_les_imports_et_les_attributs_prives() -> None:
    fichier = SOURCES / "chorus_sandbox" / "web" / "exemple.py"
    texte = ("from chorus_sandbox.web.ui import _centimes, rendre\n"
             "from . import vues\n"
             "from .rendu import _cache\n"
             "from chorus_sandbox.domaine import reports as rp\n"
             "import argparse\n"
             "x = rp._taux_texte(1) + vues._date(None) + argparse._SubParsersAction + rp.__name__\n")
    trouves = [(u.ligne, u.module, u.nom) for u in usages_prives(texte, fichier)]
    assert sorted(trouves) == [(1, "chorus_sandbox.web.ui", "_centimes"),
                               (3, "chorus_sandbox.web.rendu", "_cache"),
                               (6, "chorus_sandbox.domaine.reports", "_taux_texte"),
                               (6, "chorus_sandbox.web.vues", "_date")]
