"""Screens of the closing and the campagne des reports: every screen, every form, notices and refusals.

``cloture`` dataset (fixtures/jeux/cloture.yaml), exercice 2026 on 31/12/2026. Hors-T2 CP caps: 0150
3 % of 14 394 506 021,35 € = 431 835 180,64 € (13 599 533 173,14 € unconsumed); 0172 on the raised
list at 10 %; 0103 under its cap: 15 202 437,36 € reportable (T3 3 958 300,00 €, T6 11 244 137,36 €).
TFs: TF0150000001 (AENE 26 892 039,50 €), TF0161000001 (fully engaged), TF0217000001 (12 750 000,00 €).
7 EJs basculés on 2027, 2103000002 for 0,01 €; 2103000001 soldé.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from httpx import Response

import recette.pages
from chorus_sandbox.domaine.montants import format_montant as fm
from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application
from test_ui import (
    cellule,
    h1,
    lire,
    notice,
    option_choisie,
    poster,
    refuse_sans_effet,
    table,
    texte_role,
    valeur_champ,
)

with warnings.catch_warnings():  # starlette warns that it would prefer httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LIGNES_0103 = {"programme": "0103", "titre": ["3", "", "6", ""],
               "nature": ["CP", "", "CP", ""], "ae": ["", "", "", ""], "cp": ["3 958 300,00", "", "11244137.36", ""]}


@pytest.fixture(scope="module")
def _bac() -> Iterator[Bac]:
    bac = Bac(jeu="cloture", fixtures=FIXTURES)
    yield bac
    bac.fermer()


@pytest.fixture
def bac(_bac: Bac) -> Bac:
    _bac.reinitialiser()
    return _bac


@pytest.fixture
def client(bac: Bac, connecter: Callable[..., TestClient]) -> TestClient:
    """A client on the cloture dataset (31/12/2026), reset before each test, logged in as the national user."""
    return connecter(TestClient(creer_application(bac)))


def etat(client: TestClient) -> dict[str, object]:
    """What a refused operation must leave unchanged."""
    return {url: client.get(url).json() for url in ("/api/reports/exercice", "/api/reports/clotures",
                                                     "/api/reports/demandes", "/api/reports/arretes",
                                                     "/api/situation/programme/0103?exercice=2027")}


def refuse(client: TestClient, url: str, statut: int, message: str, **champs: Any) -> Response:
    return refuse_sans_effet(client, etat, url, statut, message, **champs)


def clore(client: TestClient) -> Response:
    reponse = poster(client, "/reports/cloture", exercice="2026", date_ouverture="")
    assert reponse.status_code == 303, reponse.text[:500]
    return reponse


def demander_0103(client: TestClient) -> str:
    reponse = poster(client, "/reports/demandes", **LIGNES_0103)
    assert reponse.status_code == 303, reponse.text[:500]
    trouve = re.match(r"/reports/demandes/(DR\d{10})\?notice=", reponse.headers["location"])
    assert trouve
    return trouve[1]


def ligne(tab: Any, **valeurs: str) -> list[str]:
    """The only row of ``tab`` whose cells hold ``valeurs`` (column → text)."""
    trouvees = [lg for lg in tab.lignes if all(lg[tab.entetes.index(c)] == v for c, v in valeurs.items())]
    assert len(trouvees) == 1, f"{len(trouvees)} ligne(s) {valeurs} dans « {tab.nom} »"
    return trouvees[0]


# --- Every screen ---------------------------------------------------------------------------------------
ECRANS_AVANT = [("/reports", "Clôture de l'exercice et montants reportables"),
                ("/reports/demandes", "Demandes de report"), ("/reports/arretes", "Arrêtés de report"),
                ("/reports/ej-bascules", "Engagements juridiques basculés")]
ECRANS_APRES = [*ECRANS_AVANT, ("/reports?exercice=2026&programme=0150", "Clôture de l'exercice et montants reportables"),
                ("/reports/demandes/DR2026000001", "Demande de report DR2026000001"),
                ("/reports/arretes/AR2026000001", "Arrêté de report AR2026000001")]


def _campagne(client: TestClient) -> None:
    """Closed, one demande with an avis favorable, one arrêté integrated (through the screens)."""
    clore(client)
    numero = demander_0103(client)
    assert poster(client, f"/reports/demandes/{numero}/avis", avis="favorable", motif="").status_code == 303
    assert poster(client, "/reports/arretes", demandes="").status_code == 303
    assert poster(client, "/reports/arretes/AR2026000001/integration").status_code == 303


@pytest.mark.parametrize("apres_campagne", [False, True], ids=["avant la clôture", "après la campagne"])
def test_chaque_ecran_a_son_titre_ses_labels_et_le_sous_menu(client: TestClient, apres_campagne: bool) -> None:
    if apres_campagne:
        _campagne(client)
    for url, titre in ECRANS_APRES if apres_campagne else ECRANS_AVANT:
        reponse = client.get(url)
        assert reponse.status_code == 200, url
        assert h1(reponse).replace("&#39;", "'") == titre
        assert f"<title>{titre.replace(chr(39), '&#39;')} · Chorus" in reponse.text
        lecteur = lire(reponse)
        for champ in lecteur.champs:
            assert champ.get("type") == "hidden" or champ.get("id") in lecteur.labels, f"{url} : champ sans label {champ}"
        for entete in lecteur.en_tetes:
            assert entete.get("scope") == "col", f"{url} : <th> sans scope=col : {entete}"
        sous_menu = re.search(r'<nav aria-label="Clôture et campagne des reports".*?</nav>', reponse.text, re.DOTALL)
        assert sous_menu, url
        assert re.findall(r'href="([^"]*)"', sous_menu.group(0)) == ["/reports", "/reports/demandes",
                                                                    "/reports/arretes", "/reports/ej-bascules"]
        assert sous_menu.group(0).count('aria-current="page"') == 1, url


def test_le_menu_principal_mene_a_la_cloture_et_aux_reports(client: TestClient) -> None:
    accueil = client.get("/")
    menu = re.search(r'<nav aria-label="Menu principal".*?</nav>', accueil.text, re.DOTALL)
    assert menu and '<a href="/reports">Clôture et reports</a>' in menu.group(0)
    assert 'href="/reports" aria-current="page"' in client.get("/reports/demandes").text


def test_les_pages_de_la_campagne_sont_exportees() -> None:
    assert {"PageCloture", "PageDemandesReport", "PageArretesReport", "PageEjBascules"} <= set(recette.pages.__all__)


# --- Clôture et montants reportables ----------------------------------------------------------------------
def test_avant_la_cloture_l_ecran_propose_de_clore_l_exercice_courant(client: TestClient) -> None:
    page = client.get("/reports")
    assert valeur_champ(page, "clo-exercice") == "2026"
    assert 'data-testid="resume-cloture">L\'exercice 2026 n\'est pas clos : aucun montant reportable.<' in page.text
    plafonds = table(page, "Plafonds de report de l'exercice 2026")
    assert plafonds.lignes == [["Taux général", "3"], ["0172", "10"]]


def test_clore_l_exercice_affiche_les_montants_reportables_avec_le_plafond(client: TestClient) -> None:
    reponse = clore(client)
    assert reponse.headers["location"].startswith("/reports?notice=")
    assert notice(reponse) == "Exercice 2026 clos : 7 EJ basculés sur 2027, exercice 2027 ouvert le 01/01/2027"
    page = client.get(reponse.headers["location"])
    assert texte_role(page, "status") == notice(reponse)
    assert re.search(r'data-testid="exercice-courant">2027</strong> ; exercices clos : 2026\.', page.text)
    resume = re.sub(r"\s+", " ", re.search(r'data-testid="resume-cloture">(.*?)</p>', page.text, re.DOTALL)[1])
    assert resume == ("Exercice 2026 clos le 31/12/2026 par recette.nationale : 7 EJ basculés, exercice 2027 "
                      "ouvert le 01/01/2027.")  # the author is the logged-in user
    plafonds = table(page, "Plafond des reports de CP hors titre 2")
    assert ligne(plafonds, Programme="0150")[1:] == [fm(1_439_450_602_135), "3", "Non", fm(43_183_518_064),
                                                    fm(1_359_953_317_314), fm(43_183_518_064)]
    assert ligne(plafonds, Programme="0172")[2:5] == ["10", "Oui", fm(78_771_721_500)]
    reportables = table(page, "Montants reportables")
    assert reportables.entetes == ["Programme", "Titre", "Nature", "AE non consommées", "CP non consommés",
                                   "AE reportables", "CP reportables"]
    assert ligne(reportables, Programme="0150", Titre="T5", Nature="AENE")[3:] == [
        fm(2_689_203_950), fm(0), fm(2_689_203_950), fm(0)]
    assert ligne(reportables, Programme="0217", Titre="T2", Nature="FDC")[3:] == [
        fm(345_000_000), fm(345_000_000), fm(0), fm(345_000_000)]
    assert ligne(reportables, Programme="0150", Titre="T2", Nature="CP")[6] == fm(0)
    tranches = table(page, "AENE par tranche fonctionnelle")
    assert tranches.lignes == [
        ["TF0150000001", "BG00/0150-CSUP-DR75", "T5", fm(4_850_000_000), fm(2_160_796_050), fm(2_689_203_950)],
        ["TF0161000001", "BG00/0161-DGSC-AERO", "T5", fm(1_685_000_000), fm(1_685_000_000), fm(0)],
        ["TF0217000001", "BG00/0217-SGAC-CENT", "T5", fm(1_275_000_000), fm(0), fm(1_275_000_000)]]


def test_consulter_les_montants_d_un_programme(client: TestClient) -> None:
    clore(client)
    page = client.get("/reports", params={"exercice": "2026", "programme": "0103"})
    assert valeur_champ(page, "rep-programme") == "0103"
    assert [x[0] for x in table(page, "Plafond des reports de CP hors titre 2").lignes] == ["0103"]
    assert table(page, "Montants reportables").lignes == [
        ["0103", "T3", "CP", fm(0), fm(395_830_000), fm(0), fm(395_830_000)],
        ["0103", "T6", "CP", fm(0), fm(1_124_413_736), fm(0), fm(1_124_413_736)]]
    assert table(page, "AENE par tranche fonctionnelle").lignes == []


@pytest.mark.parametrize(("parametres", "statut", "message"), [
    ({"exercice": "2026", "programme": "0999"}, 404, "Programme inconnu(e) : 0999"),
    ({"exercice": "2025", "programme": "0150"}, 404, "L'exercice 2025 n'est pas clos : aucun montant reportable"),
    ({"exercice": "26"}, 422, "Exercice : « 26 » n'est pas une année (ex. 2027)"),
])
def test_une_consultation_impossible_est_expliquee(client: TestClient, parametres: dict[str, str], statut: int,
                                                   message: str) -> None:
    clore(client)
    page = client.get("/reports", params=parametres)
    assert page.status_code == statut
    assert texte_role(page, "alert") == message


def test_clore_deux_fois_ou_avec_une_date_invalide_est_refuse_et_garde_la_saisie(client: TestClient) -> None:
    page = refuse(client, "/reports/cloture", 422,
                  "Date d'ouverture : « 32/01/2027 » n'est pas une date (jj/mm/aaaa, ex. 01/01/2027)",
                  exercice="2026", date_ouverture="32/01/2027")
    assert valeur_champ(page, "clo-ouverture") == "32/01/2027" and 'class="bloc refuse"' in page.text
    clore(client)
    refuse(client, "/reports/cloture", 409, "L'exercice 2026 est déjà clos (clôture du 31/12/2026)",
           exercice="2026", date_ouverture="")
    refuse(client, "/reports/cloture", 409,
           "L'exercice 2027 ne peut être clos qu'à partir du 31/12/2027 (date du jour : 01/01/2027)",
           exercice="2027", date_ouverture="")


def test_une_date_d_ouverture_choisie_devient_la_date_du_bac(client: TestClient) -> None:
    reponse = poster(client, "/reports/cloture", exercice="2026", date_ouverture="04/01/2027")
    assert notice(reponse) == "Exercice 2026 clos : 7 EJ basculés sur 2027, exercice 2027 ouvert le 04/01/2027"
    assert client.get("/api/reports/exercice").json()["date_du_jour"] == "2027-01-04"


def test_fixer_un_plafond_majore_puis_le_taux_general(client: TestClient) -> None:
    reponse = poster(client, "/reports/plafonds", plafond_exercice="2026", plafond_programme="0150", taux="3,5")
    assert notice(reponse) == ("Plafond de report des CP hors titre 2 de l'exercice 2026 fixé : programme 0150 "
                               "(liste majorée), 3,5 %")
    reponse = poster(client, "/reports/plafonds", plafond_exercice="2026", plafond_programme="", taux="2,5 %")
    assert notice(reponse) == "Plafond de report des CP hors titre 2 de l'exercice 2026 fixé : taux général, 2,5 %"
    page = client.get("/reports")
    assert table(page, "Plafonds de report de l'exercice 2026").lignes == [
        ["Taux général", "2,5"], ["0150", "3,5"], ["0172", "10"]]
    clore(client)
    plafonds = table(client.get("/reports"), "Plafond des reports de CP hors titre 2")
    assert ligne(plafonds, Programme="0150")[2:5] == ["3,5", "Oui", fm(50_380_771_074)]
    assert ligne(plafonds, Programme="0103")[2:5] == ["2,5", "Non", fm(1_652_651_950)]


@pytest.mark.parametrize(("champs", "statut", "message"), [
    ({"plafond_programme": "0150", "taux": "dix"}, 422, "Taux (%) : « dix » n'est pas un pourcentage (ex. 5,5)"),
    ({"plafond_programme": "0150", "taux": "120"}, 422, "Taux de plafond de report invalide : 120 % (entre 0 et 100)"),
    ({"plafond_programme": "0999", "taux": "5"}, 404, "Programme inconnu(e) : 0999"),
])
def test_un_plafond_invalide_est_refuse(client: TestClient, champs: dict[str, str], statut: int, message: str) -> None:
    page = refuse(client, "/reports/plafonds", statut, message, plafond_exercice="2026", **champs)
    assert valeur_champ(page, "pla-taux") == champs["taux"]


# --- Demandes de report et avis ------------------------------------------------------------------------------
def test_deposer_une_demande_puis_la_consulter(client: TestClient) -> None:
    clore(client)
    reponse = poster(client, "/reports/demandes", **LIGNES_0103)
    assert reponse.headers["location"].startswith("/reports/demandes/DR2026000001?notice=")
    assert notice(reponse) == ("Demande de report DR2026000001 déposée : programme 0103, 2 ligne(s), "
                               f"AE {fm(0)} et CP {fm(1_520_243_736)}")
    page = client.get(reponse.headers["location"])
    assert h1(page) == "Demande de report DR2026000001"
    assert re.search(r'data-testid="demande-Statut">Déposée<', page.text)
    assert re.search(r'data-testid="demande-Auteur">recette.nationale<', page.text)  # the logged-in user
    assert table(page, "Lignes de la demande de report DR2026000001").lignes == [
        ["T3", "CP", fm(0), fm(395_830_000), fm(0), fm(395_830_000)],
        ["T6", "CP", fm(0), fm(1_124_413_736), fm(0), fm(1_124_413_736)]]
    historique = table(page, "Historique de la demande de report DR2026000001")
    assert [x[1:] for x in historique.lignes] == [
        ["recette.nationale", "Demande de report", "Déposée",
         f"Programme 0103, 2 ligne(s), AE {fm(0)}, CP {fm(1_520_243_736)}"]]
    liste = table(client.get("/reports/demandes"), "Demandes de report")
    assert liste.lignes == [["DR2026000001", "2026", "0103", "01/01/2027", "Déposée", fm(0), fm(1_520_243_736), "—"]]


@pytest.mark.parametrize(("modif", "statut", "message"), [
    ({"cp": ["3 958 300,00", "", "abc", ""]}, 422, "Ligne 3, CP : « abc » n'est pas un montant"),
    ({"titre": ["", "", "", ""], "nature": ["", "", "", ""], "cp": ["", "", "", ""]}, 422,
     "Une demande de report comporte au moins une ligne"),
    ({"nature": ["CP", "", "AENE", ""]}, 422, "Ligne 2 (titre 6, AENE) : une ligne AENE ne porte que des AE"),
    ({"programme": ""}, 422, "Programme : champ obligatoire"),
])
def test_une_demande_invalide_est_refusee_et_garde_la_saisie(client: TestClient, modif: dict[str, Any], statut: int,
                                                             message: str) -> None:
    clore(client)
    page = refuse(client, "/reports/demandes", statut, message, **{**LIGNES_0103, **modif})
    assert valeur_champ(page, "dem-programme") == (modif.get("programme", "0103"))
    if "cp" in modif:
        assert valeur_champ(page, "dem-ligne3-cp") == modif["cp"][2]
    assert option_choisie(page, "dem-ligne1-titre") == (modif.get("titre") or LIGNES_0103["titre"])[0]


def test_une_demande_avant_la_cloture_est_refusee(client: TestClient) -> None:
    refuse(client, "/reports/demandes", 409,
           "L'exercice 2025 n'est pas clos : la campagne des reports commence à sa clôture", **LIGNES_0103)


def test_l_avis_du_controleur_budgetaire(client: TestClient) -> None:
    clore(client)
    numero = demander_0103(client)
    url = f"/reports/demandes/{numero}/avis"
    page = refuse(client, url, 422, "Avis : champ obligatoire (favorable ou défavorable)", avis="", motif="motif")
    assert valeur_champ(page, "avis-motif") == "motif"
    page = refuse(client, url, 422, "Le motif est obligatoire pour un avis défavorable", avis="défavorable", motif=" ")
    assert option_choisie(page, "avis-sens") == "défavorable"
    reponse = poster(client, url, avis="défavorable", motif="Reports déjà redéployés")
    assert notice(reponse) == f"Avis défavorable enregistré sur la demande de report {numero} : Reports déjà redéployés"
    page = client.get(reponse.headers["location"])
    assert re.search(r'data-testid="demande-Statut">Avis défavorable<', page.text)
    assert re.search(r'data-testid="demande-Motif de l&#39;avis">Reports déjà redéployés<', page.text)
    refuse(client, url, 409, f"La demande de report {numero} a déjà reçu un avis défavorable : un seul avis par demande",
           avis="favorable", motif="")


# --- Arrêtés de report et intégration ------------------------------------------------------------------------
def test_arreter_puis_integrer_une_seule_fois(client: TestClient) -> None:
    clore(client)
    numero = demander_0103(client)
    refuse(client, "/reports/arretes", 409, f"La demande de report {numero} attend l'avis du contrôleur budgétaire",
           demandes=numero)
    poster(client, f"/reports/demandes/{numero}/avis", avis="favorable", motif="")
    avec_avis = table(client.get("/reports/arretes"), "Demandes de report avec avis favorable")
    assert avec_avis.lignes == [[numero, "0103", "01/01/2027", fm(0), fm(1_520_243_736)]]
    refuse(client, "/reports/integration", 409,
           f"La demande de report {numero} n'a fait l'objet d'aucun arrêté de report : rien à intégrer",
           numero=numero.lower())
    reponse = poster(client, "/reports/arretes", demandes=f" {numero.lower()} ")
    assert reponse.headers["location"].startswith("/reports/arretes/AR2026000001?notice=")
    assert notice(reponse) == f"Arrêté de report AR2026000001 signé : 1 demande(s), AE {fm(0)} et CP {fm(1_520_243_736)} accordés"
    page = client.get(reponse.headers["location"])
    assert re.search(r'data-testid="arrete-Statut">Signé<', page.text)
    assert table(page, "Lignes de l'arrêté de report AR2026000001").lignes[1] == [
        numero, "0103", "T6", "CP", fm(0), fm(0), fm(0), fm(1_124_413_736), fm(1_124_413_736), fm(1_124_413_736)]
    reponse = poster(client, "/reports/arretes/AR2026000001/integration")
    assert notice(reponse) == (f"Arrêté de report AR2026000001 intégré : AE {fm(0)} et CP {fm(1_520_243_736)} "
                               "ouverts sur l'exercice 2027")
    page = client.get(reponse.headers["location"])
    assert re.search(r'data-testid="arrete-Statut">Intégré<', page.text)
    assert re.search(r'data-testid="arrete-Intégré par">recette.nationale<', page.text)
    assert [x[2:4] for x in table(page, "Historique de l'arrêté de report AR2026000001").lignes] == [
        ["Arrêté de report", "Signé"], ["Intégration de l'arrêté de report", "Intégré"]]
    situation = client.get("/api/situation/programme/0103?exercice=2027").json()["lignes"]
    assert [(x["titre"], x["cp_ouverts"]) for x in situation[:-1]] == [("3", "3958300.00"), ("6", "11244137.36")]
    message = ("L'arrêté de report AR2026000001 est déjà intégré (le 01/01/2027) : ses crédits sont déjà ouverts "
               "sur l'exercice 2027")
    refuse(client, "/reports/arretes/AR2026000001/integration", 409, message)
    page = refuse(client, "/reports/integration", 409, message, numero="AR2026000001")
    assert valeur_champ(page, "int-numero") == "AR2026000001"
    assert cellule(client.get("/reports/arretes"), "Arrêtés de report", "AR2026000001", "Statut") == "Intégré"


def test_un_arrete_sans_demande_favorable_ou_inconnu_est_refuse(client: TestClient) -> None:
    clore(client)
    refuse(client, "/reports/arretes", 409, "Aucune demande de report avec avis favorable à arrêter pour l'exercice 2026",
           demandes="")
    refuse(client, "/reports/integration", 404, "Arrêté de report inconnu(e) : AR2026000009", numero="AR2026000009")
    assert client.get("/reports/arretes/AR2026000009").status_code == 404
    assert client.get("/reports/demandes/DR2026000009").status_code == 404


# --- EJ basculés -------------------------------------------------------------------------------------------
def test_les_ej_bascules_et_leurs_totaux(client: TestClient) -> None:
    avant = table(client.get("/reports/ej-bascules"), "EJ basculés de l'exercice 2025")  # carried in by the dataset
    assert [x[0] for x in avant.lignes] == ["2103104412", "Total"]
    assert "Aucun engagement juridique basculé de l'exercice 2024" in client.get("/reports/ej-bascules?exercice=2024").text
    clore(client)
    page = client.get("/reports/ej-bascules")
    assert valeur_champ(page, "bas-exercice") == "2026"
    tab = table(page, "EJ basculés de l'exercice 2026")
    assert [x[0] for x in tab.lignes] == ["2103000002", "2103000003", "2103000004", "2103000005", "2103000009",
                                          "2103000011", "2103104412", "Total"]
    assert ligne(tab, **{"N° EJ": "2103000002"})[4:10] == ["2026", "01/01/2027", fm(59_400_000), fm(59_399_999),
                                                            fm(1), fm(1)]
    assert ligne(tab, **{"N° EJ": "2103104412"})[4] == "2025"
    assert tab.lignes[-1][8] == fm(4_421_489_359)
    page = client.get("/reports/ej-bascules", params={"exercice": "deux mille"})
    assert page.status_code == 422
    assert texte_role(page, "alert") == "Exercice : « deux mille » n'est pas une année (ex. 2026)"


# --- Périmètres --------------------------------------------------------------------------------------------
def test_un_rprog_ne_voit_que_ses_programmes(client: TestClient, bac: Bac, connecter: Callable[..., TestClient]) -> None:
    clore(client)
    numero = demander_0103(client)
    rprog = connecter(TestClient(creer_application(bac)), "claire.fontaine")  # RPROG of 0150 only
    page = rprog.get("/reports")
    assert {x[0] for x in table(page, "Montants reportables").lignes} == {"0150"}
    assert [x[0] for x in table(page, "AENE par tranche fonctionnelle").lignes] == ["TF0150000001"]
    assert "Aucune demande de report." in rprog.get("/reports/demandes").text
    refus = rprog.get(f"/reports/demandes/{numero}")
    assert refus.status_code == 403
    assert re.fullmatch(r"Accès refusé : .+ est hors de votre périmètre", texte_role(refus, "alert"))


def test_un_arrete_de_plusieurs_programmes_ne_montre_a_chacun_que_ses_lignes(client: TestClient, bac: Bac,
                                                                           connecter: Callable[..., TestClient]) -> None:
    clore(client)
    numeros = [demander_0103(client)]
    reponse = poster(client, "/reports/demandes", programme="0150", titre=["5"], nature=["AENE"], ae=["26 892 039,50"],
                     cp=[""])
    numeros.append(re.match(r"/reports/demandes/(DR\d{10})\?", reponse.headers["location"])[1])  # type: ignore[index]
    for numero in numeros:
        poster(client, f"/reports/demandes/{numero}/avis", avis="favorable", motif="")
    assert poster(client, "/reports/arretes", demandes="").status_code == 303
    assert len(table(client.get("/reports/arretes/AR2026000001"), "Lignes de l'arrêté de report AR2026000001").lignes) == 3
    rprog = connecter(TestClient(creer_application(bac)), "claire.fontaine")  # RPROG of 0150 only
    page = rprog.get("/reports/arretes/AR2026000001")
    assert table(page, "Lignes de l'arrêté de report AR2026000001").lignes == [
        [numeros[1], "0150", "T5", "AENE", fm(2_689_203_950), fm(2_689_203_950), fm(2_689_203_950), fm(0), fm(0), fm(0)]]
    assert re.search(rf'data-testid="arrete-AE accordées" class="montant">{fm(2_689_203_950)}<', page.text)
    assert re.search(rf'data-testid="arrete-CP accordés" class="montant">{fm(0)}<', page.text)
    assert cellule(rprog.get("/reports/arretes"), "Arrêtés de report", "AR2026000001", "CP accordés") == fm(0)
    autre = connecter(TestClient(creer_application(bac)), "thomas.girard")  # RPROG of 0217: not in the arrêté
    refus = autre.get("/reports/arretes/AR2026000001")
    assert (refus.status_code, texte_role(refus, "alert")) == (
        403, "Accès refusé : l'arrêté de report AR2026000001 est hors de votre périmètre")
    assert 'href="/reports/arretes/AR2026000001"' not in autre.get("/reports/arretes").text


def test_les_ecrans_de_la_campagne_suivent_la_matrice(client: TestClient, bac: Bac,
                                                     connecter: Callable[..., TestClient]) -> None:
    clore(client)
    rprog = connecter(TestClient(creer_application(bac)), "claire.fontaine")  # RPROG of 0150 only
    refuse(rprog, "/reports/demandes", 403,
           "Accès refusé : le programme 0103 est hors de votre périmètre pour demander un report de crédits", **LIGNES_0103)
    numero = demander_0103(client)
    cbcm = connecter(TestClient(creer_application(bac)), "helene.mercier")  # contrôleur of 0150, 0172, 0231
    # 0103 is not the contrôleur's: the avis is refused, then the demande's page itself
    refuse(cbcm, f"/reports/demandes/{numero}/avis", 403,
           f"Accès refusé : la demande de report {numero} est hors de votre périmètre", avis="favorable", motif="")
    refuse(cbcm, "/reports/arretes", 403, "Accès refusé : aucun de vos rôles ne permet de prendre un arrêté de report",
           demandes="")
    refuse(rprog, "/reports/plafonds", 403,
           "Accès refusé : aucun de vos rôles ne permet de fixer les plafonds de report des CP",
           plafond_exercice="2027", plafond_programme="0150", taux="5")
