"""What a person typed in a form, read into typed values or refused in French.

Each reader takes the text of a field and the field's label; a value it cannot read raises
``DonneeInvalide`` naming the field (``Montant AE : « 1x » n'est pas un montant``), which the
screens show as a refusal (422). Shared by every screen with a form.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import Form

from chorus_sandbox.domaine.erreurs import DonneeInvalide
from chorus_sandbox.domaine.montants import Centimes, vers_centimes

#: A text field of a posted form (FastAPI parameter type).
Champ = Annotated[str, Form()]
#: What the user typed in a form, by field name (given back to the template on a refusal).
Saisie = dict[str, Any]

#: What a typed amount may contain: ASCII digits, separators, a sign, the euro sign. This keeps
#: ``1e100000``, ``1_000`` or non-Latin digits away from ``Decimal`` (see the report on montants).
_CARACTERES_MONTANT = frozenset("0123456789 \u00a0\u202f,.-+€")


def montant_saisi(texte: str, champ: str, vide_vaut_zero: bool = False) -> Centimes:
    """An amount typed by a person (``1 234,56``, ``1234.56``, with or without €) in cents."""
    if not texte.strip():
        if vide_vaut_zero:
            return 0
        raise DonneeInvalide(f"{champ} : champ obligatoire")
    if not set(texte.strip()) <= _CARACTERES_MONTANT:
        raise DonneeInvalide(f"{champ} : « {texte.strip()} » n'est pas un montant")
    return vers_centimes(texte, champ)


def entier_saisi(texte: str) -> int | None:
    """A whole number written with ASCII digits only, else None."""
    valeur = texte.strip()
    return int(valeur) if valeur.isascii() and valeur.isdigit() else None


def texte_obligatoire(texte: str, champ: str) -> str:
    """The trimmed text of a required field."""
    if not texte.strip():
        raise DonneeInvalide(f"{champ} : champ obligatoire")
    return texte.strip()


def code_saisi(texte: str, champ: str) -> str:
    """A code typed by a person: required, trimmed, upper case (codes are upper case in Chorus)."""
    return texte_obligatoire(texte, champ).upper()


def numero_poste_saisi(texte: str) -> int:
    """The number of an EJ poste (1 to 999)."""
    valeur = texte_obligatoire(texte, "Poste")
    numero = entier_saisi(valeur)
    if numero is None or not 1 <= numero <= 999:
        raise DonneeInvalide(f"Poste : « {valeur} » n'est pas un numéro de poste (ex. 1)")
    return numero


def taux_saisi(texte: str, champ: str) -> Decimal:
    """A rate typed as ``0,5``, ``5.5`` or ``5 %``."""
    valeur = texte_obligatoire(texte, champ).removesuffix("%").strip().replace(",", ".")
    try:
        taux = Decimal(valeur)
    except InvalidOperation:
        raise DonneeInvalide(f"{champ} : « {texte.strip()} » n'est pas un pourcentage (ex. 5,5)") from None
    if not taux.is_finite():
        raise DonneeInvalide(f"{champ} : « {texte.strip()} » n'est pas un pourcentage (ex. 5,5)")
    return taux


def annee_saisie(texte: str, defaut: int) -> int:
    """An exercice typed as four digits; ``defaut`` when left empty."""
    valeur = texte.strip()
    if not valeur:
        return defaut
    annee = entier_saisi(valeur)
    if annee is None or len(valeur) != 4:
        raise DonneeInvalide(f"Exercice : « {valeur} » n'est pas une année (ex. {defaut})")
    return annee


def identifiant_loi_saisi(texte: str) -> str:
    """The name given to a loi de finances (LFI or LFR): required, 40 characters at most."""
    nom = texte_obligatoire(texte, "Identifiant")
    if len(nom) > 40:
        raise DonneeInvalide("Identifiant : 40 caractères au plus")
    return nom
