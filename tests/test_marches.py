"""Marchés publics and accords-cadres (issue 17, domain doc §12): creation, bons de commande under
the maximum, the dates, the UO and the titulaire, the catalogued defect, the suivi, the API, the
screens and the restitution SUIVI-MARCHES."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from openpyxl import load_workbook

from chorus_sandbox import jeux
from chorus_sandbox import restitutions as r
from chorus_sandbox.domaine import marches as mc
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine import regles
from chorus_sandbox.domaine.depot import DepotMemoire
from chorus_sandbox.domaine.erreurs import AccesRefuse, DonneeInvalide, ObjetInconnu, RegleDeGestion
from chorus_sandbox.domaine.habilitations import Habilitation, autoriser
from chorus_sandbox.domaine.regles import Contexte
from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application

DR75, ASPR = "BG00/0150-CSUP-DR75", "BG00/0217-SGAC-ASPR"
TITULAIRE, AUTRE = "1000012345", "1000067890"
NBSP = "\u00a0"
POSTE = {"montant": "1000.00", "domaine_fonctionnel": "0150-01-02", "activite": "BG00/015001010101"}
MARCHE = {"nature": "accord-cadre", "objet": "Fournitures informatiques", "titulaire": TITULAIRE, "uo": DR75,
          "date_debut": "2026-01-01", "date_fin": "2027-12-31", "montant_maximum": "1000.00"}


def euros(texte: str) -> str:
    """``1 000,01 €`` as the sandbox writes it: a non-breaking space between thousands, before € and %."""
    return re.sub(r"(?<=\d) (?=\d{3}\b|€|%)", NBSP, texte)


def avec(*defauts: str, jour: dt.date = dt.date(2026, 6, 15)) -> Contexte:
    return Contexte(2026, jour, frozenset(defauts))


def creer(depot: DepotMemoire, ctx: Contexte, maximum: int | None = 100_000, nature: str = "accord-cadre",
          debut: dt.date = dt.date(2026, 1, 1), fin: dt.date = dt.date(2027, 12, 31)) -> m.Marche:
    return mc.creer_marche(depot, ctx, nature, "Fournitures informatiques", TITULAIRE, DR75, debut, fin, maximum)


def bon(depot: DepotMemoire, ctx: Contexte, marche: str, montant: int, fournisseur: str = TITULAIRE,
        uo: str = DR75) -> m.EngagementJuridique:
    postes = [op.PosteDemande(montant, "0150-01-02", "BG00/015001010101")]
    return op.engager(depot, ctx, uo, "3", fournisseur, "Bon de commande", postes, None, marche)


# --- Creation ------------------------------------------------------------------------------------
def test_numero_annee_de_debut_programme_rang(depot_mini, ctx) -> None:
    premiers = [creer(depot_mini, ctx).numero, creer(depot_mini, ctx, None, "marche").numero,
                creer(depot_mini, ctx, debut=dt.date(2025, 3, 1)).numero]
    assert premiers == ["2026-0150-00001", "2026-0150-00002", "2025-0150-00001"]
    marche = depot_mini.trouver(m.Marche, "2026-0150-00002")
    assert marche is not None and (marche.nature, marche.montant_maximum, marche.reste) == ("marche", None, None)
    journal = [e for e in depot_mini.lister(m.Evenement) if e.operation == "Marché"]
    assert journal[0].objet == DR75  # filtered by the périmètre of its centre financier
    assert journal[0].detail == f"Accord-cadre 2026-0150-00001 : titulaire {TITULAIRE}, maximum {euros('1 000,00 €')}"


@pytest.mark.parametrize(("champs", "erreur", "message"), [
    ({"nature": "concession"}, DonneeInvalide, "Nature du marché inconnue : « concession » (marche ou accord-cadre)"),
    ({"objet": "  "}, DonneeInvalide, "L'objet du marché est obligatoire"),
    ({"titulaire": "12345"}, DonneeInvalide, "Code fournisseur invalide : « 12345 »"),
    ({"titulaire": "9999999999"}, ObjetInconnu, "Fournisseur inconnu(e) : 9999999999"),
    ({"uo": "BG00/0150-CSUP-XXXX"}, ObjetInconnu, "UO inconnu(e) : BG00/0150-CSUP-XXXX"),
    ({"date_fin": dt.date(2025, 12, 31)}, DonneeInvalide,
     "La date de fin (31/12/2025) précède la date de début (01/01/2026)"),
    ({"montant_maximum": 0}, DonneeInvalide, "Le montant maximum doit être strictement positif"),
])
def test_creation_refusee_sans_rien_ecrire(depot_mini, ctx, instantane, champs: dict[str, Any], erreur: type,
                                           message: str) -> None:
    arguments = {"nature": "accord-cadre", "objet": "Objet", "titulaire": TITULAIRE, "uo": DR75,
                 "date_debut": dt.date(2026, 1, 1), "date_fin": dt.date(2026, 12, 31), "montant_maximum": 100_000,
                 **champs}
    avant = instantane(depot_mini)
    with pytest.raises(erreur) as refus:
        mc.creer_marche(depot_mini, ctx, **arguments)
    assert refus.value.message.startswith(message)
    assert instantane(depot_mini) == avant


@pytest.mark.parametrize(("texte", "attendue"), [("31/12/2026", dt.date(2026, 12, 31)), (" 2026-02-28 ", dt.date(2026, 2, 28))])
def test_dates_saisies(texte: str, attendue: dt.date) -> None:
    assert mc.lire_date(texte, "Date") == attendue


@pytest.mark.parametrize("texte", ["31/02/2026", "2026-13-01", "1/1/2026", "demain", "２０２６-01-01", ""])
def test_dates_invalides(texte: str) -> None:
    with pytest.raises(DonneeInvalide, match="n'est pas une date"):
        mc.lire_date(texte, "Date de fin")


# --- Bons de commande and the maximum ---------------------------------------------------------------
def test_bon_de_commande_jusqu_au_maximum_exact_puis_un_centime_refuse(depot_mini, ctx, instantane) -> None:
    marche = creer(depot_mini, ctx)
    ej = bon(depot_mini, ctx, marche.numero, 60_000)
    bon(depot_mini, ctx, marche.numero, 40_000)  # exactly the rest
    assert (ej.marche, marche.montant_engage, marche.reste) == (marche.numero, 100_000, 0)
    avant = instantane(depot_mini)
    with pytest.raises(RegleDeGestion) as refus:
        bon(depot_mini, ctx, marche.numero, 1)
    assert refus.value.message == euros("Montant maximum de l'accord-cadre 2026-0150-00001 dépassé : 0,01 € demandés, "
                                        "0,00 € restants sur 1 000,00 €")
    assert instantane(depot_mini) == avant


def test_le_message_donne_les_montants(depot_mini, ctx) -> None:
    marche = creer(depot_mini, ctx, maximum=5_000_000)
    bon(depot_mini, ctx, marche.numero, 4_900_000)
    with pytest.raises(RegleDeGestion) as refus:
        bon(depot_mini, ctx, marche.numero, 100_001)
    assert refus.value.message == euros("Montant maximum de l'accord-cadre 2026-0150-00001 dépassé : 1 000,01 € "
                                        "demandés, 1 000,00 € restants sur 50 000,00 €")


def test_la_tolerance_est_un_parametre(depot_mini, ctx) -> None:
    marche = creer(depot_mini, ctx)
    regles.controler_maximum_marche(ctx, marche, 100_001, tolerance=1)
    with pytest.raises(RegleDeGestion):
        regles.controler_maximum_marche(ctx, marche, 100_001)
    assert regles.TOLERANCE_MAXIMUM_MARCHE == 0


def test_defaut_accord_cadre_maximum_ignore(depot_mini) -> None:
    ctx = avec("accord-cadre-maximum-ignore")
    marche = creer(depot_mini, ctx)
    bon(depot_mini, ctx, marche.numero, 100_001)
    assert (marche.montant_engage, marche.reste) == (100_001, -1)


def test_les_autres_defauts_laissent_la_regle_tenir(depot_mini) -> None:
    from chorus_sandbox.domaine.defauts import CATALOGUE
    ctx = avec(*(set(CATALOGUE) - {"accord-cadre-maximum-ignore"}))
    marche = creer(depot_mini, ctx)
    with pytest.raises(RegleDeGestion, match="Montant maximum"):
        bon(depot_mini, ctx, marche.numero, 100_001)


def test_un_marche_sans_maximum_n_a_pas_de_plafond(depot_mini, ctx) -> None:
    marche = creer(depot_mini, ctx, maximum=None, nature="marche")
    bon(depot_mini, ctx, marche.numero, 10_000_000)
    assert (marche.montant_engage, marche.reste) == (10_000_000, None)


def test_augmentation_controlee_et_reduction_libere_le_maximum(depot_mini, ctx) -> None:
    marche = creer(depot_mini, ctx)
    ej = bon(depot_mini, ctx, marche.numero, 100_000)
    with pytest.raises(RegleDeGestion, match="Montant maximum de l'accord-cadre 2026-0150-00001 dépassé"):
        op.augmenter_engagement(depot_mini, ctx, ej.numero, 1, 1)
    assert (ej.montant, marche.montant_engage) == (100_000, 100_000)
    op.reduire_engagement(depot_mini, ctx, ej.numero, 1, 30_000)
    assert marche.montant_engage == 70_000
    op.augmenter_engagement(depot_mini, ctx, ej.numero, 1, 30_000)
    assert (ej.montant, marche.montant_engage) == (100_000, 100_000)


@pytest.mark.parametrize(("jour", "message"), [
    (dt.date(2028, 1, 1), ("L'accord-cadre 2026-0150-00001 a pris fin le 31/12/2027 : aucun bon de commande ne peut "
                          "plus lui être rattaché")),
    (dt.date(2025, 12, 31), ("L'accord-cadre 2026-0150-00001 ne commence que le 01/01/2026 : aucun bon de commande "
                            "ne peut encore lui être rattaché")),
])
def test_hors_de_ses_dates_aucun_bon_de_commande(depot_mini, ctx, jour: dt.date, message: str) -> None:
    marche = creer(depot_mini, ctx)
    with pytest.raises(RegleDeGestion) as refus:
        regles.controler_periode_marche(avec(jour=jour), marche)
    assert refus.value.message == message
    regles.controler_periode_marche(avec(jour=dt.date(2027, 12, 31)), marche)  # its last day still counts


def test_un_marche_echu_refuse_un_bon_de_commande(depot_mini, ctx) -> None:
    marche = creer(depot_mini, ctx, nature="marche", debut=dt.date(2025, 3, 1), fin=dt.date(2026, 6, 14))
    with pytest.raises(RegleDeGestion) as refus:
        bon(depot_mini, ctx, marche.numero, 1_000)
    assert refus.value.message == ("Le marché 2025-0150-00001 a pris fin le 14/06/2026 : aucun bon de commande ne peut "
                                   "plus lui être rattaché")
    assert marche.montant_engage == 0


def test_le_fournisseur_doit_etre_le_titulaire_et_l_uo_celle_du_marche(depot_mini, ctx) -> None:
    marche = creer(depot_mini, ctx)
    with pytest.raises(RegleDeGestion) as refus:
        bon(depot_mini, ctx, marche.numero, 1_000, fournisseur=AUTRE)
    assert refus.value.message == (f"Le fournisseur {AUTRE} n'est pas le titulaire de l'accord-cadre 2026-0150-00001 "
                                   f"(titulaire : {TITULAIRE})")
    with pytest.raises(RegleDeGestion) as refus:
        regles.controler_rattachement_marche(marche, "BG00/0150-CSUP-DR69", TITULAIRE)
    assert refus.value.message == ("L'accord-cadre 2026-0150-00001 est passé pour l'UO BG00/0150-CSUP-DR75 : un bon de "
                                   "commande de l'UO BG00/0150-CSUP-DR69 ne peut pas lui être rattaché")
    with pytest.raises(ObjetInconnu, match="Marché inconnu\\(e\\) : 2026-0150-09999"):
        bon(depot_mini, ctx, "2026-0150-09999", 1_000)


# --- Habilitations ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("roles", "permis"), [
    ((("gestionnaire", DR75),), True), ((("RUO", "0150"),), True),
    ((("gestionnaire", ASPR),), False), ((("lecteur", "0150"),), False), ((("RBOP", "0150-CSUP"),), False),
])
def test_creer_un_marche_est_engager_sur_son_centre_financier(depot_mini, roles, permis: bool) -> None:
    habilitation = Habilitation("x", "X", roles)
    arguments = ("accord-cadre", "Objet", TITULAIRE, DR75, dt.date(2026, 1, 1), dt.date(2026, 12, 31), None)
    if permis:
        autoriser(depot_mini, habilitation, mc.creer_marche, arguments, {})
    else:
        with pytest.raises(AccesRefuse):
            autoriser(depot_mini, habilitation, mc.creer_marche, arguments, {})


# --- Suivi -----------------------------------------------------------------------------------------------
def test_suivi_engage_paye_reste_taux(depot_mini, ctx) -> None:
    marche = creer(depot_mini, ctx, maximum=400_000)
    ej = bon(depot_mini, ctx, marche.numero, 170_000)
    op.constater_service_fait(depot_mini, ctx, ej.numero, 1, 50_000)
    dp = op.creer_demande_paiement(depot_mini, ctx, ej.numero, 1, 50_000)
    op.payer(depot_mini, ctx, dp.numero)
    suivi = mc.suivi(depot_mini, marche.numero)
    assert (suivi.engage, suivi.paye, suivi.reste, str(suivi.taux)) == (170_000, 50_000, 230_000, "42.50")
    assert suivi.taux_texte == f"42,50{NBSP}%" and [x.numero for x in suivi.bons_de_commande] == [ej.numero]
    assert mc.suivis(depot_mini, 2028) == [] and len(mc.suivis(depot_mini, 2027)) == 1


def test_taux_arrondi_au_centieme_superieur_a_la_moitie(depot_mini, ctx) -> None:
    marche = creer(depot_mini, ctx, maximum=300_000)
    bon(depot_mini, ctx, marche.numero, 100_000)  # 33,333… %
    assert mc.suivi(depot_mini, marche.numero).taux_texte == f"33,33{NBSP}%"
    bon(depot_mini, ctx, marche.numero, 100_015)  # 66,671666… %
    assert mc.suivi(depot_mini, marche.numero).taux_texte == f"66,67{NBSP}%"


# --- Datasets ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def depot_standard() -> DepotMemoire:
    depot = DepotMemoire()
    jeu = jeux.lire_jeu("standard")
    jeux.charger(depot, Contexte(jeu.exercice, jeu.date_du_jour or dt.date(2026, 11, 16)), jeu)
    return depot


def test_le_jeu_standard_a_ses_marches(depot_standard) -> None:
    vus = [(s.marche.numero, s.marche.nature, s.marche.uo, s.marche.titulaire, s.marche.montant_maximum, s.engage,
            s.paye, s.taux_texte, [e.numero for e in s.bons_de_commande]) for s in mc.suivis(depot_standard)]
    assert vus == [
        ("2025-0150-00001", "marche", DR75, "1000031456", None, 286_540_050, 143_270_025, None, ["2103000003"]),
        ("2025-0150-00002", "marche", DR75, "1000023871", 650_000_000, 648_000_000, 324_000_000, f"99,69{NBSP}%",
         ["2103105755"]),
        ("2026-0150-00001", "accord-cadre", DR75, "1000228740", 5_000_000, 0, 0, f"0,00{NBSP}%", []),
        ("2026-0150-00002", "accord-cadre", DR75, "1000012345", 250_000_000, 184_231_680, 0, f"73,69{NBSP}%",
         ["2103000001"]),
        ("2026-0217-00001", "accord-cadre", ASPR, "1000052218", 300_000_000, 163_142_075, 0, f"54,38{NBSP}%",
         ["2103000005"]),
    ]
    echu = depot_standard.trouver(m.Marche, "2025-0150-00002")
    assert echu is not None and mc.etat(echu, dt.date(2026, 11, 16)) == "Échu"


def test_le_jeu_vierge_a_un_accord_cadre_de_50_000_euros() -> None:
    depot, jeu = DepotMemoire(), jeux.lire_jeu("vierge")
    jeux.charger(depot, Contexte(jeu.exercice, dt.date(2026, 11, 16)), jeu)
    marches = {x.numero: (x.nature, x.montant_maximum, x.date_fin) for x in depot.lister(m.Marche)}
    assert marches == {"2026-0150-00001": ("accord-cadre", 5_000_000, dt.date(2027, 12, 31)),
                       "2026-0150-00002": ("marche", None, dt.date(2028, 6, 30)),
                       "2025-0150-00001": ("marche", 650_000_000, dt.date(2026, 6, 30))}


# --- API ------------------------------------------------------------------------------------------------
def jeton(client: Any, identifiant: str) -> dict[str, str]:
    reponse = client.post("/api/connexion", json={"identifiant": identifiant,
                                                  "mot_de_passe": os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"]})
    assert reponse.status_code == 200, reponse.text
    return {"Authorization": f"Bearer {reponse.json()['jeton']}"}


def test_api_creer_lire_lister(client) -> None:
    cree = client.post("/api/marches", json=MARCHE)
    assert cree.status_code == 201, cree.text
    attendu = {"numero": "2026-0150-00001", "nature": "accord-cadre", "libelle_nature": "Accord-cadre",
               "objet": "Fournitures informatiques", "titulaire": TITULAIRE, "raison_sociale_titulaire":
               "Bâtiments du Centre SAS", "uo": DR75, "date_debut": "2026-01-01", "date_fin": "2027-12-31",
               "etat": "En cours", "montant_maximum": "1000.00", "montant_engage": "0.00", "montant_paye": "0.00",
               "reste": "1000.00", "taux_consommation": "0.00"}
    assert cree.json() == {**attendu, "bons_de_commande": []}
    assert client.get("/api/marches").json() == [attendu]
    assert client.get("/api/marches?exercice=2028").json() == []
    ej = client.post("/api/engagements", json={"uo": DR75, "titre": "3", "fournisseur": TITULAIRE, "objet": "BC 1",
                                               "marche": "2026-0150-00001", "postes": [{**POSTE, "montant": "400.00"}]})
    assert ej.status_code == 201 and ej.json()["marche"] == "2026-0150-00001"
    detail = client.get("/api/marches/2026-0150-00001").json()
    assert (detail["montant_engage"], detail["reste"], detail["taux_consommation"]) == ("400.00", "600.00", "40.00")
    assert [(b["numero"], b["montant"], b["statut"]) for b in detail["bons_de_commande"]] == [
        (ej.json()["numero"], "400.00", "Engagé")]
    sans = client.post("/api/marches", json={**MARCHE, "nature": "marche", "montant_maximum": None}).json()
    assert (sans["numero"], sans["montant_maximum"], sans["reste"], sans["taux_consommation"]) == (
        "2026-0150-00002", None, None, None)


def test_api_bon_de_commande_au_dela_du_maximum(client, instantane_api) -> None:
    client.post("/api/marches", json=MARCHE)
    corps = {"uo": DR75, "titre": "3", "fournisseur": TITULAIRE, "marche": "2026-0150-00001",
             "postes": [{**POSTE, "montant": "1000.00"}]}
    assert client.post("/api/engagements", json=corps).status_code == 201
    avant = instantane_api(client)
    reponse = client.post("/api/engagements", json={**corps, "postes": [{**POSTE, "montant": "0.01"}]})
    assert reponse.status_code == 409 and reponse.json() == {"erreur": "RegleDeGestion", "message": euros(
        "Montant maximum de l'accord-cadre 2026-0150-00001 dépassé : 0,01 € demandés, 0,00 € restants sur 1 000,00 €")}
    assert instantane_api(client) == avant
    inconnu = client.post("/api/engagements", json={**corps, "marche": "2026-0150-09999"})
    assert (inconnu.status_code, inconnu.json()["message"]) == (404, "Marché inconnu(e) : 2026-0150-09999")


@pytest.mark.parametrize(("champs", "message"), [
    ({"date_fin": "31/02/2027"}, "Requête invalide : corps.date_fin : date : « 31/02/2027 » n'est pas une date"),
    ({"date_debut": 20260101}, "Requête invalide : corps.date_debut : date attendue en texte"),
    ({"montant_maximum": "-5"}, "Le montant maximum doit être strictement positif (-5,00\u00a0€)"),
    ({"montant_maximum": "1.001"}, "Requête invalide : corps.montant_maximum : montant : 1.001 a plus de deux décimales"),
    ({"nature": "concession"}, "Nature du marché inconnue : « concession »"),
    ({"objet": ""}, "Requête invalide : corps.objet : texte vide"),
    ({"titulaire": 1000012345}, "Requête invalide : corps.titulaire : texte attendu"),
    ({"inconnu": 1}, "Requête invalide : corps.inconnu : champ inconnu"),
])
def test_api_creation_invalide_en_francais(client, champs: dict[str, Any], message: str) -> None:
    reponse = client.post("/api/marches", json={**MARCHE, **champs})
    assert reponse.status_code == 422 and reponse.json()["message"].startswith(message), reponse.text
    assert client.get("/api/marches").json() == []


def test_api_perimetre(client) -> None:
    assert client.post("/api/marches", json=MARCHE).status_code == 201
    aspr, lecteur = jeton(client, "gestionnaire.aspr"), jeton(client, "lecteur.0217")
    assert client.get("/api/marches", headers=aspr).json() == []
    refus = client.get("/api/marches/2026-0150-00001", headers=aspr)
    assert (refus.status_code, refus.json()["message"]) == (403, ("Accès refusé : l’objet 2026-0150-00001 est hors de "
                                                                 "votre périmètre"))
    ecrire = client.post("/api/marches", json=MARCHE, headers=aspr)
    assert (ecrire.status_code, ecrire.json()["message"]) == (
        403, ("Accès refusé : l'UO BG00/0150-CSUP-DR75 est hors de votre périmètre pour engager, augmenter, réduire "
             "ou retirer un engagement juridique"))
    assert client.post("/api/marches", json={**MARCHE, "uo": ASPR}, headers=lecteur).status_code == 403
    dr75 = jeton(client, "gestionnaire.dr75")
    assert [x["numero"] for x in client.get("/api/marches", headers=dr75).json()] == ["2026-0150-00001"]
    assert client.post("/api/marches", json=MARCHE, headers=dr75).status_code == 201


# --- Screens ------------------------------------------------------------------------------------------------
def test_ecrans_liste_creation_detail_et_bon_de_commande(client) -> None:
    formulaire = {"nature": "accord-cadre", "objet": "Nettoyage", "titulaire": TITULAIRE, "uo": DR75.lower(),
                  "date_debut": "01/01/2026", "date_fin": "31/12/2026", "montant_maximum": "1 000,00"}
    cree = client.post("/marches", data=formulaire, follow_redirects=False)
    assert cree.status_code == 303 and cree.headers["location"].startswith("/marches/2026-0150-00001?notice=")
    page = client.get("/marches/2026-0150-00001")
    assert page.status_code == 200 and "<h1>Accord-cadre 2026-0150-00001</h1>" in page.text
    assert 'data-testid="marche-Reste sur le maximum" class="montant">' + euros("1 000,00 €") in page.text
    assert "/engagements/nouveau?uo=BG00/0150-CSUP-DR75&amp;fournisseur=1000012345&amp;marche=2026-0150-00001" in (
        page.text.replace("%2F", "/"))
    nouveau = client.get("/engagements/nouveau?uo=BG00/0150-CSUP-DR75&fournisseur=1000012345&marche=2026-0150-00001")
    assert '<label for="ej-marche">Marché</label>' in nouveau.text and 'value="2026-0150-00001"' in nouveau.text
    ej = {"uo": DR75, "titre": "3", "fournisseur": TITULAIRE, "marche": "2026-0150-00001", "objet": "BC",
          "montant": "1 000,01", "domaine_fonctionnel": "0150-01-02", "activite": "BG00/015001010101"}
    refuse = client.post("/engagements/nouveau", data=ej)
    assert refuse.status_code == 409 and euros("1 000,01 € demandés, 1 000,00 € restants sur 1 000,00 €") in refuse.text
    assert 'role="alert"' in refuse.text
    accepte = client.post("/engagements/nouveau", data={**ej, "montant": "250,00"}, follow_redirects=False)
    assert accepte.status_code == 303 and "bon%20de%20commande%20du%20march" in accepte.headers["location"]
    liste = client.get("/marches").text
    assert '<a href="/marches" aria-current="page">Marchés et accords-cadres</a>' in liste
    assert euros("750,00 €") in liste and f"25,00{NBSP}%" in liste
    numero = accepte.headers["location"].split("?")[0].rsplit("/", 1)[1]
    assert '<a href="/marches/2026-0150-00001">2026-0150-00001</a>' in client.get(f"/engagements/{numero}").text


def test_ecran_creation_refusee_garde_la_saisie(client) -> None:
    reponse = client.post("/marches", data={"nature": "marche", "objet": "Objet gardé", "titulaire": TITULAIRE, "uo": DR75,
                                            "date_debut": "31/12/2026", "date_fin": "01/01/2026"})
    assert reponse.status_code == 422 and 'value="Objet gardé"' in reponse.text
    assert "La date de fin (01/01/2026) précède la date de début (31/12/2026)" in reponse.text
    inconnu = client.get("/marches/2026-0150-00042")
    assert inconnu.status_code == 404 and "Marché inconnu(e) : 2026-0150-00042" in inconnu.text


# --- Restitution SUIVI-MARCHES ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bac_standard() -> Iterator[Bac]:
    bac = Bac(jeu="standard")
    yield bac
    bac.fermer()


@pytest.fixture(scope="module")
def client_standard(bac_standard: Bac, connecter: Callable[..., Any]) -> Iterator[Any]:
    from fastapi.testclient import TestClient
    with TestClient(creer_application(bac_standard), raise_server_exceptions=False) as client:
        yield connecter(client)


def test_restitution_csv_au_format_de_l_infocentre(client_standard) -> None:
    reponse = client_standard.get("/api/restitutions/SUIVI-MARCHES?exercice=2026&encodage=utf-8")
    assert reponse.status_code == 200, reponse.text
    lignes = reponse.content.decode("utf-8-sig").split("\r\n")
    assert lignes[0] == "SUIVI-MARCHES : Suivi des accords-cadres et des marchés"
    assert lignes[4] == "Exercice comptable;2026;Montant engagé"
    assert lignes[5] == ("N° marché;Objet;Nature;Centre financier;Titulaire;Titulaire;Date de début;Date de fin;"
                         "Montant maximum;Montant engagé;Montant payé;Reste sur le maximum;Taux de consommation")
    assert lignes[7] == euros(
        "2025-0150-00002;Désamiantage et curage du bâtiment de chimie;Marché;BG00/0150-CSUP-DR75;1000023871;"
        'Bâtiments et Ouvrages du Val de Seine SAS;01.03.2025;30.06.2026;"6 500 000,00";"6 480 000,00";'
        '"3 240 000,00";"20 000,00";99,69 %')
    assert lignes[6].endswith(';#;"2 865 400,50";"1 432 700,25";#;#'.replace(" ", NBSP))  # no maximum
    assert [x.split(";")[0] for x in lignes[6:-1]] == ["2025-0150-00001", "2025-0150-00002", "2026-0150-00001",
                                                       "2026-0150-00002", "2026-0217-00001"]


def test_restitution_filtree_par_le_perimetre(client_standard) -> None:
    lecteur = jeton(client_standard, "paul.lambert")  # lecteur du programme 0217
    reponse = client_standard.get("/api/restitutions/SUIVI-MARCHES?encodage=utf-8", headers=lecteur)
    assert reponse.status_code == 200, reponse.text
    lignes = reponse.content.decode("utf-8-sig").split("\r\n")
    assert [x.split(";")[0] for x in lignes[6:-1]] == ["2026-0217-00001"]


def test_restitution_xlsx(client_standard) -> None:
    reponse = client_standard.get("/api/restitutions/SUIVI-MARCHES?format=xlsx")
    feuille = load_workbook(io.BytesIO(reponse.content)).active
    lignes = list(feuille.iter_rows(values_only=True))
    assert lignes[2][:6] == ("N° marché", "Objet", "Nature", "Centre financier", "Titulaire", None)
    premiere = lignes[3]
    assert premiere[0] == "2025-0150-00001" and premiere[8] == "#" and premiere[12] == "#"
    assert str(premiere[9]) == "2865400.5" and premiere[6] == dt.datetime(2025, 9, 1)
    assert lignes[4][12] == f"99,69{NBSP}%"


def test_restitution_dans_le_catalogue_de_l_ecran(client_standard) -> None:
    assert "SUIVI-MARCHES – Suivi des accords-cadres et des marchés" in client_standard.get("/restitutions").text
    assert r.restitution("suivi-marches").colonnes == r.COLONNES_SUIVI_MARCHES
