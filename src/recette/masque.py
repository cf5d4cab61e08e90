"""Secrets never leak: the values of the credential variables are masked everywhere we write.

One process-wide :data:`masqueur` holds the values (registered by the plugin from ``recette.yaml``
and the sandbox's password) and masks them, as written and URL- or JSON-encoded:

- **Allure results**: test and step names, parameters, status messages and traces, before the
  result file is written; attached files before they are copied; attached data once written;
- **pytest reports** (terminal, JUnit XML): failure texts and captured output and logs;
- **logs**: every log record, whatever its logger;
- **files**: at the end of the session, every file under ``reports/``, the Allure results, the
  JUnit file, the evidence and Playwright's outputs, **inside zip archives too** (traces).

Masking is a safety net: the framework itself never types a password in a page (it logs in
through the API and gives the browser a storage state) and never prints one.
"""

from __future__ import annotations

import io
import json
import logging
import os
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import allure_commons
import pytest

MASQUE = "********"
CLE_DEBUT = pytest.StashKey[float]()
LONGUEUR_MINIMALE = 4  # a shorter "secret" would mask half of every report


class Masqueur:
    """The secret values of this process and how to hide them in text, bytes and files."""

    def __init__(self) -> None:
        self._formes: set[str] = set()

    def enregistrer(self, *valeurs: str) -> None:
        for valeur in valeurs:
            if valeur and len(valeur) >= LONGUEUR_MINIMALE:
                self._formes |= {valeur, quote(valeur, safe=""), quote_plus(valeur), json.dumps(valeur)[1:-1]}

    def oublier(self) -> None:
        self._formes.clear()

    @property
    def actif(self) -> bool:
        return bool(self._formes)

    def _par_longueur(self) -> list[str]:
        return sorted(self._formes, key=len, reverse=True)  # the longest form first

    def masquer(self, texte: str) -> str:
        for forme in self._par_longueur():
            if forme in texte:
                texte = texte.replace(forme, MASQUE)
        return texte

    def masquer_octets(self, donnees: bytes) -> bytes:
        for forme in self._par_longueur():
            for codage in ("utf-8", "utf-16-le"):
                brut = forme.encode(codage)
                if brut in donnees:
                    donnees = donnees.replace(brut, MASQUE.encode(codage))
        return donnees

    def contient(self, donnees: bytes) -> bool:
        return any(forme.encode(c) in donnees for forme in self._formes for c in ("utf-8", "utf-16-le"))

    def masquer_archive(self, donnees: bytes) -> bytes:
        """A zip archive with every member masked (archives inside it too); unchanged when clean."""
        with zipfile.ZipFile(io.BytesIO(donnees)) as entree:
            membres = [(m, entree.read(m)) for m in entree.infolist()]
        masques = [(m, self._masquer_contenu(brut)) for m, brut in membres]
        if all(masque == brut for (_m, brut), (_n, masque) in zip(membres, masques, strict=True)):
            return donnees
        sortie = io.BytesIO()
        with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as nouvelle:
            for membre, contenu in masques:
                nouvelle.writestr(membre, contenu)
        return sortie.getvalue()

    def _masquer_contenu(self, donnees: bytes) -> bytes:
        if donnees[:4] == b"PK\x03\x04" and zipfile.is_zipfile(io.BytesIO(donnees)):
            return self.masquer_archive(donnees)
        return self.masquer_octets(donnees)

    def masquer_fichier(self, chemin: Path) -> bool:
        """Mask ``chemin`` in place; True when it changed."""
        if not self.actif or not chemin.is_file():
            return False
        donnees = chemin.read_bytes()
        masque = self._masquer_contenu(donnees)
        if masque == donnees:
            return False
        chemin.write_bytes(masque)
        return True

    def masquer_dossiers(self, dossiers: Iterable[Path], depuis: float = 0.0) -> int:
        """Mask every file under ``dossiers`` written since ``depuis`` (a time); the number changed."""
        vus: set[Path] = set()
        for dossier in dossiers:
            fichiers = [dossier] if dossier.is_file() else (dossier.rglob("*") if dossier.is_dir() else [])
            vus |= {f.resolve() for f in fichiers if f.is_file() and f.stat().st_mtime >= depuis}
        return sum(self.masquer_fichier(f) for f in sorted(vus))

    def masquer_objet(self, objet: Any) -> Any:
        """Mask every string inside an Allure model object (attrs classes, lists, dicts), in place."""
        if isinstance(objet, str):
            return self.masquer(objet)
        if isinstance(objet, list):
            objet[:] = [self.masquer_objet(x) for x in objet]
        elif isinstance(objet, dict):
            for cle in list(objet):
                objet[cle] = self.masquer_objet(objet[cle])
        elif hasattr(objet, "__dict__") and not isinstance(objet, type):
            for nom, valeur in vars(objet).items():
                setattr(objet, nom, self.masquer_objet(valeur))
        return objet


masqueur = Masqueur()


# --- Logs -----------------------------------------------------------------------------------------
_fabrique_d_origine = logging.getLogRecordFactory()


def _fabrique_masquee(*args: Any, **kwargs: Any) -> logging.LogRecord:
    enregistrement = _fabrique_d_origine(*args, **kwargs)
    if masqueur.actif:
        message = enregistrement.getMessage()
        masque = masqueur.masquer(message)
        if masque != message:
            enregistrement.msg, enregistrement.args = masque, ()
    return enregistrement


# --- Allure ---------------------------------------------------------------------------------------
class MasqueAllure:
    """allure-commons hooks: results and attachments are masked before (or as) they are written."""

    def __init__(self, dossier: Path) -> None:
        self.dossier = dossier

    @allure_commons.hookimpl(tryfirst=True)
    def report_result(self, result: Any) -> None:
        masqueur.masquer_objet(result)

    @allure_commons.hookimpl(tryfirst=True)
    def report_container(self, container: Any) -> None:
        masqueur.masquer_objet(container)

    @allure_commons.hookimpl(tryfirst=True)
    def report_attached_file(self, source: str, file_name: str) -> None:
        masqueur.masquer_fichier(Path(source))

    @allure_commons.hookimpl(trylast=True)
    def report_attached_data(self, body: Any, file_name: str) -> None:
        masqueur.masquer_fichier(self.dossier / file_name)


# --- pytest ----------------------------------------------------------------------------------------
def configurer(config: pytest.Config, valeurs: Iterable[str]) -> None:
    """Register the secret values and every place they must be masked."""
    masqueur.enregistrer(*valeurs)
    if logging.getLogRecordFactory() is not _fabrique_masquee:
        logging.setLogRecordFactory(_fabrique_masquee)
        config.add_cleanup(lambda: logging.setLogRecordFactory(_fabrique_d_origine))
    config.stash[CLE_DEBUT] = time.time()
    config.add_cleanup(masqueur.oublier)
    dossier = getattr(config.option, "allure_report_dir", None)
    if dossier:
        greffon = MasqueAllure(Path(os.path.abspath(dossier)))
        allure_commons.plugin_manager.register(greffon)
        config.add_cleanup(lambda: allure_commons.plugin_manager.unregister(greffon))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Failure texts and captured output, before the terminal, JUnit or xdist read them."""
    if not masqueur.actif:
        return
    report.sections = [(titre, masqueur.masquer(contenu)) for titre, contenu in report.sections]
    if report.longrepr is not None:
        texte = str(report.longrepr)
        masque = masqueur.masquer(texte)
        if masque != texte:
            report.longrepr = masque


def dossiers_de_sortie(config: pytest.Config) -> list[Path]:
    """Everything the campaign writes: reports/, Allure results, JUnit, evidence, Playwright output."""
    options = config.option
    candidats = [config.rootpath / "reports", Path("reports"), getattr(options, "allure_report_dir", None),
                 getattr(options, "xmlpath", None), getattr(options, "recette_preuves", None),
                 getattr(options, "output", None)]
    return [Path(c) for c in candidats if c]


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Last: every file this session wrote under the campaign's outputs, archives included."""
    if masqueur.actif:
        debut = session.config.stash.get(CLE_DEBUT, 0.0) - 2  # coarse file-system clocks
        masqueur.masquer_dossiers(dossiers_de_sortie(session.config), debut)
