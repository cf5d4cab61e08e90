"""Reads the screens share: sorted entities for their tables, names and codes for their forms.

Each function takes the ``Depot`` of a screen's read transaction (``Bac.lire``).
"""

from __future__ import annotations

from typing import Any

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine.depot import Depot


def lister(depot: Depot, classe: type[Any], cle: str) -> list[Any]:
    """Every entity of ``classe``, sorted on its attribute ``cle``."""
    return sorted(depot.lister(classe), key=lambda o: getattr(o, cle))


def noms_fournisseurs(depot: Depot) -> dict[str, str]:
    """Suppliers' names (raison sociale) by code."""
    return {f.code: f.raison_sociale for f in depot.lister(m.Fournisseur)}


def numeros_programmes(depot: Depot) -> set[str]:
    """The programmes of the référentiel, by number (a loi de finances file must name one)."""
    return {p.numero for p in depot.lister(m.Programme)}
