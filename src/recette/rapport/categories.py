"""What kind of failure it is, for a tester: one list of categories, used twice.

Python classifies each failed scenario (PV, cahier, quality gate) and the same list is given to
Allure 3 (``categories`` of its configuration), so that the report's « Catégories » tab and the
deliverable always agree. The patterns are written in the subset common to Python's ``re`` (with
``re.ASCII``) and JavaScript's ``RegExp``; they are matched against the error message, which
allure-pytest-bdd writes as ``module.Classe: message``.

A campaign run by this version also writes the category's id in a label ``nature`` of each failed
result (decided from the original exception, see :mod:`recette.allure_francais`, since the message
it shows is then the French text alone): that label is read first, here and in Allure; the
patterns classify results written without it.

« Erreur du scénario » comes first: a scenario's own mistake (a sentence used without its
context, a page that is not the screen the step expected, a missing expected file, a malformed
parameter) is never a Chorus anomaly, whatever the failure's status.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from recette.rapport.resultats import Resultat

_CLASSE = r"^(?:[A-Za-z_][\w.]*\.)?"
#: ``module.Classe: `` before a failure's message, as pytest and Allure write it.
_PREFIXE = re.compile(r"^(?:[A-Za-z_][\w.]*\.)?(?:[A-Za-z_]\w*(?:Error|Exception|Exit|Failed)|Erreur\w*): ?", re.ASCII)
LABEL_NATURE = "nature"


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
        """The label ``nature`` first (any failed status), the message's pattern for older results."""
        par_nature = {"statuses": ["failed", "broken"], "labels": {LABEL_NATURE: f"^{self.id}$"}}
        matcher: dict[str, Any] = {"statuses": list(self.statuts)}
        if self.motif is not None:
            matcher["message"] = self.motif
        return {"id": self.id, "name": self.nom, "matchers": [par_nature, matcher], "groupBy": ["severity"],
                "groupByMessage": False, "expand": True}


ERREUR_SCENARIO = Categorie(
    "erreur-scenario", "Erreur du scénario", ("failed", "broken"),
    _CLASSE + r"(?:ErreurScenario|ErreurContexte|ErreurParametre)\b",
    "Le scénario est à corriger, pas Chorus : une phrase employée sans le contexte qu'elle demande, une "
    "étape arrivée sur une page inattendue (accès refusé, page d'erreur, page de connexion), un fichier "
    "attendu absent, un paramètre mal écrit. Aucune fiche d'anomalie ; la campagne n'est pas concluante.")
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
ERREUR_TECHNIQUE = Categorie(
    "erreur-technique", "Erreur technique", ("broken",), None,
    "Le scénario s'est interrompu sur une exception inattendue (cadre, étape ou réponse imprévue de la "
    "cible) : à analyser par l'équipe de recette avant de conclure.")

#: In order: the first that matches wins (as in Allure).
CATEGORIES: tuple[Categorie, ...] = (ERREUR_SCENARIO, NON_IMPLEMENTEE, ENVIRONNEMENT, ECART_DONNEES, FONCTIONNELLE,
                                     ERREUR_TECHNIQUE)
PAR_ID = {c.id: c for c in CATEGORIES}


def sans_classe(message: str) -> str:
    """The failure's message without ``module.Classe: `` before it; a Playwright assertion's English
    (« Locator expected to have text … Actual value: … ») said in French, its call log left to the trace."""
    return en_francais(_PREFIXE.sub("", message.strip(), count=1))


#: Playwright's assertion messages (``expect``), in French: what was expected, what the screen showed.
_ATTENTES_PLAYWRIGHT = (
    (re.compile(r"^Locator expected to have text '(?P<attendu>.*)'$"), "Texte attendu « {attendu} », affiché « {obtenu} »"),
    (re.compile(r"^Locator expected to contain text '(?P<attendu>.*)'$"),
     "Texte attendu (au moins) « {attendu} », affiché « {obtenu} »"),
    (re.compile(r"^Locator expected to have value '(?P<attendu>.*)'$"), "Valeur attendue « {attendu} », obtenue « {obtenu} »"),
    (re.compile(r"^Locator expected to have count '(?P<attendu>\d+)'$"),
     "Nombre d'éléments attendu : {attendu}, trouvé : {obtenu}"),
    (re.compile(r"^Locator expected to be visible$"), "Élément attendu à l'écran, absent"),
    (re.compile(r"^Locator expected not to be visible$"), "Élément qui ne devait pas être à l'écran, affiché"),
)


def en_francais(message: str) -> str:
    """A Playwright assertion message in French (other messages unchanged)."""
    premiere, _, reste = message.partition("\n")
    for motif, gabarit in _ATTENTES_PLAYWRIGHT:
        trouve = motif.match(premiere.strip())
        if trouve:
            obtenu = re.search(r"^Actual value: ?(.*)$", reste, re.MULTILINE)
            valeur = obtenu[1].strip() if obtenu and obtenu[1].strip() else ""
            valeur = "rien : aucun élément de ce type à l'écran" if valeur in ("", "None", "<element(s) not found>") else valeur
            return gabarit.format(attendu=trouve.groupdict().get("attendu", ""), obtenu=valeur) + _element(reste)
    return message


def _element(journal: str) -> str:
    """« — élément : … », the element the assertion looked at, from Playwright's call log: a UI5 control
    said as the driver says it (« sap.m.Input libellé « Montant » »), another locator as written."""
    trouve = re.search(r"waiting for (.+)$", journal, re.MULTILINE)
    if not trouve:
        return ""
    localisateur = trouve[1].strip()
    selecteur = re.search(r"ui5=(\{.*\})", localisateur)
    if selecteur:
        from recette.ui5.selecteurs import decrire  # the UI5 words only when a UI5 control is named

        try:
            localisateur = decrire(json.loads(selecteur[1].replace('\\"', '"')))
        except ValueError:
            pass
    return f" — élément : {_ROLES.get(localisateur, localisateur)}"


#: Locators of the page objects that a tester knows by another name.
_ROLES = {'get_by_role("alert")': "le message de refus (alerte)", 'get_by_role("status")': "le message de confirmation"}


def cause(message: str) -> str:
    """The French cause of a failure: the first line of its message, without the exception's class."""
    return next((ligne.strip() for ligne in sans_classe(message).splitlines() if ligne.strip()), "erreur sans message")


def classer_message(statut: str, message: str) -> Categorie | None:
    """The category of a failure from its status and its ``module.Classe: message``."""
    return next((c for c in CATEGORIES if c.correspond(statut, message)), None)


def classer(resultat: Resultat) -> Categorie | None:
    """The category of a failed or broken scenario (its label ``nature`` first); None for the others."""
    if not resultat.en_echec:
        return None
    return PAR_ID.get(resultat.nature) or classer_message(resultat.statut, resultat.message)


def erreur_du_scenario(resultat: Resultat) -> bool:
    """A scenario to correct, not a Chorus anomaly."""
    return classer(resultat) is ERREUR_SCENARIO


def pour_allure() -> list[dict[str, Any]]:
    """The ``categories`` entry of the Allure 3 configuration."""
    return [categorie.pour_allure() for categorie in CATEGORIES]
