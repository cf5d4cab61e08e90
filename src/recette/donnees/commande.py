"""``recette comparer ATTENDU OBTENU``: exit 0 when conformes, 1 when they differ, 2 on bad input."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from recette.erreurs import ErreurRecette, ErreurSpec

if TYPE_CHECKING:  # the heavy modules are imported when the command runs, not when it is parsed
    from recette.donnees.comparaison import ResultatComparaison
    from recette.donnees.spec import Spec

FORMATS = ("texte", "json")


def ajouter_options(analyseur: argparse.ArgumentParser) -> None:
    analyseur.add_argument("attendu", type=Path, metavar="ATTENDU", help="export attendu (CSV ou XLSX)")
    analyseur.add_argument("obtenu", type=Path, metavar="OBTENU", help="export obtenu (CSV ou XLSX)")
    analyseur.add_argument("--cles", metavar="COL,COL...", help="colonnes clés, séparées par des virgules")
    analyseur.add_argument("--tolerance", action="append", default=[], metavar="COL=ECART",
                           help="colonne de montants et écart toléré en euros, inclus (ex. « Montant payé=0,01 »)")
    analyseur.add_argument("--ignorer", action="append", default=[], metavar="COL", help="colonne à ne pas comparer")
    analyseur.add_argument("--spec", type=Path, metavar="FICHIER.yaml",
                           help="spécification de comparaison (défaut : ATTENDU avec l'extension .yaml, s'il existe)")
    analyseur.add_argument("--format", choices=FORMATS, default="texte", help="sortie : texte (défaut) ou json")
    analyseur.add_argument("--sortie", type=Path, metavar="DOSSIER", help="écrire ecarts.csv et ecarts.html dans DOSSIER")
    analyseur.add_argument("--hors-memoire", action="store_true",
                           help="comparer sur disque avec DuckDB, quelle que soit la taille des fichiers (CSV) ; "
                                "automatique quand ils ne tiendraient pas en mémoire")


def construire_spec(options: argparse.Namespace) -> Spec:
    """The spec file (given, or next to ATTENDU) with the command-line options on top."""
    from recette.donnees.spec import Spec, lire_spec, spec_voisine, tolerance_centimes

    chemin = options.spec or spec_voisine(options.attendu)
    spec = lire_spec(chemin) if chemin else Spec()
    cles = [c.strip() for c in options.cles.split(",") if c.strip()] if options.cles else None
    tolerances = {}
    for option in options.tolerance:
        colonne, egal, ecart = option.rpartition("=")
        if not egal or not colonne.strip():
            raise ErreurSpec(f"option --tolerance « {option} » : attendu COL=ECART, ex. « Montant payé=0,01 »")
        tolerances[colonne.strip()] = tolerance_centimes(ecart, f"option --tolerance « {option} »")
    return spec.fusionner(cles, tolerances, [c.strip() for c in options.ignorer])


def executer(options: argparse.Namespace) -> int:
    from recette.donnees.comparaison import comparer_fichiers
    from recette.donnees.progression import Progression
    from recette.donnees.sans_pandas import pyarrow_sans_pandas

    pyarrow_sans_pandas()  # this process never builds a DataFrame
    progression = Progression()
    try:
        spec = construire_spec(options)
        resultat = comparer_fichiers(options.attendu, options.obtenu, spec, progression=progression,
                                     hors_memoire=True if options.hors_memoire else None)
        fichiers = ecrire_rapports(resultat, options.sortie) if options.sortie else []
    except ErreurRecette as exc:
        progression.terminer()
        print(f"recette comparer : erreur : {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        progression.terminer()
        print("recette comparer : interrompu", file=sys.stderr)
        return 130
    progression.terminer()
    _afficher(resultat, options.format, fichiers)
    return 0 if resultat.conforme else 1


def _afficher(resultat: ResultatComparaison, format_: str, fichiers: list[Path]) -> None:
    from recette.donnees.rendu import resume_texte

    if format_ == "json":  # accents as such on a UTF-8 output, escaped (still valid JSON) elsewhere
        utf8 = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") == "utf8"
        print(json.dumps(resultat.to_dict(), ensure_ascii=not utf8))
        return
    sys.stdout.write(resume_texte(resultat))
    for fichier in fichiers:
        print(f"Écrit : {fichier}")


def ecrire_rapports(resultat: ResultatComparaison, dossier: Path) -> list[Path]:
    """``ecarts.csv`` (UTF-8 with BOM, for Excel) and ``ecarts.html`` in ``dossier``."""
    from recette.donnees.rendu import ecarts_csv, ecarts_html

    try:
        dossier.mkdir(parents=True, exist_ok=True)
        csv_ = dossier / "ecarts.csv"
        csv_.write_text(ecarts_csv(resultat), encoding="utf-8-sig")
        html = dossier / "ecarts.html"
        html.write_text(ecarts_html(resultat), encoding="utf-8")
    except OSError as exc:
        raise ErreurSpec(f"écriture impossible ({exc.strerror})", str(exc.filename or dossier)) from None
    return [csv_, html]
