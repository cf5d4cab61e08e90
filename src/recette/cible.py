"""The target of the campaign: the embedded sandbox (one per xdist worker) or a named URL."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from recette.client import ClientChorus
from recette.config import Configuration, Environnement
from recette.connexion import Connexions, Session
from recette.erreurs import ErreurApi, ErreurEnvironnement
from recette.identifiants import Identifiants

#: Set by ``recette mutation``: the embedded sandbox lets each scenario switch its defects.
MUTATION = "CHORUS_SANDBOX_MUTATION"
CLE_CONFIGURATION = pytest.StashKey[Configuration]()
CLE_ENVIRONNEMENT = pytest.StashKey[Environnement]()
CLE_IDENTIFIANTS = pytest.StashKey[Identifiants]()


@dataclass
class Cible:
    """Where the scenarios act: base URL, API client, exercice and version of the target."""

    environnement: Environnement
    url: str
    client: ClientChorus
    exercice: int
    version: str
    reinitialisable: bool
    connexions: Connexions | None = None  # sessions of this process (one login per user)
    session: Session | None = None  # the campaign's user (the browser's storage state, the API token)

    def client_de(self, session: Session) -> ClientChorus:
        """The target's API as another user."""
        return self.client.avec_jeton(session.jeton)

    def reinitialiser(self) -> None:
        """Each scenario starts from the environment's dataset as loaded (on a sandbox; a real Chorus
        can't): not the dataset a previous scenario loaded, whose verdicts would then depend on
        the order of the scenarios."""
        if self.reinitialisable:
            self.client.charger_jeu(self.environnement.donnees)


def ajouter_options(groupe: pytest.OptionGroup) -> None:
    groupe.addoption("--env", dest="recette_env", default=None, metavar="NOM",
                     help="environnement de recette.yaml visé (défaut : RECETTE_ENV ou bac-a-sable)")


def _demarrer_bac(env: Environnement, dossier: Path, mot_de_passe: str,
                  smtp: str | None = None) -> tuple[object, object]:
    # The only place the framework touches the sandbox in-process: starting it, with the password
    # of its seeded users (the campaign's: CHORUS_SANDBOX_MOT_DE_PASSE, or drawn for this run) and
    # the SMTP server of its BO schedules (``smtp``: host:port; None: CHORUS_SANDBOX_SMTP, if set).
    from chorus_sandbox import Bac, ServeurBac

    bac = Bac(url=f"sqlite:///{dossier / 'chorus.sqlite'}", jeu=env.donnees,
              defauts=_defauts_du_bac(), mot_de_passe=mot_de_passe,
              defauts_variables=os.environ.get(MUTATION) == "1")
    serveur = ServeurBac(bac, smtp=smtp)
    serveur.demarrer()
    return bac, serveur


def _defauts_du_bac() -> frozenset[str]:
    from chorus_sandbox.domaine.defauts import lire_defauts

    return lire_defauts(os.environ.get("CHORUS_SANDBOX_DEFAUTS"))


@pytest.fixture(scope="session")
def cible(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory,
          request: pytest.FixtureRequest) -> Iterator[Cible]:
    """The target for this process: with xdist each worker starts its own sandbox (port 0),
    after its own SMTP receiver (recette/courriel), where the sandbox sends its BO schedules."""
    env = pytestconfig.stash[CLE_ENVIRONNEMENT]
    identifiants = pytestconfig.stash[CLE_IDENTIFIANTS]
    bac = serveur = None
    if env.bac_a_sable:
        smtp = request.getfixturevalue("recepteur_smtp").adresse if env.courriel is None else None
        bac, serveur = _demarrer_bac(env, tmp_path_factory.mktemp("bac-a-sable"), identifiants.mot_de_passe, smtp)
        url = serveur.url  # type: ignore[attr-defined]
    else:
        url = str(env.url)
    if not env.api_du_bac_a_sable:  # a real Chorus: nothing but its screens (login: the browser's)
        yield Cible(env, url, ClientChorus(url), env.exercice or annee_a_paris(), "non communiquée", False)
        _arreter(bac, serveur)
        return
    try:
        sante = ClientChorus(url).sante()
    except (ErreurEnvironnement, ErreurApi) as exc:
        raise ErreurEnvironnement(f"L'environnement « {env.nom} » ne répond pas : {exc}") from None
    connexions = Connexions(url, identifiants.mot_de_passe)
    session = connexions.session(identifiants.utilisateur)  # once per process, through the API
    client = ClientChorus(url, jeton=session.jeton)
    yield Cible(env, url, client, int(sante["exercice"]), str(sante.get("version", "?")), "jeu" in sante,
                connexions, session)
    client.fermer()
    _arreter(bac, serveur)


def _arreter(bac: object, serveur: object) -> None:
    if serveur is not None:
        serveur.arreter()  # type: ignore[attr-defined]
        bac.fermer()  # type: ignore[attr-defined]


def annee_a_paris() -> int:
    """The current year in Paris: the exercice of a target that cannot say its own."""
    return dt.datetime.now(ZoneInfo("Europe/Paris")).year
