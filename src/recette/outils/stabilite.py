"""``recette stabilite``: the same campaign N times in a row on the same code, and every scenario
whose verdict changed between two runs. A scenario that passes and fails on the same code is
worse than no scenario: it is fixed at its cause (no sleep, no retry of a business assertion).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from recette.outils.mutation import Campagne, Execution, executer_campagne

SORTIE = Path("reports/stabilite")

Executeur = Callable[[Path, Campagne, str], Execution]


@dataclass(frozen=True)
class Instabilite:
    """A scenario whose verdict changed: its verdict in each run (True: failed), and the causes."""

    libelle: str
    echecs: tuple[bool, ...]
    causes: tuple[str, ...] = ()  # the French cause of each failed run, in order

    def verdicts(self) -> str:
        return " ".join("✗" if echec else "✓" for echec in self.echecs)


@dataclass
class Bilan:
    repetitions: int
    scenarios: int
    durees: list[float] = field(default_factory=list)
    instables: list[Instabilite] = field(default_factory=list)
    toujours_en_echec: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"repetitions": self.repetitions, "scenarios": self.scenarios, "verdicts_changes": len(self.instables),
                "instables": [{"scenario": i.libelle, "echecs": list(i.echecs), "causes": list(i.causes)}
                              for i in self.instables],
                "toujours_en_echec": self.toujours_en_echec, "durees_s": [round(d, 1) for d in self.durees]}


def mesurer(repetitions: int, campagne: Campagne, sortie: Path, progression: Callable[[str], None],
            executer: Executeur = executer_campagne) -> Bilan:
    """Run the campaign ``repetitions`` times (no defect), then compare every scenario's verdicts."""
    executions: list[Execution] = []
    for rang in range(1, repetitions + 1):
        progression(f"[{rang}/{repetitions}] campagne…")
        executions.append(executer(sortie / f"campagne-{rang:02d}", campagne, ""))
        echecs = sum(executions[-1].statuts.values())
        progression(f"[{rang}/{repetitions}] {len(executions[-1].statuts)} scénario(s), {echecs} en échec "
                    f"({executions[-1].duree:.0f} s)")
    return comparer(executions, sortie)


def comparer(executions: Sequence[Execution], sortie: Path) -> Bilan:
    libelles = {cle: libelle for execution in executions for cle, libelle in execution.libelles.items()}
    bilan = Bilan(len(executions), len(libelles), [e.duree for e in executions])
    for cle, libelle in sorted(libelles.items(), key=lambda kv: kv[1]):
        echecs = tuple(e.statuts.get(cle, True) for e in executions)  # absent from a run: not a pass
        if all(echecs):
            bilan.toujours_en_echec.append(libelle)
        elif any(echecs):
            causes = tuple(_cause(sortie / f"campagne-{rang:02d}", cle) for rang, echec in enumerate(echecs, 1) if echec)
            bilan.instables.append(Instabilite(libelle, echecs, causes))
    return bilan


def _cause(dossier: Path, cle: str) -> str:
    """The French cause of scenario ``cle``'s failure in the run kept in ``dossier`` (when readable)."""
    from recette.rapport.categories import cause
    from recette.rapport.resultats import ErreurResultats, charger

    if not (dossier / "allure-results").is_dir():
        return "résultats de cette campagne non conservés"
    try:
        resultat = next((r for r in charger(dossier / "allure-results").resultats if r.historique == cle), None)
    except ErreurResultats:
        return "résultat illisible"
    return cause(resultat.message) if resultat is not None else "absent de cette campagne"


def en_texte(bilan: Bilan) -> str:
    lignes = [f"Stabilité : {bilan.repetitions} campagne(s) de {bilan.scenarios} scénario(s) sur le même code."]
    if not bilan.instables:
        lignes.append("Aucun verdict n'a changé d'une campagne à l'autre.")
    else:
        lignes.append(f"{len(bilan.instables)} scénario(s) au verdict instable (✓ réussi, ✗ échoué, campagne par "
                      "campagne) :")
        for instable in bilan.instables:
            lignes.append(f"  {instable.verdicts()}  {instable.libelle}")
            lignes += [f"      échec : {cause}" for cause in dict.fromkeys(instable.causes)]
    if bilan.toujours_en_echec:
        lignes.append(f"Toujours en échec (stables, mais à examiner) : {', '.join(bilan.toujours_en_echec)}")
    return "\n".join(lignes) + "\n"


def en_json(bilan: Bilan) -> str:
    return json.dumps(bilan.to_dict(), ensure_ascii=False) + "\n"
