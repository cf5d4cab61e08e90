"""The comparison engine: expected export versus obtained export, exact and vectorised.

Rows are paired by their key through integer codes (every key column is encoded to int64 codes
shared by both sides, the composite key is factorised to dense ids, then paired with numpy
index arrays: a hash join without materialising a joined table). Each compared column is then
one vectorised comparison over the pairs: integer cents with the tolerance for amounts, day
numbers for dates, shared dictionary codes for text. Only the differing rows are materialised,
for rendering.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from recette.donnees import valeurs as v
from recette.donnees.detection import FormatCsv, detecter
from recette.donnees.extraits import Details, details
from recette.donnees.lecture import (
    DATE,
    MONTANT,
    TEXTE,
    Export,
    choisir_types,
    declarer,
    lire_export,
)
from recette.donnees.progression import Annulable, Progression, Silence
from recette.donnees.spec import Filtre, Spec
from recette.erreurs import ErreurSpec

LIMITE_DETAILS = 100_000
FILS = 2  # threads comparing columns at once (the machine of reference has 2 cores)
SEUIL_FILS = 200_000  # rows (both sides) below which threads cost more than they save
SEUIL_LECTURE_PARALLELE = 16 << 20  # bytes (both files) below which they are read one after the other
_LONGUEUR_CODE = 10**17  # numeric codes: value + length × 10**17 keeps "0150" apart from "150"
T = TypeVar("T")
_NUL_CODE = np.iinfo(np.int64).min  # the code of null: no amount, day, index or numeric code takes it


@dataclass(frozen=True)
class ResultatComparaison:
    """Counts of every kind of difference; :attr:`details` holds the rows for rendering."""

    attendu: str
    obtenu: str
    cles: tuple[str, ...]
    lignes_attendues: int
    lignes_obtenues: int
    lignes_manquantes: int = 0
    lignes_en_trop: int = 0
    cles_en_double_attendu: int = 0
    cles_en_double_obtenu: int = 0
    colonnes_manquantes: tuple[str, ...] = ()
    colonnes_en_trop: tuple[str, ...] = ()
    ecarts_par_colonne: Mapping[str, int] = field(default_factory=dict)
    tolerances: Mapping[str, int] = field(default_factory=dict)
    details: Details = field(default_factory=Details, repr=False, compare=False)

    @property
    def cellules_differentes(self) -> int:
        return sum(self.ecarts_par_colonne.values())

    @property
    def conforme(self) -> bool:
        return not (self.lignes_manquantes or self.lignes_en_trop or self.cles_en_double_attendu
                    or self.cles_en_double_obtenu or self.cellules_differentes or self.colonnes_manquantes
                    or self.colonnes_en_trop)

    def to_dict(self) -> dict[str, Any]:
        return {"conforme": self.conforme, "lignes_attendues": self.lignes_attendues,
                "lignes_obtenues": self.lignes_obtenues, "lignes_manquantes": self.lignes_manquantes,
                "lignes_en_trop": self.lignes_en_trop, "cellules_differentes": self.cellules_differentes,
                "cles_en_double": {"attendu": self.cles_en_double_attendu, "obtenu": self.cles_en_double_obtenu},
                "colonnes_manquantes": list(self.colonnes_manquantes),
                "colonnes_en_trop": list(self.colonnes_en_trop),
                "ecarts_par_colonne": dict(self.ecarts_par_colonne)}


# --- Preparing both sides ----------------------------------------------------------------------
def preparer(attendu: Export, obtenu: Export, spec: Spec) -> tuple[Export, Export]:
    """Apply the spec: renames, declared types, ignored columns, filters; check the keys."""
    verifier_spec(spec, attendu.colonnes, attendu.chemin)
    obtenu = renommer(obtenu, spec.renommer)
    attendu, obtenu = (_typer(e, spec) for e in (attendu, obtenu))
    attendu, obtenu = _accorder_types(attendu, obtenu)
    attendu, obtenu = (_sans(e, spec.ignorer) for e in (attendu, obtenu))
    for cle in spec.cles:
        if cle not in obtenu.colonnes:
            raise ErreurSpec(f"colonne clé « {cle} » absente (colonnes : {', '.join(obtenu.colonnes)})",
                             str(obtenu.chemin))
    return filtrer(attendu, spec.filtres), filtrer(obtenu, spec.filtres)


def verifier_spec(spec: Spec, colonnes: Sequence[str], attendu: str | Path) -> None:
    """Every column the spec names (keys, amounts, dates, renames, filters) exists in the expected file."""
    exiger_cles(spec, attendu)
    nommees = [("cles", c) for c in spec.cles] + [("montants", c) for c in spec.tolerances] + \
        [("dates", c) for c in spec.dates] + [("renommer", c) for c in spec.renommer] + \
        [("filtres", f.colonne) for f in spec.filtres]
    for rubrique, colonne in nommees:
        if colonne not in colonnes:
            raise ErreurSpec(f"colonne « {colonne} » ({rubrique}) absente de l'attendu {attendu} "
                             f"(colonnes : {', '.join(colonnes)})", str(spec.chemin or attendu))
    if len(set(spec.cles)) != len(spec.cles):
        raise ErreurSpec("colonne clé en double", str(spec.chemin or ""), colonne=", ".join(spec.cles))


def exiger_cles(spec: Spec, attendu: Any) -> None:
    """Rows are compared by key, never by position: no key is an error saying how to give one."""
    if not spec.cles:
        voisine = Path(attendu).with_suffix(".yaml")
        raise ErreurSpec("aucune colonne clé pour apparier les lignes : donnez-les avec --cles « COL,COL » ou "
                         f"dans la spécification (« cles: [COL, COL] » dans {voisine} ou le fichier de --spec)",
                         str(spec.chemin or attendu))


def renommer(export: Export, renommages: Mapping[str, str]) -> Export:
    """Obtained columns renamed back to their expected names (``{attendu: obtenu}``)."""
    inverse = {obtenu: attendu for attendu, obtenu in renommages.items() if obtenu in export.colonnes}
    if not inverse:
        return export
    noms = [inverse.get(c, c) for c in export.colonnes]
    types = {inverse.get(c, c): t for c, t in export.types.items()}
    return dataclasses.replace(export, table=export.table.rename_columns(noms), types=types)


def _typer(export: Export, spec: Spec) -> Export:
    return export.typer(montants=[c for c in spec.montants if c in export.types],
                        dates=[c for c in spec.dates if c in export.types])


def _accorder_types(attendu: Export, obtenu: Export) -> tuple[Export, Export]:
    """A column typed on one side only (guessed from its first rows) is typed on the other too."""
    pour_obtenu: dict[str, list[str]] = {MONTANT: [], DATE: []}
    pour_attendu: dict[str, list[str]] = {MONTANT: [], DATE: []}
    for colonne, type_ in attendu.types.items():
        autre = obtenu.types.get(colonne)
        if autre is None or autre == type_:
            continue
        if TEXTE not in (type_, autre):
            raise ErreurSpec(f"colonne « {colonne} » : {type_} dans l'attendu, {autre} dans l'obtenu",
                             str(obtenu.chemin))
        (pour_obtenu[type_] if autre == TEXTE else pour_attendu[autre]).append(colonne)
    return (attendu.typer(pour_attendu[MONTANT], pour_attendu[DATE]),
            obtenu.typer(pour_obtenu[MONTANT], pour_obtenu[DATE]))


def _sans(export: Export, ignorees: Iterable[str]) -> Export:
    retirees = [c for c in ignorees if c in export.colonnes]
    if not retirees:
        return export
    return dataclasses.replace(export, table=export.table.drop_columns(retirees),
                               types={c: t for c, t in export.types.items() if c not in retirees})


def filtrer(export: Export, filtres: Sequence[Filtre]) -> Export:
    if not filtres:
        return export
    masque = pa.array(np.ones(export.lignes, dtype=bool))
    for filtre in filtres:
        masque = pc.and_(masque, _masque(export, filtre))
    return dataclasses.replace(export, table=export.table.filter(masque))


def _masque(export: Export, filtre: Filtre) -> pa.Array | pa.ChunkedArray:
    colonne, type_ = export.table[filtre.colonne], export.types[filtre.colonne]
    if pa.types.is_dictionary(colonne.type):
        colonne = colonne.cast(pa.string())
    if filtre.operateur == "vide":
        return pc.is_null(colonne) if filtre.valeurs[0].lower() in ("true", "oui") else pc.is_valid(colonne)
    if filtre.operateur == "commence_par":
        if type_ != TEXTE:
            raise ErreurSpec("« commence_par » ne s'applique qu'à une colonne de texte", colonne=filtre.colonne)
        return pc.fill_null(pc.starts_with(colonne, filtre.valeurs[0]), False)
    valeurs = pa.array([_valeur_filtre(x, type_, filtre) for x in filtre.valeurs], type=colonne.type)
    dedans = pc.is_in(colonne, value_set=valeurs)
    return dedans if filtre.operateur in ("egal", "dans") else pc.invert(dedans)


def _valeur_filtre(texte: str, type_: str, filtre: Filtre) -> Any:
    if type_ == TEXTE:
        return texte
    valeur = v.centimes_texte(texte) if type_ == MONTANT else v.date_texte(texte)
    if valeur is None:
        attendu = v.MONTANT_ATTENDU if type_ == MONTANT else v.DATE_ATTENDUE
        raise ErreurSpec(f"valeur de filtre invalide « {texte} » : {attendu}", colonne=f"filtre « {filtre} »")
    return valeur


# --- Integer codes ----------------------------------------------------------------------------
def _valeurs_nuls(colonne: pa.ChunkedArray, type_: pa.DataType) -> tuple[np.ndarray, np.ndarray]:
    """A fixed-width column as numpy (values, null mask); null slots hold anything."""
    morceaux = colonne.chunks or [pa.array([], type=type_)]
    largeur = type_.bit_width // 8
    valeurs = np.concatenate([np.frombuffer(m.buffers()[1], dtype=f"<i{largeur}", count=len(m),
                                            offset=m.offset * largeur) for m in morceaux])
    nuls = np.concatenate([np.asarray(m.is_null().to_numpy(zero_copy_only=False)) if m.null_count
                           else np.zeros(len(m), dtype=bool) for m in morceaux])
    return valeurs, nuls


def codes(attendu: pa.ChunkedArray, obtenu: pa.ChunkedArray, type_: str) -> tuple[np.ndarray, np.ndarray]:
    """int64 codes of both sides, equal exactly when the values are equal (null included)."""
    if type_ in (MONTANT, DATE):
        return _codes_entiers(attendu, pa.int64() if type_ == MONTANT else pa.int32()), \
            _codes_entiers(obtenu, pa.int64() if type_ == MONTANT else pa.int32())
    if pa.types.is_dictionary(attendu.type) and pa.types.is_dictionary(obtenu.type):
        return _codes_dictionnaire(attendu, obtenu)
    attendu, obtenu = (c.cast(pa.string()) if pa.types.is_dictionary(c.type) else c for c in (attendu, obtenu))
    if _numerique(attendu) and _numerique(obtenu):
        return _codes_numeriques(attendu, obtenu)
    encode = pc.dictionary_encode(pa.chunked_array(attendu.chunks + obtenu.chunks, type=pa.string()))
    tout = _codes_entiers(pa.chunked_array([m.indices for m in encode.chunks], type=pa.int32()), pa.int32())
    return tout[:len(attendu)], tout[len(attendu):]


def _codes_entiers(colonne: pa.ChunkedArray, type_: pa.DataType) -> np.ndarray:
    valeurs, nuls = _valeurs_nuls(colonne, type_)
    codes_ = valeurs.astype(np.int64)
    codes_[nuls] = _NUL_CODE
    return codes_


def _codes_dictionnaire(attendu: pa.ChunkedArray, obtenu: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    unifie = pa.chunked_array(attendu.chunks + obtenu.chunks, type=attendu.type).unify_dictionaries()
    tout = _codes_entiers(pa.chunked_array([m.indices for m in unifie.chunks], type=pa.int32()), pa.int32())
    return tout[:len(attendu)], tout[len(attendu):]


def _numerique(colonne: pa.ChunkedArray) -> bool:
    """Digits only, at most 17 of them: such codes become integers (length kept)."""
    if len(colonne) == colonne.null_count:
        return True
    return bool(pc.all(pc.utf8_is_digit(colonne)).as_py()) and (pc.max(pc.binary_length(colonne)).as_py() or 0) <= 17


def _codes_numeriques(attendu: pa.ChunkedArray, obtenu: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """Numeric codes as integers; their length counts too ("0150" is not "150") unless every
    code of both sides has the same (fixed-width codes, the usual case)."""
    valeurs = [_codes_entiers(c.cast(pa.int64()), pa.int64()) for c in (attendu, obtenu)]
    longueurs = [pc.binary_length(c) for c in (attendu, obtenu)]
    tailles = {x.as_py() for l in longueurs for x in pc.min_max(l).values()} - {None}
    if len(tailles) <= 1:
        return valeurs[0], valeurs[1]
    a, o = (np.where(v == _NUL_CODE, v, v + _codes_entiers(l.cast(pa.int64()), pa.int64()) * _LONGUEUR_CODE)
            for v, l in zip(valeurs, longueurs))
    return a, o


def _factoriser(valeurs: np.ndarray) -> tuple[np.ndarray, int]:
    """Dense ids 0..n-1 of int64 values: a mere offset when the values are dense enough already
    (typical of numeric codes), else their rank among the distinct values (numpy's SIMD sort
    beats hashing 10**6 distinct int64 here)."""
    presents = valeurs != _NUL_CODE
    connues = valeurs if presents.all() else valeurs[presents]
    if len(connues):
        minimum, etendue = int(connues.min()), int(connues.max()) - int(connues.min()) + 1
        if etendue <= 4 * len(valeurs) + 64:
            return np.where(presents, valeurs - minimum, etendue), etendue + 1
    distinctes, ids = np.unique(valeurs, return_inverse=True)
    return ids.astype(np.int64, copy=False), len(distinctes)


def identifiants(codes_cles: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, int]:
    """Dense ids of the composite key on both sides (same id ⇔ same key)."""
    n_attendu = len(codes_cles[0][0])
    cumul, taille = _factoriser(np.concatenate(codes_cles[0]))
    for a, o in codes_cles[1:]:
        suivant, n = _factoriser(np.concatenate([a, o]))
        cumul = cumul * n + suivant  # both below 4 × rows, so the product fits in int64
        taille *= n
        if taille > 4 * len(cumul) + 64:
            cumul, taille = _factoriser(cumul)
    return cumul[:n_attendu], cumul[n_attendu:], taille


# --- Pairing ------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Appariement:
    """Row pairs (``ia[k]`` with ``io[k]``), unpaired rows, and rows of duplicated keys."""

    ia: np.ndarray
    io: np.ndarray
    manquantes: np.ndarray
    en_trop: np.ndarray
    doublons_attendu: np.ndarray  # first row of each duplicated key
    doublons_obtenu: np.ndarray
    occurrences_attendu: np.ndarray
    occurrences_obtenu: np.ndarray


def apparier(ids_a: np.ndarray, ids_o: np.ndarray, taille: int) -> Appariement:
    """Pair rows by key; the k-th occurrence of a duplicated key pairs with the k-th on the other side."""
    nombre_a = np.bincount(ids_a, minlength=taille)
    nombre_o = np.bincount(ids_o, minlength=taille)
    doubles_a, doubles_o = np.flatnonzero(nombre_a > 1), np.flatnonzero(nombre_o > 1)
    doublons = (*_doublons(ids_a, doubles_a, nombre_a), *_doublons(ids_o, doubles_o, nombre_o))
    if len(doubles_a) or len(doubles_o):  # the key plus the occurrence number is unique
        rang = max(int(nombre_a.max(initial=0)), int(nombre_o.max(initial=0)))
        tous, taille = _factoriser(np.concatenate([ids_a * rang + _rangs(ids_a), ids_o * rang + _rangs(ids_o)]))
        ids_a, ids_o = tous[:len(ids_a)], tous[len(ids_a):]
    position_o = np.full(taille, -1, dtype=np.int64)
    position_o[ids_o] = np.arange(len(ids_o))
    en_face = position_o[ids_a]
    ia = np.flatnonzero(en_face >= 0)
    present_a = np.zeros(taille, dtype=bool)
    present_a[ids_a] = True
    return Appariement(ia, en_face[ia], np.flatnonzero(en_face < 0), np.flatnonzero(~present_a[ids_o]),
                       doublons[0], doublons[2], doublons[1], doublons[3])


def _rangs(ids: np.ndarray) -> np.ndarray:
    """Occurrence number of each row within its key (0, 1, 2… in row order)."""
    ordre = np.argsort(ids, kind="stable")
    tries = ids[ordre]
    debuts = np.flatnonzero(np.r_[True, tries[1:] != tries[:-1]])
    rang_trie = np.arange(len(ids)) - np.repeat(debuts, np.diff(np.r_[debuts, len(ids)]))
    rangs = np.empty(len(ids), dtype=np.int64)
    rangs[ordre] = rang_trie
    return rangs


def _doublons(ids: np.ndarray, doubles: np.ndarray, nombre: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First row and number of occurrences of each duplicated key, in the order of the file."""
    if not len(doubles):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    premiere = np.full(len(nombre), -1, dtype=np.int64)
    premiere[ids[::-1]] = np.arange(len(ids))[::-1]
    premieres = premiere[doubles]
    ordre = np.argsort(premieres)
    return premieres[ordre], nombre[doubles][ordre]


# --- Cells --------------------------------------------------------------------------------------
def differences(attendu: pa.ChunkedArray, obtenu: pa.ChunkedArray, type_: str, paires: Appariement,
                tolerance: int = 0) -> np.ndarray:
    """Mask over the pairs: the cell differs (null differs from any value; amounts beyond ``tolerance``)."""
    if type_ == MONTANT:
        va, na = _valeurs_nuls(attendu, pa.int64())
        vo, no = _valeurs_nuls(obtenu, pa.int64())
        na, no = na[paires.ia], no[paires.io]
        ecart = np.abs(va[paires.ia] - vo[paires.io])
        return (na != no) | (~na & (ecart > tolerance))
    ca, co = codes(attendu, obtenu, type_)
    return ca[paires.ia] != co[paires.io]


def comparer(attendu: Export, obtenu: Export, spec: Spec, *, progression: Progression | None = None,
             limite: int = LIMITE_DETAILS) -> ResultatComparaison:
    """Compare two exports as read (see :func:`comparer_fichiers` to read and compare)."""
    progression = progression or Silence()
    attendu, obtenu = preparer(attendu, obtenu, spec)
    progression.avancer("Appariement des lignes par leur clé")
    ids_a, ids_o, taille = identifiants(_en_parallele(
        lambda c: codes(attendu.table[c], obtenu.table[c], attendu.types[c]), spec.cles,
        attendu.lignes + obtenu.lignes))
    paires = apparier(ids_a, ids_o, taille)
    masques = _masques(attendu, obtenu, paires, spec, progression)
    ecarts = {c: int(m.sum()) for c, m in masques.items() if m.any()}
    return ResultatComparaison(
        str(attendu.chemin), str(obtenu.chemin), spec.cles, attendu.lignes, obtenu.lignes,
        len(paires.manquantes), len(paires.en_trop), len(paires.doublons_attendu), len(paires.doublons_obtenu),
        tuple(c for c in attendu.colonnes if c not in obtenu.types),
        tuple(c for c in obtenu.colonnes if c not in attendu.types), ecarts, dict(spec.tolerances),
        details(attendu, obtenu, spec.cles, paires, masques, limite))


def _masques(attendu: Export, obtenu: Export, paires: Appariement, spec: Spec,
             progression: Progression) -> dict[str, np.ndarray]:
    """For each column of both sides (keys aside), which pairs differ; columns compared in
    threads (pyarrow and numpy release the GIL)."""
    communes = [c for c in attendu.colonnes if c in obtenu.types and c not in spec.cles]

    def masque(colonne: str) -> np.ndarray:
        progression.avancer("Comparaison des colonnes", communes.index(colonne) / max(len(communes), 1))
        return differences(attendu.table[colonne], obtenu.table[colonne], attendu.types[colonne], paires,
                           spec.tolerances.get(colonne, 0))

    return dict(zip(communes, _en_parallele(masque, communes, attendu.lignes + obtenu.lignes)))


def _en_parallele(fonction: Callable[[str], T], colonnes: Sequence[str], lignes: int) -> list[T]:
    """``fonction`` over the columns, in threads for large exports, in order."""
    if lignes < SEUIL_FILS or len(colonnes) < 2:
        return [fonction(c) for c in colonnes]
    with ThreadPoolExecutor(max_workers=FILS, thread_name_prefix="comparaison") as executeur:
        return list(executeur.map(fonction, colonnes))


def comparer_fichiers(attendu: str | Path, obtenu: str | Path, spec: Spec, *,
                      progression: Progression | None = None, limite: int = LIMITE_DETAILS,
                      hors_memoire: bool | None = None) -> ResultatComparaison:
    """Read both files (the obtained one typed as the expected one) and compare them.

    ``hors_memoire``: True compares through DuckDB on disk (:mod:`recette.donnees.hors_memoire`),
    False in memory; None (default) chooses by the size of the files against the memory available."""
    exiger_cles(spec, attendu)
    format_attendu = None
    if Path(attendu).suffix.lower() not in (".xlsx", ".xlsm"):  # a bad spec fails before a long read
        format_attendu = detecter(Path(attendu))
        verifier_spec(spec, format_attendu.colonnes, attendu)
    progression = progression or Silence()
    from recette.donnees import hors_memoire as hm

    if format_attendu is not None and hm.en_csv(obtenu) and \
            (hors_memoire if hors_memoire is not None else hm.trop_grand(attendu, obtenu)):
        return hm.comparer_hors_memoire(attendu, obtenu, spec, progression=progression, limite=limite)
    export_attendu, export_obtenu = _lire_paire(Path(attendu), Path(obtenu), spec, format_attendu, progression)
    return comparer(export_attendu, export_obtenu, spec, progression=progression, limite=limite)


def types_prevus(chemin: str | Path, format_csv: FormatCsv, spec: Spec) -> dict[str, str]:
    """The types the expected CSV file starts its reading with: declared, else guessed."""
    return choisir_types(format_csv.colonnes, format_csv.echantillon,
                         declarer(format_csv.colonnes, spec.montants, spec.dates, str(chemin)))


def _lire_paire(attendu: Path, obtenu: Path, spec: Spec, format_attendu: FormatCsv | None,
                progression: Progression) -> tuple[Export, Export]:
    """Both files read at once (pyarrow parses without the GIL): the obtained one in a thread,
    typed as the expected one is expected to be; read again in the rare case where the expected
    file's reading settles on other types (a guessed column that turns out to be text). An error
    of the expected file wins, as in a reading one after the other."""
    taille = sum(f.stat().st_size for f in (attendu, obtenu) if f.is_file())
    if format_attendu is None or taille < SEUIL_LECTURE_PARALLELE:  # XLSX: its types are known once read
        export_attendu = lire_export(attendu, montants=spec.montants, dates=spec.dates, progression=progression)
        return export_attendu, _lire_obtenu(obtenu, vers_obtenu(export_attendu.types, spec), progression)
    prevus = types_prevus(attendu, format_attendu, spec)
    annulation = threading.Event()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lecture-obtenu") as executeur:
        futur = executeur.submit(_lire_obtenu, obtenu, vers_obtenu(prevus, spec), Annulable(progression, annulation))
        try:
            export_attendu = lire_export(attendu, montants=spec.montants, dates=spec.dates, progression=progression)
        except BaseException:
            annulation.set()  # the obtained file's reading stops at its next block
            raise
        revus = dict(export_attendu.types) != prevus
        if revus:  # the obtained file's reading (or its error) is moot: stop it
            annulation.set()
        else:
            export_obtenu = futur.result()
    if revus:
        export_obtenu = _lire_obtenu(obtenu, vers_obtenu(export_attendu.types, spec), progression)
    return export_attendu, export_obtenu


def vers_obtenu(types: Mapping[str, str], spec: Spec) -> dict[str, str]:
    """Expected types under their obtained names (renames), ignored columns left to guessing."""
    return {spec.renommer.get(c, c): t for c, t in types.items() if c not in spec.ignorer}


def _lire_obtenu(chemin: str | Path, types: Mapping[str, str], progression: Progression) -> Export:
    """The obtained file, typed as the expected one (its own extra columns are guessed)."""
    return lire_export(chemin, montants=[c for c, t in types.items() if t == MONTANT],
                       dates=[c for c, t in types.items() if t == DATE],
                       textes=[c for c, t in types.items() if t == TEXTE], progression=progression, strict=False)
