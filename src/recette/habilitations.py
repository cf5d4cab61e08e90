"""Habilitations in the words of the steps: which codes a périmètre covers, the bulk file.

Chorus codes carry their hierarchy (``BG00/0150-CSUP-DR75`` is under the BOP ``0150-CSUP``, under
the programme ``0150``), so the framework reads a périmètre from the codes alone, as a tester does.
"""

from __future__ import annotations

from collections.abc import Iterable

NATIONAL = "national"


def couvre(perimetre: str, code: str) -> bool:
    """Whether ``perimetre`` (``national``, a programme, a BOP or a centre financier) covers ``code``."""
    if perimetre.lower() == NATIONAL:
        return True
    haut, bas = perimetre.upper().removeprefix("BG00/"), code.upper().removeprefix("BG00/")
    return bas == haut or bas.startswith(f"{haut}-")


def dans_le_perimetre(perimetres: Iterable[str], codes: Iterable[str]) -> list[str]:
    """The codes one of ``perimetres`` covers, in their order."""
    liste = list(perimetres)
    return [code for code in codes if any(couvre(p, code) for p in liste)]


def perimetres_de_lecture(moi: dict[str, object]) -> list[str]:
    """The périmètres a user may read, from the target's ``/api/moi``."""
    operations = moi.get("operations")
    return list(operations.get("consulter", [])) if isinstance(operations, dict) else []
