"""Selection by change: ``recette lancer --evolution`` / ``--release`` (the release's evolutions in
``recette.yaml`` or a file it names) run the scenarios of those evolutions plus the ``@critique``
ones; ``--liste`` prints what would run without running it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from recette.config import charger
from recette.erreurs import ErreurConfiguration

pytest_plugins = ["pytester"]

ENVIRONNEMENTS = "environnements:\n  bac-a-sable:\n    bac_a_sable: true\n"

ENGAGEMENT = """# language: fr
@budget
Fonctionnalité: Engagement

  @critique @evolution:EVO-2026-014
  Scénario: Un engagement critique
    Alors tout va bien

  @majeur @evolution:EVO-2026-021
  Scénario: Un engagement multi-postes
    Alors tout va bien

  @mineur @evolution:EVO-2026-099
  Plan du Scénario: Un libellé
    Alors tout va bien pour <libelle>

    Exemples:
      | libelle |
      | court   |
      | long    |
"""

PAIEMENT = """# language: fr
@budget
Fonctionnalité: Paiement

  @majeur @evolution:EVO-2026-052
  Scénario: Un paiement consomme les CP
    Alors tout va bien

  @critique @evolution:EVO-2026-052
  Scénario: Un paiement au-delà des CP est refusé
    Alors tout va bien
"""

ETAPES = '''from pytest_bdd import parsers, then


@then("tout va bien")
def bien():
    """Exemple : Alors tout va bien"""


@then(parsers.parse("tout va bien pour {libelle}"))
def bien_pour(libelle):
    """Exemple : Alors tout va bien pour court"""
'''

RECETTE = ENVIRONNEMENTS + """releases:
  "2026.2": [EVO-2026-021, EVO-2026-099]
  "2026.3": [EVO-2026-300]
"""

LIGNES = {
    "critique": "features/engagement.feature:6  Un engagement critique  @budget @critique @evolution:EVO-2026-014",
    "multi": "features/engagement.feature:10  Un engagement multi-postes  @budget @evolution:EVO-2026-021 @majeur",
    "court": "features/engagement.feature:14  Un libellé [court]  @budget @evolution:EVO-2026-099 @mineur",
    "long": "features/engagement.feature:14  Un libellé [long]  @budget @evolution:EVO-2026-099 @mineur",
    "cp": "features/paiement.feature:6  Un paiement consomme les CP  @budget @evolution:EVO-2026-052 @majeur",
    "refus": "features/paiement.feature:10  Un paiement au-delà des CP est refusé  @budget @critique "
             "@evolution:EVO-2026-052",
}


# --- releases: in recette.yaml ---------------------------------------------------------------------
def _configuration(tmp_path: Path, texte: str) -> Path:
    chemin = tmp_path / "recette.yaml"
    chemin.write_text(ENVIRONNEMENTS + texte, encoding="utf-8")
    return chemin


def test_les_releases_sont_lues_dans_recette_yaml(tmp_path: Path) -> None:
    chemin = _configuration(tmp_path, 'releases:\n  "2026.2": [EVO-2026-014, EVO-2026-021, EVO-2026-014]\n'
                                      "  2026.3: []\n")
    assert charger(chemin).releases == {"2026.2": ("EVO-2026-014", "EVO-2026-021"), "2026.3": ()}


def test_les_releases_peuvent_etre_dans_un_fichier_a_part(tmp_path: Path) -> None:
    (tmp_path / "releases.yaml").write_text("2026.2:\n  - EVO-2026-014\n", encoding="utf-8")
    assert charger(_configuration(tmp_path, "releases: releases.yaml\n")).releases == {"2026.2": ("EVO-2026-014",)}


@pytest.mark.parametrize(("texte", "attendu"), [
    ('releases:\n  "2026.2": EVO-2026-014\n',
     "ligne 5, clé « releases.2026.2 » : une liste d'évolutions est attendue, ex. [EVO-2026-014, EVO-2026-021]"),
    ('releases:\n  "2026.2":\n    - EVO-2026-014\n    - evo 21\n',
     "ligne 7, clé « releases.2026.2 » : identifiant d'évolution invalide « evo 21 » (attendu : EVO-AAAA-NNN)"),
    ("releases: absent.yaml\n", "ligne 4, clé « releases » : fichier des releases introuvable : "),
])
def test_une_release_mal_ecrite_est_refusee_avec_sa_ligne(tmp_path: Path, texte: str, attendu: str) -> None:
    with pytest.raises(ErreurConfiguration) as erreur:
        charger(_configuration(tmp_path, texte))
    assert str(erreur.value).startswith(f"{tmp_path / 'recette.yaml'}, {attendu}")


def test_une_erreur_dans_le_fichier_des_releases_nomme_ce_fichier(tmp_path: Path) -> None:
    (tmp_path / "releases.yaml").write_text("2026.2:\n  - EVO-2026-014\n  - EVO_21\n", encoding="utf-8")
    with pytest.raises(ErreurConfiguration) as erreur:
        charger(_configuration(tmp_path, "releases: releases.yaml\n"))
    assert str(erreur.value) == (f"{tmp_path / 'releases.yaml'}, ligne 3, clé « releases.2026.2 » : identifiant "
                                 "d'évolution invalide « EVO_21 » (attendu : EVO-AAAA-NNN)")


# --- recette lancer --evolution / --release / --liste ---------------------------------------------
@pytest.fixture
def projet(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest('pytest_plugins = ["etapes"]\n')
    pytester.makepyfile(etapes=ETAPES)
    (pytester.path / "recette.yaml").write_text(RECETTE, encoding="utf-8")
    features = pytester.path / "features"
    features.mkdir()
    (features / "test_campagne.py").write_text('from pytest_bdd import scenarios\n\nscenarios(".")\n', encoding="utf-8")
    (features / "engagement.feature").write_text(ENGAGEMENT, encoding="utf-8")
    (features / "paiement.feature").write_text(PAIEMENT, encoding="utf-8")
    return pytester


def _lancer(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.run(sys.executable, "-m", "recette", "lancer", *args)


def _liste(pytester: pytest.Pytester, *args: str) -> list[str]:
    resultat = _lancer(pytester, "--liste", *args)
    assert resultat.ret == 0, resultat.stderr.str()
    return resultat.outlines


def test_la_liste_sans_selection_montre_toute_la_campagne(projet: pytest.Pytester) -> None:
    assert _liste(projet) == [*LIGNES.values(), "6 scénario(s) sélectionné(s)."]
    assert not (projet.path / "reports").exists()  # nothing ran, nothing was written


def test_une_evolution_et_les_scenarios_critiques(projet: pytest.Pytester) -> None:
    assert _liste(projet, "--evolution", "EVO-2026-021") == [
        LIGNES["critique"], LIGNES["multi"], LIGNES["refus"], "3 scénario(s) sélectionné(s)."]
    assert _liste(projet, "--evolution", "EVO-2026-099,EVO-2026-052", "features/engagement.feature") == [
        LIGNES["critique"], LIGNES["court"], LIGNES["long"], "3 scénario(s) sélectionné(s)."]


def test_une_release_lance_ses_evolutions_plus_les_critiques(projet: pytest.Pytester) -> None:
    assert _liste(projet, "--release", "2026.2", "--tags", "budget") == [
        LIGNES["critique"], LIGNES["multi"], LIGNES["court"], LIGNES["long"], LIGNES["refus"],
        "5 scénario(s) sélectionné(s)."]


def test_une_release_dont_les_evolutions_n_ont_pas_de_scenario_est_signalee(projet: pytest.Pytester) -> None:
    resultat = _lancer(projet, "--liste", "--release", "2026.3")
    assert resultat.outlines == [LIGNES["critique"], LIGNES["refus"], "2 scénario(s) sélectionné(s)."]
    assert resultat.errlines == [("Attention : évolution(s) de la release 2026.3 couverte(s) par aucun scénario : "
                                 "EVO-2026-300")]


def test_une_release_ou_une_evolution_inconnue_est_une_erreur_francaise(projet: pytest.Pytester) -> None:
    resultat = _lancer(projet, "--release", "2027.1")
    assert (resultat.ret, resultat.outlines) == (2, [])
    assert resultat.errlines == [("Erreur : release inconnue « 2027.1 » (releases de recette.yaml, clé « releases » : "
                                 "2026.2, 2026.3)")]
    resultat = _lancer(projet, "--evolution", "EVO-2026-014", "--evolution", "EVO-2099-001")
    assert (resultat.ret, resultat.outlines) == (2, [])
    assert resultat.errlines == [("Erreur : évolution inconnue : EVO-2099-001 (aucun scénario ne porte "
                                 "@evolution:EVO-2099-001 ; évolutions couvertes : EVO-2026-014, EVO-2026-021, "
                                 "EVO-2026-052, EVO-2026-099)")]


def test_la_campagne_lancee_par_evolution_n_execute_que_sa_selection(projet: pytest.Pytester) -> None:
    resultat = _lancer(projet, "--evolution", "EVO-2026-099", "--resultats", "resultats/allure")
    assert resultat.ret == 0, resultat.stdout.str()[-3000:]
    noms = sorted(json.loads(f.read_text(encoding="utf-8"))["name"]
                  for f in (projet.path / "resultats" / "allure").glob("*-result.json"))
    assert noms == ["Un engagement critique", "Un libellé", "Un libellé", "Un paiement au-delà des CP est refusé"]
