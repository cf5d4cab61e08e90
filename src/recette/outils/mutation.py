"""``recette mutation``: the campaign run once per catalogued defect of the sandbox, to prove it
catches each one. A defect no scenario catches is a hole in the recette.

A reference run without any defect comes first: a scenario failing there proves nothing, so it
is reported and left out of the matrix.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from recette.outils.fonctionnalites import ErreurOutil

SORTIE = Path("reports/mutation")
REFERENCE = "reference"
ENVIRONNEMENT = "bac-a-sable"  # the defects exist only in the embedded sandbox


@dataclass(frozen=True)
class Execution:
    """One campaign: the outcome of each scenario (key: Allure history id) and its duration."""

    statuts: dict[str, bool]  # True when the scenario failed (failed or broken)
    libelles: dict[str, str]
    duree: float


@dataclass
class Matrice:
    defauts: list[str]
    scenarios: dict[str, str]  # key -> label, scenarios of the reference run that passed
    detections: dict[str, list[str]] = field(default_factory=dict)  # defect -> keys of the scenarios that failed
    echecs_reference: list[str] = field(default_factory=list)  # labels

    @property
    def detectes(self) -> list[str]:
        return [d for d in self.defauts if self.detections.get(d)]

    @property
    def non_detectes(self) -> list[str]:
        return [d for d in self.defauts if not self.detections.get(d)]

    @property
    def taux(self) -> float:
        return len(self.detectes) / len(self.defauts)

    def to_dict(self) -> dict[str, object]:
        return {"defauts": len(self.defauts), "detectes": len(self.detectes), "taux": self.taux,
                "non_detectes": self.non_detectes}


def choisir_defauts(texte: str | None) -> list[str]:
    """``a,b`` (validated against the sandbox catalogue) or, by default, every catalogued defect."""
    from chorus_sandbox.domaine.defauts import CATALOGUE, lire_defauts
    from chorus_sandbox.domaine.erreurs import DonneeInvalide

    if not texte:
        return list(CATALOGUE)
    try:
        choisis = lire_defauts(texte)
    except DonneeInvalide as exc:
        raise ErreurOutil(str(exc)) from None
    return [d for d in CATALOGUE if d in choisis]


@dataclass(frozen=True)
class Campagne:
    """What each run of the measure runs: feature paths, tag expression, pytest-xdist workers."""

    chemins: Sequence[str]
    tags: str | None = None
    workers: int = 0


def executer_campagne(dossier: Path, campagne: Campagne, defaut: str) -> Execution:
    """Run the campaign in its own process with ``CHORUS_SANDBOX_DEFAUTS=defaut``; read its Allure results."""
    from recette.cli import arguments_pytest
    from recette.rapport.resultats import charger

    options = argparse.Namespace(chemins=list(campagne.chemins), resultats=dossier / "allure-results",
                                 env=ENVIRONNEMENT, tags=campagne.tags, workers=campagne.workers, shard=None)
    args = arguments_pytest(options, [f"--output={dossier / 'playwright'}", f"--recette-preuves={dossier / 'preuves'}"])
    environnement = {**os.environ, "CHORUS_SANDBOX_DEFAUTS": defaut}
    environnement.pop("RECETTE_ENV", None)
    dossier.mkdir(parents=True, exist_ok=True)
    debut = time.monotonic()
    with open(dossier / "sortie.txt", "w", encoding="utf-8") as journal:
        code = subprocess.call([sys.executable, "-m", "pytest", *args], stdout=journal, stderr=subprocess.STDOUT,
                               env=environnement)
    duree = time.monotonic() - debut
    if code not in (0, 1):
        nature = "aucun scénario sélectionné" if code == 5 else f"campagne interrompue (code {code})"
        raise ErreurOutil(f"{defaut or 'référence sans défaut'} : {nature} ; voir {dossier / 'sortie.txt'}")
    resultats = charger(dossier / "allure-results").resultats
    return Execution({r.historique: r.en_echec for r in resultats}, {r.historique: r.libelle for r in resultats}, duree)


Executeur = Callable[[Path, Campagne, str], Execution]


def mesurer(defauts: Sequence[str], campagne: Campagne, sortie: Path, progression: Callable[[str], None],
            executer: Executeur = executer_campagne) -> Matrice:
    """The reference run, then one run per defect; ``progression`` gets one French line per run."""
    total = len(defauts)
    progression(f"[0/{total}] référence sans défaut…")
    reference = executer(sortie / REFERENCE, campagne, "")
    sains = {k: reference.libelles[k] for k, echec in reference.statuts.items() if not echec}
    if not sains:
        raise ErreurOutil(f"aucun scénario ne passe sans défaut ({len(reference.statuts)} en échec) : rien ne peut "
                          f"détecter un défaut ; voir {sortie / REFERENCE / 'sortie.txt'}")
    matrice = Matrice(list(defauts), dict(sorted(sains.items(), key=lambda kv: kv[1])),
                      echecs_reference=sorted(reference.libelles[k] for k, e in reference.statuts.items() if e))
    progression(f"[0/{total}] référence : {len(reference.statuts)} scénario(s), "
                f"{len(matrice.echecs_reference)} en échec sans défaut ({_duree(reference.duree)})")
    for rang, defaut in enumerate(defauts, 1):
        progression(f"[{rang}/{total}] {defaut}…")
        execution = executer(sortie / defaut, campagne, defaut)
        matrice.detections[defaut] = [k for k in matrice.scenarios if execution.statuts.get(k)]
        verdict = f"détecté par {len(matrice.detections[defaut])} scénario(s)" if matrice.detections[defaut] \
            else "NON DÉTECTÉ"
        progression(f"[{rang}/{total}] {defaut} : {verdict} ({_duree(execution.duree)})")
    return matrice


def _duree(secondes: float) -> str:
    return f"{secondes:.1f} s".replace(".", ",")


def _pourcentage(taux: float) -> str:
    return f"{taux * 100:.1f} %".replace(".", ",")


def en_texte(matrice: Matrice) -> str:
    lignes = ["Défauts du bac à sable :"]
    for rang, defaut in enumerate(matrice.defauts, 1):
        trouves = matrice.detections.get(defaut, [])
        verdict = f"détecté par {len(trouves)} scénario(s)" if trouves else "NON DÉTECTÉ (trou de la recette)"
        lignes.append(f"  D{rang} {defaut} : {verdict}")
    lignes += ["", "Matrice défauts × scénarios (X : le scénario échoue quand le défaut est actif) :"]
    entete = " ".join(f"D{rang:<2}" for rang in range(1, len(matrice.defauts) + 1))
    lignes.append(f"  {entete}  scénario")
    for cle, nom in matrice.scenarios.items():
        cases = " ".join(f"{'X' if cle in matrice.detections.get(d, []) else '.':<3}" for d in matrice.defauts)
        lignes.append(f"  {cases}  {nom}")
    if matrice.echecs_reference:
        lignes += ["", "En échec sans défaut (exclus de la matrice) :", *(f"  {n}" for n in matrice.echecs_reference)]
    taux = f"{len(matrice.detectes)}/{len(matrice.defauts)} défaut(s) ({_pourcentage(matrice.taux)})"
    lignes += ["", f"Taux de détection : {taux}"]
    if matrice.non_detectes:
        lignes.append(f"Non détectés : {', '.join(matrice.non_detectes)}")
    return "\n".join(lignes) + "\n"


def en_json(matrice: Matrice) -> str:
    return json.dumps(matrice.to_dict(), ensure_ascii=False) + "\n"
