"""pytest plugin of recette-chorus (entry point ``pytest11``): thin, delegating to the modules
that own each option and fixture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from recette import (
    allure_francais,
    cible,
    echecs,
    environnement_allure,
    etiquettes,
    extractions,
    identifiants,
    masque,
    navigateur,
    perimetre,
    preconditions,
    preuves,
    selection,
    shards,
)
from recette import config as configuration_recette
from recette.courriel import boite as courriel
from recette.documentation import enregistreur as documentation
from recette.erreurs import ErreurConfiguration
from recette.pages import faces


def pytest_addoption(parser: pytest.Parser) -> None:
    groupe = parser.getgroup("recette", "recette-chorus : recette des évolutions de Chorus")
    groupe.addoption("--recette-config", dest="recette_config", default=None, metavar="FICHIER",
                     help="fichier de configuration (défaut : recette.yaml à la racine)")
    cible.ajouter_options(groupe)
    preuves.ajouter_options(groupe)
    echecs.ajouter_options(groupe)
    extractions.ajouter_options(groupe)
    shards.ajouter_options(groupe)
    perimetre.ajouter_options(groupe)
    courriel.ajouter_options(groupe)
    documentation.ajouter_options(groupe)


def pytest_configure(config: pytest.Config) -> None:
    fichier = config.option.recette_config or Path(config.rootpath) / configuration_recette.FICHIER
    try:
        configuration = configuration_recette.charger(Path(fichier))
        environnement = configuration.environnement(config.option.recette_env)
    except ErreurConfiguration as exc:
        raise pytest.UsageError(f"Configuration de la recette invalide : {exc}") from None
    config.stash[cible.CLE_CONFIGURATION] = configuration
    config.stash[cible.CLE_ENVIRONNEMENT] = environnement
    faces.activer(environnement.ecrans)  # the page objects drive this face of Chorus (HTML or Fiori)
    try:  # a missing credential stops the campaign here, before any browser starts
        secret = identifiants.identifiants_campagne(environnement)
    except ErreurConfiguration as exc:
        raise pytest.UsageError(f"Identifiants de la recette manquants : {exc}") from None
    config.stash[cible.CLE_IDENTIFIANTS] = secret
    masque.configurer(config, [*identifiants.valeurs_secretes(environnement), secret.mot_de_passe])
    etiquettes.configurer(config, configuration.liens)
    preuves.configurer(config, configuration)
    allure_francais.configurer(config)
    # Registered now, after pytest-playwright, so that our fixtures extend (not lose) its own.
    for module in (cible, navigateur, preuves, echecs, etiquettes, environnement_allure, allure_francais, selection,
                   shards, perimetre, preconditions, masque, courriel, documentation):
        if not config.pluginmanager.is_registered(module):
            config.pluginmanager.register(module, f"recette.{module.__name__.rsplit('.', 1)[-1]}")


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, **_: Any) -> None:
    """Each scenario starts from the dataset's state; the environment block records the browser."""
    request.getfixturevalue("cible").reinitialiser()
    if getattr(request.config.option, "allure_report_dir", None):
        request.getfixturevalue("_infos_environnement")


def pytest_sessionfinish(session: pytest.Session) -> None:
    environnement_allure.ecrire(session.config)
