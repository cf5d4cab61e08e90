"""Rendering of the HTML screens: the Jinja2 environment, its filters and globals, the error page.

Every screen renders through ``rendre`` so that the common context (exercice, date du jour,
version, dataset, ``?notice=``) is the same everywhere. Modules adding screens may register
their own globals on ``gabarits.env`` (the administration menu, the reports sub-menu).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.requests import Request

from chorus_sandbox.domaine.codes import LIBELLES_TITRES
from chorus_sandbox.domaine.montants import format_montant
from chorus_sandbox.service import VERSION
from chorus_sandbox.web.libelles import ECRANS, LIBELLES_MOUVEMENTS, NIVEAUX_SITUATION
from chorus_sandbox.web.requetes import bac_courant

gabarits = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))
gabarits.env.filters["montant"] = format_montant
gabarits.env.filters["date_fr"] = lambda d: d.strftime("%d/%m/%Y") if d else ""
gabarits.env.filters["horodatage_fr"] = lambda d: d.strftime("%d/%m/%Y %H:%M:%S") if d else ""
gabarits.env.globals["titres"] = LIBELLES_TITRES
gabarits.env.globals["ecrans"] = ECRANS
gabarits.env.globals["libelles_mouvements"] = LIBELLES_MOUVEMENTS
gabarits.env.globals["niveaux"] = NIVEAUX_SITUATION


def rendre(requete: Request, gabarit: str, statut: int = 200, **contexte: Any) -> HTMLResponse:
    """Render ``gabarit`` with the common context (exercice, version, notice from the query)."""
    bac = bac_courant(requete)
    commun = {"exercice": bac.contexte.exercice, "date_du_jour": bac.contexte.date_du_jour,
              "version": VERSION, "jeu": bac.jeu.nom, "notice": requete.query_params.get("notice"),
              "saisie": {}}
    return gabarits.TemplateResponse(requete, gabarit, {**commun, **contexte}, status_code=statut)


def page_erreur(requete: Request, message: str, statut: int) -> Response:
    """The error page: the French message in ``role="alert"``, with the error's status."""
    return rendre(requete, "erreur.html", statut, titre_page="Erreur", erreur=message)
