"""Reading a Chorus XLSX export (openpyxl, read-only): same result as the CSV reader.

XLSX exports have a short preamble (2 rows), code + label column pairs with a header on the
first only, ``#`` for empty, dates as Excel serials or ``dd/mm/yyyy``. Cells are turned into
the text a CSV export would hold, then typed by the same vectorised functions.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from recette.donnees import valeurs as v
from recette.donnees.detection import LIGNES_MAX_AVANT_ENTETE, NULLS, lire_preambule, noms_uniques
from recette.donnees.lecture import (
    DATE,
    MONTANT,
    SOUS_TOTAL,
    TEXTE,
    Export,
    choisir_types,
    declarer,
    repetitif,
)
from recette.erreurs import ErreurExport

_ORIGINE_EXCEL = dt.date(1899, 12, 30)


def lire_xlsx(chemin: Path, *, montants: Iterable[str] = (), dates: Iterable[str] = (), textes: Iterable[str] = (),
              detecter_types: bool = True, strict: bool = True) -> Export:
    """Read the first sheet of an XLSX export (see :func:`recette.donnees.lire_export`)."""
    lignes = _lignes(chemin)
    indice = _indice_entete(lignes, str(chemin))
    entete = tuple(_texte(c) for c in lignes[indice])
    colonnes = noms_uniques(entete)
    declares = declarer(colonnes, montants, dates, str(chemin), strict)
    dates_serielles = {i for i, c in enumerate(colonnes) if declares.get(c) == DATE or c.lower().startswith("date")}
    donnees, numeros, sous_totaux = _donnees(lignes[indice + 1:], indice + 2, len(colonnes), dates_serielles)
    types = choisir_types(colonnes, donnees[:200], declares, textes, detecter_types)
    numeros_t = tuple(numeros)
    table = {}
    for position, colonne in enumerate(colonnes):
        table[colonne], types[colonne] = _colonne(chemin, numeros_t, colonne, position, types[colonne], donnees,
                                                  colonne in declares)
    preambule = lire_preambule([[_texte(c) for c in r] for r in lignes[:indice]])
    return Export(chemin, pa.table(table), types, preambule, entete, "xlsx", "", indice + 1, (), sous_totaux,
                  numeros_t)


def _lignes(chemin: Path) -> list[tuple[Any, ...]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        classeur = openpyxl.load_workbook(chemin, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ErreurExport("fichier introuvable", str(chemin)) from None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, InvalidFileException) as exc:
        raise ErreurExport(f"classeur XLSX illisible ({type(exc).__name__} : {exc})", str(chemin)) from None
    try:
        feuille = classeur.worksheets[0]
        return [tuple(r) for r in feuille.iter_rows(values_only=True)]
    finally:
        classeur.close()


def _indice_entete(lignes: Sequence[Sequence[Any]], fichier: str) -> int:
    largeur = max((_largeur(r) for r in lignes[:LIGNES_MAX_AVANT_ENTETE]), default=0)
    for indice, ligne in enumerate(lignes[:LIGNES_MAX_AVANT_ENTETE]):
        remplies = sum(1 for c in ligne if _texte(c).strip())
        if largeur and remplies >= max(1, min(2, largeur), largeur // 3) and _largeur(ligne) >= largeur // 2:
            return indice
    raise ErreurExport("ligne d'en-tête introuvable dans la première feuille", fichier)


def _largeur(ligne: Sequence[Any]) -> int:
    return max((i + 1 for i, c in enumerate(ligne) if _texte(c).strip()), default=0)


def _donnees(lignes: Sequence[Sequence[Any]], premier: int, largeur: int,
             dates_serielles: set[int]) -> tuple[list[list[str]], list[int], int]:
    """Data rows as CSV-like text, their Excel row numbers, and the number of subtotal rows."""
    donnees, numeros, sous_totaux = [], [], 0
    for numero, ligne in enumerate(lignes, start=premier):
        cellules = [_texte(c, i in dates_serielles) for i, c in enumerate(ligne[:largeur])]
        cellules += [""] * (largeur - len(cellules))
        if any(c.startswith(SOUS_TOTAL) for c in cellules[:1]) or SOUS_TOTAL in cellules:
            sous_totaux += 1
        elif any(c.strip() not in NULLS for c in cellules):
            donnees.append(cellules)
            numeros.append(numero)
    return donnees, numeros, sous_totaux


def _texte(cellule: Any, serie_date: bool = False) -> str:
    """A cell as the text a CSV export would hold (French decimal comma, ``dd.mm.yyyy`` dates)."""
    if cellule is None:
        return ""
    if isinstance(cellule, dt.datetime):
        return v.format_date(cellule.date(), ".") + ("" if cellule.time() == dt.time() else f" {cellule:%H:%M:%S}")
    if isinstance(cellule, dt.date):
        return v.format_date(cellule, ".")
    if isinstance(cellule, bool):
        return "VRAI" if cellule else "FAUX"
    if isinstance(cellule, (int, float)):
        if serie_date and 1 <= cellule < 2_958_466:
            return v.format_date(_ORIGINE_EXCEL + dt.timedelta(days=int(cellule)), ".")
        if float(cellule).is_integer() and abs(cellule) < 1e15:
            return str(int(cellule))
        return format(Decimal(repr(cellule)), "f").replace(".", ",")
    return str(cellule)


def _colonne(chemin: Path, numeros: Sequence[int], nom: str, position: int, type_: str,
             donnees: Sequence[Sequence[str]], declare: bool) -> tuple[pa.Array, str]:
    """One typed column; a guessed type that does not hold for every row falls back to text."""
    texte = pa.array([None if r[position].strip() in NULLS else r[position] for r in donnees], type=pa.string())
    try:
        if type_ == MONTANT:
            return v.centimes(texte), type_
        if type_ == DATE:
            return v.jours(texte), type_
    except v.ValeurInvalide as exc:
        if declare:
            raise ErreurExport(f"valeur invalide « {exc.valeur} » : {exc.attendu}", str(chemin),
                               numeros[exc.indice], f"colonne {position + 1} « {nom} »") from None
    return (texte.dictionary_encode() if repetitif(texte) else texte), TEXTE
