"""A screen's two moves: show its data, and run its form's operation.

``rendre_ecran`` reads the screen's data in one transaction and renders it; given a refusal, it
renders the same screen with the refusal's status (409, 422 or 404) and French message (shown in
``role="alert"``). ``traiter_formulaire`` runs a form's domain operation: on success a 303
(POST/redirect/GET) to the result with a ``?notice=`` (shown in ``role="status"``), on
``ErreurChorus`` the re-rendered form, with what the user typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.requests import Request

from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import ErreurChorus
from chorus_sandbox.web.rendu import rendre
from chorus_sandbox.web.requetes import bac_courant

#: What a screen reads from the sandbox, by template variable.
Donnees = dict[str, Any]


def rendre_ecran(requete: Request, gabarit: str, titre: str, lecture: Callable[[Depot], Donnees],
                 refus: ErreurChorus | None = None, **contexte: Any) -> HTMLResponse:
    """Read the screen's data in one transaction and render it, with the refusal if any."""
    donnees = bac_courant(requete).lire(lecture)
    statut = refus.statut_http if refus else 200
    erreur = refus.message if refus else None
    return rendre(requete, gabarit, statut, titre_page=titre, erreur=erreur, **donnees, **contexte)


def traiter_formulaire(action: Callable[[], tuple[str, str]],
                       refuser: Callable[[ErreurChorus], Response]) -> Response:
    """Run a form's operation: 303 to ``url?notice=`` on success, the re-rendered form on refusal."""
    try:
        url, notice = action()
    except ErreurChorus as exc:
        return refuser(exc)
    return RedirectResponse(f"{url}?notice={quote(notice)}", status_code=303)
