"""JSON API of the in-year regulation: LFR, réserve de précaution, virements, transferts,
fongibilité asymétrique, fonds de concours (operations of :mod:`chorus_sandbox.domaine.regulation`).

LFR amounts are signed (negative = cancellation); every other amount is positive.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import Field

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import regulation as reg
from chorus_sandbox.domaine.operations import LigneLoi
from chorus_sandbox.web import vues
from chorus_sandbox.web.api import Corps, Montant, _bac

routeur = APIRouter(prefix="/api/regulation", tags=["Régulation"])


class LigneRectificativeEntree(Corps):
    programme: str
    titre: str
    ae: Montant
    cp: Montant


class LoiRectificativeEntree(Corps):
    identifiant: str = Field(min_length=1, max_length=40)
    lignes: list[LigneRectificativeEntree] = Field(min_length=1)


class ReserveEntree(Corps):
    programme: str
    titre: str
    ae: Montant
    cp: Montant


class MouvementEntree(Corps):
    source: str
    destination: str
    titre: str
    titre_destination: str | None = None
    ae: Montant
    cp: Montant


class FongibiliteEntree(Corps):
    programme: str
    titre_source: str
    titre_destination: str
    ae: Montant
    cp: Montant


class FondsDeConcoursEntree(Corps):
    programme: str
    titre: str
    montant: Montant
    reference: str = Field(default="", max_length=200)


def mouvement(x: m.MouvementRegulation) -> dict[str, Any]:
    return {"type": x.type_mouvement, "exercice": x.exercice, "source": x.source, "destination": x.destination,
            "titre_source": x.titre_source, "titre_destination": x.titre_destination,
            "ae": vues.euros_texte(x.ae), "cp": vues.euros_texte(x.cp), "date": x.date.isoformat(),
            "reference": x.reference}


@routeur.post("/lois-rectificatives", status_code=201, summary="Intégrer une loi de finances rectificative")
def integrer_lfr(corps: LoiRectificativeEntree, requete: Request) -> dict[str, Any]:
    lignes = [LigneLoi(x.programme, x.titre, x.ae, x.cp) for x in corps.lignes]
    return vues.loi(_bac(requete).executer(reg.integrer_loi_rectificative, corps.identifiant, lignes))


@routeur.post("/degel", status_code=201, summary="Dégeler des crédits de la réserve de précaution")
def degeler(corps: ReserveEntree, requete: Request) -> dict[str, Any]:
    return mouvement(_bac(requete).executer(reg.degeler, corps.programme, corps.titre, corps.ae, corps.cp))


@routeur.post("/surgel", status_code=201, summary="Surgeler des crédits disponibles")
def surgeler(corps: ReserveEntree, requete: Request) -> dict[str, Any]:
    return mouvement(_bac(requete).executer(reg.surgeler, corps.programme, corps.titre, corps.ae, corps.cp))


@routeur.post("/annulation-reserve", status_code=201, summary="Annuler des crédits mis en réserve")
def annuler_reserve(corps: ReserveEntree, requete: Request) -> dict[str, Any]:
    return mouvement(_bac(requete).executer(reg.annuler_reserve, corps.programme, corps.titre, corps.ae, corps.cp))


@routeur.post("/virements", status_code=201, summary="Virer des crédits entre programmes d'un même ministère")
def virer(corps: MouvementEntree, requete: Request) -> dict[str, Any]:
    return mouvement(_bac(requete).executer(reg.virer, corps.source, corps.destination, corps.titre,
                                            corps.ae, corps.cp, corps.titre_destination))


@routeur.post("/transferts", status_code=201, summary="Transférer des crédits entre programmes de ministères différents")
def transferer(corps: MouvementEntree, requete: Request) -> dict[str, Any]:
    return mouvement(_bac(requete).executer(reg.transferer, corps.source, corps.destination, corps.titre,
                                            corps.ae, corps.cp, corps.titre_destination))


@routeur.post("/fongibilite", status_code=201, summary="Déplacer des crédits entre titres d'un programme")
def fongibilite(corps: FongibiliteEntree, requete: Request) -> dict[str, Any]:
    return mouvement(_bac(requete).executer(reg.fongibilite, corps.programme, corps.titre_source,
                                            corps.titre_destination, corps.ae, corps.cp))


@routeur.post("/fonds-de-concours", status_code=201, summary="Rattacher un fonds de concours")
def rattacher_fonds_de_concours(corps: FondsDeConcoursEntree, requete: Request) -> dict[str, Any]:
    return mouvement(_bac(requete).executer(reg.rattacher_fonds_de_concours, corps.programme, corps.titre,
                                            corps.montant, corps.reference))


@routeur.get("/mouvements", summary="Mouvements de régulation de l'exercice")
def lister_mouvements(requete: Request) -> list[dict[str, Any]]:
    bac = _bac(requete)
    return [mouvement(x) for x in bac.lire(lambda d: reg.mouvements(d, bac.contexte.exercice))]
