"""API reads the Fiori apps need and the rest of the API did not offer (same JSON conventions)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.web import vues

routeur = APIRouter(prefix="/api", tags=["API"])


def _services_faits(numero: str) -> Any:
    def lecture(depot: Depot) -> list[m.ServiceFait]:
        op.obtenir(depot, m.EngagementJuridique, numero, "Engagement juridique")
        return sorted((x for x in depot.lister(m.ServiceFait) if x.engagement == numero), key=lambda x: x.numero)
    return lecture


@routeur.get("/engagements/{numero}/services-faits", summary="Services faits d'un engagement juridique")
def lister_services_faits(numero: str, requete: Request) -> list[dict[str, Any]]:
    return [vues.service_fait(x) for x in requete.app.state.bac.lire(_services_faits(numero))]
