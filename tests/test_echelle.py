"""Scale: shards for N CI machines (deterministic, balanced by past durations, merged back into
one campaign), parallel workers with the same results as a serial run, JUnit XML for CI, and a
remote browser (a real ``playwright run-server`` on loopback)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from recette import cli
from recette.rapport import charger, charger_dossiers
from recette.shards import lire_durees, lire_tranche, repartir

pytest_plugins = ["pytester"]
RACINE = Path(__file__).resolve().parents[1]

ETAPES = '''
import pytest
from pytest_bdd import given, parsers, then, scenarios
from playwright.sync_api import expect

scenarios("features")

@given(parsers.parse("un montant de {m:d}"), target_fixture="m")
def un_montant(m):
    return m

@then(parsers.parse("il est pair"))
def pair(m):
    assert m % 2 == 0, f"{m} est impair"

@then("ce scénario n'est pas encore livré")
def pas_livre():
    pytest.skip("livré en 2026.3")

@then(parsers.parse('la page d\\'accueil a pour titre "{titre}"'))
def accueil(ecran, titre):
    ecran.goto("/")
    expect(ecran.get_by_role("heading", level=1)).to_have_text(titre, timeout=5000)
'''

FEATURE_A = """# language: fr
@budget
Fonctionnalité: Montants pairs
  @critique @evolution:EVO-2026-900
  Plan du Scénario: Un montant pair
    Étant donné un montant de <m>
    Alors il est pair

    Exemples:
      | m  |
      | 2  |
      | 4  |
      | 6  |
      | 8  |
      | 10 |

  @majeur
  Scénario: Un montant impair est signalé
    Étant donné un montant de 7
    Alors il est pair
"""
FEATURE_B = """# language: fr
@lois_de_finances
Fonctionnalité: Autres montants
  @mineur
  Scénario: Pas encore livré
    Étant donné un montant de 2
    Alors ce scénario n'est pas encore livré

  @majeur
  Plan du Scénario: Encore des montants pairs
    Étant donné un montant de <m>
    Alors il est pair

    Exemples:
      | m   |
      | 12  |
      | 14  |
      | 100 |
"""
SCENARIOS = 10


def _projet(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_etapes=ETAPES)
    (pytester.path / "features").mkdir()
    (pytester.path / "features" / "a.feature").write_text(FEATURE_A, encoding="utf-8")
    (pytester.path / "features" / "b.feature").write_text(FEATURE_B, encoding="utf-8")


def _lancer(pytester: pytest.Pytester, resultats: Path, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", f"--alluredir={resultats}", *args)


def _statuts(dossier: Path) -> dict[str, str]:
    return {r.libelle: r.statut for r in charger(dossier).resultats}


# --- Sharding ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("texte", "attendu"), [("1/3", (1, 3)), (" 3 / 3 ", (3, 3))])
def test_une_tranche_se_lit_i_sur_n(texte: str, attendu: tuple[int, int]) -> None:
    assert lire_tranche(texte) == attendu


@pytest.mark.parametrize("texte", ["0/3", "4/3", "2", "a/b", ""])
def test_une_tranche_invalide_est_refusee_en_francais(texte: str) -> None:
    with pytest.raises(ValueError, match="tranche .* invalide"):
        lire_tranche(texte)


def test_la_repartition_equilibre_les_durees_et_ne_depend_que_des_entrees() -> None:
    poids = {"long": 60.0, **{f"court{i}": 10.0 for i in range(6)}}
    tranches = repartir(list(poids), poids, 2)
    assert tranches == repartir(list(reversed(poids)), poids, 2)  # order of collection does not matter
    assert sorted(sum(poids[n] for n in t) for t in tranches) == [60.0, 60.0]
    assert tranches[0] == ["long"]


def test_les_durees_viennent_de_l_historique_allure(tmp_path: Path) -> None:
    historique = tmp_path / "historique.jsonl"
    campagnes = [{"testResults": {"a": {"fullName": "budget/x.feature:Lent", "duration": d},
                                  "b": {"fullName": "budget/x.feature:Rapide", "duration": 1000}}}
                 for d in (30_000, 50_000)]
    historique.write_text("\n".join(json.dumps(c) for c in campagnes) + "\n", encoding="utf-8")
    assert lire_durees(historique) == {"budget/x.feature:Lent": 40.0, "budget/x.feature:Rapide": 1.0}
    assert lire_durees(tmp_path / "absent.jsonl") == {}


def _collectes(*args: str) -> list[str]:
    sortie = subprocess.run([sys.executable, "-m", "pytest", "features", "--collect-only", "-q", "-p",
                             "no:cacheprovider", *args], cwd=RACINE, capture_output=True, text=True, check=True).stdout
    return [ligne for ligne in sortie.splitlines() if "::test_" in ligne]


@pytest.mark.parametrize("durees", ["aucune", "historique"])
def test_les_tranches_de_la_campagne_couvrent_chaque_scenario_une_fois(tmp_path: Path, durees: str) -> None:
    fichier = tmp_path / "durees.json"
    if durees == "historique":  # one slow feature: the split must still cover everything once
        fichier.write_text(json.dumps({"budget/engagement_juridique.feature:Un engagement d'un centime au-delà des "
                                       "AE disponibles est refusé": 120.0}), encoding="utf-8")
    tous = _collectes()
    tranches = [_collectes(f"--recette-shard={i}/3", f"--recette-durees={fichier}") for i in (1, 2, 3)]
    assert sorted(n for t in tranches for n in t) == sorted(tous) and len(tous) >= 46
    assert all(tranches) and max(map(len, tranches)) - min(map(len, tranches)) <= (1 if durees == "aucune" else 30)


def test_trois_tranches_fusionnees_donnent_la_campagne_serie(pytester: pytest.Pytester, tmp_path: Path) -> None:
    _projet(pytester)
    _lancer(pytester, tmp_path / "serie").assert_outcomes(passed=8, failed=1, skipped=1)
    tranches = []
    for i in (1, 2, 3):
        dossier = tmp_path / f"tranche-{i}" / "allure-results"
        resultat = _lancer(pytester, dossier, f"--recette-shard={i}/3", f"--junitxml={dossier.parent / 'junit.xml'}")
        assert resultat.ret in (0, 1), resultat.stdout.str()
        assert f"tranche {i}/3 : " in resultat.stdout.str()
        tranches.append(dossier)
    serie = charger(tmp_path / "serie")
    fusion = charger_dossiers(tranches, tmp_path / "fusion")
    assert fusion.compter() == serie.compter() and len(fusion.resultats) == SCENARIOS
    assert sorted(r.historique for r in fusion.resultats) == sorted(r.historique for r in serie.resultats)
    assert fusion.doublons == []
    par_tranche = [len(charger(d).resultats) for d in tranches]
    assert sum(par_tranche) == SCENARIOS and max(par_tranche) - min(par_tranche) <= 1
    cas_junit = [len(ET.parse(d.parent / "junit.xml").getroot().findall(".//testcase")) for d in tranches]
    assert cas_junit == par_tranche


def test_deux_processus_donnent_les_memes_resultats_qu_un_seul(pytester: pytest.Pytester, tmp_path: Path) -> None:
    _projet(pytester)
    _lancer(pytester, tmp_path / "serie")
    _lancer(pytester, tmp_path / "parallele", "-n", "2")
    assert _statuts(tmp_path / "parallele") == _statuts(tmp_path / "serie")
    assert len(_statuts(tmp_path / "serie")) == SCENARIOS


def test_lancer_demande_le_junit_et_la_tranche(tmp_path: Path) -> None:
    options = cli._analyseur("lancer").parse_args(["lancer", "--shard", "2/3", "--resultats", str(tmp_path / "r")])
    args = cli.arguments_pytest(options, [])
    assert "--recette-shard=2/3" in args
    assert f"--junitxml={tmp_path / 'junit.xml'}" in args


def test_les_options_apres_les_chemins_sont_celles_de_recette(tmp_path: Path) -> None:
    """« recette lancer features/reports --resultats X » : X is the results folder, not a pytest argument."""
    options = cli._analyseur("lancer").parse_args(["lancer", "features/reports", "--resultats", str(tmp_path / "r")])
    assert options.chemins == ["features/reports"] and options.resultats == tmp_path / "r"
    assert f"--alluredir={tmp_path / 'r'}" in cli.arguments_pytest(options, [])


# --- Remote browser ------------------------------------------------------------------------------
class ServeurNavigateurs:
    """``playwright run-server`` on loopback, port 0; ``--unsafe`` lets it launch the system
    Chromium (this machine has no Playwright-bundled browser)."""

    def __init__(self) -> None:
        self.processus = subprocess.Popen(
            [sys.executable, "-m", "playwright", "run-server", "--host", "127.0.0.1", "--port", "0", "--unsafe"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "DEBUG": "pw:server"},
            start_new_session=True)  # its own process group: the Node driver it starts stops with it
        self.adresse = self._attendre_l_ecoute()

    def _attendre_l_ecoute(self) -> str:
        assert self.processus.stdout is not None
        for ligne in self.processus.stdout:  # its own output says when it listens: never sleep
            adresse = re.search(r"Listening on (ws://\S+)", ligne)
            if adresse:
                return adresse.group(1)
        raise AssertionError("playwright run-server ne s'est pas mis à l'écoute")

    def arreter(self) -> str:
        """Stop the server; its log (connections, launches)."""
        os.killpg(self.processus.pid, signal.SIGTERM)
        journal, _ = self.processus.communicate(timeout=10)
        return journal


@pytest.fixture
def serveur_navigateurs() -> Iterator[ServeurNavigateurs]:
    serveur = ServeurNavigateurs()
    yield serveur
    if serveur.processus.poll() is None:
        serveur.arreter()


def test_un_environnement_peut_viser_un_serveur_de_navigateurs(pytester: pytest.Pytester,
                                                               serveur_navigateurs: ServeurNavigateurs,
                                                               tmp_path: Path) -> None:
    _projet(pytester)
    (pytester.path / "features" / "distant.feature").write_text("""# language: fr
Fonctionnalité: Navigateur distant
  Scénario: L'accueil s'affiche dans le navigateur du serveur
    Alors la page d'accueil a pour titre "Accueil"
""", encoding="utf-8")
    (pytester.path / "recette.yaml").write_text(f"""environnements:
  distant:
    bac_a_sable: true
    navigateur: "{serveur_navigateurs.adresse}"
""", encoding="utf-8")
    resultat = _lancer(pytester, tmp_path / "allure", "--env=distant", "-k", "distant")
    resultat.assert_outcomes(passed=1)
    journal = serveur_navigateurs.arreter()
    assert 'engaged launch mode for "chromium"' in journal  # the browser ran on the server
    proprietes = (tmp_path / "allure" / "environment.properties").read_text(encoding="utf-8")
    assert f"(distant : {serveur_navigateurs.adresse})" in proprietes
