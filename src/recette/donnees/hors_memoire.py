"""Comparing extracts larger than memory: both files poured into DuckDB on disk, compared there.

The files are read by the same streaming reader as in memory (same types, same French errors
naming the line and the column: amounts in int64 cents, dates, codes as text, subtotals
dropped), both at once, and their typed blocks poured into a DuckDB database in a temporary
directory: DuckDB compresses them on disk and spills its hash tables there past its memory limit.
DuckDB then pairs the rows by key (a full outer join, null-safe; the k-th occurrence of a
duplicated key with the k-th on the other side, as in memory) and flags each differing cell. Only
the unpaired and differing rows come back to Python, rendered by the same code as in memory, so
the report is the same.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pyarrow as pa

from recette.donnees import extraits
from recette.donnees.comparaison import (
    FILS,
    LIMITE_DETAILS,
    ResultatComparaison,
    exiger_cles,
    filtrer,
    types_prevus,
    verifier_spec,
    vers_obtenu,
)
from recette.donnees.detection import detecter
from recette.donnees.lecture import DATE, MONTANT, TEXTE, Export, Flux, lire_csv
from recette.donnees.progression import Annulable, Progression, Silence
from recette.donnees.spec import Spec
from recette.erreurs import ErreurSpec

FACTEUR_MEMOIRE = 3  # in memory, a comparison needs about 3 bytes of RAM per byte of CSV (both files)
MEMOIRE_DUCKDB_MAX = 4 << 30  # DuckDB's own limit; the reader and Python add ~0.5 GiB to it
RANG = "__rang"  # position of the row among the data rows kept (file order)
OCCURRENCE = "__occ"


def en_csv(chemin: str | Path) -> bool:
    return Path(chemin).suffix.lower() not in (".xlsx", ".xlsm")


def memoire_disponible() -> int:
    """Bytes of memory available now (``MemAvailable``), or the free physical pages elsewhere."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for ligne in meminfo:
                if ligne.startswith("MemAvailable:"):
                    return int(ligne.split()[1]) * 1024
    except OSError:
        pass
    return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")


def trop_grand(attendu: str | Path, obtenu: str | Path) -> bool:
    """Whether comparing in memory would likely exhaust the memory available."""
    try:
        taille = Path(attendu).stat().st_size + Path(obtenu).stat().st_size
    except OSError:  # the in-memory path says which file is missing, in French
        return False
    return taille * FACTEUR_MEMOIRE > memoire_disponible()


# --- Both files into DuckDB ----------------------------------------------------------------------
@dataclass
class _Cote:
    """One side as poured into DuckDB: its table, its columns (compared names) and their types."""

    table: str
    chemin: Path
    colonnes: list[str] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    lignes: int = 0

    def sql(self, colonne: str) -> str:
        """Columns are stored under positional names (c0, c1…): no quoting of French headers."""
        return f"c{self.colonnes.index(colonne)}"


class _Versement:
    """Consumer of a :class:`Flux`: renames, drops ignored columns, filters, numbers the rows and
    pours the blocks into a DuckDB table (created afresh on each pass of the reader)."""

    def __init__(self, curseur: Any, cote: _Cote, spec: Spec, renommages: Mapping[str, str]) -> None:
        self.curseur, self.cote, self.spec, self.renommages = curseur, cote, spec, renommages

    def __call__(self, flux: Flux) -> _Cote:
        noms = [self.renommages.get(c, c) for c in flux.format_csv.colonnes]
        types = {n: flux.types[c] for n, c in zip(noms, flux.format_csv.colonnes)}
        gardees = [n for n in noms if n not in self.spec.ignorer]
        self.cote.colonnes, self.cote.types = gardees, {n: types[n] for n in gardees}
        schema = pa.schema([*((f"c{i}", _type_arrow(types[n])) for i, n in enumerate(gardees)), (RANG, pa.int64())])
        erreur: list[BaseException] = []
        lecteur = pa.RecordBatchReader.from_batches(schema, self._lots(flux, noms, gardees, types, schema, erreur))
        self.curseur.register("lecteur", lecteur)
        try:
            self.curseur.execute(f"CREATE OR REPLACE TABLE {self.cote.table} AS SELECT * FROM lecteur").fetchall()
        except Exception:
            if not erreur:
                raise
        finally:
            self.curseur.unregister("lecteur")
        if erreur:  # the reader's own error (a bad cell, a retry), not DuckDB's wrapping of it
            raise erreur[0]
        self.cote.lignes = int(self.curseur.execute(f"SELECT count(*) FROM {self.cote.table}").fetchall()[0][0])
        return self.cote

    def _lots(self, flux: Flux, noms: list[str], gardees: list[str], types: dict[str, str], schema: pa.Schema,
              erreur: list[BaseException]) -> Iterator[pa.RecordBatch]:
        rang = 0
        try:
            for fait in flux.lots:
                table = pa.Table.from_batches([fait.lot]).rename_columns(noms).select(gardees)
                if self.spec.filtres:
                    table = filtrer(Export(flux.chemin, table, types), self.spec.filtres).table
                colonnes = [c.cast(_type_arrow(types[n])) for n, c in zip(gardees, table.columns)]
                colonnes.append(pa.chunked_array([np.arange(rang, rang + table.num_rows, dtype=np.int64)]))
                rang += table.num_rows
                yield from pa.Table.from_arrays(colonnes, schema=schema).to_batches()
        except BaseException as exc:  # noqa: BLE001 (re-raised by __call__: DuckDB would keep its message only)
            erreur.append(exc)


def _type_arrow(type_: str) -> pa.DataType:
    return {MONTANT: pa.int64(), DATE: pa.date32()}.get(type_, pa.string())


def _connexion(dossier: Path, memoire: int | None) -> Any:
    import duckdb

    limite = memoire or min(MEMOIRE_DUCKDB_MAX, max(512 << 20, memoire_disponible() // 2))
    connexion = duckdb.connect(str(dossier / "comparaison.duckdb"), config={
        "memory_limit": f"{limite >> 20}MB", "threads": FILS, "temp_directory": str(dossier / "debordement"),
        "preserve_insertion_order": False})
    # DuckDB tracks the progress of the join for query_progress(); the line shown is ours, in French
    connexion.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false").fetchall()
    return connexion


def _verser_paire(connexion: Any, attendu: Path, obtenu: Path, spec: Spec, progression: Progression) -> tuple[
        _Cote, _Cote]:
    """Both files poured at once (the obtained one in a thread, typed as the expected one is
    expected to be; poured again if the expected file's reading settles on other types)."""
    format_attendu = detecter(attendu)
    prevus = types_prevus(attendu, format_attendu, spec)
    a, o = _Cote("a", attendu), _Cote("b", obtenu)
    annulation = threading.Event()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lecture-obtenu") as executeur:
        futur = executeur.submit(_verser_obtenu, connexion.cursor(), o, prevus, spec,
                                 Annulable(progression, annulation))
        try:
            lire_csv(attendu, _Versement(connexion.cursor(), a, spec, {}), montants=spec.montants, dates=spec.dates,
                     progression=progression)
        except BaseException:
            annulation.set()
            raise
        revus = any(a.types.get(c) != t for c, t in prevus.items() if c not in spec.ignorer)
        if revus:  # the obtained file's pouring (or its error) is moot: stop it
            annulation.set()
        else:
            futur.result()
    if revus:
        _verser_obtenu(connexion.cursor(), o, {**prevus, **a.types}, spec, progression)
    return a, o


def _verser_obtenu(curseur: Any, cote: _Cote, types: Mapping[str, str], spec: Spec, progression: Progression) -> _Cote:
    vers = vers_obtenu(types, spec)
    renommages = {o: a for a, o in spec.renommer.items()}
    return lire_csv(cote.chemin, _Versement(curseur, cote, spec, renommages),
                    montants=[c for c, t in vers.items() if t == MONTANT], dates=[c for c, t in vers.items() if t == DATE],
                    textes=[c for c, t in vers.items() if t == TEXTE], progression=progression, strict=False)


# --- Comparing in DuckDB -------------------------------------------------------------------------
def _suivre(connexion: Any, progression: Progression, etape: str) -> threading.Event:
    """Report DuckDB's progress on the running query until the returned event is set."""
    fini = threading.Event()

    def suivre() -> None:
        while not fini.wait(0.2):
            avancement = connexion.query_progress()
            if avancement >= 0:
                progression.avancer(etape, min(avancement, 100) / 100)

    threading.Thread(target=suivre, name="progression-duckdb", daemon=True).start()
    return fini


def _executer(connexion: Any, sql: str, progression: Progression, etape: str) -> Any:
    fini = _suivre(connexion, progression, etape)
    try:
        return connexion.execute(sql).fetchall()
    finally:
        fini.set()


def _arrow(connexion: Any, sql: str) -> pa.Table:
    """A query's result as an Arrow table (``to_arrow_table`` in DuckDB 2, ``arrow`` before)."""
    relation = connexion.sql(sql)
    lire = getattr(relation, "to_arrow_table", None) or relation.arrow
    return lire()


def _drapeau(a: _Cote, o: _Cote, colonne: str, tolerance: int) -> str:
    x, y = f"a.{a.sql(colonne)}", f"b.{o.sql(colonne)}"
    if a.types[colonne] == MONTANT:
        return (f"CASE WHEN {x} IS NULL OR {y} IS NULL THEN ({x} IS NULL) <> ({y} IS NULL) "
                f"ELSE abs({x} - {y}) > {int(tolerance)} END")
    return f"{x} IS DISTINCT FROM {y}"


def _doublons(connexion: Any, cote: _Cote, cles: Sequence[str], limite: int) -> tuple[int, pa.Table]:
    """Number of duplicated keys, and the first ``limite`` of them (keys, occurrences) in file order."""
    colonnes = ", ".join(cote.sql(c) for c in cles)
    connexion.execute(f"CREATE OR REPLACE TEMP TABLE doublons_{cote.table} AS SELECT {colonnes}, count(*) AS n, "
                      f"min({RANG}) AS premiere FROM {cote.table} GROUP BY ALL HAVING count(*) > 1").fetchall()
    nombre = int(connexion.execute(f"SELECT count(*) FROM doublons_{cote.table}").fetchall()[0][0])
    premiers = _arrow(connexion, f"SELECT * FROM doublons_{cote.table} ORDER BY premiere LIMIT {limite}")
    return nombre, premiers


def _avec_occurrences(cote: _Cote, cles: Sequence[str], doublons: int) -> str:
    """The side's rows with the occurrence number of their key (0 for all when no key repeats)."""
    if not doublons:
        return f"(SELECT *, 0 AS {OCCURRENCE} FROM {cote.table})"
    partition = ", ".join(cote.sql(c) for c in cles)
    return (f"(SELECT *, row_number() OVER (PARTITION BY {partition} ORDER BY {RANG}) AS {OCCURRENCE} "
            f"FROM {cote.table})")


def _export(cote: _Cote, table: pa.Table, colonnes: Sequence[str]) -> Export:
    """Rows fetched from DuckDB as an :class:`Export` under their compared names (for rendering)."""
    noms = {cote.sql(c): c for c in colonnes}
    table = table.select([cote.sql(c) for c in colonnes]).rename_columns([noms[cote.sql(c)] for c in colonnes])
    return Export(cote.chemin, table, {c: cote.types[c] for c in colonnes})


def _lignes(connexion: Any, cote: _Cote, rangs_sql: str, limite: int) -> pa.Table:
    """Rows of ``cote`` whose rank is selected by ``rangs_sql`` (first ``limite``, in file order), as text."""
    table = _arrow(connexion, (
        f"SELECT t.* FROM {cote.table} t JOIN ({rangs_sql} ORDER BY 1 LIMIT {limite}) s(r) ON t.{RANG} = s.r "
        f"ORDER BY t.{RANG}"))
    export = _export(cote, table, cote.colonnes)
    return extraits.lignes(export, np.arange(export.lignes))


def comparer_hors_memoire(attendu: str | Path, obtenu: str | Path, spec: Spec, *,
                          progression: Progression | None = None, limite: int = LIMITE_DETAILS,
                          memoire: int | None = None, dossier: str | Path | None = None) -> ResultatComparaison:
    """Compare two CSV exports through DuckDB on disk: the same result as in memory, whatever their size.

    ``memoire``: DuckDB's memory limit in bytes (default: half the memory available, at most
    4 GiB); ``dossier``: where its temporary database goes (default: the system's temporary
    directory, ``TMPDIR``; about the size of the two files is needed there)."""
    attendu, obtenu = Path(attendu), Path(obtenu)
    exiger_cles(spec, attendu)
    verifier_spec(spec, detecter(attendu).colonnes, attendu)
    progression = progression or Silence()
    with tempfile.TemporaryDirectory(prefix="recette-comparer-", dir=dossier) as temporaire:
        connexion = _connexion(Path(temporaire), memoire)
        try:
            return _comparer(connexion, attendu, obtenu, spec, progression, limite)
        finally:
            connexion.close()


def _comparer(connexion: Any, attendu: Path, obtenu: Path, spec: Spec, progression: Progression,
              limite: int) -> ResultatComparaison:
    a, o = _verser_paire(connexion, attendu, obtenu, spec, progression)
    for cle in spec.cles:
        if cle not in o.types:
            raise ErreurSpec(f"colonne clé « {cle} » absente (colonnes : {', '.join(o.colonnes)})", str(obtenu))
        if a.types[cle] != o.types[cle]:
            raise ErreurSpec(f"colonne « {cle} » : {a.types[cle]} dans l'attendu, {o.types[cle]} dans l'obtenu",
                             str(obtenu))
    communes = [c for c in a.colonnes if c in o.types and c not in spec.cles]
    progression.avancer("Recherche des clés en double (DuckDB)")
    doubles_a, premiers_a = _doublons(connexion, a, spec.cles, limite)
    doubles_o, premiers_o = _doublons(connexion, o, spec.cles, limite)
    drapeaux = [_drapeau(a, o, c, spec.tolerances.get(c, 0)) for c in communes]
    jointure = " AND ".join([f"a.{a.sql(c)} IS NOT DISTINCT FROM b.{o.sql(c)}" for c in spec.cles] +
                            [f"a.{OCCURRENCE} = b.{OCCURRENCE}"])
    cas = " OR ".join([f"a.{RANG} IS NULL", f"b.{RANG} IS NULL", *(f"({d})" for d in drapeaux)])
    _executer(connexion, (
        f"CREATE TEMP TABLE ecarts AS SELECT a.{RANG} AS ra, b.{RANG} AS rb"
        + "".join(f", ({d}) AS d{i}" for i, d in enumerate(drapeaux))
        + f" FROM {_avec_occurrences(a, spec.cles, doubles_a + doubles_o)} a FULL OUTER JOIN "
        + f"{_avec_occurrences(o, spec.cles, doubles_a + doubles_o)} b ON {jointure} WHERE {cas}"),
        progression, "Appariement et comparaison (DuckDB)")
    comptes = connexion.execute(
        "SELECT count(*) FILTER (WHERE rb IS NULL), count(*) FILTER (WHERE ra IS NULL), "
        "count(*) FILTER (WHERE ra IS NOT NULL AND rb IS NOT NULL)"
        + "".join(f", count(*) FILTER (WHERE ra IS NOT NULL AND rb IS NOT NULL AND d{i})" for i in range(len(communes)))
        + " FROM ecarts").fetchall()[0]
    manquantes, en_trop, paires_differentes = (int(x) for x in comptes[:3])
    ecarts = {c: int(n) for c, n in zip(communes, comptes[3:]) if n}
    progression.avancer("Extraction des écarts")
    cellules, tronque = _cellules(connexion, a, o, spec.cles, communes, paires_differentes, limite)
    details = extraits.Details(
        tuple(spec.cles), _lignes(connexion, a, "SELECT ra FROM ecarts WHERE rb IS NULL", limite),
        _lignes(connexion, o, "SELECT rb FROM ecarts WHERE ra IS NULL", limite),
        _table_doublons(a, o, spec.cles, premiers_a, premiers_o, limite), cellules,
        tronque or max(manquantes, en_trop, doubles_a, doubles_o) > limite)
    return ResultatComparaison(
        str(attendu), str(obtenu), spec.cles, a.lignes, o.lignes, manquantes, en_trop, doubles_a, doubles_o,
        tuple(c for c in a.colonnes if c not in o.types), tuple(c for c in o.colonnes if c not in a.types), ecarts,
        dict(spec.tolerances), details)


def _table_doublons(a: _Cote, o: _Cote, cles: Sequence[str], premiers_a: pa.Table, premiers_o: pa.Table,
                    limite: int) -> pa.Table:
    exports = [_export(c, t, cles) for c, t in ((a, premiers_a), (o, premiers_o))]
    appariement = SimpleNamespace(
        doublons_attendu=np.arange(premiers_a.num_rows), doublons_obtenu=np.arange(premiers_o.num_rows),
        occurrences_attendu=premiers_a.column("n").to_numpy(), occurrences_obtenu=premiers_o.column("n").to_numpy())
    return extraits.doublons(exports[0], exports[1], cles, appariement, limite)


def _cellules(connexion: Any, a: _Cote, o: _Cote, cles: Sequence[str], communes: Sequence[str],
              paires_differentes: int, limite: int) -> tuple[pa.Table, bool]:
    """The changed cells of the first ``limite`` differing pairs, numbered as in memory (the
    pair's rank among all pairs in the expected file's order)."""
    choisies = _arrow(connexion, (
        f"SELECT ra, rb{''.join(f', d{i}' for i in range(len(communes)))} FROM ecarts "
        f"WHERE ra IS NOT NULL AND rb IS NOT NULL ORDER BY ra LIMIT {limite}"))
    if not choisies.num_rows:
        return extraits.cellules(Export(a.chemin, pa.table({}), {}), Export(o.chemin, pa.table({}), {}), cles,
                                 None, {}, limite)[0], False
    connexion.register("choisies", choisies)
    try:
        cote_a = _export(a, _arrow(connexion, (
            f"SELECT t.* FROM a t JOIN choisies s ON t.{RANG} = s.ra ORDER BY s.ra")), [*cles, *communes])
        cote_o = _export(o, _arrow(connexion, (
            f"SELECT t.* FROM b t JOIN choisies s ON t.{RANG} = s.rb ORDER BY s.ra")), list(communes))
    finally:
        connexion.unregister("choisies")
    ra = choisies.column("ra").to_numpy()
    manquantes_avant = _arrow(connexion, (
        f"SELECT ra FROM ecarts WHERE rb IS NULL AND ra < {int(ra[-1])} ORDER BY ra")).column("ra").to_numpy()
    rangs = ra - np.searchsorted(manquantes_avant, ra)
    positions = np.arange(choisies.num_rows)
    masques = {c: np.asarray(choisies.column(f"d{i}").to_numpy(zero_copy_only=False), dtype=bool)
               for i, c in enumerate(communes)}
    table, _ = extraits.cellules(cote_a, cote_o, cles, SimpleNamespace(ia=positions, io=positions), masques, limite)
    paires = rangs[table.column(extraits.PAIRE).to_numpy()]
    table = table.set_column(0, extraits.PAIRE, pa.array(paires, type=pa.int64()))
    return table, paires_differentes > limite
