"""The environment block of the report: what was tested, on what, with which scenarios, by whom.

The campaign writes what only it knows (target, its version, browser) in
``environment.properties``; ``recette rapport`` adds the release, the commit of the scenarios,
the campaign's dates and who ran it (the CI job's URL in CI). Git is read from ``.git`` directly:
no ``git`` executable is needed on the machine that builds the report.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import socket
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from recette.rapport.resultats import Campagne

BAC_A_SABLE = "bac à sable"
ORDRE = ("Environnement", "Release Chorus", "Version de la cible", "Navigateur", "Commit des scénarios",
         "Campagne", "Lancée par", "Cible", "Exercice")


def horodatage(ms: int) -> dt.datetime:
    """A result's timestamp (ms) in Paris time, whatever the CI machine's zone (UTC, often)."""
    instant = dt.datetime.fromtimestamp(ms / 1000, dt.UTC)
    try:
        return instant.astimezone(ZoneInfo("Europe/Paris"))
    except ZoneInfoNotFoundError:  # no time zone database: the machine's local time
        return instant.astimezone()


def periode(debut_ms: int, fin_ms: int) -> str:
    if not debut_ms:
        return "non datée"
    debut, fin = horodatage(debut_ms), horodatage(fin_ms or debut_ms)
    if debut.date() == fin.date():
        return f"{debut:%d/%m/%Y} de {debut:%H:%M} à {fin:%H:%M}"
    return f"du {debut:%d/%m/%Y %H:%M} au {fin:%d/%m/%Y %H:%M}"


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
    infos.update({"Release Chorus": release_, "Commit des scénarios": commit(racine, variables),
                  "Campagne": periode(campagne.debut, campagne.fin), "Lancée par": lanceur(variables)})
    if campagne.doublons:
        infos["Avertissement"] = f"{len(campagne.doublons)} scénario(s) exécuté(s) dans plusieurs tranches"
    ordonne = {cle: infos.pop(cle) for cle in ORDRE if cle in infos}
    return {**ordonne, **infos}
