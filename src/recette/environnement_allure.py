"""The Allure environment block: environment name, Chorus release or sandbox version, browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from recette.cible import CLE_ENVIRONNEMENT, Cible
from recette.rapport.environnement import MODIFICATIONS, maintenant, modifications

CLE_INFOS = pytest.StashKey[dict[str, str]]()


@pytest.fixture(scope="session", autouse=False)
def _infos_environnement(pytestconfig: pytest.Config, cible: Cible, browser: Browser) -> Iterator[None]:
    infos = pytestconfig.stash.setdefault(CLE_INFOS, {})
    infos["Navigateur"] = f"{browser.browser_type.name} {browser.version}"
    if cible.environnement.navigateur:  # a remote Playwright browser server
        infos["Navigateur"] += f" (distant : {cible.environnement.navigateur})"
    infos["Cible"] = cible.url
    infos["Version de la cible"] = ("Bac à sable Chorus " if cible.reinitialisable else "") + cible.version
    infos["Exercice"] = str(cible.exercice)
    yield


def ecrire(config: pytest.Config) -> None:
    """Write ``environment.properties`` in the Allure results directory (when Allure is on)."""
    dossier = getattr(config.option, "allure_report_dir", None)
    if not dossier or CLE_ENVIRONNEMENT not in config.stash:
        return
    env = config.stash[CLE_ENVIRONNEMENT]
    infos = {"Environnement": env.nom, "Release Chorus": env.release or "bac à sable", "Date": maintenant(),
             **config.stash.get(CLE_INFOS, {})}
    etat = modifications(Path(config.rootpath))
    if etat is not None:  # what ran: the scenarios as they were on disk, not only their last commit
        infos[MODIFICATIONS] = etat
    fichier = Path(dossier) / "environment.properties"
    fichier.parent.mkdir(parents=True, exist_ok=True)
    valeurs = {f"{cle.replace(' ', '.')}": valeur for cle, valeur in infos.items()}
    # Under xdist the workers know the browser, the controller does not: merge, never lose.
    if fichier.exists():
        anciennes = dict(ligne.split("=", 1) for ligne in fichier.read_text(encoding="utf-8").splitlines() if "=" in ligne)
        valeurs = {**valeurs, **{k: v for k, v in anciennes.items() if k not in valeurs or k != "Date"}}
    fichier.write_text("".join(f"{k}={v}\n" for k, v in valeurs.items()), encoding="utf-8")
