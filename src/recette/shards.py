"""``--recette-shard I/N`` (``recette lancer --shard I/N``): run the I-th of N shares of the
campaign, for N CI machines; ``recette rapport --resultats a/ b/ c/`` merges their results.

The split is deterministic: the same scenarios and the same durations give the same shares on
every machine. Durations come from the Allure history (``reports/historique/historique.jsonl``,
the mean of the last runs of each scenario) or a JSON file ``{"fichier.feature:Scénario": s}``;
the longest scenarios are placed first, each on the least loaded share (ties: the lowest share,
then the node id). Without durations every scenario weighs the same: shares of equal size.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import statistics
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry

DUREES = "reports/historique/historique.jsonl"
DERNIERES_EXECUTIONS = 5
_TRANCHE = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")
CLE_RESUME = pytest.StashKey[str]()


def ajouter_options(groupe: pytest.OptionGroup) -> None:
    groupe.addoption("--recette-shard", dest="recette_shard", default=None, metavar="I/N",
                     help="n'exécuter que la tranche I sur N de la campagne (répartition équilibrée par durées)")
    groupe.addoption("--recette-durees", dest="recette_durees", default=None, metavar="FICHIER",
                     help=f"durées passées des scénarios (historique Allure .jsonl ou JSON ; défaut : {DUREES})")


def lire_tranche(texte: str) -> tuple[int, int]:
    """``"2/3"`` -> ``(2, 3)``; a French ValueError otherwise."""
    correspondance = _TRANCHE.fullmatch(texte or "")
    if not correspondance:
        raise ValueError(f"tranche « {texte} » invalide : attendu I/N, par exemple 2/3")
    indice, nombre = int(correspondance.group(1)), int(correspondance.group(2))
    if not 1 <= indice <= nombre:
        raise ValueError(f"tranche « {texte} » invalide : I doit aller de 1 à N ({nombre})")
    return indice, nombre


def cle(item: pytest.Item) -> str:
    """The scenario's name as Allure writes it (``budget/x.feature:Titre``), to find its durations."""
    fonction = getattr(item, "obj", None)
    scenario = scenario_wrapper_template_registry.get(fonction) if fonction is not None else None
    if scenario is None:
        return item.nodeid
    return f"{os.path.normpath(scenario.feature.rel_filename)}:{scenario.name}"


def lire_durees(chemin: Path) -> dict[str, float]:
    """Mean duration in seconds per scenario; an absent or unreadable file gives no durations."""
    if not chemin.is_file():
        return {}
    try:
        if chemin.suffix == ".jsonl":
            return _durees_historique(chemin.read_text(encoding="utf-8").splitlines())
        donnees = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in donnees.items() if isinstance(v, (int, float))} if isinstance(donnees, dict) else {}


def _durees_historique(lignes: Sequence[str]) -> dict[str, float]:
    """The last runs of each scenario in Allure's history (one JSON object per campaign)."""
    par_scenario: dict[str, list[float]] = {}
    for ligne in lignes[-DERNIERES_EXECUTIONS:]:
        if not ligne.strip():
            continue
        for resultat in (json.loads(ligne).get("testResults") or {}).values():
            nom, duree = resultat.get("fullName"), resultat.get("duration")
            if nom and isinstance(duree, (int, float)):
                par_scenario.setdefault(nom, []).append(duree / 1000)
    return {nom: statistics.fmean(durees) for nom, durees in par_scenario.items()}


def repartir(nodeids: Sequence[str], poids: dict[str, float], nombre: int) -> list[list[str]]:
    """Longest first onto the least loaded share: deterministic for the same inputs."""
    charges = [0.0] * nombre
    tranches: list[list[str]] = [[] for _ in range(nombre)]
    for nodeid in sorted(nodeids, key=lambda n: (-poids[n], n)):
        cible = min(range(nombre), key=lambda i: (round(charges[i], 6), i))
        tranches[cible].append(nodeid)
        charges[cible] += poids[nodeid]
    return tranches


def poids(items: Iterable[pytest.Item], durees: dict[str, float]) -> dict[str, float]:
    """Each item's weight: its scenario's past duration; unknown ones weigh the median (or 1)."""
    items = list(items)
    connues = [durees[cle(i)] for i in items if cle(i) in durees]
    defaut = statistics.median(connues) if connues else 1.0
    return {i.nodeid: durees.get(cle(i), defaut) for i in items}


def empreinte(valeurs: dict[str, float]) -> str:
    texte = json.dumps(sorted((k, round(v, 3)) for k, v in valeurs.items()))
    return hashlib.sha256(texte.encode()).hexdigest()[:12]


@pytest.hookimpl(trylast=True)  # after -k / -m deselection: share what will actually run
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    texte = config.getoption("recette_shard", None)
    if not texte:
        return
    try:
        indice, nombre = lire_tranche(texte)
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    chemin = Path(config.getoption("recette_durees") or Path(config.rootpath) / DUREES)
    durees = lire_durees(chemin)
    ponderation = poids(items, durees)
    gardes = set(repartir([i.nodeid for i in items], ponderation, nombre)[indice - 1])
    config.stash[CLE_RESUME] = (f"tranche {indice}/{nombre} : {len(gardes)} scénarios sur {len(items)} "
                                f"(durées {'de ' + str(chemin) if durees else 'inconnues : parts égales'}, "
                                f"empreinte {empreinte(ponderation)})")
    config.hook.pytest_deselected(items=[i for i in items if i.nodeid not in gardes])
    items[:] = [i for i in items if i.nodeid in gardes]


def pytest_report_collectionfinish(config: pytest.Config) -> str | None:
    """One line in the header: which share, how many scenarios, from which durations."""
    return config.stash.get(CLE_RESUME, None)
