"""The restitutions screen: choose a restitution, an exercice, a format and an encoding, download.

The form is a GET (a download has a URL); a refused parameter re-renders the screen with the
French message in ``role="alert"``, the status of the error and what the user chose.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from chorus_sandbox import restitutions as r
from chorus_sandbox.domaine.erreurs import ErreurChorus
from chorus_sandbox.web.api_restitutions import produire_fichier, reponse_fichier
from chorus_sandbox.web.rendu import rendre

routeur = APIRouter(include_in_schema=False)

TITRE = "Restitutions"
LIBELLES_FORMATS = {"csv": "CSV", "xlsx": "XLSX (Excel)"}
LIBELLES_ENCODAGES = {"cp1252": "Windows-1252 (cp1252)", "utf-8": "UTF-8 (avec BOM)"}


def _ecran(requete: Request, saisie: dict[str, str], refus: ErreurChorus | None = None) -> HTMLResponse:
    statut, erreur = (refus.statut_http, refus.message) if refus else (200, None)
    return rendre(requete, "restitutions.html", statut, titre_page=TITRE, erreur=erreur, saisie=saisie,
                  restitutions=list(r.RESTITUTIONS.values()), formats=LIBELLES_FORMATS,
                  encodages=LIBELLES_ENCODAGES)


@routeur.get("/restitutions", response_class=HTMLResponse)
def restitutions(requete: Request) -> HTMLResponse:
    exercice = str(requete.app.state.bac.contexte.exercice)
    saisie = {"code": "INF-BUD-53", "exercice": exercice, "format": "csv", "encodage": "cp1252"}
    return _ecran(requete, saisie)


@routeur.get("/restitutions/telecharger", response_model=None)
def telecharger(requete: Request, code: str = "", exercice: str = "", format: str = "csv",
                encodage: str = "cp1252") -> Response:
    """The file, or the screen again with the refusal (unknown restitution, bad exercice…)."""
    saisie = {"code": code, "exercice": exercice, "format": format, "encodage": encodage}
    try:
        fichier = produire_fichier(requete.app.state.bac, code, exercice, format, encodage)
    except ErreurChorus as exc:
        return _ecran(requete, saisie, exc)
    return reponse_fichier(fichier)
