"""recette-chorus: acceptance testing of Chorus evolutions in French Gherkin.

The public names are imported on first use (PEP 562), so that a light command such as
``recette comparer`` does not pay for httpx, pytest and pytest-bdd.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recette.client import ClientChorus
    from recette.config import Configuration, Environnement
    from recette.erreurs import (
        ErreurApi,
        ErreurConfiguration,
        ErreurEnvironnement,
        ErreurParametre,
        ErreurRecette,
    )
    from recette.parametres import Exercice, date, exercice, format_montant, montant

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

__all__ = sorted(_MODULES)


def __getattr__(nom: str) -> Any:
    module = _MODULES.get(nom)
    if module is None:
        raise AttributeError(f"module 'recette' has no attribute {nom!r}")
    valeur = getattr(importlib.import_module(module), nom)
    globals()[nom] = valeur
    return valeur


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
