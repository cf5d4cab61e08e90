"""Screens of the habilitations: login and logout, paramétrage utilisateurs (create, suspend,
grant and revoke a rôle-territoire), bulk update from a CSV file with its report.

Same conventions as the other screens (``web/ui.py``): a refusal re-renders the form with the
French message in ``role="alert"`` and the error's status; a success redirects (303) with a
``?notice=``. Every screen but the login page is reserved to the ``parametrer_utilisateurs``
operation of the matrix (the administrateur).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from chorus_sandbox.domaine import import_habilitations as imp
from chorus_sandbox.domaine import utilisateurs as u
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import ErreurChorus
from chorus_sandbox.domaine.habilitations import ROLES, lire_perimetre, lire_role
from chorus_sandbox.web.api_habilitations import connecter, importer_fichier, poser_session
from chorus_sandbox.web.fichiers_csv import contenu_televerse
from chorus_sandbox.web.formulaires import Champ, Saisie
from chorus_sandbox.web.operations_ecran import Donnees, rendre_ecran, traiter_formulaire
from chorus_sandbox.web.rendu import gabarits, rendre
from chorus_sandbox.web.requetes import bac_courant
from chorus_sandbox.web.securite import (
    COOKIE_CONNEXION,
    COOKIE_SESSION,
    csrf_conforme,
    exiger,
    roles_visibles,
    utilisateur_courant,
)

routeur = APIRouter(include_in_schema=False)
FAVICON = Path(__file__).resolve().parents[1] / "static" / "favicon.ico"
gabarits.env.globals["roles"] = ROLES
gabarits.env.globals["utilisateur_connecte"] = utilisateur_courant
gabarits.env.globals["roles_visibles"] = roles_visibles

#: Screens of the administrateur, shown in the menu to those who may use them.
ECRANS_ADMINISTRATION: tuple[tuple[str, str, str], ...] = (
    ("/utilisateurs", "Utilisateurs", "Paramétrage des utilisateurs et de leurs rôles-territoires."),
    ("/habilitations/import", "Import d'habilitations", "Mise à jour en masse par fichier CSV."),
)
gabarits.env.globals["ecrans_administration"] = ECRANS_ADMINISTRATION


# --- Login and logout -----------------------------------------------------------------------------
def _suite(texte: str) -> str:
    """Where to go after login: a path of this site only (never ``//autre-site`` or a URL)."""
    return texte if texte.startswith("/") and not texte.startswith("//") and "\\" not in texte else "/"


def _jeton_connexion(requete: Request) -> str:
    """The browser's own login token while it is valid, else a new one: a favicon, a second tab or
    a refused attempt must not invalidate the form already on screen."""
    securite = requete.app.state.securite
    actuel = requete.cookies.get(COOKIE_CONNEXION, "")
    return actuel if securite.jeton_connexion_valide(actuel) else securite.emettre_jeton_connexion()


def _page_connexion(requete: Request, suite: str, refus: str | None = None, statut: int = 200,
                    identifiant: str = "") -> HTMLResponse:
    jeton = _jeton_connexion(requete)
    notice = "Votre session a expiré : reconnectez-vous" if requete.query_params.get("motif") == "expiree" else None
    reponse = rendre(requete, "connexion.html", statut, titre_page="Connexion", erreur=refus, suite=suite,
                     jeton_connexion=jeton, saisie={"identifiant": identifiant}, **({"notice": notice} if notice else {}))
    reponse.set_cookie(COOKIE_CONNEXION, jeton, httponly=True, samesite="strict", path="/connexion")
    return reponse


@routeur.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """Public: browsers ask for it on their own, with or without a session."""
    return FileResponse(FAVICON, media_type="image/x-icon", headers={"Cache-Control": "public, max-age=86400"})


@routeur.get("/connexion", response_class=HTMLResponse)
def page_connexion(requete: Request, suite: str = "/") -> HTMLResponse:
    return _page_connexion(requete, _suite(suite))


@routeur.post("/connexion", response_class=HTMLResponse)
def se_connecter(requete: Request, identifiant: Champ = "", mot_de_passe: Champ = "", suite: Champ = "/",
                 csrf_jeton: Champ = "") -> Response:
    attendu = requete.cookies.get(COOKIE_CONNEXION, "")
    if not (csrf_conforme(attendu, csrf_jeton) and requete.app.state.securite.jeton_connexion_valide(attendu)):
        return _page_connexion(requete, _suite(suite), "Accès refusé : jeton CSRF absent ou invalide (rechargez la "
                               "page et recommencez)", 403, identifiant)
    try:
        utilisateur = connecter(bac_courant(requete), identifiant, mot_de_passe)
    except ErreurChorus as exc:
        return _page_connexion(requete, _suite(suite), exc.message, exc.statut_http, identifiant)
    reponse = RedirectResponse(_suite(suite), status_code=303)
    poser_session(requete, reponse, utilisateur.identifiant)
    reponse.delete_cookie(COOKIE_CONNEXION, path="/connexion")
    return reponse


@routeur.post("/deconnexion")
def se_deconnecter() -> Response:
    reponse = RedirectResponse(f"/connexion?notice={quote('Vous êtes déconnecté(e)')}", status_code=303)
    reponse.delete_cookie(COOKIE_SESSION, path="/")
    return reponse


# --- Paramétrage utilisateurs ---------------------------------------------------------------------
def _auteur() -> str:
    return exiger("parametrer_utilisateurs").identifiant


def _lire_utilisateurs(depot: Depot) -> Donnees:
    return {"utilisateurs": u.utilisateurs(depot)}


def _ecran_utilisateurs(requete: Request, refus: ErreurChorus | None = None,
                        saisie: Saisie | None = None) -> HTMLResponse:
    _auteur()
    return rendre_ecran(requete, "utilisateurs.html", "Utilisateurs", _lire_utilisateurs, refus, saisie=saisie or {})


@routeur.get("/utilisateurs", response_class=HTMLResponse)
def utilisateurs(requete: Request) -> HTMLResponse:
    return _ecran_utilisateurs(requete)


@routeur.post("/utilisateurs", response_class=HTMLResponse)
def creer_utilisateur(requete: Request, identifiant: Champ = "", nom: Champ = "") -> Response:
    def action() -> tuple[str, str]:
        bac = bac_courant(requete)
        cree = bac.executer(u.creer_utilisateur, identifiant, nom, bac.empreinte_initiale, _auteur())
        return f"/utilisateurs/{cree.identifiant}", (f"Utilisateur {cree.identifiant} créé : {cree.nom} (mot de passe "
                                                    "initial du bac à sable, aucun rôle)")

    return traiter_formulaire(action, lambda exc: _ecran_utilisateurs(requete, exc, {"identifiant": identifiant, "nom": nom}))


def _lire_utilisateur(identifiant: str) -> Callable[[Depot], Donnees]:
    def lecture(depot: Depot) -> Donnees:
        utilisateur = u.obtenir_utilisateur(depot, identifiant)
        audit = [e for e in u.journal_audit(depot) if e.utilisateur == utilisateur.identifiant]
        return {"utilisateur": utilisateur, "audit": list(reversed(audit)), "roles_tries": roles_visibles(utilisateur)}
    return lecture


def _ecran_utilisateur(requete: Request, identifiant: str, refus: ErreurChorus | None = None,
                       saisie: Saisie | None = None) -> HTMLResponse:
    _auteur()
    return rendre_ecran(requete, "utilisateur.html", f"Utilisateur {identifiant}", _lire_utilisateur(identifiant), refus,
                  saisie=saisie or {})


@routeur.get("/utilisateurs/{identifiant}", response_class=HTMLResponse)
def utilisateur(requete: Request, identifiant: str) -> HTMLResponse:
    return _ecran_utilisateur(requete, identifiant)


def _operation(requete: Request, identifiant: str, saisie: Saisie, faire: Callable[[Any, str], str]) -> Response:
    """Run one operation of the user page; back to it with its notice, or its form refused."""
    def action() -> tuple[str, str]:
        return f"/utilisateurs/{identifiant}", faire(bac_courant(requete), _auteur())

    return traiter_formulaire(action, lambda exc: _ecran_utilisateur(requete, identifiant, exc, saisie))


@routeur.post("/utilisateurs/{identifiant}/suspension", response_class=HTMLResponse)
def suspendre(requete: Request, identifiant: str) -> Response:
    def faire(bac: Any, auteur: str) -> str:
        bac.executer(u.suspendre_utilisateur, identifiant, auteur)
        return f"Utilisateur {identifiant} suspendu : il ne peut plus se connecter"
    return _operation(requete, identifiant, {}, faire)


@routeur.post("/utilisateurs/{identifiant}/reactivation", response_class=HTMLResponse)
def reactiver(requete: Request, identifiant: str) -> Response:
    def faire(bac: Any, auteur: str) -> str:
        bac.executer(u.reactiver_utilisateur, identifiant, auteur)
        return f"Utilisateur {identifiant} réactivé"
    return _operation(requete, identifiant, {}, faire)


@routeur.post("/utilisateurs/{identifiant}/roles", response_class=HTMLResponse)
def attribuer(requete: Request, identifiant: str, role: Champ = "", perimetre: Champ = "") -> Response:
    def faire(bac: Any, auteur: str) -> str:
        bac.executer(u.attribuer_role, identifiant, role, perimetre, auteur)
        return f"Rôle {lire_role(role)} attribué à {identifiant} sur le périmètre {lire_perimetre(perimetre)}"
    return _operation(requete, identifiant, {"role": role, "perimetre": perimetre}, faire)


@routeur.post("/utilisateurs/{identifiant}/roles/retrait", response_class=HTMLResponse)
def retirer(requete: Request, identifiant: str, role: Champ = "", perimetre: Champ = "") -> Response:
    def faire(bac: Any, auteur: str) -> str:
        bac.executer(u.retirer_role, identifiant, role, perimetre, auteur)
        return f"Rôle {lire_role(role)} retiré à {identifiant} sur le périmètre {lire_perimetre(perimetre)}"
    return _operation(requete, identifiant, {}, faire)


# --- Bulk update from a CSV file ------------------------------------------------------------------
def _ecran_import(requete: Request, refus: ErreurChorus | None = None) -> HTMLResponse:
    _auteur()
    rejets = refus.rejets if isinstance(refus, imp.ImportRefuse) else []
    return rendre_ecran(requete, "import_habilitations.html", "Import d'habilitations", lambda _d: {}, refus,
                  rejets=rejets, colonnes=imp.COLONNES, actions=imp.ACTIONS)


@routeur.get("/habilitations/import", response_class=HTMLResponse)
def page_import(requete: Request) -> HTMLResponse:
    return _ecran_import(requete)


@routeur.post("/habilitations/import", response_class=HTMLResponse)
def importer(requete: Request, fichier: Annotated[UploadFile | None, File()] = None) -> Response:
    def action() -> tuple[str, str]:
        contenu = contenu_televerse(fichier)
        rapport = importer_fichier(bac_courant(requete), contenu, (fichier.filename if fichier else "") or "")
        return "/utilisateurs", rapport.message

    return traiter_formulaire(action, lambda exc: _ecran_import(requete, exc))
