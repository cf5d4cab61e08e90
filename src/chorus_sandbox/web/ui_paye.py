"""Screens of titre 2 and the payroll flow: deposit a flow and read its compte rendu d'intégration
(counts, totals, rejected lines with their motif, alerts, statut), cancel it, T2 by catégorie of a
programme, BOP or UO, and the emplois (plafond, ETPT consumed month by month, écart).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import paye as pa
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ErreurChorus
from chorus_sandbox.web.api_interfaces import NIVEAUX, fichier_depose, perimetres_de_depot
from chorus_sandbox.web.formulaires import Champ
from chorus_sandbox.web.lectures import lister
from chorus_sandbox.web.operations_ecran import rendre_ecran, traiter_formulaire
from chorus_sandbox.web.rendu import gabarits, rendre
from chorus_sandbox.web.requetes import bac_courant
from chorus_sandbox.web.securite import auteur_courant, utilisateur_courant

routeur = APIRouter(include_in_schema=False)

TITRE = "Flux de paye"
gabarits.env.filters["etpt"] = pa.etpt_fr
gabarits.env.globals["rubriques_t2"] = pa.RUBRIQUES
MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")
gabarits.env.globals["noms_mois"] = MOIS


def mois_fr(aaaamm: str) -> str:
    """``202603`` → ``mars 2026`` (the text as is when it is no month)."""
    if len(aaaamm) == 6 and aaaamm.isdigit() and 1 <= int(aaaamm[4:]) <= 12:
        return f"{MOIS[int(aaaamm[4:]) - 1]} {aaaamm[:4]}"
    return aaaamm


gabarits.env.filters["mois_fr"] = mois_fr


def _lire_depots(depot: Depot) -> dict[str, Any]:
    return {"depots": pa.depots_paye(depot)}


def _ecran_depot(requete: Request, refus: ErreurChorus | None = None) -> HTMLResponse:
    return rendre_ecran(requete, "paye.html", TITRE, _lire_depots, refus)


@routeur.get("/paye", response_class=HTMLResponse)
def paye(requete: Request) -> HTMLResponse:
    return _ecran_depot(requete)


@routeur.post("/paye", response_model=None)
async def deposer(requete: Request) -> Response:
    """Deposit the chosen file: 303 to its compte rendu (integrated or rejected), the screen again on a refusal."""
    try:
        contenu, nom = await fichier_depose(requete)
        compte_rendu = await run_in_threadpool(_integrer, requete, contenu, nom)
    except ErreurChorus as exc:
        return _ecran_depot(requete, exc)
    notice = f"Flux déposé ({compte_rendu.numero}) : {compte_rendu.statut}."
    return RedirectResponse(f"/paye/depots/{compte_rendu.numero}?notice={quote(notice)}", status_code=303)


def _integrer(requete: Request, contenu: bytes, nom: str) -> m.DepotPaye:
    perimetres = perimetres_de_depot(utilisateur_courant())
    compte_rendu: m.DepotPaye = bac_courant(requete).executer(pa.integrer_flux_paye, contenu, nom, auteur_courant(),
                                                              perimetres)
    return compte_rendu


def _lire_compte_rendu(numero: str) -> Any:
    def lire(depot: Depot) -> dict[str, Any]:
        compte_rendu = pa.depot_paye(depot, numero)
        return {"cr": compte_rendu, "rejets": pa.rejets(depot, numero),
                "alertes": json.loads(compte_rendu.alertes or "[]")}
    return lire


def _ecran_compte_rendu(requete: Request, numero: str, refus: ErreurChorus | None = None) -> HTMLResponse:
    connecte = utilisateur_courant()
    peut_annuler = connecte is None or connecte.autorise("annuler_flux_paye")
    return rendre_ecran(requete, "paye_compte_rendu.html", f"Compte rendu d'intégration {numero}",
                        _lire_compte_rendu(numero), refus, peut_annuler=peut_annuler)


@routeur.get("/paye/depots/{numero}", response_class=HTMLResponse)
def compte_rendu(requete: Request, numero: str) -> HTMLResponse:
    return _ecran_compte_rendu(requete, numero)


@routeur.post("/paye/depots/{numero}/annulation", response_class=HTMLResponse)
def annuler(requete: Request, numero: str, flux: Champ = "", motif: Champ = "") -> Response:
    def action() -> tuple[str, str]:
        annule = bac_courant(requete).executer(pa.annuler_flux_paye, flux, motif, auteur_courant())
        return f"/paye/depots/{annule.numero}", f"Flux {flux} annulé : le titre 2 et les ETPT sont rendus."

    return traiter_formulaire(action, lambda exc: _ecran_compte_rendu(requete, numero, exc))


# --- Titre 2 by catégorie -----------------------------------------------------------------------
@routeur.get("/titre-2", response_class=HTMLResponse)
def titre_2(requete: Request, niveau: str = "uo", code: str = "") -> HTMLResponse:
    bac = bac_courant(requete)
    saisie = {"niveau": niveau, "code": code}

    def lire(depot: Depot) -> dict[str, Any]:
        choix = {"uos": lister(depot, m.UniteOperationnelle, "code"), "programmes": lister(depot, m.Programme, "numero"),
                 "bops": lister(depot, m.Bop, "code")}
        if not code.strip():
            return {**choix, "conso": None}
        if niveau not in NIVEAUX:
            raise DonneeInvalide(f"Niveau inconnu : {niveau} (attendu programme, bop ou uo)")
        return {**choix, "conso": pa.consommation_t2(depot, bac.contexte.exercice, niveau, code.strip().upper())}

    try:
        donnees = bac.lire(lire)
    except ErreurChorus as exc:
        return rendre(requete, "titre2.html", exc.statut_http, titre_page="Titre 2 par catégorie", erreur=exc.message,
                      saisie=saisie, conso=None, uos=[], programmes=[], bops=[])
    return rendre(requete, "titre2.html", titre_page="Titre 2 par catégorie", erreur=None, saisie=saisie, **donnees)


# --- Emplois --------------------------------------------------------------------------------------
@routeur.get("/emplois", response_class=HTMLResponse)
def emplois(requete: Request) -> HTMLResponse:
    bac = bac_courant(requete)
    return rendre_ecran(requete, "emplois.html", "Emplois : plafond et consommation des ETPT",
                        lambda depot: {"suivis": pa.suivi_emplois(depot, bac.contexte.exercice)})
