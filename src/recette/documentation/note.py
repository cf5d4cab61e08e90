"""Note de version: a French article for the pôle's letter, one section per evolution of a release
(``releases:`` of recette.yaml): what changes, in a paragraph built from its scenarios' names and
their features' descriptions, the screens concerned with one picture, and its recette status read
from the campaign's Allure results when there are some."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from recette.documentation import images
from recette.documentation.document import Enregistrement
from recette.documentation.redaction import NBSP, guillemets

ACCEPTEE, RESERVES, ANOMALIES, NON_RECETTEE = ("acceptée", "acceptée avec réserves", "anomalies ouvertes",
                                               "non recettée")
CLASSES = {ACCEPTEE: "acceptee", RESERVES: "reserves", ANOMALIES: "anomalies", NON_RECETTEE: "inconnu"}
EN_ECHEC = ("failed", "broken")


@dataclass(frozen=True)
class Compte:
    reussis: int = 0
    echoues: int = 0
    connus: int = 0  # failures covered by a known anomaly (@anomalie tag)

    @property
    def statut(self) -> str:
        if not self.reussis and not self.echoues:
            return NON_RECETTEE
        if self.echoues > self.connus:
            return ANOMALIES
        return RESERVES if self.echoues else ACCEPTEE

    def texte(self) -> str:
        if self.statut == NON_RECETTEE:
            return "aucun résultat de campagne pour cette évolution"
        connus = f", dont {self.connus} anomalie(s) connue(s)" if self.connus else ""
        return f"{self.reussis} scénario(s) réussi(s), {self.echoues} en échec{connus}"


@dataclass
class Evolution:
    code: str
    titre: str = ""
    paragraphe: str = ""
    ecrans: list[str] = field(default_factory=list)
    image: str = ""
    legende: str = ""
    compte: str = ""
    statut: str = NON_RECETTEE

    @property
    def classe(self) -> str:
        return CLASSES[self.statut]


@dataclass
class Note:
    release: str
    evolutions: list[Evolution]
    campagne: str = ""


def comptes(resultats: Path | None) -> dict[str, Compte]:
    """Passed and failed scenarios per evolution in an Allure results folder (empty when absent)."""
    from recette.rapport.resultats import charger

    if resultats is None or not resultats.is_dir() or not any(resultats.glob("*-result.json")):
        return {}
    bruts: dict[str, list[int]] = {}
    for r in charger(resultats).resultats:
        if not r.evolution:
            continue
        compte = bruts.setdefault(r.evolution, [0, 0, 0])
        compte[0] += r.statut == "passed"
        compte[1] += r.statut in EN_ECHEC
        compte[2] += r.statut in EN_ECHEC and bool(r.anomalie)
    return {evo: Compte(*valeurs) for evo, valeurs in bruts.items()}


def _liste(elements: Sequence[str]) -> str:
    """« a », « b » et « c »."""
    entre = [f"«{NBSP}{e}{NBSP}»" for e in elements]
    return entre[0] if len(entre) == 1 else ", ".join(entre[:-1]) + " et " + entre[-1]


def paragraphe(code: str, enregistrements: list[Enregistrement]) -> str:
    """What changes for users, from the scenarios' names and their features' descriptions."""
    if not enregistrements:
        return (f"Aucun scénario de recette n'est rattaché à l'évolution {code} (étiquette @evolution:{code}) : "
                "elle n'est pas décrite ici.")
    fonctionnalites = list(dict.fromkeys(e.scenario.fonctionnalite for e in enregistrements))
    descriptions = list(dict.fromkeys(phrase_de(e.scenario.description) for e in enregistrements
                                      if e.scenario.description.strip()))
    noms = list(dict.fromkeys(e.scenario.nom.rstrip(".") for e in enregistrements))
    texte = f"Cette évolution concerne {_liste(fonctionnalites)}."
    if descriptions:
        texte += " " + " ".join(descriptions)
    pluriel = "s" if len(noms) > 1 else ""
    texte += f" Cas vérifié{pluriel} par la recette : {_liste(noms)}."
    return guillemets(texte)


def phrase_de(description: str) -> str:
    """A feature's description (« En tant que … / Je veux … / Afin de … ») as one sentence."""
    lignes = [ligne.strip().rstrip(".,") for ligne in description.splitlines() if ligne.strip()]
    suite = [ligne[:1].lower() + ligne[1:] if not ligne[:2].isupper() else ligne for ligne in lignes[1:]]
    return ", ".join(lignes[:1] + suite) + "."


def _ecrans(enregistrements: list[Enregistrement]) -> tuple[list[str], str, str]:
    """The screens the scenarios acted on, and the picture of the first one after a « Quand »."""
    ecrans: list[str] = []
    image = legende = ""
    for e in enregistrements:
        for etape in e.scenario.etapes:
            if etape.genre != "when" or not etape.ecran:
                continue
            if etape.ecran not in ecrans:
                ecrans.append(etape.ecran)
            chemin = e.dossier / etape.apres if etape.apres else None
            if not image and chemin is not None and chemin.is_file():
                image = images.uri_donnees(images.vignette(chemin))
                legende = f"L'écran «{NBSP}{etape.ecran}{NBSP}» dans le scénario «{NBSP}{e.scenario.nom}{NBSP}»"
    return ecrans, image, legende


def evolution(code: str, enregistrements: list[Enregistrement], compte: Compte | None) -> Evolution:
    concernes = [e for e in enregistrements if code in e.scenario.evolutions]
    ecrans, image, legende = _ecrans(concernes)
    titre = guillemets(concernes[0].scenario.fonctionnalite) if concernes else ""
    compte = compte or Compte()
    return Evolution(code, titre, paragraphe(code, concernes), ecrans, image, legende, compte.texte(), compte.statut)


def etablir(release: str, codes: Sequence[str], enregistrements: list[Enregistrement],
            resultats: Path | None) -> Note:
    """The note of ``release``: its evolutions in recette.yaml's order."""
    par_evolution = comptes(resultats)
    campagne = str(resultats) if par_evolution else ""
    return Note(release, [evolution(c, enregistrements, par_evolution.get(c)) for c in codes], campagne)
