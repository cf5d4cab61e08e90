"""Golden files: the expected file a scenario names must exist; rewriting it from what was
obtained, never in CI.

The expected file is written as the house keeps them: CSV, UTF-8, ``;``, the preamble of the
obtained export, its header (repeated names kept), French amounts (``1 234,56``), dates
``dd.mm.yyyy``, ``#`` for null; no subtotal row.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from recette.donnees import valeurs as v
from recette.donnees.comparaison import renommer
from recette.donnees.extraits import NUL
from recette.donnees.lecture import DATE, MONTANT, Export, lire_export
from recette.donnees.spec import Spec, lire_spec, spec_voisine
from recette.erreurs import ErreurRegeneration, ErreurScenario


def exiger_attendu(attendu_path: str | Path, regenerer: bool = False) -> Path:
    """The expected file a scenario names, and its comparison spec next to it; a missing one is a
    mistake of the scenario (« Erreur du scénario »), not a difference of Chorus. When regenerating,
    only the spec is required (the expected file is what will be written)."""
    attendu = Path(attendu_path)
    if not regenerer and not attendu.is_file():
        raise ErreurScenario(f"le fichier attendu « {attendu} » n'existe pas ({attendu.resolve()}) : vérifier son "
                             "nom dans le scénario, ou le créer avec --recette-regenerer-attendus")
    if spec_voisine(attendu) is None:
        raise ErreurScenario(f"la spécification de comparaison de « {attendu} » n'existe pas "
                             f"(attendue à côté : {attendu.with_suffix('.yaml')})")
    return attendu


def refuser_en_ci(attendu_path: Path) -> None:
    """A reference is regenerated on a workstation and its diff reviewed, never in CI."""
    if os.environ.get("CI"):
        raise ErreurRegeneration("régénération de l'attendu refusée en intégration continue (variable CI "
                                 "définie) : régénérez-le sur un poste, relisez son diff, puis validez-le",
                                 str(attendu_path))


def regenerer_attendu(obtenu_path: str | Path, attendu_path: str | Path, spec: Spec | None = None) -> Path:
    """Rewrite ``attendu_path`` from ``obtenu_path`` (the spec next to it gives types and renames).

    Refused when the ``CI`` environment variable is set: a reference is regenerated on a
    workstation and its diff reviewed, never silently accepted by the pipeline.
    """
    attendu_path = Path(attendu_path)
    refuser_en_ci(attendu_path)
    if spec is None:
        voisine = spec_voisine(attendu_path)
        spec = lire_spec(voisine) if voisine else Spec()
    obtenu = lire_export(obtenu_path, montants=[spec.renommer.get(c, c) for c in spec.montants],
                         dates=[spec.renommer.get(c, c) for c in spec.dates], strict=False)
    ecrire_export(renommer(obtenu, spec.renommer), attendu_path, _entete(obtenu, spec))
    return attendu_path


def _entete(export: Export, spec: Spec) -> list[str]:
    """The header to write: as the export wrote it, renamed columns under their expected name."""
    inverse = {obtenu: attendu for attendu, obtenu in spec.renommer.items()}
    entete = export.entete if len(export.entete) == len(export.colonnes) else export.colonnes
    return [inverse.get(nom, brut or nom) for nom, brut in zip(export.colonnes, entete)]


def ecrire_export(export: Export, chemin: str | Path, entete: Sequence[str] | None = None) -> Path:
    """Write ``export`` as an expected file (atomically: a reader never sees half a file)."""
    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    descripteur, temporaire = tempfile.mkstemp(dir=chemin.parent, prefix=f".{chemin.name}.", suffix=".tmp")
    try:
        with os.fdopen(descripteur, "w", encoding="utf-8", newline="") as fichier:
            ecrivain = csv.writer(fichier, delimiter=";", lineterminator="\n")
            ecrivain.writerows(list(ligne) for ligne in export.preambule.lignes)
            ecrivain.writerow(list(entete or export.colonnes))
            ecrivain.writerows(_lignes(export))
        os.replace(temporaire, chemin)
    except BaseException:
        Path(temporaire).unlink(missing_ok=True)
        raise
    return chemin


def _lignes(export: Export) -> Iterator[list[str]]:
    colonnes = [[_cellule(x, export.types[c]) for x in export.table[c].to_pylist()] for c in export.colonnes]
    return (list(ligne) for ligne in zip(*colonnes))


def _cellule(valeur: object, type_: str) -> str:
    if valeur is None:
        return NUL
    if type_ == MONTANT:
        return v.format_centimes(int(valeur))  # type: ignore[call-overload]
    if type_ == DATE:
        return v.format_date(valeur, ".")  # type: ignore[arg-type]
    return str(valeur)
