"""recette-chorus: acceptance testing of Chorus evolutions in French Gherkin."""

from __future__ import annotations

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
