"""JSON API of the marchés publics and accords-cadres: list with suivi, one with its bons de
commande, creation. A bon de commande is created by ``POST /api/engagements`` with ``marche``.

Amounts are exact decimal strings like every route (``"50000.00"``), the taux de consommation
too (``"73.69"``, in %); a marché without maximum has ``null`` maximum, reste and taux.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BeforeValidator, Field

from chorus_sandbox.domaine import marches as mc
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine.erreurs import DonneeInvalide
from chorus_sandbox.web.api import Corps, Montant
from chorus_sandbox.web.requetes import bac_courant
from chorus_sandbox.web.vues import date_iso, euros_texte

routeur = APIRouter(prefix="/api/marches", tags=["Marchés"])


def _en_date(valeur: Any) -> dt.date:
    if not isinstance(valeur, str):
        # pydantic turns a ValueError (not a TypeError) into the 422 naming the field
        raise ValueError("date attendue en texte (AAAA-MM-JJ, ex. 2026-12-31)")  # noqa: TRY004
    try:
        return mc.lire_date(valeur, "date")
    except DonneeInvalide as exc:
        raise ValueError(exc.message) from None


DateIso = Annotated[dt.date, BeforeValidator(_en_date)]


class MarcheEntree(Corps):
    nature: str = Field(max_length=20, description="marche ou accord-cadre")
    objet: str = Field(min_length=1, max_length=mc.LONGUEUR_OBJET)
    titulaire: str = Field(description="Code fournisseur du titulaire (10 chiffres)")
    uo: str = Field(description="Centre financier qui passe le marché (BG00/programme-BOP-UO)")
    date_debut: DateIso
    date_fin: DateIso
    montant_maximum: Montant | None = Field(default=None, description="Absent ou null : sans maximum")


def _montant_ou_rien(centimes: int | None) -> str | None:
    return None if centimes is None else euros_texte(centimes)


def vue_suivi(suivi: mc.Suivi, jour: dt.date) -> dict[str, Any]:
    """A marché and its suivi figures, as the API gives them."""
    x = suivi.marche
    return {
        "numero": x.numero, "nature": x.nature, "libelle_nature": x.libelle_nature, "objet": x.objet,
        "titulaire": x.titulaire, "raison_sociale_titulaire": suivi.titulaire, "uo": x.uo,
        "date_debut": date_iso(x.date_debut), "date_fin": date_iso(x.date_fin), "etat": mc.etat(x, jour),
        "montant_maximum": _montant_ou_rien(x.montant_maximum), "montant_engage": euros_texte(suivi.engage),
        "montant_paye": euros_texte(suivi.paye), "reste": _montant_ou_rien(suivi.reste),
        "taux_consommation": None if suivi.taux is None else str(suivi.taux),
    }


def vue_detail(suivi: mc.Suivi, jour: dt.date) -> dict[str, Any]:
    """The suivi with its bons de commande (EJ)."""
    bons = [{"numero": ej.numero, "exercice": ej.exercice, "objet": ej.objet, "date_creation": date_iso(ej.date_creation),
             "statut": ej.statut, "montant": euros_texte(ej.montant), "montant_paye": euros_texte(ej.montant_paye)}
            for ej in suivi.bons_de_commande]
    return {**vue_suivi(suivi, jour), "bons_de_commande": bons}


@routeur.get("", summary="Marchés et accords-cadres, avec leur suivi (engagé, payé, reste, taux)")
def lister_marches(requete: Request, exercice: int | None = Query(default=None, ge=1900, le=2999)) -> list[dict[str, Any]]:
    bac = bac_courant(requete)
    jour = bac.contexte.date_du_jour
    return [vue_suivi(s, jour) for s in bac.lire(lambda d: mc.suivis(d, exercice))]


@routeur.get("/{numero}", summary="Un marché ou accord-cadre, son suivi et ses bons de commande")
def lire_marche(numero: str, requete: Request) -> dict[str, Any]:
    bac = bac_courant(requete)
    return vue_detail(bac.lire(lambda d: mc.suivi(d, numero)), bac.contexte.date_du_jour)


@routeur.post("", status_code=201, summary="Enregistrer un marché ou un accord-cadre")
def creer_marche(corps: MarcheEntree, requete: Request) -> dict[str, Any]:
    bac = bac_courant(requete)
    marche: m.Marche = bac.executer(mc.creer_marche, corps.nature, corps.objet, corps.titulaire, corps.uo,
                                    corps.date_debut, corps.date_fin, corps.montant_maximum)
    return vue_detail(bac.lire(lambda d: mc.suivi(d, marche.numero)), bac.contexte.date_du_jour)
