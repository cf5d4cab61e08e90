"""Screens of the in-year regulation: every screen, every form, success notices and refusals.

``mini`` dataset (cents in comments): LFI 0150 T2 1 000 000,00 € (réserve 5 000,00 €), T3 AE
1 000 000,00 € / CP 800 000,00 € (réserve 50 000,00 € / 40 000,00 €, disponibles 450 000,00 € /
360 000,00 € after the mises à disposition), T5 2 000 000,00 € / 500 000,00 € ; 0217 (MTE) T3
400 000,00 € (réserve 20 000,00 €). LFI of 0150: AE 4 000 000,00 €, CP 2 300 000,00 € (2 % :
80 000,00 € and 46 000,00 €). ``ajouter_0172`` adds a MESR programme with 1 000 000,00 € of LFI.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable

import pytest
from httpx import Response

import recette.pages
from chorus_sandbox.domaine.montants import format_montant as fm
from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application
from test_api_regulation import ajouter_0172
from test_ui import (
    euros,
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

ECRANS = [
    ("/regulation", "Régulation budgétaire"),
    ("/regulation/lois-rectificatives", "Loi de finances rectificative"),
    ("/regulation/degel", "Dégel de la réserve de précaution"),
    ("/regulation/surgel", "Surgel de crédits"),
    ("/regulation/annulation-reserve", "Annulation de crédits mis en réserve"),
    ("/regulation/virements", "Virement de crédits"),
    ("/regulation/transferts", "Transfert de crédits"),
    ("/regulation/fongibilite", "Fongibilité asymétrique"),
    ("/regulation/fonds-de-concours", "Rattachement d'un fonds de concours"),
]


@pytest.fixture
def client(bac: Bac, connecter: Callable[..., TestClient]) -> TestClient:
    """A client on the mini dataset, reset before each test, logged in (token)."""
    return connecter(TestClient(creer_application(bac)))


def credits(reponse: Response, programme: str, titre: str, colonne: str) -> str:
    """A cell of the table « Crédits des programmes par titre » (rows keyed by programme and titre)."""
    tab = table(reponse, "Crédits des programmes par titre")
    ligne = next(lg for lg in tab.lignes if lg[:2] == [programme, f"T{titre}"])
    return ligne[tab.entetes.index(colonne)]


def situation(client: TestClient, programme: str, titre: str) -> dict[str, str]:
    lignes = client.get(f"/api/situation/programme/{programme}").json()["lignes"]
    return next(x for x in lignes if x["titre"] == titre)


def etat(client: TestClient) -> dict[str, object]:
    """What a refused operation must leave unchanged."""
    return {url: client.get(url).json() for url in ("/api/situation/programme/0150", "/api/situation/programme/0217",
                                                     "/api/regulation/mouvements", "/api/lois-de-finances")}


def refuse(client: TestClient, url: str, statut: int, message: str, **champs: str) -> Response:
    return refuse_sans_effet(client, etat, url, statut, message, **champs)


# --- Every screen ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "titre"), ECRANS)
def test_chaque_ecran_a_son_titre_ses_labels_et_le_menu_de_la_regulation(client: TestClient, url: str,
                                                                          titre: str) -> None:
    reponse = client.get(url)
    assert reponse.status_code == 200
    assert h1(reponse).replace("&#39;", "'") == titre
    lecteur = lire(reponse)
    for champ in lecteur.champs:
        assert champ.get("type") == "hidden" or champ.get("id") in lecteur.labels, f"champ sans <label for> : {champ}"
    for entete in lecteur.en_tetes:
        assert entete.get("scope") == "col", f"<th> sans scope=col : {entete}"
    sous_menu = re.search(r'<nav aria-label="Opérations de régulation".*?</nav>', reponse.text, re.DOTALL)
    assert sous_menu
    assert re.findall(r'href="(/regulation[^"]*)"', sous_menu.group(0)) == [u for u, _ in ECRANS]
    assert f'href="{url}" aria-current="page"' in sous_menu.group(0)


def test_le_menu_principal_et_l_accueil_menent_a_la_regulation(client: TestClient) -> None:
    accueil = client.get("/")
    menu = re.search(r'<nav aria-label="Menu principal".*?</nav>', accueil.text, re.DOTALL)
    assert menu and '<a href="/regulation">Régulation</a>' in menu.group(0)
    assert '<a href="/regulation">Régulation</a><span>LFR, réserve de précaution' in accueil.text
    assert 'href="/regulation" aria-current="page"' in client.get("/regulation/degel").text


def test_les_pages_de_la_regulation_sont_exportees() -> None:
    assert {"PageLoiRectificative", "PageDegel", "PageSurgel", "PageAnnulationReserve", "PageVirement",
            "PageTransfert", "PageFongibilite", "PageFondsDeConcours", "PageRegulation"} <= set(recette.pages.__all__)
    assert all(hasattr(recette.pages, nom) for nom in recette.pages.__all__)


# --- Réserve de précaution ---------------------------------------------------------------------------------
def test_degeler_toute_la_reserve_puis_un_centime_de_plus(client: TestClient) -> None:
    reponse = poster(client, "/regulation/degel", programme="0150", titre="3", ae="50 000,00", cp="40000")
    assert reponse.status_code == 303
    assert reponse.headers["location"].startswith("/regulation/degel?notice=")
    assert notice(reponse) == f"Dégel enregistré : programme 0150, titre 3, AE {euros(50_000)}, CP {euros(40_000)}"
    page = client.get(reponse.headers["location"])
    assert texte_role(page, "status") == notice(reponse)
    assert credits(page, "0150", "3", "AE réservées") == euros(0)
    assert credits(page, "0150", "3", "AE disponibles") == euros(500_000)
    assert credits(page, "0150", "3", "CP disponibles") == euros(400_000)
    assert table(page, "Mouvements de régulation").lignes[0][1:8] == [
        "Dégel", "0150", "T3", "0150", "T3", euros(50_000), euros(40_000)]
    refus = refuse(client, "/regulation/degel", 409,
                   f"Dégel refusé : {fm(1)} demandés, {fm(0)} réservés en AE sur le programme 0150 (titre 3)",
                   programme="0150", titre="T3", ae="0,01", cp="")
    assert valeur_champ(refus, "reg-ae") == "0,01"
    assert option_choisie(refus, "reg-titre") == "3"


def test_un_degel_au_dela_de_la_reserve_garde_la_saisie(client: TestClient) -> None:
    reponse = refuse(client, "/regulation/degel", 409,
                     f"Dégel refusé : {fm(5_000_001)} demandés, {fm(5_000_000)} réservés en AE sur le programme 0150 "
                     "(titre 3)", programme="0150", titre="3", ae="50 000,01", cp="")
    assert h1(reponse) == "Dégel de la réserve de précaution"
    assert valeur_champ(reponse, "reg-programme") == "0150"
    assert valeur_champ(reponse, "reg-ae") == "50 000,01"
    assert valeur_champ(reponse, "reg-cp") == ""


def test_surgeler_puis_annuler_la_reserve(client: TestClient) -> None:
    surgel = poster(client, "/regulation/surgel", programme="0217", titre="3", ae="380 000,00", cp="1")
    assert notice(surgel) == f"Surgel enregistré : programme 0217, titre 3, AE {euros(380_000)}, CP {euros(1)}"
    refuse(client, "/regulation/surgel", 409,
           f"Surgel refusé : {fm(1)} demandés, {fm(0)} disponibles en AE sur le programme 0217 (titre 3)",
           programme="0217", titre="3", ae="0,01", cp="")
    annulation = poster(client, "/regulation/annulation-reserve", programme="0217", titre="3", ae="400 000",
                        cp="20 001,00")
    assert notice(annulation) == (f"Annulation de réserve enregistrée : programme 0217, titre 3, AE {euros(400_000)}, "
                                  f"CP {euros(20_001)}")
    apres = situation(client, "0217", "3")
    assert [apres[c] for c in ("ae_ouverts", "ae_reserves", "ae_disponibles", "cp_ouverts", "cp_reserves",
                               "cp_disponibles")] == ["0.00", "0.00", "0.00", "379999.00", "0.00", "379999.00"]
    refuse(client, "/regulation/annulation-reserve", 409,
           f"Annulation refusée : {fm(1)} demandés, {fm(0)} réservés en CP sur le programme 0217 (titre 3)",
           programme="0217", titre="3", ae="", cp="0,01")


@pytest.mark.parametrize(("champs", "statut", "message"), [
    ({"programme": "", "titre": "3", "ae": "1", "cp": ""}, 422, "Programme : champ obligatoire"),
    ({"programme": "150", "titre": "3", "ae": "1", "cp": ""}, 422,
     "Code programme invalide : « 150 » (format attendu : 4 chiffres, ex. 0150)"),
    ({"programme": "0999", "titre": "3", "ae": "1", "cp": ""}, 404, "Programme inconnu(e) : 0999"),
    ({"programme": "0150", "titre": "", "ae": "1", "cp": ""}, 422, "Titre invalide : « » (attendu 2, 3, 5 ou 6, ou T2…)"),
    ({"programme": "0150", "titre": "3", "ae": "", "cp": ""}, 422,
     "Le mouvement porte sur un montant d'AE ou de CP non nul"),
    ({"programme": "0150", "titre": "3", "ae": "-1", "cp": ""}, 422, f"Le montant AE ne peut pas être négatif ({fm(-100)})"),
    ({"programme": "0150", "titre": "3", "ae": "1,001", "cp": ""}, 422, "Montant AE : 1,001 a plus de deux décimales"),
    ({"programme": "0150", "titre": "3", "ae": "1", "cp": "douze"}, 422, "Montant CP : « douze » n'est pas un montant"),
])
def test_une_saisie_invalide_est_refusee_en_francais(client: TestClient, champs: dict[str, str], statut: int,
                                                     message: str) -> None:
    refuse(client, "/regulation/surgel", statut, message, **champs)


# --- Virements et transferts ----------------------------------------------------------------------------------
def test_virer_jusqu_au_plafond_de_2_pourcent_puis_un_centime_de_trop(client: TestClient, bac: Bac) -> None:
    bac.executer(ajouter_0172)
    reponse = poster(client, "/regulation/virements", source="0150", destination="0172", titre="3",
                     titre_destination="", ae="20 000,00", cp="15 000")
    assert notice(reponse) == (f"Virement enregistré : programme 0150 titre 3 → programme 0172 titre 3, "
                               f"AE {euros(20_000)}, CP {euros(15_000)}")
    refus = refuse(client, "/regulation/virements", 409,
                   "Virement refusé : le cumul des virements du programme 0172 atteindrait 2,01 % de ses crédits LFI "
                   f"en AE (plafond 2 %) : {fm(1)} demandés, {fm(0)} encore possibles",
                   source="0150", destination="0172", titre="3", titre_destination="", ae="0,01", cp="")
    assert valeur_champ(refus, "reg-destination") == "0172"
    assert option_choisie(refus, "reg-titre-destination") == ""
    assert table(refus, "Plafond des virements").entetes == [
        "Programme", "Libellé", "AE LFI", "Plafond AE", "Virements AE", "Reste AE", "CP LFI", "Plafond CP",
        "Virements CP", "Reste CP"]
    consultation = client.get("/regulation")
    lignes = {lg[0]: lg[2:] for lg in table(consultation, "Plafond des virements").lignes}
    assert lignes == {
        "0150": [euros(4_000_000), euros(80_000), euros(20_000), euros(60_000), euros(2_300_000), euros(46_000),
                 euros(15_000), euros(31_000)],
        "0172": [euros(1_000_000), euros(20_000), euros(20_000), euros(0), euros(1_000_000), euros(20_000),
                 euros(15_000), euros(5_000)],
        "0217": [euros(400_000), euros(8_000), euros(0), euros(8_000), euros(400_000), euros(8_000), euros(0),
                 euros(8_000)]}


def test_un_virement_qui_abonderait_le_titre_2_est_refuse(client: TestClient, bac: Bac) -> None:
    bac.executer(ajouter_0172)
    reponse = refuse(client, "/regulation/virements", 409,
                     "Fongibilité asymétrique : aucun crédit ne peut abonder le titre 2 (programme 0172)",
                     source="0150", destination="0172", titre="3", titre_destination="2", ae="1", cp="1")
    assert option_choisie(reponse, "reg-titre-destination") == "2"


def test_transferer_entre_ministeres_et_non_virer(client: TestClient) -> None:
    refuse(client, "/regulation/virements", 409,
           "Virement refusé : les programmes 0150 (MESR) et 0217 (MTE) relèvent de ministères différents "
           "(utiliser un transfert)", source="0150", destination="0217", titre="3", titre_destination="", ae="1",
           cp="1")
    refuse(client, "/regulation/transferts", 409,
           f"Transfert refusé : {fm(45_000_001)} demandés, {euros(450_000)} disponibles en AE sur le programme "
           "0150 (titre 3)", source="0150", destination="0217", titre="3", titre_destination="5", ae="450 000,01",
           cp="")
    reponse = poster(client, "/regulation/transferts", source="0150", destination="0217", titre="3",
                     titre_destination="5", ae="450 000,00", cp="360 000,00")
    assert notice(reponse) == (f"Transfert enregistré : programme 0150 titre 3 → programme 0217 titre 5, "
                               f"AE {euros(450_000)}, CP {euros(360_000)}")
    assert (situation(client, "0150", "3")["ae_disponibles"], situation(client, "0217", "5")["ae_ouverts"]) == (
        "0.00", "450000.00")
    refuse(client, "/regulation/transferts", 409,
           "Le programme source et le programme destination sont identiques (0217)", source="0217",
           destination="0217", titre="3", titre_destination="", ae="1", cp="")


# --- Fongibilité, fonds de concours --------------------------------------------------------------------------
def test_fongibilite_du_titre_2_vers_le_titre_3_jamais_l_inverse(client: TestClient) -> None:
    refus = refuse(client, "/regulation/fongibilite", 409,
                   "Fongibilité asymétrique : aucun crédit ne peut abonder le titre 2 (programme 0150)",
                   programme="0150", titre_source="3", titre_destination="2", ae="1", cp="1")
    assert (option_choisie(refus, "reg-titre-source"), option_choisie(refus, "reg-titre-destination")) == ("3", "2")
    reponse = poster(client, "/regulation/fongibilite", programme="0150", titre_source="T2", titre_destination="T3",
                     ae="995 000,00", cp="0,01")
    assert notice(reponse) == (f"Fongibilité enregistrée : programme 0150, titre 2 → titre 3, AE {euros(995_000)}, "
                               f"CP {fm(1)}")
    page = client.get(reponse.headers["location"])
    assert credits(page, "0150", "2", "AE disponibles") == euros(0)
    assert credits(page, "0150", "3", "AE ouvertes") == euros(1_995_000)
    refuse(client, "/regulation/fongibilite", 422, "Fongibilité : le titre source et le titre destination sont "
           "identiques (3)", programme="0150", titre_source="3", titre_destination="3", ae="1", cp="")


def test_rattacher_un_fonds_de_concours(client: TestClient) -> None:
    reponse = poster(client, "/regulation/fonds-de-concours", programme="0217", titre="3", montant="12 345,67 €",
                     reference=" FDC 1-2-00123 ")
    assert notice(reponse) == (f"Fonds de concours rattaché : programme 0217, titre 3, AE {fm(1_234_567)}, "
                               f"CP {fm(1_234_567)} (référence FDC 1-2-00123)")
    assert situation(client, "0217", "3")["ae_ouverts"] == situation(client, "0217", "3")["cp_ouverts"] == "412345.67"
    page = client.get(reponse.headers["location"])
    assert table(page, "Mouvements de régulation").lignes[0][1:] == [
        "Fonds de concours", "—", "—", "0217", "T3", fm(1_234_567), fm(1_234_567), "FDC 1-2-00123"]
    sans_reference = poster(client, "/regulation/fonds-de-concours", programme="0217", titre="3", montant="1",
                            reference="")
    assert notice(sans_reference).endswith(f"AE {euros(1)}, CP {euros(1)}")
    refuse(client, "/regulation/fonds-de-concours", 422, "Référence : 200 caractères au plus", programme="0217",
           titre="3", montant="1", reference="x" * 201)
    refuse(client, "/regulation/fonds-de-concours", 422, "Montant : champ obligatoire", programme="0217", titre="3",
           montant="", reference="")
    refuse(client, "/regulation/fonds-de-concours", 422, "Le montant du fonds de concours doit être strictement "
           f"positif ({fm(-100)})", programme="0217", titre="3", montant="-1", reference="")


# --- Loi de finances rectificative -------------------------------------------------------------------------
def integrer(client: TestClient, csv: str, identifiant: str = "LFR 2026-1", url: str = "/regulation/lois-rectificatives",
             **autres: str) -> Response:
    return client.post(url, data={"identifiant": identifiant, **autres},
                       files={"fichier": ("lfr.csv", csv.encode("utf-8"), "text/csv")}, follow_redirects=False)


def test_une_lfr_ouvre_et_annule_des_credits(client: TestClient) -> None:
    csv = "programme;titre;ae;cp\n0150;3;-450 000,00;1 000,50\n0217;T3;20 000;-0,01\n"
    reponse = integrer(client, csv)
    assert reponse.status_code == 303
    assert notice(reponse) == (f"Loi de finances rectificative « LFR 2026-1 » intégrée : 2 lignes ; ouvertures "
                               f"AE {euros(20_000)}, CP {fm(100_050)} ; annulations AE {euros(450_000)}, CP {fm(1)}")
    page = client.get(reponse.headers["location"])
    assert table(page, "Lignes de la loi LFR 2026-1").lignes == [
        ["0150", "T3", fm(-45_000_000), fm(100_050)], ["0217", "T3", euros(20_000), fm(-1)]]
    assert situation(client, "0150", "3")["ae_disponibles"] == "0.00"
    assert "LFR 2026-1" in client.get("/lois-de-finances").text
    deux_fois = integrer(client, csv)
    assert deux_fois.status_code == 409
    assert texte_role(deux_fois, "alert") == "La loi de finances « LFR 2026-1 » est déjà intégrée"


def test_une_lfr_refusee_garde_l_identifiant_et_nomme_la_ligne(client: TestClient) -> None:
    avant = etat(client)
    reponse = integrer(client, "programme;titre;ae;cp\n0150;3;-450 000,01;0\n")
    assert reponse.status_code == 409
    assert texte_role(reponse, "alert") == (
        f"Annulation par la loi « LFR 2026-1 » refusée : {fm(45_000_001)} à annuler, "
        f"{euros(450_000)} disponibles en AE sur le programme 0150 (titre 3)")
    assert valeur_champ(reponse, "lfr-identifiant") == "LFR 2026-1"
    illisible = integrer(client, "programme;titre;ae;cp\n0150;3;1;1\n0217;3;12,345;0\n")
    assert texte_role(illisible, "alert") == "Fichier CSV, ligne 3 : AE : 12,345 a plus de deux décimales"
    sans_identifiant = integrer(client, "programme;titre;ae;cp\n0150;3;1;1\n", identifiant=" ")
    assert texte_role(sans_identifiant, "alert") == "Identifiant : champ obligatoire"
    assert etat(client) == avant


def test_la_lfi_refuse_toujours_les_montants_negatifs(client: TestClient) -> None:
    reponse = integrer(client, "programme;titre;ae;cp\n0150;3;-1;1\n", identifiant="LFI bis", url="/lois-de-finances",
                       taux_t2="0", taux_hors_t2="0")
    assert reponse.status_code == 422
    assert texte_role(reponse, "alert") == f"Fichier CSV, ligne 2 : montant négatif (AE {fm(-100)}, CP {fm(100)})"


# --- Consultation ------------------------------------------------------------------------------------------
def test_la_consultation_liste_les_mouvements_dans_l_ordre(client: TestClient) -> None:
    for url, champs in (("/regulation/surgel", {"programme": "0217", "titre": "3", "ae": "1", "cp": "2"}),
                        ("/regulation/degel", {"programme": "0150", "titre": "2", "ae": "3", "cp": ""})):
        assert poster(client, url, **champs).status_code == 303
    tab = table(client.get("/regulation"), "Mouvements de régulation")
    assert [lg[1:8] for lg in tab.lignes[:-1]] == [
        ["Surgel", "0217", "T3", "0217", "T3", euros(1), euros(2)],
        ["Dégel", "0150", "T2", "0150", "T2", euros(3), euros(0)]]
    assert (tab.lignes[-1][0], tab.lignes[-1][6:8]) == ("Total", [euros(4), euros(2)])
    assert re.fullmatch(r"\d{2}/\d{2}/2026", tab.lignes[0][0])
    assert table(client.get("/regulation/degel"), "Mouvements de régulation").lignes[0][1] == "Dégel"


def test_consulter_un_autre_exercice_ou_un_exercice_invalide(client: TestClient) -> None:
    suivant = client.get("/regulation?exercice=2027")
    assert suivant.status_code == 200
    assert "Aucun mouvement sur l'exercice 2027." in suivant.text
    assert "Aucune loi de finances initiale sur l'exercice 2027 : aucun virement possible." in suivant.text
    assert valeur_champ(suivant, "reg-exercice") == "2027"
    invalide = client.get("/regulation?exercice=deux")
    assert invalide.status_code == 422
    assert texte_role(invalide, "alert") == "Exercice : « deux » n'est pas une année (ex. 2026)"
    assert valeur_champ(invalide, "reg-exercice") == "deux"
