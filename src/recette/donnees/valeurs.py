"""Vectorised conversion of export cells: French amounts to integer cents, dates to ``date32``.

The functions take one pyarrow string array (a chunk) and never loop over rows in Python: pyarrow
kernels and numpy views of the string buffers do the work. A bad cell raises
:class:`ValeurInvalide` with its index in the chunk; the reader turns it into a line number.
Scalar twins (``centimes_texte``, ``date_texte``) parse the values of specs and options.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal, InvalidOperation

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

MILLIERS = (" ", "\u00a0", "\u202f")
_FACTEURS = np.array([100, 10, 1], dtype=np.int64)
_MONTANT = re.compile(r"-?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,\d{1,2})?|-?,\d{1,2}")
_DATE = re.compile(r"(\d{2})([./])(\d{2})\2(\d{4})")
MONTANT_ATTENDU = "attendu un montant en euros écrit en français, ex. « 1 234 567,89 » ou « -12,00 »"
MONTANT_LIMITE = "montant hors limites (plus de cent mille milliards d'euros)"
_LIMITE = 10**16  # digits read, in cents at most: 10**14 €, far from int64's 9.2 × 10**18
DATE_ATTENDUE = "attendu une date jj.mm.aaaa ou jj/mm/aaaa, ex. « 03.02.2026 »"


class ValeurInvalide(ValueError):
    """Cell ``indice`` of a chunk cannot be converted; ``attendu`` says what was expected."""

    def __init__(self, indice: int, valeur: str, attendu: str) -> None:
        super().__init__(f"valeur invalide « {valeur} » : {attendu}")
        self.indice, self.valeur, self.attendu = indice, valeur, attendu


# --- Views of string buffers -------------------------------------------------------------------
def _texte(valeurs: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(valeurs.type):
        valeurs = valeurs.dictionary_decode()
    return valeurs.cast(pa.string()) if not pa.types.is_string(valeurs.type) else valeurs


def _tampons(valeurs: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (``n + 1``) and bytes of a string array, as numpy views (no copy)."""
    _, tampon_offsets, tampon_octets = valeurs.buffers()
    offsets = np.frombuffer(tampon_offsets, dtype=np.int32, count=len(valeurs) + 1, offset=valeurs.offset * 4)
    octets = np.frombuffer(tampon_octets, dtype=np.uint8) if tampon_octets is not None else np.zeros(0, np.uint8)
    return offsets, octets


def _a_l_origine(valeurs: pa.Array) -> pa.Array:
    """The same array with its buffers starting at row 0 (a slice is copied)."""
    if not valeurs.offset:
        return valeurs
    return pa.concat_arrays([valeurs, pa.array([], type=valeurs.type)])


def contient_octet(valeurs: pa.Array, octet: int) -> bool:
    """Whether any cell holds byte ``octet`` (cheap pre-check before a rewriting kernel)."""
    offsets, octets = _tampons(valeurs)
    return bool(len(valeurs)) and bool((octets[offsets[0]:offsets[-1]] == octet).any())


def _nuls(valeurs: pa.Array) -> np.ndarray:
    if valeurs.null_count == 0:
        return np.zeros(len(valeurs), dtype=bool)
    return np.asarray(pc.is_null(valeurs).to_numpy(zero_copy_only=False))


def _entiers(valeurs: pa.Array) -> np.ndarray:
    """Values of a fixed-width array as a numpy view; null slots hold anything (mask them)."""
    largeur = valeurs.type.bit_width // 8
    return np.frombuffer(valeurs.buffers()[1], dtype=f"<i{largeur}", count=len(valeurs),
                         offset=valeurs.offset * largeur)


def _premier(masque: np.ndarray) -> int:
    return int(np.argmax(masque))


# --- Amounts -----------------------------------------------------------------------------------
def centimes(valeurs: pa.Array) -> pa.Array:
    """French amounts (``-1 234 567,89``, thousands by space/NBSP/narrow NBSP) → int64 cents."""
    texte = brut = _texte(valeurs)
    for separateur in MILLIERS:
        if contient_octet(texte, separateur.encode()[0]):
            texte = pc.replace_substring(texte, separateur, "")
    rapides = _centimes_a_deux_decimales(texte)
    if rapides is not None:
        return rapides
    virgule = _entiers(pc.find_substring(texte, ","))
    longueur = _entiers(pc.binary_length(texte))
    if (virgule >= 0).any():
        texte = pc.replace_substring(texte, ",", "")
    try:
        entiers = texte.cast(pa.int64())
    except pa.ArrowInvalid:
        raise _montant_invalide(brut, texte) from None
    decimales = np.where(virgule < 0, 0, longueur - virgule - 1)
    nuls = _nuls(brut)
    chiffres = _entiers(entiers)
    for mauvais, attendu in (((decimales > 2) & ~nuls, MONTANT_ATTENDU),
                             ((np.abs(chiffres) >= _LIMITE) & ~nuls, MONTANT_LIMITE)):
        if mauvais.any():
            indice = _premier(mauvais)
            raise ValeurInvalide(indice, str(brut[indice]), attendu)
    resultat = chiffres * _FACTEURS[np.clip(decimales, 0, 2)]
    return pa.array(resultat, type=pa.int64(), mask=nuls if nuls.any() else None)


def _centimes_a_deux_decimales(texte: pa.Array) -> pa.Array | None:
    """The usual column, every amount with its comma and two decimals (``-123,45``), read by one
    integer cast: in a copy of the bytes, the decimals move over the comma and a ``0`` takes their
    last place (``-123450``, ten times the cents). None for any other column, and for a value the
    cast refuses or beyond the limit: :func:`centimes` then takes the general way, which names it."""
    texte = _a_l_origine(texte)
    offsets, octets = _tampons(texte)
    presents = ~_nuls(texte)
    debuts, fins = (offsets[:-1], offsets[1:]) if not texte.null_count else (offsets[:-1][presents], offsets[1:][presents])
    if not len(fins) or ((fins - debuts) < 3).any():
        return None
    virgules = fins - 3
    segment = octets[:offsets[-1]]
    if not (segment[virgules] == 44).all() or np.count_nonzero(segment == 44) != len(virgules):
        return None  # a comma elsewhere, or a value without one: not this column
    decale = segment.copy()
    decale[virgules] = segment[virgules + 1]
    decale[virgules + 1] = segment[virgules + 2]
    decale[virgules + 2] = 48
    validite = texte.buffers()[0]
    sans_virgule = pa.Array.from_buffers(pa.string(), len(texte), [validite, texte.buffers()[1], pa.py_buffer(decale)],
                                         null_count=texte.null_count)
    try:
        dizaines = _entiers(sans_virgule.cast(pa.int64()))
    except pa.ArrowInvalid:
        return None
    if (np.abs(dizaines[presents]) >= _LIMITE * 10).any():
        return None
    return pa.array(dizaines // 10, type=pa.int64(), mask=~presents if not presents.all() else None)


def _montant_invalide(brut: pa.Array, nettoye: pa.Array) -> ValeurInvalide:
    valide = pc.fill_null(pc.match_substring_regex(nettoye, r"^-?\d{1,18}$"), True)
    indice = _premier(~np.asarray(valide.to_numpy(zero_copy_only=False)))
    return ValeurInvalide(indice, str(brut[indice]), MONTANT_ATTENDU)


def centimes_en_decimales(valeurs: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """int64 cents → exact ``decimal128(20, 2)`` (what :attr:`Export.donnees` shows)."""
    centiemes = pa.scalar(Decimal("0.01"), pa.decimal128(3, 2))
    return pc.cast(pc.multiply(pc.cast(valeurs, pa.decimal128(19, 0)), centiemes), pa.decimal128(20, 2))


# --- Dates -------------------------------------------------------------------------------------
def jours(valeurs: pa.Array) -> pa.Array:
    """Dates ``dd.mm.yyyy`` or ``dd/mm/yyyy`` → ``date32``; strict (``31.02.2026`` is refused)."""
    texte = _texte(valeurs)
    offsets, octets = _tampons(texte)
    presents = ~_nuls(texte)
    mauvais = np.zeros(len(texte), dtype=bool)
    mauvais[presents] = (offsets[1:] - offsets[:-1])[presents] != 10
    if mauvais.any():
        raise _date_invalide(texte, mauvais)
    # Every present cell is 10 bytes and nulls are empty: the bytes are one (m, 10) matrix, no copy.
    if offsets[-1] - offsets[0] == 10 * presents.sum():
        car = octets[offsets[0]:offsets[-1]].reshape(-1, 10)
    else:  # a null cell holding bytes (not as pyarrow writes them): gather instead
        car = octets[offsets[:-1][presents].astype(np.int64)[:, None] + np.arange(10)]
    chiffres = car - np.uint8(48)  # a byte that is no digit wraps around above 9
    j, m = chiffres[:, 0] * np.uint8(10) + chiffres[:, 1], chiffres[:, 3] * np.uint8(10) + chiffres[:, 4]
    a = chiffres[:, 6].astype(np.int32) * 1000 + chiffres[:, 7] * np.int32(100) + chiffres[:, 8] * np.int32(10) \
        + chiffres[:, 9]
    debuts = _debuts_de_mois()
    mois = np.clip(a * 12 + np.clip(m, 1, 12) - 1, 0, len(debuts) - 2)  # months since January of year 0
    ok = np.logical_and.reduce([chiffres[:, k] <= 9 for k in (0, 1, 3, 4, 6, 7, 8, 9)])  # eight digits
    ok &= (car[:, 2] == car[:, 5]) & ((car[:, 2] == 46) | (car[:, 2] == 47))  # separators "." or "/"
    ok &= (a >= 1) & (m >= 1) & (m <= 12) & (j >= 1) & (j <= debuts[mois + 1] - debuts[mois])  # no year 0 in Python
    if not ok.all():
        mauvais[np.flatnonzero(presents)[~ok]] = True
        raise _date_invalide(texte, mauvais)
    resultat = np.zeros(len(texte), dtype=np.int32)
    resultat[presents] = debuts[mois] + j - 1
    return pa.array(resultat, type=pa.int32(), mask=~presents if not presents.all() else None).cast(pa.date32())


@functools.cache
def _debuts_de_mois() -> np.ndarray:
    """Day number (since 1970-01-01) of the first day of each month from January of year 0 to
    January 10000: a date is a lookup, and a month's length the gap to the next one."""
    return (np.arange(10_000 * 12 + 1) - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]").astype(np.int32)


def _date_invalide(texte: pa.Array, mauvais: np.ndarray) -> ValeurInvalide:
    indice = _premier(mauvais)
    return ValeurInvalide(indice, str(texte[indice]), DATE_ATTENDUE)


# --- Scalars (specs, options, rendering) -------------------------------------------------------
def est_montant(texte: str) -> bool:
    return _MONTANT.fullmatch(texte.strip()) is not None


def est_date(texte: str) -> bool:
    return date_texte(texte) is not None


def centimes_texte(texte: str, point: bool = False) -> int | None:
    """``1 234,56`` (or ``1234.56`` when ``point``) → 123456 cents; None when malformed."""
    propre = texte.strip()
    for separateur in MILLIERS:
        propre = propre.replace(separateur, "")
    if point and "," not in propre:
        propre = propre.replace(".", ",", 1)
    if not re.fullmatch(r"-?\d*(,\d{0,2})?", propre) or not re.search(r"\d", propre):
        return None
    try:
        return int(Decimal(propre.replace(",", ".")).scaleb(2))
    except InvalidOperation:
        return None


def date_texte(texte: str) -> dt.date | None:
    trouve = _DATE.fullmatch(texte.strip())
    if not trouve:
        return None
    try:
        return dt.date(int(trouve[4]), int(trouve[3]), int(trouve[1]))
    except ValueError:
        return None


def format_centimes(centimes: int, signe: bool = False, milliers: str = " ") -> str:
    """123456789 → ``1 234 567,89`` (``+`` shown when ``signe`` and positive)."""
    prefixe = "-" if centimes < 0 else ("+" if signe and centimes > 0 else "")
    euros, cts = divmod(abs(centimes), 100)
    return f"{prefixe}{euros:,}".replace(",", milliers) + f",{cts:02d}"


def format_date(jour: dt.date, separateur: str = "/") -> str:
    return jour.strftime(f"%d{separateur}%m{separateur}%Y")


# --- cp1252 -------------------------------------------------------------------------------------
def _table_cp1252() -> tuple[np.ndarray, np.ndarray]:
    """For each cp1252 byte: length of its UTF-8 encoding (0: undefined byte) and those bytes."""
    longueurs, octets = np.zeros(256, dtype=np.int64), np.zeros((256, 3), dtype=np.uint8)
    for octet in range(256):
        try:
            utf8 = bytes([octet]).decode("cp1252").encode("utf-8")
        except UnicodeDecodeError:
            continue
        longueurs[octet] = len(utf8)
        octets[octet, :len(utf8)] = list(utf8)
    return longueurs, octets


_CP1252_LONGUEURS, _CP1252_OCTETS = _table_cp1252()


class OctetIllisible(ValueError):
    """A byte undefined in cp1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D)."""


def depuis_cp1252(valeurs: pa.Array) -> pa.Array:
    """cp1252 bytes (``binary``) → UTF-8 ``string``, vectorised (a lookup table, no Python loop)."""
    valeurs = _a_l_origine(valeurs)
    validite, _, _ = valeurs.buffers()
    offsets, octets = _tampons(valeurs)
    segment = octets[offsets[0]:offsets[-1]]
    if not (segment >= 0x80).any():
        return valeurs.cast(pa.string())
    longueurs = _CP1252_LONGUEURS[segment]
    if not longueurs.all():
        raise OctetIllisible()
    fins = np.cumsum(longueurs)
    sortie = np.empty(int(fins[-1]), dtype=np.uint8)
    debuts = fins - longueurs
    for rang in range(3):
        choisis = longueurs > rang
        sortie[debuts[choisis] + rang] = _CP1252_OCTETS[segment[choisis], rang]
    nouveaux = np.concatenate([[0], fins])[(offsets - offsets[0]).astype(np.int64)].astype(np.int32)
    return pa.Array.from_buffers(pa.string(), len(valeurs), [validite, pa.py_buffer(nouveaux), pa.py_buffer(sortie)],
                                 null_count=valeurs.null_count)


def dictionnaire_depuis_cp1252(valeurs: pa.DictionaryArray) -> pa.DictionaryArray:
    """A dictionary-encoded cp1252 column: only its (small) dictionary is transcoded."""
    return pa.DictionaryArray.from_arrays(valeurs.indices, depuis_cp1252(valeurs.dictionary))
