"""Prompts of a Web Intelligence document and the typed values that answer them.

Every answer leaves as BO's text, never a JSON number: a programme code keeps its leading zeros
(``"0150"``), an exercice is its year, an ISO week is ``2026-W12``, a date BO's
``yyyy-mm-ddThh:mm:ss.sss+HH:MM``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from recette.bo.arbre import membres, sous, texte
from recette.parametres import Exercice

_SEMAINE = re.compile(r"(\d{4})-W(\d{2})", re.ASCII)


@dataclass(frozen=True)
class SemaineISO:
    """An ISO week, as BO's prompt « Semaine » reads it (``2026-W12``)."""

    annee: int
    numero: int

    def __post_init__(self) -> None:
        dt.date.fromisocalendar(self.annee, self.numero, 1)  # ValueError for week 53 of a 52-week year

    @classmethod
    def de(cls, jour: dt.date) -> SemaineISO:
        annee, numero, _ = jour.isocalendar()
        return cls(annee, numero)

    @classmethod
    def lire(cls, texte_: str) -> SemaineISO:
        trouve = _SEMAINE.fullmatch(texte_.strip())
        if trouve is None:
            raise ValueError(f"« {texte_} » n'est pas une semaine ISO (ex. 2026-W12)")
        return cls(int(trouve[1]), int(trouve[2]))

    def __str__(self) -> str:
        return f"{self.annee}-W{self.numero:02d}"


Valeur = str | int | Decimal | Exercice | SemaineISO | dt.date


def en_texte(valeur: Valeur) -> str:
    """The text BO receives for ``valeur`` (ValueError or TypeError, in French, for what cannot be sent)."""
    if isinstance(valeur, bool):
        raise TypeError("un booléen n'est pas une réponse d'invite")
    if isinstance(valeur, Exercice):
        if valeur.annee is None:
            raise ValueError(f"exercice relatif « {valeur} » : donnez l'année (ex. 2026)")
        return str(valeur.annee)
    if isinstance(valeur, dt.datetime):
        return valeur.isoformat(timespec="milliseconds")
    if isinstance(valeur, dt.date):
        return f"{valeur.isoformat()}T00:00:00.000+00:00"
    if isinstance(valeur, (str, int, Decimal, SemaineISO)):
        return str(valeur)
    raise TypeError(f"valeur de type {type(valeur).__name__} non prise en charge")


@dataclass(frozen=True)
class Invite:
    """A prompt: BO's id, its question, whether an answer is required, its answer type (``Text``,
    ``Numeric``, ``Date``…), cardinality, current answers and list of values."""

    id: int
    nom: str
    obligatoire: bool
    type_reponse: str
    cardinalite: str
    valeurs: tuple[str, ...]
    valeurs_possibles: tuple[str, ...]
    nom_technique: str = ""


def _valeurs(noeud: Any) -> tuple[str, ...]:
    return tuple(texte(v) for v in membres(sous(noeud, "values", "value")))


def invite(noeud: dict[str, Any]) -> Invite:
    """One ``<parameter>`` of ``GET …/parameters`` (or of a PUT that still asks for answers)."""
    reponse = noeud.get("answer") or {}
    return Invite(int(texte(noeud.get("id"))), texte(noeud.get("name")), texte(noeud.get("@optional")) != "true",
                  texte(sous(reponse, "@type")), texte(sous(reponse, "info", "@cardinality")),
                  _valeurs(reponse), _valeurs(sous(reponse, "info", "lov")), texte(noeud.get("technicalName")))


def invites(arbre: dict[str, Any]) -> list[Invite]:
    return [invite(p) for p in membres(sous(arbre, "parameters", "parameter")) if isinstance(p, dict)]


def corps_reponses(reponses: dict[int, list[str]]) -> dict[str, Any]:
    """The PUT body: ``{"parameters": {"parameter": [{"id", "answer": {"values": {"value": [...]}}}]}}``."""
    return {"parameters": {"parameter": [{"id": i, "answer": {"values": {"value": v}}}
                                         for i, v in sorted(reponses.items())]}}
