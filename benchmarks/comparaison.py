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

``--simple``: a plain French CSV instead (UTF-8, ``;``, no preamble, decimal comma, codes with
leading zeros; 10 columns, key ``N° EJ`` + ``N° poste EJ``), generated with numpy on the bytes:
``recette comparer`` against datacompy on ``pandas.read_csv`` at its best (targets: ≥ 5× faster,
≤ 0.5× its peak RSS) and against the read floor, both files read by ``pyarrow.csv.read_csv``
(target: ≤ 2× its time).

``--hors-memoire-lignes N``: the plain CSV at N lines (50 M: 2 × ~5.5 GB), once each:
``recette comparer --hors-memoire`` against the same comparison written by hand in DuckDB SQL
(its own CSV reader, same memory limit); target: peak RSS within 8 GiB. The files go to a
temporary directory (``TMPDIR``), deleted afterwards.
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


# --- The plain case: a French CSV as pandas reads it best ------------------------------------------
ENTETE_SIMPLE = ["Centre financier", "N° EJ", "N° poste EJ", "Fournisseur", "Domaine fonctionnel",
                 "Date comptable", "Montant engagé", "Montant réceptionné", "Montant facturé", "Montant payé"]
CLES_SIMPLE = ["N° EJ", "N° poste EJ"]
CODES_SIMPLE = ENTETE_SIMPLE[:6]  # read as text by every contender (leading zeros kept; dates as written)
MONTANTS_SIMPLE = ENTETE_SIMPLE[6:]
MORCEAU = 2_000_000  # rows generated at once (bounded memory at 50M rows)


def texte_entiers(valeurs: np.ndarray, chiffres: int = 1, centimes: bool = False) -> Any:
    """int64 → decimal text as a pyarrow string array, built on the bytes with numpy (no Python
    loop over rows): zero-padded to ``chiffres`` digits, ``-1234,56`` when ``centimes``."""
    import pyarrow as pa

    negatifs = valeurs < 0
    reste = np.abs(valeurs)
    largeur = np.maximum(np.floor(np.log10(np.maximum(reste, 1))).astype(np.int64) + 1, chiffres)
    offsets = np.zeros(len(valeurs) + 1, dtype=np.int64)
    np.cumsum(negatifs + largeur + centimes, out=offsets[1:])
    octets = np.empty(int(offsets[-1]), dtype=np.uint8)
    octets[offsets[:-1][negatifs]] = ord("-")
    fin = offsets[1:] - 1
    for rang in range(int(largeur.max(initial=1))):
        if centimes and rang == 2:
            octets[fin] = ord(",")
            fin = fin - 1
        ecrits = largeur > rang
        octets[fin[ecrits]] = (reste[ecrits] % 10 + 48).astype(np.uint8)
        fin, reste = fin - 1, reste // 10
    return pa.StringArray.from_buffers(len(valeurs), pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(octets))


def _valeurs_simples(i: np.ndarray, graine: int) -> dict[str, Any]:
    """Row ``i``'s content, a pure function of its number (so a chunk can be generated alone)."""
    rng = np.random.default_rng([graine, int(i[0]) if len(i) else 0])
    n = len(i)
    engage = rng.integers(-5_000_00, 90_000_000_00, n)
    return {"centre": rng.integers(0, len(CENTRES), n), "fournisseur": rng.integers(0, 400_000, n),
            "domaine": rng.integers(0, len(DOMAINES), n), "date": rng.integers(0, 360, n),
            "montants": [engage] + [(engage * p).astype(np.int64) for p in rng.random((3, n))]}


def _table_simple(i: np.ndarray, v: dict[str, Any]) -> Any:
    import pyarrow as pa

    jours = np.datetime64("2026-01-01") + np.arange(400).astype("timedelta64[D]")
    dates = pa.array([str(j)[8:10] + "." + str(j)[5:7] + "." + str(j)[:4] for j in jours])
    return pa.table([pa.array([c for c, _ in CENTRES]).take(pa.array(v["centre"])),
                     texte_entiers(103_000_000 + i // 3, 10), texte_entiers(i % 3 + 1),
                     texte_entiers(v["fournisseur"], 10), pa.array(DOMAINES).take(pa.array(v["domaine"])),
                     dates.take(pa.array(v["date"])),
                     *(texte_entiers(m, 3, centimes=True) for m in v["montants"])], names=ENTETE_SIMPLE)


def generer_simple(dossier: Path, n: int, graine: int = GRAINE) -> dict[str, Any]:
    """``attendu.csv`` and ``obtenu.csv``: UTF-8, ``;``, no preamble, decimal comma, no thousands
    separator, codes with leading zeros (``0103000000``); the obtained file shuffled (within
    chunks of 2 M rows), with a known set of differences, written chunk by chunk."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    rng = np.random.default_rng(graine)
    d = max(5, n // 20_000)
    choisis = rng.choice(n, size=6 * d, replace=False)
    manquantes, engage, paye, tolere, date, fournisseur = (choisis[k * d:(k + 1) * d] for k in range(6))
    schema = pa.schema([(c, pa.string()) for c in ENTETE_SIMPLE])
    options = pcsv.WriteOptions(delimiter=";", quoting_style="none", include_header=False)
    entete = (";".join(ENTETE_SIMPLE) + "\n").encode()
    with open(dossier / "attendu.csv", "wb") as fa, open(dossier / "obtenu.csv", "wb") as fo:
        fa.write(entete), fo.write(entete)
        with pcsv.CSVWriter(fa, schema, write_options=options) as ecrit_a, \
                pcsv.CSVWriter(fo, schema, write_options=options) as ecrit_o:
            for debut in range(0, n + d, MORCEAU):  # the last d rows exist only in the obtained file
                i = np.arange(debut, min(debut + MORCEAU, n + d))
                v = _valeurs_simples(i, graine)
                ecrit_a.write_table(_table_simple(i[i < n], {k: ([m[i < n] for m in x] if k == "montants" else
                                                                 x[i < n]) for k, x in v.items()}))

                def ici(lignes: np.ndarray) -> np.ndarray:
                    return lignes[(lignes >= debut) & (lignes < debut + len(i))] - debut  # noqa: B023

                v["montants"][0][ici(engage)] += 1_000_00
                v["montants"][3][ici(paye)] += 2  # beyond the tolerance of 0,01
                v["montants"][3][ici(tolere)] -= 1  # within it
                v["date"][ici(date)] += 1
                v["fournisseur"][ici(fournisseur)] = 999_999  # never drawn
                gardees = np.ones(len(i), dtype=bool)
                gardees[ici(manquantes)] = False
                ordre = np.random.default_rng([graine, debut, 1]).permutation(np.flatnonzero(gardees))
                ecrit_o.write_table(_table_simple(i[ordre], {k: ([m[ordre] for m in x] if k == "montants" else
                                                                 x[ordre]) for k, x in v.items()}))
    return {"lignes_manquantes": d, "lignes_en_trop": d, "ecarts_par_colonne": {
        "Fournisseur": d, "Date comptable": d, "Montant engagé": d, "Montant payé": d}}


# --- The contenders, each in its own process -----------------------------------------------------
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


def commande_recette_simple(dossier: Path, hors_memoire: bool = False) -> list[str]:
    return [sys.executable, "-m", "recette", "comparer", str(dossier / "attendu.csv"), str(dossier / "obtenu.csv"),
            "--cles", ",".join(CLES_SIMPLE), "--tolerance", f"Montant payé={TOLERANCE_PAYE}", "--format", "json",
            *(["--hors-memoire"] if hors_memoire else [])]


def datacompy_simple(dossier: Path) -> None:
    """Run in a child process: pandas.read_csv at its best on a plain file (C parser, decimal
    comma parsed by pandas itself, codes as text) + datacompy; prints the differences found."""
    import datacompy
    import pandas as pd

    def lire(chemin: Path) -> pd.DataFrame:
        return pd.read_csv(chemin, sep=";", decimal=",", dtype={c: str for c in CODES_SIMPLE})

    Compare = getattr(datacompy, "PandasCompare", None) or getattr(datacompy, "Compare")  # noqa: B009
    comparaison = Compare(lire(dossier / "attendu.csv"), lire(dossier / "obtenu.csv"),
                          join_columns=[c.lower() for c in CLES_SIMPLE], abs_tol={"montant payé": 0.0101},
                          cast_column_names_lower=True)
    ecarts = {s["column"]: int(s["unequal_cnt"]) for s in comparaison.column_stats if s["unequal_cnt"]}
    print(json.dumps({"lignes_manquantes": len(comparaison.df1_unq_rows),
                      "lignes_en_trop": len(comparaison.df2_unq_rows), "ecarts_par_colonne": ecarts}))


def pyarrow_seul(dossier: Path) -> None:
    """Run in a child process: the read floor, both files read by pyarrow.csv (all its threads;
    codes as text, amounts as float64 with the decimal comma), nothing compared."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    conversion = pcsv.ConvertOptions(decimal_point=",", column_types={c: pa.string() for c in CODES_SIMPLE})
    lignes = [pcsv.read_csv(dossier / nom, parse_options=pcsv.ParseOptions(delimiter=";"),
                            convert_options=conversion).num_rows for nom in ("attendu.csv", "obtenu.csv")]
    print(json.dumps({"lignes": lignes}))


def duckdb_seul(dossier: Path) -> None:
    """Run in a child process: the out-of-core reference, the comparison written by hand in DuckDB
    SQL (its own CSV reader, decimal comma, a full outer join on the key, one count per column),
    with the same memory limit and threads as ``recette comparer --hors-memoire``."""
    import duckdb

    from recette.donnees.hors_memoire import MEMOIRE_DUCKDB_MAX, memoire_disponible

    limite = min(MEMOIRE_DUCKDB_MAX, memoire_disponible() // 2)
    with tempfile.TemporaryDirectory(prefix="bench-duckdb-", dir=dossier) as temporaire:
        connexion = duckdb.connect(str(Path(temporaire) / "reference.duckdb"), config={
            "memory_limit": f"{limite >> 20}MB", "threads": 2, "temp_directory": temporaire,
            "preserve_insertion_order": False})
        colonnes = "{" + ", ".join(f"'{c}': '{'DECIMAL(18,2)' if c in MONTANTS_SIMPLE else 'VARCHAR'}'"
                                   for c in ENTETE_SIMPLE) + "}"

        def lire(nom: str) -> str:
            return (f"read_csv('{dossier / nom}', delim=';', header=true, decimal_separator=',', "
                    f"columns={colonnes})")

        cle = " AND ".join(f'a."{c}" = b."{c}"' for c in CLES_SIMPLE)
        tolerance = {"Montant payé": "0.01"}
        comptes = ", ".join(
            f'count(*) FILTER (WHERE a."{c}" IS NOT NULL AND b."{c}" IS NOT NULL AND '
            + (f'abs(a."{c}" - b."{c}") > {tolerance.get(c, "0")})' if c in MONTANTS_SIMPLE
               else f'a."{c}" IS DISTINCT FROM b."{c}")')
            for c in ENTETE_SIMPLE if c not in CLES_SIMPLE)
        ligne = connexion.execute(
            f'SELECT count(*) FILTER (WHERE b."N° EJ" IS NULL), count(*) FILTER (WHERE a."N° EJ" IS NULL), {comptes} '
            f"FROM {lire('attendu.csv')} a FULL OUTER JOIN {lire('obtenu.csv')} b ON {cle}").fetchone()
        connexion.close()
    noms = [c for c in ENTETE_SIMPLE if c not in CLES_SIMPLE]
    print(json.dumps({"lignes_manquantes": ligne[0], "lignes_en_trop": ligne[1],
                      "ecarts_par_colonne": {c: n for c, n in zip(noms, ligne[2:]) if n}}))


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


def _fichiers(dossier: Path, lignes: int, cas: str = "inf_bud_53") -> dict[str, Any]:
    """Generate the pair once per (case, lines, seed) in ``dossier``; reuse it afterwards."""
    marque = dossier / "connu.json"
    if marque.exists():
        connu = json.loads(marque.read_text())
        if connu.pop("parametres", None) == [cas, lignes, GRAINE]:
            return connu
    debut = time.perf_counter()
    connu = (generer_simple if cas != "inf_bud_53" else generer)(dossier, lignes)
    print(f"génération ({cas}, {lignes} lignes) : {time.perf_counter() - debut:.1f} s", file=sys.stderr)
    marque.write_text(json.dumps({**connu, "parametres": [cas, lignes, GRAINE]}))
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


def _enfant(option: str, dossier: Path) -> list[str]:
    return [sys.executable, __file__, option, str(dossier)]


def cas_inf_bud_53(options: argparse.Namespace, dossier: Path) -> dict[str, Any]:
    """The messy INF-BUD-53 pair: recette against datacompy."""
    connu = _fichiers(dossier, options.lignes)
    print(f"écarts connus : {connu}", file=sys.stderr)
    recette_s, recette_cpu, recette_rss, texte = _meilleure(commande_recette(dossier), options.repetitions)
    _verifier("recette comparer", json.loads(texte), connu)
    datacompy_s = datacompy_cpu = datacompy_rss = float("nan")
    if not options.sans_datacompy:
        datacompy_s, datacompy_cpu, datacompy_rss, texte = _meilleure(_enfant("--datacompy", dossier),
                                                                      options.repetitions)
        _verifier("datacompy", json.loads(texte.strip().splitlines()[-1]), connu, normaliser=True)
    print(f"temps CPU (utilisateur + système) : recette {recette_cpu:.2f} s, datacompy {datacompy_cpu:.2f} s ; "
          f"charge de la machine : {os.getloadavg()[0]:.1f}", file=sys.stderr)
    return {"lignes": options.lignes, "recette_s": round(recette_s, 2), "datacompy_s": _arrondi(datacompy_s),
            "acceleration": _arrondi(datacompy_s / recette_s), "recette_rss_mio": round(recette_rss),
            "datacompy_rss_mio": _arrondi(datacompy_rss, None)}


def cas_simple(options: argparse.Namespace, dossier: Path) -> dict[str, Any]:
    """The plain French CSV: recette against datacompy (targets: ≥ 5× faster, ≤ 0.5× its peak
    RSS) and against the pyarrow read floor (target: ≤ 2× its time)."""
    connu = _fichiers(dossier, options.lignes, "simple")
    recette_s, recette_cpu, recette_rss, texte = _meilleure(commande_recette_simple(dossier), options.repetitions)
    _verifier("recette comparer", json.loads(texte), connu)
    pyarrow_s, pyarrow_cpu, pyarrow_rss, _ = _meilleure(_enfant("--pyarrow", dossier), options.repetitions)
    resultat = {"cas": "csv simple", "lignes": options.lignes, "recette_s": round(recette_s, 2),
                "pyarrow_lecture_s": round(pyarrow_s, 2), "rapport_plancher": round(recette_s / pyarrow_s, 2),
                "recette_rss_mio": round(recette_rss), "pyarrow_rss_mio": round(pyarrow_rss)}
    if not options.sans_datacompy:
        datacompy_s, _, datacompy_rss, texte = _meilleure(_enfant("--datacompy-simple", dossier),
                                                                      options.repetitions)
        _verifier("datacompy", json.loads(texte.strip().splitlines()[-1]), connu, normaliser=True)
        resultat.update(datacompy_s=round(datacompy_s, 2), acceleration=round(datacompy_s / recette_s, 2),
                        datacompy_rss_mio=round(datacompy_rss), rapport_memoire=round(recette_rss / datacompy_rss, 2))
    print(f"temps CPU (utilisateur + système) : recette {recette_cpu:.2f} s, pyarrow {pyarrow_cpu:.2f} s ; "
          f"charge de la machine : {os.getloadavg()[0]:.1f}", file=sys.stderr)
    return resultat


def cas_hors_memoire(options: argparse.Namespace, dossier: Path) -> dict[str, Any]:
    """The plain CSV at tens of millions of lines: ``recette comparer --hors-memoire`` against
    the same comparison written by hand in DuckDB SQL (target: peak RSS within 8 GiB). Once each."""
    lignes = options.hors_memoire_lignes
    connu = _fichiers(dossier, lignes, "simple")
    taille = sum((dossier / nom).stat().st_size for nom in ("attendu.csv", "obtenu.csv"))
    recette_s, recette_cpu, recette_rss, texte = _mesurer(commande_recette_simple(dossier, hors_memoire=True))
    _verifier("recette comparer --hors-memoire", json.loads(texte), connu)
    duckdb_s, duckdb_cpu, duckdb_rss, texte = _mesurer(_enfant("--duckdb", dossier))
    _verifier("DuckDB (SQL écrit à la main)", json.loads(texte.strip().splitlines()[-1]), connu)
    print(f"temps CPU (utilisateur + système) : recette {recette_cpu:.1f} s, DuckDB {duckdb_cpu:.1f} s ; "
          f"charge de la machine : {os.getloadavg()[0]:.1f}", file=sys.stderr)
    return {"cas": "hors mémoire", "lignes": lignes, "octets_csv": taille, "recette_s": round(recette_s, 1),
            "duckdb_sql_s": round(duckdb_s, 1), "rapport_duckdb": round(recette_s / duckdb_s, 2),
            "recette_rss_mio": round(recette_rss), "duckdb_rss_mio": round(duckdb_rss),
            "plafond_rss_mio": 8192}


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--lignes", type=int, default=100_000, help="lignes de données par fichier")
    analyseur.add_argument("--repetitions", type=int, default=3, help="exécutions de chacun (meilleur temps gardé)")
    analyseur.add_argument("--dossier", type=Path, help="garder (et réutiliser) les fichiers générés ici")
    analyseur.add_argument("--simple", action="store_true",
                           help="le CSV français simple (virgule décimale, sans préambule) : recette, datacompy et "
                                "la lecture par pyarrow")
    analyseur.add_argument("--hors-memoire-lignes", type=int, metavar="N",
                           help="le CSV simple à N lignes, hors mémoire : recette --hors-memoire et DuckDB en SQL")
    analyseur.add_argument("--sans-datacompy", action="store_true",
                           help="ne pas mesurer datacompy (~2,7 Gio par million de lignes)")
    for cache in ("--datacompy", "--datacompy-simple", "--pyarrow", "--duckdb"):
        analyseur.add_argument(cache, type=Path, help=argparse.SUPPRESS)
    options = analyseur.parse_args()
    for enfant, fonction in ((options.datacompy, datacompy_seul), (options.datacompy_simple, datacompy_simple),
                             (options.pyarrow, pyarrow_seul), (options.duckdb, duckdb_seul)):
        if enfant:
            return fonction(enfant)
    cas = cas_hors_memoire if options.hors_memoire_lignes else (cas_simple if options.simple else cas_inf_bud_53)
    with tempfile.TemporaryDirectory(prefix="bench-comparaison-") as temporaire:
        dossier = options.dossier or Path(temporaire)
        dossier.mkdir(parents=True, exist_ok=True)
        resultat = cas(options, dossier)
    print(json.dumps(resultat, ensure_ascii=False))


def _arrondi(valeur: float, chiffres: int | None = 2) -> float | None:
    """JSON has no NaN: a contender not run is null."""
    return None if math.isnan(valeur) else round(valeur, chiffres)


if __name__ == "__main__":
    main()
