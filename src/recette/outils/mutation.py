"""``recette mutation``: the campaign run once per catalogued defect of the sandbox, to prove it
catches each one. A defect no scenario catches is a hole in the recette.

A reference run without any defect comes first: a scenario failing there proves nothing, so it
is reported and left out of the matrix.

Guided (the default of the command): the reference run records, in the sandbox, what each
scenario reaches (:mod:`recette.outils.couverture`); each defect then runs only the scenarios in
which its rule answered differently with the defect on. The others run exactly as in the
reference until that rule, which they never meet: they cannot fail, so the matrix is the complete
one. All those (scenario, defect) runs make one campaign (:mod:`recette.outils.mutants`: the
sandbox switches its defect before each run), so no start-up is paid per defect and the workers
share every run; a line per defect tells its verdict and the time left. A defect no scenario
meets is not detected, without a run. The same recording lists the rules and the refusals of the
sandbox no scenario reaches: holes of the recette with no defect.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from recette.outils import couverture as cv
from recette.outils.fonctionnalites import ErreurOutil

SORTIE = Path("reports/mutation")
REFERENCE = "reference"
MUTANTS = "mutants"  # the guided campaign: every defect's scenarios in one run
#: The guided measure's wait for a verdict on a screen (reference and defects alike; a campaign: 5 s).
DELAI_VERDICT_MS = 500
PAS_D_AVANCEMENT = 50  # a progress line every so many runs of one defect
ENVIRONNEMENT = "bac-a-sable"  # the defects exist only in the embedded sandbox
TRACE = "CHORUS_SANDBOX_TRACE_REGLES"  # the sandbox's recording switch (chorus_sandbox.domaine.traces)


@dataclass(frozen=True)
class Issue:
    """One run of the guided campaign: a scenario (couverture's name) with one defect on."""

    scenario: str
    defaut: str
    echec: bool
    duree: float


@dataclass(frozen=True)
class Execution:
    """One campaign: the outcome of each scenario (key: Allure history id) and its duration."""

    statuts: dict[str, bool]  # True when the scenario failed (failed or broken)
    libelles: dict[str, str]
    duree: float
    couverture: cv.Couverture | None = None  # what each scenario reached (a traced run)
    historiques: dict[str, str] = field(default_factory=dict)  # traced run: scenario name -> Allure history id
    issues: tuple[Issue, ...] = ()  # the guided campaign: one per (scenario, defect) run


@dataclass
class Matrice:
    defauts: list[str]
    scenarios: dict[str, str]  # key -> label, scenarios of the reference run that passed
    detections: dict[str, list[str]] = field(default_factory=dict)  # defect -> keys of the scenarios that failed
    echecs_reference: list[str] = field(default_factory=list)  # labels
    guidee: bool = False
    lances: dict[str, int] = field(default_factory=dict)  # guided: defect -> number of scenarios run
    sans_campagne: dict[str, str] = field(default_factory=dict)  # guided: defect -> why no scenario meets it
    regles: dict[str, str] = field(default_factory=dict)  # guided: defect -> its rule
    regles_possibles: int = 0
    regles_non_atteintes: list[str] = field(default_factory=list)
    refus_possibles: int = 0
    refus_non_atteints: list[cv.Refus] = field(default_factory=list)
    refus_gardes: list[cv.Refus] = field(default_factory=list)  # declared not provocable, with their reason
    temoins: dict[str, list[str]] = field(default_factory=dict)  # defect -> controls run (scenario names)
    temoins_en_echec: dict[str, list[str]] = field(default_factory=dict)  # controls that failed: guidance missed

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
        resume: dict[str, object] = {"defauts": len(self.defauts), "detectes": len(self.detectes), "taux": self.taux,
                                     "non_detectes": self.non_detectes}
        if self.guidee:
            resume |= {"scenarios_par_defaut": self.lances, "sans_campagne": self.sans_campagne,
                       "regles_possibles": self.regles_possibles, "regles_jamais_atteintes": self.regles_non_atteintes,
                       "refus_possibles": self.refus_possibles,
                       "refus_jamais_atteints": [r.to_dict() for r in self.refus_non_atteints],
                       "refus_non_provocables": [r.to_dict() for r in self.refus_gardes]}
        if self.temoins:
            resume |= {"temoins": sum(map(len, self.temoins.values())),
                       "temoins_en_echec": {d: s for d, s in self.temoins_en_echec.items() if s}}
        return resume


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
    scenarios: tuple[str, ...] | None = None  # guided: the only scenarios to run (couverture's names)
    tracer: bool = False  # record in the sandbox what each scenario reaches
    mutants: dict[str, tuple[str, ...]] | None = None  # guided: defect -> its scenarios, all in one campaign
    suivi: Callable[[Issue], None] | None = field(default=None, compare=False)  # told of each run as it ends
    temoins: int = 0  # guided: per defect, that many scenarios the guidance leaves out, run too as controls


def executer_campagne(dossier: Path, campagne: Campagne, defaut: str) -> Execution:
    """Run the campaign in its own process with ``CHORUS_SANDBOX_DEFAUTS=defaut``; read its Allure results.

    Guided (``campagne.mutants``): one process runs every (scenario, defect) pair, the sandbox
    switching its defect before each (``CHORUS_SANDBOX_MUTATION=1``); ``campagne.suivi`` hears of
    each run as the campaign writes it."""
    from recette.cible import MUTATION
    from recette.cli import arguments_pytest
    from recette.rapport.resultats import charger

    options = argparse.Namespace(chemins=list(campagne.chemins), resultats=dossier / "allure-results",
                                 env=ENVIRONNEMENT, tags=campagne.tags, workers=campagne.workers, shard=None)
    dossier.mkdir(parents=True, exist_ok=True)
    # verdicts only: no trace nor capture (about a quarter of the campaign's time); a failure without defect
    # stops the measure, and ``recette lancer`` gives its evidence
    supplementaires = [f"--output={dossier / 'playwright'}", "--recette-sans-preuves",
                       *_options_de_couverture(dossier, campagne), *_options_des_mutants(dossier, campagne)]
    args = arguments_pytest(options, supplementaires)
    environnement = {**os.environ, "CHORUS_SANDBOX_DEFAUTS": defaut}
    for variable in ("RECETTE_ENV", TRACE, MUTATION):
        environnement.pop(variable, None)
    if campagne.tracer:
        environnement[TRACE] = str((dossier / "trace.jsonl").resolve())
    if campagne.mutants is not None:
        environnement[MUTATION] = "1"
    debut = time.monotonic()
    with open(dossier / "sortie.txt", "w", encoding="utf-8") as journal:
        processus = subprocess.Popen([sys.executable, "-m", "pytest", *args], stdout=journal, stderr=subprocess.STDOUT,
                                     env=environnement)
        issues = _suivre(processus, dossier / "issues.jsonl", campagne.suivi)
    duree = time.monotonic() - debut
    code = processus.returncode
    if code not in (0, 1):
        nature = "aucun scénario sélectionné" if code == 5 else f"campagne interrompue (code {code})"
        raise ErreurOutil(f"{defaut or 'référence sans défaut'} : {nature} ; voir {dossier / 'sortie.txt'}")
    resultats = charger(dossier / "allure-results").resultats
    couverture = cv.lire(dossier / "trace.jsonl", dossier / "scenarios.jsonl") if campagne.tracer else None
    return Execution({r.historique: r.en_echec for r in resultats}, {r.historique: r.libelle for r in resultats}, duree,
                     couverture, {r.scenario: r.historique for r in resultats if r.scenario}, tuple(issues))


def _suivre(processus: subprocess.Popen[bytes], fichier: Path, suivi: Callable[[Issue], None] | None) -> list[Issue]:
    """Wait for the campaign, reading its runs' outcomes as they are appended (each a whole line)."""
    issues: list[Issue] = []
    lu = 0
    while True:
        fini = processus.poll() is not None
        if fichier.exists():
            with open(fichier, "rb") as entree:
                entree.seek(lu)
                octets = entree.read()
            complet = octets[:octets.rfind(b"\n") + 1]
            lu += len(complet)
            for ligne in filter(str.strip, complet.decode("utf-8").splitlines()):
                brut = json.loads(ligne)
                issue = Issue(str(brut["scenario"]), str(brut["defaut"]), bool(brut["echec"]), float(brut["duree"]))
                issues.append(issue)
                if suivi is not None:
                    suivi(issue)
        if fini:
            return issues
        time.sleep(0.5)


def _options_de_couverture(dossier: Path, campagne: Campagne) -> list[str]:
    """``-p recette.outils.couverture`` and its options: record (reference), or run a selection."""
    options = []
    if campagne.tracer:
        for fichier in ("trace.jsonl", "scenarios.jsonl"):  # appended to by each process: start empty
            (dossier / fichier).unlink(missing_ok=True)
        options.append(f"--recette-trace={dossier / 'scenarios.jsonl'}")
    if campagne.scenarios is not None:
        (dossier / "scenarios.json").write_text(json.dumps(list(campagne.scenarios), ensure_ascii=False), encoding="utf-8")
        options.append(f"--recette-scenarios={dossier / 'scenarios.json'}")
    return ["-p", "recette.outils.couverture", *options] if options else []


def _options_des_mutants(dossier: Path, campagne: Campagne) -> list[str]:
    """``-p recette.outils.mutants`` and its files: what to run with which defect, what each run gave."""
    delai = [f"--recette-delai-verdict={DELAI_VERDICT_MS}"]
    if campagne.mutants is None:
        return ["-p", "recette.outils.mutants", *delai] if campagne.tracer else []
    (dossier / "mutants.json").write_text(json.dumps(campagne.mutants, ensure_ascii=False), encoding="utf-8")
    (dossier / "issues.jsonl").unlink(missing_ok=True)
    return ["-p", "recette.outils.mutants", *delai, f"--recette-mutants={dossier / 'mutants.json'}",
            f"--recette-issues={dossier / 'issues.jsonl'}"]


Executeur = Callable[[Path, Campagne, str], Execution]


def mesurer(defauts: Sequence[str], campagne: Campagne, sortie: Path, progression: Callable[[str], None],
            executer: Executeur = executer_campagne, guidee: bool = False) -> Matrice:
    """The reference run, then one run per defect (guided: only the scenarios meeting its rule);
    ``progression`` gets one French line per run."""
    total = len(defauts)
    regles = cv.regles_des_defauts(defauts) if guidee else {}  # an unmapped defect stops here, before any run
    progression(f"[0/{total}] référence sans défaut{', avec la trace des règles' if guidee else ''}…")
    reference = executer(sortie / REFERENCE, replace(campagne, tracer=guidee), "")
    matrice = _matrice(defauts, reference, sortie)
    progression(f"[0/{total}] référence : {len(reference.statuts)} scénario(s), "
                f"{len(matrice.echecs_reference)} en échec sans défaut ({_duree(reference.duree)})")
    if guidee:
        _mesurer_guide(matrice, reference, campagne, sortie, progression, executer, regles)
        return matrice
    for rang, defaut in enumerate(defauts, 1):
        progression(f"[{rang}/{total}] {defaut}…")
        execution = executer(sortie / defaut, campagne, defaut)
        matrice.detections[defaut] = [k for k in matrice.scenarios if execution.statuts.get(k)]
        progression(f"[{rang}/{total}] {defaut} : {_verdict(matrice, defaut)} ({_duree(execution.duree)})")
    return matrice


def _matrice(defauts: Sequence[str], reference: Execution, sortie: Path) -> Matrice:
    """The matrix's rows: the scenarios passing without defect (none: nothing can detect anything)."""
    sains = {k: reference.libelles[k] for k, echec in reference.statuts.items() if not echec}
    if not sains:
        raise ErreurOutil(f"aucun scénario ne passe sans défaut ({len(reference.statuts)} en échec) : rien ne peut "
                          f"détecter un défaut ; voir {sortie / REFERENCE / 'sortie.txt'}")
    return Matrice(list(defauts), dict(sorted(sains.items(), key=lambda kv: kv[1])),
                   echecs_reference=sorted(reference.libelles[k] for k, e in reference.statuts.items() if e))


def _verdict(matrice: Matrice, defaut: str) -> str:
    trouves = matrice.detections[defaut]
    return f"détecté par {len(trouves)} scénario(s)" if trouves else "NON DÉTECTÉ"


def _mesurer_guide(matrice: Matrice, reference: Execution, campagne: Campagne, sortie: Path,
                   progression: Callable[[str], None], executer: Executeur, regles: dict[str, str]) -> None:
    """Every (scenario, defect) pair the recording asks for, in one campaign; progress per defect."""
    couverture = _couverture(reference, sortie)
    choix = {d: tuple(couverture.scenarios_du_defaut(d)) for d in matrice.defauts}
    _noter_couverture(matrice, couverture, regles)
    total = len(matrice.defauts)
    temoins = {d: _temoins(couverture, d, choix[d], campagne.temoins) for d in matrice.defauts}
    demandes = {d: choix[d] + temoins[d] for d in matrice.defauts if choix[d] or temoins[d]}
    surcout = cv.surcout_de_campagne(couverture, reference.duree, campagne.workers)
    estimees = {d: sum(couverture.durees.get(s, 0.0) for s in c) / max(campagne.workers, 1) for d, c in demandes.items()}
    suivi = _Suivi(demandes, estimees, surcout, progression, {d: rang for rang, d in enumerate(matrice.defauts, 1)},
                   {d: set(t) for d, t in temoins.items()})
    progression(f"[0/{total}] à lancer : {sum(map(len, demandes.values()))} exécution(s) de scénario pour "
                f"{len(demandes)} défaut(s), en une campagne, environ {_duree_courte(surcout + sum(estimees.values()))}")
    for rang, defaut in enumerate(matrice.defauts, 1):
        matrice.lances[defaut] = len(choix[defaut])
        if not choix[defaut]:
            matrice.detections[defaut] = []
            progression(f"[{rang}/{total}] {defaut} : aucun scénario, {regles[defaut]} : "
                        f"{matrice.sans_campagne[defaut]} ; NON DÉTECTÉ sans campagne")
    if not demandes:
        return
    execution = executer(sortie / MUTANTS, replace(campagne, mutants=demandes, suivi=suivi.noter), "")
    historiques = reference.historiques
    for defaut, scenarios in demandes.items():
        faits = {i.scenario: i.echec for i in execution.issues if i.defaut == defaut}
        manquants = [s for s in scenarios if s not in faits]
        if manquants:
            raise ErreurOutil(f"{defaut} : {len(manquants)} scénario(s) sans issue dans la campagne guidée "
                              f"(dont {manquants[0]}) ; voir {sortie / MUTANTS / 'sortie.txt'}")
        inconnus = [s for s in choix[defaut] if faits[s] and s not in historiques]
        if inconnus:  # never silently left out of the matrix
            raise ErreurOutil(f"{defaut} : le scénario {inconnus[0]} n'a pas de résultat Allure dans la référence ; "
                              f"voir {sortie / REFERENCE / 'allure-results'}")
        matrice.detections[defaut] = [historiques[s] for s in choix[defaut] if faits[s]]
        if campagne.temoins:
            matrice.temoins[defaut] = list(temoins[defaut])
            matrice.temoins_en_echec[defaut] = [s for s in temoins[defaut] if faits[s]]


def _temoins(couverture: cv.Couverture, defaut: str, choisis: tuple[str, ...], nombre: int) -> tuple[str, ...]:
    """``nombre`` scenarios passing without defect that the guidance does not run for ``defaut``
    (drawn the same way every time): if one fails with the defect, the guidance missed it."""
    autres = sorted(s for s in couverture.durees if s not in couverture.echecs and s not in choisis)
    return tuple(random.Random(defaut).sample(autres, min(nombre, len(autres))))


def _couverture(reference: Execution, sortie: Path) -> cv.Couverture:
    if reference.couverture is None or not reference.couverture.durees:
        raise ErreurOutil("la référence n'a rien enregistré de ce que chaque scénario atteint (bac à sable sans "
                          f"{TRACE} ?) ; voir {sortie / REFERENCE / 'sortie.txt'}")
    return reference.couverture


def _noter_couverture(matrice: Matrice, couverture: cv.Couverture, regles: dict[str, str]) -> None:
    """The holes of the recette that need no defect: rules and refusals no scenario reaches."""
    toutes, possibles = cv.regles(), cv.refus_possibles()
    matrice.guidee, matrice.regles = True, regles
    matrice.sans_campagne = cv.defauts_jamais_atteints(couverture, regles)
    matrice.regles_possibles, matrice.regles_non_atteintes = len(toutes), couverture.regles_non_atteintes(toutes)
    matrice.refus_possibles, matrice.refus_non_atteints = len(possibles), couverture.refus_non_atteints(possibles)
    matrice.refus_gardes = [r for r in possibles if r.garde]


@dataclass
class _Suivi:
    """Progress of the guided campaign: a line per defect once all its runs are done, with the time
    left (the reference durations of the runs to come, scaled by how the done ones compared)."""

    demandes: dict[str, tuple[str, ...]]
    estimees: dict[str, float]  # defect -> its runs' reference durations, shared by the workers
    surcout: float
    progression: Callable[[str], None]
    rangs: dict[str, int]
    temoins: dict[str, set[str]] = field(default_factory=dict)  # controls: not counted as detections
    faits: dict[str, list[Issue]] = field(default_factory=dict)
    finis: list[str] = field(default_factory=list)
    debut: float = field(default_factory=time.monotonic)

    def noter(self, issue: Issue) -> None:
        faits = self.faits.setdefault(issue.defaut, [])
        faits.append(issue)
        attendus = len(self.demandes.get(issue.defaut, ()))
        if len(faits) == attendus:
            self.finis.append(issue.defaut)
            self.progression(self.ligne(issue.defaut))
        elif len(faits) % PAS_D_AVANCEMENT == 0:  # a defect met by many scenarios: news on the way
            self.progression(f"[{self.rangs[issue.defaut]}/{len(self.rangs)}] {issue.defaut} : {len(faits)}/{attendus} "
                             f"scénarios… ; reste environ {_duree_courte(self.reste())}")

    def ligne(self, defaut: str) -> str:
        faits = self.faits[defaut]
        temoins = self.temoins.get(defaut, set())
        detectes = sum(1 for i in faits if i.echec and i.scenario not in temoins)
        verdict = f"détecté par {detectes} scénario(s)" if detectes else "NON DÉTECTÉ"
        manques = sum(1 for i in faits if i.echec and i.scenario in temoins)
        if temoins:
            verdict += f", {len(temoins)} témoin(s) hors guidage" + (f" DONT {manques} EN ÉCHEC" if manques else " sans échec")
        return (f"[{self.rangs[defaut]}/{len(self.rangs)}] {defaut} : {_scenarios(len(faits))}, "
                f"{_duree_courte(sum(i.duree for i in faits))}, {verdict} ; reste environ {_duree_courte(self.reste())}")

    def reste(self) -> float:
        """The reference time of the runs to come, scaled by elapsed / reference time of the runs done
        (a defect's runs done so far count too: with only finished defects counted, the estimate
        grew all through a defect of many scenarios)."""
        prevu = self.surcout + sum(self.estimees[d] * self._fait(d) for d in self.estimees)
        facteur = (time.monotonic() - self.debut) / prevu if prevu else 1.0
        return facteur * sum(e * (1 - self._fait(d)) for d, e in self.estimees.items())

    def _fait(self, defaut: str) -> float:
        """The share of ``defaut``'s runs already done (0 to 1)."""
        attendus = len(self.demandes.get(defaut, ()))
        return min(len(self.faits.get(defaut, ())) / attendus, 1.0) if attendus else 1.0


def _scenarios(nombre: int) -> str:
    return f"{nombre} scénario{'s' if nombre > 1 else ''}"


def _duree_courte(secondes: float) -> str:
    """``18 s``, ``2 min 10 s``, ``1 h 05 min``."""
    secondes = round(secondes)
    if secondes < 60:
        return f"{secondes} s"
    if secondes < 3600:
        return f"{secondes // 60} min {secondes % 60:02d} s"
    return f"{secondes // 3600} h {secondes % 3600 // 60:02d} min"


def _duree(secondes: float) -> str:
    return f"{secondes:.1f} s".replace(".", ",")


def _pourcentage(taux: float) -> str:
    return f"{taux * 100:.1f} %".replace(".", ",")


def en_texte(matrice: Matrice) -> str:
    lignes = ["Défauts du bac à sable :"]
    for rang, defaut in enumerate(matrice.defauts, 1):
        trouves = matrice.detections.get(defaut, [])
        trou = f" ; {matrice.regles[defaut]} : {matrice.sans_campagne[defaut]}" if defaut in matrice.sans_campagne else ""
        verdict = f"détecté par {len(trouves)} scénario(s)" if trouves else f"NON DÉTECTÉ (trou de la recette{trou})"
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
    return "\n".join(lignes + (_trous(matrice) if matrice.guidee else [])) + "\n"


def _trous(matrice: Matrice) -> list[str]:
    """Rules and refusals of the sandbox no scenario reaches (guided measure only)."""
    regles = ", ".join(matrice.regles_non_atteintes) or "aucune"
    compte_regles = f"{len(matrice.regles_non_atteintes)} sur {matrice.regles_possibles}"
    provocables = matrice.refus_possibles - len(matrice.refus_gardes)
    compte_refus = f"{len(matrice.refus_non_atteints)} sur {provocables}"
    deux_points = " :" if matrice.refus_non_atteints else ""
    lignes = ["", f"Règles jamais atteintes par la recette ({compte_regles}) : {regles}",
              f"Refus jamais atteints par la recette ({compte_refus}){deux_points}",
              *(f"  {refus}" for refus in matrice.refus_non_atteints)]
    if matrice.temoins:
        lances = sum(map(len, matrice.temoins.values()))
        manques = {d: s for d, s in matrice.temoins_en_echec.items() if s}
        lignes.append(f"Témoins hors guidage : {lances} exécution(s) de scénarios que le guidage écarte, "
                      f"{sum(map(len, manques.values()))} en échec" + (" :" if manques else " (le guidage n'a rien manqué)"))
        lignes += [f"  {d} : {s}" for d, scenarios in manques.items() for s in scenarios]
    if matrice.refus_gardes:
        lignes += [f"Refus déclarés non provocables dans le bac à sable ({len(matrice.refus_gardes)}, hors compte) :",
                   *(f"  {refus}" for refus in matrice.refus_gardes)]
    return lignes


def en_json(matrice: Matrice) -> str:
    return json.dumps(matrice.to_dict(), ensure_ascii=False) + "\n"
