"""``recette stabilite``: the same campaign N times; every scenario whose verdict changed, with its
verdict in each run and the cause of each failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from recette.outils import stabilite
from recette.outils.mutation import Campagne, Execution

RACINE = Path(__file__).resolve().parents[1]


def _executeur(verdicts: dict[str, list[bool]]):  # type: ignore[no-untyped-def]
    """A fake runner: run N gives each scenario its N-th verdict (True: failed)."""
    rangs = iter(range(len(next(iter(verdicts.values())))))

    def executer(dossier: Path, campagne: Campagne, defaut: str) -> Execution:
        rang = next(rangs)
        return Execution({k: v[rang] for k, v in verdicts.items()}, {k: k.upper() for k in verdicts}, 10.0 + rang)
    return executer


def test_un_verdict_qui_change_est_signale_avec_ses_verdicts(tmp_path: Path) -> None:
    lignes: list[str] = []
    bilan = stabilite.mesurer(3, Campagne(["features"]), tmp_path, lignes.append,
                              _executeur({"a": [False, False, False], "b": [False, True, False], "c": [True, True, True]}))
    assert [i.libelle for i in bilan.instables] == ["B"]
    assert bilan.instables[0].verdicts() == "✓ ✗ ✓"
    assert bilan.toujours_en_echec == ["C"]
    assert lignes[:2] == ["[1/3] campagne…", "[1/3] 3 scénario(s), 1 en échec (10 s)"]
    texte = stabilite.en_texte(bilan)
    assert "1 scénario(s) au verdict instable" in texte and "  ✓ ✗ ✓  B" in texte
    assert "      échec : résultats de cette campagne non conservés" in texte  # the fake runner keeps none
    assert json.loads(stabilite.en_json(bilan))["verdicts_changes"] == 1


def test_des_campagnes_identiques_ne_signalent_rien(tmp_path: Path) -> None:
    bilan = stabilite.mesurer(2, Campagne(["features"]), tmp_path, lambda _: None,
                              _executeur({"a": [False, False], "b": [True, True]}))
    assert bilan.instables == [] and "Aucun verdict n'a changé" in stabilite.en_texte(bilan)


def test_deux_vraies_campagnes_sur_le_bac_a_sable(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("RECETTE_ENV", "CHORUS_SANDBOX_DEFAUTS")}
    fini = subprocess.run([sys.executable, "-m", "recette", "stabilite", "--repetitions", "2", "--format", "json",
                           "--sortie", str(tmp_path), "features/habilitations/connexion.feature"],
                          cwd=RACINE, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert fini.returncode == 0, fini.stdout + fini.stderr[-2000:]
    bilan = json.loads(fini.stdout)
    assert bilan["repetitions"] == 2 and bilan["scenarios"] >= 5 and bilan["verdicts_changes"] == 0
    assert "[2/2]" in fini.stderr
