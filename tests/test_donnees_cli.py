"""``recette comparer``: exit codes 0 / 1 / 2, JSON output, reports, French errors without traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from aides_donnees import CLES, LIGNES, ecrire, export
from recette.cli import main

CLES_JSON = ["conforme", "lignes_attendues", "lignes_obtenues", "lignes_manquantes", "lignes_en_trop",
             "cellules_differentes", "cles_en_double", "colonnes_manquantes", "colonnes_en_trop", "ecarts_par_colonne"]


def comparer(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["comparer", *args])
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


@pytest.fixture
def fichiers(tmp_path: Path) -> tuple[Path, Path]:
    obtenu = [LIGNES[2], LIGNES[0].replace("807,28", "807,29"), LIGNES[1]]
    return export(tmp_path), export(tmp_path, "obtenu.csv", lignes=obtenu, encodage="cp1252")


def test_conformes_code_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a, o = export(tmp_path), export(tmp_path, "obtenu.csv", lignes=LIGNES[::-1], encodage="utf-8-sig")
    code, sortie, erreurs = comparer(capsys, str(a), str(o), "--cles", CLES)
    assert code == 0
    # nothing on stderr but, on a slow machine, the progress lines (« étape … (1.2 s) »)
    assert [ligne for ligne in erreurs.splitlines() if not re.search(r"\(\d+\.\d s\)$", ligne)] == []
    assert "Verdict : CONFORME (aucun écart sur 3 lignes)" in sortie


def test_ecarts_code_1_et_json(capsys: pytest.CaptureFixture[str], fichiers: tuple[Path, Path]) -> None:
    code, sortie, _ = comparer(capsys, *map(str, fichiers), "--cles", CLES, "--format", "json")
    resultat = json.loads(sortie)
    assert code == 1 and list(resultat) == CLES_JSON
    assert resultat["conforme"] is False and resultat["ecarts_par_colonne"] == {"Montant payé": 1}
    assert (resultat["lignes_attendues"], resultat["lignes_obtenues"]) == (3, 3)
    assert resultat["cles_en_double"] == {"attendu": 0, "obtenu": 0}


@pytest.mark.parametrize("ecart", ["0,01", "0.01"])
def test_tolerance_en_option(capsys: pytest.CaptureFixture[str], fichiers: tuple[Path, Path], ecart: str) -> None:
    code, _, _ = comparer(capsys, *map(str, fichiers), "--cles", CLES, "--tolerance", f"Montant payé={ecart}")
    assert code == 0


def test_resume_texte_dit_comment_regenerer(capsys: pytest.CaptureFixture[str], fichiers: tuple[Path, Path]) -> None:
    code, sortie, _ = comparer(capsys, *map(str, fichiers), "--cles", CLES)
    assert code == 1 and "Verdict : NON CONFORME" in sortie
    assert "Montant payé [N° EJ 2103105755, N° poste EJ 1] : attendu 807,28, obtenu 807,29 (écart +0,01)" in sortie
    assert "--recette-regenerer-attendus" in sortie


def test_ignorer(capsys: pytest.CaptureFixture[str], fichiers: tuple[Path, Path]) -> None:
    assert comparer(capsys, *map(str, fichiers), "--cles", CLES, "--ignorer", "Montant payé")[0] == 0


def test_sortie_ecrit_csv_et_html(capsys: pytest.CaptureFixture[str], fichiers: tuple[Path, Path],
                                  tmp_path: Path) -> None:
    code, sortie, _ = comparer(capsys, *map(str, fichiers), "--cles", CLES, "--sortie", str(tmp_path / "r"))
    assert code == 1 and f"Écrit : {tmp_path / 'r' / 'ecarts.html'}" in sortie
    lignes = (tmp_path / "r" / "ecarts.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lignes == ["Type;N° EJ;N° poste EJ;Colonne;Attendu;Obtenu;Écart",
                      "cellule différente;2103105755;1;Montant payé;807,28;807,29;+0,01"]
    assert "807,29" in (tmp_path / "r" / "ecarts.html").read_text(encoding="utf-8")


def test_spec_a_cote_de_l_attendu(capsys: pytest.CaptureFixture[str], fichiers: tuple[Path, Path]) -> None:
    attendu, obtenu = fichiers
    attendu.with_suffix(".yaml").write_text("cles: [N° EJ, N° poste EJ]\nmontants:\n  Montant payé: '0,01'\n",
                                            encoding="utf-8")
    assert comparer(capsys, str(attendu), str(obtenu))[0] == 0
    assert comparer(capsys, str(attendu), str(obtenu), "--tolerance", "Montant payé=0")[0] == 1


def test_spec_donnee(capsys: pytest.CaptureFixture[str], fichiers: tuple[Path, Path], tmp_path: Path) -> None:
    spec = tmp_path / "ailleurs.yaml"
    spec.write_text("cles: [N° EJ, N° poste EJ]\nignorer: [Montant payé]\n", encoding="utf-8")
    assert comparer(capsys, *map(str, fichiers), "--spec", str(spec))[0] == 0


# --- Bad input: exit 2, a French message on stderr, no traceback -----------------------------------
def test_sans_cle(capsys: pytest.CaptureFixture[str], fichiers: tuple[Path, Path]) -> None:
    code, sortie, erreurs = comparer(capsys, *map(str, fichiers))
    assert (code, sortie) == (2, "")
    assert "recette comparer : erreur : " in erreurs and "aucune colonne clé" in erreurs
    assert "--cles" in erreurs and "attendu.yaml" in erreurs


@pytest.mark.parametrize(("remplacement", "message"), [
    ("807,28", "ligne 6, colonne 9 « Montant payé » : valeur invalide « 8O7,28 »"),
    ("03.02.2026", "ligne 6, colonne 7 « Date comptable du SF » : valeur invalide « 31.02.2026 »"),
])
def test_obtenu_mal_forme(capsys: pytest.CaptureFixture[str], tmp_path: Path, remplacement: str, message: str) -> None:
    mauvais = {"807,28": "8O7,28", "03.02.2026": "31.02.2026"}[remplacement]
    a = export(tmp_path)
    o = export(tmp_path, "obtenu.csv", lignes=[LIGNES[0].replace(remplacement, mauvais), *LIGNES[1:]])
    code, _, erreurs = comparer(capsys, str(a), str(o), "--cles", CLES)
    assert code == 2 and f"{o}, {message}" in erreurs and "Traceback" not in erreurs


def test_attendu_de_mauvaise_largeur(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a = export(tmp_path, lignes=[*LIGNES, "BG00/0150-CSUP-DR75;DR;2103105759;1"])
    code, _, erreurs = comparer(capsys, str(a), str(a), "--cles", CLES)
    assert code == 2 and f"{a}, ligne 9, colonne 5 « Fournisseur payé (DP) » manquante" in erreurs


@pytest.mark.parametrize(("options", "message"), [
    (["--tolerance", "Montant payé"], "option --tolerance « Montant payé » : attendu COL=ECART"),
    (["--tolerance", "Montant payé=abc"], "tolérance invalide « abc »"),
    (["--cles", "N° EJ,N° DP"], "colonne « N° DP » (cles) absente de l'attendu"),
    (["--spec", "absente.yaml"], "absente.yaml : fichier de spécification introuvable"),
    (["--format", "xml"], "argument --format : choix invalide « xml »"),
])
def test_options_invalides(capsys: pytest.CaptureFixture[str], fichiers: tuple[Path, Path], options: list[str],
                           message: str) -> None:
    args = [*map(str, fichiers), *(["--cles", CLES] if "--cles" not in options else []), *options]
    try:
        code, _, erreurs = comparer(capsys, *args)
    except SystemExit as sortie:  # argparse
        code, erreurs = int(sortie.code or 0), capsys.readouterr().err
    assert code == 2 and message in erreurs


def test_fichier_introuvable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, erreurs = comparer(capsys, str(tmp_path / "absent.csv"), str(tmp_path / "b.csv"), "--cles", "A")
    assert code == 2 and "absent.csv : fichier introuvable" in erreurs


def test_sortie_impossible(capsys: pytest.CaptureFixture[str], fichiers: tuple[Path, Path], tmp_path: Path) -> None:
    bloque = ecrire(tmp_path, "fichier", ["x"])
    code, _, erreurs = comparer(capsys, *map(str, fichiers), "--cles", CLES, "--sortie", str(bloque / "r"))
    assert code == 2 and "écriture impossible" in erreurs


def test_processus_sans_trace_et_demarrage_leger(fichiers: tuple[Path, Path]) -> None:
    """In a fresh process: French error, exit 2, no traceback; the comparer path imports neither
    pytest, playwright nor pandas."""
    script = ("import sys; from recette.cli import main; code = main(sys.argv[1:]); "
              "lourds = [m for m in ('pytest', 'playwright', 'pandas', 'httpx', 'chorus_sandbox') if m in sys.modules]; "
              "print(lourds, file=sys.stderr); raise SystemExit(code)")
    fini = subprocess.run([sys.executable, "-c", script, "comparer", *map(str, fichiers)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert fini.returncode == 2 and "Traceback" not in fini.stderr
    assert "aucune colonne clé" in fini.stderr and fini.stderr.rstrip().endswith("[]")


def test_la_commande_ne_charge_pas_pandas_qui_reste_disponible(fichiers: tuple[Path, Path]) -> None:
    """pyarrow would import pandas (0.3 s) on its first array: the command keeps it out, and a
    DataFrame asked for afterwards in the same process still comes."""
    a, o = fichiers
    script = ("import sys; from recette.cli import main; code = main(['comparer', sys.argv[1], sys.argv[2], '--cles', "
              f"{CLES!r}, '--format', 'json']); print('pandas' in sys.modules); "
              "from recette.donnees import lire_export; print(len(lire_export(sys.argv[1]).donnees))")
    fait = subprocess.run([sys.executable, "-c", script, str(a), str(o)], capture_output=True, text=True, check=True)
    assert fait.stdout.splitlines()[1:] == ["False", "3"]
