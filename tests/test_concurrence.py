"""Concurrent requests on the real server (uvicorn in a thread, SQLite file in WAL mode).

Many threads commit AE (engagements) and consume CP (paiements) on one UO at the same time, for
more than is available: the credits must never be overdrawn, every refusal must be a clean 409
CreditsInsuffisants (or « déjà payée » for a DP paid twice), no 500, and the final situation must
be the initial one minus exactly what was accepted.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import httpx
import pytest

from chorus_sandbox.domaine import operations as op
from chorus_sandbox.serveur import ServeurBac
from chorus_sandbox.service import Bac

DR75 = "BG00/0150-CSUP-DR75"
FILS, REQUETES = 16, 10
ENTETES: dict[str, str] = {}  # the API token of the national user, set by the ``serveur`` fixture


def centimes(texte: str) -> int:
    return int(Decimal(texte) * 100)


def euros(montant: int) -> str:
    return f"{montant // 100}.{montant % 100:02d}"


@pytest.fixture
def serveur(bac_neuf: Bac) -> Iterator[ServeurBac]:
    assert bac_neuf.stockage.moteur.dialect.name == "sqlite"
    with ServeurBac(bac_neuf) as serveur:
        connexion = httpx.post(f"{serveur.url}/api/connexion", timeout=30, json={
            "identifiant": "recette.nationale", "mot_de_passe": bac_neuf.mot_de_passe_initial})
        ENTETES["Authorization"] = f"Bearer {connexion.json()['jeton']}"
        yield serveur


def situation_t3(url: str) -> dict[str, str]:
    lignes = httpx.get(f"{url}/api/situation/uo/{DR75}", timeout=30, headers=ENTETES).json()["lignes"]
    return next(x for x in lignes if x["titre"] == "3")


def en_parallele(url: str, lots: list[list[tuple[str, dict[str, Any] | None]]]) -> list[tuple[Any, ...]]:
    """Each lot is the sequence of POSTs of one thread; all threads start together."""
    depart = threading.Barrier(len(lots))

    def fil(lot: list[tuple[str, dict[str, Any] | None]]) -> list[tuple[Any, ...]]:
        resultats = []
        with httpx.Client(base_url=url, timeout=60, headers=ENTETES) as http:
            depart.wait()
            for chemin, corps in lot:
                reponse = http.post(chemin, json=corps) if corps is not None else http.post(chemin)
                resultats.append((chemin, corps, reponse.status_code, reponse.json()))
        return resultats

    with ThreadPoolExecutor(max_workers=len(lots)) as executeur:
        return [r for lot in executeur.map(fil, lots) for r in lot]


def test_engagements_concurrents_sans_depassement_des_ae(serveur: ServeurBac) -> None:
    initial = centimes(situation_t3(serveur.url)["ae_disponibles"])
    assert initial == 15_000_000  # 150 000,00 €
    nombre_initial = len(httpx.get(f"{serveur.url}/api/engagements", headers=ENTETES).json())
    lots = []
    for f in range(FILS):
        lot = []
        for i in range(REQUETES):
            montant = 90_000 + ((f * REQUETES + i) * 7_919) % 20_000  # 900,00 to 1 100,00 €, odd cents
            corps = {"uo": DR75, "titre": "3", "fournisseur": "1000012345", "objet": f"Concurrence {f}-{i}",
                     "postes": [{"montant": euros(montant), "domaine_fonctionnel": "0150-01-02",
                                 "activite": "BG00/015001010101"}]}
            lot.append(("/api/engagements", corps))
        lots.append(lot)
    demande = sum(centimes(c["postes"][0]["montant"]) for lot in lots for _, c in lot)
    assert demande > initial  # the threads ask for more than there is

    resultats = en_parallele(serveur.url, lots)

    statuts = [r[2] for r in resultats]
    assert set(statuts) <= {201, 409}, sorted(set(statuts))
    acceptes = [r for r in resultats if r[2] == 201]
    refuses = [r for r in resultats if r[2] == 409]
    somme = sum(centimes(r[3]["montant"]) for r in acceptes)
    print(f"\n{len(acceptes)} EJ acceptés ({euros(somme)} €), {len(refuses)} refusés, "
          f"{euros(initial)} € disponibles au départ")
    assert refuses, "the total asked was above the available AE: some requests must be refused"
    for _, _, _, reponse in refuses:
        assert reponse["erreur"] == "CreditsInsuffisants"
        assert reponse["message"].startswith("Crédits insuffisants : ")
        assert reponse["message"].endswith("disponibles en AE sur l'UO BG00/0150-CSUP-DR75")
    assert somme <= initial
    final = centimes(situation_t3(serveur.url)["ae_disponibles"])
    assert final == initial - somme
    # available AE only go down: each refused amount is above what is left at the end
    assert all(centimes(c["postes"][0]["montant"]) > final for _, c, _, _ in refuses)
    numeros = [r[3]["numero"] for r in acceptes]
    assert len(set(numeros)) == len(numeros)
    engagements = httpx.get(f"{serveur.url}/api/engagements", headers=ENTETES).json()
    assert len(engagements) == nombre_initial + len(acceptes)
    assert {e["numero"] for e in engagements} >= set(numeros)


def test_paiements_concurrents_sans_depassement_des_cp(serveur: ServeurBac) -> None:
    bac = serveur.bac
    ej = bac.executer(op.engager, DR75, "3", "1000012345", "Marché payé en 40 fois",
                      [op.PosteDemande(12_000_000, "0150-01-02", "BG00/015001010101")])
    bac.executer(op.constater_service_fait, ej.numero, 1, 12_000_000)
    montants = [250_000 + i * 1_001 for i in range(40)]  # 2 500,00 € + i × 10,01 €: 107 806,80 € in all
    dps = [bac.executer(op.creer_demande_paiement, ej.numero, 1, x).numero for x in montants]
    par_dp = dict(zip(dps, montants, strict=True))
    initial = centimes(situation_t3(serveur.url)["cp_disponibles"])
    assert initial == 8_000_000 and sum(montants) > initial

    tentatives = [f"/api/demandes-paiement/{numero}/paiement" for numero in dps] * 2  # each DP paid twice
    random.Random(2026).shuffle(tentatives)
    lots = [[(chemin, None) for chemin in tentatives[k::8]] for k in range(8)]

    resultats = en_parallele(serveur.url, lots)

    assert {r[2] for r in resultats} <= {200, 409}, sorted({r[2] for r in resultats})
    payees = [r[3]["numero"] for r in resultats if r[2] == 200]
    assert len(payees) == len(set(payees)), "a DP was paid twice"
    somme = sum(par_dp[n] for n in payees)
    final = centimes(situation_t3(serveur.url)["cp_disponibles"])
    print(f"\n{len(payees)} DP payées ({euros(somme)} €) sur {len(dps)}, CP {euros(initial)} € → {euros(final)} €")
    assert somme <= initial
    assert final == initial - somme
    for chemin, _, statut, reponse in resultats:
        if statut != 409:
            continue
        numero = chemin.split("/")[3]
        if reponse["erreur"] == "RegleDeGestion":
            assert reponse["message"] == f"La demande de paiement {numero} est déjà payée"
            assert numero in payees
        else:
            assert reponse["erreur"] == "CreditsInsuffisants"
            assert reponse["message"].endswith("disponibles en CP sur l'UO BG00/0150-CSUP-DR75")
            assert numero not in payees and par_dp[numero] > final
    etat = {d["numero"]: d["statut"] for d in httpx.get(f"{serveur.url}/api/demandes-paiement", headers=ENTETES).json()}
    assert {n for n in dps if etat[n] == "Payée"} == set(payees)
    detail = httpx.get(f"{serveur.url}/api/engagements/{ej.numero}", headers=ENTETES).json()
    assert centimes(detail["montant_paye"]) == somme
