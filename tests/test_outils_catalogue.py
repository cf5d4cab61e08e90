"""``recette etapes`` on a known set of steps (pytester): JSON, text and the searchable HTML page."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from recette.navigateur import chemin_chromium

pytest_plugins = ["pytester"]

COMMUNS = '''from pytest_bdd import given

from recette.parametres import Phrase


@given(Phrase('le jeu de données "{jeu}" est chargé'))
def jeu(jeu):
    """Charge un jeu de données du bac à sable.

    Exemple : Étant donné le jeu de données "vierge" est chargé
    """
'''

BUDGET = '''from pytest_bdd import parsers, then, when

from recette.parametres import Phrase, exercice


@when(Phrase("j'engage {montant:Montant} sur l'UO \\"{uo}\\" en titre {titre:d}"))
def engager(montant, uo, titre):
    """Crée un engagement juridique à l'écran.

    Un seul poste, imputation par défaut.

    Exemple : Quand j'engage 120 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    """


@when(parsers.re(r"je consulte l'exercice (?P<exercice>\\S+)"), converters={"exercice": exercice})
def consulter(exercice):
    """Exemple : Quand je consulte l'exercice N+1"""


@then("je retire cet engagement")
def retirer():
    """Retire l'engagement du scénario."""
'''

CATALOGUE = [
    {"phrase": 'le jeu de données "{jeu}" est chargé', "mot_cle": "Étant donné",
     "parametres": [{"nom": "jeu", "type": "texte"}], "description": "Charge un jeu de données du bac à sable.",
     "exemple": 'Étant donné le jeu de données "vierge" est chargé', "domaine": "commun",
     "fichier": "steps/communs.py", "ligne": 6},
    {"phrase": "j'engage {montant:Montant} sur l'UO \"{uo}\" en titre {titre:d}", "mot_cle": "Quand",
     "parametres": [{"nom": "montant", "type": "Montant"}, {"nom": "uo", "type": "texte"},
                    {"nom": "titre", "type": "entier"}],
     "description": "Crée un engagement juridique à l'écran.\n\nUn seul poste, imputation par défaut.",
     "exemple": "Quand j'engage 120 000,00 € sur l'UO \"BG00/0150-CSUP-DR75\" en titre 3", "domaine": "budget",
     "fichier": "steps/budget.py", "ligne": 6},
    {"phrase": r"je consulte l'exercice (?P<exercice>\S+)", "mot_cle": "Quand",
     "parametres": [{"nom": "exercice", "type": "Exercice"}], "description": "",
     "exemple": "Quand je consulte l'exercice N+1", "domaine": "budget", "fichier": "steps/budget.py", "ligne": 16},
    {"phrase": "je retire cet engagement", "mot_cle": "Alors", "parametres": [],
     "description": "Retire l'engagement du scénario.", "exemple": "", "domaine": "budget",
     "fichier": "steps/budget.py", "ligne": 21},
]


@pytest.fixture
def projet(pytester: pytest.Pytester) -> pytest.Pytester:
    """Two step modules named by conftest.py, the shared one listed first."""
    pytester.makeconftest('pytest_plugins = ["steps.communs", "steps.budget"]\n')
    (pytester.path / "steps").mkdir()
    (pytester.path / "steps" / "__init__.py").write_text("", encoding="utf-8")
    (pytester.path / "steps" / "communs.py").write_text(COMMUNS, encoding="utf-8")
    (pytester.path / "steps" / "budget.py").write_text(BUDGET, encoding="utf-8")
    return pytester


def _etapes(pytester: pytest.Pytester, *options: str) -> pytest.RunResult:
    resultat = pytester.run(sys.executable, "-m", "recette", "etapes", *options)
    assert resultat.ret == 0, resultat.stderr.str()
    return resultat


def test_le_catalogue_json_liste_chaque_phrase(projet: pytest.Pytester) -> None:
    resultat = _etapes(projet, "--format", "json")
    assert json.loads(resultat.stdout.str()) == CATALOGUE


def test_le_catalogue_texte_est_range_par_domaine(projet: pytest.Pytester) -> None:
    assert _etapes(projet).outlines == [
        "== Exécution budgétaire (budget) : 3 phrase(s) ==",
        "",
        "Quand j'engage {montant:Montant} sur l'UO \"{uo}\" en titre {titre:d}",
        "    paramètres : montant (Montant), uo (texte), titre (entier)",
        "    Crée un engagement juridique à l'écran.",
        "    Un seul poste, imputation par défaut.",
        "    Exemple : Quand j'engage 120 000,00 € sur l'UO \"BG00/0150-CSUP-DR75\" en titre 3",
        "    (steps/budget.py:6)",
        "",
        r"Quand je consulte l'exercice (?P<exercice>\S+)",
        "    paramètres : exercice (Exercice)",
        "    Exemple : Quand je consulte l'exercice N+1",
        "    (steps/budget.py:16)",
        "",
        "Alors je retire cet engagement",
        "    Retire l'engagement du scénario.",
        "    (steps/budget.py:21)",
        "",
        "== Phrases communes (commun) : 1 phrase(s) ==",
        "",
        "Étant donné le jeu de données \"{jeu}\" est chargé",
        "    paramètres : jeu (texte)",
        "    Charge un jeu de données du bac à sable.",
        "    Exemple : Étant donné le jeu de données \"vierge\" est chargé",
        "    (steps/communs.py:6)",
        "",
        "4 phrase(s).",
    ]


def test_la_page_html_est_autonome_et_filtre_pendant_la_frappe(projet: pytest.Pytester) -> None:
    _etapes(projet, "--format", "html", "--sortie", "reports/catalogue-etapes.html")
    page_html = projet.path / "reports" / "catalogue-etapes.html"
    contenu = page_html.read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=|https?://|@import", contenu)  # nothing fetched from anywhere
    assert ('<span class="param" title="Montant">montant<span class="type">Montant</span></span>' in contenu)
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=chemin_chromium())
        try:
            page = navigateur.new_page()
            requetes: list[str] = []
            page.on("request", lambda r: requetes.append(r.url))
            page.goto(Path(page_html).as_uri())
            assert page.get_by_role("heading", level=2).all_inner_texts() == ["Exécution budgétaire (3)",
                                                                              "Phrases communes (1)"]
            page.get_by_role("searchbox", name="Rechercher une phrase").fill("montant UO")
            assert page.locator("#compte").inner_text() == "1 phrase(s) sur 4"
            assert page.locator(".etape:visible h3").all_inner_texts() == [
                "Quand j'engage montantMontant sur l'UO \"uotexte\" en titre titreentier"]
            page.get_by_role("searchbox", name="Rechercher une phrase").fill("jeu de donnees")  # accents ignored
            assert page.get_by_role("heading", level=2).filter(visible=True).all_inner_texts() == ["Phrases communes (1)"]
            assert [u for u in requetes if not u.startswith("file:")] == []
        finally:
            navigateur.close()


def test_l_api_publique_des_outils() -> None:
    import recette.outils

    assert recette.outils.__all__ == sorted(recette.outils.__all__, key=lambda n: (not n[0].isupper(), n))
    assert all(hasattr(recette.outils, nom) for nom in recette.outils.__all__)
    assert recette.outils.verifier_fonctionnalites.__module__ == "recette.outils.verifier"
    assert callable(recette.outils.charger_definitions) and callable(recette.outils.rendre_catalogue)


def test_le_catalogue_envoye_dans_un_tube_deja_ferme_s_arrete_sans_trace() -> None:
    """``recette etapes | head -1``: the reader may be gone before the catalogue is written; the
    command then stops quietly (exit 0), without a Python traceback."""
    import subprocess

    with subprocess.Popen([sys.executable, "-m", "recette", "etapes"], cwd=Path(__file__).resolve().parents[1],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as processus:
        assert processus.stdout is not None and processus.stderr is not None
        processus.stdout.close()  # before the command has imported anything: every write fails
        erreurs = processus.stderr.read().decode()
        assert processus.wait(60) == 0, erreurs
    assert "Traceback" not in erreurs and "BrokenPipeError" not in erreurs
