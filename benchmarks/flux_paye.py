"""Integrating a large monthly payroll flow in the sandbox (a benchmark, not a test; issue 18).

Builds a flow of ``--lignes`` detail lines (default 300 000: a large ministry's month) on the
dataset ``paye`` (programme 0150, UO BG00/0150-CSUP-DR75 carrying titre 2), one line in 1 000
rejected (unknown compte PCE), then times its integration through ``Bac.executer`` (one
transaction: parsing, whole-file checks, line-by-line checks, T2 consumption, rejected lines and
imputations written), the best of ``--repetitions`` runs, each on a freshly restored dataset.

The compte rendu must reconcile exactly (intégré + rejeté = fichier, lines and amounts) and
match the known figures. Target: ≤ 10 s for 300 000 lines on the project's machine (2 cores).
Prints one JSON line last:
``{"lignes": N, "duree_s": x, "lignes_par_s": y, "rejetees": r, "statut": "...", "octets": b}``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from chorus_sandbox.domaine import paye as pa
from chorus_sandbox.service import Bac

UO = "BG00/0150-CSUP-DR75"
COMPTES = (("21", "PCE/6411100000"), ("21", "PCE/6411200000"), ("22", "PCE/6451100000"),
           ("22", "PCE/6453100000"), ("23", "PCE/6471100000"))
REJET_TOUTES_LES = 1000


def construire(lignes: int) -> tuple[bytes, int, int]:
    """The file, its total in cents and the number of lines it must reject."""
    sortie = ["00;PAY-MESR-202603-01;202603;MESR;DGFIP PAY"]
    total, rejetees = 0, 0
    for n in range(lignes):
        categorie, compte = COMPTES[n % len(COMPTES)]
        if n % REJET_TOUTES_LES == REJET_TOUTES_LES - 1:
            compte, rejetees = "PCE/6991100000", rejetees + 1
        centimes = 150_000 + (n * 7919) % 400_000 - (50_000 if n % 97 == 0 else 0)
        etpt = "0,0833" if categorie == "21" else "0"
        sortie.append(f"10;{UO};0150-01-01;015001010101;{categorie};{compte};{centimes // 100},{centimes % 100:02d};{etpt}")
        total += centimes
    sortie.append(f"99;{lignes};{total // 100},{total % 100:02d}")
    return ("\n".join(sortie) + "\n").encode("utf-8"), total, rejetees


def mesurer(bac: Bac, contenu: bytes) -> tuple[float, dict[str, object]]:
    bac.reinitialiser()
    debut = time.perf_counter()
    compte_rendu = bac.executer(pa.integrer_flux_paye, contenu, "paye-mesr-202603.txt", "benchmark")
    duree = time.perf_counter() - debut
    return duree, pa.vue_compte_rendu(compte_rendu)


def verifier(vue: dict[str, object], lignes: int, total: int, rejetees: int) -> None:
    comptes, montants = vue["lignes"], vue["montants"]
    assert isinstance(comptes, dict) and isinstance(montants, dict)
    attendu = {"fichier": lignes, "integrees": lignes - rejetees, "rejetees": rejetees}
    if comptes != attendu or montants["fichier"] != pa.euros(total):
        raise SystemExit(f"compte rendu inexact : {comptes} {montants} (attendu {attendu}, {pa.euros(total)})")
    integre, rejete = (int(str(montants[k]).replace(".", "")) for k in ("integre", "rejete"))
    if integre + rejete != total:
        raise SystemExit(f"rapprochement faux : {integre} + {rejete} ≠ {total}")


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--lignes", type=int, default=300_000)
    analyseur.add_argument("--repetitions", type=int, default=3)
    options = analyseur.parse_args()
    contenu, total, rejetees = construire(options.lignes)
    bac = Bac(jeu="paye", mot_de_passe="benchmark-flux-paye")
    try:
        mesures = [mesurer(bac, contenu) for _ in range(options.repetitions)]
    finally:
        bac.fermer()
    duree, vue = min(mesures, key=lambda x: x[0])
    verifier(vue, options.lignes, total, rejetees)
    resultat = {"lignes": options.lignes, "duree_s": round(duree, 2), "lignes_par_s": round(options.lignes / duree),
                "rejetees": rejetees, "statut": vue["statut"], "octets": len(contenu),
                "objectif_s": 10, "atteint": duree <= 10}
    sys.stderr.write(f"{options.lignes} lignes intégrées en {duree:.2f} s\n")
    print(json.dumps(resultat, ensure_ascii=False))


if __name__ == "__main__":
    main()
