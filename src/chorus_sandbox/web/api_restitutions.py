"""JSON API of the restitutions: the list, and each one downloaded as CSV or XLSX.

A bad code, format, encoding or exercice raises a French :class:`ErreurChorus` that the
application turns into a 4xx JSON body ``{"erreur", "message"}`` like every other route.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from chorus_sandbox import restitutions as r
from chorus_sandbox.service import Bac
from chorus_sandbox.web.securite import exiger

routeur = APIRouter(prefix="/api/restitutions", tags=["Restitutions"])

_FICHIER = {200: {"description": "Le fichier de la restitution (pièce jointe)",
                  "content": {"text/csv": {}, r.FORMATS["xlsx"]: {}}}}


def _bac(requete: Request) -> Bac:
    bac: Bac = requete.app.state.bac
    return bac


def produire_fichier(bac: Bac, code: str, exercice: str | None, format_: str | None,
                     encodage: str | None) -> r.Fichier:
    """Check the parameters (code first) and the user's right to it, compute the restitution in one
    read (filtered by the user's périmètre), write the file."""
    exiger(r.restitution(code).operation)
    format_, encodage = r.lire_format(format_), r.lire_encodage(encodage)
    contexte = bac.contexte
    annee = r.lire_exercice(exercice, contexte.exercice)
    tableau = bac.lire(lambda depot: r.produire(depot, code, annee, contexte.date_du_jour, contexte.exercice),
                       perimetre=not r.lue_sans_perimetre(code, contexte.defauts))
    return r.fichier(r.degrader(tableau, contexte.defauts), format_, encodage)


def reponse_fichier(fichier: r.Fichier) -> Response:
    """The file as an attachment: ``Content-Disposition: attachment; filename="INF-BUD-53_2026.csv"``."""
    entetes = {"Content-Disposition": f'attachment; filename="{fichier.nom}"'}
    return Response(fichier.contenu, media_type=fichier.type_media, headers=entetes)


@routeur.get("", summary="Restitutions disponibles (codes, libellés, formats)")
def lister_restitutions() -> list[dict[str, Any]]:
    return [{"code": x.code, "libelle": x.libelle, "description": x.description, "formats": list(r.FORMATS),
             "encodages": list(r.ENCODAGES)} for x in r.RESTITUTIONS.values()]


@routeur.get("/{code}", summary="Télécharger une restitution au format de l'infocentre (CSV ou XLSX)",
             response_class=Response, responses=_FICHIER)  # type: ignore[arg-type]
def telecharger_restitution(
    code: str, requete: Request,
    exercice: str | None = Query(default=None, description="Année, ex. 2026 (par défaut l'exercice courant)"),
    format_: str = Query(default="csv", alias="format", description="csv ou xlsx"),
    encodage: str = Query(default="cp1252", description="cp1252 (par défaut) ou utf-8 (avec BOM), pour le CSV"),
) -> Response:
    return reponse_fichier(produire_fichier(_bac(requete), code, exercice, format_, encodage))
