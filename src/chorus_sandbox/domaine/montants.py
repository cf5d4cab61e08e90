"""Exact money: amounts are integer cents inside the sandbox, ``Decimal`` at its edges."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from chorus_sandbox.domaine.erreurs import DonneeInvalide

Centimes = int

#: Largest amount accepted for one operation: just under a thousand billion euros, far above
#: any programme of the State budget (the largest are a few tens of billions).
MONTANT_MAXIMUM: Centimes = 99_999_999_999_999
ESPACE_INSECABLE = "\u00a0"
_ESPACES = (" ", "\u00a0", "\u202f")


_DECIMAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def vers_centimes(valeur: Decimal | str | int, champ: str = "montant") -> Centimes:
    """Convert a Decimal, an int or a decimal string (``1234.56`` or ``1 234,56``) to cents.

    Refuses floats (inexact), exponents, more than two decimals, non-finite and out-of-range
    values, always with a French :class:`DonneeInvalide` naming what was given.
    """
    if isinstance(valeur, (bool, float)):
        # refus non provocable : écrans et services passent toujours une chaîne ou un entier (l'API refuse un booléen et lit un réel comme sa chaîne)
        raise DonneeInvalide(f"{champ} : montant invalide ({valeur!r}), attendu un décimal exact")
    if isinstance(valeur, int) and abs(valeur) > MONTANT_MAXIMUM // 100:
        raise DonneeInvalide(f"{champ} : le montant dépasse le maximum autorisé ({format_montant(MONTANT_MAXIMUM)})")
    texte = str(valeur)
    if isinstance(valeur, str):
        propre = valeur.strip().removesuffix("€").strip()
        for espace in _ESPACES:
            propre = propre.replace(espace, "")
        propre = propre.replace(",", ".")
        if not _DECIMAL.fullmatch(propre):
            raise DonneeInvalide(f"{champ} : « {valeur} » n'est pas un montant (ex. 1 234,56)")
        valeur = Decimal(propre)
    decimal = Decimal(valeur)
    if not decimal.is_finite():
        # refus non provocable : seule une chaîne de chiffres devient un décimal (_DECIMAL, refusée avant) : NaN et Infinity n'arrivent jamais ici
        raise DonneeInvalide(f"{champ} : « {texte} » n'est pas un montant")
    if decimal.adjusted() > 15:
        raise DonneeInvalide(f"{champ} : {texte} dépasse le maximum autorisé ({format_montant(MONTANT_MAXIMUM)})")
    if decimal != decimal.quantize(Decimal("0.01")):
        raise DonneeInvalide(f"{champ} : {texte} a plus de deux décimales")
    centimes = int(decimal * 100)
    if abs(centimes) > MONTANT_MAXIMUM:
        raise DonneeInvalide(
            f"{champ} : {format_montant(abs(centimes))} dépasse le maximum autorisé "
            f"({format_montant(MONTANT_MAXIMUM)})"
        )
    return centimes


def vers_euros(centimes: Centimes) -> Decimal:
    """Integer cents to a two-decimal ``Decimal``."""
    return (Decimal(centimes) / 100).quantize(Decimal("0.01"))


def format_montant(centimes: Centimes, devise: bool = True) -> str:
    """French formatting with non-breaking spaces: ``1 234 567,89 €``."""
    signe = "-" if centimes < 0 else ""
    euros, cents = divmod(abs(centimes), 100)
    groupes = f"{euros:,}".replace(",", ESPACE_INSECABLE)
    texte = f"{signe}{groupes},{cents:02d}"
    return f"{texte}{ESPACE_INSECABLE}€" if devise else texte


def appliquer_taux(centimes: Centimes, taux_pourcent: Decimal, arrondi: str = ROUND_HALF_UP) -> Centimes:
    """``centimes × taux %`` rounded to the cent, half-up unless told (réserve, caps)."""
    brut = Decimal(centimes) * taux_pourcent / 100
    return int(brut.quantize(Decimal(1), rounding=arrondi))
