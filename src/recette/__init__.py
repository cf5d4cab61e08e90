"""recette-chorus: acceptance testing of Chorus evolutions in French Gherkin.

The public names are imported on first use (PEP 562), so that a light command such as
``recette comparer`` does not pay for httpx, pytest and pytest-bdd.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recette.client import ClientChorus as ClientChorus
    from recette.config import Configuration as Configuration
    from recette.config import Environnement as Environnement
    from recette.erreurs import ErreurApi as ErreurApi
    from recette.erreurs import ErreurConfiguration as ErreurConfiguration
    from recette.erreurs import ErreurEnvironnement as ErreurEnvironnement
    from recette.erreurs import ErreurParametre as ErreurParametre
    from recette.erreurs import ErreurRecette as ErreurRecette
    from recette.parametres import Exercice as Exercice
    from recette.parametres import date as date
    from recette.parametres import exercice as exercice
    from recette.parametres import format_montant as format_montant
    from recette.parametres import montant as montant

_MODULES = {
    "ClientChorus": "recette.client",
    "Configuration": "recette.config",
    "Environnement": "recette.config",
    "ErreurApi": "recette.erreurs",
    "ErreurConfiguration": "recette.erreurs",
    "ErreurEnvironnement": "recette.erreurs",
    "ErreurParametre": "recette.erreurs",
    "ErreurRecette": "recette.erreurs",
    "Exercice": "recette.parametres",
    "date": "recette.parametres",
    "exercice": "recette.parametres",
    "format_montant": "recette.parametres",
    "montant": "recette.parametres",
}

__all__ = [
    "ClientChorus",
    "Configuration",
    "Environnement",
    "ErreurApi",
    "ErreurConfiguration",
    "ErreurEnvironnement",
    "ErreurParametre",
    "ErreurRecette",
    "Exercice",
    "date",
    "exercice",
    "format_montant",
    "montant",
]


def __getattr__(nom: str) -> Any:
    module = _MODULES.get(nom)
    if module is None:
        raise AttributeError(f"module 'recette' has no attribute {nom!r}")
    valeur = getattr(importlib.import_module(module), nom)
    globals()[nom] = valeur
    return valeur


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
