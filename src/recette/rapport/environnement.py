"""The environment block of the report: what was tested, on what, with which scenarios, by whom.

The campaign writes what only it knows (target, its version, browser) in
``environment.properties``; ``recette rapport`` adds the release, the commit of the scenarios,
the campaign's dates and who ran it (the CI job's URL in CI). The commit is read from ``.git``
directly: no ``git`` executable is needed on the machine that builds the report. Whether the
scenarios (``features/``, ``steps/``) differed from that commit is asked to ``git status`` by the
campaign itself (key ``Modifications des scénarios``), so the PV never cites a commit as what ran
when uncommitted changes ran. Every time is Paris time, and says so.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import shutil
import socket
import subprocess
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from recette.rapport.resultats import Campagne

BAC_A_SABLE = "bac à sable"
MODIFICATIONS = "Modifications des scénarios"
AUCUNE = "aucune"
NON_VALIDEES = "modifications non validées"
DOSSIERS_SCENARIOS = ("features", "steps")
ORDRE = ("Environnement", "Release Chorus", "Version de la cible", "Navigateur", "Commit des scénarios",
         "Campagne", "Lancée par", "Cible", "Exercice")


def horodatage(ms: int) -> dt.datetime:
    """A result's timestamp (ms) in Paris time, whatever the CI machine's zone (UTC, often)."""
    instant = dt.datetime.fromtimestamp(ms / 1000, dt.UTC)
    try:
        return instant.astimezone(ZoneInfo("Europe/Paris"))
    except ZoneInfoNotFoundError:  # no time zone database: the machine's local time
        return instant.astimezone()


def fuseau(instant: dt.datetime) -> str:
    """The label of a time: « heure de Paris », or « heure locale » without the zone database."""
    return "heure de Paris" if getattr(instant.tzinfo, "key", "") == "Europe/Paris" else "heure locale"


def maintenant() -> str:
    """Now, as the report writes a time: ``23/11/2026 à 19:57 (heure de Paris)``."""
    instant = horodatage(int(dt.datetime.now(dt.UTC).timestamp() * 1000))
    return f"{instant:%d/%m/%Y à %H:%M} ({fuseau(instant)})"


def periode(debut_ms: int, fin_ms: int) -> str:
    if not debut_ms:
        return "non datée"
    debut, fin = horodatage(debut_ms), horodatage(fin_ms or debut_ms)
    if debut.date() == fin.date():
        return f"{debut:%d/%m/%Y} de {debut:%H:%M} à {fin:%H:%M} ({fuseau(debut)})"
    return f"du {debut:%d/%m/%Y %H:%M} au {fin:%d/%m/%Y %H:%M} ({fuseau(debut)})"


def modifications(racine: Path) -> str | None:
    """``aucune``, or ``modifications non validées : features/x.feature, …`` (git status of the
    scenarios); None when git cannot tell (no executable, not a repository)."""
    git = shutil.which("git")
    if git is None or not (racine / ".git").exists():
        return None
    fini = subprocess.run([git, "status", "--porcelain", "--untracked-files=all", "--", *DOSSIERS_SCENARIOS],
                          cwd=racine, capture_output=True, text=True, timeout=30, check=False)
    if fini.returncode != 0:
        return None
    fichiers = [ligne[3:].strip() for ligne in fini.stdout.splitlines() if ligne.strip()]
    fichiers = [f for f in fichiers if "__pycache__" not in f]
    if not fichiers:
        return AUCUNE
    suite = f" (+{len(fichiers) - 5})" if len(fichiers) > 5 else ""
    return f"{NON_VALIDEES} : {', '.join(fichiers[:5])}{suite}"


def commit_des_scenarios(sha: str, etat: str | None) -> str:
    """The commit, followed by the uncommitted changes that ran with it, if any."""
    if etat and etat != AUCUNE:
        return f"{sha} + {etat}"
    return sha


def release(campagne: Campagne, option: str | None) -> str:
    """``--release`` first, then the target's release written by the campaign, else the sandbox."""
    return option or campagne.environnement.get("Release Chorus") or BAC_A_SABLE


def commit(racine: Path, variables: Mapping[str, str] = os.environ) -> str:
    """The commit of the scenarios: from the CI variables, else read from ``.git``."""
    for variable in ("CI_COMMIT_SHA", "GITHUB_SHA", "GIT_COMMIT"):
        if variables.get(variable):
            return variables[variable]
    return _commit_local(racine) or "inconnu"


def _commit_local(racine: Path) -> str | None:
    git = racine / ".git"
    if git.is_file():  # worktree or submodule: "gitdir: <path>"
        git = (racine / git.read_text(encoding="utf-8").partition(":")[2].strip()).resolve()
    tete = git / "HEAD"
    if not tete.is_file():
        return None
    contenu = tete.read_text(encoding="utf-8").strip()
    if not contenu.startswith("ref:"):
        return contenu or None
    reference = contenu.partition(":")[2].strip()
    fichier = git / reference
    if fichier.is_file():
        return fichier.read_text(encoding="utf-8").strip() or None
    return _reference_empaquetee(git, reference)


def _reference_empaquetee(git: Path, reference: str) -> str | None:
    empaquetees = git / "packed-refs"
    if not empaquetees.is_file():
        return None
    for ligne in empaquetees.read_text(encoding="utf-8").splitlines():
        empreinte, _, nom = ligne.partition(" ")
        if nom.strip() == reference:
            return empreinte
    return None


def lanceur(variables: Mapping[str, str] = os.environ) -> str:
    """Who ran it: the CI job's URL (GitLab, GitHub, Jenkins), else user@machine."""
    if variables.get("CI_JOB_URL"):
        return variables["CI_JOB_URL"]
    if variables.get("GITHUB_RUN_ID") and variables.get("GITHUB_REPOSITORY"):
        serveur = variables.get("GITHUB_SERVER_URL", "https://github.com")
        return f"{serveur}/{variables['GITHUB_REPOSITORY']}/actions/runs/{variables['GITHUB_RUN_ID']}"
    if variables.get("BUILD_URL"):
        return variables["BUILD_URL"]
    try:
        utilisateur = getpass.getuser()
    except (KeyError, OSError):
        utilisateur = "inconnu"
    return f"{utilisateur}@{socket.gethostname()}"


def bloc(campagne: Campagne, release_: str, racine: Path, variables: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment block, in reading order, the campaign's own keys kept after ours."""
    infos = dict(campagne.environnement)
    infos.pop("Date", None)
    infos.pop("Release Chorus", None)
    etat = infos.pop(MODIFICATIONS, None) or modifications(racine)
    infos.update({"Release Chorus": release_, "Commit des scénarios": commit_des_scenarios(commit(racine, variables), etat),
                  "Campagne": periode(campagne.debut, campagne.fin), "Lancée par": lanceur(variables)})
    if campagne.doublons:
        infos["Avertissement"] = f"{len(campagne.doublons)} scénario(s) exécuté(s) dans plusieurs tranches"
    ordonne = {cle: infos.pop(cle) for cle in ORDRE if cle in infos}
    return {**ordonne, **infos}
