"""Credentials of the campaign: read from the environment variables that ``recette.yaml`` names.

``recette.yaml`` names variables, never values::

    bac-a-sable:
      bac_a_sable: true
      utilisateur: recette.nationale               # login of the campaign's user (not a secret)
      identifiants:
        mot_de_passe: CHORUS_SANDBOX_MOT_DE_PASSE  # optional for the embedded sandbox
    recette-aife:
      url: https://…
      identifiants:
        utilisateur: CHORUS_RECETTE_UTILISATEUR
        mot_de_passe: CHORUS_RECETTE_MOT_DE_PASSE

A target that is not the embedded sandbox needs every variable it names, checked at start with a
French error, before any browser starts. The embedded sandbox takes ``CHORUS_SANDBOX_MOT_DE_PASSE``
when set, else a random password drawn for this run and given to the sandbox it starts.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field

from recette.config import FICHIER, Environnement
from recette.erreurs import ErreurConfiguration

VARIABLE_BAC = "CHORUS_SANDBOX_MOT_DE_PASSE"
UTILISATEUR_BAC = "recette.nationale"


@dataclass(frozen=True)
class Identifiants:
    """A login and its password; the password never appears in ``repr`` (tracebacks, reports)."""

    utilisateur: str
    mot_de_passe: str = field(repr=False)
    aleatoire: bool = False


def _variable_mot_de_passe(env: Environnement) -> str | None:
    return env.identifiants.get("mot_de_passe") or (VARIABLE_BAC if env.bac_a_sable else None)


def identifiants_campagne(env: Environnement) -> Identifiants:
    """The campaign's user on ``env`` (French :class:`ErreurConfiguration` when a variable is missing)."""
    if "utilisateur" in env.identifiants:
        utilisateur = env.secret("utilisateur")
    else:
        utilisateur = env.utilisateur or (UTILISATEUR_BAC if env.bac_a_sable else "")
    if not utilisateur:
        raise ErreurConfiguration(f"aucun utilisateur pour l'environnement « {env.nom} » (clé « utilisateur » ou "
                                  "identifiants.utilisateur)", FICHIER)
    variable = _variable_mot_de_passe(env)
    if variable is None:
        raise ErreurConfiguration(f"aucun identifiant « mot_de_passe » pour l'environnement « {env.nom} » "
                                  "(nom de la variable d'environnement qui le contient)", FICHIER)
    valeur = os.environ.get(variable, "")
    if valeur:
        return Identifiants(utilisateur, valeur)
    if env.bac_a_sable:
        return Identifiants(utilisateur, secrets.token_urlsafe(18), aleatoire=True)
    return Identifiants(utilisateur, env.secret("mot_de_passe"))  # raises the French error


def valeurs_secretes(env: Environnement) -> list[str]:
    """The values of every credential variable ``env`` names (its BO and IMAP passwords', the sandbox's),
    to be masked."""
    noms = {*env.identifiants.values(), VARIABLE_BAC, *([env.bo.mot_de_passe] if env.bo and env.bo.mot_de_passe else []),
            *([env.courriel.mot_de_passe] if env.courriel else [])}
    return [os.environ[nom] for nom in sorted(noms) if os.environ.get(nom)]
