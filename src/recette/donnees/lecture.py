"""Reading a Chorus export (CSV or XLSX) into a typed pyarrow table: :func:`lire_export`.

CSV files are sniffed in Python (:mod:`recette.donnees.detection`), then streamed by pyarrow from
the first data line, every column as text; each block is typed at once (amounts to int64 cents,
dates to ``date32``, low-cardinality text dictionary-encoded) and its subtotal rows dropped, so
the raw text of the whole file is never held in memory. Errors are located afterwards by a slow,
exact Python pass over the file (only when something is wrong).
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from recette.donnees import valeurs as v
from recette.donnees.detection import NULLS, FormatCsv, Preambule, detecter
from recette.donnees.progression import Progression, Silence
from recette.erreurs import ErreurExport, ErreurSpec

if TYPE_CHECKING:
    import pandas as pd

TEXTE, MONTANT, DATE = "texte", "montant", "date"
TAILLE_BLOC = 4 << 20
SOUS_TOTAL = "Résultat"
_RATIO_DICTIONNAIRE = 0.2


@dataclass(frozen=True, eq=False)
class Export:
    """A restitution as read: the data rows (typed) and what surrounds them.

    ``table`` holds the data rows only (no preamble, no subtotal): codes as text (``string``, or
    ``dictionary<string>`` for repetitive columns), amounts as exact int64 **cents**, dates as
    ``date32``; ``#`` and empty cells are null. :attr:`donnees` is the same as a pandas DataFrame
    with amounts as exact decimals.
    """

    chemin: Path
    table: pa.Table
    types: Mapping[str, str]
    preambule: Preambule = field(default_factory=Preambule)
    entete: tuple[str, ...] = ()
    encodage: str = "utf-8"
    separateur: str = ";"
    ligne_entete: int = 1
    retirees: tuple[int, ...] = ()  # record numbers (0-based) of subtotal and empty rows removed
    sous_totaux: int = 0
    numeros: tuple[int, ...] | None = field(default=None, repr=False)  # source line of each row (XLSX)
    format_csv: FormatCsv | None = field(default=None, repr=False)

    @property
    def colonnes(self) -> tuple[str, ...]:
        return tuple(self.table.column_names)

    @property
    def lignes(self) -> int:
        return self.table.num_rows

    @cached_property
    def donnees(self) -> pd.DataFrame:
        """The data rows as a pandas DataFrame (pyarrow-backed): text, ``Decimal`` amounts, dates."""
        import pandas as pd

        colonnes = {nom: _pour_pandas(self.table[nom], self.types[nom]) for nom in self.colonnes}
        return pa.table(colonnes).to_pandas(types_mapper=pd.ArrowDtype) if colonnes else pd.DataFrame()

    def ligne(self, indice: int) -> int | None:
        """Physical line (CSV) or row number (XLSX) of data row ``indice``."""
        if self.numeros is not None:
            return self.numeros[indice]
        if self.format_csv is None:
            return None
        return localiser(self.chemin, self.format_csv, numero_enregistrement(indice, self.retirees))

    def typer(self, montants: Iterable[str] = (), dates: Iterable[str] = ()) -> Export:
        """The same export with text columns converted to amounts or dates (errors name the line)."""
        voulus = {**{c: MONTANT for c in montants}, **{c: DATE for c in dates}}
        a_convertir = {c: t for c, t in voulus.items() if c in self.types and self.types[c] != t}
        if not a_convertir:
            return self
        table = self.table
        for colonne, type_ in a_convertir.items():
            table = table.set_column(table.column_names.index(colonne), colonne,
                                     self._convertir(colonne, type_))
        return dataclasses.replace(self, table=table, types={**self.types, **a_convertir})

    def _convertir(self, colonne: str, type_: str) -> pa.ChunkedArray:
        if self.types[colonne] != TEXTE:
            raise ErreurSpec(f"la colonne est lue comme {self.types[colonne]}, pas comme {type_}", str(self.chemin),
                             colonne=f"colonne « {colonne} »")
        fonction = v.centimes if type_ == MONTANT else v.jours
        morceaux, debut = [], 0
        for morceau in self.table[colonne].chunks:
            try:
                morceaux.append(fonction(morceau))
            except v.ValeurInvalide as exc:
                raise self.erreur_cellule(debut + exc.indice, colonne, exc) from None
            debut += len(morceau)
        return pa.chunked_array(morceaux, type=pa.int64() if type_ == MONTANT else pa.date32())

    def erreur_cellule(self, indice: int, colonne: str, exc: v.ValeurInvalide) -> ErreurExport:
        position = self.colonnes.index(colonne) + 1
        return ErreurExport(f"valeur invalide « {exc.valeur} » : {exc.attendu}", str(self.chemin),
                            self.ligne(indice), f"colonne {position} « {colonne} »")


def _pour_pandas(colonne: pa.ChunkedArray, type_: str) -> pa.ChunkedArray:
    if type_ == MONTANT:
        return v.centimes_en_decimales(colonne)
    if pa.types.is_dictionary(colonne.type):
        return colonne.cast(pa.string())
    return colonne


# --- Public entry point ------------------------------------------------------------------------
def lire_export(chemin: str | Path, *, montants: Iterable[str] = (), dates: Iterable[str] = (),
                textes: Iterable[str] = (), detecter_types: bool = True,
                progression: Progression | None = None) -> Export:
    """Read a Chorus export (CSV: cp1252 / UTF-8 / BOM, ``;`` ``,`` ``|``; or XLSX).

    ``montants`` and ``dates`` are declared columns: a bad value there is an error naming the
    line and the column. Other columns whose first rows all look like French amounts (with a
    decimal comma, or under a ``Montant…`` header) or dates are typed too, unless
    ``detecter_types`` is false; ``textes`` stay text whatever they look like.
    """
    chemin = Path(chemin)
    if chemin.suffix.lower() in (".xlsx", ".xlsm"):
        from recette.donnees.xlsx import lire_xlsx

        return lire_xlsx(chemin, montants=montants, dates=dates, textes=textes, detecter_types=detecter_types)
    format_csv = detecter(chemin)
    declares = declarer(format_csv.colonnes, montants, dates, str(chemin))
    textes = set(textes)
    for _ in range(len(format_csv.colonnes) + 1):
        types = choisir_types(format_csv.colonnes, format_csv.echantillon, declares, textes, detecter_types)
        try:
            return _lire_csv(chemin, format_csv, types, set(declares), progression or Silence())
        except _TexteFinalement as exc:
            textes.add(exc.colonne)
        except _ReessayerEnCp1252:
            format_csv = dataclasses.replace(format_csv, encodage="cp1252")
    raise AssertionError("unreachable")  # pragma: no cover


def declarer(colonnes: Sequence[str], montants: Iterable[str], dates: Iterable[str], fichier: str) -> dict[str, str]:
    declares = {**{c: MONTANT for c in montants}, **{c: DATE for c in dates}}
    for colonne in declares:
        if colonne not in colonnes:
            raise ErreurSpec(f"colonne « {colonne} » absente (colonnes : {', '.join(colonnes)})", fichier)
    return declares


def choisir_types(colonnes: Sequence[str], echantillon: Sequence[Sequence[str]], declares: Mapping[str, str],
                  textes: Iterable[str] = (), detecter_types: bool = True) -> dict[str, str]:
    """Type of each column: declared, else guessed from the sample rows, else text."""
    textes = set(textes)
    types = {}
    for position, colonne in enumerate(colonnes):
        if colonne in declares:
            types[colonne] = declares[colonne]
        elif detecter_types and colonne not in textes:
            types[colonne] = deviner_type(colonne, [r[position] for r in echantillon if position < len(r)])
        else:
            types[colonne] = TEXTE
    return types


def deviner_type(colonne: str, exemples: Iterable[str]) -> str:
    """``date`` if every non-null example is a date; ``montant`` if every one is a French amount
    and one has a decimal comma (or the header says ``Montant``); else ``texte`` (codes stay text)."""
    presents = [e.strip() for e in exemples if e.strip() not in NULLS]
    if not presents:
        return TEXTE
    if all(v.est_date(e) for e in presents):
        return DATE
    if all(v.est_montant(e) for e in presents) and (
            colonne.lower().startswith("montant") or any("," in e for e in presents)):
        return MONTANT
    return TEXTE


# --- Streaming the CSV ---------------------------------------------------------------------------
class _TexteFinalement(Exception):
    def __init__(self, colonne: str) -> None:
        self.colonne = colonne


class _ReessayerEnCp1252(Exception):
    pass


class _ErreurLot(Exception):
    """A block could not be typed: cell ``enregistrement`` (0-based record) of ``colonne``."""

    def __init__(self, enregistrement: int, colonne: str, exc: v.ValeurInvalide) -> None:
        self.enregistrement, self.colonne, self.exc = enregistrement, colonne, exc


def _lire_csv(chemin: Path, format_csv: FormatCsv, types: Mapping[str, str], declares: set[str],
              progression: Progression) -> Export:
    convertisseur = _Convertisseur(format_csv.colonnes, types)
    taille = max(chemin.stat().st_size, 1)
    try:
        with pa.OSFile(str(chemin)) as fichier:
            for lot in _lots(fichier, format_csv):
                convertisseur.ajouter(lot)
                progression.avancer(f"Lecture de {chemin.name}", fichier.tell() / taille)
    except _ErreurLot as exc:
        if exc.colonne not in declares:
            raise _TexteFinalement(exc.colonne) from None
        raise _erreur_cellule(chemin, format_csv, exc) from None
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        if format_csv.encodage.startswith("utf-8") and "UTF8" in str(exc):
            raise _ReessayerEnCp1252() from None
        raise diagnostiquer(chemin, format_csv) or ErreurExport(f"lecture impossible : {exc}", str(chemin)) from None
    table, retirees, sous_totaux = convertisseur.resultat()
    return Export(chemin, table, dict(types), format_csv.preambule, format_csv.entete, format_csv.encodage,
                  format_csv.separateur, format_csv.ligne_entete, retirees, sous_totaux, format_csv=format_csv)


def _lots(fichier: BinaryIO | pa.NativeFile, format_csv: FormatCsv) -> Iterator[pa.RecordBatch]:
    fichier.seek(format_csv.debut_donnees)
    noms = [f"c{i}" for i in range(len(format_csv.colonnes))]
    lecture = pcsv.ReadOptions(column_names=noms, block_size=TAILLE_BLOC,
                               encoding="utf8" if format_csv.encodage.startswith("utf-8") else format_csv.encodage)
    analyse = pcsv.ParseOptions(delimiter=format_csv.separateur, newlines_in_values=True,
                                invalid_row_handler=_ligne_de_largeur_differente)
    conversion = pcsv.ConvertOptions(column_types={n: pa.string() for n in noms}, null_values=sorted(NULLS),
                                     strings_can_be_null=True, quoted_strings_can_be_null=True)
    yield from pcsv.open_csv(fichier, lecture, analyse, conversion)


def _ligne_de_largeur_differente(ligne: Any) -> str:
    """Short subtotal rows and blank lines are skipped; any other row of the wrong width is an error."""
    texte = (ligne.text or "").strip().strip('"')
    return "skip" if not texte.strip(" ;,|\t") or texte.startswith(SOUS_TOTAL) else "error"


def _erreur_cellule(chemin: Path, format_csv: FormatCsv, exc: _ErreurLot) -> ErreurExport:
    position = format_csv.colonnes.index(exc.colonne) + 1
    return ErreurExport(f"valeur invalide « {exc.exc.valeur} » : {exc.exc.attendu}", str(chemin),
                        localiser(chemin, format_csv, exc.enregistrement), f"colonne {position} « {exc.colonne} »")


class _Convertisseur:
    """Types the blocks of one file as they come, and keeps them."""

    def __init__(self, colonnes: Sequence[str], types: Mapping[str, str]) -> None:
        self.colonnes, self.types = list(colonnes), [types[c] for c in colonnes]
        self.dictionnaires: list[bool] | None = None
        self.lots: list[pa.RecordBatch] = []
        self.retirees: list[int] = []
        self.sous_totaux = 0
        self.vus = 0

    def ajouter(self, lot: pa.RecordBatch) -> None:
        garder = self._garder(lot)
        if self.dictionnaires is None:
            self.dictionnaires = [t == TEXTE and _repetitif(lot.column(i)) for i, t in enumerate(self.types)]
        if garder is not None:
            lot = lot.filter(garder)
            positions = np.flatnonzero(~np.asarray(garder))
        colonnes = [self._convertir(lot.column(i), i, garder) for i in range(len(self.colonnes))]
        if garder is not None:
            self.retirees.extend((self.vus + positions).tolist())
        self.vus += len(garder) if garder is not None else lot.num_rows
        self.lots.append(pa.RecordBatch.from_arrays(colonnes, names=self.colonnes))

    def _garder(self, lot: pa.RecordBatch) -> pa.Array | None:
        """Mask of the data rows, or None when every row is data (subtotals and empty rows go)."""
        premiere = lot.column(0)
        retirer = pc.fill_null(pc.starts_with(premiere, SOUS_TOTAL), False)
        for i in range(1, lot.num_columns):
            if self.types[i] == TEXTE and v.contient_octet(lot.column(i), 0xC3):  # "é" of "Résultat"
                retirer = pc.or_(retirer, pc.fill_null(pc.equal(lot.column(i), SOUS_TOTAL), False))
        nb_sous_totaux = pc.sum(retirer).as_py() or 0
        self.sous_totaux += nb_sous_totaux
        if all(lot.column(i).null_count for i in range(lot.num_columns)):  # else no row is empty
            vides = pc.is_null(premiere)
            for i in range(1, lot.num_columns):
                vides = pc.and_(vides, pc.is_null(lot.column(i)))
            retirer = pc.or_(retirer, vides)
        if not pc.any(retirer).as_py():
            return None
        return pc.invert(retirer)

    def _convertir(self, colonne: pa.Array, i: int, garder: pa.Array | None) -> pa.Array:
        type_ = self.types[i]
        try:
            if type_ == MONTANT:
                return v.centimes(colonne)
            if type_ == DATE:
                return v.jours(colonne)
        except v.ValeurInvalide as exc:
            raise _ErreurLot(self._enregistrement(exc.indice, garder), self.colonnes[i], exc) from None
        assert self.dictionnaires is not None
        return colonne.dictionary_encode() if self.dictionnaires[i] else colonne

    def _enregistrement(self, indice: int, garder: pa.Array | None) -> int:
        if garder is None:
            return self.vus + indice
        return self.vus + int(np.flatnonzero(np.asarray(garder))[indice])

    def resultat(self) -> tuple[pa.Table, tuple[int, ...], int]:
        schema = pa.schema([(nom, _type_arrow(t, d)) for nom, t, d in
                            zip(self.colonnes, self.types, self.dictionnaires or [False] * len(self.types))])
        lots = [lot.cast(schema) if lot.schema != schema else lot for lot in self.lots]
        return pa.Table.from_batches(lots, schema), tuple(self.retirees), self.sous_totaux


def _repetitif(colonne: pa.Array) -> bool:
    """Whether a text column repeats enough to be dictionary-encoded (decided on the first block)."""
    presents = len(colonne) - colonne.null_count
    return presents >= 50 and len(pc.unique(colonne)) <= _RATIO_DICTIONNAIRE * presents


def _type_arrow(type_: str, dictionnaire: bool) -> pa.DataType:
    if type_ == MONTANT:
        return pa.int64()
    if type_ == DATE:
        return pa.date32()
    return pa.dictionary(pa.int32(), pa.string()) if dictionnaire else pa.string()


# --- Exact (slow) pass: locating an error ------------------------------------------------------
def _lignes_decodees(fichier: BinaryIO, format_csv: FormatCsv, nom: str) -> Iterator[str]:
    encodage = "utf-8" if format_csv.encodage.startswith("utf-8") else format_csv.encodage
    for numero, brut in enumerate(fichier, start=format_csv.ligne_entete + 1):
        try:
            yield brut.decode(encodage)
        except UnicodeDecodeError as exc:
            position = brut[: exc.start].count(format_csv.separateur.encode())
            colonne = format_csv.colonnes[min(position, len(format_csv.colonnes) - 1)]
            raise ErreurExport(f"caractère illisible en {encodage} (octet 0x{brut[exc.start]:02X})", nom, numero,
                               f"colonne {position + 1} « {colonne} »") from None


def enregistrements(chemin: Path, format_csv: FormatCsv) -> Iterator[tuple[int, list[str]]]:
    """(physical line, fields) of every non-blank record below the header, decoded and split."""
    with chemin.open("rb") as fichier:
        fichier.seek(format_csv.debut_donnees)
        lecteur = csv.reader(_lignes_decodees(fichier, format_csv, str(chemin)),
                             delimiter=format_csv.separateur, strict=True)
        try:
            for champs in lecteur:
                if champs:
                    yield format_csv.ligne_entete + lecteur.line_num, champs
        except csv.Error as exc:
            raise ErreurExport(f"ligne CSV mal formée ({exc})", str(chemin),
                               format_csv.ligne_entete + lecteur.line_num + 1) from None


def localiser(chemin: Path, format_csv: FormatCsv, enregistrement: int) -> int | None:
    """Physical line of the ``enregistrement``-th full-width record (0-based)."""
    rang = -1
    for ligne, champs in enregistrements(chemin, format_csv):
        rang += len(champs) == len(format_csv.colonnes)
        if rang == enregistrement:
            return ligne
    return None


def diagnostiquer(chemin: Path, format_csv: FormatCsv) -> ErreurExport | None:
    """The first malformed record (wrong width, bad quoting, bad byte), or None."""
    largeur = len(format_csv.colonnes)
    for ligne, champs in enregistrements(chemin, format_csv):
        if len(champs) == largeur or champs[0].startswith(SOUS_TOTAL) or not "".join(champs).strip():
            continue
        if len(champs) < largeur:
            manquante = format_csv.colonnes[len(champs)]
            return ErreurExport(f"{len(champs)} champs au lieu de {largeur} (séparateur « {format_csv.separateur} »)",
                                str(chemin), ligne, f"colonne {len(champs) + 1} « {manquante} » manquante")
        return ErreurExport(f"{len(champs)} champs au lieu de {largeur} (séparateur « {format_csv.separateur} » "
                            "dans une valeur non entre guillemets ?)", str(chemin), ligne,
                            f"colonne {largeur + 1} en trop après « {format_csv.colonnes[-1]} »")
    return None


def numero_enregistrement(indice: int, retirees: Sequence[int]) -> int:
    """Record number (0-based, removed rows included) of data row ``indice``."""
    enregistrement = indice
    for retiree in retirees:  # sorted
        if retiree <= enregistrement:
            enregistrement += 1
        else:
            break
    return enregistrement

