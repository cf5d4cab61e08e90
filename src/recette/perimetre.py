"""The scope of a campaign by change: ``recette lancer --evolution EVO-2026-014`` or ``--release
2026.2`` runs the scenarios tagged with those evolutions plus every ``@critique`` one; ``--liste``
writes what would run instead of running it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry

from recette.selection import _relatif


def ajouter_options(groupe: pytest.OptionGroup) -> None:
    groupe.addoption("--recette-evolutions", dest="recette_evolutions", default=None, metavar="EVO,…",
                     help="ne garder que les scénarios de ces évolutions (@evolution:…), plus les @critique")
    groupe.addoption("--recette-liste", dest="recette_liste", default=None, metavar="FICHIER",
                     help="écrire en JSON les scénarios sélectionnés (avec --collect-only)")


def evolutions(item: pytest.Item) -> set[str]:
    return {str(m.args[0]) for m in item.iter_markers("evolution") if m.args}


@pytest.hookimpl(trylast=True)  # after the -k / -m deselection: the list is what will run
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    demandees = config.getoption("recette_evolutions")
    if demandees is None:  # "" (a release without evolutions) keeps the @critique scenarios only
        return
    voulues = {e.strip() for e in demandees.split(",") if e.strip()}
    gardes = [i for i in items if evolutions(i) & voulues or i.get_closest_marker("critique")]
    ecartes = [i for i in items if i not in gardes]
    if ecartes:
        config.hook.pytest_deselected(items=ecartes)
        items[:] = gardes


def pytest_collection_finish(session: pytest.Session) -> None:
    fichier = session.config.getoption("recette_liste")
    if fichier:
        decrits = [d for d in (decrire(i, session.config.rootpath) for i in session.items) if d]
        Path(fichier).write_text(json.dumps(decrits, ensure_ascii=False), encoding="utf-8")


def decrire(item: pytest.Item, racine: Path) -> dict[str, Any] | None:
    """file, line, name, example values and tags of a scenario test."""
    fonction = getattr(item, "obj", None)
    modele = scenario_wrapper_template_registry.get(fonction) if callable(fonction) else None
    if modele is None:
        return None
    exemple = getattr(item, "callspec", None)
    valeurs = exemple.params.get("_pytest_bdd_example", {}) if exemple else {}
    etiquettes = sorted(modele.tags | modele.feature.tags | (modele.rule.tags if modele.rule else set()))
    etiquettes += sorted({m.name for m in item.iter_markers()} & {"critique", "majeur", "mineur"} - set(etiquettes))
    return {"fichier": _relatif(Path(modele.feature.filename), racine), "ligne": modele.line_number,
            "nom": modele.name, "exemple": dict(valeurs), "etiquettes": etiquettes}


def formater(decrits: list[dict[str, Any]]) -> str:
    """One line per scenario: ``fichier:ligne  nom [valeurs]  @étiquettes``."""
    lignes = []
    for d in decrits:
        valeurs = "".join(f" [{v}]" for v in d["exemple"].values())
        lignes.append(f"{d['fichier']}:{d['ligne']}  {d['nom']}{valeurs}  {' '.join('@' + e for e in d['etiquettes'])}")
    return "\n".join([*lignes, f"{len(decrits)} scénario(s) sélectionné(s)."]) + "\n"
