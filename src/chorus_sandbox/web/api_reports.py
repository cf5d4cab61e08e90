"""JSON API of the year-end closing and the campagne des reports (operations of
:mod:`chorus_sandbox.domaine.reports`): clôture of exercice N, reportable amounts, EJ basculés,
demandes de report, avis, arrêtés, intégration in N+1, and the sandbox's current exercice.

Amounts are exact decimal strings; ``exercice`` in a body or a query defaults to the current
exercice for the clôture and the plafonds, to the exercice just closed (current − 1) elsewhere.
The author of every step is the connected user (no body names it). Reads show the user's
périmètres only: demandes, arrêtés and their history, and the lines of a closing or an arrêté
(``habilitations.visibles``); who may do what is the matrix of ``domaine/habilitations.py``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import Field

from chorus_sandbox.domaine import habilitations as hb
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import reports as rp
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide
from chorus_sandbox.domaine.regles import PLAFOND_REPORT_CP_POURCENT
from chorus_sandbox.web import vues_reports as vr
from chorus_sandbox.web.api import Corps, Montant, _bac, _introuvable
from chorus_sandbox.web.securite import auteur_courant

routeur = APIRouter(prefix="/api/reports", tags=["Clôture et reports"])

Exercice = Field(default=None, ge=1900, le=2999)


class ClotureEntree(Corps):
    exercice: int | None = Exercice
    date_ouverture: str | None = Field(default=None, max_length=10)


class PlafondEntree(Corps):
    exercice: int | None = Exercice
    programme: str | None = None
    taux: Decimal = Field(ge=0, le=100)


class LigneDemandeEntree(Corps):
    titre: str
    nature: str
    ae: Montant = 0
    cp: Montant = 0


class DemandeEntree(Corps):
    programme: str
    exercice: int | None = Exercice
    lignes: list[LigneDemandeEntree] = Field(min_length=1, max_length=30)


class AvisEntree(Corps):
    avis: str = Field(min_length=1, max_length=20)
    motif: str = Field(default="", max_length=400)


class ArreteEntree(Corps):
    exercice: int | None = Exercice
    demandes: list[str] | None = Field(default=None, max_length=100)


def _date_ouverture(texte: str | None) -> dt.date | None:
    if texte is None:
        return None
    try:
        return dt.date.fromisoformat(texte)
    except ValueError:
        raise DonneeInvalide(f"date_ouverture : date invalide « {texte} » (format AAAA-MM-JJ)") from None


def _clos(exercice: int | None, requete: Request) -> int:
    return _bac(requete).contexte.exercice - 1 if exercice is None else exercice


def _demande(depot: Depot, numero: str) -> dict[str, Any]:
    d = depot.trouver(m.DemandeReport, numero)
    if d is None:
        raise _introuvable("Demande de report", numero)
    return vr.demande(d, rp.historique(depot, numero))


def _vue_arrete(depot: Depot, a: m.ArreteReport) -> dict[str, Any]:
    """The arrêté with the lines of the user's programmes only (an arrêté covers several)."""
    return vr.arrete(a, rp.historique(depot, a.numero), lignes=hb.visibles(depot, a.lignes))


def _arrete(depot: Depot, numero: str) -> dict[str, Any]:
    a = depot.trouver(m.ArreteReport, numero)
    if a is None:
        raise _introuvable("Arrêté de report", numero)
    return _vue_arrete(depot, a)


def _vue_cloture(depot: Depot, c: m.Cloture) -> dict[str, Any]:
    """The closing with the programmes of the user's périmètres only (the closing covers them all)."""
    programmes = {x.programme for x in hb.visibles(depot, c.plafonds)} | {x.programme for x in hb.visibles(depot, c.lignes)}
    return vr.cloture(c, programmes=programmes)


# --- Exercice, plafonds, clôture ----------------------------------------------------------------
@routeur.get("/exercice", summary="Exercice courant du bac à sable et exercices clos")
def exercice(requete: Request) -> dict[str, Any]:
    bac = _bac(requete)
    clos = bac.lire(lambda d: [c.exercice for c in rp.clotures(d)])
    return {"exercice": bac.contexte.exercice, "date_du_jour": bac.contexte.date_du_jour.isoformat(),
            "exercices_clos": clos}


@routeur.post("/plafonds", status_code=201, summary="Fixer le plafond de report des CP hors titre 2 (général ou majoré)")
def fixer_plafond(corps: PlafondEntree, requete: Request) -> dict[str, Any]:
    bac = _bac(requete)
    annee = corps.exercice or bac.contexte.exercice
    return vr.plafond_report(bac.executer(rp.fixer_plafond_report, annee, corps.taux, corps.programme or ""))


@routeur.get("/plafonds", summary="Plafonds de report d'un exercice (taux général et liste majorée)")
def lister_plafonds(requete: Request, exercice: int | None = Query(default=None, ge=1900, le=2999)) -> dict[str, Any]:
    bac = _bac(requete)
    annee = exercice or bac.contexte.exercice
    plafonds = bac.lire(lambda d: rp.plafonds_report(d, annee))
    general = next((p.taux for p in plafonds if not p.programme), PLAFOND_REPORT_CP_POURCENT)
    return {"exercice": annee, "taux_general": str(general),
            "plafonds_majores": {p.programme: str(p.taux) for p in plafonds if p.programme}}


@routeur.post("/cloture", status_code=201, summary="Clore l'exercice courant (reportables, bascule des EJ)")
def cloturer(corps: ClotureEntree, requete: Request) -> dict[str, Any]:
    bac = _bac(requete)
    annee = corps.exercice or bac.contexte.exercice
    fin = bac.executer(rp.cloturer_exercice, annee, auteur_courant(), _date_ouverture(corps.date_ouverture))
    return vr.cloture(fin)


@routeur.get("/clotures", summary="Exercices clos")
def lister_clotures(requete: Request) -> list[dict[str, Any]]:
    return _bac(requete).lire(lambda d: [_vue_cloture(d, c) for c in rp.clotures(d)])


@routeur.get("/clotures/{exercice}", summary="Clôture d'un exercice : montants reportables par programme")
def lire_cloture(exercice: int, requete: Request) -> dict[str, Any]:
    return _bac(requete).lire(lambda d: _vue_cloture(d, rp.cloture_de(d, exercice)))


@routeur.get("/reportables/{exercice}/{programme}", summary="Montants reportables d'un programme")
def lire_reportables(exercice: int, programme: str, requete: Request) -> dict[str, Any]:
    return _bac(requete).lire(lambda d: vr.reportables(rp.cloture_de(d, exercice, programme), programme))


@routeur.get("/ej-bascules", summary="Engagements juridiques basculés sur l'exercice suivant")
def lister_ej_bascules(requete: Request,
                       exercice: int | None = Query(default=None, ge=1900, le=2999)) -> list[dict[str, Any]]:
    annee = _clos(exercice, requete)
    return _bac(requete).lire(lambda d: [vr.ej_bascule(ej, annee) for ej in rp.ej_bascules(d, annee)])


# --- Demandes, avis ------------------------------------------------------------------------------
@routeur.post("/demandes", status_code=201, summary="Déposer une demande de report (RPROG)")
def demander(corps: DemandeEntree, requete: Request) -> dict[str, Any]:
    bac = _bac(requete)
    lignes = [rp.LigneReport(x.titre, x.nature, x.ae, x.cp) for x in corps.lignes]
    d = bac.executer(rp.demander_report, corps.programme, lignes, auteur_courant(), corps.exercice)
    return bac.lire(lambda depot: _demande(depot, d.numero))


@routeur.get("/demandes", summary="Demandes de report")
def lister_demandes(requete: Request, exercice: int | None = Query(default=None, ge=1900, le=2999),
                    programme: str | None = None) -> list[dict[str, Any]]:
    return _bac(requete).lire(lambda d: [vr.demande(x, rp.historique(d, x.numero))
                                         for x in rp.demandes(d, exercice, programme)])


@routeur.get("/demandes/{numero}", summary="Une demande de report et son historique")
def lire_demande(numero: str, requete: Request) -> dict[str, Any]:
    return _bac(requete).lire(lambda d: _demande(d, numero))


@routeur.post("/demandes/{numero}/avis", summary="Donner l'avis du contrôleur budgétaire sur une demande")
def donner_avis(numero: str, corps: AvisEntree, requete: Request) -> dict[str, Any]:
    bac = _bac(requete)
    bac.executer(rp.donner_avis, numero, corps.avis, corps.motif, auteur_courant())
    return bac.lire(lambda d: _demande(d, numero))


# --- Arrêtés, intégration ------------------------------------------------------------------------
@routeur.post("/arretes", status_code=201, summary="Prendre un arrêté de report (Direction du Budget)")
def arreter(corps: ArreteEntree, requete: Request) -> dict[str, Any]:
    bac = _bac(requete)
    a = bac.executer(rp.arreter_reports, auteur_courant(), corps.exercice, corps.demandes)
    return bac.lire(lambda d: _arrete(d, a.numero))


@routeur.get("/arretes", summary="Arrêtés de report")
def lister_arretes(requete: Request,
                   exercice: int | None = Query(default=None, ge=1900, le=2999)) -> list[dict[str, Any]]:
    return _bac(requete).lire(lambda d: [_vue_arrete(d, a) for a in rp.arretes(d, exercice)])


@routeur.get("/arretes/{numero}", summary="Un arrêté de report et son historique")
def lire_arrete(numero: str, requete: Request) -> dict[str, Any]:
    return _bac(requete).lire(lambda d: _arrete(d, numero))


@routeur.post("/arretes/{numero}/integration", summary="Intégrer un arrêté de report (ouvre les crédits en N+1)")
def integrer(numero: str, requete: Request) -> dict[str, Any]:
    bac = _bac(requete)
    bac.executer(rp.integrer_arrete, numero, auteur_courant())
    return bac.lire(lambda d: _arrete(d, numero))
