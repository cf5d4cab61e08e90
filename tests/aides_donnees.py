"""Helpers of the tests of ``recette.donnees``: small Chorus-like exports written in a tmp dir."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

PREAMBULE = (
    "INF-BUD-53 : Pilotage de la gestion - Vue détaillée",
    "Dernière MàJ des données :;03.02.2026 05:32:09",
    "Affichage :;Montants en euros",
    "Exercice comptable;2026;Montant engagé",
)
ENTETE = ("Centre financier;Centre financier;N° EJ;N° poste EJ;Fournisseur payé (DP);Fournisseur payé (DP);"
          "Date comptable du SF;Montant engagé;Montant payé")
LIGNES = (
    "BG00/0150-CSUP-DR75;DR Île-de-France;2103105755;1;1000012345;SARL Œuvre & Cie;03.02.2026;1 234 567,89;807,28",
    "BG00/0150-CSUP-DR75;DR Île-de-France;2103105755;2;#;Non affecté;#;-12,00;0,00",
    "BG00/0217-SGAC-ASPR;Action sociale;0103105756;1;1000012346;Régie – Fonds;15.12.2025;\"807,28\";807,28",
)
CLES = "N° EJ,N° poste EJ"


def ecrire(dossier: Path, nom: str, lignes: Sequence[str], encodage: str = "utf-8", separateur: str = ";",
           fin: str = "\n") -> Path:
    """Write ``lignes`` (written with ``;``) to ``dossier/nom``, with another separator if asked."""
    chemin = dossier / nom
    texte = fin.join(lignes) + fin
    if separateur != ";":
        texte = texte.replace(";", separateur)
    chemin.write_bytes(texte.encode(encodage))
    return chemin


def export(dossier: Path, nom: str = "attendu.csv", lignes: Sequence[str] = LIGNES, preambule: Sequence[str] = PREAMBULE,
           entete: str = ENTETE, **options: str) -> Path:
    """An INF-BUD-53-like export: preamble, header with repeated names, ``lignes``."""
    return ecrire(dossier, nom, [*preambule, entete, *lignes], **options)


def ecrire_cellules(dossier: Path, nom: str, lignes: Sequence[Sequence[str]], separateur: str = ";",
                    encodage: str = "utf-8") -> Path:
    """Write rows of cells as a CSV file (quoted where needed, like Chorus exports)."""
    import csv
    import io

    tampon = io.StringIO()
    csv.writer(tampon, delimiter=separateur, lineterminator="\n").writerows(lignes)
    chemin = dossier / nom
    chemin.write_bytes(tampon.getvalue().encode(encodage))
    return chemin
