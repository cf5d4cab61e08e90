"""The context chain: what each sentence requires and produces, checked by ``recette verifier`` with
exact lines (pytester), and the closed lists of values of the sentences."""

from __future__ import annotations

import sys

import pytest

from recette import contextes
from recette.erreurs import ErreurContexte, ErreurParametre, ErreurScenario
from recette.vocabulaire import NIVEAUX, STATUTS_EJ, taux

pytest_plugins = ["pytester"]

ETAPES = '''"""Étapes d'essai de la chaîne de contexte."""

from pytest_bdd import given, then, when

from recette.contextes import contexte
from recette.parametres import Phrase


@given(Phrase('un engagement juridique de {montant:Montant}'))
@contexte(produit=["engagement"])
def ej(montant):
    """Exemple : Étant donné un engagement juridique de 50 000,00 €"""


@given(Phrase("une demande de paiement de {montant:Montant} sur cet engagement"))
@contexte(requiert=["engagement"], produit=["demande"])
def dp(montant):
    """Exemple : Étant donné une demande de paiement de 20 000,00 € sur cet engagement"""


@when(Phrase("je paie cette demande de paiement"))
@contexte(requiert=["demande"])
def payer():
    """Exemple : Quand je paie cette demande de paiement"""


@then(Phrase('le statut de cet engagement est "{statut:StatutEJ}"'))
@contexte(requiert=["engagement"])
def statut(statut):
    """Exemple : Alors le statut de cet engagement est "Soldé" """
'''

ENTETE = """# language: fr
@budget
Fonctionnalité: Chaîne
"""


@pytest.fixture
def projet(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest('pytest_plugins = ["etapes"]\n')
    pytester.makepyfile(etapes=ETAPES)
    (pytester.path / "cas").mkdir()
    return pytester


def _verifier(pytester: pytest.Pytester, texte: str) -> tuple[int, list[str]]:
    (pytester.path / "cas" / "cas.feature").write_text(ENTETE + texte, encoding="utf-8")
    resultat = pytester.run(sys.executable, "-m", "recette", "verifier", "cas/cas.feature")
    return resultat.ret, [ligne for ligne in resultat.outlines if "jamais utilisée" not in ligne]


PRODUCTEUR_DP = ("une phrase qui le produit : « Étant donné une demande de paiement de 20 000,00 € sur cet "
                 "engagement » (etapes.py:15)")


def test_une_demande_de_paiement_jamais_creee_est_une_erreur_a_sa_ligne(projet: pytest.Pytester) -> None:
    code, lignes = _verifier(projet, """
  @critique @evolution:EVO-2026-001
  Scénario: Paiement sans demande
    Étant donné un engagement juridique de 50 000,00 €
    Quand je paie cette demande de paiement
""")
    assert code == 1
    assert lignes == [
        "cas/cas.feature:8: « cette demande de paiement » utilisé par « Quand je paie cette demande de paiement » "
        "sans qu'aucune étape précédente du scénario (Contexte compris) ne l'ait produit ; " + PRODUCTEUR_DP]


def test_le_contexte_et_les_exemples_produisent_pour_chaque_scenario(projet: pytest.Pytester) -> None:
    code, lignes = _verifier(projet, """
  Contexte:
    Étant donné un engagement juridique de 50 000,00 €

  @critique @evolution:EVO-2026-001
  Plan du Scénario: Paiement après une demande
    Étant donné une demande de paiement de <montant> sur cet engagement
    Quand je paie cette demande de paiement
    Alors le statut de cet engagement est "<statut>"

    Exemples:
      | montant     | statut             |
      | 20 000,00 € | Partiellement payé |
      | 50 000,00 € | Soldé              |
""")
    assert (code, lignes) == (0, [])


def test_un_contexte_produit_apres_son_usage_ne_compte_pas(projet: pytest.Pytester) -> None:
    code, lignes = _verifier(projet, """
  @critique @evolution:EVO-2026-001
  Scénario: Dans le désordre
    Alors le statut de cet engagement est "Engagé"
    Étant donné un engagement juridique de 50 000,00 €
""")
    assert code == 1
    assert lignes == [
        ("cas/cas.feature:7: « cet engagement » utilisé par « Alors le statut de cet engagement est \"Engagé\" » "
        "sans qu'aucune étape précédente du scénario (Contexte compris) ne l'ait produit ; une phrase qui le "
        "produit : « Étant donné un engagement juridique de 50 000,00 € » (etapes.py:9)")]


def test_un_scenario_ne_profite_pas_du_contexte_d_un_autre(projet: pytest.Pytester) -> None:
    code, lignes = _verifier(projet, """
  @critique @evolution:EVO-2026-001
  Scénario: Le premier crée
    Étant donné un engagement juridique de 50 000,00 €
    Et une demande de paiement de 20 000,00 € sur cet engagement

  @critique @evolution:EVO-2026-001
  Scénario: Le second suppose
    Quand je paie cette demande de paiement
""")
    assert code == 1
    assert [ligne.split(":")[1] for ligne in lignes] == ["12"]


def test_un_statut_inconnu_donne_les_valeurs_permises(projet: pytest.Pytester) -> None:
    code, lignes = _verifier(projet, """
  @critique @evolution:EVO-2026-001
  Scénario: Statut mal écrit
    Étant donné un engagement juridique de 50 000,00 €
    Alors le statut de cet engagement est "Soldée"
""")
    assert code == 1
    assert lignes == [
        ("cas/cas.feature:8: paramètre invalide : statut d'engagement juridique invalide « Soldée » dans l'étape "
        "« le statut de cet engagement est \"Soldée\" » : valeurs permises : « Engagé », « Partiellement "
        "réceptionné », « Réceptionné », « Partiellement payé », « Soldé », « Retiré »")]


def test_un_objet_de_contexte_inconnu_est_refuse_a_l_import() -> None:
    with pytest.raises(ValueError, match="objet\\(s\\) de contexte inconnu\\(s\\) : dossier"):
        contextes.contexte(requiert=["dossier"])


def test_l_erreur_de_contexte_est_une_erreur_du_scenario() -> None:
    erreur = contextes.manquant("demande")
    assert isinstance(erreur, ErreurContexte) and isinstance(erreur, ErreurScenario)
    assert str(erreur).startswith("« cette demande de paiement » n'a été produit par aucune étape précédente du "
                                  "scénario")


def test_les_listes_fermees_convertissent_et_refusent() -> None:
    assert NIVEAUX("de l'UO") == "UO" and NIVEAUX("du BOP") == "BOP"
    assert STATUTS_EJ("Partiellement payé") == "Partiellement payé"
    with pytest.raises(ErreurParametre, match="« Payé » : valeurs permises : « Engagé »"):
        STATUTS_EJ("Payé")
    assert str(taux("5,5")) == "5.5"
    with pytest.raises(ErreurParametre, match="Taux invalide « 5\\.5 »"):
        taux("5.5")


def test_l_erreur_de_contexte_propose_une_phrase_qui_produit_l_objet() -> None:
    import steps.budget  # noqa: F401  (registers the project's sentences, as a campaign does)

    assert str(contextes.manquant("demande")) == (
        "« cette demande de paiement » n'a été produit par aucune étape précédente du scénario : placez avant une "
        "étape comme « Étant donné une demande de paiement de 20 000,00 € sur cet engagement »")
