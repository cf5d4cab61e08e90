"""The values of a flow's fields, three ways: as a tester writes them in a Gherkin table
(« 1 234,56 », « mars 2026 »), as the file holds them (``1234,56``, ``202603``), and typed
(Decimal, int, date, str). Codes stay text: ``0150`` keeps its zero.

Reading a file is strict (the layout's exact format) and fast: :func:`lecteur` builds one small
function per field, used on every line. Money is Decimal, never float.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

from recette.interfaces.description import FORMATS_DATE, Champ, DescriptionInterface

Valeur = str | int | Decimal | dt.date | None
Lecteur = Callable[[str], Valeur]
_ESPACES = " \u00a0\u202f"
_NOMBRE_SAISI = re.compile(r"(?P<signe>[-−]?)(?P<entier>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(?P<dec>\d+))?")
_NOMBRE_SIMPLE = re.compile(r"(?P<signe>-?)(?P<entier>\d+)(?:,(?P<dec>\d+))?")
_MOIS_NOMS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")
_EXEMPLES_DATE = {"AAAAMMJJ": "20260331", "JJ/MM/AAAA": "31/03/2026", "JJ.MM.AAAA": "31.03.2026",
                  "AAAA-MM-JJ": "2026-03-31"}


class ValeurInvalide(ValueError):
    """A value does not fit its field; ``attendu`` says what was expected (the caller adds where)."""

    def __init__(self, valeur: str, attendu: str) -> None:
        self.valeur, self.attendu = valeur, attendu
        super().__init__(f"valeur « {valeur} » mal formée ({attendu})")


def attendu(champ: Champ, description: DescriptionInterface) -> str:
    """What the file expects in ``champ``, in French, with an example."""
    sep, signe = description.separateur_decimal, "-" if champ.negatif else ""
    if champ.type == "montant":
        if champ.decimales == 0:
            return f"attendu un montant entier, ex. « {signe}1234 »"
        return (f"attendu un montant à {champ.decimales} décimales et « {sep} » décimale, "
                f"ex. « {signe}1234{sep}{('56' + '0' * 6)[:champ.decimales]} »")
    if champ.type == "decimal":
        return f"attendu un nombre à {champ.decimales} décimales au plus, ex. « {signe}0{sep}4 »"
    if champ.type == "entier":
        return f"attendu un nombre entier, ex. « {signe}12 »"
    if champ.type == "mois":
        return "attendu un mois AAAAMM, ex. « 202603 »"
    if champ.type == "date":
        return f"attendu une date {champ.format}, ex. « {_EXEMPLES_DATE[champ.format]} »"
    limites = [f"au format « {champ.motif.pattern} »" if champ.motif else "",
               f"de {champ.longueur_max} caractères au plus" if champ.longueur_max else ""]
    return f"attendu un {champ.type} " + " ".join(p for p in limites if p) if any(limites) else "attendu une valeur"


# --- Strict reading of a file's text -------------------------------------------------------------
def lecteur(champ: Champ, description: DescriptionInterface) -> Lecteur:
    """The function reading ``champ``'s text in a file to its typed value (None when empty and
    optional), raising :class:`ValeurInvalide`."""
    convertir = _convertisseur(champ, description)
    motif = _motif_fichier(champ, description)
    message = attendu(champ, description)
    obligatoire, longueur = champ.obligatoire, champ.longueur_max
    valides: set[str] = set()  # codes and texts already checked: a flow repeats them on every line
    memoriser = champ.type in ("code", "texte")

    def lire(texte: str) -> Valeur:
        if texte in valides:
            return texte
        if not texte:
            if obligatoire:
                raise ValeurInvalide(texte, "valeur obligatoire absente")
            return None
        if (motif is not None and motif.fullmatch(texte) is None) or (longueur and len(texte) > longueur):
            raise ValeurInvalide(texte, message)
        if memoriser and len(valides) < 10_000:
            valides.add(texte)
        return convertir(texte)

    return lire


def _motif_fichier(champ: Champ, description: DescriptionInterface) -> re.Pattern[str] | None:
    signe, sep = "-?" if champ.negatif else "", re.escape(description.separateur_decimal)
    motifs = {
        "montant": rf"{signe}\d+{sep}\d{{{champ.decimales}}}" if champ.decimales else rf"{signe}\d+",
        "decimal": rf"{signe}\d+(?:{sep}\d{{1,{champ.decimales}}})?" if champ.decimales else rf"{signe}\d+",
        "entier": rf"{signe}\d+",
        "mois": r"\d{4}(?:0[1-9]|1[0-2])",
        "date": FORMATS_DATE[champ.format][1],
    }
    if champ.type in motifs:
        return re.compile(motifs[champ.type], re.ASCII)
    return champ.motif


def _convertisseur(champ: Champ, description: DescriptionInterface) -> Callable[[str], Valeur]:
    sep = description.separateur_decimal
    if champ.type in ("montant", "decimal"):
        return (lambda t: Decimal(t.replace(sep, "."))) if sep != "." else Decimal
    if champ.type == "entier":
        return int
    if champ.type == "date":
        return lambda t: _date_stricte(t, champ)
    return str


def _date_stricte(texte: str, champ: Champ) -> dt.date:
    try:
        return dt.datetime.strptime(texte, FORMATS_DATE[champ.format][0]).date()
    except ValueError:
        raise ValeurInvalide(texte, f"date inexistante, attendu une date {champ.format}") from None


# --- A tester's writing → the file's text ------------------------------------------------------------
def depuis_saisie(champ: Champ, texte: str, description: DescriptionInterface) -> str:
    """A value as written in a scenario → the field's text in the file; raises
    :class:`ValeurInvalide` when it does not fit the field."""
    propre = texte.strip()
    if not propre:
        if champ.obligatoire:
            raise ValeurInvalide(texte, "valeur obligatoire absente")
        return ""
    if champ.type in ("montant", "decimal", "entier"):
        return _nombre_saisi(champ, propre, description)
    if champ.type == "mois":
        return _mois_saisi(propre)
    if champ.type == "date":
        return _date_saisie(champ, propre).strftime(FORMATS_DATE[champ.format][0])
    return _texte_saisi(champ, propre, description)


def _nombre_saisi(champ: Champ, texte: str, description: DescriptionInterface) -> str:
    simple = _NOMBRE_SIMPLE.fullmatch(texte)  # the common case, without the spaces and the euro sign
    trouve = simple or _NOMBRE_SAISI.fullmatch(texte.removesuffix("€").strip(_ESPACES).replace("- ", "-"))
    decimales = 0 if champ.type == "entier" else champ.decimales
    if trouve is None or len(trouve["dec"] or "") > decimales:
        exemple = {"montant": "« -1 234,56 »", "decimal": "« 0,4 »", "entier": "« 12 »"}[champ.type]
        plus = f" à {decimales} décimales au plus" if decimales else " entier"
        raise ValeurInvalide(texte, f"attendu un nombre{plus} écrit en français, ex. {exemple}")
    if trouve["signe"] and not champ.negatif:
        raise ValeurInvalide(texte, "valeur négative non permise pour ce champ")
    entier = trouve["entier"]
    if not simple:
        for espace in _ESPACES:
            entier = entier.replace(espace, "")
    entier = entier.lstrip("0") or "0"
    dec = trouve["dec"] or ""
    if champ.type == "montant" and decimales:
        dec = dec.ljust(decimales, "0")
    signe = "-" if trouve["signe"] else ""
    return f"{signe}{entier}{description.separateur_decimal}{dec}" if dec else f"{signe}{entier}"


def _mois_saisi(texte: str) -> str:
    propre = texte.lower()
    formes = ((r"(\d{4})(\d{2})", 1, 2), (r"(\d{1,2})/(\d{4})", 2, 1), (r"(\d{4})-(\d{2})", 1, 2))
    for motif, annee, mois in formes:
        trouve = re.fullmatch(motif, propre)
        if trouve and 1 <= int(trouve[mois]) <= 12:
            return f"{trouve[annee]}{int(trouve[mois]):02d}"
    nomme = re.fullmatch(r"(\w+) (\d{4})", propre)
    if nomme and nomme[1] in _MOIS_NOMS:
        return f"{nomme[2]}{_MOIS_NOMS.index(nomme[1]) + 1:02d}"
    raise ValeurInvalide(texte, "attendu un mois, ex. « 202603 », « 03/2026 » ou « mars 2026 »")


def _date_saisie(champ: Champ, texte: str) -> dt.date:
    propre = texte.lower()
    for format_ in dict.fromkeys((champ.format, *FORMATS_DATE)):
        motif = FORMATS_DATE[format_][1]
        if re.fullmatch(motif, propre):
            return _date_stricte(propre, Champ(champ.nom, "date", format=format_))
    trouve = re.fullmatch(r"(\d{1,2})(?:er)? (\w+) (\d{4})", propre)
    if trouve and trouve[2] in _MOIS_NOMS:
        try:
            return dt.date(int(trouve[3]), _MOIS_NOMS.index(trouve[2]) + 1, int(trouve[1]))
        except ValueError:
            pass
    raise ValeurInvalide(texte, "attendu une date, ex. « 31/03/2026 » ou « 31 mars 2026 »")


def _texte_saisi(champ: Champ, texte: str, description: DescriptionInterface) -> str:
    if description.separateur in texte or "\n" in texte or "\r" in texte:
        raise ValeurInvalide(texte, f"une valeur ne contient ni le séparateur « {description.separateur} » "
                                    "ni de fin de ligne")
    if (champ.motif and champ.motif.fullmatch(texte) is None) or (
            champ.longueur_max and len(texte) > champ.longueur_max):
        raise ValeurInvalide(texte, attendu(champ, description))
    return texte


# --- Computed values (header and trailer) ----------------------------------------------------------
def formater(champ: Champ, valeur: int | Decimal, description: DescriptionInterface) -> str:
    """A computed count or sum → its text in the file."""
    if champ.type == "entier":
        return str(int(valeur))
    if champ.type == "montant":
        texte = f"{Decimal(valeur):.{champ.decimales}f}"
    else:
        texte = format(Decimal(valeur).normalize(), "f") if valeur else "0"
    return texte.replace(".", description.separateur_decimal)
