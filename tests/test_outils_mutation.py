"""``recette mutation``: the matrix of defects × scenarios and the detection rate, computed from
a reference run and one run per defect; and for real, two defects on a tiny campaign."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recette.outils import ErreurOutil
from recette.outils.mutation import Campagne, Execution, choisir_defauts, en_json, en_texte, mesurer

RACINE = Path(__file__).resolve().parents[1]


def _execution(echecs: dict[str, bool]) -> Execution:
    return Execution(echecs, {cle: f"Scénario {cle}" for cle in echecs}, 1.25)


RUNS = {
    "": _execution({"a": False, "b": False, "c": True}),  # c fails without any defect
    "ej-au-dela-des-ae": _execution({"a": True, "b": False, "c": True}),
    "paiement-au-dela-des-cp": _execution({"a": False, "b": False, "c": True}),
    "reserve-non-appliquee": _execution({"a": True, "b": True, "c": True}),
}


def _mesurer(defauts: list[str], tmp_path: Path) -> tuple[object, list[tuple[str, str]], list[str]]:
    appels: list[tuple[str, str]] = []
    lignes: list[str] = []

    def executer(dossier: Path, campagne: Campagne, defaut: str) -> Execution:
        appels.append((dossier.name, defaut))
        assert campagne == Campagne(["features/x.feature"], "critique", 2)
        return RUNS[defaut]

    matrice = mesurer(defauts, Campagne(["features/x.feature"], "critique", 2), tmp_path, lignes.append, executer)
    return matrice, appels, lignes


def test_la_reference_passe_d_abord_et_ses_echecs_sont_exclus(tmp_path: Path) -> None:
    defauts = ["ej-au-dela-des-ae", "paiement-au-dela-des-cp", "reserve-non-appliquee"]
    matrice, appels, lignes = _mesurer(defauts, tmp_path)
    assert appels == [("reference", ""), ("ej-au-dela-des-ae", "ej-au-dela-des-ae"),
                      ("paiement-au-dela-des-cp", "paiement-au-dela-des-cp"),
                      ("reserve-non-appliquee", "reserve-non-appliquee")]
    assert lignes == [
        "[0/3] référence sans défaut…",
        "[0/3] référence : 3 scénario(s), 1 en échec sans défaut (1,2 s)",
        "[1/3] ej-au-dela-des-ae…",
        "[1/3] ej-au-dela-des-ae : détecté par 1 scénario(s) (1,2 s)",
        "[2/3] paiement-au-dela-des-cp…",
        "[2/3] paiement-au-dela-des-cp : NON DÉTECTÉ (1,2 s)",
        "[3/3] reserve-non-appliquee…",
        "[3/3] reserve-non-appliquee : détecté par 2 scénario(s) (1,2 s)",
    ]
    assert en_json(matrice) == ('{"defauts": 3, "detectes": 2, "taux": 0.6666666666666666, '
                                '"non_detectes": ["paiement-au-dela-des-cp"]}\n')
    assert en_texte(matrice).splitlines() == [
        "Défauts du bac à sable :",
        "  D1 ej-au-dela-des-ae : détecté par 1 scénario(s)",
        "  D2 paiement-au-dela-des-cp : NON DÉTECTÉ (trou de la recette)",
        "  D3 reserve-non-appliquee : détecté par 2 scénario(s)",
        "",
        "Matrice défauts × scénarios (X : le scénario échoue quand le défaut est actif) :",
        "  D1  D2  D3   scénario",
        "  X   .   X    Scénario a",
        "  .   .   X    Scénario b",
        "",
        "En échec sans défaut (exclus de la matrice) :",
        "  Scénario c",
        "",
        "Taux de détection : 2/3 défaut(s) (66,7 %)",
        "Non détectés : paiement-au-dela-des-cp",
    ]


def test_tout_detecte_donne_un_taux_de_cent_pour_cent(tmp_path: Path) -> None:
    matrice, _, _ = _mesurer(["reserve-non-appliquee"], tmp_path)
    assert json.loads(en_json(matrice)) == {"defauts": 1, "detectes": 1, "taux": 1.0, "non_detectes": []}


def test_sans_aucun_scenario_reussi_sans_defaut_la_mesure_est_impossible(tmp_path: Path) -> None:
    def executer(dossier: Path, campagne: Campagne, defaut: str) -> Execution:
        assert defaut == "", "no defect run after a reference where everything fails"
        return _execution({"a": True, "b": True})

    with pytest.raises(ErreurOutil) as erreur:
        mesurer(["ej-au-dela-des-ae"], Campagne(["features"]), tmp_path, lambda _: None, executer)
    assert str(erreur.value) == ("aucun scénario ne passe sans défaut (2 en échec) : rien ne peut détecter un "
                                 f"défaut ; voir {tmp_path / 'reference' / 'sortie.txt'}")


def test_les_defauts_viennent_du_catalogue_du_bac_a_sable() -> None:
    from chorus_sandbox.domaine.defauts import CATALOGUE

    assert choisir_defauts(None) == list(CATALOGUE)
    assert choisir_defauts("reserve-non-appliquee, ej-au-dela-des-ae") == ["ej-au-dela-des-ae", "reserve-non-appliquee"]
    with pytest.raises(ErreurOutil, match="^Défaut inconnu : pas-un-defaut \\(défauts connus : "):
        choisir_defauts("ej-au-dela-des-ae,pas-un-defaut")


def _recette(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("RECETTE_ENV", "CHORUS_SANDBOX_DEFAUTS")}
    return subprocess.run([sys.executable, "-m", "recette", *args], cwd=RACINE, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


def test_un_defaut_inconnu_est_refuse_avant_toute_campagne(tmp_path: Path) -> None:
    fini = _recette("mutation", "--defauts", "pas-un-defaut", "--sortie", str(tmp_path))
    assert fini.returncode == 2
    assert fini.stderr.startswith("Erreur : Défaut inconnu : pas-un-defaut (défauts connus : ")
    assert not any(tmp_path.iterdir())


def test_deux_defauts_sur_une_petite_campagne(tmp_path: Path) -> None:
    """For real, the complete measure (``--complet``): the critical scenarios of the LFI integration catch the missing reserve, not an EJ
    beyond the AE (no scenario of that file engages anything)."""
    fini = _recette("mutation", "--complet", "--defauts", "reserve-non-appliquee,ej-au-dela-des-ae", "--tags", "critique",
                    "--sortie", str(tmp_path), "features/lois_de_finances/integration_lfi.feature")
    assert fini.returncode == 1, fini.stderr[-3000:]
    assert fini.stdout.splitlines() == [
        "Défauts du bac à sable :",
        "  D1 ej-au-dela-des-ae : NON DÉTECTÉ (trou de la recette)",
        "  D2 reserve-non-appliquee : détecté par 1 scénario(s)",
        "",
        "Matrice défauts × scénarios (X : le scénario échoue quand le défaut est actif) :",
        "  D1  D2   scénario",
        "  .   X    L'intégration de la LFI ouvre les crédits et met en réserve la part de précaution",
        "  .   .    Une loi de finances ne peut pas être intégrée deux fois",
        "",
        "Taux de détection : 1/2 défaut(s) (50,0 %)",
        "Non détectés : ej-au-dela-des-ae",
    ]
    progression = [ligne.rsplit(" (", 1)[0] for ligne in fini.stderr.splitlines()]
    assert progression == ["[0/2] référence sans défaut…", "[0/2] référence : 2 scénario(s), 0 en échec sans défaut",
                           "[1/2] ej-au-dela-des-ae…", "[1/2] ej-au-dela-des-ae : NON DÉTECTÉ",
                           "[2/2] reserve-non-appliquee…", "[2/2] reserve-non-appliquee : détecté par 1 scénario(s)"]
    assert sorted(d.name for d in tmp_path.iterdir()) == ["ej-au-dela-des-ae", "reference", "reserve-non-appliquee"]
    for dossier in tmp_path.iterdir():  # each run keeps its own results and its pytest output
        assert len(list((dossier / "allure-results").glob("*-result.json"))) == 2
        assert (dossier / "sortie.txt").stat().st_size > 0
