"""Reading a Chorus export (CSV or XLSX) into a typed pyarrow table: :func:`lire_export`.

CSV files are sniffed in Python (:mod:`recette.donnees.detection`), then streamed by pyarrow from
the first data line, every column as text (as bytes for cp1252, transcoded column by column);
each block is typed by a worker thread while the next one is parsed (amounts to int64 cents,
dates to ``date32``, low-cardinality text dictionary-encoded, subtotal rows dropped), so the raw
text of the whole file is never held in memory. Errors are located afterwards by a slow, exact
Python pass over the file (only when something is wrong).
"""

from __future__ import annotations

import csv
import dataclasses
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

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
CONVERTISSEURS = 2  # worker threads typing the blocks (the machine of reference has 2 cores)
SOUS_TOTAL = "Résultat"
_RATIO_DICTIONNAIRE = 0.2
T = TypeVar("T")


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
                progression: Progression | None = None, strict: bool = True) -> Export:
    """Read a Chorus export (CSV: cp1252 / UTF-8 / BOM, ``;`` ``,`` ``|``; or XLSX).

    ``montants`` and ``dates`` are declared columns: a bad value there is an error naming the
    line and the column. Other columns whose first rows all look like French amounts (with a
    decimal comma, or under a ``Montant…`` header) or dates are typed too, unless
    ``detecter_types`` is false; ``textes`` stay text whatever they look like. A declared column
    absent from the file is an error, unless ``strict`` is false.
    """
    chemin = Path(chemin)
    if chemin.suffix.lower() in (".xlsx", ".xlsm"):
        from recette.donnees.xlsx import lire_xlsx

        return lire_xlsx(chemin, montants=montants, dates=dates, textes=textes, detecter_types=detecter_types,
                         strict=strict)
    return lire_csv(chemin, assembler, montants=montants, dates=dates, textes=textes, detecter_types=detecter_types,
                    progression=progression, strict=strict)


def lire_csv(chemin: Path, consommer: Callable[[Flux], T], *, montants: Iterable[str] = (),
             dates: Iterable[str] = (), textes: Iterable[str] = (), detecter_types: bool = True,
             progression: Progression | None = None, strict: bool = True) -> T:
    """Stream a CSV export into ``consommer`` (its typed blocks, in file order), retrying as
    :func:`lire_export` does: a guessed column that turns out to be text, UTF-8 that turns out
    to be cp1252. ``consommer`` must start afresh on each call."""
    format_csv = detecter(chemin)
    declares = declarer(format_csv.colonnes, montants, dates, str(chemin), strict)
    textes, binaire = set(textes), format_csv.encodage == "cp1252"
    for _ in range(len(format_csv.colonnes) + 3):
        types = choisir_types(format_csv.colonnes, format_csv.echantillon, declares, textes, detecter_types)
        try:
            return _lire_csv(chemin, format_csv, types, set(declares), progression or Silence(), binaire, consommer)
        except _TexteFinalement as exc:
            textes.add(exc.colonne)
        except _ReessayerEnCp1252:
            format_csv, binaire = dataclasses.replace(format_csv, encodage="cp1252"), True
        except _ReessayerLentement:
            binaire = False
    raise AssertionError("unreachable")  # pragma: no cover


def declarer(colonnes: Sequence[str], montants: Iterable[str], dates: Iterable[str], fichier: str,
             strict: bool = True) -> dict[str, str]:
    """Declared types of the columns present (an absent one is an error when ``strict``)."""
    declares = {**{c: MONTANT for c in montants}, **{c: DATE for c in dates}}
    absentes = [c for c in declares if c not in colonnes]
    if absentes and strict:
        raise ErreurSpec(f"colonne « {absentes[0]} » absente (colonnes : {', '.join(colonnes)})", fichier)
    return {c: t for c, t in declares.items() if c in colonnes}


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
    """Not UTF-8 after all (the first bytes were ASCII)."""


class _ReessayerLentement(Exception):
    """The fast cp1252 path (bytes, transcoded column by column) met a row it cannot take."""


class _ErreurLot(Exception):
    """A block could not be typed: cell ``enregistrement`` (0-based record) of ``colonne``."""

    def __init__(self, enregistrement: int, colonne: str, exc: v.ValeurInvalide) -> None:
        self.enregistrement, self.colonne, self.exc = enregistrement, colonne, exc


@dataclass(frozen=True, eq=False)
class Flux:
    """One streaming pass over a CSV export: its typed blocks, in file order, as they come."""

    chemin: Path
    format_csv: FormatCsv
    types: Mapping[str, str]
    lots: Iterator[_LotConverti]
    courtes: _LignesCourtes

    def schema(self, dictionnaires: Sequence[bool] | None = None) -> pa.Schema:
        """The schema of the typed columns (text as plain strings unless ``dictionnaires`` say otherwise)."""
        drapeaux = dictionnaires or [False] * len(self.format_csv.colonnes)
        return pa.schema([(nom, _type_arrow(self.types[nom], d)) for nom, d in zip(self.format_csv.colonnes, drapeaux)])


def assembler(flux: Flux) -> Export:
    """Every block of the pass as one table: the in-memory :class:`Export`."""
    faits = list(flux.lots)
    schema = flux.schema(faits[0].dictionnaires if faits else None)
    lots = [f.lot.cast(schema) if f.lot.schema != schema else f.lot for f in faits]
    table = pa.Table.from_batches(lots, schema)
    retirees = tuple(r for f in faits for r in f.retirees)
    sous_totaux = sum(f.sous_totaux for f in faits)
    del faits, lots
    pa.default_memory_pool().release_unused()  # the raw blocks are gone: give their pages back
    f = flux.format_csv
    return Export(flux.chemin, table, dict(flux.types), f.preambule, f.entete, f.encodage, f.separateur,
                  f.ligne_entete, retirees, sous_totaux + flux.courtes.sous_totaux, format_csv=f)


def lots_convertis(chemin: Path, format_csv: FormatCsv, types: Mapping[str, str], progression: Progression,
                   binaire: bool, courtes: _LignesCourtes | None = None) -> Iterator[_LotConverti]:
    """The typed blocks of the file, in file order, as soon as they are ready (a generator: the
    out-of-core comparison pours them into DuckDB, :func:`assembler` keeps them all)."""
    courtes = courtes if courtes is not None else _LignesCourtes()
    taille = max(chemin.stat().st_size, 1)
    with ThreadPoolExecutor(max_workers=CONVERTISSEURS, thread_name_prefix="conversion") as executeur:
        convertisseur = _Convertisseur(format_csv.colonnes, types, binaire, executeur)
        try:
            with pa.OSFile(str(chemin)) as fichier:
                for lot in _lots(fichier, format_csv, binaire, courtes):
                    convertisseur.ajouter(lot)
                    yield from convertisseur.sortir()
                    progression.avancer(f"Lecture de {chemin.name}", fichier.tell() / taille)
            yield from convertisseur.finir()
        except BaseException:
            convertisseur.abandonner()
            raise


def _lire_csv(chemin: Path, format_csv: FormatCsv, types: Mapping[str, str], declares: set[str],
              progression: Progression, binaire: bool, consommer: Callable[[Flux], T]) -> T:
    """One streaming pass; errors turned into retries or French messages.

    ``binaire`` reads cp1252 as bytes and transcodes column by column (faster than transcoding
    the whole file; dictionary columns transcode their dictionary only)."""
    courtes = _LignesCourtes()
    try:
        return consommer(Flux(chemin, format_csv, types,
                              lots_convertis(chemin, format_csv, types, progression, binaire, courtes), courtes))
    except _ErreurLot as exc:
        if exc.colonne not in declares:
            raise _TexteFinalement(exc.colonne) from None
        if binaire:  # the slow path locates errors with the exact decoding
            raise _ReessayerLentement() from None
        raise _erreur_cellule(chemin, format_csv, exc) from None
    except (pa.ArrowInvalid, UnicodeDecodeError, v.OctetIllisible) as exc:
        if binaire:
            raise _ReessayerLentement() from None
        if format_csv.encodage.startswith("utf-8") and "UTF8" in str(exc):
            raise _ReessayerEnCp1252() from None
        raise diagnostiquer(chemin, format_csv) or ErreurExport(f"lecture impossible : {exc}", str(chemin)) from None


def _lots(fichier: BinaryIO | pa.NativeFile, format_csv: FormatCsv, binaire: bool = False,
          courtes: _LignesCourtes | None = None) -> Iterator[pa.RecordBatch]:
    """The data rows, block by block, every column as text (or bytes when ``binaire``)."""
    fichier.seek(format_csv.debut_donnees)
    noms = [f"c{i}" for i in range(len(format_csv.colonnes))]
    utf8 = binaire or format_csv.encodage.startswith("utf-8")
    lecture = pcsv.ReadOptions(column_names=noms, block_size=TAILLE_BLOC,
                               encoding="utf8" if utf8 else format_csv.encodage)
    # Without a handler, a short row fails the fast path, which is then retried with the handler
    # (pyarrow would decode a cp1252 row as UTF-8 to hand it over).
    analyse = pcsv.ParseOptions(delimiter=format_csv.separateur, newlines_in_values=True,
                                invalid_row_handler=None if binaire else courtes)
    conversion = pcsv.ConvertOptions(column_types={n: pa.binary() if binaire else pa.string() for n in noms},
                                     null_values=sorted(NULLS), strings_can_be_null=True,
                                     quoted_strings_can_be_null=True, check_utf8=not binaire)
    try:
        lecteur = pcsv.open_csv(fichier, lecture, analyse, conversion)
    except pa.ArrowInvalid as exc:
        if "Empty CSV file" in str(exc):  # a header and no data row: an empty export
            return
        raise
    yield from lecteur


class _LignesCourtes:
    """pyarrow's handler of rows of the wrong width: short subtotal rows and blank lines are
    skipped (and counted), any other is an error (located afterwards by :func:`diagnostiquer`)."""

    def __init__(self) -> None:
        self.sous_totaux = 0

    def __call__(self, ligne: Any) -> str:
        texte = (ligne.text or "").strip().strip('"')
        if texte.startswith(SOUS_TOTAL):
            self.sous_totaux += 1
            return "skip"
        return "skip" if not texte.strip(" ;,|\t") else "error"


def _erreur_cellule(chemin: Path, format_csv: FormatCsv, exc: _ErreurLot) -> ErreurExport:
    position = format_csv.colonnes.index(exc.colonne) + 1
    return ErreurExport(f"valeur invalide « {exc.exc.valeur} » : {exc.exc.attendu}", str(chemin),
                        localiser(chemin, format_csv, exc.enregistrement), f"colonne {position} « {exc.colonne} »")


@dataclass(frozen=True)
class _LotConverti:
    lot: pa.RecordBatch
    retirees: list[int]
    sous_totaux: int
    dictionnaires: list[bool]


class _Convertisseur:
    """Types the blocks of one file as they come, in worker threads (pyarrow and numpy release
    the GIL), while the main thread keeps reading; blocks are kept in file order."""

    EN_VOL = 4  # blocks converting at once: bounds the raw text held in memory

    def __init__(self, colonnes: Sequence[str], types: Mapping[str, str], cp1252: bool = False,
                 executeur: Executor | None = None) -> None:
        self.colonnes, self.types, self.cp1252 = list(colonnes), [types[c] for c in colonnes], cp1252
        self.executeur = executeur
        self.dictionnaires: list[bool] | None = None
        self.futurs: deque[Future[_LotConverti]] = deque()
        self.faits: list[_LotConverti] = []
        self.vus = 0

    def ajouter(self, lot: pa.RecordBatch) -> None:
        if self.dictionnaires is None:  # decided once, on the first block, so that all blocks agree
            self.dictionnaires = [t == TEXTE and repetitif(lot.column(i)) for i, t in enumerate(self.types)]
        debut, self.vus = self.vus, self.vus + lot.num_rows
        if self.executeur is None:
            self.faits.append(self.convertir(lot, debut))
            return
        self.futurs.append(self.executeur.submit(self.convertir, lot, debut))
        while len(self.futurs) > self.EN_VOL or (self.futurs and self.futurs[0].done()):
            self.faits.append(self.futurs.popleft().result())

    def convertir(self, lot: pa.RecordBatch, debut: int) -> _LotConverti:
        """One block: text (dictionary, cp1252), subtotal and empty rows out, amounts and dates typed."""
        colonnes = [self._texte(c, i) for i, c in enumerate(lot.columns)]
        retirer, sous_totaux = self._a_retirer(colonnes)
        garder, retirees = None, []
        if retirer is not None:
            garder = ~retirer
            retirees = (debut + np.flatnonzero(retirer)).tolist()
            filtre = pa.array(garder)
            colonnes = [c.filter(filtre) for c in colonnes]
        colonnes = [self._convertir(c, i, debut, garder) for i, c in enumerate(colonnes)]
        assert self.dictionnaires is not None
        return _LotConverti(pa.RecordBatch.from_arrays(colonnes, names=self.colonnes), retirees, sous_totaux,
                            self.dictionnaires)

    def _texte(self, colonne: pa.Array, i: int) -> pa.Array:
        """A raw column as text: dictionary-encoded when repetitive, transcoded when cp1252."""
        assert self.dictionnaires is not None
        if self.dictionnaires[i]:
            encodee = colonne.dictionary_encode()
            return v.dictionnaire_depuis_cp1252(encodee) if self.cp1252 else encodee
        if not self.cp1252:
            return colonne
        if self.types[i] == MONTANT and v.contient_octet(colonne, 0xA0):  # NBSP is one byte in cp1252
            colonne = pc.replace_substring(colonne, b"\xa0", b"")
        return v.depuis_cp1252(colonne)

    def _a_retirer(self, colonnes: Sequence[pa.Array]) -> tuple[np.ndarray | None, int]:
        """Rows to drop (subtotals, empty rows) as a numpy mask (None when every row is data),
        and the number of subtotals among them."""
        masque = _commence_par(colonnes[0], SOUS_TOTAL)
        for i in range(1, len(colonnes)):
            if self.types[i] == TEXTE:
                masque = _ou(masque, _egal(colonnes[i], SOUS_TOTAL))
        sous_totaux = int(masque.sum()) if masque is not None else 0
        if all(c.null_count for c in colonnes):  # else no row is entirely empty
            vides = np.logical_and.reduce([_masque(pc.is_null(c)) for c in colonnes])
            masque = _ou(masque, vides if vides.any() else None)
        return (masque if masque is not None and masque.any() else None), sous_totaux

    def _convertir(self, colonne: pa.Array, i: int, debut: int, garder: np.ndarray | None) -> pa.Array:
        type_ = self.types[i]
        try:
            if type_ == MONTANT:
                return v.centimes(colonne)
            if type_ == DATE:
                return v.jours(colonne)
        except v.ValeurInvalide as exc:
            indice = exc.indice if garder is None else int(np.flatnonzero(garder)[exc.indice])
            raise _ErreurLot(debut + indice, self.colonnes[i], exc) from None
        return colonne

    def sortir(self) -> Iterator[_LotConverti]:
        """The blocks typed so far, in file order (each handed out once)."""
        faits, self.faits = self.faits, []
        yield from faits

    def finir(self) -> Iterator[_LotConverti]:
        """The remaining blocks, in file order, once every worker is done."""
        yield from self.sortir()
        while self.futurs:
            yield self.futurs.popleft().result()

    def abandonner(self) -> None:
        for futur in self.futurs:
            futur.cancel()


def _masque(booleens: pa.Array) -> np.ndarray:
    return np.asarray(pc.fill_null(booleens, False).to_numpy(zero_copy_only=False))


def _ou(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    return b if a is None else (a if b is None else a | b)


def _dans_dictionnaire(colonne: pa.DictionaryArray, trouves: pa.Array) -> np.ndarray | None:
    """Mask of the rows whose dictionary entry is flagged in ``trouves`` (None if none is)."""
    positions = np.flatnonzero(_masque(trouves))
    if not len(positions):
        return None
    return _masque(pc.is_in(colonne.indices, value_set=pa.array(positions, type=colonne.indices.type)))


def _commence_par(colonne: pa.Array, prefixe: str) -> np.ndarray | None:
    if pa.types.is_dictionary(colonne.type):
        return _dans_dictionnaire(colonne, pc.starts_with(colonne.dictionary, prefixe))
    masque = _masque(pc.starts_with(colonne, prefixe))
    return masque if masque.any() else None


def _egal(colonne: pa.Array, valeur: str) -> np.ndarray | None:
    if pa.types.is_dictionary(colonne.type):
        return _dans_dictionnaire(colonne, pc.equal(colonne.dictionary, valeur))
    if not v.contient_octet(colonne, valeur.encode()[1]):  # the "é" of "Résultat"
        return None
    masque = _masque(pc.equal(colonne, valeur))
    return masque if masque.any() else None


def repetitif(colonne: pa.Array) -> bool:
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

