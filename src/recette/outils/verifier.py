"""``recette verifier``: feature files checked without running them.

Gherkin syntax (French keywords), steps with no definition (the closest sentence proposed),
ambiguous steps, parameters that do not parse (with the converters of :mod:`recette.parametres`),
required tags (domain, criticality, evolution), duplicated scenario names, step definitions no
scenario uses, and expected files or comparison specs a scenario names but that do not exist.
One problem per line, ``fichier:ligne: message``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from recette.config import Environnement
from recette.contextes import designation, rang_producteur
from recette.erreurs import ErreurParametre
from recette.etiquettes import CRITICITES, DOMAINES
from recette.outils import fonctionnalites
from recette.outils.definitions import Definition, charger
from recette.outils.fonctionnalites import EtapeLue, FonctionnaliteLue, Probleme, ScenarioLu
from recette.preconditions import raison_non_jouable

CAMPAGNE = "features"
#: A quoted path of the project, folder included (``"expected/inf-bud-53/standard_2026.csv"``); a bare
#: name (``"habilitations-novembre.csv"``) is a label, often of a file the step writes from its table.
_FICHIER_CITE = re.compile(r'"((?:[\w.-]+/)+[\w.-]+\.(?:csv|xlsx|xls|yaml|yml|json|xml|txt|pdf|zip))"')
_EXTRACTIONS = (".csv", ".xlsx", ".xls")
_SEUIL_PROCHE = 0.45


@dataclass
class Verification:
    problemes: list[Probleme]
    fichiers: int
    scenarios: int
    #: with ``--env``: the scenarios skipped there (no sandbox API, or no path on its face), and why
    non_jouables: list[Probleme] = field(default_factory=list)
    environnement: str = ""

    def __post_init__(self) -> None:
        # by file and line; on one line, in the order the rules found them
        self.problemes = sorted(dict.fromkeys(self.problemes), key=lambda p: (p.fichier, p.ligne))

    def texte(self) -> str:
        return "".join(f"{p}\n" for p in self.problemes)

    def texte_non_jouables(self) -> str:
        if not self.environnement:
            return ""
        if not self.non_jouables:
            return f"Tous les scénarios vérifiés peuvent se jouer sur « {self.environnement} ».\n"
        entete = (f"{len(self.non_jouables)} scénario(s) sur {self.scenarios} ne peuvent pas se jouer sur "
                  f"« {self.environnement} » (recette lancer --env {self.environnement} les ignore, avec leur raison) :\n")
        return entete + "".join(f"{p}\n" for p in self.non_jouables)

    def resume(self) -> str:
        if not self.problemes:
            return f"{self.fichiers} fichier(s), {self.scenarios} scénario(s) vérifiés : aucun problème."
        fichiers = len({p.fichier for p in self.problemes})
        return (f"{len(self.problemes)} problème(s) dans {fichiers} fichier(s) "
                f"({self.fichiers} fichier(s) de fonctionnalité, {self.scenarios} scénario(s) vérifiés).")


def verifier(chemins: Sequence[str | Path], racine: Path, environnement: Environnement | None = None) -> Verification:
    """Check ``chemins`` (folders or ``.feature`` files) against the step definitions of ``racine``;
    with ``environnement``, also list the scenarios that cannot run there."""
    fichiers = fonctionnalites.lister(chemins)
    definitions = charger(racine)
    lues, problemes = fonctionnalites.lire(fichiers, racine)
    regles = _Regles(definitions, racine)
    scenarios = [s for f in lues for s in f.scenarios]
    for scenario in scenarios:
        problemes += regles.scenario(scenario)
    problemes += _doublons(scenarios)
    problemes += _inutilisees(definitions, lues, fichiers, racine)
    if environnement is None:
        return Verification(problemes, len(fichiers), len(scenarios))
    non_jouables = [p for p in (regles.non_jouable(s, environnement) for s in scenarios) if p is not None]
    return Verification(problemes, len(fichiers), len(scenarios), non_jouables, environnement.nom)


class _Regles:
    def __init__(self, definitions: list[Definition], racine: Path) -> None:
        self.definitions, self.racine = definitions, racine

    def scenario(self, scenario: ScenarioLu) -> list[Probleme]:
        problemes = _etiquettes(scenario) + _parametres_de_plan(scenario)
        produits: set[str] = set()
        for etape, ligne in scenario.rendus():  # a background step comes with each scenario: deduplicated later
            messages = self.etape(etape) + self.fichiers_cites(etape.texte)
            definition = self.unique(etape)
            if definition is not None:
                messages += [self.contexte_manquant(etape, nom) for nom in definition.besoins.requiert
                             if nom not in produits]
                produits.update(definition.besoins.produit)
            problemes += [Probleme(scenario.fichier, ligne, message) for message in messages]
        return problemes

    def non_jouable(self, scenario: ScenarioLu, env: Environnement) -> Probleme | None:
        """The scenario's first sentence that cannot be played on ``env`` (only the sandbox's API can
        play it, or it has no path on ``env``'s face), as the skip's reason."""
        for etape, ligne in scenario.rendus():
            definition = self.unique(etape)
            if definition is None:
                continue
            raison = raison_non_jouable(env, definition.besoins, etape.texte)
            if raison is not None:
                return Probleme(scenario.fichier, scenario.ligne, f"« {scenario.nom} » : {raison[0].lower()}{raison[1:]} "
                                                                  f"(ligne {ligne}, {definition.lieu})")
        return None

    def unique(self, etape: EtapeLue) -> Definition | None:
        trouvees = [d for d in self.definitions if d.correspond(etape.type, etape.texte)]
        return trouvees[0] if len(trouvees) == 1 else None

    def contexte_manquant(self, etape: EtapeLue, nom: str) -> str:
        """« cet engagement » used before any step produced it, with a sentence that would."""
        message = (f"« {designation(nom)} » utilisé par « {etape.mot_cle} {etape.texte} » sans qu'aucune étape "
                   "précédente du scénario (Contexte compris) ne l'ait produit")
        producteur = self.producteur(nom)
        if producteur is None:
            return message
        return f"{message} ; une phrase qui le produit : « {producteur.exemple or producteur.phrase} » ({producteur.lieu})"

    def producteur(self, nom: str) -> Definition | None:
        """A sentence that produces ``nom``: a precondition (« Étant donné ») first."""
        candidats = [d for d in self.definitions if nom in d.besoins.produit]
        return min(candidats, key=lambda d: rang_producteur(d.type, d.phrase, d.besoins), default=None)

    def etape(self, etape: EtapeLue) -> list[str]:
        trouvees = [d for d in self.definitions if d.correspond(etape.type, etape.texte)]
        if not trouvees:
            return [self.sans_definition(etape)]
        if len(trouvees) > 1:
            lieux = ", ".join(f"{d.lieu} « {d.gabarit} »" for d in trouvees)
            return [f"étape ambiguë « {etape.texte} » : {len(trouvees)} définitions y correspondent ({lieux})"]
        try:
            trouvees[0].convertir(etape.texte)
        except ErreurParametre as exc:
            exc.situer(etape.texte)
            return [f"paramètre invalide : {exc}"]
        return []

    def sans_definition(self, etape: EtapeLue) -> str:
        message = f"étape sans définition « {etape.mot_cle} {etape.texte} »"
        autre_type = next((d for d in self.definitions if d.contexte.parser.is_matching(etape.texte)), None)
        if autre_type is not None:
            return f"{message} : cette phrase existe pour « {autre_type.mot_cle} » ({autre_type.lieu})"
        proche = self.plus_proche(etape)
        if proche is None:
            return f"{message} (aucune phrase proche dans le catalogue : recette etapes)"
        return f"{message} ; phrase la plus proche : « {proche.mot_cle} {proche.gabarit} » ({proche.lieu})"

    def plus_proche(self, etape: EtapeLue) -> Definition | None:
        """The sentence most like the step: compared with its example (a real sentence) and its pattern."""
        def score(definition: Definition) -> float:
            bonus = 0.05 if definition.type in (None, etape.type) else 0.0
            return bonus + max(_ressemblance(etape.texte, modele)
                               for modele in (definition.exemple_sans_mot_cle, definition.phrase) if modele)

        notes = sorted(((score(d), i) for i, d in enumerate(self.definitions)), reverse=True)
        if not notes or notes[0][0] < _SEUIL_PROCHE:
            return None
        return self.definitions[notes[0][1]]

    def fichiers_cites(self, texte: str) -> list[str]:
        messages = []
        for cite in _FICHIER_CITE.findall(texte):
            chemin = self.racine / cite
            if not chemin.is_file():
                messages.append(f"fichier cité introuvable : {cite}")
            elif cite.startswith("expected/") and chemin.suffix in _EXTRACTIONS and not _spec(chemin):
                messages.append(f"spécification de comparaison absente à côté de {cite} "
                                f"({Path(cite).with_suffix('.yaml').as_posix()} attendu)")
        return messages


def _ressemblance(texte: str, modele: str) -> float:
    """Mean of difflib's ratio and of the share of ``texte`` found in ``modele`` (pieces of 3
    characters or more): a short step still resembles the long sentence it abbreviates."""
    comparaison = difflib.SequenceMatcher(None, texte, modele, autojunk=False)
    couverture = sum(b.size for b in comparaison.get_matching_blocks() if b.size >= 3) / max(len(texte), 1)
    return (comparaison.ratio() + couverture) / 2


def _spec(attendu: Path) -> bool:
    from recette.donnees.spec import spec_voisine  # the same lookup as the comparison step

    return spec_voisine(attendu) is not None


def _etiquettes(scenario: ScenarioLu) -> list[Probleme]:
    exigences = (
        ("de domaine", lambda e: e in DOMAINES, ", ".join(f"@{d}" for d in sorted(DOMAINES))),
        ("de criticité", lambda e: e in CRITICITES, "@critique, @majeur ou @mineur"),
        ("d'évolution", lambda e: e.startswith("evolution:") and len(e) > len("evolution:"), "@evolution:EVO-AAAA-NNN"),
    )
    problemes = []
    for nature, est, exemples in exigences:
        if not all(any(est(e) for e in etiquettes) for etiquettes in scenario.etiquettes_par_exemple()):
            problemes.append(Probleme(scenario.fichier, scenario.ligne,
                                      f"scénario « {scenario.nom} » sans étiquette {nature} ({exemples})"))
    return problemes


def _parametres_de_plan(scenario: ScenarioLu) -> list[Probleme]:
    if not scenario.exemples:
        return []
    problemes = []
    for etape in scenario.etapes:
        for nom in re.findall(r"<([^<>]+)>", etape.texte):
            if nom not in scenario.colonnes:
                problemes.append(Probleme(scenario.fichier, etape.ligne,
                                          f"paramètre « <{nom}> » absent des colonnes des Exemples"))
    return problemes


def _doublons(scenarios: Iterable[ScenarioLu]) -> list[Probleme]:
    premiers: dict[str, ScenarioLu] = {}
    problemes = []
    for scenario in scenarios:
        premier = premiers.setdefault(scenario.nom, scenario)
        if premier is not scenario:
            problemes.append(Probleme(scenario.fichier, scenario.ligne,
                                      f"nom de scénario en double « {scenario.nom} » "
                                      f"(déjà utilisé en {premier.fichier}:{premier.ligne})"))
    return problemes


def _inutilisees(definitions: list[Definition], lues: list[FonctionnaliteLue], fichiers: list[Path],
                 racine: Path) -> list[Probleme]:
    """Definitions no scenario of the whole campaign uses (judged on ``features/`` and the files
    checked); not judged when a campaign file is unreadable (its steps are unknown)."""
    campagne = racine / CAMPAGNE
    autres = [f for f in fonctionnalites.lister([campagne]) if f not in fichiers] if campagne.is_dir() else []
    lues_autres, erreurs = fonctionnalites.lire(autres, racine)
    if erreurs or len(lues) < len(fichiers):
        return []
    utilisees: set[int] = set()
    for scenario in (s for f in [*lues, *lues_autres] for s in f.scenarios):
        for etape, _ in scenario.rendus():
            utilisees.update(i for i, d in enumerate(definitions) if d.correspond(etape.type, etape.texte))
    return [Probleme(d.fichier, d.ligne, f"définition d'étape jamais utilisée : « {d.mot_cle} {d.gabarit} »")
            for i, d in enumerate(definitions) if i not in utilisees]
