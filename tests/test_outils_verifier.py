"""``recette verifier`` on a small tester's project (pytester): each rule on a broken feature,
with its exact line and its exact French message."""

from __future__ import annotations

import sys

import pytest

pytest_plugins = ["pytester"]

ETAPES = '''"""Étapes d'essai du vérificateur."""

from pytest_bdd import given, parsers, then, when

from recette.parametres import Phrase, exercice


@given(Phrase('l\\'UO "{uo}" dotée de {ae:Montant} d\\'AE'))
def doter(uo, ae):
    """Dote l'UO.

    Exemple : Étant donné l'UO "BG00/0150-CSUP-DR75" dotée de 200 000,00 € d'AE
    """


@when(Phrase("j'engage {montant:Montant} le {jour:Date}"))
def engager(montant, jour):
    """Engage à une date.

    Exemple : Quand j'engage 120 000,00 € le 31/12/2026
    """


@when(parsers.re(r"je consulte la situation de l'exercice (?P<exercice>\\S+)"), converters={"exercice": exercice})
def consulter(exercice):
    """Exemple : Quand je consulte la situation de l'exercice N"""


@then(Phrase('l\\'extraction est conforme à "{attendu}"'))
def conforme(attendu):
    """Exemple : Alors l'extraction est conforme à "expected/inf/standard.csv" """


@then(Phrase("le statut est {statut}"))
def statut(statut):
    """Exemple : Alors le statut est Engagé"""


@then(Phrase("le {champ} est Soldé"))
def solde(champ):
    """Exemple : Alors le montant est Soldé"""
'''

PROPRE = """# language: fr
@budget
Fonctionnalité: Propre

  @critique @evolution:EVO-2026-001
  Scénario: Tout va bien
    Étant donné l'UO "BG00/0150-CSUP-DR75" dotée de 200 000,00 € d'AE
    Quand j'engage 120 000,00 € le 31/12/2026
    Et je consulte la situation de l'exercice N+1
    Alors l'extraction est conforme à "expected/inf/standard.csv"
    Et le statut est Engagé
    Et le montant est Soldé
"""


def _lieu(fragment: str) -> str:
    """``etapes.py:N``, N the line of the decorator holding ``fragment``."""
    lignes = ETAPES.splitlines()
    return f"etapes.py:{next(i for i, ligne in enumerate(lignes, 1) if ligne.startswith('@') and fragment in ligne)}"


@pytest.fixture
def projet(pytester: pytest.Pytester) -> pytest.Pytester:
    """Steps named by conftest.py's pytest_plugins, a clean campaign using every step, expected files."""
    pytester.makeconftest('pytest_plugins = ["etapes"]\n')
    pytester.makepyfile(etapes=ETAPES)
    for chemin, contenu in {"expected/inf/standard.csv": "a;b\n1;2\n", "expected/inf/standard.yaml": "cles: [a]\n",
                            "expected/sans_spec/x.csv": "a;b\n1;2\n", "features/propre.feature": PROPRE}.items():
        (pytester.path / chemin).parent.mkdir(parents=True, exist_ok=True)
        (pytester.path / chemin).write_text(contenu, encoding="utf-8")
    (pytester.path / "cas").mkdir()
    return pytester


def _verifier(pytester: pytest.Pytester, *chemins: str) -> pytest.RunResult:
    return pytester.run(sys.executable, "-m", "recette", "verifier", *chemins)


def _cas(pytester: pytest.Pytester, contenu: str, nom: str = "cas.feature") -> list[str]:
    (pytester.path / "cas" / nom).write_text(contenu, encoding="utf-8")
    resultat = _verifier(pytester, f"cas/{nom}")
    assert resultat.ret == 1, resultat.stderr.str()
    return resultat.outlines


def test_une_campagne_propre_ne_signale_rien(projet: pytest.Pytester) -> None:
    resultat = _verifier(projet)
    assert resultat.ret == 0, resultat.stdout.str()
    assert resultat.outlines == []
    assert resultat.errlines == ["1 fichier(s), 1 scénario(s) vérifiés : aucun problème."]


def test_syntaxe_gherkin(projet: pytest.Pytester) -> None:
    assert _cas(projet, """# language: fr
@budget
Fonctionnalité: Syntaxe

  @critique @evolution:EVO-2026-001
  Scénario: Une ligne perdue
    Étant donné l'UO "BG00/0150-CSUP-DR75" dotée de 1,00 € d'AE
  ceci n'est pas une étape
    Alors le statut est Engagé
      | a | b |
      | c |
""") == [
        ("cas/cas.feature:8: syntaxe Gherkin : ligne inattendue « ceci n'est pas une étape » (attendu : fin du "
        "fichier, une ligne de tableau, « \"\"\" », une étape, des étiquettes, « Exemples: », « Scénario: », "
        "« Règle: »)"),
        "cas/cas.feature:11: tableau : cette ligne n'a pas le même nombre de cellules que les autres",
    ]


def test_mots_cles_francais_sans_en_tete_de_langue(projet: pytest.Pytester) -> None:
    assert _cas(projet, """@budget
Fonctionnalité: Sans en-tête de langue

  @critique @evolution:EVO-2026-001
  Scénario: Mots-clés français
    Alors le statut est Engagé
""") == [("cas/cas.feature:1: « # language: fr » absent en tête du fichier : les mots-clés français "
         "(Fonctionnalité, Scénario, Étant donné…) ne sont pas reconnus")]


def test_mots_cles_anglais(projet: pytest.Pytester) -> None:
    assert _cas(projet, "Feature: English\n  Scenario: S\n    Then le statut est Engagé\n") == [
        "cas/cas.feature:1: langue « en » : les scénarios s'écrivent en français (« # language: fr » en tête du fichier)"]


def test_la_premiere_etape_ne_commence_pas_par_et(projet: pytest.Pytester) -> None:
    assert _cas(projet, """# language: fr
@budget @critique @evolution:EVO-2026-001
Fonctionnalité: Première étape

  Scénario: Commence par Et
    Et le statut est Engagé
""") == [("cas/cas.feature:6: la première étape d'un scénario ou d'un contexte commence par « Étant donné », "
         "« Quand » ou « Alors », pas par « Et »")]


def test_etapes_sans_definition_avec_la_phrase_la_plus_proche(projet: pytest.Pytester) -> None:
    assert _cas(projet, """# language: fr
@budget @critique @evolution:EVO-2026-001
Fonctionnalité: Phrases inconnues

  Scénario: Inconnues
    Quand j'engage 120 000,00 € le 31/12/2026 au matin
    Alors j'engage 1,00 € le 01/01/2026
    Et le montant est bien Soldé
    Et la lune est pleine
""") == [
        (f"cas/cas.feature:6: étape sans définition « Quand j'engage 120 000,00 € le 31/12/2026 au matin » ; phrase "
        f"la plus proche : « Quand j'engage {{montant}} le {{jour}} » ({_lieu('engage')})"),
        (f"cas/cas.feature:7: étape sans définition « Alors j'engage 1,00 € le 01/01/2026 » : cette phrase existe "
        f"pour « Quand » ({_lieu('engage')})"),
        (f"cas/cas.feature:8: étape sans définition « Et le montant est bien Soldé » ; phrase la plus proche : "
        f"« Alors le {{champ}} est Soldé » ({_lieu('Soldé')})"),
        ("cas/cas.feature:9: étape sans définition « Et la lune est pleine » (aucune phrase proche dans le "
        "catalogue : recette etapes)"),
    ]


def test_etape_ambigue(projet: pytest.Pytester) -> None:
    assert _cas(projet, """# language: fr
@budget @critique @evolution:EVO-2026-001
Fonctionnalité: Ambiguïté

  Scénario: Deux phrases pour une étape
    Alors le statut est Soldé
""") == [(f"cas/cas.feature:6: étape ambiguë « le statut est Soldé » : 2 définitions y correspondent "
         f"({_lieu('le statut est')} « le statut est {{statut}} », {_lieu('Soldé')} « le {{champ}} est Soldé »)")]


def test_parametres_illisibles_montant_date_exercice_et_ligne_d_exemple(projet: pytest.Pytester) -> None:
    assert _cas(projet, """# language: fr
@budget @critique @evolution:EVO-2026-001
Fonctionnalité: Paramètres

  Scénario: Valeurs mal écrites
    Étant donné l'UO "BG00/0150-CSUP-DR75" dotée de 12,345 € d'AE
    Quand j'engage 1,00 € le 31/02/2026
    Et je consulte la situation de l'exercice M+1

  Plan du Scénario: Montant des exemples
    Étant donné l'UO "BG00/0150-CSUP-DR75" dotée de <ae> d'AE
    Alors le statut est <statut>

    Exemples:
      | ae         | statut |
      | 1,00 €     | Engagé |
      | 1.000,00 € | Engagé |
""") == [
        ("cas/cas.feature:6: paramètre invalide : Montant invalide « 12,345 € » dans l'étape « l'UO "
        "\"BG00/0150-CSUP-DR75\" dotée de 12,345 € d'AE » : attendu un montant en français, ex. « 1 234 567,89 € »"),
        ("cas/cas.feature:7: paramètre invalide : Date invalide « 31/02/2026 » dans l'étape « j'engage 1,00 € le "
        "31/02/2026 » : attendu « 31/12/2025 » ou « 31 décembre 2025 »"),
        ("cas/cas.feature:8: paramètre invalide : Exercice invalide « M+1 » dans l'étape « je consulte la situation "
        "de l'exercice M+1 » : attendu N, N+1, N-1 ou une année (2026)"),
        ("cas/cas.feature:17: paramètre invalide : Montant invalide « 1.000,00 € » dans l'étape « l'UO "
        "\"BG00/0150-CSUP-DR75\" dotée de 1.000,00 € d'AE » : attendu un montant en français, ex. « 1 234 567,89 € »"),
    ]


def test_parametre_de_plan_absent_des_exemples(projet: pytest.Pytester) -> None:
    assert _cas(projet, """# language: fr
@budget @critique @evolution:EVO-2026-001
Fonctionnalité: Plan

  Plan du Scénario: Colonne oubliée
    Étant donné l'UO "BG00/0150-CSUP-DR75" dotée de <ae> d'AE
    Alors le statut est <statut>

    Exemples:
      | ae     |
      | 1,00 € |
""") == ["cas/cas.feature:7: paramètre « <statut> » absent des colonnes des Exemples"]


def test_etiquettes_obligatoires(projet: pytest.Pytester) -> None:
    assert _cas(projet, """# language: fr
Fonctionnalité: Étiquettes

  @critique
  Scénario: Sans domaine ni évolution
    Alors le statut est Engagé

  @budget @evolution:
  Scénario: Sans criticité, évolution vide
    Alors le statut est Engagé

  @budget @evolution:EVO-2026-001
  Plan du Scénario: Criticité sur un seul bloc d'exemples
    Alors le statut est <statut>

    @critique
    Exemples:
      | statut |
      | Engagé |

    Exemples:
      | statut  |
      | Réservé |
""") == [
        ("cas/cas.feature:5: scénario « Sans domaine ni évolution » sans étiquette de domaine (@budget, @donnees, "
        "@habilitations, @lois_de_finances, @regulation, @reports, @restitutions_bo, @titre2_paye)"),
        "cas/cas.feature:5: scénario « Sans domaine ni évolution » sans étiquette d'évolution (@evolution:EVO-AAAA-NNN)",
        ("cas/cas.feature:9: scénario « Sans criticité, évolution vide » sans étiquette de criticité "
        "(@critique, @majeur ou @mineur)"),
        ("cas/cas.feature:9: scénario « Sans criticité, évolution vide » sans étiquette d'évolution "
        "(@evolution:EVO-AAAA-NNN)"),
        ("cas/cas.feature:13: scénario « Criticité sur un seul bloc d'exemples » sans étiquette de criticité "
        "(@critique, @majeur ou @mineur)"),
    ]


def test_noms_de_scenario_en_double_dans_un_fichier_et_entre_fichiers(projet: pytest.Pytester) -> None:
    (projet.path / "cas" / "autre.feature").write_text("""# language: fr
@budget @critique @evolution:EVO-2026-001
Fonctionnalité: Autre

  Scénario: Tout va bien
    Alors le statut est Engagé
""", encoding="utf-8")
    assert _cas(projet, """# language: fr
@budget @critique @evolution:EVO-2026-001
Fonctionnalité: Doublons

  Scénario: Même nom
    Alors le statut est Engagé

  Scénario: Même nom
    Alors le statut est Payé
""") == ["cas/cas.feature:8: nom de scénario en double « Même nom » (déjà utilisé en cas/cas.feature:5)"]
    resultat = _verifier(projet, "features", "cas/autre.feature")
    assert resultat.outlines == [
        "cas/autre.feature:5: nom de scénario en double « Tout va bien » (déjà utilisé en features/propre.feature:6)"]


def test_fichiers_attendus_et_specifications_absents(projet: pytest.Pytester) -> None:
    assert _cas(projet, """# language: fr
@budget @critique @evolution:EVO-2026-001
Fonctionnalité: Fichiers attendus

  Scénario: Attendu absent
    Alors l'extraction est conforme à "expected/inf/absent.csv"

  Scénario: Attendu sans sa spécification
    Alors l'extraction est conforme à "expected/sans_spec/x.csv"

  Scénario: Un code avec une barre n'est pas un fichier
    Étant donné l'UO "BG00/0150-CSUP-DR75" dotée de 1,00 € d'AE

  Scénario: Un nom sans dossier est un libellé, pas un fichier du projet
    Alors l'extraction est conforme à "import-novembre.csv"
""") == [
        "cas/cas.feature:6: fichier cité introuvable : expected/inf/absent.csv",
        ("cas/cas.feature:9: spécification de comparaison absente à côté de expected/sans_spec/x.csv "
        "(expected/sans_spec/x.yaml attendu)"),
    ]


def test_definition_d_etape_jamais_utilisee(projet: pytest.Pytester) -> None:
    (projet.path / "features" / "propre.feature").write_text(PROPRE.replace("    Et le montant est Soldé\n", ""),
                                                               encoding="utf-8")
    resultat = _verifier(projet)
    assert resultat.ret == 1
    assert resultat.outlines == [
        f"{_lieu('Soldé')}: définition d'étape jamais utilisée : « Alors le {{champ}} est Soldé »"]
    assert resultat.errlines == [("1 problème(s) dans 1 fichier(s) (1 fichier(s) de fonctionnalité, "
                                 "1 scénario(s) vérifiés).")]


def test_chemin_introuvable_ou_projet_sans_conftest(projet: pytest.Pytester) -> None:
    resultat = _verifier(projet, "features/absent.feature")
    assert (resultat.ret, resultat.outlines) == (2, [])
    assert resultat.errlines == ["Erreur : chemin introuvable : features/absent.feature"]
    (projet.path / "conftest.py").unlink()
    resultat = _verifier(projet)
    assert resultat.ret == 2
    assert resultat.errlines == [(f"Erreur : conftest.py introuvable dans {projet.path} : lancer la commande à la "
                                 "racine du projet")]


def test_un_module_d_etapes_casse_est_nomme(projet: pytest.Pytester) -> None:
    (projet.path / "etapes.py").write_text(ETAPES + "\ndef casse(:\n", encoding="utf-8")
    resultat = _verifier(projet)
    assert (resultat.ret, resultat.outlines) == (2, [])
    assert resultat.errlines == [(f"Erreur : module d'étapes « etapes » illisible ({projet.path / 'etapes.py'}, ligne "
                                 f"{len(ETAPES.splitlines()) + 2}) : SyntaxError : invalid syntax (etapes.py, line "
                                 f"{len(ETAPES.splitlines()) + 2})")]
