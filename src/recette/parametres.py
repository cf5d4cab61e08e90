"""Typed parameters of step sentences: French amounts, dates, relative exercices, codes.

Each converter has a ``pattern`` (for ``parse`` custom types) wide enough to catch a malformed
value, so that the tester gets a French error naming the text instead of "step not found".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import parse as base_parse
from pytest_bdd import parsers

from recette import vocabulaire
from recette.erreurs import ErreurParametre

ESPACES = " \u00a0\u202f"
_MONTANT = re.compile(r"(?P<signe>[-−]?)\s*(?P<entier>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(?P<dec>\d{1,2}))?")
MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")


def montant(texte: str) -> Decimal:
    """``1 234 567,89 €`` (spaces, NBSP or narrow NBSP; ``-`` or ``−``; € optional) → Decimal."""
    nettoye = texte.strip().removesuffix("€").strip(ESPACES)
    trouve = _MONTANT.fullmatch(nettoye)
    if not trouve:
        raise ErreurParametre("Montant", texte, "attendu un montant en français, ex. « 1 234 567,89 € »")
    entier = re.sub(f"[{ESPACES}]", "", trouve["entier"])
    valeur = Decimal(f"{entier}.{(trouve['dec'] or '0').ljust(2, '0')}")
    return -valeur if trouve["signe"] else valeur


montant.pattern = r"[-−]?[\d \u00a0\u202f.,]*\d(?:[ \u00a0\u202f]?€)?"  # type: ignore[attr-defined]


def date(texte: str) -> dt.date:
    """``31/12/2025`` or ``31 décembre 2025`` (``1er`` accepted) → date."""
    propre = texte.strip().lower()
    try:
        if re.fullmatch(r"\d{2}/\d{2}/\d{4}", propre):
            return dt.datetime.strptime(propre, "%d/%m/%Y").date()
        trouve = re.fullmatch(r"(\d{1,2})(?:er)? (\w+) (\d{4})", propre)
        if trouve and trouve[2] in MOIS:
            return dt.date(int(trouve[3]), MOIS.index(trouve[2]) + 1, int(trouve[1]))
    except ValueError:
        pass
    raise ErreurParametre("Date", texte, "attendu « 31/12/2025 » ou « 31 décembre 2025 »")


date.pattern = r"\d[\w/ ]*\d"  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Exercice:
    """An exercice written ``N``, ``N+1``, ``N-1`` (relative to the target's) or ``2026``."""

    decalage: int = 0
    annee: int | None = None

    def resoudre(self, courant: int) -> int:
        return self.annee if self.annee is not None else courant + self.decalage

    def __str__(self) -> str:
        if self.annee is not None:
            return str(self.annee)
        return "N" if not self.decalage else f"N{self.decalage:+d}"


def exercice(texte: str) -> Exercice:
    propre = texte.strip().replace(" ", "")
    if re.fullmatch(r"\d{4}", propre):
        return Exercice(annee=int(propre))
    trouve = re.fullmatch(r"N(?:([+-])(\d))?", propre)
    if not trouve:
        raise ErreurParametre("Exercice", texte, "attendu N, N+1, N-1 ou une année (2026)")
    return Exercice(decalage=int(f"{trouve[1]}{trouve[2]}") if trouve[1] else 0)


exercice.pattern = r"N(?:\s?[+-]\s?\d)?|\d{4}|\S+"  # type: ignore[attr-defined]
_EXERCICE_DANS_TEXTE = re.compile(r"\{(N(?:[+-]\d)?)\}")


def resoudre_exercices(texte: str, courant: int) -> str:
    """``{N}``, ``{N+1}``, ``{N-1}`` in an expected text (a message, a number ``DR{N}000001``) → the
    years of the target's exercice ``courant``, so that a scenario stays true next year."""
    return _EXERCICE_DANS_TEXTE.sub(lambda trouve: str(exercice(trouve[1]).resoudre(courant)), texte)


def espaces_lus(texte: str) -> str:
    """A text as a tester types it and as the screens' verdicts read it: every run of spaces
    (non-breaking and thin ones of amounts included, line breaks too) is one plain space."""
    return " ".join(texte.split())


def code(texte: str) -> str:
    """Codes stay text: ``0150`` keeps its leading zero."""
    return texte


code.pattern = r"[^\"]+"  # type: ignore[attr-defined]

#: Custom types for ``parsers.parse(..., extra_types=TYPES)``.
TYPES: dict[str, Any] = {"Montant": montant, "Date": date, "Exercice": exercice, "Code": code,
                         **vocabulaire.TYPES}


def format_montant(valeur: Decimal) -> str:
    """Decimal → ``1 234 567,89 €`` with non-breaking spaces, as the screens show it."""
    signe = "-" if valeur < 0 else ""
    entier, _, dec = f"{abs(valeur):.2f}".partition(".")
    groupes = f"{int(entier):,}".replace(",", "\u00a0")
    return f"{signe}{groupes},{dec}\u00a0€"


def en_decimal_api(valeur: Decimal) -> str:
    """Decimal → the exact string the APIs take: ``"1234567.89"``."""
    try:
        return f"{valeur.quantize(Decimal('0.01'))}"
    except InvalidOperation:
        raise ErreurParametre("Montant", str(valeur), "plus de deux décimales") from None


def _tolerant(convertisseur: Any) -> Any:
    """Same pattern as ``convertisseur``, no conversion: used to recognise a sentence's shape."""

    def texte(valeur: str) -> str:
        return valeur

    texte.pattern = convertisseur.pattern  # type: ignore[attr-defined]
    return texte


class Phrase(parsers.parse):
    """A step sentence with typed parameters (``{m:Montant}``, ``{d:Date}``, ``{e:Exercice}``).

    A sentence is recognised by its shape; its values are converted when the step runs, so a
    malformed amount is reported as such (with the step) instead of as an unknown sentence.
    """

    def __init__(self, texte: str) -> None:
        super().__init__(texte, extra_types=TYPES)
        self._forme = base_parse.compile(texte, extra_types={k: _tolerant(v) for k, v in TYPES.items()})

    def is_matching(self, name: str) -> bool:
        return self._forme.parse(name) is not None
