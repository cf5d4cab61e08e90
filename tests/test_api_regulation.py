"""JSON API of the in-year regulation (``/api/regulation``) on the SQLite sandbox, ``mini`` dataset.

Programme 0150 T3 (cents): AE disponibles 45 000 000, réservés 5 000 000; CP disponibles
36 000 000, réservés 4 000 000. LFI 0150: AE 4 000 000,00 €, CP 2 300 000,00 € (2 % = 80 000,00 €
and 46 000,00 €). 0217 (MTE) T3 disponibles 380 000,00 €.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.montants import format_montant as fm
from chorus_sandbox.domaine.regles import Contexte

with warnings.catch_warnings():  # starlette warns that it would prefer httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def api(client: TestClient) -> TestClient:
    """conftest's shared client: ``mini`` reset before the test, logged in, a server error is a 500."""
    return client


def ajouter_0172(depot: Depot, ctx: Contexte) -> None:
    """A second MESR programme with LFI T3 1 000 000,00 € (AE = CP), opened without réserve."""
    depot.ajouter(m.Programme("0172", "Recherches scientifiques et technologiques pluridisciplinaires", "RES", "MESR"))
    loi = depot.trouver(m.LoiDeFinances, "LFI 2026")
    assert loi is not None
    loi.lignes.append(m.LigneLoiDeFinances("0172", "3", 100_000_000, 100_000_000))
    env = depot.enveloppe(ctx.exercice, "programme", "0172", "3")
    env.ae_ouverts += 100_000_000
    env.cp_ouverts += 100_000_000


def ligne(client: TestClient, programme: str, titre: str) -> dict[str, Any]:
    reponse = client.get(f"/api/situation/programme/{programme}")
    assert reponse.status_code == 200, reponse.text
    return next(x for x in reponse.json()["lignes"] if x["titre"] == titre)


def dispo(client: TestClient, programme: str, titre: str) -> tuple[str, str, str, str]:
    x = ligne(client, programme, titre)
    return x["ae_ouverts"], x["ae_disponibles"], x["cp_ouverts"], x["cp_disponibles"]


def etat(client: TestClient) -> dict[str, Any]:
    urls = ("/api/situation/programme/0150", "/api/situation/programme/0217", "/api/regulation/mouvements",
            "/api/lois-de-finances", "/api/journal")
    return {url: client.get(url).json() for url in urls}


def refus(client: TestClient, url: str, corps: dict[str, Any], statut: int, erreur: str, message: str) -> None:
    avant = etat(client)
    reponse = client.post(url, json=corps)
    assert reponse.status_code == statut, reponse.text
    assert reponse.json() == {"erreur": erreur, "message": message}
    assert etat(client) == avant


def test_lfr_ouvre_et_annule(api) -> None:
    corps = {"identifiant": "LFR 2026-1", "lignes": [{"programme": "0150", "titre": "3", "ae": "-450000.00",
                                                        "cp": "1000.50"}]}
    reponse = api.post("/api/regulation/lois-rectificatives", json=corps)
    assert reponse.status_code == 201, reponse.text
    assert reponse.json()["nature"] == "LFR"
    assert reponse.json()["lignes"] == [{"programme": "0150", "titre": "3", "ae": "-450000.00", "cp": "1000.50",
                                         "etpt": 0}]
    assert dispo(api, "0150", "3") == ("550000.00", "0.00", "801000.50", "361000.50")
    refus(api, "/api/regulation/lois-rectificatives", corps, 409, "RegleDeGestion",
          "La loi de finances « LFR 2026-1 » est déjà intégrée")


def test_lfr_annulation_au_dela_du_disponible_refusee(api) -> None:
    corps = {"identifiant": "LFR 2026-1", "lignes": [{"programme": "0150", "titre": "3", "ae": "-450000.01",
                                                        "cp": "0"}]}
    refus(api, "/api/regulation/lois-rectificatives", corps, 409, "CreditsInsuffisants",
          f"Annulation par la loi « LFR 2026-1 » refusée : {fm(45_000_001)} à annuler, {fm(45_000_000)} "
          "disponibles en AE sur le programme 0150 (titre 3)")


def test_degel_surgel_annulation_de_reserve(api, bac) -> None:
    reponse = api.post("/api/regulation/degel", json={"programme": "0150", "titre": "3", "ae": "50000.00", "cp": 0})
    assert reponse.status_code == 201, reponse.text
    assert reponse.json() == {"type": "Dégel", "exercice": 2026, "source": "0150", "destination": "0150",
                              "titre_source": "3", "titre_destination": "3", "ae": "50000.00", "cp": "0.00",
                              "date": bac.contexte.date_du_jour.isoformat(), "reference": ""}
    assert dispo(api, "0150", "3") == ("1000000.00", "500000.00", "800000.00", "360000.00")
    refus(api, "/api/regulation/degel", {"programme": "0150", "titre": "3", "ae": "0.01", "cp": 0}, 409,
          "CreditsInsuffisants",
          f"Dégel refusé : {fm(1)} demandés, {fm(0)} réservés en AE sur le programme 0150 (titre 3)")
    assert api.post("/api/regulation/surgel", json={"programme": "0150", "titre": "3", "ae": "500000.00",
                                                     "cp": "1"}).status_code == 201
    assert ligne(api, "0150", "3")["ae_reserves"] == "500000.00"
    refus(api, "/api/regulation/surgel", {"programme": "0150", "titre": "3", "ae": "0.01", "cp": 0}, 409,
          "CreditsInsuffisants",
          f"Surgel refusé : {fm(1)} demandés, {fm(0)} disponibles en AE sur le programme 0150 (titre 3)")
    assert api.post("/api/regulation/annulation-reserve", json={"programme": "0150", "titre": "3",
                                                                 "ae": "500000.00", "cp": 0}).status_code == 201
    assert dispo(api, "0150", "3") == ("500000.00", "0.00", "800000.00", "359999.00")
    refus(api, "/api/regulation/annulation-reserve", {"programme": "0150", "titre": "3", "ae": "0.01", "cp": 0},
          409, "CreditsInsuffisants",
          f"Annulation refusée : {fm(1)} demandés, {fm(0)} réservés en AE sur le programme 0150 (titre 3)")


def test_virement_jusqu_a_2_pourcent_puis_refus(api, bac) -> None:
    bac.executer(ajouter_0172)
    corps = {"source": "0150", "destination": "0172", "titre": "3", "ae": "20000.00", "cp": "20000.00"}
    reponse = api.post("/api/regulation/virements", json=corps)
    assert reponse.status_code == 201, reponse.text
    assert (reponse.json()["type"], reponse.json()["ae"]) == ("Virement", "20000.00")
    assert dispo(api, "0172", "3") == ("1020000.00", "1020000.00", "1020000.00", "1020000.00")
    refus(api, "/api/regulation/virements", {**corps, "ae": "0.01", "cp": 0}, 409, "RegleDeGestion",
          "Virement refusé : le cumul des virements du programme 0172 atteindrait 2,01 % de ses crédits LFI "
          f"en AE (plafond 2 %) : {fm(1)} demandés, {fm(0)} encore possibles")
    refus(api, "/api/regulation/virements", {**corps, "titre_destination": "2"}, 409, "RegleDeGestion",
          "Fongibilité asymétrique : aucun crédit ne peut abonder le titre 2 (programme 0172)")
    assert [x["type"] for x in api.get("/api/regulation/mouvements").json()] == ["Virement"]


def test_virement_entre_ministeres_refuse_transfert_accepte(api) -> None:
    corps = {"source": "0150", "destination": "0217", "titre": "3", "ae": "450000.00", "cp": "360000.00"}
    refus(api, "/api/regulation/virements", corps, 409, "RegleDeGestion",
          "Virement refusé : les programmes 0150 (MESR) et 0217 (MTE) relèvent de ministères différents "
          "(utiliser un transfert)")
    refus(api, "/api/regulation/transferts", {**corps, "ae": "450000.01"}, 409, "CreditsInsuffisants",
          f"Transfert refusé : {fm(45_000_001)} demandés, {fm(45_000_000)} disponibles en AE sur le programme "
          "0150 (titre 3)")
    assert api.post("/api/regulation/transferts", json=corps).status_code == 201
    assert dispo(api, "0217", "3") == ("850000.00", "830000.00", "760000.00", "740000.00")


def test_fongibilite(api) -> None:
    refus(api, "/api/regulation/fongibilite",
          {"programme": "0150", "titre_source": "3", "titre_destination": "2", "ae": "1.00", "cp": "1.00"},
          409, "RegleDeGestion", "Fongibilité asymétrique : aucun crédit ne peut abonder le titre 2 (programme 0150)")
    reponse = api.post("/api/regulation/fongibilite", json={"programme": "0150", "titre_source": "T2",
                                                            "titre_destination": "T3", "ae": "1.00", "cp": "2.00"})
    assert reponse.status_code == 201, reponse.text
    assert dispo(api, "0150", "2") == ("999999.00", "994999.00", "999998.00", "994998.00")


def test_fonds_de_concours(api) -> None:
    reponse = api.post("/api/regulation/fonds-de-concours", json={"programme": "0217", "titre": "3",
                                                                  "montant": "12345.67", "reference": "FDC-1"})
    assert reponse.status_code == 201, reponse.text
    assert (reponse.json()["ae"], reponse.json()["cp"], reponse.json()["reference"]) == ("12345.67", "12345.67",
                                                                                          "FDC-1")
    assert dispo(api, "0217", "3") == ("412345.67", "392345.67", "412345.67", "392345.67")
    refus(api, "/api/regulation/fonds-de-concours", {"programme": "0999", "titre": "3", "montant": "1"}, 404,
          "ObjetInconnu", "Programme inconnu(e) : 0999")


def test_montants_invalides_refuses_en_422(api) -> None:
    avant = etat(api)
    reponse = api.post("/api/regulation/degel", json={"programme": "0150", "titre": "3", "ae": "1.001", "cp": 0})
    assert reponse.status_code == 422 and reponse.json()["erreur"] == "DonneeInvalide"
    refus(api, "/api/regulation/surgel", {"programme": "0150", "titre": "3", "ae": 0, "cp": 0}, 422,
          "DonneeInvalide", "Le mouvement porte sur un montant d'AE ou de CP non nul")
    assert etat(api) == avant
