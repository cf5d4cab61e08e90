"""Formats of Chorus codes (domain doc §2). Codes are strings, never numbers."""

from __future__ import annotations

import re

from chorus_sandbox.domaine.erreurs import DonneeInvalide

FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "programme": (re.compile(r"\d{4}"), "4 chiffres, ex. 0150"),
    "bop": (re.compile(r"\d{4}-[A-Z0-9]{4}"), "programme-BOP, ex. 0150-CSUP"),
    "centre_financier": (
        re.compile(r"BG00/\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"),
        "BG00/programme-BOP-UO, ex. BG00/0150-CSUP-DR75",
    ),
    "domaine_fonctionnel": (
        re.compile(r"\d{4}-\d{2}(-\d{2})?"),
        "PPPP-AA ou PPPP-AA-SS, ex. 0150-01-02",
    ),
    "activite": (re.compile(r"BG00/\d{4}[A-Z0-9]{8}"), "BG00/ + 12 caractères, ex. BG00/015001010101"),
    "fournisseur": (re.compile(r"\d{10}"), "10 chiffres, ex. 1000012345"),
    "siret": (re.compile(r"\d{14}"), "14 chiffres"),
    "engagement": (re.compile(r"\d{10}"), "10 chiffres, ex. 2103105755"),
    "demande_paiement": (re.compile(r"\d{9}"), "9 chiffres, ex. 100011636"),
    "service_fait": (re.compile(r"\d{10}"), "10 chiffres"),
    "tranche_fonctionnelle": (re.compile(r"TF\d{10}"), "TF + 10 chiffres, ex. TF0150000001"),
}

TITRES = ("1", "2", "3", "4", "5", "6", "7")
LIBELLES_TITRES = {
    "1": "Dotations des pouvoirs publics",
    "2": "Dépenses de personnel",
    "3": "Dépenses de fonctionnement",
    "4": "Charges de la dette",
    "5": "Dépenses d'investissement",
    "6": "Dépenses d'intervention",
    "7": "Dépenses d'opérations financières",
}


def verifier_code(nature: str, valeur: object) -> str:
    """Return ``valeur`` if it is a well-formed code of ``nature``, else raise in French."""
    motif, exemple = FORMATS[nature]
    if not isinstance(valeur, str) or not motif.fullmatch(valeur):
        libelle = nature.replace("_", " ")
        raise DonneeInvalide(f"Code {libelle} invalide : « {valeur} » (format attendu : {exemple})")
    return valeur


def verifier_titre(valeur: object) -> str:
    """Titres are written ``"2"`` or ``"T2"``; return the digit."""
    texte = str(valeur).upper().removeprefix("T") if isinstance(valeur, (str, int)) else ""
    if texte not in TITRES or isinstance(valeur, bool):
        raise DonneeInvalide(f"Titre invalide : « {valeur} » (attendu 2, 3, 5 ou 6, ou T2…)")
    return texte


def groupe_du_titre(titre: str) -> str:
    """Execution group of a titre: ``T2`` or ``HT2`` (hors titre 2)."""
    return "T2" if titre == "2" else "HT2"


def programme_du_code(code: str) -> str:
    """The 4-digit programme inside a BOP, centre financier, activité or domaine fonctionnel."""
    return code.removeprefix("BG00/")[:4]
