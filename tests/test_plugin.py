"""The pytest plugin seen from a tester's project (pytester): French features, parameter
errors, configuration errors, evidence on the failing Allure step, retries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ETAPES = '''
from decimal import Decimal
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when, scenarios
from recette.parametres import Phrase, format_montant
from recette.erreurs import ErreurEnvironnement

scenarios("features")

@given(Phrase("un montant de {m:Montant}"), target_fixture="m")
def un_montant(m):
    return m

@then(Phrase("il vaut {texte} en centimes"))
def vaut(m, texte):
    assert m * 100 == Decimal(texte)

@when("j'ouvre l'accueil du bac à sable")
def ouvrir(ecran):
    ecran.goto("/")

@then(parsers.parse('le titre de la page est "{titre}"'))
def titre(ecran, titre):
    expect(ecran.get_by_role("heading", level=1)).to_have_text(titre, timeout=2000)

@then(Phrase('les AE ouvertes du programme "{code}" en titre 3 sont de {m:Montant}'))
def ae_ouvertes(ecran, code, m):
    ecran.goto(f"/situation?niveau=programme&code={code}")
    ligne = ecran.get_by_role("table", name="Situation budgétaire").get_by_role("row").filter(
        has=ecran.get_by_role("cell", name="T3", exact=True))
    expect(ligne.get_by_role("cell").nth(1)).to_have_text(format_montant(m), timeout=2000)

@when("l'environnement tombe une fois")
def tombe_une_fois(pytestconfig):
    marque = pytestconfig.rootpath / "deja-tombe"
    if not marque.exists():
        marque.write_text("1")
        raise ErreurEnvironnement("connexion refusée")
'''


def _projet(pytester: pytest.Pytester, feature: str) -> None:
    pytester.makepyfile(test_etapes=ETAPES)
    (pytester.path / "features").mkdir()
    (pytester.path / "features" / "essai.feature").write_text(feature, encoding="utf-8")


def _resultats(dossier: Path) -> list[dict]:
    return [json.loads(f.read_text(encoding="utf-8")) for f in dossier.glob("*-result.json")]


def test_une_fonctionnalite_en_francais_est_collectee_et_executee(pytester: pytest.Pytester) -> None:
    _projet(pytester, """# language: fr
Fonctionnalité: Montants
  Plan du Scénario: Un montant français devient des centimes exacts
    Étant donné un montant de <montant>
    Alors il vaut <centimes> en centimes

    Exemples:
      | montant             | centimes     |
      | 1 234 567,89 €      | 123456789    |
      | 99 999 999 999,99 € | 9999999999999 |
      | -0,01 €             | -1           |
""")
    resultat = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    resultat.assert_outcomes(passed=3)


def test_chaque_scenario_repart_du_jeu_de_l_environnement(pytester: pytest.Pytester) -> None:
    """A scenario that loads another dataset leaves the next one on the environment's dataset
    (reset to the last dataset loaded, a scenario's verdict depended on the one before it)."""
    _projet(pytester, """# language: fr
Fonctionnalité: Jeux de données
  Scénario: Un scénario charge le jeu vierge
    Étant donné le jeu de données "vierge" chargé
    Alors le bac à sable est sur le jeu "vierge"

  Scénario: Le suivant repart du jeu standard
    Alors le bac à sable est sur le jeu "standard"
""")
    (pytester.path / "test_etapes.py").write_text(ETAPES + '''
@given(parsers.parse('le jeu de données "{nom}" chargé'))
def charger(cible, nom):
    cible.client.charger_jeu(nom)

@then(parsers.parse('le bac à sable est sur le jeu "{nom}"'))
def sur_le_jeu(cible, nom):
    assert cible.client.sante()["jeu"] == nom
''', encoding="utf-8")
    resultat = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    resultat.assert_outcomes(passed=2)


def test_un_montant_malforme_est_signale_en_francais_avec_l_etape(pytester: pytest.Pytester) -> None:
    _projet(pytester, """# language: fr
Fonctionnalité: Montants
  Scénario: Montant à trois décimales
    Étant donné un montant de 12,345 €
    Alors il vaut 1234 en centimes
""")
    resultat = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    resultat.assert_outcomes(failed=1)
    resultat.stdout.fnmatch_lines(["*Montant invalide « 12,345 € » dans l'étape « un montant de 12,345 € »*"])


def test_une_configuration_invalide_arrete_avant_tout_navigateur(pytester: pytest.Pytester) -> None:
    _projet(pytester, "# language: fr\nFonctionnalité: Vide\n")
    pytester.makefile(".yaml", recette="environnements:\n  r:\n    url: https://x\n    mot_de_passe: secret\n")
    resultat = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    assert resultat.ret == pytest.ExitCode.USAGE_ERROR
    resultat.stderr.fnmatch_lines(["*Configuration de la recette invalide*ligne 4*environnements.r.mot_de_passe*clé inconnue*"])


def test_les_preuves_sont_attachees_a_l_etape_en_echec(pytester: pytest.Pytester) -> None:
    _projet(pytester, """# language: fr
Fonctionnalité: Preuves
  Scénario: Montant attendu erroné d'un centime
    Quand j'ouvre l'accueil du bac à sable
    Alors les AE ouvertes du programme "0150" en titre 3 sont de 13 942 871 504,01 €

  Scénario: Titre attendu juste
    Quand j'ouvre l'accueil du bac à sable
    Alors le titre de la page est "Accueil"
""")
    resultat = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--alluredir=allure")
    resultat.assert_outcomes(passed=1, failed=1)
    par_nom = {r["name"]: r for r in _resultats(pytester.path / "allure")}
    echec = par_nom["Montant attendu erroné d'un centime"]
    etape = next(s for s in echec["steps"] if s["status"] == "failed")
    assert etape["name"].startswith("Alors les AE ouvertes du programme")
    assert "13\u00a0942\u00a0871\u00a0504,00\u00a0€" in json.dumps(echec["statusDetails"], ensure_ascii=False)
    noms = {a["name"]: a for a in etape.get("attachments", [])}
    assert {"Capture d'écran", "Page HTML", "Trace Playwright (npx playwright show-trace)"} <= set(noms)
    for piece in noms.values():
        assert (pytester.path / "allure" / piece["source"]).stat().st_size > 0
    assert all(not s.get("attachments") for s in echec["steps"] if s["status"] == "passed")
    reussi = par_nom["Titre attendu juste"]
    assert reussi["status"] == "passed"
    assert not any(s.get("attachments") for s in reussi["steps"])
    preuves = list((pytester.path / "reports" / "preuves").iterdir())
    assert len(preuves) == 1 and "montant_attendu" in preuves[0].name


def test_seuls_les_defauts_d_environnement_sont_reessayes(pytester: pytest.Pytester) -> None:
    _projet(pytester, """# language: fr
Fonctionnalité: Réessais
  Scénario: L'environnement tombe une fois
    Quand l'environnement tombe une fois
    Alors il vaut 0 en centimes

  Scénario: Un écart métier n'est jamais réessayé
    Étant donné un montant de 1,00 €
    Alors il vaut 99 en centimes
""")
    pytester.makefile(".py", conftest="import pytest\n@pytest.fixture\ndef m():\n    return 0\n")
    resultat = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--recette-reessais=2", "--alluredir=allure")
    resultat.assert_outcomes(passed=1, failed=1)
    assert resultat.parseoutcomes().get("rerun") == 1
    etiquettes = [(r["name"], r["status"], [t["value"] for t in r["labels"] if t["name"] == "tag"])
                  for r in _resultats(pytester.path / "allure")]
    assert ("L'environnement tombe une fois", "passed", ["réessayé (défaut d'environnement)"]) in etiquettes
    assert next(e for e in etiquettes if e[0].startswith("Un écart"))[1] == "failed"


def test_le_bac_embarque_livre_ses_planifications_a_la_boite_du_scenario(pytester: pytest.Pytester) -> None:
    """The worker's SMTP receiver starts before the embedded sandbox, which delivers to it; each
    test's ``boite_courriel`` sees only its own messages."""
    pytester.makepyfile(test_courriel='''
import pytest
from recette.bo import client_bo
from recette.cible import CLE_IDENTIFIANTS
from recette.courriel import CourrielNonRecu

def planifier(cible, pytestconfig, sujet):
    with client_bo(cible.environnement, cible.url, pytestconfig.stash[CLE_IDENTIFIANTS]) as bo:
        planification = bo.planifier(17002, ["a@finances.gouv.fr"], sujet, reponses={"Semaine": "2026-W10"})
        assert bo.attendre_planification(17002, planification, delai=30).reussie

def test_premier(cible, boite_courriel, pytestconfig):
    planifier(cible, pytestconfig, "Premier")
    assert boite_courriel.attendre("a@finances.gouv.fr", "Premier").piece_jointe().nom.endswith(".csv")
    assert boite_courriel.description.startswith("récepteur SMTP 127.0.0.1:")

def test_second_ne_voit_pas_le_courriel_du_premier(cible, boite_courriel, pytestconfig):
    assert boite_courriel.recus() == []
    with pytest.raises(CourrielNonRecu, match="Aucun courriel reçu par a@finances.gouv.fr avec le sujet « Premier » en 0.1 s"):
        boite_courriel.attendre("a@finances.gouv.fr", "Premier", 0.1)
''')
    resultat = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    resultat.assert_outcomes(passed=2)
