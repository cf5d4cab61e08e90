"""An environment's BusinessObjects server (its ``bo:`` block of recette.yaml) and its user.

On the embedded sandbox the block is optional: BO is the sandbox's own ``/biprws`` and its user
the campaign's. Elsewhere ``bo.url`` is required; the login and password come from the
environment variables the block names, else from the campaign's credentials.
"""

from __future__ import annotations

import os
from typing import Any

from recette.bo.client import ClientBO
from recette.config import FICHIER, ConfigBO, Environnement
from recette.erreurs import ErreurConfiguration
from recette.identifiants import Identifiants, identifiants_campagne

CHEMIN_BAC = "/biprws"


def url_bo(env: Environnement, url_cible: str | None = None) -> str:
    """The ``/biprws`` URL of ``env``: ``bo.url``, else the sandbox's ``url_cible`` + ``/biprws``."""
    bo = env.bo or ConfigBO()
    if bo.url:
        return bo.url.rstrip("/")
    if env.bac_a_sable and url_cible:
        return f"{url_cible.rstrip('/')}{CHEMIN_BAC}"
    raise ErreurConfiguration(f"aucun serveur BusinessObjects pour l'environnement « {env.nom} » "
                              "(clé bo.url)", FICHIER)


def _variable(env: Environnement, nom: str, role: str) -> str:
    valeur = os.environ.get(nom, "")
    if not valeur:
        raise ErreurConfiguration(f"la variable d'environnement {nom} (bo.{role} de l'environnement « {env.nom} ») "
                                  "n'est pas définie", FICHIER)
    return valeur


def identifiants_bo(env: Environnement, campagne: Identifiants | None = None) -> Identifiants:
    """The BO user of ``env``: the variables ``bo.identifiant`` / ``bo.mot_de_passe`` name, else the
    campaign's (``campagne``: the ones this run already drew, so that a random sandbox password stays
    the one given to the sandbox)."""
    bo = env.bo or ConfigBO()
    if bo.identifiant and bo.mot_de_passe:
        return Identifiants(_variable(env, bo.identifiant, "identifiant"), _variable(env, bo.mot_de_passe,
                                                                                     "mot_de_passe"))
    campagne = campagne or identifiants_campagne(env)
    utilisateur = _variable(env, bo.identifiant, "identifiant") if bo.identifiant else campagne.utilisateur
    mot_de_passe = _variable(env, bo.mot_de_passe, "mot_de_passe") if bo.mot_de_passe else campagne.mot_de_passe
    return Identifiants(utilisateur, mot_de_passe)


def client_bo(env: Environnement, url_cible: str | None = None, campagne: Identifiants | None = None,
              **options: Any) -> ClientBO:
    """A :class:`ClientBO` of ``env``, logged on (``with client_bo(env, cible.url) as bo: …``)."""
    identifiants = identifiants_bo(env, campagne)
    client = ClientBO(url_bo(env, url_cible), (env.bo or ConfigBO()).auth, **options)
    try:
        client.logon(identifiants.utilisateur, identifiants.mot_de_passe)
    except BaseException:
        client.fermer_client()
        raise
    return client
