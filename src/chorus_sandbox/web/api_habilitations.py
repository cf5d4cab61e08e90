"""JSON API of the habilitations: login (API token), the current user, paramétrage utilisateurs,
bulk CSV update and audit trail. Passwords travel only in ``POST /api/connexion``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import Field

from chorus_sandbox import mots_de_passe
from chorus_sandbox.domaine import import_habilitations as imp
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import utilisateurs as u
from chorus_sandbox.domaine.erreurs import AuthentificationRequise, DonneeInvalide
from chorus_sandbox.domaine.habilitations import MATRICE, OPERATIONS, ROLES, Habilitation
from chorus_sandbox.service import Bac
from chorus_sandbox.web.api import Corps, _bac
from chorus_sandbox.web.securite import COOKIE_SESSION, exiger, roles_visibles, utilisateur_courant

routeur = APIRouter(prefix="/api", tags=["Habilitations"])


class ConnexionEntree(Corps):
    identifiant: str = Field(min_length=1, max_length=40)
    mot_de_passe: str = Field(min_length=1, max_length=200)


class UtilisateurEntree(Corps):
    identifiant: str = Field(min_length=1, max_length=40)
    nom: str = Field(min_length=1, max_length=120)


class RoleEntree(Corps):
    role: str = Field(min_length=1, max_length=40)
    perimetre: str = Field(min_length=1, max_length=40)


def _date_heure(valeur: dt.datetime | None) -> str | None:
    return valeur.isoformat() if valeur else None


def vue_utilisateur(x: m.Utilisateur) -> dict[str, Any]:
    """A user as the API shows it: never the empreinte; only the roles of the reader's périmètres."""
    return {"identifiant": x.identifiant, "nom": x.nom, "actif": x.actif,
            "verrouille_jusqu_a": _date_heure(x.verrouille_jusqu_a),
            "derniere_connexion": _date_heure(x.derniere_connexion),
            "roles": [{"role": r.role, "libelle": ROLES[r.role], "perimetre": r.perimetre} for r in roles_visibles(x)]}


def vue_audit(e: m.EvenementAudit) -> dict[str, Any]:
    return {"numero": e.id, "horodatage": e.horodatage.isoformat(), "auteur": e.auteur, "action": e.action,
            "utilisateur": e.utilisateur, "role": e.role, "perimetre": e.perimetre, "detail": e.detail}


def connecter(bac: Bac, identifiant: str, mot_de_passe: str) -> m.Utilisateur:
    """Check the credentials (failures counted, lock-out) or raise a French 401."""
    resultat = bac.executer(u.authentifier, identifiant, mot_de_passe, dt.datetime.now(), mots_de_passe.verifier)
    if resultat.utilisateur is None:
        raise AuthentificationRequise(resultat.refus or u.REFUS_IDENTIFIANTS)
    return resultat.utilisateur


def poser_session(requete: Request, reponse: Response, identifiant: str) -> None:
    """The session cookie of the screens (HttpOnly, SameSite=Lax, as long as the session lasts)."""
    securite = requete.app.state.securite
    valeur, _csrf = securite.emettre_session(identifiant)
    reponse.set_cookie(COOKIE_SESSION, valeur, max_age=securite.duree, httponly=True, samesite="lax", path="/")


def _auteur() -> Habilitation:
    return exiger("parametrer_utilisateurs")


# --- Login --------------------------------------------------------------------------------------
@routeur.post("/connexion", summary="Se connecter : jeton d'API (et cookie de session des écrans)")
def connexion(corps: ConnexionEntree, requete: Request, reponse: Response) -> dict[str, Any]:
    """JSON only (``Content-Type: application/json``): a cross-site form cannot log anyone in."""
    if requete.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise DonneeInvalide("Connexion : corps JSON attendu (Content-Type: application/json)")
    utilisateur = connecter(_bac(requete), corps.identifiant, corps.mot_de_passe)
    poser_session(requete, reponse, utilisateur.identifiant)
    securite = requete.app.state.securite
    return {"jeton": securite.emettre_jeton(utilisateur.identifiant), "type": "Bearer",
            "expire_dans": securite.duree, "utilisateur": vue_utilisateur(utilisateur)}


@routeur.post("/deconnexion", summary="Fermer la session des écrans")
def deconnexion() -> Response:
    reponse = JSONResponse({"message": "Session fermée"})
    reponse.delete_cookie(COOKIE_SESSION, path="/")
    return reponse


@routeur.get("/moi", summary="L'utilisateur connecté, ses rôles-territoires et ses opérations")
def moi(requete: Request) -> dict[str, Any]:
    habilitation = utilisateur_courant()
    if habilitation is None:
        raise AuthentificationRequise("Authentification requise")
    return {"identifiant": habilitation.identifiant, "nom": habilitation.nom,
            "roles": [{"role": r, "libelle": ROLES[r], "perimetre": p} for r, p in habilitation.roles],
            "operations": {op: list(habilitation.perimetres(op)) for op in OPERATIONS if habilitation.autorise(op)}}


@routeur.get("/habilitations/matrice", summary="La matrice des habilitations : rôle → opérations")
def matrice() -> dict[str, Any]:
    return {"roles": ROLES, "operations": OPERATIONS,
            "matrice": {role: sorted(operations) for role, operations in MATRICE.items()}}


# --- Paramétrage utilisateurs (administrateur) ----------------------------------------------------
@routeur.get("/utilisateurs", summary="Utilisateurs et rôles-territoires")
def lister_utilisateurs(requete: Request) -> list[dict[str, Any]]:
    _auteur()
    return [vue_utilisateur(x) for x in _bac(requete).lire(u.utilisateurs)]


@routeur.post("/utilisateurs", status_code=201, summary="Créer un utilisateur (mot de passe initial du bac à sable)")
def creer_utilisateur(corps: UtilisateurEntree, requete: Request) -> dict[str, Any]:
    bac = _bac(requete)
    return vue_utilisateur(bac.executer(u.creer_utilisateur, corps.identifiant, corps.nom, bac.empreinte_initiale,
                                        _auteur().identifiant))


@routeur.get("/utilisateurs/{identifiant}", summary="Un utilisateur")
def lire_utilisateur(identifiant: str, requete: Request) -> dict[str, Any]:
    _auteur()
    return vue_utilisateur(_bac(requete).lire(lambda d: u.obtenir_utilisateur(d, identifiant)))


@routeur.post("/utilisateurs/{identifiant}/suspension", summary="Suspendre un utilisateur")
def suspendre(identifiant: str, requete: Request) -> dict[str, Any]:
    return vue_utilisateur(_bac(requete).executer(u.suspendre_utilisateur, identifiant, _auteur().identifiant))


@routeur.post("/utilisateurs/{identifiant}/reactivation", summary="Réactiver un utilisateur")
def reactiver(identifiant: str, requete: Request) -> dict[str, Any]:
    return vue_utilisateur(_bac(requete).executer(u.reactiver_utilisateur, identifiant, _auteur().identifiant))


@routeur.post("/utilisateurs/{identifiant}/roles", status_code=201, summary="Attribuer un rôle sur un périmètre")
def attribuer(identifiant: str, corps: RoleEntree, requete: Request) -> dict[str, Any]:
    return vue_utilisateur(_bac(requete).executer(u.attribuer_role, identifiant, corps.role, corps.perimetre,
                                                  _auteur().identifiant))


@routeur.post("/utilisateurs/{identifiant}/roles/retrait", summary="Retirer un rôle sur un périmètre")
def retirer(identifiant: str, corps: RoleEntree, requete: Request) -> dict[str, Any]:
    return vue_utilisateur(_bac(requete).executer(u.retirer_role, identifiant, corps.role, corps.perimetre,
                                                  _auteur().identifiant))


def importer_fichier(bac: Bac, contenu: bytes, fichier: str = "") -> imp.RapportImport:
    """Decode (UTF-8 or cp1252), validate as a whole, apply in one transaction."""
    from chorus_sandbox.web.fichiers_csv import texte_csv

    habilitation = _auteur()
    lignes = imp.lire_fichier(texte_csv(contenu))

    def couvre(code: str) -> bool:
        return habilitation.autorise("parametrer_utilisateurs", code)

    return bac.executer(imp.importer, lignes, habilitation.identifiant, bac.empreinte_initiale, couvre, fichier)


@routeur.post("/habilitations/import", summary="Mise à jour en masse par fichier CSV (tout ou rien)",
              responses={422: {"description": "Fichier refusé : chaque ligne rejetée et son motif"}})
async def importer(requete: Request) -> Response:
    """Body: the CSV file itself (``Content-Type: text/csv``), see ``domaine/import_habilitations.py``."""
    contenu = await requete.body()
    try:
        from starlette.concurrency import run_in_threadpool

        rapport = await run_in_threadpool(importer_fichier, _bac(requete), contenu, "import API")
    except imp.ImportRefuse as exc:
        return JSONResponse({"erreur": "ImportRefuse", "message": exc.message,
                             "rejets": [{"ligne": r.ligne, "message": r.message} for r in exc.rejets]},
                            status_code=422)
    return JSONResponse({"message": rapport.message, "lignes": rapport.nb_lignes, "actions": rapport.actions})


@routeur.get("/habilitations/audit", summary="Journal d'audit des habilitations (qui a modifié quoi, quand)")
def audit(requete: Request) -> list[dict[str, Any]]:
    _auteur()
    return [vue_audit(e) for e in _bac(requete).lire(u.journal_audit)]
