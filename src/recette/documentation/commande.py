"""``recette documenter``: runs the chosen scenarios with their screens recorded, then writes a mode
opératoire per feature (HTML and/or PDF) in ``reports/documentation/``.

Exit code: 0 written, every documented scenario passed; 1 written, with scenarios in failure (each
marked « ÉCHEC » in its document); 2 nothing written (unknown release, no scenario, no recording).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from recette.erreurs import ErreurRecette

SORTIE = Path("reports/documentation")
ENREGISTREMENTS = Path("reports/enregistrements-documentation")
RESULTATS = Path("reports/allure-results")


def ajouter_options(analyseur: argparse.ArgumentParser) -> None:
    from recette.documentation.rendu import FORMATS

    analyseur.add_argument("chemins", nargs="*", default=["features"],
                           help="dossiers ou fichiers .feature à documenter (défaut : features)")
    analyseur.add_argument("--env", help="environnement de recette.yaml (défaut : bac-a-sable)")
    analyseur.add_argument("--format", dest="format_", choices=FORMATS, default="les-deux",
                           help="HTML autonome, PDF, les deux, ou diapositives de formation (HTML, une étape par "
                                "diapositive) ; les fiches descriptives des écrans sont toujours écrites à côté "
                                "(défaut : les-deux)")
    analyseur.add_argument("--note", action="store_true",
                           help="écrire la note de version de la release (--release) au lieu des modes opératoires")
    analyseur.add_argument("--resultats", type=Path, default=RESULTATS, metavar="DOSSIER",
                           help=f"résultats Allure de la campagne, pour le statut de recette de la note (défaut : {RESULTATS})")
    analyseur.add_argument("--sortie", type=Path, default=SORTIE, metavar="DOSSIER",
                           help=f"où écrire les documents (défaut : {SORTIE})")
    analyseur.add_argument("--release", metavar="R", help="release documentée (défaut : celle de l'environnement)")
    analyseur.add_argument("--depuis", type=Path, metavar="DOSSIER",
                           help="ne pas lancer les scénarios : reprendre les enregistrements d'une campagne lancée "
                                "avec « -- --recette-documenter DOSSIER »")
    analyseur.add_argument("--config", type=Path, metavar="FICHIER", help="fichier de configuration (défaut : recette.yaml)")


def evolutions(options: argparse.Namespace, nom_release: str) -> tuple[str, ...]:
    """The evolutions recette.yaml declares for ``nom_release`` (French error when it is not one of its releases)."""
    from recette import config as configuration_recette
    from recette.documentation.document import ErreurDocumentation

    configuration = configuration_recette.charger(options.config or Path(configuration_recette.FICHIER))
    if nom_release not in configuration.releases:
        raise ErreurDocumentation(f"la note de version demande une release de recette.yaml ; « {nom_release} » "
                                  f"n'en est pas une (--release)")
    return tuple(configuration.releases[nom_release])


def release(options: argparse.Namespace) -> str:
    """The release the documents name: ``--release`` (one of recette.yaml's), else the environment's."""
    from recette import config as configuration_recette
    from recette.documentation.document import ErreurDocumentation

    configuration = configuration_recette.charger(options.config or Path(configuration_recette.FICHIER))
    if options.release:
        if options.release not in configuration.releases:
            connues = ", ".join(sorted(configuration.releases)) or "aucune"
            raise ErreurDocumentation(f"release inconnue « {options.release} » (releases de recette.yaml : {connues})")
        return str(options.release)
    env = configuration.environnement(options.env)
    return env.release or f"non précisée (environnement {env.nom})"


def lancer(options: argparse.Namespace, dossier: Path, evolutions: tuple[str, ...] = ()) -> None:
    """Run the scenarios with their screens recorded in ``dossier`` (emptied first); for a note de
    version, only those of the release's ``evolutions`` (and the @critique ones, as a campaign does)."""
    from recette import selection
    from recette.documentation.document import ErreurDocumentation

    shutil.rmtree(dossier, ignore_errors=True)
    args = [*selection.arguments(options.chemins), "-p", "no:cacheprovider", "-q", "--tb=no", "-rN",
            "--recette-sans-preuves", f"--recette-documenter={dossier}", "--output=reports/playwright"]
    if options.env:
        args.append(f"--env={options.env}")
    if evolutions:
        args.append(f"--recette-evolutions={','.join(evolutions)}")
    print(f"Scénarios à documenter : pytest {' '.join(args)}", flush=True)
    code = subprocess.call([sys.executable, "-m", "pytest", *args])
    if code == 5:
        raise ErreurDocumentation(f"aucun scénario sélectionné dans {' '.join(options.chemins)}")
    if code not in (0, 1):
        raise ErreurDocumentation(f"les scénarios n'ont pas pu être exécutés (pytest a rendu le code {code})")


def executer(options: argparse.Namespace) -> int:
    from recette.documentation import production

    try:
        nom_release = release(options)
        codes = evolutions(options, nom_release) if getattr(options, "note", False) else ()
        dossier = options.depuis or ENREGISTREMENTS
        if options.depuis is None:
            lancer(options, dossier, codes)
        if codes:
            note = production.produire_note(dossier, options.sortie, nom_release, codes, options.resultats)
            print(f"Note de version de la release {nom_release} ({len(codes)} évolution(s)) : {note}")
            return 0
        bilan = production.produire(dossier, options.sortie, options.format_, nom_release)
    except (ErreurRecette, FileNotFoundError) as exc:
        print(f"recette documenter : erreur : {exc}", file=sys.stderr)
        return 2
    for avertissement in bilan.avertissements:
        print(f"Avertissement : {avertissement}", file=sys.stderr)
    print(bilan.resume())
    return 1 if bilan.echecs else 0
