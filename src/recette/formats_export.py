"""The format of each column of an export, checked on the cells as written (issue 16's net).

The comparison engine reads an export tolerantly (``31.12.2026`` and ``31/12/2026`` are the same
date, any space separates thousands), which is right to compare values and blind to a format that
changed: a reader downstream (Data.Subvention, a ministry's spreadsheet) breaks on it. This module
checks the text of every cell of a CSV export against a named format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from recette.erreurs import ErreurScenario

NON_AFFECTE = "#"
SOUS_TOTAUX = ("Résultat", "Résultat global")
#: Named formats, as a tester writes them in a scenario → the regular expression of a cell.
FORMATS: dict[str, str] = {
    "date jj.mm.aaaa": r"\d{2}\.\d{2}\.\d{4}",
    "heure hh:mm:ss": r"\d{2}:\d{2}:\d{2}",
    "montant": r"-?\d{1,3}(?:[ \u00a0\u202f]\d{3})*,\d{2}",
    "centre financier": r"BG00/\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}",
    "BOP": r"\d{4}-[0-9A-Z]{4}",
    "domaine fonctionnel": r"\d{4}-\d{2}(?:-\d{2})?",
    "activité": r"BG00/\d{4}[0-9A-Z]{8}",
    "titre": r"T\d",
    "taux": r"\d+(?:,\d+)?",
    "nombre": r"\d+",
    "branche": r"Z\d{3}",
    "société": r"[A-Z]{4}",
    "tranche fonctionnelle": r"TF\d{10}",
    "demande de report": r"DR\d{10}",
    "arrêté de report": r"AR\d{10}",
    "X": r"X",
    "non affecté": NON_AFFECTE,
    "texte": r"\S(?:.*\S)?",
}
_CHIFFRES = re.compile(r"(\d+) chiffres?")


def motif(nom: str) -> re.Pattern[str]:
    """The pattern of a named format (``10 chiffres`` for a code of ten digits, zeros kept)."""
    chiffres = _CHIFFRES.fullmatch(nom.strip())
    if chiffres:
        return re.compile(rf"\d{{{chiffres[1]}}}")
    if nom.strip() not in FORMATS:
        raise ErreurScenario(f"Format inconnu « {nom} » (formats : {', '.join(FORMATS)}, ou « N chiffres »)")
    return re.compile(FORMATS[nom.strip()])


@dataclass(frozen=True)
class Ecart:
    """A cell not written in its column's format."""

    colonne: str
    ligne: int  # physical line of the file
    valeur: str
    format_: str

    def __str__(self) -> str:
        return f"« {self.colonne} », ligne {self.ligne} : « {self.valeur} » n'est pas au format « {self.format_} »"


def _cellules(chemin: Path, colonne: str) -> Iterator[tuple[int, str]]:
    """(line, text) of ``colonne`` in each data row, subtotal rows' empty cells left out."""
    from recette.donnees.detection import detecter
    from recette.donnees.lecture import enregistrements

    format_csv = detecter(chemin)
    if colonne not in format_csv.colonnes:
        raise AssertionError(f"Colonne « {colonne} » absente de l'extraction ({', '.join(format_csv.colonnes)})")
    position = format_csv.colonnes.index(colonne)
    for ligne, champs in enregistrements(chemin, format_csv):
        valeur = champs[position] if position < len(champs) else ""
        if champs[0] in SOUS_TOTAUX and (not valeur or valeur in SOUS_TOTAUX):
            continue
        yield ligne, valeur


def ecarts(chemin: Path, formats: Sequence[tuple[str, str]]) -> list[Ecart | str]:
    """Each cell of the CSV export not in its column's format (``#``, not assigned, is always allowed),
    and each column that has no value at all to check."""
    trouves: list[Ecart | str] = []
    for colonne, nom in formats:
        attendu, vues = motif(nom), 0
        for ligne, valeur in _cellules(chemin, colonne):
            if valeur == NON_AFFECTE and nom != "non affecté":
                continue
            vues += 1
            if not attendu.fullmatch(valeur):
                trouves.append(Ecart(colonne, ligne, valeur, nom))
        if not vues:
            trouves.append(f"« {colonne} » : aucune valeur à vérifier (toutes « # » ou vides)")
    return trouves
