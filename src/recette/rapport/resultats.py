"""Allure results of one campaign, possibly run in shards: read, merged, one line per scenario.

A campaign is one or more Allure results directories (``recette lancer --shard I/N`` on N
machines gives N of them). They are merged into one directory (file names are UUIDs, so they
never collide; ``environment.properties`` is merged key by key), then read into
:class:`Resultat` objects: the last attempt of each scenario, with the number of retries before it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recette.erreurs import ErreurRecette

PROPRIETES = "environment.properties"
STATUTS = {"passed": "Réussi", "failed": "Échoué", "broken": "Cassé", "skipped": "Ignoré", "unknown": "Inconnu"}
#: Allure severity label -> Gherkin criticality tag (the reverse of ``recette.etiquettes``).
CRITICITES = {"critical": "critique", "blocker": "critique", "normal": "majeur", "minor": "mineur",
              "trivial": "mineur"}
NON_QUALIFIEE = "non qualifiée"
SANS_DOMAINE = "Sans domaine"


class ErreurResultats(ErreurRecette):
    """The results directories cannot make a campaign (missing, empty, unreadable file)."""


@dataclass(frozen=True)
class PieceJointe:
    """A file attached to a step (screenshot, page HTML, trace, gaps of a comparison)."""

    nom: str
    source: str  # file name inside the results directory
    type: str
    etape: str  # the step it is attached to ("" at scenario level)


@dataclass(frozen=True)
class Resultat:
    """The final attempt of one scenario (one line of an outline's examples)."""

    uuid: str
    nom: str
    nom_complet: str
    historique: str  # Allure historyId: scenario + parameters
    cas: str  # Allure testCaseId: scenario
    statut: str
    debut: int  # ms since the epoch
    fin: int
    domaine: str
    fonctionnalite: str
    criticite: str
    evolution: str
    anomalie: str  # @anomalie:ANO-… tag, "" when none
    parametres: tuple[tuple[str, str], ...] = ()
    message: str = ""
    trace: str = ""
    etape_en_echec: str = ""
    pieces_jointes: tuple[PieceJointe, ...] = ()
    reessais: int = 0
    nature: str = ""  # id of the failure's category, written by the campaign ("" in older results)
    scenario: str = ""  # features/x.feature:12:test_nom[exemple], in a traced run (recette mutation)

    @property
    def duree_ms(self) -> int:
        return max(0, self.fin - self.debut)

    @property
    def libelle(self) -> str:
        """The scenario's name, followed by its example values for an outline."""
        return self.nom + "".join(f" [{valeur}]" for _, valeur in self.parametres)

    @property
    def en_echec(self) -> bool:
        return self.statut in ("failed", "broken")

    @property
    def statut_fr(self) -> str:
        return STATUTS.get(self.statut, self.statut)


@dataclass
class Campagne:
    """Every scenario of a campaign (last attempts), its environment block and its files."""

    dossier: Path  # the merged results directory
    resultats: list[Resultat]
    environnement: dict[str, str] = field(default_factory=dict)
    tentatives: int = 0  # result files read, retries included
    doublons: list[str] = field(default_factory=list)  # scenarios found in several shards

    @property
    def debut(self) -> int:
        return min((r.debut for r in self.resultats if r.debut), default=0)

    @property
    def fin(self) -> int:
        return max((r.fin for r in self.resultats), default=0)

    def compter(self) -> dict[str, int]:
        comptes = dict.fromkeys(STATUTS, 0)
        for resultat in self.resultats:
            comptes[resultat.statut] = comptes.get(resultat.statut, 0) + 1
        return comptes


# --- Merging ---------------------------------------------------------------------------------
def fusionner(dossiers: Sequence[Path], destination: Path) -> Path:
    """Copy every results directory into ``destination`` (one campaign); merge the properties."""
    verifier_dossiers(dossiers)
    destination.mkdir(parents=True, exist_ok=True)
    proprietes: list[dict[str, str]] = []
    for dossier in dossiers:
        for fichier in sorted(dossier.iterdir()):
            if fichier.name == PROPRIETES:
                proprietes.append(lire_proprietes(fichier))
            elif fichier.is_file():
                shutil.copy2(fichier, destination / fichier.name)
    ecrire_proprietes(destination / PROPRIETES, fusionner_proprietes(proprietes))
    return destination


def verifier_dossiers(dossiers: Sequence[Path]) -> None:
    if not dossiers:
        raise ErreurResultats("aucun dossier de résultats donné")
    for dossier in dossiers:
        if not dossier.is_dir():
            raise ErreurResultats(f"{dossier} : dossier de résultats introuvable (lancer d'abord « recette lancer »)")
        if not any(dossier.glob("*-result.json")):
            raise ErreurResultats(f"{dossier} : aucun résultat de scénario (*-result.json)")


def fusionner_proprietes(blocs: Iterable[dict[str, str]]) -> dict[str, str]:
    """Key by key; a key whose value differs between shards keeps every distinct value."""
    fusion: dict[str, list[str]] = {}
    for bloc in blocs:
        for cle, valeur in bloc.items():
            valeurs = fusion.setdefault(cle, [])
            if valeur not in valeurs:
                valeurs.append(valeur)
    return {cle: (valeurs[0] if cle == "Date" else ", ".join(valeurs)) for cle, valeurs in fusion.items()}


def lire_proprietes(fichier: Path) -> dict[str, str]:
    """A ``.properties`` file as written by the framework (``Release.Chorus`` reads ``Release Chorus``)."""
    proprietes: dict[str, str] = {}
    for ligne in fichier.read_text(encoding="utf-8").splitlines():
        if not ligne.strip() or ligne.lstrip().startswith(("#", "!")) or "=" not in ligne:
            continue
        cle, valeur = _separer(ligne)
        proprietes[cle.replace("\\ ", " ").replace(".", " ").strip()] = valeur.replace("\\\\", "\\").strip()
    return proprietes


def _separer(ligne: str) -> tuple[str, str]:
    position = 0
    while True:
        position = ligne.index("=", position)
        if position == 0 or ligne[position - 1] != "\\":
            return ligne[:position], ligne[position + 1:]
        position += 1


def ecrire_proprietes(fichier: Path, proprietes: dict[str, str]) -> None:
    """Write keys with escaped spaces (``Release\\ Chorus``), so that Allure shows them as written."""
    def echapper(texte: str, cle: bool) -> str:
        texte = texte.replace("\\", "\\\\").replace("\n", " ")
        return texte.replace(" ", "\\ ").replace("=", "\\=").replace(":", "\\:") if cle else texte

    fichier.write_text("".join(f"{echapper(c, True)}={echapper(v, False)}\n" for c, v in proprietes.items()),
                       encoding="utf-8")


# --- Reading ---------------------------------------------------------------------------------
def charger(dossier: Path, origines: dict[str, Path] | None = None) -> Campagne:
    """The campaign of one (merged) results directory: last attempt per scenario."""
    bruts = [_lire_json(f) for f in sorted(dossier.glob("*-result.json"))]
    par_scenario: dict[str, list[dict[str, Any]]] = {}
    for brut in bruts:
        par_scenario.setdefault(_cle(brut), []).append(brut)
    resultats = [_resultat(tentatives) for tentatives in par_scenario.values()]
    resultats.sort(key=lambda r: (r.domaine, r.fonctionnalite, r.nom_complet, r.libelle))
    proprietes = dossier / PROPRIETES
    environnement = lire_proprietes(proprietes) if proprietes.exists() else {}
    return Campagne(dossier, resultats, environnement, len(bruts), _doublons(par_scenario, origines or {}))


def charger_dossiers(dossiers: Sequence[Path], destination: Path) -> Campagne:
    """Merge ``dossiers`` into ``destination`` and read the campaign (duplicates across shards noted)."""
    origines = {f.name: d for d in dossiers for f in d.glob("*-result.json")} if len(dossiers) > 1 else {}
    return charger(fusionner(dossiers, destination), origines)


def _lire_json(fichier: Path) -> dict[str, Any]:
    try:
        donnees = json.loads(fichier.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ErreurResultats(f"{fichier} : résultat Allure illisible ({exc})") from None
    if not isinstance(donnees, dict):
        raise ErreurResultats(f"{fichier} : un objet JSON est attendu")
    donnees["_fichier"] = fichier.name
    return donnees


def _cle(brut: dict[str, Any]) -> str:
    return str(brut.get("historyId") or brut.get("fullName") or brut.get("uuid") or brut["_fichier"])


def _doublons(par_scenario: dict[str, list[dict[str, Any]]], origines: dict[str, Path]) -> list[str]:
    """Scenarios whose attempts come from more than one shard: the split was not the same everywhere."""
    if not origines:
        return []
    return sorted(str(tentatives[-1].get("name", cle)) for cle, tentatives in par_scenario.items()
                  if len({origines.get(t["_fichier"]) for t in tentatives}) > 1)


def _resultat(tentatives: list[dict[str, Any]]) -> Resultat:
    tentatives = sorted(tentatives, key=lambda b: (b.get("stop") or 0, b.get("start") or 0))
    brut = tentatives[-1]
    etiquettes = _etiquettes(brut)
    details = brut.get("statusDetails") or {}
    etape, pieces = _echec(brut)
    return Resultat(
        uuid=str(brut.get("uuid", "")), nom=str(brut.get("name", "Sans nom")), nom_complet=str(brut.get("fullName", "")),
        historique=_cle(brut), cas=str(brut.get("testCaseId", "")), statut=str(brut.get("status", "unknown")),
        debut=int(brut.get("start") or 0), fin=int(brut.get("stop") or brut.get("start") or 0),
        domaine=etiquettes.get("epic", SANS_DOMAINE), fonctionnalite=etiquettes.get("feature", ""),
        criticite=CRITICITES.get(etiquettes.get("severity", ""), NON_QUALIFIEE),
        evolution=etiquettes.get("evolution", ""), anomalie=etiquettes.get("anomalie", ""),
        parametres=tuple((str(p.get("name", "")), str(p.get("value", ""))) for p in brut.get("parameters") or []),
        message=str(details.get("message") or ""), trace=str(details.get("trace") or ""),
        etape_en_echec=etape, pieces_jointes=pieces, reessais=len(tentatives) - 1,
        nature=etiquettes.get("nature", ""), scenario=etiquettes.get("scenario", ""))


def _etiquettes(brut: dict[str, Any]) -> dict[str, str]:
    """First value of each label (a scenario has one domain, one criticality, one evolution)."""
    valeurs: dict[str, str] = {}
    for etiquette in brut.get("labels") or []:
        valeurs.setdefault(str(etiquette.get("name", "")), str(etiquette.get("value", "")))
    return valeurs


def _echec(brut: dict[str, Any]) -> tuple[str, tuple[PieceJointe, ...]]:
    """The failing step (the deepest one not passed) and every attachment of the scenario."""
    etape = ""
    for pas in _etapes(brut.get("steps") or []):
        if pas.get("status") in ("failed", "broken") and not etape:
            etape = str(pas.get("name", ""))
    pieces = [PieceJointe(str(a.get("name", "")), str(a.get("source", "")), str(a.get("type", "")), nom)
              for nom, a in _pieces(brut, "")]
    return etape, tuple(p for p in pieces if p.source)


def _etapes(etapes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for pas in etapes:
        yield from _etapes(pas.get("steps") or [])
        yield pas


def _pieces(noeud: dict[str, Any], nom: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for piece in noeud.get("attachments") or []:
        yield nom, piece
    for pas in noeud.get("steps") or []:
        yield from _pieces(pas, str(pas.get("name", "")))
