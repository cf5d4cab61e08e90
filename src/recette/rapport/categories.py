"""What kind of failure it is, for a tester: one list of categories, used twice.

Python classifies each failed scenario (PV, cahier, quality gate) and the same list is given to
Allure 3 (``categories`` of its configuration), so that the report's « Catégories » tab and the
deliverable always agree. The patterns are written in the subset common to Python's ``re`` (with
``re.ASCII``) and JavaScript's ``RegExp``; they are matched against the error message, which
allure-pytest-bdd writes as ``module.Classe: message``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from recette.rapport.resultats import Resultat

_CLASSE = r"^(?:[A-Za-z_][\w.]*\.)?"


@dataclass(frozen=True)
class Categorie:
    id: str
    nom: str
    statuts: tuple[str, ...]
    motif: str | None  # regular expression searched in the error message; None: any message
    explication: str

    def correspond(self, statut: str, message: str) -> bool:
        if statut not in self.statuts:
            return False
        return self.motif is None or re.search(self.motif, message, re.ASCII) is not None

    def pour_allure(self) -> dict[str, Any]:
        matcher: dict[str, Any] = {"statuses": list(self.statuts)}
        if self.motif is not None:
            matcher["message"] = self.motif
        return {"id": self.id, "name": self.nom, "matchers": [matcher], "groupBy": ["severity"],
                "groupByMessage": False, "expand": True}


NON_IMPLEMENTEE = Categorie(
    "etape-non-implementee", "Étape non implémentée", ("failed", "broken"),
    _CLASSE + r"(?:StepDefinitionNotFoundError|NotImplementedError)\b",
    "Une phrase du scénario n'a pas encore de définition dans steps/ : le scénario n'a rien vérifié.")
ENVIRONNEMENT = Categorie(
    "defaut-environnement", "Défaut d'environnement", ("failed", "broken"),
    _CLASSE + r"(?:ErreurEnvironnement|TimeoutError|TargetClosedError|ConnectionError|ConnectionRefusedError|"
    r"ConnectionResetError|ConnectError|ConnectTimeout|ReadTimeout|ReadError|RemoteProtocolError)\b"
    r"|net::ERR_|erreur serveur 5[0-9][0-9]",
    "La cible ne répond pas comme un environnement doit répondre (délai dépassé, connexion refusée, "
    "erreur 5xx) : à relancer, ce n'est pas un verdict sur l'évolution.")
ECART_DONNEES = Categorie(
    "ecart-donnees", "Écart de données", ("failed", "broken"),
    r"Verdict : NON CONFORME|" + _CLASSE + r"(?:ErreurExport)\b",
    "Une restitution obtenue diffère de l'attendu (comparaison ligne à ligne) : voir le fichier des écarts.")
FONCTIONNELLE = Categorie(
    "anomalie-fonctionnelle", "Anomalie fonctionnelle", ("failed",), None,
    "Une vérification métier a échoué : l'écran ne montre pas ce que la règle de gestion attend.")
ERREUR_SCENARIO = Categorie(
    "erreur-scenario", "Erreur du scénario", ("broken",), None,
    "Le scénario s'est interrompu sur une erreur technique du cadre ou d'une étape : à corriger "
    "par l'équipe de recette.")

#: In order: the first that matches wins (as in Allure).
CATEGORIES: tuple[Categorie, ...] = (NON_IMPLEMENTEE, ENVIRONNEMENT, ECART_DONNEES, FONCTIONNELLE, ERREUR_SCENARIO)


def classer(resultat: Resultat) -> Categorie | None:
    """The category of a failed or broken scenario; None for the others."""
    return next((c for c in CATEGORIES if c.correspond(resultat.statut, resultat.message)), None)


def pour_allure() -> list[dict[str, Any]]:
    """The ``categories`` entry of the Allure 3 configuration."""
    return [categorie.pour_allure() for categorie in CATEGORIES]
