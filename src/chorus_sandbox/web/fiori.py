"""The Fiori face of the sandbox: an OpenUI5 launchpad and its apps, served at ``/fiori``.

- ``/fiori``: the launchpad page (session required, like every screen); it carries the session's
  CSRF token and the connected user for the apps, which call the JSON API (``/api/...``) with
  real HTTP requests, as Fiori apps call their OData services.
- ``/fiori/apps/...``: the apps (XML views, controllers, manifests) from ``chorus_sandbox/fiori``.
- ``/fiori/resources/...``: the OpenUI5 runtime (public, like ``/static/``), from the directory
  named by ``CHORUS_SANDBOX_UI5`` or else ``.ui5/resources`` at the repository root (built by
  ``make setup``). Without it, a French 503 says so.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from chorus_sandbox.domaine.codes import LIBELLES_TITRES
from chorus_sandbox.domaine.erreurs import ErreurChorus, ObjetInconnu
from chorus_sandbox.restitutions import LIBELLES_NATURES_REPORT
from chorus_sandbox.web import api_fiori
from chorus_sandbox.web.libelles import ECRANS, LIBELLES_MOUVEMENTS
from chorus_sandbox.web.securite import utilisateur_courant

routeur = APIRouter(include_in_schema=False)
routeur.include_router(api_fiori.routeur)  # the apps' own reads, documented with the API

DOSSIER_APPS = Path(__file__).resolve().parents[1] / "fiori"
VARIABLE_UI5 = "CHORUS_SANDBOX_UI5"
MESSAGE_INDISPONIBLE = "Interface Fiori indisponible : OpenUI5 n'est pas construit (make setup)"
#: The runtime does not change while the sandbox runs: let the browser keep it a while.
CACHE_RESSOURCES = "public, max-age=3600"


class InterfaceIndisponible(ErreurChorus):
    """The OpenUI5 runtime is not built: the Fiori face cannot be served (the screens can)."""

    statut_http = 503


def dossier_ui5() -> Path | None:
    """The OpenUI5 runtime directory (holding ``sap-ui-core.js``), or None when it is not built."""
    nomme = os.environ.get(VARIABLE_UI5, "").strip()
    candidats = [Path(nomme)] if nomme else [p / ".ui5" / "resources" for p in DOSSIER_APPS.parents]
    return next((c for c in candidats if (c / "sap-ui-core.js").is_file()), None)


def _fichier(racine: Path, chemin: str) -> Path | None:
    """``racine/chemin`` if it is a file inside ``racine`` (no ``..`` escape), else None."""
    cible = (racine / chemin).resolve()
    return cible if cible.is_relative_to(racine.resolve()) and cible.is_file() else None


def _exiger_ui5() -> Path:
    """The runtime directory, else the French 503 (rendered by the application's error handler)."""
    racine = dossier_ui5()
    if racine is None:
        raise InterfaceIndisponible(MESSAGE_INDISPONIBLE)
    return racine


def _introuvable() -> ObjetInconnu:
    return ObjetInconnu("Page ou ressource introuvable")


def configuration() -> str:
    """What the apps read once (the classic screens for the launchpad's tiles, the titres, the natures
    de report as the screens name them), as JSON
    safe inside a ``<script>`` element."""
    ecrans = [{"url": url, "libelle": libelle, "description": description} for url, libelle, description in ECRANS]
    titres = [{"code": code, "libelle": f"T{code} – {libelle}"} for code, libelle in LIBELLES_TITRES.items()]
    natures = [{"code": code, "libelle": f"{code} – {libelle}", "intitule": libelle}
               for code, libelle in LIBELLES_NATURES_REPORT.items()]
    donnees = {"ecrans": ecrans, "titres": titres, "mouvements": LIBELLES_MOUVEMENTS, "natures": natures}
    return json.dumps(donnees, ensure_ascii=False).replace("</", "<\\/")


def page_launchpad(identifiant: str, nom: str, csrf: str) -> str:
    """The launchpad's HTML: the UI5 bootstrap, and what the apps need to know of the session."""
    modele = (DOSSIER_APPS / "launchpad.html").read_text(encoding="utf-8")
    valeurs = {"{{utilisateur}}": identifiant, "{{nom}}": nom, "{{csrf}}": csrf}
    for marque, valeur in valeurs.items():
        modele = modele.replace(marque, html.escape(valeur, quote=True))
    return modele.replace("{{config}}", configuration())


@routeur.get("/fiori", response_class=HTMLResponse)
def launchpad(requete: Request) -> Response:
    _exiger_ui5()
    connecte = utilisateur_courant()
    identifiant, nom = (connecte.identifiant, connecte.nom) if connecte else ("", "")
    csrf = str(getattr(requete.state, "csrf_jeton", "") or "")
    return HTMLResponse(page_launchpad(identifiant, nom or identifiant, csrf),
                        headers={"Cache-Control": "no-store"})


def preload() -> str:
    """``Component-preload.js`` of the launchpad: every file of the apps in one response, as
    ``ui5 build`` bundles an app, so that opening an app costs no request but its data."""
    modules = {f"chorus/fiori/{f.relative_to(DOSSIER_APPS / 'apps').as_posix()}": f.read_text(encoding="utf-8")
               for f in sorted((DOSSIER_APPS / "apps").rglob("*")) if f.suffix in (".js", ".xml", ".json")}
    return f'sap.ui.require.preload({json.dumps(modules, ensure_ascii=False)}, "chorus/fiori/launchpad/Component-preload");'


@routeur.get("/fiori/apps/launchpad/Component-preload.js")
def preload_launchpad() -> Response:
    return Response(preload(), media_type="application/javascript", headers={"Cache-Control": "no-cache"})


@routeur.get("/fiori/apps/{chemin:path}")
def fichier_app(chemin: str) -> Response:
    fichier = _fichier(DOSSIER_APPS / "apps", chemin)
    if fichier is None:
        raise _introuvable()
    return FileResponse(fichier, headers={"Cache-Control": "no-cache"})


@routeur.get("/fiori/resources/{chemin:path}")
def ressource_ui5(chemin: str) -> Response:
    fichier = _fichier(_exiger_ui5(), chemin)
    if fichier is None:
        raise _introuvable()
    return FileResponse(fichier, headers={"Cache-Control": CACHE_RESSOURCES})
