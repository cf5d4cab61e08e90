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

TEXTE, MONTANT = "texte libre", "montant en euros, ex. 1 234 567,89 €"
CATALOGUE = [
    {"phrase": 'le jeu de données "{jeu}" est chargé', "mot_cle": "Étant donné",
     "parametres": [{"nom": "jeu", "type": "texte", "format": TEXTE}], "requiert": [], "produit": [],
     "description": "Charge un jeu de données du bac à sable.",
     "exemple": 'Étant donné le jeu de données "vierge" est chargé', "domaine": "commun",
     "fichier": "steps/communs.py", "ligne": 6},
    {"phrase": "j'engage {montant} sur l'UO \"{uo}\" en titre {titre}", "mot_cle": "Quand",
     "parametres": [{"nom": "montant", "type": "Montant", "format": MONTANT},
                    {"nom": "uo", "type": "texte", "format": TEXTE},
                    {"nom": "titre", "type": "entier", "format": "nombre entier"}], "requiert": [], "produit": [],
     "description": "Crée un engagement juridique à l'écran.\n\nUn seul poste, imputation par défaut.",
     "exemple": "Quand j'engage 120 000,00 € sur l'UO \"BG00/0150-CSUP-DR75\" en titre 3", "domaine": "budget",
     "fichier": "steps/budget.py", "ligne": 6},
    {"phrase": "je consulte l'exercice {exercice}", "mot_cle": "Quand",
     "parametres": [{"nom": "exercice", "type": "Exercice", "format": "exercice : N, N+1, N-1 ou une année (2026)"}],
     "requiert": [], "produit": [], "description": "",
     "exemple": "Quand je consulte l'exercice N+1", "domaine": "budget", "fichier": "steps/budget.py", "ligne": 16},
    {"phrase": "je retire cet engagement", "mot_cle": "Alors", "parametres": [], "requiert": [], "produit": [],
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
        "Quand j'engage {montant} sur l'UO \"{uo}\" en titre {titre}",
        "    {montant} : montant en euros, ex. 1 234 567,89 €",
        "    {uo} : texte libre",
        "    {titre} : nombre entier",
        "    Crée un engagement juridique à l'écran.",
        "    Un seul poste, imputation par défaut.",
        "    Exemple : Quand j'engage 120 000,00 € sur l'UO \"BG00/0150-CSUP-DR75\" en titre 3",
        "    (steps/budget.py:6)",
        "",
        "Quand je consulte l'exercice {exercice}",
        "    {exercice} : exercice : N, N+1, N-1 ou une année (2026)",
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
        "    {jeu} : texte libre",
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


# --- The project's own catalogue: readable by a tester, every example accepted by the verifier ------------
RACINE = Path(__file__).resolve().parents[1]
_SYNTAXE_REGEX = re.compile(r"\(\?|\\|\[\^|\{\w+:[^}]*\}|\$$|^\^")


@pytest.fixture(scope="module")
def definitions() -> list:
    from recette.outils.definitions import charger

    return charger(RACINE)


def test_aucune_phrase_du_catalogue_ne_montre_d_expression_reguliere(definitions: list) -> None:
    from recette.outils.catalogue import entree

    illisibles = [entree(d)["phrase"] for d in definitions if _SYNTAXE_REGEX.search(entree(d)["phrase"])]
    assert illisibles == []
    assert all("{" + p.nom + "}" in d.gabarit for d in definitions for p in d.parametres)


def test_chaque_phrase_a_un_exemple(definitions: list) -> None:
    assert [d.lieu for d in definitions if not d.exemple] == []


def _avec_producteurs(definition: object, definitions: list, vus: tuple = ()) -> list[str]:
    """The example of ``definition`` preceded by the examples of sentences producing what it requires."""
    etapes: list[str] = []
    for nom in definition.besoins.requiert:  # type: ignore[attr-defined]
        producteur = min((d for d in definitions if nom in d.besoins.produit and d not in vus),
                         key=lambda d: (len(d.besoins.requiert), d.type != "given", d.phrase))
        etapes += _avec_producteurs(producteur, definitions, (*vus, definition))
    return [*etapes, definition.exemple]  # type: ignore[attr-defined]


def test_chaque_exemple_du_catalogue_passe_le_verificateur(definitions: list, tmp_path: Path) -> None:
    """Each example (after examples producing the context it needs) is a scenario that `recette verifier`
    accepts: a tester can copy it from the catalogue as it is."""
    from recette.outils.verifier import verifier

    scenarios = []
    for rang, definition in enumerate(definitions):
        etapes = "\n".join(f"    {e}" for e in _avec_producteurs(definition, definitions))
        table = "\n      | a | b |\n      | 1 | 2 |" if definition.phrase.rstrip().endswith(":") else ""
        scenarios.append(f"  @critique @evolution:EVO-2026-001\n  Scénario: Exemple {rang} ({definition.lieu})\n"
                         f"{etapes}{table}\n")
    fichier = tmp_path / "exemples.feature"
    fichier.write_text("# language: fr\n@budget\nFonctionnalité: Exemples du catalogue\n\n" + "\n".join(scenarios),
                       encoding="utf-8")
    problemes = [str(p) for p in verifier([fichier], RACINE).problemes if "jamais utilisée" not in p.message]
    assert problemes == []
