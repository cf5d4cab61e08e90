"""Selecting scenarios by feature file: ``recette lancer features/budget/x.feature``.

pytest-bdd binds features through a test module, so a ``.feature`` path is turned into a ``-k``
keyword: every scenario matches the stem of its feature file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry


@pytest.hookimpl(tryfirst=True)  # before pytest's own -k deselection
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        scenario = scenario_wrapper_template_registry.get(getattr(item, "obj", None))  # type: ignore[arg-type]
        if scenario is not None:
            item.extra_keyword_matches.add(_relatif(Path(scenario.feature.filename), config.rootpath))


def _relatif(chemin: Path, racine: Path) -> str:
    """``features/budget/x.feature`` (relative to ``racine`` when inside it), the keyword of its scenarios."""
    try:
        return chemin.resolve().relative_to(racine.resolve()).as_posix()
    except ValueError:
        return chemin.as_posix()


def _developper(chemin: str) -> list[str]:
    """A folder without a test module of its own stands for the feature files it holds."""
    dossier = Path(chemin)
    if dossier.is_dir() and not any(dossier.glob("test_*.py")):
        return sorted(str(f) for f in dossier.rglob("*.feature"))
    return [chemin]


def arguments(chemins: Sequence[str], dossier_campagne: str = "features") -> list[str]:
    """pytest arguments for ``chemins`` (folders, test modules or ``.feature`` files)."""
    chemins = [c for chemin in chemins for c in _developper(chemin)]
    fonctionnalites = [_relatif(Path(c), Path.cwd()) for c in chemins if c.endswith(".feature")]
    autres = [c for c in chemins if not c.endswith(".feature")]
    if not fonctionnalites:
        return autres
    for chemin in chemins:
        if chemin.endswith(".feature") and not Path(chemin).is_file():
            raise FileNotFoundError(f"Fichier de fonctionnalité introuvable : {chemin}")
    return [*(autres or [dossier_campagne]), "-k", " or ".join(fonctionnalites)]
