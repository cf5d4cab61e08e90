"""Shared fixtures of the sandbox test suite (fixtures only: helpers live in the test modules)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import pickle
import secrets
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from chorus_sandbox import jeux
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine.depot import CLES, DepotMemoire
from chorus_sandbox.domaine.regles import Contexte
from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application

with warnings.catch_warnings():  # starlette warns that it would prefer httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

# The seeded users' password for this test session: random (none in the repository), the same for
# every sandbox the tests start, so that its Argon2id hash is computed once per process.
os.environ.setdefault("CHORUS_SANDBOX_MOT_DE_PASSE", secrets.token_urlsafe(18))
UTILISATEUR_NATIONAL = "recette.nationale"


def _connecter(client: TestClient, identifiant: str = UTILISATEUR_NATIONAL) -> TestClient:
    """Log ``client`` in through the API: every later request carries the user's Bearer token."""
    reponse = client.post("/api/connexion", json={"identifiant": identifiant,
                                                  "mot_de_passe": os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"]})
    assert reponse.status_code == 200, reponse.text
    client.headers["Authorization"] = f"Bearer {reponse.json()['jeton']}"
    client.cookies.clear()  # the token only: no session cookie, hence no CSRF token needed
    return client


@pytest.fixture(scope="session")
def dossier_donnees() -> Path:
    """``tests/donnees``: the ``mini`` dataset (round amounts) and its référentiel."""
    return Path(__file__).parent / "donnees"


@pytest.fixture
def ctx() -> Contexte:
    """Exercice 2026, mid-year, no defect."""
    return Contexte(2026, dt.date(2026, 6, 15))


@pytest.fixture(scope="session")
def _depot_mini_modele(dossier_donnees: Path) -> bytes:
    depot = DepotMemoire()
    jeu = jeux.lire_jeu("mini", dossier_donnees)
    jeux.charger(depot, Contexte(2026, dt.date(2026, 6, 15)), jeu)
    return pickle.dumps(depot)


@pytest.fixture
def depot_mini(_depot_mini_modele: bytes) -> DepotMemoire:
    """A fresh in-memory copy of the ``mini`` dataset (loaded through the operations on 15/06/2026)."""
    return pickle.loads(_depot_mini_modele)


@pytest.fixture(scope="session")
def _depot_referentiel_modele(dossier_donnees: Path) -> bytes:
    depot = DepotMemoire()
    mini = jeux.lire_jeu("mini", dossier_donnees)
    contenu = {"referentiel": mini.contenu["referentiel"], "fournisseurs": mini.contenu["fournisseurs"]}
    jeu = jeux.Jeu("referentiel", mini.chemin, "référentiel seul", 2026, contenu)
    jeux.charger(depot, Contexte(2026, dt.date(2026, 6, 15)), jeu)
    return pickle.dumps(depot)


@pytest.fixture
def depot_referentiel(_depot_referentiel_modele: bytes) -> DepotMemoire:
    """In memory: référentiel and suppliers of ``mini``, no loi de finances, no credits."""
    return pickle.loads(_depot_referentiel_modele)


@pytest.fixture(scope="session")
def _bac_partage(dossier_donnees: Path) -> Iterator[Bac]:
    bac = Bac(jeu="mini", fixtures=dossier_donnees)
    yield bac
    bac.fermer()


@pytest.fixture
def bac(_bac_partage: Bac) -> Bac:
    """The shared SQLite sandbox on ``mini``, reset to its initial state before the test."""
    _bac_partage.reinitialiser()
    return _bac_partage


@pytest.fixture
def bac_neuf(dossier_donnees: Path) -> Iterator[Bac]:
    """A sandbox of its own (own SQLite file) on ``mini``, for tests that must not share one."""
    bac = Bac(jeu="mini", fixtures=dossier_donnees)
    yield bac
    bac.fermer()


@pytest.fixture(scope="session")
def _client_partage(_bac_partage: Bac) -> Iterator[TestClient]:
    with TestClient(creer_application(_bac_partage), raise_server_exceptions=False) as c:
        yield _connecter(c)


@pytest.fixture
def client(_client_partage: TestClient, bac: Bac) -> TestClient:
    """TestClient on the shared sandbox (reset first); a server error comes back as a 500."""
    return _client_partage


@pytest.fixture(scope="session")
def connecter() -> Callable[..., TestClient]:
    """``connecter(client, identifiant="recette.nationale")``: log a TestClient in (Bearer token)."""
    return _connecter


@pytest.fixture
def instantane() -> Callable[[DepotMemoire], dict[str, object]]:
    """A function returning everything a :class:`DepotMemoire` holds, to compare before/after."""

    def prendre(depot: DepotMemoire) -> dict[str, object]:
        etat: dict[str, object] = {
            classe.__name__: sorted(repr(dataclasses.asdict(o)) for o in depot.lister(classe))
            for classe in (*CLES, m.MiseADisposition, m.Evenement)
        }
        # depot.enveloppe() creates missing enveloppes empty on a mere read: all-zero = absent
        etat["Enveloppe"] = sorted(
            repr(dataclasses.asdict(e)) for e in depot.lister(m.Enveloppe)
            if any(getattr(e, f.name) for f in dataclasses.fields(e) if f.name.startswith(("ae_", "cp_")))
        )
        etat["compteurs"] = dict(depot._compteurs)  # numbering must not move on a refusal
        return etat

    return prendre


@pytest.fixture
def instantane_api() -> Callable[[TestClient], dict[str, object]]:
    """A function reading, through the API, everything an operation can change (for before/after)."""
    # every committed operation writes a journal line, so the journal catches whatever the others miss
    lectures = ("/api/situation/programme/0150", "/api/engagements", "/api/demandes-paiement",
                "/api/tranches-fonctionnelles", "/api/mises-a-disposition", "/api/journal")

    def prendre(client: TestClient) -> dict[str, object]:
        etat = {}
        for url in lectures:
            reponse = client.get(url)
            etat[url] = (reponse.status_code, reponse.json())
        return etat

    return prendre
