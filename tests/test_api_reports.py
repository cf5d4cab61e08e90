"""JSON API of the closing and the campagne des reports (``/api/reports``) on the ``cloture`` dataset.

``fixtures/jeux/cloture.yaml``: exercice 2026 on 31/12/2026, LFI 2026 with réserve 0,5 % / 5,5 %.
Hors-T2 CP caps: 0150 3 % of 14 394 506 021,35 € = 431 835 180,64 €; 0172 on the raised list at 10 %
of 7 877 172 150,00 € = 787 717 215,00 € (its 513 927 681,75 € unconsumed all carried); 0103 under its
cap (15 202 437,36 € ≤ 19 831 823,40 €). Fonds de concours 0161 T5 12 000 000,00 € and 0217 T2
3 450 000,00 €. TFs: campus (AENE 26 892 039,50 €), Nîmes (fully engaged), Défense (12 750 000,00 €).
"""

from __future__ import annotations

import csv
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application

with warnings.catch_warnings():  # starlette warns that it would prefer httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NATIONAL = "recette.nationale"  # the author of every step made through ``api``: the connected user
MOT_DE_PASSE = "Reports-de-credits-2026"  # the seeded users' password of this test sandbox only


@pytest.fixture(scope="module")
def _bac_cloture() -> Iterator[Bac]:
    bac = Bac(jeu="cloture", fixtures=FIXTURES, mot_de_passe=MOT_DE_PASSE)
    yield bac
    bac.fermer()


@pytest.fixture(scope="module")
def _client_cloture(_bac_cloture: Bac) -> Iterator[TestClient]:
    """Logged in through the API as the campaign's national user (administrateur, RPROG, contrôleur)."""
    with TestClient(creer_application(_bac_cloture), raise_server_exceptions=False) as c:
        connexion = c.post("/api/connexion", json={"identifiant": "recette.nationale", "mot_de_passe": MOT_DE_PASSE})
        assert connexion.status_code == 200, connexion.text
        c.headers["Authorization"] = f"Bearer {connexion.json()['jeton']}"
        yield c


@pytest.fixture
def api(_client_cloture: TestClient, _bac_cloture: Bac) -> TestClient:
    """The ``cloture`` sandbox, reset to 31/12/2026 before the test."""
    _bac_cloture.reinitialiser()
    return _client_cloture


def ok(reponse: Any, statut: int = 200) -> Any:
    assert reponse.status_code == statut, reponse.text
    return reponse.json()


def refus(reponse: Any, statut: int, message: str) -> None:
    assert reponse.status_code == statut, reponse.text
    assert reponse.json()["message"] == message


def en_tant_que(api: TestClient, identifiant: str) -> dict[str, str]:
    """The Authorization header of another user of the dataset, logged in through the API."""
    connexion = api.post("/api/connexion", json={"identifiant": identifiant, "mot_de_passe": MOT_DE_PASSE})
    api.cookies.clear()  # the API token only: the requests below say who they come from
    assert connexion.status_code == 200, connexion.text
    return {"Authorization": f"Bearer {connexion.json()['jeton']}"}


def clore(api: TestClient) -> dict[str, Any]:
    return ok(api.post("/api/reports/cloture", json={"exercice": 2026}), 201)


def programme(cloture: dict[str, Any], numero: str) -> dict[str, Any]:
    return next(p for p in cloture["programmes"] if p["programme"] == numero)


def lignes(p: dict[str, Any]) -> dict[tuple[str, str], tuple[str, str, str, str]]:
    return {(x["titre"], x["nature"]): (x["ae_non_consommees"], x["cp_non_consommes"], x["ae_reportables"],
                                        x["cp_reportables"]) for x in p["lignes"]}


def etat(api: TestClient) -> dict[str, Any]:
    """Everything a refused report operation could have changed, read through the API."""
    urls = ("/api/reports/exercice", "/api/reports/clotures", "/api/reports/demandes", "/api/reports/arretes",
            "/api/situation/programme/0172?exercice=2027", "/api/engagements", "/api/journal",
            "/api/regulation/mouvements")
    return {url: (r.status_code, r.json()) for url in urls for r in [api.get(url)]}


# --- Exercice and closing --------------------------------------------------------------------------
def test_cloture_passe_le_bac_en_2027_et_la_reinitialisation_revient_en_2026(api, _bac_cloture) -> None:
    assert ok(api.get("/api/reports/exercice")) == {"exercice": 2026, "date_du_jour": "2026-12-31",
                                                    "exercices_clos": []}
    cloture = ok(api.post("/api/reports/cloture", json={"date_ouverture": "2027-01-04"}), 201)
    assert {k: cloture[k] for k in ("exercice", "date_cloture", "date_ouverture", "auteur", "ej_bascules")} == {
        "exercice": 2026, "date_cloture": "2026-12-31", "date_ouverture": "2027-01-04",
        "auteur": NATIONAL, "ej_bascules": 7}
    assert ok(api.get("/api/reports/exercice")) == {"exercice": 2027, "date_du_jour": "2027-01-04",
                                                    "exercices_clos": [2026]}
    sante = ok(api.get("/api/sante"))
    assert (sante["exercice"], sante["date_du_jour"]) == (2027, "2027-01-04")
    assert ok(api.post("/api/reinitialisation"))["jeu"] == "cloture"
    assert ok(api.get("/api/reports/exercice"))["exercices_clos"] == []
    assert (_bac_cloture.contexte.exercice, ok(api.get("/api/sante"))["exercice"]) == (2026, 2026)
    assert ok(api.get("/api/reports/clotures")) == []


def test_montants_reportables_du_jeu_de_cloture(api) -> None:
    cloture = clore(api)
    p150 = programme(cloture, "0150")
    assert {k: p150[k] for k in ("lfi_cp_hors_t2", "taux_plafond", "plafond_majore", "plafond_cp_hors_t2",
                                 "cp_hors_t2_non_consommes", "cp_hors_t2_reportables")} == {
        "lfi_cp_hors_t2": "14394506021.35", "taux_plafond": "3", "plafond_majore": False,
        "plafond_cp_hors_t2": "431835180.64", "cp_hors_t2_non_consommes": "13599533173.14",
        "cp_hors_t2_reportables": "431835180.64"}
    assert lignes(p150) == {
        ("2", "CP"): ("0.00", "524779156.81", "0.00", "0.00"),
        ("3", "CP"): ("0.00", "13174171254.49", "0.00", "418328375.76"),
        ("5", "AENE"): ("26892039.50", "0.00", "26892039.50", "0.00"),
        ("5", "CP"): ("0.00", "266380299.75", "0.00", "8458553.94"),
        ("6", "CP"): ("0.00", "158981618.90", "0.00", "5048250.94"),
    }
    assert p150["tranches"] == [{"tranche": "TF0150000001", "uo": "BG00/0150-CSUP-DR75", "titre": "5",
                                 "ae_affectees": "48500000.00", "ae_engagees": "21607960.50",
                                 "aene": "26892039.50"}]
    assert (p150["ae_reportables"], p150["cp_reportables"]) == ("26892039.50", "431835180.64")
    p172 = programme(cloture, "0172")
    assert (p172["taux_plafond"], p172["plafond_majore"], p172["plafond_cp_hors_t2"],
            p172["cp_hors_t2_reportables"]) == ("10", True, "787717215.00", "513927681.75")
    p103 = programme(cloture, "0103")
    assert (p103["plafond_cp_hors_t2"], p103["cp_hors_t2_non_consommes"], p103["cp_hors_t2_reportables"]) == (
        "19831823.40", "15202437.36", "15202437.36")
    assert lignes(programme(cloture, "0161"))[("5", "FDC")] == ("12000000.00", "12000000.00", "12000000.00",
                                                               "12000000.00")
    p161 = programme(cloture, "0161")
    assert [t["aene"] for t in p161["tranches"]] == ["0.00"]  # Nîmes: fully engaged
    p217 = programme(cloture, "0217")
    assert lignes(p217)[("2", "FDC")] == ("3450000.00", "3450000.00", "0.00", "3450000.00")
    assert lignes(p217)[("5", "AENE")] == ("12750000.00", "0.00", "12750000.00", "0.00")
    assert ok(api.get("/api/reports/reportables/2026/0172")) == p172
    assert ok(api.get("/api/reports/clotures/2026")) == cloture


def test_ej_bascules(api) -> None:
    clore(api)
    bascules = ok(api.get("/api/reports/ej-bascules"))
    assert [(e["numero"], e["exercice"], e["exercice_courant"], e["montant_bascule"], e["date_bascule"])
            for e in bascules] == [
        ("2103000002", 2026, 2027, "0.01", "2027-01-01"),
        ("2103000003", 2026, 2027, "18742560.00", "2027-01-01"),
        ("2103000004", 2026, 2027, "1432700.25", "2027-01-01"),
        ("2103000005", 2026, 2027, "11795000.00", "2027-01-01"),
        ("2103000009", 2026, 2027, "10000000.00", "2027-01-01"),
        ("2103000011", 2026, 2027, "2000000.00", "2027-01-01"),
        ("2103104412", 2025, 2027, "244633.33", "2027-01-01"),
    ]
    assert bascules[0]["mouvements"][-1] == {"type": "350", "poste": 1, "exercice": 2027, "date": "2027-01-01",
                                             "montant": "0.01"}
    solde = ok(api.get("/api/engagements/2103000001"))  # soldé on 31/12: stays in 2026
    assert (solde["statut"], solde["exercice_courant"], [x["type"] for x in solde["mouvements"]]) == (
        "Soldé", 2026, ["100"])
    anterieur = ok(api.get("/api/reports/ej-bascules?exercice=2025"))  # carried twice: 2025 → 2026 → 2027
    assert [(e["numero"], e["montant_bascule"], e["date_bascule"]) for e in anterieur] == [
        ("2103104412", "244633.33", "2026-01-01")]


def test_apres_la_cloture_les_operations_de_2026_sont_refusees(api) -> None:
    clore(api)
    refus(api.post("/api/tranches-fonctionnelles/TF0217000001/affectations", json={"ae": "1.00"}), 409,
          "La tranche fonctionnelle TF0217000001 relève de l'exercice 2026 ; l'exercice courant est 2027")
    refus(api.post("/api/engagements/2103000001/reductions", json={"poste": 1, "montant": "1.00"}), 409,
          "L'EJ 2103000001 relève de l'exercice 2026 ; l'exercice courant est 2027")
    refus(api.post("/api/reports/cloture", json={"exercice": 2026}), 409,
          "L'exercice 2026 est déjà clos (clôture du 31/12/2026)")
    refus(api.post("/api/reports/cloture", json={}), 409,
          "L'exercice 2027 ne peut être clos qu'à partir du 31/12/2027 (date du jour : 01/01/2027)")


def test_cloture_refusee_avant_le_31_decembre(client) -> None:
    reponse = client.post("/api/reports/cloture", json={})  # ``mini``: today's date, before 31/12
    assert reponse.status_code == 409
    assert reponse.json()["message"].startswith(
        "L'exercice 2026 ne peut être clos qu'à partir du 31/12/2026 (date du jour : ")
    assert client.get("/api/reports/exercice").json()["exercices_clos"] == []


@pytest.mark.parametrize(("corps", "statut", "message"), [
    ({"auteur": "Direction du Budget"}, 422, "Requête invalide : corps.auteur : champ inconnu"),
    ({"date_ouverture": "04/01/2027"}, 422,
     "date_ouverture : date invalide « 04/01/2027 » (format AAAA-MM-JJ)"),
    ({"date_ouverture": "2026-12-31"}, 422,
     "La date d'ouverture de l'exercice 2027 doit être une date de 2027 (31/12/2026)"),
    ({"exercice": 2025}, 409, "L'exercice 2025 ne peut pas être clos : l'exercice courant est 2026"),
    ({"exercice": 1800}, 422, "Requête invalide : corps.exercice : valeur trop petite"),
])
def test_cloture_corps_invalide(api, corps, statut, message) -> None:
    avant = etat(api)
    refus(api.post("/api/reports/cloture", json=corps), statut, message)
    assert etat(api) == avant


# --- Plafonds -------------------------------------------------------------------------------------
def test_plafonds_du_jeu_et_modification_avant_cloture(api) -> None:
    assert ok(api.get("/api/reports/plafonds")) == {"exercice": 2026, "taux_general": "3",
                                                    "plafonds_majores": {"0172": "10"}}
    assert ok(api.post("/api/reports/plafonds", json={"programme": "0103", "taux": "0.5"}), 201) == {
        "exercice": 2026, "programme": "0103", "taux": "0.5"}
    assert ok(api.get("/api/reports/plafonds?exercice=2026"))["plafonds_majores"] == {"0103": "0.5", "0172": "10"}
    assert ok(api.get("/api/reports/plafonds?exercice=2027")) == {"exercice": 2027, "taux_general": "3",
                                                                  "plafonds_majores": {}}
    p103 = programme(clore(api), "0103")
    assert (p103["taux_plafond"], p103["plafond_majore"], p103["plafond_cp_hors_t2"],
            p103["cp_hors_t2_reportables"]) == ("0.5", True, "3305303.90", "3305303.90")
    refus(api.post("/api/reports/plafonds", json={"exercice": 2026, "taux": "4"}), 409,
          "L'exercice 2026 est clos : ses plafonds de report ne peuvent plus changer")


# --- Campaign ---------------------------------------------------------------------------------------
DEMANDE_0172 = {"programme": "0172", "lignes": [
    {"titre": "3", "nature": "CP", "cp": "500000000.00"},  # more than the 431 095 881,75 reportable
    {"titre": "6", "nature": "CP", "cp": "82831800.00"},  # exactly the reportable
]}
DEMANDE_0161 = {"programme": "0161", "lignes": [
    {"titre": "5", "nature": "FDC", "ae": "12000000.00", "cp": "11999999.99"},
    {"titre": "3", "nature": "CP", "cp": "8809432.16"},  # one cent above the reportable
]}


def test_campagne_complete_par_l_api(api) -> None:
    clore(api)
    d172 = ok(api.post("/api/reports/demandes", json=DEMANDE_0172), 201)
    assert {k: d172[k] for k in ("numero", "exercice", "programme", "auteur", "date_depot", "statut", "avis",
                                  "arrete")} == {
        "numero": "DR2026000001", "exercice": 2026, "programme": "0172", "auteur": NATIONAL,
        "date_depot": "2027-01-01", "statut": "Déposée", "avis": None, "arrete": None}
    assert d172["lignes"] == [{"titre": "3", "nature": "CP", "ae": "0.00", "cp": "500000000.00"},
                              {"titre": "6", "nature": "CP", "ae": "0.00", "cp": "82831800.00"}]
    d161 = ok(api.post("/api/reports/demandes", json=DEMANDE_0161), 201)
    cbcm, direction_du_budget = en_tant_que(api, "helene.mercier"), en_tant_que(api, "admin.pole")
    avis = ok(api.post("/api/reports/demandes/DR2026000001/avis", json={"avis": "favorable"}, headers=cbcm))
    assert (avis["statut"], avis["avis"], avis["auteur_avis"], avis["date_avis"]) == (
        "Avis favorable", "favorable", "helene.mercier", "2027-01-01")
    ok(api.post(f"/api/reports/demandes/{d161['numero']}/avis", json={"avis": "favorable"}))
    arrete = ok(api.post("/api/reports/arretes", json={}, headers=direction_du_budget), 201)
    assert {k: arrete[k] for k in ("numero", "exercice", "exercice_ouverture", "statut", "demandes",
                                    "ae_accordees", "cp_accordees")} == {
        "numero": "AR2026000001", "exercice": 2026, "exercice_ouverture": 2027, "statut": "Signé",
        "demandes": ["DR2026000001", "DR2026000002"], "ae_accordees": "12000000.00",
        "cp_accordees": "534737113.89"}
    assert [(x["programme"], x["titre"], x["nature"], x["cp_demandees"], x["cp_reportables"], x["cp_accordees"])
            for x in arrete["lignes"]] == [
        ("0172", "3", "CP", "500000000.00", "431095881.75", "431095881.75"),
        ("0172", "6", "CP", "82831800.00", "82831800.00", "82831800.00"),
        ("0161", "5", "FDC", "11999999.99", "12000000.00", "11999999.99"),
        ("0161", "3", "CP", "8809432.16", "8809432.15", "8809432.15"),
    ]
    integre = ok(api.post("/api/reports/arretes/AR2026000001/integration", headers=direction_du_budget))
    assert (integre["statut"], integre["date_integration"], integre["auteur_integration"]) == (
        "Intégré", "2027-01-01", "admin.pole")
    assert [e["statut"] for e in integre["historique"]] == ["Signé", "Intégré"]
    demande = ok(api.get("/api/reports/demandes/DR2026000001"))
    assert [(e["auteur"], e["action"], e["statut"]) for e in demande["historique"]] == [
        (NATIONAL, "Demande de report", "Déposée"),
        ("helene.mercier", "Avis du contrôleur budgétaire", "Avis favorable"),
        ("admin.pole", "Arrêté de report", "Arrêtée"),
        ("admin.pole", "Intégration de l'arrêté de report", "Intégrée"),
    ]
    situation = ok(api.get("/api/situation/programme/0172?exercice=2027"))
    assert [(x["titre"], x["ae_ouverts"], x["cp_ouverts"]) for x in situation["lignes"]] == [
        ("3", "0.00", "431095881.75"), ("6", "0.00", "82831800.00"), ("Total", "0.00", "513927681.75")]
    mouvements = ok(api.get("/api/regulation/mouvements"))
    assert [(x["type"], x["destination"], x["titre_destination"], x["ae"], x["cp"], x["reference"])
            for x in mouvements][-2:] == [
        ("Report de fonds de concours", "0161", "5", "12000000.00", "11999999.99", "AR2026000001"),
        ("Report de crédits", "0161", "3", "0.00", "8809432.15", "AR2026000001")]
    assert [x["statut"] for x in ok(api.get("/api/reports/demandes?exercice=2026"))] == ["Intégrée", "Intégrée"]
    assert [x["numero"] for x in ok(api.get("/api/reports/demandes?programme=0161"))] == ["DR2026000002"]
    assert [x["numero"] for x in ok(api.get("/api/reports/arretes"))] == ["AR2026000001"]
    assert ok(api.get("/api/reports/arretes/AR2026000001")) == integre


def test_integration_deux_fois_refusee_sans_rien_changer(api) -> None:
    clore(api)
    ok(api.post("/api/reports/demandes", json=DEMANDE_0172), 201)
    ok(api.post("/api/reports/demandes/DR2026000001/avis", json={"avis": "favorable"}))
    ok(api.post("/api/reports/arretes", json={"demandes": ["DR2026000001"]}), 201)
    ok(api.post("/api/reports/arretes/AR2026000001/integration"))
    avant = etat(api)
    refus(api.post("/api/reports/arretes/AR2026000001/integration"), 409,
          "L'arrêté de report AR2026000001 est déjà intégré (le 01/01/2027) : ses crédits sont déjà ouverts "
          "sur l'exercice 2027")
    assert etat(api) == avant


def test_lfi_2027_du_jeu_s_integre_apres_la_cloture(api) -> None:
    clore(api)
    ok(api.post("/api/reports/demandes", json=DEMANDE_0172), 201)
    ok(api.post("/api/reports/demandes/DR2026000001/avis", json={"avis": "favorable"}))
    ok(api.post("/api/reports/arretes", json={}), 201)
    ok(api.post("/api/reports/arretes/AR2026000001/integration"))
    with (FIXTURES / "lfi_2027.csv").open(encoding="utf-8") as flux:
        lignes_lfi = [{**x, "etpt": int(x["etpt"])} for x in csv.DictReader(flux, delimiter=";")]
    loi = ok(api.post("/api/lois-de-finances", json={"identifiant": "LFI 2027", "taux_reserve_t2": "0.5",
                                                     "taux_reserve_hors_t2": "5.5", "lignes": lignes_lfi}), 201)
    assert (loi["exercice"], loi["date_integration"], len(loi["lignes"])) == (2027, "2027-01-01", 24)
    situation = ok(api.get("/api/situation/programme/0172"))  # the current exercice: 2027
    assert situation["exercice"] == 2027
    t3 = next(x for x in situation["lignes"] if x["titre"] == "3")
    # LFI 6 592 480 000,00 + report 431 095 881,75; réserve 5,5 % of the LFI part only
    assert (t3["cp_ouverts"], t3["cp_reserves"], t3["cp_disponibles"]) == (
        "7023575881.75", "362586400.00", "6660989481.75")


@pytest.mark.parametrize(("url", "corps", "statut", "message"), [
    ("/api/reports/demandes/DR2026999999/avis", {"avis": "favorable"}, 404,
     "Demande de report inconnu(e) : DR2026999999"),
    ("/api/reports/demandes/DR2026000001/avis", {"avis": "peut-être"}, 422,
     "Avis invalide : « peut-être » (attendu favorable ou défavorable)"),
    ("/api/reports/demandes/DR2026000001/avis", {"avis": "défavorable"}, 422,
     "Le motif est obligatoire pour un avis défavorable"),
    ("/api/reports/arretes", {}, 409, "Aucune demande de report avec avis favorable à arrêter pour l'exercice 2026"),
    ("/api/reports/arretes", {"demandes": ["DR2026000001"]}, 409,
     "La demande de report DR2026000001 attend l'avis du contrôleur budgétaire"),
    ("/api/reports/arretes/DR2026000001/integration", {}, 409,
     "La demande de report DR2026000001 n'a fait l'objet d'aucun arrêté de report : rien à intégrer"),
    ("/api/reports/arretes/AR2026000001/integration", {}, 404,
     "Arrêté de report inconnu(e) : AR2026000001"),
    ("/api/reports/demandes", {**DEMANDE_0172, "programme": "0999"}, 404, "Programme inconnu(e) : 0999"),
    ("/api/reports/demandes", DEMANDE_0172, 409,
     "Le programme 0172 a déjà une demande de report pour l'exercice 2026 : DR2026000001 (Déposée)"),
    ("/api/reports/demandes", {**DEMANDE_0172, "exercice": 2027}, 409,
     "L'exercice 2027 n'est pas clos : la campagne des reports commence à sa clôture"),
    ("/api/reports/demandes", {**DEMANDE_0172, "lignes": [{"titre": "3", "nature": "CP", "cp": "-0.01"}]}, 422,
     "Ligne 1 (titre 3, CP) : le montant CP ne peut pas être négatif (-0,01\u00a0€)"),
    ("/api/reports/demandes", {**DEMANDE_0172, "lignes": [{"titre": "3", "nature": "CP", "cp": "1.001"}]}, 422,
     "Requête invalide : corps.lignes.0.cp : montant : 1.001 a plus de deux décimales"),
    ("/api/reports/demandes", {**DEMANDE_0172, "lignes": []}, 422,
     "Requête invalide : corps.lignes : liste trop courte (au moins un élément)"),
])
def test_refus_de_la_campagne(api, url, corps, statut, message) -> None:
    clore(api)
    ok(api.post("/api/reports/demandes", json=DEMANDE_0172), 201)
    avant = etat(api)
    refus(api.post(url, json=corps), statut, message)
    assert etat(api) == avant


@pytest.mark.parametrize(("url", "message"), [
    ("/api/reports/demandes/DR2026000042", "Demande de report inconnu(e) : DR2026000042"),
    ("/api/reports/arretes/AR2026000042", "Arrêté de report inconnu(e) : AR2026000042"),
    ("/api/reports/clotures/2026", "L'exercice 2026 n'est pas clos : aucun montant reportable"),
    ("/api/reports/reportables/2026/0150", "L'exercice 2026 n'est pas clos : aucun montant reportable"),
    ("/api/reports/reportables/2026/0999", "Programme inconnu(e) : 0999"),
])
def test_lectures_d_objets_inconnus(api, url, message) -> None:
    refus(api.get(url), 404, message)


def test_demande_avant_la_cloture_refusee(api) -> None:
    refus(api.post("/api/reports/demandes", json=DEMANDE_0172), 409,
          "L'exercice 2025 n'est pas clos : la campagne des reports commence à sa clôture")


# --- Habilitations: who acts on the campaign, what each one reads ------------------------------------
DEMANDE_0150 = {"programme": "0150", "lignes": [{"titre": "5", "nature": "AENE", "ae": "26892039.50"}]}


def test_le_rprog_demande_le_report_de_son_programme_et_pas_d_un_autre(api) -> None:
    clore(api)
    rprog = en_tant_que(api, "claire.fontaine")  # RPROG of 0150 only
    avant = etat(api)
    refus(api.post("/api/reports/demandes", json=DEMANDE_0172, headers=rprog), 403,
          "Accès refusé : le programme 0172 est hors de votre périmètre pour demander un report de crédits")
    assert etat(api) == avant
    demande = ok(api.post("/api/reports/demandes", json=DEMANDE_0150, headers=rprog), 201)
    assert (demande["numero"], demande["programme"], demande["auteur"], demande["historique"][0]["auteur"]) == (
        "DR2026000001", "0150", "claire.fontaine", "claire.fontaine")


@pytest.mark.parametrize(("identifiant", "url", "corps", "message"), [
    ("helene.mercier", "/api/reports/arretes", {},
     "Accès refusé : aucun de vos rôles ne permet de prendre un arrêté de report"),
    ("helene.mercier", "/api/reports/demandes/DR2026000002/avis", {"avis": "favorable"},
     ("Accès refusé : la demande de report DR2026000002 est hors de votre périmètre pour émettre un avis de "
      "contrôle budgétaire")),
    ("claire.fontaine", "/api/reports/demandes/DR2026000001/avis", {"avis": "favorable"},
     "Accès refusé : aucun de vos rôles ne permet d'émettre un avis de contrôle budgétaire"),
    ("claire.fontaine", "/api/reports/plafonds", {"programme": "0150", "taux": "10"},
     "Accès refusé : aucun de vos rôles ne permet de fixer les plafonds de report des CP"),
    ("thomas.girard", "/api/reports/cloture", {"exercice": 2027},
     "Accès refusé : aucun de vos rôles ne permet de clôturer l'exercice"),
    ("helene.mercier", "/api/reports/arretes/AR2026000001/integration", None,
     "Accès refusé : aucun de vos rôles ne permet d'intégrer un arrêté de report"),
])
def test_chaque_etape_de_la_campagne_est_refusee_hors_de_la_matrice(api, identifiant, url, corps, message) -> None:
    """helene.mercier is the contrôleur budgétaire of 0150, 0172 and 0231; DR2026000002 is 0161's."""
    clore(api)
    ok(api.post("/api/reports/demandes", json=DEMANDE_0150), 201)
    ok(api.post("/api/reports/demandes", json=DEMANDE_0161), 201)
    entete = en_tant_que(api, identifiant)
    avant = etat(api)
    refus(api.post(url, json=corps, headers=entete), 403, message)
    assert etat(api) == avant


def test_le_controleur_de_ses_programmes_donne_son_avis(api) -> None:
    clore(api)
    ok(api.post("/api/reports/demandes", json=DEMANDE_0150), 201)
    avis = ok(api.post("/api/reports/demandes/DR2026000001/avis", json={"avis": "favorable"},
                       headers=en_tant_que(api, "helene.mercier")))
    assert (avis["statut"], avis["auteur_avis"]) == ("Avis favorable", "helene.mercier")


def test_un_rprog_ne_lit_que_les_reports_de_son_programme(api) -> None:
    """An arrêté on 0150 and 0172: the RPROG of 0150 reads its own demande, lines, amounts and EJs only."""
    clore(api)
    ok(api.post("/api/reports/demandes", json=DEMANDE_0150), 201)
    ok(api.post("/api/reports/demandes", json=DEMANDE_0172), 201)
    for numero in ("DR2026000001", "DR2026000002"):
        ok(api.post(f"/api/reports/demandes/{numero}/avis", json={"avis": "favorable"}))
    national = ok(api.post("/api/reports/arretes", json={}), 201)
    assert (national["demandes"], national["cp_accordees"]) == (["DR2026000001", "DR2026000002"], "513927681.75")
    rprog = en_tant_que(api, "claire.fontaine")
    assert [d["numero"] for d in ok(api.get("/api/reports/demandes", headers=rprog))] == ["DR2026000001"]
    refus(api.get("/api/reports/demandes/DR2026000002", headers=rprog), 403,
          "Accès refusé : la demande de report DR2026000002 est hors de votre périmètre")
    arrete = ok(api.get("/api/reports/arretes/AR2026000001", headers=rprog))
    assert (arrete["demandes"], [x["programme"] for x in arrete["lignes"]], arrete["ae_accordees"],
            arrete["cp_accordees"]) == (["DR2026000001"], ["0150"], "26892039.50", "0.00")
    assert ok(api.get("/api/reports/arretes", headers=rprog)) == [arrete]
    cloture = ok(api.get("/api/reports/clotures/2026", headers=rprog))
    assert [p["programme"] for p in cloture["programmes"]] == ["0150"]
    assert ok(api.get("/api/reports/clotures", headers=rprog)) == [cloture]
    refus(api.get("/api/reports/reportables/2026/0172", headers=rprog), 403,
          "Accès refusé : le programme 0172 est hors de votre périmètre")
    tous = ok(api.get("/api/reports/ej-bascules"))
    siens = ok(api.get("/api/reports/ej-bascules", headers=rprog))
    assert siens == [e for e in tous if e["uo"].startswith("BG00/0150-")] and 0 < len(siens) < len(tous)
    objets = {e["objet"] for e in ok(api.get("/api/journal", headers=rprog))}
    assert {"DR2026000001", "AR2026000001"} <= objets and "DR2026000002" not in objets
    etat_des_reports = api.get("/api/restitutions/ETAT-DES-REPORTS?exercice=2026&encodage=utf-8", headers=rprog)
    lignes_csv = etat_des_reports.content.decode("utf-8-sig").splitlines()[5:]
    assert {x.split(";")[0] for x in lignes_csv} == {"0150", "Résultat", "Résultat global"}, lignes_csv
