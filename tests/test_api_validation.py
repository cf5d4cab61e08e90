"""Every POST route of the JSON API against bad input: always a 4xx (never a 500) with a French
``message``, and the database exactly as it was (situations, EJ, DP, TF, MAD, lois, journal).

The matrix: for each route, a valid body (checked to be accepted: the mutations are not vacuous),
then mutations of it: amounts (negative, zero, more than two decimals as text and as JSON float,
malformed, huge, null, boolean, list), missing fields one by one, an unknown extra field, wrong
types (integer for a code, string for a list…), unknown codes, invalid JSON, empty body, non-object body.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient  # (its warning about httpx2 is silenced in conftest)

from chorus_sandbox.service import Bac
from chorus_sandbox.web import api, api_marches
from chorus_sandbox.web.app import creer_application

DR75 = "BG00/0150-CSUP-DR75"
POSTE = {"montant": "100.00", "domaine_fonctionnel": "0150-01-02", "activite": "BG00/015001010101"}
MARQUEURS_ANGLAIS = ("Field required", "Input should", "Traceback", "Exception", "error", "Exceeds", "parsing",
                     "value is not", "Internal Server Error", "Not Found")



@dataclass
class Route:
    url: str
    corps: dict[str, Any]
    montants: list[tuple[Any, ...]]  # paths of the amount fields inside the body
    obligatoires: list[str]
    textes: list[tuple[Any, ...]] = field(default_factory=list)  # code/text fields (wrong type: integer)
    listes: list[str] = field(default_factory=list)
    negatif: str = "doit être strictement positif"
    zero: str | None = "doit être strictement positif"
    preparation: Callable[[TestClient], None] | None = None
    client: str = "client"
    inconnus: list[tuple[tuple[Any, ...], Any, int, str]] = field(default_factory=list)
    nul_accepte: bool = False  # its amount is optional: null is a valid value (a marché without maximum)


def _service_fait(client: TestClient) -> None:
    reponse = client.post("/api/engagements/2103000001/services-faits", json={"poste": 1, "montant": "1000.00"})
    assert reponse.status_code == 201, reponse.text


ROUTES: dict[str, Route] = {
    "lois-de-finances": Route(
        "/api/lois-de-finances",
        {"identifiant": "LFI 2026", "nature": "LFI", "taux_reserve_t2": "0.5", "taux_reserve_hors_t2": "5",
         "lignes": [{"programme": "0150", "titre": "3", "ae": "1000.00", "cp": "800.00", "etpt": 0}]},
        montants=[("lignes", 0, "ae"), ("lignes", 0, "cp")],
        obligatoires=["identifiant", "taux_reserve_t2", "taux_reserve_hors_t2", "lignes"],
        textes=[("lignes", 0, "programme"), ("lignes", 0, "titre"), ("identifiant",)],
        listes=["lignes"], negatif="négatif pour le programme 0150", zero=None, client="client_sans_lfi",
        inconnus=[(("lignes", 0, "programme"), "0999", 404, "Programme inconnu(e) : 0999"),
                  (("lignes", 0, "programme"), "150", 422, "Code programme invalide"),
                  (("lignes", 0, "titre"), "9", 422, "Titre invalide"),
                  (("nature",), "LFR", 422, "Nature de loi non prise en charge"),
                  (("taux_reserve_t2",), "100.5", 422, "valeur trop grande"),
                  (("taux_reserve_hors_t2",), "abc", 422, "nombre décimal attendu"),
                  (("lignes", 0, "etpt"), -1, 422, "valeur trop petite"),
                  (("identifiant",), "", 422, "texte vide"),
                  (("lignes",), [], 422, "ne contient aucune ligne")],
    ),
    "mises-a-disposition": Route(
        "/api/mises-a-disposition",
        {"source": "0150-CSUP", "destination": DR75, "titre": "3", "ae": "1000.00", "cp": "1000.00"},
        montants=[("ae",), ("cp",)], obligatoires=["source", "destination", "titre", "ae", "cp"],
        textes=[("source",), ("destination",), ("titre",)], negatif="ne peut pas être négatif", zero="non nul",
        inconnus=[(("source",), "0999", 404, "Programme ou BOP inconnu : 0999"),
                  (("destination",), "BG00/0150-CSUP-XXXX", 404, "UO inconnu(e) : BG00/0150-CSUP-XXXX"),
                  (("destination",), "BG00/0217-SGAC-ASPR", 409, "n'appartient pas au BOP 0150-CSUP"),
                  (("titre",), "9", 422, "Titre invalide"),
                  (("ae",), "300000.01", 409, ("Crédits insuffisants : 300\u00a0000,01\u00a0€ demandés, "
                   "300\u00a0000,00\u00a0€ disponibles en AE sur le BOP 0150-CSUP"))],
    ),
    "tranches-fonctionnelles": Route(
        "/api/tranches-fonctionnelles", {"uo": DR75, "titre": "5", "libelle": "Amphithéâtre", "ae": "1000.00"},
        montants=[("ae",)], obligatoires=["uo", "titre", "libelle", "ae"],
        textes=[("uo",), ("titre",), ("libelle",)],
        inconnus=[(("uo",), "BG00/0150-CSUP-XXXX", 404, "UO inconnu(e) : BG00/0150-CSUP-XXXX"),
                  (("libelle",), "", 422, "texte vide"),
                  (("libelle",), "   ", 422, "Le libellé de la tranche fonctionnelle est obligatoire"),
                  (("ae",), "300000.01", 409, ("Crédits insuffisants : 300\u00a0000,01\u00a0€ demandés, "
                   "300\u00a0000,00\u00a0€ disponibles en AE sur l'UO BG00/0150-CSUP-DR75"))],
    ),
    "affectations": Route(
        "/api/tranches-fonctionnelles/TF0150000001/affectations", {"ae": "1000.00"},
        montants=[("ae",)], obligatoires=["ae"],
        inconnus=[(("ae",), "300000.01", 409, "disponibles en AE sur l'UO BG00/0150-CSUP-DR75")],
    ),
    "retraits": Route(
        "/api/tranches-fonctionnelles/TF0150000001/retraits", {"ae": "1000.00"},
        montants=[("ae",)], obligatoires=["ae"],
        inconnus=[(("ae",), "200000.01", 409, ("disponibles en AE affectées non engagées sur la tranche "
                   "fonctionnelle TF0150000001"))],
    ),
    "engagements": Route(
        "/api/engagements",
        {"uo": DR75, "titre": "3", "fournisseur": "1000012345", "objet": "Maintenance", "postes": [dict(POSTE)]},
        montants=[("postes", 0, "montant")], obligatoires=["uo", "titre", "fournisseur", "postes"],
        textes=[("uo",), ("titre",), ("fournisseur",), ("objet",), ("tranche",), ("marche",),
                ("postes", 0, "domaine_fonctionnel"), ("postes", 0, "activite")],
        listes=["postes"],
        inconnus=[(("uo",), "BG00/0150-CSUP-XXXX", 404, "UO inconnu(e) : BG00/0150-CSUP-XXXX"),
                  (("fournisseur",), "9999999999", 404, "Fournisseur inconnu(e) : 9999999999"),
                  (("tranche",), "TF0150999999", 404, "Tranche fonctionnelle inconnu(e) : TF0150999999"),
                  (("marche",), "2026-0150-09999", 404, "Marché inconnu(e) : 2026-0150-09999"),
                  (("marche",), "x" * 21, 422, "texte trop long"),
                  (("tranche",), "TF0150000001", 409, "est ouverte sur l'UO BG00/0150-CSUP-DR75 en titre 5"),
                  (("postes", 0, "domaine_fonctionnel"), "0150-09-09", 404, "Domaine fonctionnel inconnu(e)"),
                  (("postes", 0, "domaine_fonctionnel"), "0217-07-05", 409, "hors du programme 0150"),
                  (("postes", 0, "domaine_fonctionnel"), "150-01", 422, "Code domaine fonctionnel invalide"),
                  (("postes", 0, "activite"), "BG00/015009090909", 404, "Activité inconnu(e)"),
                  (("titre",), "T9", 422, "Titre invalide"),
                  (("postes",), [], 422, "liste trop courte"),
                  (("postes",), ["x"], 422, "objet JSON attendu"),
                  (("objet",), "x" * 201, 422, "texte trop long"),
                  (("postes", 0, "montant"), "150000.01", 409,
                   ("Crédits insuffisants : 150\u00a0000,01\u00a0€ demandés, 150\u00a0000,00\u00a0€ disponibles en AE "
                   "sur l'UO BG00/0150-CSUP-DR75"))],
    ),
    "augmentations": Route(
        "/api/engagements/2103000001/augmentations", {"poste": 1, "montant": "100.00"},
        montants=[("montant",)], obligatoires=["poste", "montant"],
        inconnus=[(("poste",), 2, 404, "Poste 2 inconnu sur l'EJ 2103000001"),
                  (("poste",), 0, 422, "valeur trop petite"), (("poste",), 1000, 422, "valeur trop grande"),
                  (("poste",), "abc", 422, "nombre entier attendu"), (("poste",), 1.5, 422, "nombre entier attendu"),
                  (("montant",), "150000.01", 409, "Crédits insuffisants")],
    ),
    "reductions": Route(
        "/api/engagements/2103000001/reductions", {"poste": 1, "montant": "100.00"},
        montants=[("montant",)], obligatoires=["poste", "montant"],
        inconnus=[(("poste",), 2, 404, "Poste 2 inconnu sur l'EJ 2103000001"),
                  (("montant",), "30000.01", 409, "Réduction impossible : 30\u00a0000,01\u00a0€ demandés")],
    ),
    "services-faits": Route(
        "/api/engagements/2103000001/services-faits", {"poste": 1, "montant": "100.00"},
        montants=[("montant",)], obligatoires=["poste", "montant"],
        inconnus=[(("poste",), 2, 404, "Poste 2 inconnu sur l'EJ 2103000001"),
                  (("montant",), "30000.01", 409, "Service fait impossible")],
    ),
    "demandes-paiement": Route(
        "/api/demandes-paiement", {"engagement": "2103000001", "poste": 1, "montant": "100.00"},
        montants=[("montant",)], obligatoires=["engagement", "poste", "montant"], textes=[("engagement",)],
        preparation=_service_fait,
        inconnus=[(("engagement",), "2103999999", 404, "Engagement juridique inconnu(e) : 2103999999"),
                  (("poste",), 2, 404, "Poste 2 inconnu sur l'EJ 2103000001"),
                  (("montant",), "1000.01", 409, "de service fait non encore demandé")],
    ),
    "marches": Route(
        "/api/marches",
        {"nature": "accord-cadre", "objet": "Fournitures", "titulaire": "1000012345", "uo": DR75,
         "date_debut": "2026-01-01", "date_fin": "2026-12-31", "montant_maximum": "1000.00"},
        montants=[("montant_maximum",)], obligatoires=["nature", "objet", "titulaire", "uo", "date_debut", "date_fin"],
        textes=[("nature",), ("objet",), ("titulaire",), ("uo",)], nul_accepte=True,
        negatif="Le montant maximum doit être strictement positif", zero="Le montant maximum doit être strictement positif",
        inconnus=[(("uo",), "BG00/0150-CSUP-XXXX", 404, "UO inconnu(e) : BG00/0150-CSUP-XXXX"),
                  (("titulaire",), "9999999999", 404, "Fournisseur inconnu(e) : 9999999999"),
                  (("titulaire",), "12345", 422, "Code fournisseur invalide : « 12345 »"),
                  (("nature",), "concession", 422, "Nature du marché inconnue : « concession »"),
                  (("objet",), "", 422, "texte vide"),
                  (("objet",), "   ", 422, "L'objet du marché est obligatoire"),
                  (("date_fin",), "2025-12-31", 422, "La date de fin (31/12/2025) précède la date de début (01/01/2026)"),
                  (("date_debut",), "2026-02-30", 422, "« 2026-02-30 » n'est pas une date"),
                  (("date_debut",), 20260101, 422, "date attendue en texte"),
                  (("date_fin",), None, 422, "date attendue en texte"),
                  (("date_fin",), "３１/12/2026", 422, "n'est pas une date")],
    ),
}
URLS_INCONNUES = [  # unknown object in the path
    ("/api/tranches-fonctionnelles/TF0150999999/affectations", {"ae": "1.00"}, "Tranche fonctionnelle inconnu(e)"),
    ("/api/tranches-fonctionnelles/TF0150999999/retraits", {"ae": "1.00"}, "Tranche fonctionnelle inconnu(e)"),
    ("/api/engagements/2103999999/augmentations", {"poste": 1, "montant": "1.00"}, "Engagement juridique inconnu(e)"),
    ("/api/engagements/2103999999/reductions", {"poste": 1, "montant": "1.00"}, "Engagement juridique inconnu(e)"),
    ("/api/engagements/2103999999/services-faits", {"poste": 1, "montant": "1.00"}, "Engagement juridique inconnu(e)"),
    ("/api/engagements/abc/services-faits", {"poste": 1, "montant": "1.00"}, "Engagement juridique inconnu(e) : abc"),
    ("/api/engagements/2103999999/retrait", None, "Engagement juridique inconnu(e) : 2103999999"),
    ("/api/demandes-paiement/999999999/paiement", None, "Demande de paiement inconnu(e) : 999999999"),
    ("/api/demandes-paiement/abc/paiement", None, "Demande de paiement inconnu(e) : abc"),
]

# --- amount mutations: (value sent, expected words; None = the route's own negative/zero text) --------------
MONTANTS_INVALIDES: list[Any] = [
    pytest.param("-10.00", "négatif", id="negatif"),
    pytest.param(-10, "négatif", id="negatif-entier"),
    pytest.param("0", "zero", id="zero"),
    pytest.param("10.001", "plus de deux décimales", id="3-decimales"),
    pytest.param(10.001, "plus de deux décimales", id="3-decimales-float-json"),
    pytest.param(0.005, "plus de deux décimales", id="demi-centime-float-json"),
    pytest.param("12,3,4", "n'est pas un montant", id="12,3,4"),
    pytest.param("abc", "n'est pas un montant", id="abc"),
    pytest.param("", "n'est pas un montant", id="vide"),
    pytest.param("1.234,56", "n'est pas un montant", id="format-allemand"),
    pytest.param("NaN", "n'est pas un montant", id="NaN"),
    pytest.param("1e20", "« 1e20 » n'est pas un montant", id="1e20"),  # no exponent notation
    pytest.param(1e20, "« 1e+20 » n'est pas un montant", id="1e20-float-json"),
    pytest.param(1e15, "dépasse le maximum autorisé", id="1e15-float-json"),
    pytest.param("99999999999999999", "dépasse le maximum autorisé", id="17-chiffres"),
    pytest.param(99999999999999999, "dépasse le maximum autorisé", id="17-chiffres-entier-json"),
    pytest.param(None, "montant attendu", id="null"),
    pytest.param(True, "montant attendu", id="booleen"),
    pytest.param([1], "montant attendu", id="liste"),
    pytest.param({"euros": 1}, "montant attendu", id="objet"),
]
MONTANTS_DEMESURES: list[Any] = [  # each of these gave a 500 or an English message in an earlier version
    pytest.param("1e5000", "n'est pas un montant", id="1e5000"),
    pytest.param("1e999999", "n'est pas un montant", id="1e999999"),
    pytest.param("1234567890123456789012345678.001", "dépasse le maximum autorisé", id="28-chiffres-3-decimales"),
    pytest.param("9" * 5000, "dépasse le maximum autorisé", id="5000-chiffres-texte"),
    pytest.param("0." + "0" * 5000 + "1", "plus de deux décimales", id="5000-decimales"),
]


def _remplacer(corps: dict[str, Any], chemin: tuple[Any, ...], valeur: Any) -> dict[str, Any]:
    copie = json.loads(json.dumps(corps))
    cible = copie
    for cle in chemin[:-1]:
        cible = cible[cle]
    cible[chemin[-1]] = valeur
    return copie


def _supprimer(corps: dict[str, Any], cle: str) -> dict[str, Any]:
    copie = json.loads(json.dumps(corps))
    del copie[cle]
    return copie


@pytest.fixture(scope="module")
def _bac_sans_lfi(tmp_path_factory: pytest.TempPathFactory, dossier_donnees: Path) -> Iterator[Bac]:
    """``mini`` without its loi de finances (nor anything after it): the LFI route can really integrate."""
    dossier = tmp_path_factory.mktemp("donnees") / "donnees"
    shutil.copytree(dossier_donnees, dossier)
    contenu = yaml.safe_load((dossier / "jeux" / "mini.yaml").read_text(encoding="utf-8"))
    for section in ("lois_de_finances", "mises_a_disposition", "tranches_fonctionnelles", "engagements",
                    "engagements_anterieurs"):
        contenu.pop(section)
    (dossier / "jeux" / "sans_lfi.yaml").write_text(yaml.safe_dump(contenu, allow_unicode=True), encoding="utf-8")
    bac = Bac(jeu="sans_lfi", fixtures=dossier)
    yield bac
    bac.fermer()


@pytest.fixture(scope="module")
def _client_sans_lfi(_bac_sans_lfi: Bac, connecter: Callable[..., TestClient]) -> Iterator[TestClient]:
    with TestClient(creer_application(_bac_sans_lfi), raise_server_exceptions=False) as c:
        yield connecter(c)


@pytest.fixture
def client_sans_lfi(_bac_sans_lfi: Bac, _client_sans_lfi: TestClient) -> TestClient:
    _bac_sans_lfi.reinitialiser()
    return _client_sans_lfi


def _client(request: pytest.FixtureRequest, route: Route) -> TestClient:
    client: TestClient = request.getfixturevalue(route.client)
    if route.preparation:
        route.preparation(client)
    return client


def _refus(request: pytest.FixtureRequest, instantane_api: Any, route: Route, statuts: set[int], mots: str,
           **envoi: Any) -> dict[str, Any]:
    client = _client(request, route)
    return _verifier_refus(client, instantane_api, route.url, statuts, mots, initial=route.preparation is None,
                           **envoi)


_ETATS_INITIAUX: dict[Bac, Any] = {}


def _verifier_refus(client: TestClient, instantane_api: Callable[[TestClient], Any], url: str,
                    statuts: set[int], mots: str, initial: bool = False, **envoi: Any) -> dict[str, Any]:
    """POST, expect a French 4xx, and the data as before. ``initial``: the data are the freshly reset
    dataset, whose reading is the same for every test (read once per sandbox, to keep the matrix fast)."""
    if initial:
        bac = client.app.state.bac  # type: ignore[attr-defined]
        if bac not in _ETATS_INITIAUX:
            _ETATS_INITIAUX[bac] = instantane_api(client)
        avant = _ETATS_INITIAUX[bac]
    else:
        avant = instantane_api(client)
    reponse = client.post(url, **envoi)
    assert reponse.status_code in statuts, (reponse.status_code, reponse.text)
    corps = reponse.json()
    message = corps["message"]
    assert corps["erreur"] in ("DonneeInvalide", "ObjetInconnu", "CreditsInsuffisants", "RegleDeGestion", "ErreurJeu",
                               "Http")
    assert mots in message, message
    assert not any(marqueur in message for marqueur in MARQUEURS_ANGLAIS), message
    assert instantane_api(client) == avant, "la base a changé malgré le refus"
    return corps


def test_la_matrice_couvre_chaque_route_post() -> None:
    """Every POST route of the API is in the matrix (with a body) or tested by path only (no body)."""
    sans_corps = {"/api/jeux/{nom}", "/api/reinitialisation", "/api/engagements/{numero}/retrait",
                  "/api/demandes-paiement/{numero}/paiement"}
    couvertes = {re.sub(r"/(TF0150000001|2103000001)/", "/{numero}/", r.url) for r in ROUTES.values()}
    # recette mutation only: its recording (404 otherwise) and the defect of each run (refused otherwise)
    enregistrement = {"/api/trace/scenario", "/api/mutation/defauts"}
    postes = {r.path for module in (api, api_marches) for r in module.routeur.routes
              if isinstance(r, APIRoute) and "POST" in r.methods}
    assert postes == couvertes | sans_corps | enregistrement


# --- The valid bodies are accepted (so each mutation below is what makes the refusal) -----------------
@pytest.mark.parametrize("nom", list(ROUTES))
def test_corps_de_reference_accepte(request, instantane_api, nom: str) -> None:
    route = ROUTES[nom]
    client = _client(request, route)
    avant = instantane_api(client)
    reponse = client.post(route.url, json=route.corps)
    assert reponse.status_code in (200, 201), reponse.text
    assert instantane_api(client) != avant


# --- Amounts ------------------------------------------------------------------------------------
ESSENTIELS = {"negatif", "zero", "3-decimales", "3-decimales-float-json", "abc", "17-chiffres", "null"}
CAS_MONTANTS = [  # every mutation on a route's first amount field, the essential ones on the others
    pytest.param(nom, chemin, *p.values, id=f"{nom}:{'.'.join(map(str, chemin))}:{p.id}")
    for nom, r in ROUTES.items() for rang, chemin in enumerate(r.montants) for p in MONTANTS_INVALIDES
    if (rang == 0 or p.id in ESSENTIELS) and not (p.values[1] == "zero" and r.zero is None)  # 0 is a valid LFI line
    and not (p.id == "null" and r.nul_accepte)
]


@pytest.mark.parametrize("nom, chemin, valeur, mots", CAS_MONTANTS)
def test_montant_invalide(request, instantane_api, nom: str, chemin: tuple[Any, ...], valeur: Any, mots: str) -> None:
    route = ROUTES[nom]
    corps = _remplacer(route.corps, chemin, valeur)
    if mots == "négatif":
        mots = route.negatif
    elif mots == "zero":
        assert route.zero is not None
        if nom == "mises-a-disposition":  # AE only or CP only is fine: both must be zero
            corps = _remplacer(_remplacer(route.corps, ("ae",), "0"), ("cp",), "0")
        mots = route.zero
    _refus(request, instantane_api, route, {422}, mots, json=corps)


@pytest.mark.parametrize("valeur, mots", MONTANTS_DEMESURES)
@pytest.mark.parametrize("nom", ["engagements", "mises-a-disposition"])
def test_montant_demesure(request, instantane_api, nom: str, valeur: Any, mots: str) -> None:
    route = ROUTES[nom]
    _refus(request, instantane_api, route, {422}, mots, json=_remplacer(route.corps, route.montants[0],
                                                                                  valeur))


# --- Missing, extra, wrongly typed fields ----------------------------------------------------------
CAS_MANQUANTS = [(nom, cle) for nom, r in ROUTES.items() for cle in r.obligatoires]


@pytest.mark.parametrize("nom, cle", CAS_MANQUANTS, ids=[f"{n}:{c}" for n, c in CAS_MANQUANTS])
def test_champ_obligatoire_manquant(request, instantane_api, nom: str, cle: str) -> None:
    route = ROUTES[nom]
    corps = _refus(request, instantane_api, route, {422}, "champ obligatoire manquant",
                            json=_supprimer(route.corps, cle))
    assert corps["details"] == [f"corps.{cle} : champ obligatoire manquant"]
    assert corps["message"] == f"Requête invalide : corps.{cle} : champ obligatoire manquant"


@pytest.mark.parametrize("nom", list(ROUTES))
def test_champ_inconnu(request, instantane_api, nom: str) -> None:
    route = ROUTES[nom]
    corps = _refus(request, instantane_api, route, {422}, "champ inconnu",
                            json={**route.corps, "montant_ttc": "1.00"})
    assert corps["message"] == "Requête invalide : corps.montant_ttc : champ inconnu"


CAS_TEXTES = [(nom, chemin) for nom, r in ROUTES.items() for chemin in r.textes]


@pytest.mark.parametrize("valeur", [150, True, ["0150"]])
@pytest.mark.parametrize("nom, chemin", CAS_TEXTES, ids=[f"{n}:{'.'.join(map(str, c))}" for n, c in CAS_TEXTES])
def test_code_d_un_autre_type_que_texte(request, instantane_api, nom: str, chemin: tuple[Any, ...], valeur: Any) -> None:
    route = ROUTES[nom]
    _refus(request, instantane_api, route, {422}, "texte attendu", json=_remplacer(route.corps, chemin,
                                                                                             valeur))


CAS_LISTES = [(nom, cle) for nom, r in ROUTES.items() for cle in r.listes]


@pytest.mark.parametrize("valeur", ["abc", {"0": "x"}, 1])
@pytest.mark.parametrize("nom, cle", CAS_LISTES)
def test_liste_d_un_autre_type(request, instantane_api, nom: str, cle: str, valeur: Any) -> None:
    route = ROUTES[nom]
    _refus(request, instantane_api, route, {422}, "liste attendue", json=_remplacer(route.corps, (cle,),
                                                                                              valeur))


CAS_INCONNUS = [(nom, chemin, valeur, statut, mots) for nom, r in ROUTES.items()
                for chemin, valeur, statut, mots in r.inconnus]


@pytest.mark.parametrize("nom, chemin, valeur, statut, mots", CAS_INCONNUS,
                         ids=[f"{c[0]}:{'.'.join(map(str, c[1]))}={str(c[2])[:20]}" for c in CAS_INCONNUS])
def test_code_inconnu_ou_regle_de_gestion(request, instantane_api, nom, chemin, valeur, statut, mots) -> None:
    route = ROUTES[nom]
    _refus(request, instantane_api, route, {statut}, mots, json=_remplacer(route.corps, chemin, valeur))


@pytest.mark.parametrize("url, corps, mots", URLS_INCONNUES, ids=[u for u, _, _ in URLS_INCONNUES])
def test_objet_inconnu_dans_le_chemin(client, instantane_api, url: str, corps: Any, mots: str) -> None:
    envoi = {"json": corps} if corps is not None else {}
    _verifier_refus(client, instantane_api, url, {404}, mots, **envoi)


# --- Bodies that are not a JSON object -------------------------------------------------------------
CORPS_BRUTS = [
    pytest.param(b"{\"uo\": ", "application/json", "JSON invalide", id="json-tronque"),
    pytest.param(b"{'uo': 'x'}", "application/json", "JSON invalide", id="guillemets-simples"),
    pytest.param(b"\xff\xfe", "application/json", "JSON invalide", id="octets-invalides"),
    pytest.param(b"", "application/json", "champ obligatoire manquant", id="corps-vide"),
    pytest.param(None, None, "champ obligatoire manquant", id="sans-corps"),
    pytest.param(b"[]", "application/json", "objet JSON attendu", id="liste"),
    pytest.param(b"\"abc\"", "application/json", "objet JSON attendu", id="chaine"),
    pytest.param(b"42", "application/json", "objet JSON attendu", id="nombre"),
    pytest.param(b"null", "application/json", "objet JSON attendu", id="null"),
    pytest.param(b"uo=BG00", "application/x-www-form-urlencoded", "objet JSON attendu", id="formulaire"),
    pytest.param(b"uo=BG00", "text/plain", "objet JSON attendu", id="texte-brut"),
]
ROUTES_AVEC_CORPS = [r.url for r in ROUTES.values()]


@pytest.mark.parametrize("brut, type_contenu, mots", CORPS_BRUTS)
@pytest.mark.parametrize("url", ROUTES_AVEC_CORPS, ids=list(ROUTES))
def test_corps_qui_n_est_pas_un_objet_json(request, instantane_api, url: str, brut: bytes | None,
                                           type_contenu: str | None, mots: str) -> None:
    route = next(r for r in ROUTES.values() if r.url == url)
    envoi: dict[str, Any] = {}
    if brut is not None:
        envoi = {"content": brut, "headers": {"content-type": type_contenu}}
    _refus(request, instantane_api, route, {400, 422}, mots, **envoi)


@pytest.mark.parametrize("brut, mots", [
    pytest.param("{\"uo\": \"é\"".encode("latin-1"), "JSON invalide", id="latin1-non-utf8"),
    pytest.param(b"{\"poste\": 1, \"montant\": " + b"9" * 5000 + b"}", "illisible", id="entier-5000-chiffres"),
])
@pytest.mark.parametrize("url", ["/api/engagements", "/api/engagements/2103000001/augmentations"])
def test_corps_illisible_message_francais(client, instantane_api, url: str, brut: bytes, mots: str) -> None:
    _verifier_refus(client, instantane_api, url, {400, 422}, mots, content=brut,
                    headers={"content-type": "application/json"})


def test_message_de_validation_liste_toutes_les_erreurs(client, instantane_api) -> None:
    corps = _verifier_refus(client, instantane_api, "/api/engagements", {422}, "champ obligatoire manquant",
                            json={"uo": 150, "postes": [{"montant": "1.001"}], "inconnu": 1})
    assert corps["details"] == [
        "corps.uo : texte attendu",
        "corps.titre : champ obligatoire manquant",
        "corps.fournisseur : champ obligatoire manquant",
        "corps.postes.0.montant : montant : 1.001 a plus de deux décimales",
        "corps.postes.0.domaine_fonctionnel : champ obligatoire manquant",
        "corps.postes.0.activite : champ obligatoire manquant",
        "corps.inconnu : champ inconnu",
    ]
    assert corps["message"] == "Requête invalide : " + " ; ".join(corps["details"])


# --- Other routes -------------------------------------------------------------------------------------
def test_paiement_deja_paye(client, instantane_api) -> None:
    corps = _verifier_refus(client, instantane_api, "/api/demandes-paiement/100000001/paiement", {409}, "déjà payée")
    assert corps == {"erreur": "RegleDeGestion", "message": "La demande de paiement 100000001 est déjà payée"}


def test_retrait_d_un_ej_sans_reste(client, instantane_api) -> None:
    assert client.post("/api/engagements/2103000001/retrait").status_code == 200
    corps = _verifier_refus(client, instantane_api, "/api/engagements/2103000001/retrait", {409}, "plus de montant")
    assert corps["message"] == "L'EJ 2103000001 n'a plus de montant à retirer"


def test_charger_un_jeu_inconnu(client, instantane_api) -> None:
    corps = _verifier_refus(client, instantane_api, "/api/jeux/inexistant", {422}, "Jeu de données inconnu")
    assert corps["erreur"] == "ErreurJeu"
    assert "« inexistant »" in corps["message"] and "jeux disponibles : mini" in corps["message"]


def test_lfi_etpt_demesure(client_sans_lfi, instantane_api) -> None:
    corps = _remplacer(ROUTES["lois-de-finances"].corps, ("lignes", 0, "etpt"), 2**63)
    _verifier_refus(client_sans_lfi, instantane_api, "/api/lois-de-finances", {422}, "trop grand", json=corps)


def test_lfi_deja_integree_sur_mini(client, instantane_api) -> None:
    corps = _verifier_refus(client, instantane_api, "/api/lois-de-finances", {409}, "déjà intégrée",
                            json=ROUTES["lois-de-finances"].corps)
    assert corps["message"] == "La loi de finances « LFI 2026 » est déjà intégrée"
