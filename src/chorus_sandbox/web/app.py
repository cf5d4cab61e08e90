"""FastAPI application of the sandbox: API, screens, and French errors with no traceback."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from chorus_sandbox.domaine import traces
from chorus_sandbox.domaine.erreurs import ErreurChorus
from chorus_sandbox.service import VERSION, Bac
from chorus_sandbox.web import (
    api,
    api_bo,
    api_habilitations,
    api_interfaces,
    api_marches,
    api_regulation,
    api_reports,
    api_restitutions,
    fiori,
    securite,
    ui,
    ui_habilitations,
    ui_marches,
    ui_paye,
    ui_regulation,
    ui_reports,
    ui_restitutions,
)
from chorus_sandbox.web.bo_rendu import ErreurBO
from chorus_sandbox.web.bo_sessions import GuichetBO, SessionsBO
from chorus_sandbox.web.rendu import page_erreur

journal = logging.getLogger("chorus_sandbox")

_MESSAGES_VALIDATION = {
    "missing": "champ obligatoire manquant",
    "string_type": "texte attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "decimal_parsing": "nombre décimal attendu",
    "decimal_type": "nombre décimal attendu",
    "list_type": "liste attendue",
    "dict_type": "objet JSON attendu",
    "model_attributes_type": "objet JSON attendu",
    "extra_forbidden": "champ inconnu",
    "json_invalid": "JSON invalide",
    "too_short": "liste trop courte (au moins un élément)",
    "too_long": "trop d'éléments",
    "string_too_short": "texte vide",
    "string_too_long": "texte trop long",
    "greater_than_equal": "valeur trop petite",
    "less_than_equal": "valeur trop grande",
    "bool_type": "booléen attendu",
}
_MESSAGES_HTTP = {
    400: "Corps de la requête illisible (JSON invalide ou texte non encodé en UTF-8)",
    404: "Page ou ressource introuvable",
    405: "Méthode non autorisée",
}
_LIEUX = {"body": "corps", "query": "paramètre", "path": "chemin"}


def message_validation(erreur: dict[str, Any]) -> str:
    """One pydantic error in French: ``corps.postes.0.montant : champ obligatoire manquant``."""
    lieu = ".".join(_LIEUX.get(str(x), str(x)) for x in erreur.get("loc", ()))
    if erreur.get("type") == "value_error" and erreur.get("ctx", {}).get("error") is not None:
        texte = str(erreur["ctx"]["error"])
    else:
        texte = _MESSAGES_VALIDATION.get(str(erreur.get("type")), "valeur invalide")
    return f"{lieu} : {texte}" if lieu else texte


class ReponsesNonLues:
    """Recording what the recette reaches: a request sent with ``X-Recette-Reponse-Non-Lue: 1`` (a
    precondition that reads nothing of the answer) runs inside :func:`traces.reponse_non_lue`."""

    def __init__(self, application: Any) -> None:
        self.application = application

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        entete = traces.ENTETE_REPONSE_NON_LUE.lower().encode()
        non_lue = scope["type"] == "http" and (entete, b"1") in scope.get("headers", ())
        with traces.reponse_non_lue(non_lue):
            await self.application(scope, receive, send)


def creer_application(bac: Bac) -> FastAPI:
    """The sandbox's web application around ``bac``."""
    application = FastAPI(
        title="Bac à sable Chorus",
        version=VERSION,
        description="Exécution budgétaire de l'État (modèle Chorus) : API JSON et écrans de gestion. "
        "Montants en chaînes décimales exactes (« 1234.56 »), codes en texte.",
    )
    application.state.bac = bac
    # Every route behind authentication, CSRF and the user's périmètre (web/securite.py): routers
    # added below or later are covered without doing anything.
    application.state.securite = securite.Securite()
    application.add_middleware(securite.MiddlewareHabilitations)
    application.add_middleware(ReponsesNonLues)
    # /biprws (the BusinessObjects clone) authenticates by its own X-SAP-LogonToken sessions
    application.state.sessions_bo = SessionsBO()
    application.state.guichets = (GuichetBO(application.state.sessions_bo),)
    application.include_router(api_habilitations.routeur)
    application.include_router(ui_habilitations.routeur)
    application.include_router(api.routeur)
    application.include_router(ui.routeur)
    application.include_router(api_marches.routeur)
    application.include_router(ui_marches.routeur)
    application.include_router(api_restitutions.routeur)
    application.include_router(ui_restitutions.routeur)
    application.include_router(api_regulation.routeur)
    application.include_router(api_reports.routeur)
    application.include_router(ui_regulation.routeur)
    application.include_router(ui_reports.routeur)
    application.include_router(api_interfaces.routeur)
    application.include_router(ui_paye.routeur)
    application.include_router(fiori.routeur)
    application.include_router(api_bo.routeur)
    statique = Path(__file__).resolve().parents[1] / "static"
    application.mount("/static", StaticFiles(directory=statique), name="static")
    _gestionnaires_erreurs(application)
    return application


def _gestionnaires_erreurs(application: FastAPI) -> None:
    @application.exception_handler(ErreurBO)
    async def _refus_bo(requete: Request, exc: ErreurBO) -> Response:
        return api_bo.reponse_refus(requete, exc)

    @application.exception_handler(ErreurChorus)
    async def _refus(requete: Request, exc: ErreurChorus) -> Response:
        if api_bo.est_biprws(requete.url.path):
            return api_bo.reponse_refus(requete, exc)
        if not requete.url.path.startswith("/api"):
            return page_erreur(requete, exc.message, exc.statut_http)
        entetes = {"WWW-Authenticate": "Bearer"} if exc.statut_http == 401 else None
        return JSONResponse({"erreur": exc.type, "message": exc.message}, status_code=exc.statut_http, headers=entetes)

    @application.exception_handler(RequestValidationError)
    async def _invalide(requete: Request, exc: RequestValidationError) -> Response:
        if api_bo.est_biprws(requete.url.path):
            return api_bo.reponse_refus(requete, exc)
        details = [message_validation(e) for e in exc.errors()]
        if not requete.url.path.startswith("/api"):
            return page_erreur(requete, "Saisie invalide : " + " ; ".join(details), 422)
        corps = {"erreur": "DonneeInvalide", "message": "Requête invalide : " + " ; ".join(details),
                 "details": details}
        return JSONResponse(corps, status_code=422)

    @application.exception_handler(StarletteHTTPException)
    async def _http(requete: Request, exc: StarletteHTTPException) -> Response:
        if api_bo.est_biprws(requete.url.path):
            return api_bo.reponse_refus(requete, exc)
        message = _MESSAGES_HTTP.get(exc.status_code, f"Requête refusée ({exc.status_code})")
        if not requete.url.path.startswith("/api"):
            return page_erreur(requete, message, exc.status_code)
        return JSONResponse({"erreur": "Http", "message": message}, status_code=exc.status_code)

    @application.exception_handler(Exception)
    async def _interne(requete: Request, exc: Exception) -> Response:
        journal.exception("Erreur interne sur %s", requete.url.path)
        return JSONResponse({"erreur": "ErreurInterne", "message": "Erreur interne du bac à sable"},
                            status_code=500)
