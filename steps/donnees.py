"""Étapes d'extraction : télécharger une restitution depuis les écrans, la comparer exactement à l'attendu."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page
from pytest_bdd import then, when

from recette import extractions
from recette.cible import Cible
from recette.contextes import contexte as besoins
from recette.donnees.attendus import exiger_attendu
from recette.pages.restitutions import PageRestitutions
from recette.parametres import Exercice
from recette.preuves import nom_de_fichier
from steps.communs import ContexteScenario, phrase

FORMATS = {"CSV": ("csv", "cp1252"), "CSV UTF-8": ("csv", "utf-8"), "XLSX": ("xlsx", "cp1252")}


@pytest.fixture
def dossier_scenario(request: pytest.FixtureRequest) -> Path:
    """Where this scenario's extractions and diffs are kept (under reports/)."""
    return Path("reports") / "extractions" / nom_de_fichier(request.node.nodeid)


def _extraire(ecran: Page, cible: Cible, contexte: ContexteScenario, dossier: Path, code: str,
              exercice: Exercice, format_: str) -> ContexteScenario:
    if format_ not in FORMATS:
        raise AssertionError(f"Format inconnu « {format_} » (formats : {', '.join(FORMATS)})")
    extension, encodage = FORMATS[format_]
    page = PageRestitutions(ecran)
    contexte.valeurs["extraction"] = page.telecharger(code, exercice.resoudre(cible.exercice), extension, encodage,
                                                      dossier)
    return contexte


@when(phrase('j\'extrais la restitution "{code}" de l\'exercice {exercice:Exercice}'), target_fixture="contexte")
@besoins(produit=["extraction"])
def extraire(ecran: Page, cible: Cible, contexte: ContexteScenario, dossier_scenario: Path, code: str,
             exercice: Exercice) -> ContexteScenario:
    """Télécharge une restitution depuis son écran, au format CSV encodé en cp1252 (Windows), comme l'infocentre.

    Exemple : Quand j'extrais la restitution "INF-BUD-53" de l'exercice N
    """
    return _extraire(ecran, cible, contexte, dossier_scenario, code, exercice, "CSV")


@when(phrase('j\'extrais la restitution "{code}" de l\'exercice {exercice:Exercice} au format {format_}'),
      target_fixture="contexte")
@besoins(produit=["extraction"])
def extraire_format(ecran: Page, cible: Cible, contexte: ContexteScenario, dossier_scenario: Path, code: str,
                    exercice: Exercice, format_: str) -> ContexteScenario:
    """Télécharge une restitution dans le format indiqué : CSV, CSV UTF-8 ou XLSX.

    Exemple : Quand j'extrais la restitution "INF-BUD-53" de l'exercice N au format XLSX
    """
    return _extraire(ecran, cible, contexte, dossier_scenario, code, exercice, format_)


@then(phrase('l\'extraction est conforme à "{attendu}"'))
@besoins(requiert=["extraction"])
def extraction_conforme(request: pytest.FixtureRequest, contexte: ContexteScenario, dossier_scenario: Path,
                        attendu: str) -> None:
    """Compare exactement l'extraction au fichier attendu, selon les règles de comparaison du fichier
    placé à côté (même nom, extension .yaml).

    Exemple : Alors l'extraction est conforme à "expected/inf-bud-53/standard_2026.csv"
    """
    regenerer = request.config.option.recette_regenerer
    chemin = exiger_attendu(attendu, regenerer)  # a missing file is the scenario's mistake, not Chorus's
    obtenu = _extraction(contexte)
    extractions.verifier_conformite(obtenu, chemin, dossier_scenario, regenerer)


@then(phrase('l\'extraction contient, pour les clés "{cles}", les lignes :'))
@besoins(requiert=["extraction"])
def extraction_contient(contexte: ContexteScenario, dossier_scenario: Path, cles: str,
                        datatable: list[list[str]]) -> None:
    """Chaque ligne du tableau se trouve dans l'extraction avec ces valeurs ; les lignes sont retrouvées
    grâce aux colonnes clés indiquées. Les autres lignes et colonnes de l'extraction ne sont pas vérifiées.
    Les colonnes de montants et de dates sont reconnues d'après leurs valeurs.

    Exemple : Alors l'extraction contient, pour les clés "N° EJ, N° poste EJ", les lignes :
    """
    obtenu = _extraction(contexte)
    entetes, *lignes = datatable
    attendu = extractions.ecrire_tableau(dossier_scenario / "attendu-du-scenario.csv", entetes, lignes)
    spec = extractions.spec_du_tableau(entetes, lignes, [c.strip() for c in cles.split(",")],
                                       extractions.colonnes(obtenu))
    extractions.verifier_contenu(obtenu, attendu, spec, dossier_scenario)


@then(phrase('l\'extraction ne contient aucune ligne où "{colonne}" vaut "{valeur}"'))
@besoins(requiert=["extraction"])
def extraction_sans(contexte: ContexteScenario, colonne: str, valeur: str) -> None:
    """Aucune ligne de données de l'extraction n'a cette valeur dans cette colonne.

    Exemple : Alors l'extraction ne contient aucune ligne où "N° EJ" vaut "2103000001"
    """
    trouvees = extractions.lignes_ou(_extraction(contexte), colonne, valeur)
    assert trouvees == 0, f"{trouvees} ligne(s) de l'extraction où « {colonne} » vaut « {valeur} »"


def _extraction(contexte: ContexteScenario) -> Path:
    return Path(contexte.exiger("extraction"))
