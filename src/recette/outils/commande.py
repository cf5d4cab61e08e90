"""Command lines of the scenario writers' tools: ``recette etapes``, ``recette verifier``,
``recette mutation``, and the scope options of ``recette lancer`` (``--evolution``, ``--release``,
``--liste``). Light to import: each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from recette.erreurs import ErreurRecette

COMMANDES = ("etapes", "verifier", "mutation", "stabilite")
_SORTIE_MUTATION = Path("reports/mutation")


def ajouter_commandes(sous: argparse._SubParsersAction) -> None:
    etapes = sous.add_parser("etapes", help="catalogue des phrases disponibles pour écrire les scénarios",
                             description="Liste chaque phrase d'étape : mot-clé, phrase et paramètres typés, "
                                         "description, exemple, domaine.")
    etapes.add_argument("--format", choices=("texte", "json", "html"), default="texte",
                        help="texte (défaut), json (une liste d'objets) ou html (une page avec recherche)")
    etapes.add_argument("--sortie", type=Path, metavar="FICHIER", help="écrire dans FICHIER (défaut : la sortie standard)")
    verifier = sous.add_parser("verifier", help="vérifier les fichiers de fonctionnalité sans les exécuter",
                               description="Syntaxe Gherkin, étapes sans définition ou ambiguës, paramètres "
                                           "illisibles, étiquettes obligatoires, scénarios en double, étapes "
                                           "inutilisées, fichiers attendus absents. Un problème par ligne "
                                           "« fichier:ligne: message ». Code de sortie : 0 aucun problème, "
                                           "1 problèmes, 2 vérification impossible.")
    verifier.add_argument("chemins", nargs="*", default=["features"],
                          help="dossiers ou fichiers .feature (défaut : features)")
    verifier.add_argument("--env", metavar="ENV",
                          help="lister aussi les scénarios qui ne peuvent pas se jouer sur cet environnement de "
                               "recette.yaml (sans API du bac à sable) et pourquoi")
    mutation = sous.add_parser("mutation", help="prouver que la recette détecte chaque défaut du bac à sable",
                               description="Lance la campagne une fois sans défaut, en enregistrant les règles "
                                           "du bac à sable que chaque scénario atteint, puis, pour chaque défaut "
                                           "catalogué, les seuls scénarios qui atteignent sa règle (--complet : "
                                           "toute la campagne) ; affiche la matrice défauts × scénarios, le taux "
                                           "de détection, les règles et les refus qu'aucun scénario n'atteint. "
                                           "Code de sortie : 0 tous les défauts détectés, 1 au moins un non "
                                           "détecté, 2 mesure impossible.")
    mutation.add_argument("--defauts", metavar="NOM,…", help="défauts à activer (défaut : tout le catalogue, "
                                                             "voir recette bac-a-sable --defauts liste)")
    mutation.add_argument("--tags", help="expression d'étiquettes restreignant la campagne, ex. « critique »")
    mutation.add_argument("--workers", type=int, default=0, metavar="N", help="processus parallèles par campagne")
    mutation.add_argument("--complet", action="store_true",
                          help="lancer toute la campagne pour chaque défaut, sans trace des règles (plus long)")
    mutation.add_argument("--temoins", type=int, default=0, metavar="N",
                          help="guidée : lancer aussi, pour chaque défaut, N scénarios que le guidage écarte, tirés "
                               "au sort (toujours les mêmes) ; un témoin en échec montre un défaut que le guidage a "
                               "manqué (code de sortie 1)")
    mutation.add_argument("--format", choices=("texte", "json"), default="texte",
                          help="texte (défaut) ou json (un objet : defauts, detectes, taux, non_detectes ; guidée : "
                               "aussi regles_jamais_atteintes, refus_jamais_atteints…)")
    mutation.add_argument("--sortie", type=Path, default=_SORTIE_MUTATION, metavar="DOSSIER",
                          help=f"résultats de chaque campagne (défaut : {_SORTIE_MUTATION})")
    mutation.add_argument("chemins", nargs="*", default=["features"],
                          help="dossiers ou fichiers .feature de la campagne (défaut : features)")
    stabilite = sous.add_parser("stabilite", help="lancer la même campagne plusieurs fois et lister les verdicts qui "
                                                  "changent",
                                description="Lance N fois de suite la campagne sur le même code (bac à sable, sans "
                                            "défaut) et liste chaque scénario dont le verdict a changé, avec ses "
                                            "verdicts campagne par campagne et la cause de chaque échec. Code de "
                                            "sortie : 0 aucun verdict changé, 1 au moins un, 2 mesure impossible.")
    stabilite.add_argument("--repetitions", type=int, default=10, metavar="N", help="nombre de campagnes (défaut 10)")
    stabilite.add_argument("--tags", help="expression d'étiquettes restreignant la campagne, ex. « critique »")
    stabilite.add_argument("--workers", type=int, default=0, metavar="N", help="processus parallèles par campagne")
    stabilite.add_argument("--format", choices=("texte", "json"), default="texte", help="texte (défaut) ou json")
    stabilite.add_argument("--sortie", type=Path, default=Path("reports/stabilite"), metavar="DOSSIER",
                           help="résultats de chaque campagne (défaut : reports/stabilite)")
    stabilite.add_argument("chemins", nargs="*", default=["features"],
                           help="dossiers ou fichiers .feature de la campagne (défaut : features)")


def ajouter_options_lancer(lancer: argparse.ArgumentParser) -> None:
    lancer.add_argument("--evolution", action="append", metavar="EVO",
                        help="les scénarios de cette évolution (@evolution:EVO), plus les @critique ; répétable")
    lancer.add_argument("--release", metavar="RELEASE",
                        help="les scénarios des évolutions de la release (clé « releases » de recette.yaml), "
                             "plus les @critique")
    lancer.add_argument("--liste", action="store_true", help="afficher les scénarios qui seraient lancés, sans les lancer")


def executer(options: argparse.Namespace) -> int:
    try:
        if options.commande == "etapes":
            return _etapes(options)
        if options.commande == "verifier":
            return _verifier(options)
        if options.commande == "stabilite":
            return _stabilite(options)
        return _mutation(options)
    except ErreurRecette as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2


def _etapes(options: argparse.Namespace) -> int:
    from recette.outils.catalogue import rendre
    from recette.outils.definitions import charger

    texte = rendre(charger(Path.cwd()), options.format)
    if options.sortie:
        options.sortie.parent.mkdir(parents=True, exist_ok=True)
        options.sortie.write_text(texte, encoding="utf-8")
        print(f"Catalogue des phrases : {options.sortie}", file=sys.stderr)
    else:
        sys.stdout.write(texte)
    return 0


def _verifier(options: argparse.Namespace) -> int:
    from recette.outils.verifier import verifier

    environnement = None
    if options.env:
        from recette import config

        environnement = config.charger(Path.cwd() / config.FICHIER).environnement(options.env)
    verification = verifier(options.chemins, Path.cwd(), environnement)
    sys.stdout.write(verification.texte() + verification.texte_non_jouables())
    print(verification.resume(), file=sys.stderr)
    return 1 if verification.problemes else 0


def _stabilite(options: argparse.Namespace) -> int:
    from recette.outils import mutation, stabilite
    from recette.outils.fonctionnalites import ErreurOutil

    if options.repetitions < 2:
        raise ErreurOutil("--repetitions : au moins 2 campagnes pour comparer des verdicts")
    campagne = mutation.Campagne(options.chemins, options.tags, options.workers)
    bilan = stabilite.mesurer(options.repetitions, campagne, options.sortie,
                              lambda ligne: print(ligne, file=sys.stderr, flush=True))
    sys.stdout.write(stabilite.en_json(bilan) if options.format == "json" else stabilite.en_texte(bilan))
    return 1 if bilan.instables else 0


def _mutation(options: argparse.Namespace) -> int:
    from recette.outils import mutation

    defauts = mutation.choisir_defauts(options.defauts)
    campagne = mutation.Campagne(options.chemins, options.tags, options.workers, temoins=options.temoins)
    matrice = mutation.mesurer(defauts, campagne, options.sortie, lambda ligne: print(ligne, file=sys.stderr, flush=True),
                               guidee=not options.complet)
    sys.stdout.write(mutation.en_json(matrice) if options.format == "json" else mutation.en_texte(matrice))
    return 0 if not matrice.non_detectes and not any(matrice.temoins_en_echec.values()) else 1


# --- recette lancer --evolution / --release / --liste -------------------------------------------
def evolutions_demandees(options: argparse.Namespace) -> list[str] | None:
    """The evolutions ``--evolution`` and ``--release`` ask for (None: no selection by change);
    an unknown release or evolution is a French error."""
    demandees = [e.strip() for texte in (getattr(options, "evolution", None) or []) for e in texte.split(",") if e.strip()]
    release = getattr(options, "release", None)
    if not demandees and not release:
        return None
    couvertes = evolutions_couvertes()
    inconnues = [e for e in demandees if e not in couvertes]
    if inconnues:
        raise ErreurRecette(f"évolution inconnue : {', '.join(inconnues)} (aucun scénario ne porte "
                            f"@evolution:{inconnues[0]} ; évolutions couvertes : {', '.join(sorted(couvertes))})")
    if release:
        de_la_release = _evolutions_de_la_release(release)
        sans_scenario = [e for e in de_la_release if e not in couvertes]
        if sans_scenario:
            print(f"Attention : évolution(s) de la release {release} couverte(s) par aucun scénario : "
                  f"{', '.join(sans_scenario)}", file=sys.stderr)
        demandees += de_la_release
    return list(dict.fromkeys(demandees))


def _evolutions_de_la_release(release: str) -> list[str]:
    from recette import config

    configuration = config.charger(Path(config.FICHIER))
    if release not in configuration.releases:
        connues = ", ".join(configuration.releases) or "aucune"
        raise ErreurRecette(f"release inconnue « {release} » (releases de {config.FICHIER}, clé « releases » : "
                            f"{connues})")
    return list(configuration.releases[release])


def evolutions_couvertes(dossier: Path = Path("features")) -> set[str]:
    """The evolutions the campaign's scenarios are tagged with (unreadable files are skipped)."""
    from recette.outils import fonctionnalites

    lues, _ = fonctionnalites.lire(fonctionnalites.lister([dossier]) if dossier.is_dir() else [], Path.cwd())
    return {e.partition(":")[2] for f in lues for s in f.scenarios for t in s.etiquettes_par_exemple() for e in t
            if e.startswith("evolution:")}


def lister_scenarios(options: argparse.Namespace, supplementaires: Sequence[str]) -> int:
    """``recette lancer --liste``: pytest collects (nothing runs, no result is written), we print."""
    from recette.cli import arguments_pytest
    from recette.perimetre import formater

    options.workers = 0
    ecrits = ("--alluredir", "--clean-alluredir", "--junitxml", "--output")
    args = [a for a in arguments_pytest(options, supplementaires) if not a.startswith(ecrits)]
    with tempfile.TemporaryDirectory() as dossier:
        fichier = Path(dossier) / "liste.json"
        fini = subprocess.run([sys.executable, "-m", "pytest", *args, "--collect-only", "-q",
                               f"--recette-liste={fichier}"], capture_output=True, text=True, check=False)
        if fini.returncode not in (0, 5) or not fichier.exists():
            sys.stderr.write(fini.stdout[-3000:] + fini.stderr[-3000:])
            print(f"Erreur : la sélection des scénarios a échoué (pytest, code {fini.returncode})", file=sys.stderr)
            return 2
        sys.stdout.write(formater(json.loads(fichier.read_text(encoding="utf-8"))))
    return 0
