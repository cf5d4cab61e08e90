"""Sniffing a Chorus CSV export from its first bytes: encoding, separator, preamble, header row.

Everything here works on a small sample in pure Python; the bulk of the file is read later by
pyarrow from the byte offset found here (``FormatCsv.debut_donnees``).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from recette.erreurs import ErreurExport

TAILLE_ECHANTILLON = 256 * 1024
SEPARATEURS = (";", "|", ",")
ENCODAGES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 avec BOM", "cp1252": "Windows-1252 (cp1252)"}
LIGNES_MAX_AVANT_ENTETE = 40
NULLS = frozenset({"", "#"})
_HORODATAGE = re.compile(r"(\d{2})[./](\d{2})[./](\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?")


@dataclass(frozen=True)
class Preambule:
    """The lines above the header row and what they say about the restitution."""

    lignes: tuple[tuple[str, ...], ...] = ()
    restitution: str | None = None
    date_donnees: dt.datetime | None = None
    exercice: int | None = None
    valeurs: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"restitution": self.restitution,
                "date_donnees": self.date_donnees.isoformat() if self.date_donnees else None,
                "exercice": self.exercice, "valeurs": dict(self.valeurs)}


@dataclass(frozen=True)
class FormatCsv:
    """How an export is written: found by :func:`detecter`, used to read the whole file."""

    encodage: str
    separateur: str
    ligne_entete: int  # 1-based physical line of the header row
    debut_donnees: int  # byte offset of the first data line
    entete: tuple[str, ...]  # header as written (repeated names kept)
    colonnes: tuple[str, ...]  # unique names
    preambule: Preambule
    echantillon: tuple[tuple[str, ...], ...]  # first data rows, for type detection


def detecter(chemin: Path) -> FormatCsv:
    """Sniff ``chemin``: encoding, separator, preamble and header from its first bytes."""
    brut = _echantillon(chemin)
    encodage = detecter_encodage(brut, str(chemin))
    texte = _decoder(brut, encodage, complet=len(brut) < TAILLE_ECHANTILLON)
    separateur, lignes, indice = analyser(texte, str(chemin))
    ligne_entete = _ligne_physique(texte, separateur, indice)
    entete = tuple(c.strip() for c in lignes[indice])
    return FormatCsv(encodage, separateur, ligne_entete, _position_ligne(brut, ligne_entete), entete,
                     noms_uniques(entete), lire_preambule(lignes[:indice]),
                     tuple(tuple(r) for r in lignes[indice + 1:] if len(r) == len(entete)))


def _echantillon(chemin: Path) -> bytes:
    try:
        with chemin.open("rb") as fichier:
            brut = fichier.read(TAILLE_ECHANTILLON)
    except FileNotFoundError:
        raise ErreurExport("fichier introuvable", str(chemin)) from None
    except IsADirectoryError:
        raise ErreurExport("c'est un dossier, pas un fichier d'export", str(chemin)) from None
    except OSError as exc:
        raise ErreurExport(f"lecture impossible ({exc.strerror})", str(chemin)) from None
    if not brut.strip(codecs.BOM_UTF8 + b" \r\n\t"):
        raise ErreurExport("fichier vide", str(chemin))
    return brut


def detecter_encodage(brut: bytes, fichier: str = "") -> str:
    """``utf-8-sig`` (BOM), ``utf-8`` or ``cp1252``, from the first bytes."""
    if brut.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        brut.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(brut) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"  # a character cut by the end of the sample
    try:
        brut.decode("cp1252")
    except UnicodeDecodeError as exc:
        ligne = brut.count(b"\n", 0, exc.start) + 1
        raise ErreurExport(f"encodage non reconnu : ni UTF-8 ni cp1252 (octet 0x{brut[exc.start]:02X})",
                           fichier, ligne) from None
    return "cp1252"


def _decoder(brut: bytes, encodage: str, complet: bool) -> str:
    texte = brut.decode(encodage, errors="ignore" if not complet else "strict")
    return texte if complet else texte[: texte.rfind("\n") + 1] or texte


def analyser(texte: str, fichier: str = "") -> tuple[str, list[list[str]], int]:
    """Separator, parsed sample rows and index of the header row.

    A table is a header row at least half filled (preamble lines are narrower, or padded but
    mostly empty) with at least half of the rows below it of the same width. Among the
    separators and widths, several columns win over one, a table with data rows over a lone
    header, then the widest.
    """
    meilleur: tuple[tuple[bool, bool, int], str, list[list[str]], int] | None = None
    structure = False  # some separator splits the lines: a one-column reading is then wrong
    for separateur in SEPARATEURS:
        lignes = _lignes(texte, separateur)
        structure |= any(len(r) > 1 for r in lignes[: LIGNES_MAX_AVANT_ENTETE + 1])
        for avec_donnees, largeur, indice in _tables(lignes):
            rang = (largeur > 1, avec_donnees, largeur)
            if meilleur is None or rang > meilleur[0]:
                meilleur = (rang, separateur, lignes, indice)
    if meilleur is None or (meilleur[0][2] == 1 and structure):
        raise ErreurExport(f"ligne d'en-tête introuvable dans les {LIGNES_MAX_AVANT_ENTETE} premières lignes "
                           "(séparateur « ; », « , » ou « | » attendu)", fichier)
    return meilleur[1], meilleur[2], meilleur[3]


def _lignes(texte: str, separateur: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(texte, newline=""), delimiter=separateur))
    except csv.Error:
        return []


def _tables(lignes: Sequence[Sequence[str]]) -> Iterator[tuple[bool, int, int]]:
    """(has data rows, width, header index) of every table shape the rows allow."""
    debut = lignes[: LIGNES_MAX_AVANT_ENTETE + 1]
    for largeur in sorted({len(r) for r in debut if r}, reverse=True):
        indice = next((i for i, r in enumerate(debut) if len(r) == largeur and
                       sum(1 for c in r if c.strip()) >= max(1, (largeur + 1) // 2)), None)
        if indice is None:
            continue
        corps = [len(r) for r in lignes[indice + 1:] if r and not r[0].startswith("Résultat")]
        if sum(1 for n in corps if n == largeur) >= 0.5 * len(corps):
            yield bool(corps), largeur, indice


def _ligne_physique(texte: str, separateur: str, indice: int) -> int:
    """1-based physical line on which the ``indice``-th CSV record ends."""
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur)
    for _ in range(indice + 1):
        next(lecteur)
    return lecteur.line_num


def _position_ligne(brut: bytes, ligne: int) -> int:
    """Byte offset just after physical line ``ligne`` (``\\n`` is one byte in every encoding read)."""
    position = 0
    for _ in range(ligne):
        suivante = brut.find(b"\n", position)
        if suivante < 0:
            return len(brut)
        position = suivante + 1
    return position


def noms_uniques(entete: Iterable[str]) -> tuple[str, ...]:
    """Unique, stable column names: a repeated or empty name becomes ``Nom (2)``, ``Nom (3)``…

    An empty header cell follows the column on its left (Chorus code + label pairs), and the
    first occurrence of a name always keeps it, so the names do not depend on the data.
    """
    noms: list[str] = []
    pris: set[str] = set()
    precedent = ""
    for position, brut in enumerate(entete, start=1):
        base = brut.strip() or precedent or f"Colonne {position}"
        precedent = base
        nom, rang = base, 1
        while nom in pris:
            rang += 1
            nom = f"{base} ({rang})"
        noms.append(nom)
        pris.add(nom)
    return tuple(noms)


def lire_preambule(lignes: Sequence[Sequence[str]]) -> Preambule:
    """Metadata of the preamble: restitution name, date of the data, exercice, ``label : value``."""
    propres = tuple(tuple(c.strip() for c in ligne if c.strip()) for ligne in lignes)
    propres = tuple(ligne for ligne in propres if ligne)
    valeurs = {ligne[0].rstrip(" :"): " ".join(ligne[1:]) for ligne in propres if len(ligne) > 1}
    restitution = propres[0][0] if propres and len(propres[0]) == 1 else None
    return Preambule(propres, restitution, _date_donnees(propres), _exercice(propres), valeurs)


def _date_donnees(lignes: Sequence[Sequence[str]]) -> dt.datetime | None:
    for ligne in sorted(lignes, key=lambda lg: "màj" not in lg[0].lower() and "jour" not in lg[0].lower()):
        for cellule in ligne:
            trouve = _HORODATAGE.search(cellule)
            if trouve:
                try:
                    j, m, a, h, mi, s = (int(x or 0) for x in trouve.groups())
                    return dt.datetime(a, m, j, h, mi, s)
                except ValueError:
                    continue
    return None


def _exercice(lignes: Sequence[Sequence[str]]) -> int | None:
    for ligne in lignes:
        if ligne[0].lower().startswith("exercice"):
            for cellule in ligne[1:]:
                if re.fullmatch(r"\d{4}", cellule):
                    return int(cellule)
            trouve = re.search(r"\b(\d{4})\b", ligne[0])
            if trouve:
                return int(trouve[1])
    return None
