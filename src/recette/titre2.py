"""Titre 2 and emplois of a target, read through its API (issue #18): T2 consumed by catégorie on
a programme, BOP or UO, and the plafond d'emplois of a programme with the ETPT consumed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from recette.client import ClientChorus


@dataclass(frozen=True)
class RubriqueT2:
    """One line of T2 by catégorie: ``21``, ``22`` (hors CAS / CAS Pensions), ``23``."""

    categorie: str
    sous_categorie: str
    libelle: str
    consomme: Decimal


@dataclass(frozen=True)
class Emplois:
    """The plafond d'emplois of a programme and the ETPT consumed in the year (and the gap)."""

    programme: str
    plafond: Decimal
    consomme: Decimal
    ecart: Decimal


def titre2_par_categorie(client: ClientChorus, niveau: str, code: str) -> list[RubriqueT2]:
    """T2 consumed on ``niveau`` (programme, bop, uo) ``code``, by catégorie, in euros."""
    reponse = client.appeler("GET", f"/api/titre-2?{urlencode({'niveau': niveau, 'code': code})}")
    return [RubriqueT2(str(r["categorie"]), str(r["sous_categorie"] or ""), str(r["libelle"]), Decimal(r["consomme"]))
            for r in reponse["rubriques"]]


def emplois_du_programme(client: ClientChorus, programme: str) -> Emplois:
    """The plafond d'emplois of ``programme`` and its ETPT consumed; AssertionError when the target
    follows no plafond for it."""
    for ligne in client.appeler("GET", "/api/emplois"):
        if ligne.get("programme") == programme:
            return Emplois(programme, Decimal(ligne["plafond"]), Decimal(ligne["consomme"]), Decimal(ligne["ecart"]))
    raise AssertionError(f"Aucun plafond d'emplois suivi pour le programme {programme}")
