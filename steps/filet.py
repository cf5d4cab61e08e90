"""Steps of the thicker net (issue 16): limits to the cent, rounding, figures of the situation
screens, export formats, security thresholds, all-or-nothing bulk operations.

The step docstrings are in French: the step catalogue (``recette etapes``) shows them to testers."""

from __future__ import annotations

from pathlib import Path

from pytest_bdd import then, when

from recette import formats_export
from recette.cible import Cible
from recette.contextes import contexte as besoins
from steps.communs import ContexteScenario, phrase


@when(phrase('je me connecte par l\'API en tant que "{identifiant}" avec un mauvais mot de passe'),
      target_fixture="contexte")
@besoins(produit=["connexion"], bac_a_sable_seulement=True)
def connexion_mauvais_mot_de_passe(cible: Cible, contexte: ContexteScenario, identifiant: str) -> ContexteScenario:
    """Une tentative de connexion par l'API avec un mauvais mot de passe ; son refus (ou son acceptation)
    est vérifié par l'étape « Alors la connexion est … » suivante.

    Exemple : Quand je me connecte par l'API en tant que "sophie.garnier" avec un mauvais mot de passe
    """
    assert cible.connexions is not None
    contexte.valeurs["connexion"] = cible.connexions.tenter(identifiant, "mot-de-passe-errone")
    return contexte


@then(phrase("chaque colonne de l'extraction est écrite au format :"))
@besoins(requiert=["extraction"])
def colonnes_au_format(contexte: ContexteScenario, datatable: list[list[str]]) -> None:
    """Chaque cellule de chaque colonne nommée est écrite, telle quelle dans le fichier CSV, au format
    indiqué (« # », non affecté, est toujours permis ; chaque colonne doit avoir au moins une valeur).
    Colonnes du tableau : Colonne | Format. Formats : date jj.mm.aaaa, heure hh:mm:ss, montant,
    centre financier, BOP, domaine fonctionnel, activité, titre, taux, nombre, branche, société,
    tranche fonctionnelle, demande de report, arrêté de report, X, non affecté (« # » partout), texte,
    ou « N chiffres » (un code de N chiffres, zéros de tête compris). La seconde colonne d'un même nom (code puis
    libellé) se nomme « Centre financier (2) ».

    Exemple : Alors chaque colonne de l'extraction est écrite au format :
    """
    formats = [(ligne[0].strip(), ligne[1].strip()) for ligne in datatable[1:]]
    trouves = formats_export.ecarts(Path(contexte.exiger("extraction")), formats)
    assert not trouves, f"{len(trouves)} cellule(s) hors format : " + " ; ".join(str(e) for e in trouves[:8])
