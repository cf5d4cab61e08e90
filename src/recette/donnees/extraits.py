"""Materialising the differing rows (and only them) as display strings, for the renderers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from recette.donnees import valeurs as v
from recette.donnees.lecture import DATE, MONTANT, Export

NUL = "#"
COTE, OCCURRENCES = "Côté", "Occurrences"
PAIRE, COLONNE, ATTENDU, OBTENU, ECART = "Paire", "Colonne", "Attendu", "Obtenu", "Écart"


@dataclass(frozen=True, eq=False)
class Details:
    """The differences themselves (at most ``limite`` of each kind), as display strings."""

    cles: tuple[str, ...] = ()
    manquantes: pa.Table = field(default_factory=lambda: pa.table({}))
    en_trop: pa.Table = field(default_factory=lambda: pa.table({}))
    doublons: pa.Table = field(default_factory=lambda: pa.table({}))
    cellules: pa.Table = field(default_factory=lambda: pa.table({}))
    tronque: bool = False


def afficher(valeur: Any, type_: str) -> str:
    """One cell as a person reads it: ``1 234,56``, ``03/02/2026``, ``#`` for null."""
    if valeur is None:
        return NUL
    if type_ == MONTANT:
        return v.format_centimes(int(valeur))
    if type_ == DATE and isinstance(valeur, dt.date):
        return v.format_date(valeur)
    return str(valeur)


def _textes(export: Export, colonne: str, indices: np.ndarray) -> list[str]:
    valeurs = export.table[colonne].take(pa.array(indices, type=pa.int64())).to_pylist()
    return [afficher(x, export.types[colonne]) for x in valeurs]


def lignes(export: Export, indices: np.ndarray) -> pa.Table:
    """Rows ``indices`` of ``export``, every cell as display text."""
    return pa.table({c: pa.array(_textes(export, c, indices), type=pa.string()) for c in export.colonnes})


def doublons(attendu: Export, obtenu: Export, cles: Sequence[str], appariement: Any, limite: int) -> pa.Table:
    """One row per duplicated key and side: the side, the key, how many times it occurs."""
    parties = []
    for cote, export, premieres, nombres in (("attendu", attendu, appariement.doublons_attendu,
                                              appariement.occurrences_attendu),
                                             ("obtenu", obtenu, appariement.doublons_obtenu,
                                              appariement.occurrences_obtenu)):
        premieres, nombres = premieres[:limite], nombres[:limite]
        colonnes = {COTE: [cote] * len(premieres), **{c: _textes(export, c, premieres) for c in cles},
                    OCCURRENCES: [int(n) for n in nombres]}
        parties.append(pa.table(colonnes, schema=_schema_doublons(cles)))
    return pa.concat_tables(parties)


def _schema_doublons(cles: Sequence[str]) -> pa.Schema:
    return pa.schema([(COTE, pa.string()), *[(c, pa.string()) for c in cles], (OCCURRENCES, pa.int64())])


def cellules(attendu: Export, obtenu: Export, cles: Sequence[str], appariement: Any,
             masques: Mapping[str, np.ndarray], limite: int) -> tuple[pa.Table, bool]:
    """Changed cells in long form (pair, key…, column, expected, obtained, gap), row by row."""
    schema = pa.schema([(PAIRE, pa.int64()), *[(c, pa.string()) for c in cles], (COLONNE, pa.string()),
                        (ATTENDU, pa.string()), (OBTENU, pa.string()), (ECART, pa.string())])
    if not masques:
        return schema.empty_table(), False
    une = np.logical_or.reduce(list(masques.values()))
    paires = np.flatnonzero(une)
    tronque = len(paires) > limite
    paires = paires[:limite]
    parties = [_cellules_colonne(attendu, obtenu, cles, appariement, colonne, masque, paires, schema)
               for colonne, masque in masques.items() if masque[paires].any()]
    if not parties:
        return schema.empty_table(), tronque
    table = pa.concat_tables(parties)
    return table.sort_by([(PAIRE, "ascending")]), tronque


def _cellules_colonne(attendu: Export, obtenu: Export, cles: Sequence[str], appariement: Any, colonne: str,
                      masque: np.ndarray, paires: np.ndarray, schema: pa.Schema) -> pa.Table:
    choisies = paires[masque[paires]]
    ia, io = appariement.ia[choisies], appariement.io[choisies]
    type_ = attendu.types[colonne]
    brut_a = attendu.table[colonne].take(pa.array(ia)).to_pylist()
    brut_o = obtenu.table[colonne].take(pa.array(io)).to_pylist()
    ecarts = [v.format_centimes(o - a, signe=True) if type_ == MONTANT and a is not None and o is not None else ""
              for a, o in zip(brut_a, brut_o)]
    return pa.table({PAIRE: pa.array(choisies, type=pa.int64()), **{c: _textes(attendu, c, ia) for c in cles},
                     COLONNE: [colonne] * len(choisies), ATTENDU: [afficher(x, type_) for x in brut_a],
                     OBTENU: [afficher(x, type_) for x in brut_o], ECART: ecarts}, schema=schema)


def details(attendu: Export, obtenu: Export, cles: Sequence[str], appariement: Any,
            masques: Mapping[str, np.ndarray], limite: int) -> Details:
    """Everything the renderers show, at most ``limite`` rows of each kind."""
    table_cellules, tronque = cellules(attendu, obtenu, cles, appariement, masques, limite)
    tronque = tronque or max(len(appariement.manquantes), len(appariement.en_trop),
                             len(appariement.doublons_attendu), len(appariement.doublons_obtenu)) > limite
    return Details(tuple(cles), lignes(attendu, appariement.manquantes[:limite]),
                   lignes(obtenu, appariement.en_trop[:limite]),
                   doublons(attendu, obtenu, cles, appariement, limite), table_cellules, tronque)
