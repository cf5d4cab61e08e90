"""What a documented run records, per scenario, as JSON: the steps, the actions each step did on
screen (with the box of the control acted on), and the screenshots taken.

The recording is the only input of the documents: the same recording gives the same documents.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: Action kinds, as the recorder names them.
OUVERTURE, SAISIE, CHOIX, CLIC, CASE, FICHIER = "ouverture", "saisie", "choix", "clic", "case", "fichier"
REUSSIE, ECHOUEE, NON_EXECUTEE = "reussie", "echouee", "non_executee"
FICHIER_SCENARIO = "scenario.json"


def chemin_affiche(url: str) -> str:
    """A screen's address as a person types it after the host: its path, and the route of a Fiori
    launchpad after ``#`` (``/fiori#/EngagementJuridique-gerer/nouveau``); never its query."""
    morceaux = urlsplit(url)
    return morceaux.path + (f"#{morceaux.fragment}" if morceaux.fragment else "")


@dataclass(frozen=True)
class Boite:
    """A control's bounding box on the full-page screenshot, in CSS pixels."""

    x: float
    y: float
    largeur: float
    hauteur: float

    def arrondie(self) -> tuple[int, int, int, int]:
        return round(self.x), round(self.y), round(self.largeur), round(self.hauteur)


@dataclass
class Action:
    """One thing done on screen: open a screen, type in a field, choose, click, tick, attach."""

    genre: str
    libelle: str
    valeur: str = ""
    groupe: str = ""
    boite: Boite | None = None
    vue: int | None = None  # index of the step's screenshot showing the control (None: none taken)
    type_champ: str = ""
    requis: bool = False
    ecran: str = ""  # the title of the screen the action happened on


@dataclass
class EtapeEnregistree:
    """A step as run: its words, its outcome, what it did, what the screen showed."""

    genre: str  # given, when, then (pytest-bdd's types)
    mot_cle: str
    texte: str
    contexte: bool = False  # a step of the feature's Contexte
    statut: str = NON_EXECUTEE
    erreur: str = ""
    modele: str = ""  # the step definition's « Mode opératoire : » line, when it has one
    parametres: dict[str, str] = field(default_factory=dict)  # as written in the sentence
    tableau: list[list[str]] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    vues: list[str] = field(default_factory=list)  # screenshot files, relative to the scenario's folder
    apres: str = ""  # screenshot after the step
    message: Boite | None = None  # the box of the message (refusal, confirmation) on ``apres``
    ecran: str = ""  # the title of the screen after the step
    texte_message: str = ""  # the message's text (masked)
    refus: bool = False  # the message is a refusal (role=alert), not a confirmation
    adresse: str = ""  # the path of the screen after the step
    inventaire: dict[str, Any] = field(default_factory=dict)  # its fields and buttons (enregistreur._INVENTAIRE)


@dataclass
class ScenarioEnregistre:
    """A scenario's recording, with what the document needs of its feature."""

    fichier: str
    fonctionnalite: str
    description: str
    etiquettes_fonctionnalite: list[str]
    nom: str
    ligne: int
    etiquettes: list[str]
    exemple: dict[str, str] = field(default_factory=dict)
    rang: int = 0  # the example's position in its outline's table
    statut: str = NON_EXECUTEE
    environnement: str = ""
    release: str = ""
    etapes: list[EtapeEnregistree] = field(default_factory=list)

    @property
    def evolutions(self) -> list[str]:
        return sorted({e.split(":", 1)[1] for e in self.etiquettes + self.etiquettes_fonctionnalite
                       if e.startswith("evolution:")})

    def ecrire(self, dossier: Path) -> Path:
        """Write ``scenario.json`` in ``dossier`` (atomically: a reader never sees half of it)."""
        chemin = dossier / FICHIER_SCENARIO
        provisoire = chemin.with_suffix(".json.tmp")
        provisoire.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")
        provisoire.replace(chemin)
        return chemin


def _boite(valeur: dict[str, Any] | None) -> Boite | None:
    return Boite(**valeur) if valeur else None


def _etape(valeur: dict[str, Any]) -> EtapeEnregistree:
    actions = [Action(**{**a, "boite": _boite(a.get("boite"))}) for a in valeur.get("actions", [])]
    return EtapeEnregistree(**{**valeur, "actions": actions, "message": _boite(valeur.get("message"))})


def lire_scenario(chemin: Path) -> ScenarioEnregistre:
    """A recording written by :meth:`ScenarioEnregistre.ecrire`."""
    valeur = json.loads(chemin.read_text(encoding="utf-8"))
    return ScenarioEnregistre(**{**valeur, "etapes": [_etape(e) for e in valeur.get("etapes", [])]})
