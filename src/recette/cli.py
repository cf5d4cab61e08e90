"""``recette``: the command line of recette-chorus (French help, no traceback on bad input)."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

RESULTATS = Path("reports/allure-results")

# argparse speaks English; the messages a tester may see are translated here.
_TRADUCTIONS = (
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"unrecognized arguments: (.*)", r"arguments inconnus : \1"),
    (r"argument (\S+): invalid choice: '?([^']*)'? \(choose from (.*)\)", r"argument \1 : choix invalide « \2 » (choix possibles : \3)"),
    (r"argument (\S+): expected one argument", r"argument \1 : une valeur est attendue"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"argument \1 : valeur invalide \3"),
)


class AnalyseurFrancais(argparse.ArgumentParser):
    """argparse with French usage, help headings and error messages (exit code 2 kept)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        for motif, francais in _TRADUCTIONS:
            message = re.sub(motif, francais, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "utilisation : ", 1)

    def format_help(self) -> str:
        aide = super().format_help().replace("usage: ", "utilisation : ", 1)
        for anglais, francais in (("positional arguments:", "arguments :"), ("options:", "options :"),
                                  ("show this help message and exit", "afficher cette aide et quitter")):
            aide = aide.replace(anglais, francais)
        return aide


def _analyseur(commande: str | None = None) -> argparse.ArgumentParser:
    analyseur = AnalyseurFrancais(prog="recette", description="Recette des évolutions de Chorus.")
    sous = analyseur.add_subparsers(dest="commande", required=True, metavar="COMMANDE")
    lancer = sous.add_parser("lancer", help="lancer la campagne de recette (pytest-bdd)",
                             description="Lance les scénarios de features/ contre un environnement.")
    lancer.add_argument("--env", help="environnement de recette.yaml (défaut : bac-a-sable)")
    lancer.add_argument("--tags", help="expression d'étiquettes, ex. « budget and critique »")
    lancer.add_argument("--workers", type=int, default=0, metavar="N", help="processus parallèles (pytest-xdist)")
    lancer.add_argument("--shard", type=_tranche, metavar="I/N",
                        help="n'exécuter que la tranche I sur N (une machine d'intégration continue par tranche)")
    lancer.add_argument("--resultats", type=Path, default=RESULTATS, metavar="DOSSIER",
                        help=f"dossier des résultats Allure (défaut : {RESULTATS})")
    from recette.outils.commande import ajouter_commandes, ajouter_options_lancer

    ajouter_options_lancer(lancer)
    lancer.add_argument("chemins", nargs="*", default=["features"], help="dossiers, modules de test ou fichiers .feature (défaut : features)")
    bac = sous.add_parser("bac-a-sable", help="démarrer le bac à sable Chorus",
                          description="Démarre le bac à sable Chorus (écrans et API).")
    if commande == "bac-a-sable":  # the sandbox (FastAPI…) is imported only when it is asked for
        from chorus_sandbox.cli import ajouter_options

        ajouter_options(bac)
    rapport = sous.add_parser(
        "rapport", help="rapport Allure, PV de recette, cahier et livrable ; porte qualité",
        description="Fusionne les résultats (une ou plusieurs tranches), génère le rapport Allure, le PV de "
                    "recette (PDF), le cahier de recette (XLSX) et le livrable (ZIP), puis applique la porte "
                    "qualité. Code de sortie : 0 recette prononcée (avec ou sans réserves), 1 ajournée, "
                    "2 rapport impossible, 3 non concluante (scénarios à corriger).")
    if commande == "rapport":  # its options bring the report's modules (yaml, dates…)
        from recette.rapport.commande import ajouter_options as options_rapport

        options_rapport(rapport)
    comparer = sous.add_parser(
        "comparer", help="comparer une extraction obtenue à l'attendu",
        description="Compare une restitution Chorus obtenue (CSV ou XLSX) à l'attendu, ligne à ligne par "
                    "clé. Code de sortie : 0 conformes, 1 écarts, 2 entrée invalide.")
    if commande == "comparer":  # pyarrow and numpy only for the command that needs them
        from recette.donnees.commande import ajouter_options as options_comparer

        options_comparer(comparer)
    ajouter_commandes(sous)
    documenter = sous.add_parser(
        "documenter", help="documentation utilisateur écrite à partir des scénarios exécutés : modes opératoires, "
                           "fiches des écrans, note de version, diapositives",
        description="Exécute les scénarios choisis en enregistrant les écrans, puis écrit par fonctionnalité un "
                    "mode opératoire en français (prérequis, instructions numérotées avec l'élément à l'écran "
                    "encadré, résultat attendu) et les fiches descriptives des écrans visités ; avec --note, "
                    "la note de version d'une release ; avec --format diapositives, un support de formation. "
                    "Code de sortie : 0 écrit, 1 écrit avec des scénarios en échec (marqués comme tels), "
                    "2 rien d'écrit.")
    if commande == "documenter":
        from recette.documentation.commande import ajouter_options as options_documenter

        options_documenter(documenter)
    enregistrer = sous.add_parser(
        "enregistrer", help="enregistrer les clics dans une application UI5 : sélecteurs, page object, phrases",
        description="Ouvre l'application UI5 (Fiori) à l'adresse donnée ; chaque appui et chaque saisie s'affiche "
                    "aussitôt : le sélecteur de contrôle trouvé par UI5, la ligne de page object qui le rejoue et "
                    "la phrase « Quand » du catalogue la plus proche. Fin à la fermeture de la fenêtre, sur Ctrl-C "
                    "ou après --duree. Code de sortie : 0 enregistré, 2 adresse injoignable ou sans UI5.")
    if commande == "enregistrer":  # Playwright only for the command that needs it
        from recette.ui5.enregistreur import ajouter_options as options_enregistrer

        options_enregistrer(enregistrer)
    return analyseur


def arguments_pytest(options: argparse.Namespace, supplementaires: Sequence[str]) -> list[str]:
    """The pytest command line of a campaign: no traceback on the console (they are in the
    report), one line per failure at the end instead (``--recette-resume``)."""
    from recette import selection

    args = [*selection.arguments(options.chemins), f"--alluredir={options.resultats}", "--clean-alluredir",
            "-p", "no:cacheprovider", "-o", "console_output_style=count", "--tb=no", "-rN", "--recette-resume",
            "--output=reports/playwright"]
    if options.env:
        args.append(f"--env={options.env}")
    if options.tags:
        args += ["-m", options.tags]
    if options.workers:
        args += ["-n", str(options.workers)]
    if getattr(options, "shard", None):
        args.append(f"--recette-shard={options.shard}")
    if getattr(options, "evolutions", None) is not None:
        args.append(f"--recette-evolutions={','.join(options.evolutions)}")
    # JUnit XML for the CI systems, next to (not inside) the Allure results
    args += [f"--junitxml={Path(options.resultats).parent / 'junit.xml'}", "-o", "junit_suite_name=recette-chorus"]
    return args + list(supplementaires)


def _tranche(texte: str) -> str:
    from recette.shards import lire_tranche

    try:
        lire_tranche(texte)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return texte.strip()


def lancer(options: argparse.Namespace, supplementaires: Sequence[str]) -> int:
    from recette.erreurs import ErreurRecette
    from recette.outils.commande import evolutions_demandees, lister_scenarios

    try:
        options.evolutions = evolutions_demandees(options)
        if options.liste:
            return lister_scenarios(options, supplementaires)
        args = arguments_pytest(options, supplementaires)
    except (FileNotFoundError, ErreurRecette) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    print(f"Campagne de recette : pytest {' '.join(args)}", flush=True)
    code = subprocess.call([sys.executable, "-m", "pytest", *args])
    verdicts = {0: "tous les scénarios sont passés", 1: "des scénarios ont échoué", 5: "aucun scénario sélectionné"}
    print(f"\nVerdict : {verdicts.get(code, f'campagne interrompue (code {code})')}.")
    print(f"Résultats Allure : {options.resultats.resolve()}")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _commande(argv)
    except BrokenPipeError:  # `recette etapes | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _commande(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    avant, supplementaires = (argv[: argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv else (argv, [])
    commande = next((a for a in avant if not a.startswith("-")), None)
    options = _analyseur(commande).parse_args(avant)
    if options.commande == "lancer":
        return lancer(options, supplementaires)
    if options.commande == "rapport":
        from recette.rapport.commande import executer as rapport

        return rapport(options)
    if options.commande == "comparer":
        from recette.donnees.commande import executer as comparer

        return comparer(options)
    if options.commande == "enregistrer":
        from recette.ui5.enregistreur import executer as enregistrer

        return enregistrer(options)
    if options.commande == "documenter":
        from recette.documentation.commande import executer as documenter

        return documenter(options)
    if options.commande in ("etapes", "verifier", "mutation", "stabilite"):
        from recette.outils.commande import executer as outil

        return outil(options)
    from chorus_sandbox.cli import executer

    return executer(options)
