"""From the recordings to the content of a mode opératoire: one per feature, one procedure per
scenario (an outline documented by its first example, the others listed), every sentence written
for a person (:mod:`recette.documentation.redaction`), every picture boxed
(:mod:`recette.documentation.images`)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from recette.documentation import images
from recette.documentation.modele import (
    ECHOUEE,
    FICHIER_SCENARIO,
    NON_EXECUTEE,
    Boite,
    EtapeEnregistree,
    ScenarioEnregistre,
    lire_scenario,
)
from recette.documentation.redaction import action_en_clair, constat, guillemets, rediger
from recette.erreurs import ErreurRecette


class ErreurDocumentation(ErreurRecette):
    """The documentation cannot be written (no recording, unknown release, unreadable recording)."""


@dataclass(frozen=True)
class Figure:
    """A screenshot with its boxes (CSS pixels of the image, as drawn), or why it is missing."""

    uri: str
    legende: str
    boites: tuple[tuple[int, int, int, int], ...] = ()
    manquante: str = ""
    empreinte: str = ""


@dataclass(frozen=True)
class Consigne:
    texte: str
    numero: int | None = None  # the number drawn beside its box, when it has one


@dataclass(frozen=True)
class Instruction:
    numero: int
    texte: str
    consignes: list[Consigne]
    tableau: list[list[str]]
    figures: list[Figure]
    statut: str
    erreur: str = ""


@dataclass(frozen=True)
class Resultat:
    texte: str
    statut: str
    erreur: str = ""
    figure: Figure | None = None
    verification: tuple[str, ...] = ()  # how to see it on screen: the « Alors » step's own actions


@dataclass(frozen=True)
class Procedure:
    ancre: str
    numero: int
    titre: str
    evolutions: list[str]
    statut: str
    prerequis: list[str]
    instructions: list[Instruction]
    resultats: list[Resultat]
    exemples: list[dict[str, str]] = field(default_factory=list)  # the other examples of an outline
    colonnes_exemples: list[str] = field(default_factory=list)

    @property
    def echouee(self) -> bool:
        return self.statut == ECHOUEE

    @property
    def rien_a_montrer(self) -> bool:
        return not self.instructions


@dataclass(frozen=True)
class ModeOperatoire:
    fichier: str
    titre: str
    objet: list[str]
    prerequis: list[str]
    procedures: list[Procedure]
    evolutions: list[str]
    release: str
    environnement: str
    avertissements: list[str]

    @property
    def nom(self) -> str:
        """The documents' file name, from the feature's path: ``budget-engagement_juridique``."""
        return re.sub(r"[^\w-]+", "-", self.fichier.removesuffix(".feature"), flags=re.ASCII).strip("-")

    @property
    def echecs(self) -> int:
        return sum(p.echouee for p in self.procedures)


@dataclass
class Enregistrement:
    scenario: ScenarioEnregistre
    dossier: Path


def lire(dossier: Path) -> list[Enregistrement]:
    """Every scenario recorded under ``dossier`` (French error when there is none)."""
    if not dossier.is_dir():
        raise ErreurDocumentation(f"dossier des enregistrements introuvable : {dossier}")
    lus = []
    for chemin in sorted(dossier.glob(f"*/{FICHIER_SCENARIO}")):
        try:
            lus.append(Enregistrement(lire_scenario(chemin), chemin.parent))
        except (ValueError, TypeError, KeyError) as exc:
            raise ErreurDocumentation(f"enregistrement illisible : {chemin} ({exc})") from None
    if not lus:
        raise ErreurDocumentation(f"aucun scénario enregistré dans {dossier} (la campagne a-t-elle été lancée "
                                  "avec --recette-documenter ?)")
    return lus


def par_fonctionnalite(enregistrements: Iterable[Enregistrement]) -> dict[str, list[Enregistrement]]:
    """The recordings grouped by feature file, in the order of their scenarios in the file."""
    groupes: dict[str, list[Enregistrement]] = {}
    for e in sorted(enregistrements, key=lambda e: (e.scenario.fichier, e.scenario.ligne, e.scenario.rang)):
        groupes.setdefault(e.scenario.fichier, []).append(e)
    return groupes


def _figure(dossier: Path, fichier: str, legende: str, boites: list[tuple[Boite, str]], couleur: tuple[int, int, int],
            avertissements: list[str]) -> Figure:
    chemin = dossier / fichier if fichier else None
    if chemin is None or not chemin.is_file():
        avertissements.append(f"capture d'écran manquante : {chemin or dossier} ({legende})")
        return Figure("", legende, manquante="Capture d'écran manquante : l'écran n'a pas pu être enregistré.")
    facteur = images.echelle(chemin)
    return Figure(images.uri_donnees(images.encadrer(chemin, boites, couleur)), legende,
                  tuple(images.mise_a_l_echelle(b, facteur).arrondie() for b, _ in boites),
                  empreinte=hashlib.sha256(chemin.read_bytes()).hexdigest())


#: Said of a step that ran without any screen (a call to a service, data prepared): nothing to capture.
SANS_ECRAN = "Cette étape ne passe par aucun écran (un service de Chorus est appelé directement)."


def sans_ecran(etape: EtapeEnregistree) -> bool:
    """The step ran and no screen was open (no page, so no address): not a missing screenshot."""
    return etape.statut != NON_EXECUTEE and not etape.vues and not etape.apres and not etape.adresse


def _instruction(numero: int, etape: EtapeEnregistree, dossier: Path, avertissements: list[str]) -> Instruction:
    if sans_ecran(etape):
        return Instruction(numero, rediger(etape), [Consigne(SANS_ECRAN)], etape.tableau, [], etape.statut, etape.erreur)
    consignes: list[Consigne] = []
    numeros: dict[int, int] = {}
    for action in etape.actions:
        if action.boite is not None and action.vue is not None:
            numeros[id(action)] = len(numeros) + 1
        consignes.append(Consigne(action_en_clair(action), numeros.get(id(action))))
    figures = []
    for rang, vue in enumerate(etape.vues):
        boites = [(a.boite, str(numeros[id(a)])) for a in etape.actions if a.vue == rang and a.boite is not None]
        figures.append(_figure(dossier, vue, f"Étape {numero} : l'écran avant de valider", boites, images.ROUGE,
                               avertissements))
    if not figures or etape.statut == ECHOUEE:
        boite = [(etape.message, "")] if etape.message else []
        figures.append(_figure(dossier, etape.apres, f"Étape {numero} : l'écran obtenu", boite, images.BLEU,
                               avertissements))
    return Instruction(numero, rediger(etape), consignes, etape.tableau, figures, etape.statut, etape.erreur)


def _resultat(etape: EtapeEnregistree, dossier: Path, deja_vues: set[str], avertissements: list[str]) -> Resultat:
    if etape.statut == NON_EXECUTEE or sans_ecran(etape):
        return Resultat(rediger(etape), etape.statut, etape.erreur)
    verification = tuple(action_en_clair(a) for a in etape.actions)
    boite = [(etape.message, "")] if etape.message else []
    figure = _figure(dossier, etape.apres, "Le résultat attendu à l'écran", boite, images.BLEU, avertissements)
    if figure.empreinte and figure.empreinte in deja_vues and etape.statut != ECHOUEE:  # the screen just shown
        return Resultat(rediger(etape), etape.statut, etape.erreur, verification=verification)
    deja_vues.add(figure.empreinte)
    return Resultat(rediger(etape), etape.statut, etape.erreur, figure, verification)


def procedure(numero: int, enregistrements: list[Enregistrement], avertissements: list[str]) -> Procedure:
    """The procedure of a scenario (of an outline: its first example, the others listed)."""
    premier = enregistrements[0]
    scenario, dossier = premier.scenario, premier.dossier
    propres = [e for e in scenario.etapes if not e.contexte]
    quand = [e for e in propres if e.genre == "when"]
    if not quand:
        avertissements.append(f"« {scenario.nom} » : aucune étape « Quand », rien à montrer à l'écran")
    instructions = [_instruction(i, e, dossier, avertissements) for i, e in enumerate(quand, start=1)]
    vues: set[str] = set()
    resultats = [_resultat(e, dossier, vues, avertissements) for e in propres if e.genre == "then"]
    statut = ECHOUEE if any(e.scenario.statut == ECHOUEE for e in enregistrements) else scenario.statut
    if statut == ECHOUEE:
        avertissements.append(f"« {scenario.nom} » : scénario en échec, documenté comme tel")
    colonnes = list(scenario.exemple)
    exemples = [{**e.scenario.exemple, "statut": _statut(e.scenario.statut)} for e in enregistrements[1:]]
    return Procedure(f"procedure-{numero}", numero, guillemets(scenario.nom), scenario.evolutions, statut,
                     [constat(e.texte) for e in propres if e.genre == "given"], instructions, resultats,
                     exemples, colonnes)


def _statut(statut: str) -> str:
    return {ECHOUEE: "échec", NON_EXECUTEE: "non exécuté"}.get(statut, "réussi")


def mode_operatoire(enregistrements: list[Enregistrement], release: str) -> ModeOperatoire:
    """The mode opératoire of one feature, from its scenarios' recordings."""
    premier = enregistrements[0].scenario
    avertissements: list[str] = []
    groupes: dict[int, list[Enregistrement]] = {}
    for e in enregistrements:
        groupes.setdefault(e.scenario.ligne, []).append(e)
    procedures = [procedure(i, g, avertissements) for i, g in enumerate(groupes.values(), start=1)]
    contexte = [constat(e.texte) for e in premier.etapes if e.contexte]
    evolutions = sorted({v for e in enregistrements for v in e.scenario.evolutions})
    objet = [guillemets(ligne.strip()) for ligne in premier.description.splitlines() if ligne.strip()]
    return ModeOperatoire(premier.fichier, guillemets(premier.fonctionnalite), objet, contexte, procedures,
                          evolutions, release, premier.environnement, avertissements)
