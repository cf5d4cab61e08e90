"""``recette rapport``: from the campaign's results to the deliverable and the go / no-go.

Exit code: 0 go (recette prononcée, with or without reserves), 1 no-go (ajournée), 2 when the
report cannot be built (no results, Allure missing, invalid configuration), 3 non concluante (more
scenarios to correct than ``porte_qualite.erreurs_scenario`` tolerates; see :mod:`recette.rapport.porte`).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recette.erreurs import ErreurRecette

if TYPE_CHECKING:  # the heavy modules are imported when the command runs, not when it is parsed
    from recette.rapport.allure import RapportAllure
    from recette.rapport.synthese import Bilan

RESULTATS = Path("reports/allure-results")
SORTIE = Path("reports")
HISTORIQUE = Path("reports/historique/historique.jsonl")


@dataclass(frozen=True)
class Production:
    """What ``recette rapport`` produced, for the console and the tests."""

    livrable: Path
    rapport: Path
    pv: Path
    cahier: Path
    code: int
    resume: str
    octets_rapport: int
    secondes_rapport: float


def ajouter_options(analyseur: argparse.ArgumentParser) -> None:
    analyseur.add_argument("--resultats", type=Path, nargs="+", default=[RESULTATS], metavar="DOSSIER",
                           help=f"dossier(s) de résultats Allure, un par tranche (défaut : {RESULTATS})")
    analyseur.add_argument("--sortie", type=Path, default=SORTIE, metavar="DOSSIER",
                           help=f"où écrire le rapport, le PV, le cahier et le livrable (défaut : {SORTIE})")
    analyseur.add_argument("--release", metavar="R", help="release Chorus recettée (défaut : celle de l'environnement visé)")
    analyseur.add_argument("--historique", type=Path, default=HISTORIQUE, metavar="FICHIER",
                           help=f"historique Allure des campagnes, pour les tendances (défaut : {HISTORIQUE})")
    analyseur.add_argument("--anomalies", type=Path, metavar="FICHIER",
                           help="anomalies connues (défaut : « anomalies_connues » de recette.yaml)")
    analyseur.add_argument("--config", type=Path, metavar="FICHIER", help="fichier de configuration (défaut : recette.yaml)")


def executer(options: argparse.Namespace) -> int:
    try:
        production = produire(options)
    except ErreurRecette as exc:
        print(f"recette rapport : erreur : {exc}", file=sys.stderr)
        return 2
    print(production.resume)
    return production.code


def preparer(options: argparse.Namespace, racine: Path, travail: Path) -> tuple[Bilan, dict[str, Any]]:
    """Merge the results into ``travail``, match known issues, apply the gate: the balance sheet,
    and the campaign's settings for Allure."""
    from recette import config as configuration_recette
    from recette.rapport import anomalies, environnement, fiches, porte, resultats
    from recette.rapport.categories import pour_allure as categories_allure
    from recette.rapport.synthese import Bilan

    configuration = configuration_recette.charger(options.config or racine / configuration_recette.FICHIER)
    campagne = resultats.charger_dossiers(list(options.resultats), travail / "resultats")
    declarees = anomalies.lire(options.anomalies or configuration.anomalies_connues)
    connues = anomalies.associer(campagne.resultats, declarees, campagne.environnement.get("Environnement", ""))
    release = environnement.release(campagne, options.release)
    decision = porte.evaluer(campagne.resultats, connues, configuration.porte_qualite)
    bloc = {**environnement.bloc(campagne, release, racine), "Porte qualité": decision.resume()}
    resultats.ecrire_proprietes(campagne.dossier / resultats.PROPRIETES, bloc)
    bilan = Bilan(campagne, release, bloc, decision, fiches.etablir(campagne.resultats, connues), connues)
    reglages: dict[str, Any] = {"name": f"Recette Chorus — {release}", "categories": categories_allure()}
    resolutions = anomalies.pour_allure(campagne.resultats, connues, configuration.liens.get("anomalie"))
    if resolutions:
        reglages["resolutions"] = {**resolutions, "knownIssuesPath": str(travail / "anomalies-connues.json")}
    return bilan, reglages


def produire(options: argparse.Namespace, racine: Path | None = None) -> Production:
    """Build everything; the heavy modules are imported here, not when the CLI is parsed."""
    from recette.navigateur import chemin_chromium
    from recette.rapport import allure, cahier, livrable

    racine = (racine or Path.cwd()).resolve()
    sortie: Path = options.sortie
    with tempfile.TemporaryDirectory(prefix="recette-rapport-") as dossier_travail:
        travail = Path(dossier_travail)
        bilan, reglages = preparer(options, racine, travail)
        rapport = allure.generer(racine, bilan.campagne.dossier, sortie / "rapport", options.historique, reglages,
                                 travail)
        fichier_pv = _pv(bilan, sortie / livrable.PV, chemin_chromium())
        fichier_cahier = cahier.ecrire(bilan, sortie / livrable.CAHIER)
        documents = {livrable.RAPPORT: rapport.fichier, livrable.PV: fichier_pv, livrable.CAHIER: fichier_cahier}
        zip_ = livrable.ecrire(bilan, sortie, documents, _junits(options.resultats))
    resume = _resume(bilan, rapport, fichier_pv, fichier_cahier, zip_)
    return Production(zip_.resolve(), rapport.fichier, fichier_pv, fichier_cahier, bilan.decision.code, resume,
                      rapport.octets, rapport.secondes)


def _pv(bilan: Bilan, destination: Path, chromium: str | None) -> Path:
    from playwright.sync_api import Error as ErreurPlaywright

    from recette.rapport import pv

    try:
        return pv.ecrire(bilan, destination, chromium)
    except ErreurPlaywright as exc:
        raise ErreurRecette(f"le PV n'a pas pu être imprimé en PDF par Chromium ({chromium or 'Playwright'}) : "
                            f"{str(exc).splitlines()[0]}") from None


def _junits(dossiers: list[Path]) -> list[Path]:
    """``junit.xml`` written next to each results directory by ``recette lancer``."""
    vus: list[Path] = []
    for dossier in dossiers:
        junit = dossier.resolve().parent / "junit.xml"
        if junit.is_file() and junit not in vus:
            vus.append(junit)
    return vus


def _resume(bilan: Bilan, rapport: RapportAllure, pv_: Path, cahier_: Path, zip_: Path) -> str:
    t = bilan.total
    lignes = [(f"Recette Chorus — {bilan.release} : {t.total} scénarios, {t.reussis} réussis, "
              f"{t.ouverts} anomalie(s) ouverte(s), {t.connues} anomalie(s) connue(s), {t.ignores} ignoré(s)")]
    lignes += [f"  {nom} : {ouvertes} ouverte(s), {connues} connue(s)"
               for nom, ouvertes, connues in bilan.par_categorie() if ouvertes or connues]
    if t.a_corriger:
        lignes.append(f"  Scénarios à corriger (erreur du scénario, pas une anomalie de Chorus) : {t.a_corriger}")
        lignes += [f"    {s.resultat.libelle} — « {s.etape} » : {s.cause}" for s in bilan.a_corriger]
    if bilan.campagne.doublons:
        lignes.append(f"Avertissement : {len(bilan.campagne.doublons)} scénario(s) présent(s) dans plusieurs "
                      "tranches : " + " ; ".join(bilan.campagne.doublons))
    taille = f"{rapport.octets / 1e6:.1f} Mo, généré en {rapport.secondes:.1f} s".replace(".", ",")
    return "\n".join([*lignes, f"Rapport Allure : {rapport.fichier} ({taille})", f"PV de recette : {pv_}",
                      f"Cahier de recette : {cahier_}", f"Livrable : {zip_.resolve()}",
                      f"Porte qualité : {bilan.decision.resume()}"])
