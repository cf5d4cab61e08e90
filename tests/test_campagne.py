"""The campaign itself on the sandbox, in parallel, and proof that its scenarios can fail:
with a rule of the sandbox deliberately broken, exactly the scenarios of that rule fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]


def _lancer(resultats: Path, *args: str, defauts: str = "") -> tuple[int, dict[str, str], str]:
    env = {**os.environ, "CHORUS_SANDBOX_DEFAUTS": defauts}
    env.pop("RECETTE_ENV", None)
    commande = [sys.executable, "-m", "recette", "lancer", f"--resultats={resultats}", *args]
    fini = subprocess.run(commande, check=False, cwd=RACINE, env=env, capture_output=True, text=True, timeout=900)
    statuts: dict[str, str] = {}
    for fichier in resultats.glob("*-result.json"):
        resultat = json.loads(fichier.read_text(encoding="utf-8"))
        # an empty cell of an outline's examples gives a parameter without value
        nom = resultat["name"] + "".join(f" [{p.get('value', '')}]" for p in resultat.get("parameters", []))
        assert nom not in statuts, f"deux scénarios portent le même nom : {nom}"
        statuts[nom] = resultat["status"]
    return fini.returncode, statuts, fini.stdout + fini.stderr


def _scenarios_collectes() -> int:
    sortie = subprocess.run([sys.executable, "-m", "pytest", "features", "--collect-only", "-q", "-p",
                             "no:cacheprovider"], cwd=RACINE, capture_output=True, text=True, check=True).stdout
    return sum(1 for ligne in sortie.splitlines() if "::test_" in ligne)


def test_la_campagne_passe_en_entier_avec_deux_processus(tmp_path: Path) -> None:
    code, statuts, sortie = _lancer(tmp_path / "allure", "--workers", "2")
    assert code == 0, sortie[-3000:]
    assert len(statuts) == _scenarios_collectes() >= 30
    assert set(statuts.values()) == {"passed"}
    assert "Résultats Allure" in sortie
    proprietes = (tmp_path / "allure" / "environment.properties").read_text(encoding="utf-8")
    assert "Environnement=bac-a-sable" in proprietes and "Navigateur=chromium" in proprietes


DEFAUTS = [
    pytest.param(
        "ej-au-dela-des-ae", ["features/budget/engagement_juridique.feature"],
        {"Un engagement d'un centime au-delà des AE disponibles est refusé",
         "L'augmentation d'un engagement au-delà des AE disponibles est refusée"},
        id="ej-au-dela-des-ae"),
    pytest.param(
        "reserve-non-appliquee",
        ["features/lois_de_finances/integration_lfi.feature", "features/budget/situation_budgetaire.feature",
         "features/donnees/situation_budgetaire.feature"],
        {"L'intégration de la LFI ouvre les crédits et met en réserve la part de précaution",
         "La réserve de précaution est arrondie au centime le plus proche [5,5] [1 000 000,01] [55 000,00 €] [945 000,01 €]",
         "La réserve de précaution est arrondie au centime le plus proche [5,5] [10,10] [0,56 €] [9,54 €]",
         "La situation du programme montre les crédits ouverts et la réserve de précaution",
         "La situation du jeu standard est conforme à l'attendu"},
        id="reserve-non-appliquee"),
    pytest.param(
        "virement-plafond-ignore", ["features/regulation/virements.feature"],
        {"Un virement qui porterait le cumul d'un centime au-delà de 2 % des crédits LFI est refusé"},
        id="virement-plafond-ignore"),
]


@pytest.mark.parametrize(("defaut", "chemins", "echecs_attendus"), DEFAUTS)
def test_un_defaut_du_bac_a_sable_fait_echouer_exactement_ses_scenarios(
    tmp_path: Path, defaut: str, chemins: list[str], echecs_attendus: set[str]
) -> None:
    code, statuts, sortie = _lancer(tmp_path / "allure", *chemins, defauts=defaut)
    echecs = {nom for nom, statut in statuts.items() if statut != "passed"}
    assert code == 1, sortie[-3000:]
    assert echecs == echecs_attendus, sortie[-3000:]
