"""Server-rendered screens (Jinja2): one screen per operation and per consultation.

Forms post back to the same URL; a refusal re-renders the form with the French message in an
element ``role="alert"``, a success redirects (303) to the result with a ``role="status"`` notice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from chorus_sandbox.domaine.codes import LIBELLES_TITRES
from chorus_sandbox.domaine.montants import format_montant
from chorus_sandbox.service import VERSION, Bac

routeur = APIRouter(include_in_schema=False)
gabarits = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))
gabarits.env.filters["montant"] = format_montant
gabarits.env.filters["date_fr"] = lambda d: d.strftime("%d/%m/%Y") if d else ""
gabarits.env.globals["titres"] = LIBELLES_TITRES


def _bac(requete: Request) -> Bac:
    return requete.app.state.bac  # type: ignore[no-any-return]


def rendre(requete: Request, gabarit: str, statut: int = 200, **contexte: Any) -> HTMLResponse:
    """Render ``gabarit`` with the common context (exercice, version, notice from the query)."""
    bac = _bac(requete)
    commun = {"exercice": bac.contexte.exercice, "date_du_jour": bac.contexte.date_du_jour,
              "version": VERSION, "jeu": bac.jeu.nom, "notice": requete.query_params.get("notice")}
    return gabarits.TemplateResponse(requete, gabarit, {**commun, **contexte}, status_code=statut)


def page_erreur(requete: Request, message: str, statut: int) -> Response:
    return rendre(requete, "erreur.html", statut, titre_page="Erreur", erreur=message)


@routeur.get("/", response_class=HTMLResponse)
def accueil(requete: Request) -> HTMLResponse:
    return rendre(requete, "accueil.html", titre_page="Accueil")
