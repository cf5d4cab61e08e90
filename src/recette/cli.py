"""``recette``: the command line of recette-chorus (French help, no traceback on bad input)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from recette import selection

RESULTATS = Path("reports/allure-results")


def _analyseur() -> argparse.ArgumentParser:
    analyseur = argparse.ArgumentParser(prog="recette", description="Recette des évolutions de Chorus.")
    sous = analyseur.add_subparsers(dest="commande", required=True, metavar="COMMANDE")
    lancer = sous.add_parser("lancer", help="lancer la campagne de recette (pytest-bdd)",
                             description="Lance les scénarios de features/ contre un environnement.")
    lancer.add_argument("--env", help="environnement de recette.yaml (défaut : bac-a-sable)")
    lancer.add_argument("--tags", help="expression d'étiquettes, ex. « budget and critique »")
    lancer.add_argument("--workers", type=int, default=0, metavar="N", help="processus parallèles (pytest-xdist)")
    lancer.add_argument("--resultats", type=Path, default=RESULTATS, metavar="DOSSIER",
                        help=f"dossier des résultats Allure (défaut : {RESULTATS})")
    lancer.add_argument("chemins", nargs="*", default=["features"], help="dossiers, modules de test ou fichiers .feature (défaut : features)")
    lancer.add_argument("pytest_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    bac = sous.add_parser("bac-a-sable", help="démarrer le bac à sable Chorus",
                          description="Démarre le bac à sable Chorus (écrans et API).")
    from chorus_sandbox.cli import ajouter_options

    ajouter_options(bac)
    return analyseur


def arguments_pytest(options: argparse.Namespace, supplementaires: Sequence[str]) -> list[str]:
    """The pytest command line of a campaign."""
    args = [*selection.arguments(options.chemins), f"--alluredir={options.resultats}", "--clean-alluredir",
            "-p", "no:cacheprovider", "-o", "console_output_style=count", "-r", "fE",
            "--output=reports/playwright"]
    if options.env:
        args.append(f"--env={options.env}")
    if options.tags:
        args += ["-m", options.tags]
    if options.workers:
        args += ["-n", str(options.workers)]
    return args + list(supplementaires)


def lancer(options: argparse.Namespace, supplementaires: Sequence[str]) -> int:
    try:
        args = arguments_pytest(options, supplementaires)
    except FileNotFoundError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    print(f"Campagne de recette : pytest {' '.join(args)}", flush=True)
    code = subprocess.call([sys.executable, "-m", "pytest", *args])
    verdicts = {0: "tous les scénarios sont passés", 1: "des scénarios ont échoué", 5: "aucun scénario sélectionné"}
    print(f"\nVerdict : {verdicts.get(code, f'campagne interrompue (code {code})')}.")
    print(f"Résultats Allure : {options.resultats.resolve()}")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    avant, supplementaires = (argv[: argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv else (argv, [])
    options = _analyseur().parse_args(avant)
    if options.commande == "lancer":
        return lancer(options, supplementaires)
    from chorus_sandbox.cli import executer

    return executer(options)
