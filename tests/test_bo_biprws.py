"""The BusinessObjects clone under /biprws (issue #17): logon, tokens, Raylight documents, prompts,
périmètre, exports and datasets, in the shapes of docs/conception/bo-biprws.md."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import warnings
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

import fastapi.routing
import pytest
from openpyxl import load_workbook

from chorus_sandbox.domaine import utilisateurs as u
from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application

with warnings.catch_warnings():  # starlette warns that it would prefer httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

RAYLIGHT = "/biprws/raylight/v1/documents"
SUIVI, SUBVENTION, MARCHES = 17001, 17002, 17003
JSON, XML = {"Accept": "application/json"}, {"Accept": "application/xml"}
NBSP = "\u00a0"
DR75, ASPR = "BG00/0150-CSUP-DR75", "BG00/0217-SGAC-ASPR"
ASSOCIATION_MINI = "1000067890"  # « Association Étudiants Solidaires », SIRET 44306184100047
POSTE = {"montant": "1234.56", "domaine_fonctionnel": "0150-01-02", "activite": "BG00/015001010101"}


def mot_de_passe() -> str:
    return os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"]


@pytest.fixture
def bo(bac: Bac) -> Iterator[TestClient]:
    """A client without any credential of the sandbox's own API, on the shared (reset) sandbox."""
    with TestClient(creer_application(bac), raise_server_exceptions=False) as client:
        yield client


def logon(bo: TestClient, identifiant: str = "recette.nationale") -> dict[str, str]:
    """Headers of a logged-on BO client (the token sent back as received: with its quotes)."""
    reponse = bo.post("/biprws/logon/long", headers=JSON,
                      json={"userName": identifiant, "password": mot_de_passe(), "auth": "secEnterprise"})
    assert reponse.status_code == 200, reponse.text
    return {"X-SAP-LogonToken": reponse.headers["X-SAP-LogonToken"], **JSON}


def repondre(bo: TestClient, entetes: dict[str, str], document: int, *reponses: tuple[int, Any]) -> Any:
    corps = {"parameters": {"parameter": [{"id": i, "answer": {"values": {"value": v}}} for i, v in reponses]}}
    return bo.put(f"{RAYLIGHT}/{document}/parameters", headers=entetes, json=corps)


def membres(valeur: Any) -> list[Any]:
    return valeur if isinstance(valeur, list) else [] if valeur is None else [valeur]


def lignes_dataset(bo: TestClient, entetes: dict[str, str], document: int, rapport: int) -> list[list[str]]:
    reponse = bo.get(f"{RAYLIGHT}/{document}/reports/{rapport}/elements/1/dataset", headers=entetes)
    assert reponse.status_code == 200, reponse.text
    return [membres(ligne["value"]) for ligne in membres(reponse.json()["dataset"].get("row"))]


def csv(bo: TestClient, entetes: dict[str, str], document: int, rapport: int) -> list[str]:
    reponse = bo.get(f"{RAYLIGHT}/{document}/reports/{rapport}", headers={**entetes, "Accept": "text/csv"})
    assert reponse.status_code == 200, reponse.text
    assert reponse.headers["content-type"] == "text/csv; charset=utf-8"
    assert reponse.content.startswith(b"\xef\xbb\xbf")
    return reponse.content.decode("utf-8-sig").split("\r\n")


# --- Logon ------------------------------------------------------------------------------------------
def test_logon_json_jeton_entre_guillemets_dans_l_en_tete(bo: TestClient) -> None:
    reponse = bo.post("/biprws/logon/long", headers=JSON,
                      json={"userName": "recette.nationale", "password": mot_de_passe(), "auth": "secEnterprise"})
    assert reponse.status_code == 200 and reponse.headers["content-type"] == "application/json"
    entete, corps = reponse.headers["X-SAP-LogonToken"], reponse.json()
    assert entete == f'"{corps["logonToken"]}"' and set(corps) == {"logonToken"}
    assert re.fullmatch(r"[^@]+:6400@\{.*&.*,.*secEnterprise:recette\.nationale.*\}", corps["logonToken"])


def test_logon_xml_repond_l_entree_atom_par_defaut(bo: TestClient) -> None:
    corps = (f'<attrs xmlns="http://www.sap.com/rws/bip"><attr name="password" type="string">{mot_de_passe()}</attr>'
             '<attr name="userName" type="string">ruo.dr75</attr>'
             '<attr name="auth" type="string">secEnterprise</attr></attrs>')
    reponse = bo.post("/biprws/logon/long", content=corps, headers={"Content-Type": "application/xml"})
    assert reponse.status_code == 200 and reponse.headers["content-type"] == "application/xml"
    assert "&amp;" in reponse.text  # the token's & escaped in XML, not in the header
    entree = ET.fromstring(reponse.content)
    attr = entree.find("{http://www.w3.org/2005/Atom}content/{http://www.sap.com/rws/bip}attrs/"
                       "{http://www.sap.com/rws/bip}attr")
    assert entree.tag == "{http://www.w3.org/2005/Atom}entry" and attr is not None
    assert attr.get("name") == "logonToken" and reponse.headers["X-SAP-LogonToken"] == f'"{attr.text}"'
    assert bo.get(RAYLIGHT, headers={"X-SAP-LogonToken": str(attr.text)}).status_code == 200  # unquoted too


def test_modele_de_logon_json_et_xml(bo: TestClient) -> None:
    assert bo.get("/biprws/logon/long", headers=JSON).json() == {"userName": "", "password": "", "auth": "secEnterprise"}
    modele = ET.fromstring(bo.get("/biprws/logon/long").content)
    noms = [a.get("name") for a in modele]
    assert modele.tag == "{http://www.sap.com/rws/bip}attrs" and noms == ["userName", "password", "auth"]
    assert modele[2].get("possibilities") == "secEnterprise,secLDAP,secWinAD,secSAPR3"


@pytest.mark.parametrize(("utilisateur", "mdp", "auth"), [
    ("recette.nationale", "mauvais", "secEnterprise"),
    ("inconnu.total", None, "secEnterprise"),
    ("recette.nationale", None, "secLDAP"),  # an auth type the sandbox has not configured
    ("recette.nationale", None, "secWinAD"),
    ("suspendu.dr75", None, "secEnterprise"),
])
def test_logon_refuse_fwb_00008(bo: TestClient, utilisateur: str, mdp: str | None, auth: str) -> None:
    corps = {"userName": utilisateur, "password": mdp or mot_de_passe(), "auth": auth}
    reponse = bo.post("/biprws/logon/long", json=corps, headers=JSON)
    assert (reponse.status_code, reponse.json()["error_code"]) == (401, "FWB 00008")  # flat: no "error" envelope
    assert "Account information not recognized" in reponse.json()["message"]
    assert "x-sap-logontoken" not in reponse.headers
    xml = ET.fromstring(bo.post("/biprws/logon/long", json=corps).content)
    assert (xml.tag, xml.findtext("error_code")) == ("error", "FWB 00008")


def test_le_verrouillage_du_bac_s_applique_au_logon_bo(bo: TestClient) -> None:
    for _ in range(u.ECHECS_AVANT_VERROUILLAGE):
        assert bo.post("/biprws/logon/long", json={"userName": "ruo.dr75", "password": "faux"}).status_code == 401
    bon = bo.post("/biprws/logon/long", json={"userName": "ruo.dr75", "password": mot_de_passe()}, headers=JSON)
    assert bon.status_code == 401 and bon.json()["error_code"] == "FWB 00008"


# --- Tokens -------------------------------------------------------------------------------------------
def _routes_bo(bo: TestClient) -> list[tuple[str, str]]:
    valeurs = {"id_document": str(SUIVI), "id_rapport": "1", "id_element": "1", "id_planification": "1"}
    contextes = fastapi.routing.iter_route_contexts(bo.app.routes)  # type: ignore[attr-defined]
    routes = [(m, re.sub(r"\{(\w+)\}", lambda x: valeurs[x[1]], c.path)) for c in contextes
              if c.path and c.path.startswith("/biprws/") for m in sorted((c.methods or set()) - {"HEAD"})]
    assert len(routes) >= 15
    return [(m, chemin) for m, chemin in routes if not chemin.endswith("/logon/long")]


@pytest.mark.parametrize(("jeton", "raylight", "bip"), [
    (None, "WSR 00001", "FWB 00003"),
    ('"pas-un-jeton"', "WSR 00002", "FWB 00003"),
    ("chorus-sandbox:6400@{3&2=1,U3&2v=chorus-sandbox:6400,UP&66=60,U3&68=secEnterprise:recette.nationale,UP}",
     "WSR 00002", "FWB 00003"),
])
def test_chaque_route_exige_un_jeton_valide(bo: TestClient, jeton: str | None, raylight: str, bip: str) -> None:
    entetes = {**JSON, **({"X-SAP-LogonToken": jeton} if jeton else {})}
    for methode, chemin in _routes_bo(bo):
        reponse = bo.request(methode, chemin, headers=entetes, json={"document": {"state": "Unused"}})
        corps = reponse.json()
        code = corps["error"]["error_code"] if "/raylight/" in chemin else corps["error_code"]
        attendu = raylight if "/raylight/" in chemin else "FWM 02024" if "logoff" in chemin else bip
        assert (reponse.status_code, code) == (401, attendu), (methode, chemin, corps)


def test_erreur_de_jeton_en_xml(bo: TestClient) -> None:
    reponse = bo.get(RAYLIGHT, headers={"X-SAP-LogonToken": '"faux"'})
    assert reponse.status_code == 401 and reponse.headers["content-type"] == "application/xml"
    assert reponse.text.startswith('<?xml version="1.0" encoding="UTF-8"?><error><error_code>WSR 00002</error_code>')


def test_logoff_puis_le_jeton_est_refuse(bo: TestClient) -> None:
    entetes = logon(bo)
    assert bo.get(RAYLIGHT, headers=entetes).status_code == 200
    fin = bo.post("/biprws/logoff", headers=entetes)
    assert (fin.status_code, fin.content) == (200, b"")
    apres = bo.get(RAYLIGHT, headers=entetes)
    assert (apres.status_code, apres.json()["error"]["error_code"]) == (401, "WSR 00002")
    deuxieme = bo.post("/biprws/logoff", headers=entetes)
    assert (deuxieme.status_code, deuxieme.json()["error_code"]) == (401, "FWM 02024")
    assert bo.get(RAYLIGHT, headers=logon(bo)).status_code == 200  # another session is not affected


def test_un_jeton_inactif_expire(bo: TestClient) -> None:
    sessions = bo.app.state.sessions_bo  # type: ignore[attr-defined]
    instant = [1000.0]
    sessions.horloge = lambda: instant[0]
    entetes = logon(bo)
    instant[0] += sessions.duree - 1
    assert bo.get(RAYLIGHT, headers=entetes).status_code == 200  # use restarts the idle time
    instant[0] += sessions.duree + 1
    expire = bo.get(RAYLIGHT, headers=entetes)
    assert (expire.status_code, expire.json()["error"]["error_code"]) == (401, "WSR 00002")


# --- Documents ----------------------------------------------------------------------------------------
def test_liste_des_documents_triee_par_nom_et_paginee(bo: TestClient) -> None:
    entetes = logon(bo)
    documents = bo.get(RAYLIGHT, headers=entetes).json()["documents"]["document"]
    assert [(d["id"], d["name"], d["state"]) for d in documents] == [
        (SUBVENTION, "Paiements aux associations (Data.Subvention)", "Unused"),
        (SUIVI, "Suivi de la consommation des crédits", "Unused"),
        (MARCHES, "Suivi des accords-cadres et des marchés", "Unused")]
    seul = bo.get(f"{RAYLIGHT}?offset=1&limit=1", headers=entetes).json()["documents"]["document"]
    assert isinstance(seul, dict) and seul["id"] == SUIVI  # one element: a bare object, as BO folds it
    fin = bo.get(f"{RAYLIGHT}?offset=3", headers=entetes)
    assert (fin.status_code, fin.json()["error"]["error_code"]) == (404, "WSR 00400")
    for requete in ("limit=51", "limit=abc", "offset=-1"):
        refus = bo.get(f"{RAYLIGHT}?{requete}", headers=entetes)
        assert (refus.status_code, refus.json()["error"]["error_code"]) == (400, "WSR 00101"), requete
    xml = ET.fromstring(bo.get(RAYLIGHT, headers={**entetes, **XML}).content)
    assert [d.findtext("id") for d in xml.findall("document")] == [str(SUBVENTION), str(SUIVI), str(MARCHES)]


def test_un_utilisateur_sans_role_ne_voit_aucun_document(bo: TestClient) -> None:
    entetes = logon(bo, "sans.role")
    assert bo.get(RAYLIGHT, headers=entetes).json()["error"]["error_code"] == "WSR 00400"
    assert bo.get(f"{RAYLIGHT}/{SUIVI}", headers=entetes).status_code == 404


def test_detail_d_un_document_et_document_inconnu(bo: TestClient) -> None:
    entetes = logon(bo)
    detail = bo.get(f"{RAYLIGHT}/{SUIVI}", headers=entetes).json()["document"]
    assert detail["name"] == "Suivi de la consommation des crédits" and detail["state"] == "Original"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d", detail["updated"])
    for inconnu in ("99999", "abc"):
        reponse = bo.get(f"{RAYLIGHT}/{inconnu}", headers={**entetes, **XML})
        erreur = ET.fromstring(reponse.content)
        assert reponse.status_code == 404 and erreur.findtext("error_code") == "WSR 00400"
        assert erreur.findtext("message") == f'The resource of type "Document" with identifier "{inconnu}" does not exist.'
    inconnu = bo.get(f"{RAYLIGHT}/99999/parameters", headers=entetes)
    assert inconnu.json() == {"error": {"error_code": "WSR 00400", "message":
                                        'The resource of type "Document" with identifier "99999" does not exist.'}}


# --- Prompts ------------------------------------------------------------------------------------------
def test_invites_lues_en_json_et_en_xml(bo: TestClient) -> None:
    entetes = logon(bo)
    invites = bo.get(f"{RAYLIGHT}/{SUIVI}/parameters", headers=entetes).json()["parameters"]["parameter"]
    assert [(p["id"], p["name"], p["@optional"], p["@type"]) for p in invites] == [
        (0, "Exercice", "false", "prompt"), (1, "Programme", "true", "prompt")]
    assert invites[1]["answer"]["@type"] == "Text" and invites[1]["answer"]["info"]["@cardinality"] == "Single"
    programmes = [v["$"] for v in membres(invites[1]["answer"]["info"]["lov"]["values"]["value"])]
    assert programmes == ["0150", "0217"]  # codes keep their leading zeros
    sans_lov = bo.get(f"{RAYLIGHT}/{SUIVI}/parameters?lovInfo=false", headers=entetes).json()
    assert "lov" not in sans_lov["parameters"]["parameter"][1]["answer"]["info"]
    xml = ET.fromstring(bo.get(f"{RAYLIGHT}/{SUBVENTION}/parameters", headers={**entetes, **XML}).content)
    parametre = xml.find("parameter")
    assert parametre is not None and parametre.attrib == {"optional": "false", "type": "prompt", "dpId": "DP0"}
    assert parametre.findtext("name") == "Semaine"


def test_la_liste_des_programmes_suit_le_perimetre(bo: TestClient) -> None:
    invites = bo.get(f"{RAYLIGHT}/{SUIVI}/parameters", headers=logon(bo, "lecteur.0217")).json()
    lov = invites["parameters"]["parameter"][1]["answer"]["info"]["lov"]["values"]["value"]
    assert lov == {"@id": "0217", "$": "0217"}


def test_invite_obligatoire_non_repondue_le_serveur_la_redemande(bo: TestClient) -> None:
    entetes = logon(bo)
    reponse = repondre(bo, entetes, SUIVI, (1, "0150"))
    restantes = reponse.json()["parameters"]["parameter"]
    assert reponse.status_code == 200 and restantes["name"] == "Exercice"  # a list of one: a bare object
    assert csv(bo, entetes, SUIVI, 1)[4:] == [""]  # not refreshed: nothing to export
    sans_corps = bo.put(f"{RAYLIGHT}/{SUIVI}/parameters", headers=entetes)
    assert sans_corps.status_code == 200 and sans_corps.json()["parameters"]["parameter"]["id"] == 0


@pytest.mark.parametrize(("document", "reponses", "code", "mots"), [
    (SUIVI, [(0, "")], "WSR 00100", "Invite « Exercice » : une réponse est obligatoire"),
    (SUIVI, [(0, [])], "WSR 00100", "Invite « Exercice » : une réponse est obligatoire"),
    (SUBVENTION, [(0, {"$": " "})], "WSR 00100", "Invite « Semaine » : une réponse est obligatoire"),
    (SUIVI, [(0, "2026"), (1, "150")], "WSR 00101", "Invite « Programme » : Code programme invalide : « 150 »"),
    (SUIVI, [(0, "20x6")], "WSR 00101", "Invite « Exercice » : « 20x6 » n'est pas une année"),
    (SUIVI, [(0, ["2026", "2027"])], "WSR 00101", "Invite « Exercice » : une seule valeur attendue"),
    (SUBVENTION, [(0, "2026-W60")], "WSR 00101", "Invite « Semaine » : « 2026-W60 » n'est pas une semaine ISO"),
    (SUBVENTION, [(0, "2025-W53")], "WSR 00101", "Invite « Semaine » : « 2025-W53 » n'est pas une semaine ISO"),
    (SUBVENTION, [(0, "２０２６-W12")], "WSR 00101", "n'est pas une semaine ISO"),
    (SUBVENTION, [(0, "2026-12")], "WSR 00101", "Invite « Semaine » : « 2026-12 » n'est pas une semaine ISO"),
    (SUIVI, [(7, "x")], "WSR 00101", "Invite inconnue : 7"),
])
def test_reponse_refusee_en_francais(bo: TestClient, document: int, reponses: list[tuple[int, Any]], code: str,
                                     mots: str) -> None:
    reponse = repondre(bo, logon(bo), document, *reponses)
    assert (reponse.status_code, reponse.json()["error"]["error_code"]) == (400, code)
    assert mots in reponse.json()["error"]["message"]


def test_reponse_en_xml_et_succes_du_rafraichissement(bo: TestClient) -> None:
    entetes = {**logon(bo), **XML, "Content-Type": "application/xml"}
    corps = ("<parameters><parameter><id>0</id><answer><values><value>2026</value></values></answer></parameter>"
             '<parameter><id>1</id><answer><values><value id="0217">0217</value></values></answer></parameter>'
             "</parameters>")
    reponse = bo.put(f"{RAYLIGHT}/{SUIVI}/parameters", content=corps, headers=entetes)
    succes = ET.fromstring(reponse.content)
    assert reponse.status_code == 200 and succes.tag == "success" and succes.findtext("id") == str(SUIVI)
    assert succes.findtext("message") == f'The resource of type "Document" with identifier "{SUIVI}" has been successfully updated.'
    assert [x[0] for x in lignes_dataset(bo, {**entetes, **JSON}, SUIVI, 1)] == ["0217"]
    relues = bo.get(f"{RAYLIGHT}/{SUIVI}/parameters", headers={**entetes, **JSON}).json()["parameters"]["parameter"]
    assert relues[1]["answer"]["values"]["value"] == {"@id": "0217", "$": "0217"}  # the answer given is kept


# --- Exports: CSV exact, XLSX, unsupported Accept ----------------------------------------------------------
def test_export_csv_au_format_de_l_infocentre(bo: TestClient, client: TestClient) -> None:
    assert client.post("/api/engagements", json={"uo": DR75, "titre": "3", "fournisseur": "1000012345",
                                                 "objet": "Maintenance", "postes": [POSTE]}).status_code == 201
    entetes = logon(bo)
    assert repondre(bo, entetes, SUIVI, (0, "2026")).json()["success"]["details"]["property"] == {
        "@key": "allDataprovidersRefreshed", "$": "true"}
    jour = bo.app.state.bac.contexte.date_du_jour.strftime("%d.%m.%Y")  # type: ignore[attr-defined]
    n = NBSP
    assert csv(bo, entetes, SUIVI, 2) == [
        "SUIVI-UO : Suivi de la consommation des crédits - Par UO",
        f"Dernière MàJ des données :;{jour} 05:32:09",
        "Exercice comptable;2026;AE et CP",
        "Centre financier;Centre financier;Titre;AE ouvertes;AE engagées;AE disponibles;CP ouverts;CP payés;CP disponibles",
        f'{DR75};UO Île-de-France;T3;"200{n}000,00";"51{n}234,56";"148{n}765,44";"100{n}000,00";"20{n}000,00";"80{n}000,00"',
        f'{DR75};UO Île-de-France;T5;"600{n}000,00";"100{n}000,00";"300{n}000,00";"100{n}000,00";0,00;"100{n}000,00"',
        ""]
    programmes = csv(bo, entetes, SUIVI, 1)
    assert programmes[4:] == [
        (f'0150;Formations supérieures et recherche universitaire;T2;"1{n}000{n}000,00";0,00;"995{n}000,00";'
        f'"1{n}000{n}000,00";0,00;"995{n}000,00"'),
        (f'0150;Formations supérieures et recherche universitaire;T3;"1{n}000{n}000,00";"51{n}234,56";"450{n}000,00";'
        f'"800{n}000,00";"20{n}000,00";"360{n}000,00"'),
        (f'0150;Formations supérieures et recherche universitaire;T5;"2{n}000{n}000,00";"100{n}000,00";"900{n}000,00";'
        f'"500{n}000,00";0,00;"275{n}000,00"'),
        (f"0217;Conduite et pilotage des politiques de l'écologie;T3;\"400{n}000,00\";0,00;\"380{n}000,00\";"
        f'"400{n}000,00";0,00;"380{n}000,00"'),
        ""]


def test_les_montants_sont_ceux_de_l_ecran_de_situation(bo: TestClient, client: TestClient) -> None:
    """One formula: the report's figures are the situation API's, for every level and titre."""
    client.post("/api/engagements", json={"uo": DR75, "titre": "3", "fournisseur": "1000012345", "postes": [POSTE]})
    entetes = logon(bo)
    repondre(bo, entetes, SUIVI, (0, "2026"))
    champs = ("ae_ouverts", "ae_engages", "ae_disponibles", "cp_ouverts", "cp_consommes", "cp_disponibles")
    for rapport, niveau in ((1, "programme"), (2, "uo")):
        for ligne in lignes_dataset(bo, entetes, SUIVI, rapport):
            situation = client.get(f"/api/situation/{niveau}/{ligne[0]}").json()["lignes"]
            attendue = next(x for x in situation if f"T{x['titre']}" == ligne[2])
            assert [Decimal(v) for v in ligne[3:]] == [Decimal(str(attendue[c])) for c in champs], ligne


def test_export_xlsx_codes_en_texte(bo: TestClient) -> None:
    entetes = logon(bo)
    repondre(bo, entetes, SUIVI, (0, "2026"), (1, "0150"))
    reponse = bo.get(f"{RAYLIGHT}/{SUIVI}/reports/1", headers={**entetes, "Accept": r_xlsx()})
    assert reponse.status_code == 200 and reponse.headers["content-type"] == r_xlsx()
    feuille = load_workbook(io.BytesIO(reponse.content)).active
    assert feuille is not None
    lignes = list(feuille.iter_rows(min_row=4, values_only=True))
    assert [(x[0], x[2], x[3]) for x in lignes] == [("0150", "T2", 1000000), ("0150", "T3", 1000000),
                                                    ("0150", "T5", 2000000)]


def r_xlsx() -> str:
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize("accept", ["application/pdf", "application/vnd.ms-excel", "image/png"])
def test_un_accept_non_produit_repond_406(bo: TestClient, accept: str) -> None:
    reponse = bo.get(f"{RAYLIGHT}/{SUIVI}/reports/1", headers={**logon(bo), "Accept": accept})
    erreur = ET.fromstring(reponse.content)  # the error of a binary Accept: XML (BO's default)
    assert reponse.status_code == 406 and erreur.findtext("error_code") == "WSR 00501"
    assert f"« {accept} »" in str(erreur.findtext("message"))


def test_rapports_et_elements(bo: TestClient) -> None:
    entetes = logon(bo)
    rapports = bo.get(f"{RAYLIGHT}/{SUIVI}/reports", headers=entetes).json()["reports"]["report"]
    assert [(x["id"], x["name"]) for x in rapports] == [(1, "Par programme et titre"), (2, "Par UO")]
    seul = bo.get(f"{RAYLIGHT}/{SUBVENTION}/reports", headers=entetes).json()["reports"]["report"]
    assert seul["name"] == "Paiements aux associations"
    element = bo.get(f"{RAYLIGHT}/{SUIVI}/reports/2/elements", headers=entetes).json()["elements"]["element"]
    assert (element["@type"], element["id"]) == ("VTable", 1)
    for chemin, nature in (("reports/9", "Report"), ("reports/1/elements/2/dataset", "Element")):
        reponse = bo.get(f"{RAYLIGHT}/{SUIVI}/{chemin}", headers=entetes)
        assert reponse.status_code == 404 and f'type "{nature}"' in reponse.json()["error"]["message"]


# --- Dataset -----------------------------------------------------------------------------------------
def test_dataset_json_et_xml(bo: TestClient) -> None:
    entetes = logon(bo)
    repondre(bo, entetes, SUIVI, (0, "2026"))
    jeu = bo.get(f"{RAYLIGHT}/{SUIVI}/reports/2/elements/1/dataset", headers=entetes).json()["dataset"]
    assert [(v["@type"], v["$"]) for v in jeu["metadata"]["value"]][:4] == [
        ("String", "Centre financier"), ("String", "Centre financier"), ("String", "Titre"), ("Numeric", "AE ouvertes")]
    assert jeu["row"][0]["value"] == [DR75, "UO Île-de-France", "T3", "200000.00", "50000.00", "150000.00",
                                      "100000.00", "20000.00", "80000.00"]
    xml = ET.fromstring(bo.get(f"{RAYLIGHT}/{SUIVI}/reports/2/elements/1/dataset", headers={**entetes, **XML}).content)
    assert xml.tag == "dataset" and [v.get("type") for v in xml.find("metadata") or []][3] == "Numeric"
    assert [[v.text for v in ligne] for ligne in xml.findall("row")][1][:4] == [DR75, "UO Île-de-France", "T5",
                                                                                "600000.00"]


def test_avant_rafraichissement_le_dataset_est_vide(bo: TestClient) -> None:
    jeu = bo.get(f"{RAYLIGHT}/{SUIVI}/reports/1/elements/1/dataset", headers=logon(bo)).json()["dataset"]
    assert "row" not in jeu or jeu["row"] == [] and len(jeu["metadata"]["value"]) == 9


# --- Périmètre ---------------------------------------------------------------------------------------------
def test_chacun_ne_voit_que_son_perimetre(bo: TestClient, client: TestClient) -> None:
    for source, destination in (("0217", "0217-SGAC"), ("0217-SGAC", ASPR)):
        mad = client.post("/api/mises-a-disposition", json={"source": source, "destination": destination,
                                                            "titre": "3", "ae": "1000.00", "cp": "500.00"})
        assert mad.status_code == 201, mad.text
    vus = {}
    for identifiant in ("recette.nationale", "ruo.dr75", "lecteur.0217", "rbop.csup"):
        entetes = logon(bo, identifiant)
        assert repondre(bo, entetes, SUIVI, (0, "2026")).status_code == 200
        vus[identifiant] = tuple(sorted({x[0] for x in lignes_dataset(bo, entetes, SUIVI, r)}) for r in (1, 2))
    assert vus == {"recette.nationale": (["0150", "0217"], [DR75, ASPR]),
                   "ruo.dr75": ([], [DR75]),
                   "lecteur.0217": (["0217"], [ASPR]),
                   "rbop.csup": ([], [DR75])}
    entetes = logon(bo, "ruo.dr75")
    repondre(bo, entetes, SUIVI, (0, "2026"))
    assert csv(bo, entetes, SUIVI, 1)[4:] == [""]


def test_le_filtre_programme(bo: TestClient) -> None:
    entetes = logon(bo)
    repondre(bo, entetes, SUIVI, (0, "2026"), (1, "0217"))
    assert {x[0] for x in lignes_dataset(bo, entetes, SUIVI, 1)} == {"0217"}
    assert lignes_dataset(bo, entetes, SUIVI, 2) == []  # 0217 has no UO with credits in mini
    repondre(bo, entetes, SUIVI, (0, "2025"))
    assert lignes_dataset(bo, entetes, SUIVI, 1) == []  # no credits in 2025


# --- Data.Subvention by ISO week ---------------------------------------------------------------------------
def test_paiements_aux_associations_de_la_semaine(bo: TestClient, client: TestClient) -> None:
    ej = client.post("/api/engagements", json={"uo": DR75, "titre": "3", "fournisseur": ASSOCIATION_MINI,
                                               "objet": "Subvention", "postes": [POSTE]}).json()["numero"]
    client.post(f"/api/engagements/{ej}/services-faits", json={"poste": 1, "montant": "1234.56"})
    dp = client.post("/api/demandes-paiement", json={"engagement": ej, "poste": 1, "montant": "1234.56"}).json()
    assert client.post(f"/api/demandes-paiement/{dp['numero']}/paiement").status_code == 200
    jour = bo.app.state.bac.contexte.date_du_jour  # type: ignore[attr-defined]
    annee, semaine, _ = jour.isocalendar()
    entetes = logon(bo)
    assert repondre(bo, entetes, SUBVENTION, (0, f"{annee}-W{semaine:02d}")).status_code == 200
    lignes = csv(bo, entetes, SUBVENTION, 1)
    assert lignes[3].startswith("N° EJ;N° poste EJ;Code taxe 1;No TVA 3;Branche code;Branche;")
    assert lignes[4:] == [(f"{ej};1;44306184100047;#;Z039;Associations;BG00/015001010101;{dp['numero']};1;ADCE;"
                          f'{jour.year};{ASSOCIATION_MINI};Association Étudiants Solidaires;{DR75};0150-01-02;'
                          f'"1 234,56";{jour:%d.%m.%Y}'), ""]
    assert lignes_dataset(bo, entetes, SUBVENTION, 1)[0][15:] == ["1234.56", jour.isoformat()]
    precedente = (jour - dt.timedelta(days=7)).isocalendar()
    repondre(bo, entetes, SUBVENTION, (0, f"{precedente[0]}-W{precedente[1]:02d}"))
    assert csv(bo, entetes, SUBVENTION, 1)[4:] == [""]
    assert lignes_dataset(bo, logon(bo, "lecteur.0217"), SUBVENTION, 1) == []  # never refreshed in that session


# --- « Suivi des accords-cadres et des marchés » (17003) -------------------------------------------------
MARCHE_DR75 = {"nature": "accord-cadre", "objet": "Fournitures informatiques", "titulaire": "1000012345", "uo": DR75,
               "date_debut": "2026-01-01", "date_fin": "2027-12-31", "montant_maximum": "50000.00"}
MARCHE_ASPR = {"nature": "marche", "objet": "Restauration collective", "titulaire": "1000012345", "uo": ASPR,
               "date_debut": "2025-01-01", "date_fin": "2026-12-31"}


def marches_et_bon_de_commande(client: TestClient) -> str:
    """Two marchés (0150 with a maximum, 0217 without) and a bon de commande of 12 345,67 € on the first."""
    for corps in (MARCHE_DR75, MARCHE_ASPR):
        assert client.post("/api/marches", json=corps).status_code == 201
    ej = client.post("/api/engagements", json={"uo": DR75, "titre": "3", "fournisseur": "1000012345", "objet": "BC",
                                               "marche": "2026-0150-00001", "postes": [{**POSTE, "montant": "12345.67"}]})
    assert ej.status_code == 201, ej.text
    return str(ej.json()["numero"])


def test_document_des_marches_invites_et_rapport(bo: TestClient) -> None:
    entetes = logon(bo)
    detail = bo.get(f"{RAYLIGHT}/{MARCHES}", headers=entetes).json()["document"]
    assert detail["name"] == "Suivi des accords-cadres et des marchés" and detail["cuid"] == "AcHorusSuiviMarches000001"
    invites = bo.get(f"{RAYLIGHT}/{MARCHES}/parameters", headers=entetes).json()["parameters"]["parameter"]
    assert [(p["id"], p["name"], p["@optional"], p["technicalName"]) for p in invites] == [
        (0, "Exercice", "false", "pExercice"), (1, "Programme", "true", "pProgramme")]
    rapports = bo.get(f"{RAYLIGHT}/{MARCHES}/reports", headers=entetes).json()["reports"]["report"]
    assert rapports == {"id": 1, "name": "Par marché", "reference": "R1"}  # one report: a bare object


def test_marches_rafraichis_et_exportes(bo: TestClient, client: TestClient) -> None:
    marches_et_bon_de_commande(client)
    entetes = logon(bo)
    assert repondre(bo, entetes, MARCHES, (0, "2026")).status_code == 200
    lignes = csv(bo, entetes, MARCHES, 1)
    assert lignes[0] == "SUIVI-MARCHES : Suivi des accords-cadres et des marchés - Par marché"
    assert lignes[5] == ("N° marché;Objet;Nature;Centre financier;Titulaire;Titulaire;Date de début;Date de fin;"
                         "Montant maximum;Montant engagé;Montant payé;Reste sur le maximum;Taux de consommation")
    assert lignes[6:] == [
        (f"2025-0217-00001;Restauration collective;Marché;{ASPR};1000012345;Bâtiments du Centre SAS;01.01.2025;"
        "31.12.2026;#;0,00;0,00;#;#"),
        (f"2026-0150-00001;Fournitures informatiques;Accord-cadre;{DR75};1000012345;Bâtiments du Centre SAS;01.01.2026;"
        f'31.12.2027;"50{NBSP}000,00";"12{NBSP}345,67";0,00;"37{NBSP}654,33";24,69{NBSP}%'), ""]
    jeu = lignes_dataset(bo, entetes, MARCHES, 1)
    assert jeu[1][:2] == ["2026-0150-00001", "Fournitures informatiques"] and jeu[1][8:] == [
        "50000.00", "12345.67", "0.00", "37654.33", f"24,69{NBSP}%"]
    repondre(bo, entetes, MARCHES, (0, "2026"), (1, "0217"))
    assert [x[0] for x in lignes_dataset(bo, entetes, MARCHES, 1)] == ["2025-0217-00001"]
    repondre(bo, entetes, MARCHES, (0, "2028"))
    assert lignes_dataset(bo, entetes, MARCHES, 1) == []  # neither runs in 2028


def test_marches_sur_le_seul_perimetre_du_lecteur(bo: TestClient, client: TestClient) -> None:
    marches_et_bon_de_commande(client)
    vus = {}
    for identifiant in ("recette.nationale", "gestionnaire.dr75", "lecteur.0217", "sans.role"):
        entetes = logon(bo, identifiant)
        if identifiant == "sans.role":
            assert repondre(bo, entetes, MARCHES, (0, "2026")).status_code == 404  # no document for them
            continue
        assert repondre(bo, entetes, MARCHES, (0, "2026")).status_code == 200
        vus[identifiant] = [x[0] for x in lignes_dataset(bo, entetes, MARCHES, 1)]
    assert vus == {"recette.nationale": ["2025-0217-00001", "2026-0150-00001"],
                   "gestionnaire.dr75": ["2026-0150-00001"], "lecteur.0217": ["2025-0217-00001"]}


# --- The catalogued defect webi-perimetre-ignore ---------------------------------------------------------
@pytest.fixture
def bo_sans_perimetre(dossier_donnees: Any) -> Iterator[TestClient]:
    """A sandbox of its own started with the defect: a Webi refresh reads every périmètre."""
    bac = Bac(jeu="mini", fixtures=dossier_donnees, defauts=frozenset({"webi-perimetre-ignore"}))
    try:
        with TestClient(creer_application(bac), raise_server_exceptions=False) as client:
            yield client
    finally:
        bac.fermer()


def test_defaut_webi_perimetre_ignore(bo_sans_perimetre: TestClient) -> None:
    bo = bo_sans_perimetre
    jeton = bo.post("/api/connexion", json={"identifiant": "recette.nationale", "mot_de_passe": mot_de_passe()})
    national = {"Authorization": f"Bearer {jeton.json()['jeton']}"}
    for corps in (MARCHE_DR75, MARCHE_ASPR):
        assert bo.post("/api/marches", json=corps, headers=national).status_code == 201
    entetes = logon(bo, "gestionnaire.dr75")
    repondre(bo, entetes, MARCHES, (0, "2026"))
    assert [x[0] for x in lignes_dataset(bo, entetes, MARCHES, 1)] == ["2025-0217-00001", "2026-0150-00001"]
    repondre(bo, entetes, SUIVI, (0, "2026"))
    assert {x[0] for x in lignes_dataset(bo, entetes, SUIVI, 1)} == {"0150", "0217"}  # programmes outside too
    # the rest of the sandbox still keeps to the périmètre: the defect bends the Webi refresh only
    lecteur = bo.post("/api/connexion", json={"identifiant": "gestionnaire.dr75", "mot_de_passe": mot_de_passe()})
    marches = bo.get("/api/marches", headers={"Authorization": f"Bearer {lecteur.json()['jeton']}"})
    assert [x["numero"] for x in marches.json()] == ["2026-0150-00001"]


def test_sans_le_defaut_le_perimetre_tient(bo: TestClient, client: TestClient) -> None:
    """The same reading as above, without the defect: the lines outside the périmètre are not there."""
    marches_et_bon_de_commande(client)
    entetes = logon(bo, "gestionnaire.dr75")
    repondre(bo, entetes, MARCHES, (0, "2026"))
    assert [x[0] for x in lignes_dataset(bo, entetes, MARCHES, 1)] == ["2026-0150-00001"]
    repondre(bo, entetes, SUIVI, (0, "2026"))
    assert {x[0] for x in lignes_dataset(bo, entetes, SUIVI, 1)} == set()  # no programme for a UO's user


# --- Closing, and no 5xx on any input -----------------------------------------------------------------
def test_fermer_le_document(bo: TestClient) -> None:
    entetes = logon(bo)
    repondre(bo, entetes, SUIVI, (0, "2026"))
    etats = {d["id"]: d["state"] for d in bo.get(RAYLIGHT, headers=entetes).json()["documents"]["document"]}
    assert etats == {SUIVI: "Modified", SUBVENTION: "Unused", MARCHES: "Unused"}
    ferme = bo.put(f"{RAYLIGHT}/{SUIVI}", headers=entetes, json={"document": {"state": "Unused"}})
    assert ferme.json()["success"]["message"].endswith("has been successfully updated.")
    assert lignes_dataset(bo, entetes, SUIVI, 2) == []  # its refreshed data dropped
    encore = bo.put(f"{RAYLIGHT}/{SUIVI}", headers=entetes, content=b"<document><state>Unused</state></document>")
    assert "has not been modified" in encore.text
    enregistrer = bo.put(f"{RAYLIGHT}/{SUIVI}", headers=entetes)
    assert (enregistrer.status_code, enregistrer.json()["error"]["error_code"]) == (400, "WSR 00501")


@pytest.mark.parametrize("corps", [
    b"{", b"[]", b"<a>", b"\xff\xfe", b'<!DOCTYPE x [<!ENTITY a "b">]><parameters>&a;</parameters>',
    b'{"parameters": 5}', b'{"parameters": {"parameter": [{"id": true}]}}', b'{"parameters": {"parameter": [7]}}',
    b'{"parameters": {"parameter": {"id": 0, "answer": {"values": {"value": [[1]]}}}}}',
    b'{"parameters": {"parameter": {"id": "99999999999", "answer": 3}}}', b'{"attrs": {"attr": 5}}',
    b'{"userName": 5, "password": []}', b"<attrs><attr>x</attr></attrs>",
    '{"parameters": {"parameter": {"id": "²"}}}'.encode(), b"<a>" * 50000 + b"</a>" * 50000,
    b"[" * 100000 + b"]" * 100000,
])
def test_aucune_entree_ne_provoque_de_5xx(bo: TestClient, corps: bytes) -> None:
    entetes = logon(bo)
    for methode, chemin in [("POST", "/biprws/logon/long"), *_routes_bo(bo), ("POST", f"{RAYLIGHT}/{SUIVI}/parameters"),
                            ("DELETE", f"{RAYLIGHT}/{SUIVI}"), ("GET", "/biprws/inconnu")]:
        if chemin.endswith("logoff"):
            continue
        for type_contenu in ("application/json", "application/xml", "text/plain"):
            reponse = bo.request(methode, chemin, content=corps, headers={**entetes, "Content-Type": type_contenu})
            assert reponse.status_code < 500, (methode, chemin, corps, reponse.text)
            assert "error_code" in reponse.text or reponse.status_code == 200, (methode, chemin, reponse.text)
