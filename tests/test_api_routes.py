"""JSON API routes: OpenAPI documentation, reset, reads, 404s in French, exact decimal amounts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute

from chorus_sandbox.web import (
    api,
    api_habilitations,
    api_interfaces,
    api_marches,
    api_regulation,
    api_reports,
    api_restitutions,
)

DR75 = "BG00/0150-CSUP-DR75"
POSTE = {"montant": "150000.00", "domaine_fonctionnel": "0150-01-02", "activite": "BG00/015001010101"}
EJ = {"uo": DR75, "titre": "3", "fournisseur": "1000012345", "objet": "Maintenance", "postes": [POSTE]}


def _ligne(client: Any, niveau: str, code: str, titre: str) -> dict[str, str]:
    reponse = client.get(f"/api/situation/{niveau}/{code}")
    assert reponse.status_code == 200, reponse.text
    return next(x for x in reponse.json()["lignes"] if x["titre"] == titre)


# --- OpenAPI ----------------------------------------------------------------------------------
def test_openapi_documente_chaque_route_api(client) -> None:
    reponse = client.get("/openapi.json")
    assert reponse.status_code == 200
    document = reponse.json()
    assert document["info"]["title"] == "Bac à sable Chorus"
    chemins = document["paths"]
    modules = (api, api_restitutions, api_regulation, api_reports, api_habilitations, api_marches, api_interfaces)
    routes = [r for mod in modules for r in mod.routeur.routes if isinstance(r, APIRoute)]
    assert len(routes) >= 25 and all(r.path.startswith("/api/") for r in routes)
    for route in routes:
        chemin = re.sub(r"\{(\w+):\w+\}", r"{\1}", route.path)  # {code:path} → {code}
        assert chemin in chemins, chemin
        for methode in route.methods - {"HEAD"}:
            operation = chemins[chemin].get(methode.lower())
            assert operation is not None, (methode, chemin)
            assert operation.get("summary") and operation["summary"] == route.summary, (methode, chemin)
    documentes = {c for c in chemins if c.startswith("/api")}
    assert documentes == {re.sub(r"\{(\w+):\w+\}", r"{\1}", r.path) for r in routes}


def test_openapi_documente_les_corps_de_requete(client) -> None:
    document = client.get("/openapi.json").json()
    operation = document["paths"]["/api/engagements"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    nom = schema["$ref"].rsplit("/", 1)[-1]
    modele = document["components"]["schemas"][nom]
    assert set(modele["required"]) == {"uo", "titre", "fournisseur", "postes"}
    assert modele.get("additionalProperties") is False


# --- Reset --------------------------------------------------------------------------------------
def test_reinitialisation_restaure_l_etat_initial(client, instantane_api) -> None:
    initial = instantane_api(client)
    ej = client.post("/api/engagements", json={**EJ, "postes": [{**POSTE, "montant": "1000.00"}]}).json()
    assert client.post(f"/api/engagements/{ej['numero']}/services-faits",
                       json={"poste": 1, "montant": "1000.00"}).status_code == 201
    dp = client.post("/api/demandes-paiement", json={"engagement": ej["numero"], "poste": 1, "montant": "1000.00"})
    assert client.post(f"/api/demandes-paiement/{dp.json()['numero']}/paiement").status_code == 200
    assert client.post("/api/mises-a-disposition", json={"source": "0150", "destination": "0150-CSUP", "titre": "5",
                                                         "ae": "1.00", "cp": "1.00"}).status_code == 201
    assert client.post("/api/tranches-fonctionnelles", json={"uo": DR75, "titre": "5", "libelle": "TF",
                                                             "ae": "1.00"}).status_code == 201
    assert client.post("/api/tranches-fonctionnelles/TF0150000001/retraits", json={"ae": "1.00"}).status_code == 200
    assert client.post("/api/engagements/2103105755/reductions", json={"poste": 1, "montant": "1.00"}).status_code == 200
    modifie = instantane_api(client)
    assert all(modifie[k] != initial[k] for k in initial), [k for k in initial if modifie[k] == initial[k]]
    reponse = client.post("/api/reinitialisation")
    assert reponse.status_code == 200
    assert reponse.json()["jeu"] == "mini" and reponse.json()["duree_ms"] < 500
    assert instantane_api(client) == initial
    # numbering starts again from the dataset's counters
    assert client.post("/api/engagements", json=EJ).json()["numero"] == "2103000003"


def test_charger_le_jeu_courant_et_lister_les_jeux(client, instantane_api) -> None:
    initial = instantane_api(client)
    client.post("/api/engagements", json=EJ)
    assert client.get("/api/jeux").json() == ["mini"]
    reponse = client.post("/api/jeux/mini")
    assert reponse.status_code == 200 and reponse.json()["jeu"] == "mini"
    assert instantane_api(client) == initial


def test_sante(client) -> None:
    corps = client.get("/api/sante").json()
    assert corps["statut"] == "ok" and corps["jeu"] == "mini" and corps["exercice"] == 2026
    assert corps["defauts"] == []


# --- Reads and 404s ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "statut", "message"),
    [
        ("/api/engagements/2103999999", 404, "Engagement juridique inconnu(e) : 2103999999"),
        ("/api/engagements/abc", 404, "Engagement juridique inconnu(e) : abc"),
        ("/api/demandes-paiement/999999999", 404, "Demande de paiement inconnu(e) : 999999999"),
        ("/api/tranches-fonctionnelles/TF0150999999", 404, "Tranche fonctionnelle inconnu(e) : TF0150999999"),
        ("/api/situation/programme/0999", 404, "Programme inconnu(e) : 0999"),
        ("/api/situation/programme/150", 404, "Programme inconnu(e) : 150"),
        ("/api/situation/bop/0150-XXXX", 404, "BOP inconnu(e) : 0150-XXXX"),
        ("/api/situation/uo/BG00/0150-CSUP-XXXX", 404, "UO inconnu(e) : BG00/0150-CSUP-XXXX"),
        ("/api/situation/region/0150", 422, "Niveau inconnu : region (attendu programme, bop ou uo)"),
        ("/api/situation/programme/0150?exercice=abc", 422,
         "Requête invalide : paramètre.exercice : nombre entier attendu"),
        ("/api/referentiel/inconnu", 404, "Section du référentiel inconnue : inconnu"),
        ("/api/inconnue", 404, "Page ou ressource introuvable"),
        ("/api/engagements/2103000001/inconnue", 404, "Page ou ressource introuvable"),
    ],
)
def test_lecture_d_un_objet_inconnu(client, url: str, statut: int, message: str) -> None:
    reponse = client.get(url)
    assert reponse.status_code == statut
    assert reponse.json()["message"].startswith(message)


@pytest.mark.parametrize(("methode", "url"), [("delete", "/api/engagements"), ("put", "/api/engagements/2103000001"),
                                              ("get", "/api/reinitialisation"), ("patch", "/api/demandes-paiement")])
def test_methode_non_autorisee(client, methode: str, url: str) -> None:
    reponse = client.request(methode.upper(), url)
    assert reponse.status_code == 405
    assert reponse.json() == {"erreur": "Http", "message": "Méthode non autorisée"}


def test_situation_exercice_demesure(client) -> None:
    reponse = client.get("/api/situation/programme/0150?exercice=99999999999999999999")
    assert 400 <= reponse.status_code < 500, reponse.text


def test_situation_d_un_autre_exercice_vide(client) -> None:
    corps = client.get("/api/situation/programme/0150?exercice=2025").json()
    assert corps["exercice"] == 2025
    assert corps["lignes"] == [{"titre": "Total", **{c: "0.00" for c in corps["lignes"][0] if c != "titre"}}]


def test_situation_en_chaines_decimales_exactes(client) -> None:
    corps = client.get("/api/situation/programme/0150").json()
    assert (corps["niveau"], corps["code"], corps["exercice"]) == ("programme", "0150", 2026)
    t3 = next(x for x in corps["lignes"] if x["titre"] == "3")
    assert t3 == {"titre": "3", "ae_ouverts": "1000000.00", "ae_reserves": "50000.00",
                  "ae_mis_a_disposition": "500000.00", "ae_affectes": "0.00", "ae_engages": "50000.00",
                  "ae_disponibles": "450000.00", "cp_ouverts": "800000.00", "cp_reserves": "40000.00",
                  "cp_mis_a_disposition": "400000.00", "cp_consommes": "20000.00", "cp_disponibles": "360000.00"}
    assert _ligne(client, "uo", DR75, "Total")["ae_disponibles"] == "450000.00"
    assert _ligne(client, "bop", "0150-CSUP", "5")["ae_affectes"] == "300000.00"


def test_referentiel(client) -> None:
    uos = client.get("/api/referentiel/uos").json()
    assert {u["code"]: u["bop"] for u in uos} == {"BG00/0150-CSUP-DR69": "0150-CSUP", "BG00/0150-CSUP-DR75": "0150-CSUP",
                                                 "BG00/0217-SGAC-ASPR": "0217-SGAC"}
    fournisseurs = {f["code"]: f for f in client.get("/api/referentiel/fournisseurs").json()}
    assert fournisseurs["1000012345"] == {"code": "1000012345", "raison_sociale": "Bâtiments du Centre SAS",
                                          "siret": "01234567800017", "categorie": "Entreprise"}
    assert fournisseurs["1000067890"]["siret"] == "44306184100047"  # codes stay text, leading zeros kept
    assert [p["numero"] for p in client.get("/api/referentiel/programmes").json()] in (["0150", "0217"],
                                                                                      ["0217", "0150"])


# --- Operations through the API: exact amounts, limits, French refusals ----------------------------
def test_engagement_exactement_au_disponible_puis_refus_au_centime(client) -> None:
    reponse = client.post("/api/engagements", json=EJ)
    assert reponse.status_code == 201, reponse.text
    ej = reponse.json()
    assert ej["numero"] == "2103000003" and ej["montant"] == "150000.00" and ej["statut"] == "Engagé"
    assert [m["type"] for m in ej["mouvements"]] == ["100"]
    assert _ligne(client, "uo", DR75, "3")["ae_disponibles"] == "0.00"
    refus = client.post("/api/engagements", json={**EJ, "postes": [{**POSTE, "montant": "0.01"}]})
    assert refus.status_code == 409
    assert refus.json() == {"erreur": "CreditsInsuffisants", "message": (
        "Crédits insuffisants : 0,01\u00a0€ demandés, 0,00\u00a0€ disponibles en AE sur l'UO BG00/0150-CSUP-DR75")}


@pytest.mark.parametrize(("montant", "centimes"), [("1234.56", "1234.56"), ("1 234,56", "1234.56"),
                                                    ("1\u00a0234,56", "1234.56"), (1234, "1234.00"),
                                                    (12.5, "12.50"), ("0.10", "0.10"), ("7", "7.00")])
def test_montants_acceptes_en_entree(client, montant: Any, centimes: str) -> None:
    reponse = client.post("/api/engagements", json={**EJ, "postes": [{**POSTE, "montant": montant}]})
    assert reponse.status_code == 201, reponse.text
    assert reponse.json()["postes"][0]["montant"] == centimes


def test_chaine_complete_par_l_api(client) -> None:
    ej = client.post("/api/engagements", json={**EJ, "postes": [{**POSTE, "montant": "80000.00"}]}).json()
    numero = ej["numero"]
    sf = client.post(f"/api/engagements/{numero}/services-faits", json={"poste": 1, "montant": "80000.00"})
    assert sf.status_code == 201 and len(sf.json()["numero"]) == 10 and sf.json()["code_mouvement"] == "101"
    dp1 = client.post("/api/demandes-paiement", json={"engagement": numero, "poste": 1, "montant": "79999.99"}).json()
    dp2 = client.post("/api/demandes-paiement", json={"engagement": numero, "poste": 1, "montant": "0.01"}).json()
    assert len(dp1["numero"]) == 9 and dp1["statut"] == "À payer"
    assert client.post(f"/api/demandes-paiement/{dp1['numero']}/paiement").json()["statut"] == "Payée"
    # CP of DR75 T3: 80 000,00 − 79 999,99 = 0,01 left
    assert _ligne(client, "uo", DR75, "3")["cp_disponibles"] == "0.01"
    assert client.post(f"/api/demandes-paiement/{dp2['numero']}/paiement").status_code == 200
    assert client.get(f"/api/engagements/{numero}").json()["statut"] == "Soldé"
    assert client.get(f"/api/demandes-paiement/{dp2['numero']}").json()["exercice_paiement"] == 2026
    assert _ligne(client, "uo", DR75, "3")["cp_disponibles"] == "0.00"
    refus = client.post(f"/api/demandes-paiement/{dp2['numero']}/paiement")
    assert refus.status_code == 409 and refus.json()["message"] == (
        f"La demande de paiement {dp2['numero']} est déjà payée")


def test_reduction_et_retrait_par_l_api(client) -> None:
    reponse = client.post("/api/engagements/2103000001/reductions", json={"poste": 1, "montant": "10000.00"})
    assert reponse.status_code == 200 and reponse.json()["montant"] == "40000.00"
    assert reponse.json()["mouvements"][-1] == {"type": "200", "poste": 1, "exercice": 2026,
                                                "date": reponse.json()["mouvements"][-1]["date"],
                                                "montant": "-10000.00"}
    assert _ligne(client, "uo", DR75, "3")["ae_disponibles"] == "160000.00"
    retrait = client.post("/api/engagements/2103000001/retrait").json()
    assert (retrait["montant"], retrait["montant_receptionne"]) == ("20000.00", "20000.00")
    assert _ligne(client, "uo", DR75, "3")["ae_disponibles"] == "180000.00"
    # an EJ of 2025: nothing freed
    client.post("/api/engagements/2103105755/reductions", json={"poste": 1, "montant": "5000.00"})
    assert _ligne(client, "uo", DR75, "3")["ae_disponibles"] == "180000.00"


def test_affectation_et_ej_sur_tranche(client) -> None:
    assert client.post("/api/tranches-fonctionnelles/TF0150000001/affectations",
                       json={"ae": "300000.00"}).json()["aene"] == "500000.00"
    ej = client.post("/api/engagements", json={**EJ, "titre": "5", "tranche": "TF0150000001",
                                               "postes": [{**POSTE, "montant": "500000.00"}]})
    assert ej.status_code == 201 and ej.json()["tranche"] == "TF0150000001"
    tf = client.get("/api/tranches-fonctionnelles/TF0150000001").json()
    assert (tf["ae_affectees"], tf["ae_engagees"], tf["aene"]) == ("600000.00", "600000.00", "0.00")
    assert _ligne(client, "uo", DR75, "5")["ae_disponibles"] == "0.00"
