"""Comparing two Chorus restitutions: ``recette comparer`` against datacompy (a benchmark, not a test).

Generates a reproducible pair of INF-BUD-53-like exports (16 columns, composite key, preamble,
repeated header names, French amounts with space / NBSP / narrow NBSP thousands, quoted and
negative amounts, ``#`` nulls, ``Résultat`` subtotal rows; the expected file in cp1252, the
obtained one in UTF-8 with a BOM, shuffled) with a known set of differences, then times, each in
a fresh process and in the same run:

1. ``python -m recette comparer`` (read + compare, JSON output);
2. datacompy's ``PandasCompare`` on ``pandas.read_csv`` frames (amounts converted to float with
   vectorised pandas string operations, subtotal rows dropped).

Each is run ``--repetitions`` times (default 3) and its best wall time kept, since the machine may
be shared. Both must find exactly the known differences. Prints one JSON line last:
``{"lignes": N, "recette_s": x, "datacompy_s": y, "acceleration": y/x,
"recette_rss_mio": a, "datacompy_rss_mio": b}`` (peak RSS of each child, ``ru_maxrss``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

RACINE = Path(__file__).resolve().parents[1]
GRAINE = 20260203
ENTETE = ["Centre financier", "Centre financier", "N° EJ", "N° poste EJ", "Fournisseur payé (DP)",
          "Fournisseur payé (DP)", "Date comptable du SF", "N° DP", "Date de base de la DP",
          "Domaine fonctionnel", "Activité", "Montant engagé", "Montant réceptionné",
          "Montant certifié non soldé", "Montant facturé", "Montant payé"]
PREAMBULE = ["INF-BUD-53 : Pilotage de la gestion - Vue détaillée",
             "Dernière MàJ des données :;03.02.2026 05:32:09",
             "Affichage :;Montants en euros",
             "Exercice comptable;2026;Montant engagé"]
CLES = ["N° EJ", "N° poste EJ", "N° DP"]
TOLERANCE_PAYE = "0,01"
MONTANTS = ENTETE[11:]
CENTRES = [("BG00/0150-CSUP-DR75", "DR enseignement supérieur Île-de-France"),
           ("BG00/0150-CSUP-DR69", "DR enseignement supérieur Auvergne-Rhône-Alpes"),
           ("BG00/0217-SGAC-ASPR", "Secrétariat général - action sociale"),
           ("BG00/0216-CPPI-DSIC", "Direction du numérique - intérieur"),
           ("BG00/0161-CSEC-GEOS", "Sécurité civile - moyens nationaux"),
           ("BG00/0103-CDGE-EMPL", "Mutations économiques - emploi")]
FOURNISSEURS = [(f"10000{i:05d}", f"Fournisseur n° {i} – SARL Œuvre & Cie") for i in range(200)]
DOMAINES = ["0150-01-02", "0150-02", "0217-07-05", "0216-03-01", "0161-11", "0103-03"]
ACTIVITES = ["BG00/015001010101", "BG00/015002010523", "BG00/021707050101", "BG00/02160401012A",
             "BG00/016111010101", "BG00/010303010101"]
SEPARATEURS_MILLIERS = (" ", "\u00a0", "\u202f")


# --- Generation ----------------------------------------------------------------------------------
def _montant(centimes: int, milliers: str, guillemets: bool) -> str:
    signe = "-" if centimes < 0 else ""
    euros, cts = divmod(abs(centimes), 100)
    texte = f"{signe}{euros:,}".replace(",", milliers) + f",{cts:02d}"
    return f'"{texte}"' if guillemets else texte


def _date(jours: int) -> str:
    d = np.datetime64("2026-01-01") + np.timedelta64(int(jours), "D")
    annee, mois, jour = str(d).split("-")
    return f"{jour}.{mois}.{annee}"


def _lignes(n: int, rng: np.random.Generator) -> dict[str, list[Any]]:
    """The typed content of ``n`` rows (codes as text, amounts in cents, dates as day offsets)."""
    centre = rng.integers(0, len(CENTRES), n)
    fournisseur = rng.integers(0, len(FOURNISSEURS), n)
    engage = rng.integers(-5_000_00, 90_000_000_00, n)
    part = rng.random((4, n))
    sans_dp = rng.random(n) < 0.1
    return {
        "centre": centre.tolist(), "fournisseur": fournisseur.tolist(),
        "ej": (2_103_000_000 + np.arange(n) // 3).tolist(), "poste": (np.arange(n) % 3 + 1).tolist(),
        "dp": [None if s else 100_000_000 + i * 7 for i, s in enumerate(sans_dp.tolist())],
        "date_sf": rng.integers(0, 360, n).tolist(), "date_dp": rng.integers(0, 360, n).tolist(),
        "domaine": rng.integers(0, len(DOMAINES), n).tolist(),
        "montants": [engage.tolist()] + [(engage * p).astype(np.int64).tolist() for p in part],
        "sans_dp": sans_dp.tolist(),
    }


def _texte(lignes: dict[str, list[Any]], i: int, milliers: str, libelle: str | None = None) -> str:
    c, f = lignes["centre"][i], lignes["fournisseur"][i]
    sans_dp = lignes["sans_dp"][i]
    cellules = [CENTRES[c][0], CENTRES[c][1], str(lignes["ej"][i]), str(lignes["poste"][i]),
                "#" if sans_dp else FOURNISSEURS[f][0],
                "Non affecté" if sans_dp else (libelle or FOURNISSEURS[f][1]),
                _date(lignes["date_sf"][i]), "#" if sans_dp else str(lignes["dp"][i]),
                "#" if sans_dp else _date(lignes["date_dp"][i]), DOMAINES[lignes["domaine"][i]],
                ACTIVITES[lignes["domaine"][i]]]
    cellules += [_montant(m[i], milliers, (i + k) % 17 == 0) for k, m in enumerate(lignes["montants"])]
    return ";".join(cellules)


def _sous_total(nom: str, totaux: list[int]) -> str:
    return ";".join([nom] + [""] * 10 + [_montant(t, " ", False) for t in totaux])


def generer(dossier: Path, n: int, graine: int = GRAINE) -> dict[str, Any]:
    """Write ``attendu.csv`` (cp1252) and ``obtenu.csv`` (UTF-8 + BOM); return the known differences."""
    rng = np.random.default_rng(graine)
    d = max(5, n // 20_000)
    lignes = _lignes(n + d, rng)  # the last d rows exist only in the obtained file
    choisis = rng.choice(n, size=6 * d, replace=False).tolist()
    manquantes, engage, paye, libelle, date, paye_dans_tolerance = (
        set(choisis[k * d:(k + 1) * d]) for k in range(6))
    date_possible = [i for i in date if not lignes["sans_dp"][i]]
    _ecrire_attendu(dossier / "attendu.csv", lignes, n)
    obtenu = dict(lignes, montants=[list(m) for m in lignes["montants"]], date_dp=list(lignes["date_dp"]))
    for i in engage:
        obtenu["montants"][0][i] += 1_000_00
    for i in paye:
        obtenu["montants"][4][i] += 2
    for i in paye_dans_tolerance:
        obtenu["montants"][4][i] -= 1
    for i in date_possible:
        obtenu["date_dp"][i] += 1
    ordre = [i for i in rng.permutation(n + d).tolist() if i not in manquantes]
    libelles = {i: f"Fournisseur renommé {i}" for i in libelle if not lignes["sans_dp"][i]}
    _ecrire_obtenu(dossier / "obtenu.csv", obtenu, ordre, libelles)
    return {"lignes_manquantes": d, "lignes_en_trop": d, "ecarts_par_colonne": {
        "Montant engagé": d, "Montant payé": d, "Fournisseur payé (DP) (2)": len(libelles),
        "Date de base de la DP": len(date_possible)}}


def _ecrire_attendu(chemin: Path, lignes: dict[str, list[Any]], n: int) -> None:
    with chemin.open("w", encoding="cp1252", newline="") as f:
        f.write("\r\n".join(PREAMBULE + [";".join(ENTETE)]) + "\r\n")
        totaux_bloc, total = [0] * 5, [0] * 5
        for i in range(n):
            f.write(_texte(lignes, i, SEPARATEURS_MILLIERS[i % 2]) + "\r\n")
            for k in range(5):
                totaux_bloc[k] += lignes["montants"][k][i]
            if i % 1000 == 999:
                f.write(_sous_total("Résultat", totaux_bloc) + "\r\n")
                total, totaux_bloc = [a + b for a, b in zip(total, totaux_bloc)], [0] * 5
        f.write(_sous_total("Résultat global", [a + b for a, b in zip(total, totaux_bloc)]) + "\r\n")


def _ecrire_obtenu(chemin: Path, lignes: dict[str, list[Any]], ordre: list[int], libelles: dict[int, str]) -> None:
    with chemin.open("w", encoding="utf-8-sig", newline="") as f:
        f.write("\n".join(PREAMBULE + [";".join(ENTETE)]) + "\n")
        for j, i in enumerate(ordre):
            f.write(_texte(lignes, i, SEPARATEURS_MILLIERS[1 + j % 2], libelles.get(i)) + "\n")
        f.write(_sous_total("Résultat global", [0] * 5) + "\n")


# --- The two contenders, each in its own process ------------------------------------------------
def commande_recette(dossier: Path) -> list[str]:
    cles = ",".join(CLES)
    return [sys.executable, "-m", "recette", "comparer", str(dossier / "attendu.csv"), str(dossier / "obtenu.csv"),
            "--cles", cles, "--tolerance", f"Montant payé={TOLERANCE_PAYE}", "--format", "json"]


def datacompy_seul(dossier: Path) -> None:
    """Run in a child process: pandas.read_csv + datacompy; prints the differences it found."""
    import datacompy
    import pandas as pd

    def lire(chemin: Path, encodage: str) -> pd.DataFrame:
        df = pd.read_csv(chemin, sep=";", skiprows=len(PREAMBULE), encoding=encodage, dtype=str,
                         keep_default_na=False, na_values=["#", ""])
        df = df[~df.iloc[:, 0].str.startswith("Résultat", na=False)]
        for colonne in MONTANTS:  # the fastest pandas idiom measured here (literal replaces)
            valeurs = df[colonne]
            for separateur in SEPARATEURS_MILLIERS:
                valeurs = valeurs.str.replace(separateur, "", regex=False)
            df[colonne] = valeurs.str.replace(",", ".", regex=False).astype(float)
        return df

    attendu, obtenu = lire(dossier / "attendu.csv", "cp1252"), lire(dossier / "obtenu.csv", "utf-8-sig")
    # datacompy ≥ 0.16 names it PandasCompare; older versions, Compare.
    Compare = getattr(datacompy, "PandasCompare", None) or getattr(datacompy, "Compare")  # noqa: B009
    comparaison = Compare(attendu, obtenu, join_columns=[c.lower() for c in CLES],
                          abs_tol={"montant payé": 0.0101}, cast_column_names_lower=True)
    ecarts = {s["column"]: int(s["unequal_cnt"]) for s in comparaison.column_stats if s["unequal_cnt"]}
    print(json.dumps({"lignes_manquantes": len(comparaison.df1_unq_rows),
                      "lignes_en_trop": len(comparaison.df2_unq_rows), "ecarts_par_colonne": ecarts}))


def _mesurer(commande: list[str]) -> tuple[float, float, float, str]:
    """Wall time, CPU time (user + sys), peak RSS (MiB, ``ru_maxrss`` of this very child) and
    stdout of a fresh child process."""
    debut = time.perf_counter()
    with tempfile.TemporaryFile() as sortie:
        processus = subprocess.Popen(commande, cwd=RACINE, stdout=sortie, stderr=subprocess.DEVNULL)
        _, statut, usage = os.wait4(processus.pid, 0)
        duree = time.perf_counter() - debut
        processus.returncode = os.waitstatus_to_exitcode(statut)
        sortie.seek(0)
        texte = sortie.read().decode()
    if processus.returncode not in (0, 1):
        raise SystemExit(f"échec ({processus.returncode}) de : {' '.join(commande)}\n{texte[-2000:]}")
    return duree, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, texte


def _meilleure(commande: list[str], repetitions: int) -> tuple[float, float, float, str]:
    """Best wall time of ``repetitions`` runs (the machine may be shared), with its CPU time; the
    peak RSS is the highest seen."""
    mesures = [_mesurer(commande) for _ in range(repetitions)]
    duree, cpu, _, texte = min(mesures)
    return duree, cpu, max(m[2] for m in mesures), texte


def _fichiers(dossier: Path, lignes: int) -> dict[str, Any]:
    """Generate the pair once per (lines, seed) in ``dossier``; reuse it afterwards."""
    marque = dossier / "connu.json"
    if marque.exists():
        connu = json.loads(marque.read_text())
        if connu.pop("parametres", None) == [lignes, GRAINE]:
            return connu
    debut = time.perf_counter()
    connu = generer(dossier, lignes)
    print(f"génération : {time.perf_counter() - debut:.1f} s", file=sys.stderr)
    marque.write_text(json.dumps({**connu, "parametres": [lignes, GRAINE]}))
    return connu


def _verifier(nom: str, trouve: dict[str, Any], connu: dict[str, Any], normaliser: bool = False) -> None:
    ecarts = trouve["ecarts_par_colonne"]
    if normaliser:
        ecarts = {k.replace(".1", " (2)"): v for k, v in ecarts.items()}
        connu = dict(connu, ecarts_par_colonne={k.lower(): v for k, v in connu["ecarts_par_colonne"].items()})
    attendu = (connu["lignes_manquantes"], connu["lignes_en_trop"], connu["ecarts_par_colonne"])
    obtenu = (trouve["lignes_manquantes"], trouve["lignes_en_trop"], ecarts)
    if attendu != obtenu:
        raise SystemExit(f"{nom} ne trouve pas les écarts connus : {obtenu} au lieu de {attendu}")


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--lignes", type=int, default=100_000, help="lignes de données par fichier")
    analyseur.add_argument("--repetitions", type=int, default=3, help="exécutions de chacun (meilleur temps gardé)")
    analyseur.add_argument("--dossier", type=Path, help="garder (et réutiliser) les fichiers générés ici")
    analyseur.add_argument("--sans-datacompy", action="store_true",
                           help="ne mesurer que recette (datacompy demande ~2,7 Gio par million de lignes)")
    analyseur.add_argument("--datacompy", type=Path, help=argparse.SUPPRESS)
    options = analyseur.parse_args()
    if options.datacompy:
        return datacompy_seul(options.datacompy)
    with tempfile.TemporaryDirectory() as temporaire:
        dossier = options.dossier or Path(temporaire)
        dossier.mkdir(parents=True, exist_ok=True)
        connu = _fichiers(dossier, options.lignes)
        print(f"écarts connus : {connu}", file=sys.stderr)
        recette_s, recette_cpu, recette_rss, texte = _meilleure(commande_recette(dossier), options.repetitions)
        _verifier("recette comparer", json.loads(texte), connu)
        datacompy_s = datacompy_cpu = datacompy_rss = float("nan")
        if not options.sans_datacompy:
            datacompy_s, datacompy_cpu, datacompy_rss, texte = _meilleure(
                [sys.executable, __file__, "--datacompy", str(dossier)], options.repetitions)
            _verifier("datacompy", json.loads(texte.strip().splitlines()[-1]), connu, normaliser=True)
    print(f"temps CPU (utilisateur + système) : recette {recette_cpu:.2f} s, datacompy {datacompy_cpu:.2f} s ; "
          f"charge de la machine : {os.getloadavg()[0]:.1f}", file=sys.stderr)
    print(json.dumps({"lignes": options.lignes, "recette_s": round(recette_s, 2), "datacompy_s": _arrondi(datacompy_s),
                      "acceleration": _arrondi(datacompy_s / recette_s), "recette_rss_mio": round(recette_rss),
                      "datacompy_rss_mio": _arrondi(datacompy_rss, None)}))


def _arrondi(valeur: float, chiffres: int | None = 2) -> float | None:
    """JSON has no NaN: a contender not run is null."""
    return None if math.isnan(valeur) else round(valeur, chiffres)


if __name__ == "__main__":
    main()
