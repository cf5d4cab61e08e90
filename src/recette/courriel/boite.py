"""pytest side of recette.courriel: its option, the SMTP receiver of the worker, the scenario's
mailbox (registered by recette/plugin.py).

On the embedded sandbox (no ``courriel:`` block) the receiver starts once per process, before the
sandbox, which the ``cible`` fixture points at it (``ServeurBac(smtp=recepteur.adresse)``); on an
environment with a ``courriel:`` block, the mailbox is read by IMAP. Either way the steps get
``boite_courriel``: the messages arrived since the scenario started.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from recette.cible import CLE_ENVIRONNEMENT
from recette.config import FICHIER, Environnement
from recette.courriel.imap import LecteurIMAP
from recette.courriel.message import BoiteCourriel
from recette.courriel.recepteur import DELAI_PAR_DEFAUT, RecepteurSMTP
from recette.erreurs import ErreurConfiguration

CLE_RECEPTEUR = pytest.StashKey[RecepteurSMTP]()
CLE_DEBUT = pytest.StashKey[tuple[dt.datetime, int]]()


def ajouter_options(groupe: pytest.OptionGroup) -> None:
    groupe.addoption("--courriel-delai", dest="recette_courriel_delai", type=float, default=DELAI_PAR_DEFAUT,
                     metavar="SECONDES", help="attente maximale d'un courriel attendu, en secondes "
                                              f"(défaut : {DELAI_PAR_DEFAUT:g})")


def recoit_par_smtp(environnement: Environnement) -> bool:
    """The embedded sandbox with no mailbox configured: its e-mails go to our SMTP receiver."""
    return environnement.bac_a_sable and environnement.courriel is None


@pytest.fixture(scope="session")
def recepteur_smtp(pytestconfig: pytest.Config) -> Iterator[RecepteurSMTP]:
    """This process's SMTP receiver (port 0), kept in the config's stash for the scenarios' start."""
    with RecepteurSMTP(delai=pytestconfig.option.recette_courriel_delai) as recepteur:
        pytestconfig.stash[CLE_RECEPTEUR] = recepteur
        yield recepteur
        del pytestconfig.stash[CLE_RECEPTEUR]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """The scenario's start, before its fixtures: what arrives later is its own."""
    recepteur = item.config.stash.get(CLE_RECEPTEUR, None)
    item.stash[CLE_DEBUT] = (dt.datetime.now(dt.UTC), recepteur.nombre if recepteur is not None else 0)


@pytest.fixture
def boite_courriel(pytestconfig: pytest.Config, request: pytest.FixtureRequest) -> BoiteCourriel:
    """The scenario's mailbox: the SMTP receiver on the embedded sandbox, the IMAP mailbox of the
    environment's ``courriel:`` block elsewhere; only what arrived since the scenario started."""
    environnement = pytestconfig.stash[CLE_ENVIRONNEMENT]
    delai = float(pytestconfig.option.recette_courriel_delai)
    debut, rang = request.node.stash.get(CLE_DEBUT, (dt.datetime.now(dt.UTC), 0))
    if environnement.courriel is not None:
        return LecteurIMAP.de_configuration(environnement.courriel, environnement.nom).vue(delai, debut)
    if not recoit_par_smtp(environnement):
        raise ErreurConfiguration(f"aucune boîte de courriel pour l'environnement « {environnement.nom} » : "
                                  "ajoutez-lui un bloc courriel: (serveur IMAP et noms des variables de "
                                  "l'identifiant et du mot de passe)", FICHIER)
    recepteur: RecepteurSMTP = request.getfixturevalue("recepteur_smtp")
    return recepteur.vue(delai, depuis=rang)
