"""Security of the sandbox's routes: **every route of the application** (introspected from
``app.routes``, so routes added later are covered), called without a session, with a forged
token, with an expired token, with a session cookie but no CSRF token, and as each role of
another périmètre, is refused; the campaign's national user is not.

Périmètre A is the programme 0150 (objects of the ``mini`` dataset: EJ, TF, DP on the UO DR75, and a
demande and an arrêté de report of 0150 written by :func:`campagne_a`);
the other périmètre B is the programme 0217, one seeded user per role (tests/donnees/utilisateurs.yaml).
The number of (route, case) checks is printed (``-s``) and asserted.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fastapi.routing
import pytest

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application
from chorus_sandbox.web.securite import COOKIE_SESSION, Securite, est_public

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

DR75, EJ_A, TF_A, DP_A = "BG00/0150-CSUP-DR75", "2103000001", "TF0150000001", "100000001"
DR_A, AR_A = "DR2025000001", "AR2025000001"  # demande and arrêté de report of 0150 (campagne_a)
#: What must never appear in an answer to a user of périmètre B (objects of périmètre A): codes and
#: numbers, and labels that only the data hold.
MARQUES_A = (DR75, EJ_A, "2103000002", TF_A, DP_A, DR_A, AR_A)
LIBELLES_A = ("UO Île-de-France", "Maintenance des bâtiments", "Travaux campus, lot 1", "Rénovation du campus",
              "Report de l'AENE du campus")
_EXEMPLES = re.compile(r'<small[^>]*class="aide"[^>]*>.*?</small>|<table>\s*<caption>Format du fichier</caption>.*?</table>'
                       r'|placeholder=\\?"[^"\\]*\\?"',  # input examples, also in the Fiori apps' bundled views
                       re.DOTALL)


def _sans_exemples(texte: str) -> str:
    """A screen without its input examples (« ex. BG00/0150-CSUP-DR75 », in help texts and placeholders),
    which name no real object."""
    return _EXEMPLES.sub("", texte)
ROLES_B = {"administrateur": "admin.0217", "RPROG": "rprog.0217", "RBOP": "rbop.0217", "RUO": "ruo.aspr",
           "gestionnaire": "gestionnaire.aspr", "controleur": "controleur.0217", "lecteur": "lecteur.0217"}
SURES = {"GET", "HEAD", "OPTIONS"}
POSTE_A = {"montant": "1.00", "domaine_fonctionnel": "0150-01-02", "activite": "BG00/015001010101"}

#: JSON bodies aimed at périmètre A, for the API routes; a route missing here gets a generic body
#: (then refused by validation if not by the périmètre: never accepted).
CORPS_API: dict[str, dict[str, Any]] = {
    "/api/lois-de-finances": {"identifiant": "LFR A", "taux_reserve_t2": "0", "taux_reserve_hors_t2": "0",
                              "lignes": [{"programme": "0150", "titre": "3", "ae": "1.00", "cp": "1.00"}]},
    "/api/mises-a-disposition": {"source": "0150", "destination": "0150-CSUP", "titre": "3", "ae": "1.00", "cp": "1.00"},
    "/api/tranches-fonctionnelles": {"uo": DR75, "titre": "5", "libelle": "Intrusion", "ae": "1.00"},
    "/api/tranches-fonctionnelles/{numero}/affectations": {"ae": "1.00"},
    "/api/tranches-fonctionnelles/{numero}/retraits": {"ae": "1.00"},
    "/api/engagements": {"uo": DR75, "titre": "3", "fournisseur": "1000012345", "postes": [POSTE_A]},
    "/api/engagements/{numero}/augmentations": {"poste": 1, "montant": "1.00"},
    "/api/engagements/{numero}/reductions": {"poste": 1, "montant": "1.00"},
    "/api/engagements/{numero}/services-faits": {"poste": 1, "montant": "1.00"},
    "/api/demandes-paiement": {"engagement": EJ_A, "poste": 1, "montant": "1.00"},
    "/api/regulation/lois-rectificatives": {"identifiant": "LFR A", "lignes": [
        {"programme": "0150", "titre": "3", "ae": "1.00", "cp": "1.00"}]},
    "/api/regulation/virements": {"source": "0150", "destination": "0217", "titre": "3", "ae": "1.00", "cp": "1.00"},
    "/api/regulation/transferts": {"source": "0150", "destination": "0217", "titre": "3", "ae": "1.00", "cp": "1.00"},
    "/api/regulation/fongibilite": {"programme": "0150", "titre_source": "2", "titre_destination": "3",
                                    "ae": "1.00", "cp": "1.00"},
    "/api/regulation/fonds-de-concours": {"programme": "0150", "titre": "3", "montant": "1.00"},
    "/api/utilisateurs/{identifiant}/roles": {"role": "RUO", "perimetre": DR75},
    "/api/utilisateurs/{identifiant}/roles/retrait": {"role": "RUO", "perimetre": DR75},
    "/api/reports/cloture": {"exercice": 2026},
    "/api/reports/plafonds": {"programme": "0150", "taux": "10"},
    "/api/reports/demandes": {"programme": "0150", "lignes": [{"titre": "5", "nature": "AENE", "ae": "1.00"}]},
    "/api/reports/demandes/{numero}/avis": {"avis": "favorable"},
    "/api/reports/arretes": {"demandes": [DR_A]},
    "/api/marches": {"nature": "accord-cadre", "objet": "Intrusion", "titulaire": "1000012345", "uo": DR75,
                     "date_debut": "2026-01-01", "date_fin": "2026-12-31", "montant_maximum": "1.00"},
}
for _chemin in ("degel", "surgel", "annulation-reserve"):
    CORPS_API[f"/api/regulation/{_chemin}"] = {"programme": "0150", "titre": "3", "ae": "1.00", "cp": "1.00"}
#: Form fields aimed at périmètre A, sent to every screen's POST (extra fields are ignored).
FORMULAIRE_A = {"uo": DR75, "titre": "3", "fournisseur": "1000012345", "objet": "Intrusion", "montant": "1,00",
                "domaine_fonctionnel": "0150-01-02", "activite": "BG00/015001010101", "poste": "1", "ae": "1,00",
                "cp": "1,00", "source": "0150", "destination": "0150-CSUP", "programme": "0150", "libelle": "Intrusion",
                "titre_source": "2", "titre_destination": "3", "role": "RUO", "perimetre": DR75, "identifiant": "x.y.z",
                "nom": "Intrus", "identifiant_loi": "LFR A", "reference": "A", "taux_t2": "0", "taux_hors_t2": "0",
                "plafond_programme": "0150", "taux": "10", "avis": "favorable", "numero": AR_A, "demandes": DR_A,
                "nature": "accord-cadre", "titulaire": "1000012345", "date_debut": "01/01/2026",
                "date_fin": "31/12/2026", "montant_maximum": "1,00"}
#: Files of the upload screens, aimed at périmètre A (a loi de finances, a bulk update).
FICHIERS_A = {"habilitations": f"action;identifiant;nom;role;perimetre\nattribuer;ruo.dr75;;gestionnaire;{DR75}\n",
              "paye": (f"00;PAY-MESR-202603-99;202603;MESR;DGFIP PAY\n10;{DR75};0150-01-01;015001010101;21;PCE/6411100000;"
                       "1,00;0\n99;1;1,00\n"),
              "": "programme;titre;ae;cp;etpt\n0150;3;1.00;1.00;0\n"}
#: Deposits of a payroll flow: the file is A's; a user of B allowed to deposit gets a compte rendu
#: rejecting the whole flow for its périmètre (the contract: 201 and its compte rendu), never an
#: integration; a role that may not deposit gets 403.
DEPOTS_DE_FLUX = {("POST", "/api/interfaces/paye"), ("POST", "/paye")}
REJET_HORS_PERIMETRE = "est hors de vos périmètres ; le flux n'est pas intégré"
#: Values by field name, for the JSON body of a route this module does not know (from its OpenAPI schema).
VALEURS_A: dict[str, Any] = {"uo": DR75, "centre_financier": DR75, "programme": "0150", "source": "0150",
                             "destination": "0150-CSUP", "bop": "0150-CSUP", "titre": "3", "titre_source": "2",
                             "titre_destination": "3", "engagement": EJ_A, "numero": EJ_A, "perimetre": DR75,
                             "role": "RUO", "identifiant": "x.y.z", "exercice": 2026, "poste": 1}
#: Screens' modules whose POST routes must answer 403 exactly (the others: anything but an acceptance).
MODULES_CONNUS = ("chorus_sandbox.web.api", "chorus_sandbox.web.api_regulation", "chorus_sandbox.web.ui",
                  "chorus_sandbox.web.ui_regulation", "chorus_sandbox.web.ui_restitutions",
                  "chorus_sandbox.web.api_habilitations", "chorus_sandbox.web.ui_habilitations",
                  "chorus_sandbox.web.api_restitutions", "chorus_sandbox.web.api_reports",
                  "chorus_sandbox.web.ui_reports", "chorus_sandbox.web.api_marches", "chorus_sandbox.web.ui_marches")
#: Changes refused with a 422 rather than a 403, and the words that show it is the périmètre.
REFUS_422 = {
    # the bulk import: the line naming A is rejected in the report, nothing applied
    ("POST", "/api/habilitations/import"): "hors de votre périmètre d'administration",
    ("POST", "/habilitations/import"): "hors de votre périmètre d'administration",
    # the programmes of the file are read in the user's référentiel: 0150 is unknown to a user of B
    ("POST", "/lois-de-finances"): "programme inconnu du référentiel : 0150",
    ("POST", "/regulation/lois-rectificatives"): "programme inconnu du référentiel : 0150",
}
#: Routes that touch no périmètre, where a user of B may legitimately succeed (why, in the value).
SANS_PERIMETRE = {
    ("POST", "/api/deconnexion"): "fermer sa propre session",
    ("POST", "/deconnexion"): "fermer sa propre session",
    ("POST", "/api/utilisateurs"): "créer un utilisateur sans rôle (l'administrateur de B)",
    ("POST", "/utilisateurs"): "créer un utilisateur sans rôle (l'administrateur de B)",
}


@dataclass(frozen=True)
class Appel:
    methode: str
    modele: str  # the route's path with its parameters, e.g. /api/engagements/{numero}
    url: str  # the path with périmètre A's objects in it
    module: str = ""  # where its endpoint is written
    corps: Any = None  # the JSON body of an API change (None: no body)

    @property
    def api(self) -> bool:
        return self.modele.startswith("/api")

    @property
    def objet_a(self) -> bool:
        """The URL itself names an object of périmètre A."""
        return any(marque in self.url for marque in MARQUES_A)


def _valeur(modele: str, parametre: str) -> str:
    """An object of périmètre A for a path parameter (by name and by where it sits in the path)."""
    if parametre == "numero":
        for morceau, valeur in (("engagements", EJ_A), ("tranches", TF_A), ("demandes-paiement", DP_A),
                                ("reports/demandes", DR_A), ("reports/arretes", AR_A)):
            if morceau in modele:
                return valeur
    return {"code": "INF-BUD-53" if "restitutions" in modele else DR75, "niveau": "uo", "nom": "mini",
            "section": "uos", "identifiant": "ruo.dr75", "exercice": "2025", "programme": "0150"}.get(parametre, "inconnu")


def _exemple(schema: dict[str, Any], composants: dict[str, Any], nom: str) -> Any:
    """A value of périmètre A for one field of an OpenAPI schema."""
    while "$ref" in schema or "anyOf" in schema:
        schema = composants[schema["$ref"].rsplit("/", 1)[-1]] if "$ref" in schema else \
            next(s for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return schema["enum"][0]
    genre = schema.get("type")
    if genre == "object":
        return {cle: _exemple(sous, composants, cle) for cle, sous in schema.get("properties", {}).items()
                if cle in schema.get("required", [])}
    if genre == "array":
        return [_exemple(schema.get("items", {}), composants, nom)]
    if genre in ("integer", "number"):
        return VALEURS_A.get(nom, 1)
    return VALEURS_A.get(nom, "1.00" if nom in ("ae", "cp", "montant") else "A")


def _corps(document: dict[str, Any], modele: str, methode: str) -> Any:
    """The JSON body of an API change: ours for the known routes, else built from its schema."""
    if modele in CORPS_API:
        return CORPS_API[modele]
    operation = document["paths"].get(modele, {}).get(methode.lower(), {})
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    return _exemple(schema, document["components"]["schemas"], "") if schema else None


def appels(application: Any) -> list[Appel]:
    """Every (method, route) of the application, as registered (including the included routers)."""
    document, trouves = application.openapi(), []
    for contexte in fastapi.routing.iter_route_contexts(application.routes):
        modele, methodes = contexte.path, contexte.methods
        if not modele or not methodes:
            continue  # a mount (/static): public files
        if modele.startswith("/biprws/"):
            continue  # its own authentication (X-SAP-LogonToken, BO's errors): tests/test_bo_biprws.py
        modele = re.sub(r"\{(\w+):\w+\}", r"{\1}", modele)
        url = re.sub(r"\{(\w+)\}", lambda m, modele=modele: _valeur(modele, m[1]), modele)
        module = getattr(contexte.endpoint, "__module__", "")
        trouves += [Appel(methode, modele, url, module, _corps(document, modele, methode) if methode not in SURES
                          else None) for methode in sorted(methodes - {"HEAD"})]
    return trouves


def envoyer(client: TestClient, appel: Appel, **options: Any) -> Any:
    if appel.methode in SURES:
        return client.request(appel.methode, appel.url, follow_redirects=False, **options)
    fichier = FICHIERS_A[next((cle for cle in ("habilitations", "paye") if cle in appel.modele), "")]
    if (appel.methode, appel.modele) in DEPOTS_DE_FLUX:  # a multipart file; the screen's compte rendu followed
        reponse = client.request(appel.methode, appel.url, files={"fichier": ("paye.txt", fichier, "text/plain")},
                                 follow_redirects=False, **options)
        suite = reponse.headers.get("location", "")
        return client.get(suite, follow_redirects=False, **options) if suite.startswith("/paye/depots/") else reponse
    if appel.modele == "/api/habilitations/import":  # the body is the CSV file itself
        return client.request(appel.methode, appel.url, content=fichier.encode(), follow_redirects=False,
                              **{**options, "headers": {**options.get("headers", {}), "Content-Type": "text/csv"}})
    if appel.api:
        return client.request(appel.methode, appel.url, json=appel.corps, follow_redirects=False, **options)
    return client.request(appel.methode, appel.url, data=FORMULAIRE_A, files={"fichier": ("a.csv", fichier, "text/csv")},
                          follow_redirects=False, **options)


# --- Fixtures ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bac(dossier_donnees: Path) -> Iterator[Bac]:
    bac = Bac(jeu="mini", fixtures=dossier_donnees)
    yield bac
    bac.fermer()


@pytest.fixture(scope="module")
def application(bac: Bac) -> Any:
    return creer_application(bac)


@pytest.fixture(scope="module")
def client(application: Any) -> Iterator[TestClient]:
    with TestClient(application, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def connexions(client: TestClient) -> dict[str, dict[str, str]]:
    """Token and session cookie of the national user and of each role of périmètre B."""
    sessions = {}
    for identifiant in ("recette.nationale", *ROLES_B.values()):
        reponse = client.post("/api/connexion", json={"identifiant": identifiant,
                                                      "mot_de_passe": os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"]})
        assert reponse.status_code == 200, reponse.text
        sessions[identifiant] = {"jeton": reponse.json()["jeton"], "cookie": reponse.cookies[COOKIE_SESSION]}
    client.cookies.clear()
    return sessions


@pytest.fixture
def campagne_a(bac: Bac) -> None:
    """A demande and an arrêté de report of 0150, written straight into the store (the ``mini``
    dataset has no closed exercice to run a campaign on); again after each reset of the sandbox."""
    with bac.stockage.transaction() as depot:
        if depot.trouver(m.DemandeReport, DR_A) is not None:
            return
        jour, detail = dt.date(2026, 1, 15), LIBELLES_A[-1]
        depot.ajouter(m.DemandeReport(DR_A, 2025, "0150", "rprog.0150", jour, "Arrêtée", "favorable", arrete=AR_A,
                                      lignes=[m.LigneDemandeReport("5", "AENE", 100, 0)]))
        depot.ajouter(m.ArreteReport(AR_A, 2025, jour, "recette.nationale", lignes=[
            m.LigneArreteReport(DR_A, "0150", "5", "AENE", 100, 0, 100, 0, 100, 0)]))
        for objet in (DR_A, AR_A):
            depot.ajouter(m.EtapeReport(objet, dt.datetime(2026, 1, 15, 9), "recette.nationale", "Arrêté de report",
                                        "Signé", detail))


@pytest.fixture(scope="module")
def routes(application: Any) -> list[Appel]:
    liste = appels(application)
    assert len(liste) >= 80, [a.modele for a in liste]  # API, screens, docs: the whole application
    return liste


COMPTE: dict[str, int] = {}
NON_APPROFONDIS: set[str] = set()  # changes of other modules refused before reaching the périmètre check


def compter(cas: str, nombre: int) -> None:
    COMPTE[cas] = COMPTE.get(cas, 0) + nombre


def _refus_authentification(reponse: Any, appel: Appel, message: str) -> str | None:
    """None when the answer is the expected 401 (API) / login redirect (screens), else what went wrong."""
    if appel.api:
        if reponse.status_code != 401 or reponse.json().get("message") != message:
            return f"{reponse.status_code} {reponse.text[:120]}"
        return None
    if reponse.status_code != 303 or not reponse.headers["location"].startswith("/connexion"):
        return f"{reponse.status_code} {reponse.headers.get('location')}"
    return None


# --- Without a session, with a forged or expired token ---------------------------------------------
def test_sans_session_chaque_route_est_refusee(client: TestClient, routes: list[Appel]) -> None:
    client.cookies.clear()
    protegees = [a for a in routes if not est_public(a.modele)]
    ecarts = {f"{a.methode} {a.url}": e for a in protegees
              if (e := _refus_authentification(envoyer(client, a), a, "Authentification requise : connectez-vous "
                                               "(POST /api/connexion) et envoyez le jeton (Authorization: Bearer …)"))}
    assert ecarts == {}
    publiques = sorted({a.modele for a in routes if est_public(a.modele)})
    assert publiques == ["/api/connexion", "/api/sante", "/connexion", "/favicon.ico", "/fiori/resources/{chemin}"]
    compter("sans session", len(protegees))


def test_un_jeton_forge_est_refuse_partout(client: TestClient, routes: list[Appel]) -> None:
    forge = Securite().emettre_jeton("recette.nationale")  # signed with another key
    bricole = forge[:-3] + ("AAA" if not forge.endswith("AAA") else "BBB")
    for jeton in (forge, bricole, "pas-un-jeton"):
        for appel in (a for a in routes if not est_public(a.modele)):
            reponse = envoyer(client, appel, headers={"Authorization": f"Bearer {jeton}"})
            assert reponse.status_code == 401, (appel, reponse.text[:200])
            assert "Jeton invalide : reconnectez-vous" in reponse.text, (appel, reponse.text[:200])
    compter("jeton forgé", 3 * len([a for a in routes if not est_public(a.modele)]))


def test_un_jeton_expire_est_refuse_partout(client: TestClient, application: Any, routes: list[Appel]) -> None:
    ancien = Securite(application.state.securite.cle, horloge=lambda: time.time() - 8 * 3600 - 5)
    jeton, (cookie, _csrf) = ancien.emettre_jeton("recette.nationale"), ancien.emettre_session("recette.nationale")
    for appel in (a for a in routes if not est_public(a.modele)):
        reponse = envoyer(client, appel, headers={"Authorization": f"Bearer {jeton}"})
        assert (reponse.status_code, "Jeton expiré : reconnectez-vous" in reponse.text) == (401, True), appel
        client.cookies.set(COOKIE_SESSION, cookie)
        par_cookie = envoyer(client, appel)
        client.cookies.clear()
        assert _refus_authentification(par_cookie, appel, "Session expirée : reconnectez-vous") is None, appel
        if not appel.api and appel.methode in SURES:
            assert par_cookie.headers["location"].endswith("&motif=expiree")
    compter("jeton ou session expirés", 2 * len([a for a in routes if not est_public(a.modele)]))


# --- CSRF ------------------------------------------------------------------------------------------
def test_sans_jeton_csrf_toute_modification_par_cookie_est_refusee(client: TestClient, routes: list[Appel],
                                                                  connexions: dict[str, dict[str, str]]) -> None:
    modifications = [a for a in routes if a.methode not in SURES and not est_public(a.modele)]
    for jeton_csrf in (None, "un-autre-jeton"):
        entetes = {"X-CSRF-Token": jeton_csrf} if jeton_csrf else {}
        for appel in modifications:
            client.cookies.set(COOKIE_SESSION, connexions["recette.nationale"]["cookie"])
            reponse = envoyer(client, appel, headers=entetes)
            client.cookies.clear()
            assert reponse.status_code == 403, (appel, reponse.status_code)
            assert "jeton CSRF absent ou invalide" in reponse.text, appel
    connexion = client.post("/connexion", data={"identifiant": "recette.nationale", "mot_de_passe": "x"},
                            follow_redirects=False)
    assert connexion.status_code == 403 and "jeton CSRF absent ou invalide" in connexion.text
    formulaire = client.post("/api/connexion", data={"identifiant": "recette.nationale",
                                                     "mot_de_passe": os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"]})
    assert formulaire.status_code == 422 and COOKIE_SESSION not in formulaire.cookies  # JSON only: no form login
    compter("sans jeton CSRF", 2 * len(modifications) + 2)


def test_le_jeton_csrf_de_la_session_est_accepte(client: TestClient, connexions: dict[str, dict[str, str]]) -> None:
    """The control: with the token the layout gives, the same cookie request passes."""
    client.cookies.set(COOKIE_SESSION, connexions["recette.nationale"]["cookie"])
    page = client.get("/")
    jeton = re.search(r'<meta name="csrf-jeton" content="([^"]+)"', page.text)
    assert jeton, "la mise en page ne donne pas le jeton CSRF"
    assert '<script src="/static/csrf.js"></script>' in page.text
    reponse = client.post("/api/reinitialisation", headers={"X-CSRF-Token": jeton[1]})
    formulaire = client.post("/deconnexion", data={"csrf_jeton": jeton[1]}, follow_redirects=False)
    client.cookies.clear()
    assert reponse.status_code == 200 and formulaire.status_code == 303


# --- The login form's token and the requests a browser makes on its own ------------------------------
#: Headers of requests Chromium makes by itself: the favicon, an image, a script.
AUTOMATIQUES = ({"Sec-Fetch-Dest": "image", "Accept": "image/avif,image/webp,image/apng,image/*,*/*;q=0.8"},
                {"Accept": "image/avif,image/webp,image/*,*/*;q=0.8"}, {"Sec-Fetch-Dest": "script"})


def jeton_du_formulaire(reponse: Any) -> str:
    trouve = re.search(r'name="csrf_jeton" value="([^"]+)"', reponse.text)
    assert trouve, "pas de jeton dans le formulaire de connexion"
    return trouve[1]


def test_le_favicon_est_public_et_ne_pose_aucun_cookie(client: TestClient) -> None:
    client.cookies.clear()
    reponse = client.get("/favicon.ico", headers=AUTOMATIQUES[0])
    assert (reponse.status_code, reponse.headers["content-type"]) == (200, "image/x-icon")
    assert reponse.content[:4] == b"\x00\x00\x01\x00" and "set-cookie" not in reponse.headers


@pytest.mark.parametrize("entetes", AUTOMATIQUES)
def test_une_requete_automatique_sans_session_n_est_pas_redirigee(client: TestClient, entetes: dict[str, str]) -> None:
    client.cookies.clear()
    for chemin in ("/apple-touch-icon.png", "/engagements", "/situation?exercice=2026"):
        reponse = client.get(chemin, headers=entetes, follow_redirects=False)
        assert (reponse.status_code, reponse.text) == (401, "Authentification requise"), chemin
        assert "set-cookie" not in reponse.headers and "location" not in reponse.headers


@pytest.mark.parametrize("entetes", [{}, {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
                                     {"Sec-Fetch-Dest": "document", "Accept": "text/html"}])
def test_une_page_demandee_sans_session_mene_toujours_a_la_connexion(client: TestClient,
                                                                     entetes: dict[str, str]) -> None:
    client.cookies.clear()
    reponse = client.get("/engagements", headers=entetes, follow_redirects=False)
    assert (reponse.status_code, reponse.headers["location"]) == (303, "/connexion?suite=/engagements")


def test_le_jeton_de_connexion_survit_a_une_seconde_page_de_connexion(client: TestClient) -> None:
    client.cookies.clear()
    premier = jeton_du_formulaire(client.get("/connexion"))
    client.get("/favicon.ico", headers=AUTOMATIQUES[0])
    client.get("/engagements", headers=AUTOMATIQUES[1])
    second = jeton_du_formulaire(client.get("/connexion?suite=/engagements"))
    reponse = client.post("/connexion", data={"identifiant": "recette.nationale", "csrf_jeton": premier,
                                              "mot_de_passe": os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"]},
                          follow_redirects=False)
    client.cookies.clear()
    assert second == premier and (reponse.status_code, reponse.headers["location"]) == (303, "/")


@pytest.mark.parametrize("jeton", ["choisi-par-l-attaquant", Securite().emettre_jeton_connexion()])
def test_un_jeton_de_connexion_non_signe_par_l_application_est_refuse_et_remplace(client: TestClient,
                                                                                   jeton: str) -> None:
    """Double submit is not enough: a cookie the application did not sign (planted by another site,
    or signed with another key) is refused, and the login page gives a token of its own."""
    client.cookies.clear()
    client.cookies.set("chorus_connexion", jeton, path="/connexion")
    reponse = client.post("/connexion", data={"identifiant": "recette.nationale", "csrf_jeton": jeton,
                                              "mot_de_passe": os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"]},
                          follow_redirects=False)
    assert reponse.status_code == 403 and "jeton CSRF absent ou invalide" in reponse.text
    assert COOKIE_SESSION not in reponse.cookies
    assert jeton_du_formulaire(reponse) != jeton
    client.cookies.clear()


def test_un_jeton_de_connexion_perime_est_remplace(application: Any) -> None:
    maintenant = [time.time()]
    securite = Securite(application.state.securite.cle, horloge=lambda: maintenant[0])
    jeton = securite.emettre_jeton_connexion()
    assert securite.jeton_connexion_valide(jeton)
    maintenant[0] += securite.duree + 1
    assert not securite.jeton_connexion_valide(jeton) and not securite.jeton_connexion_valide("")


# --- Another périmètre's session -------------------------------------------------------------------
def _ecart_autre_perimetre(reponse: Any, appel: Appel) -> str | None:
    """None when a user of périmètre B got nothing of A (refused, or a list without A)."""
    statut, texte = reponse.status_code, reponse.text
    if statut >= 500:
        return f"erreur serveur {statut}"
    if appel.methode not in SURES:
        if (appel.methode, appel.modele) in SANS_PERIMETRE or (statut == 403 and "Accès refusé" in texte):
            return None
        if (appel.methode, appel.modele) in DEPOTS_DE_FLUX:
            rejete = statut in (200, 201) and REJET_HORS_PERIMETRE in html.unescape(texte) and "intégré partiellement" \
                not in texte
            return None if rejete else f"dépôt d'un flux de A sans rejet pour le périmètre ({statut})"
        attendu = REFUS_422.get((appel.methode, appel.modele))
        if statut == 422 and attendu and attendu in html.unescape(texte):
            return None
        if appel.module in MODULES_CONNUS:
            return f"{statut} au lieu du refus 403"
        NON_APPROFONDIS.add(f"{appel.methode} {appel.modele}")
        return None if 400 <= statut < 500 else f"modification acceptée ({statut})"
    if appel.objet_a:
        return None if statut == 403 and "Accès refusé" in texte else f"objet de A lu ({statut})"
    fuites = [marque for marque in (*MARQUES_A, *LIBELLES_A) if marque in _sans_exemples(texte)]
    return f"{statut} : objets de A visibles {fuites}" if statut < 400 and fuites else None


def _sans_depots_rejetes(journal: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The journal without the rejected deposits of a flow: B's attempt is traced (who tried to
    deposit A's payroll), and it changed nothing of A."""
    return [x for x in journal if not (x["operation"] == "Intégration d'un flux de paye"
                                       and str(x["detail"]).startswith("rejeté"))]


@pytest.mark.parametrize("role", list(ROLES_B))
def test_la_session_d_un_autre_perimetre_ne_lit_ni_ne_modifie_rien(client: TestClient, bac: Bac, role: str,
                                                                  routes: list[Appel], campagne_a: None,
                                                                  connexions: dict[str, dict[str, str]]) -> None:
    jeton = connexions[ROLES_B[role]]["jeton"]
    avant = client.get("/api/journal", headers={"Authorization": f"Bearer {connexions['recette.nationale']['jeton']}"})
    ecarts = {}
    for appel in (a for a in routes if not est_public(a.modele) and a.modele not in ("/api/jeux/{nom}",)):
        reponse = envoyer(client, appel, headers={"Authorization": f"Bearer {jeton}"})
        if (ecart := _ecart_autre_perimetre(reponse, appel)) is not None:
            ecarts[f"{appel.methode} {appel.url}"] = f"{ecart} — {reponse.text[:160]}"
    assert ecarts == {}
    apres = client.get("/api/journal", headers={"Authorization": f"Bearer {connexions['recette.nationale']['jeton']}"})
    assert _sans_depots_rejetes(apres.json()) == avant.json(), "une opération de B a modifié les données de A"
    chargement = client.post("/api/jeux/mini", headers={"Authorization": f"Bearer {jeton}"})
    assert chargement.status_code == 403, chargement.text  # loading a dataset: national administrators only
    bac.reinitialiser()
    compter(f"autre périmètre ({role})", len(routes) - 2)


@pytest.mark.parametrize(("role", "appel", "message"), [
    ("RUO", ("POST", f"/api/engagements/{EJ_A}/augmentations", {"poste": 1, "montant": "1.00"}),
     (f"Accès refusé : l'engagement juridique {EJ_A} est hors de votre périmètre pour engager, augmenter, réduire ou "
     "retirer un engagement juridique")),
    ("gestionnaire", ("POST", f"/api/demandes-paiement/{DP_A}/paiement", None),
     f"Accès refusé : la demande de paiement {DP_A} est hors de votre périmètre pour payer une demande de paiement"),
    ("RPROG", ("POST", "/api/mises-a-disposition", CORPS_API["/api/mises-a-disposition"]),
     "Accès refusé : le programme 0150 est hors de votre périmètre pour mettre des crédits à disposition"),
    ("administrateur", ("POST", "/api/regulation/virements", CORPS_API["/api/regulation/virements"]),
     "Accès refusé : le programme 0150 est hors de votre périmètre pour réguler les crédits en gestion"),
    ("administrateur", ("POST", "/api/utilisateurs/ruo.dr75/suspension", None),
     (f"Accès refusé : l'UO {DR75} (rôle RUO de ruo.dr75) est hors de votre périmètre pour paramétrer les "
     "utilisateurs et leurs rôles-territoires")),
    ("lecteur", ("GET", f"/api/tranches-fonctionnelles/{TF_A}", None),
     f"Accès refusé : la tranche fonctionnelle {TF_A} est hors de votre périmètre"),
    ("controleur", ("GET", f"/api/situation/uo/{DR75}", None), f"Accès refusé : l'UO {DR75} est hors de votre périmètre"),
    ("administrateur", ("POST", "/api/reinitialisation", None),
     ("Accès refusé : le périmètre national est hors de votre périmètre pour administrer le bac à sable (jeux de "
     "données, réinitialisation)")),
    ("RPROG", ("POST", "/api/reports/demandes", CORPS_API["/api/reports/demandes"]),
     "Accès refusé : le programme 0150 est hors de votre périmètre pour demander un report de crédits"),
    ("controleur", ("POST", f"/api/reports/demandes/{DR_A}/avis", {"avis": "favorable"}),
     (f"Accès refusé : la demande de report {DR_A} est hors de votre périmètre pour émettre un avis de contrôle "
      "budgétaire")),
    ("administrateur", ("POST", "/api/reports/arretes", CORPS_API["/api/reports/arretes"]),
     "Accès refusé : le périmètre national est hors de votre périmètre pour prendre un arrêté de report"),
    ("RPROG", ("POST", "/api/reports/cloture", CORPS_API["/api/reports/cloture"]),
     "Accès refusé : aucun de vos rôles ne permet de clôturer l'exercice"),
    ("lecteur", ("GET", f"/api/reports/arretes/{AR_A}", None),
     f"Accès refusé : l'arrêté de report {AR_A} est hors de votre périmètre"),
])
def test_les_refus_nomment_l_objet_et_l_operation(client: TestClient, connexions: dict[str, dict[str, str]], role: str,
                                                 appel: tuple[str, str, Any], message: str, campagne_a: None) -> None:
    methode, url, corps = appel
    reponse = client.request(methode, url, json=corps, headers={"Authorization": f"Bearer {connexions[ROLES_B[role]]['jeton']}"})
    assert (reponse.status_code, reponse.json()) == (403, {"erreur": "AccesRefuse", "message": message})


# --- The control: the national user is not refused ------------------------------------------------
def test_l_utilisateur_national_lit_chaque_route(client: TestClient, routes: list[Appel], campagne_a: None,
                                                 connexions: dict[str, dict[str, str]]) -> None:
    jeton = connexions["recette.nationale"]["jeton"]
    lectures = [a for a in routes if a.methode in SURES and not est_public(a.modele)]
    refus = {}
    for appel in lectures:
        reponse = envoyer(client, appel, headers={"Authorization": f"Bearer {jeton}"})
        if reponse.status_code in (401, 403) or reponse.status_code >= 500:
            refus[appel.url] = reponse.status_code
    assert refus == {}
    compter("contrôle national", len(lectures))


def test_bilan_des_verifications(capsys: pytest.CaptureFixture[str]) -> None:
    """The figure of the note: routes × cases checked (runs last in this module)."""
    total = sum(COMPTE.values())
    with capsys.disabled():
        print(f"\nSécurité : {total} vérifications route × cas — " + ", ".join(f"{k} {v}" for k, v in COMPTE.items()))
        if NON_APPROFONDIS:
            print("Refusées avant le contrôle du périmètre (corps à préciser dans CORPS_API) : "
                  + ", ".join(sorted(NON_APPROFONDIS)))
    assert total >= 1000 and len([k for k in COMPTE if k.startswith("autre périmètre")]) == len(ROLES_B)
