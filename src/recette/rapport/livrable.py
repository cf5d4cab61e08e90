"""The deliverable: one ZIP named after the release and the date, to send as is.

``recette-chorus_<release>_<AAAA-MM-JJ>.zip`` holds one folder of the same name with the PV
(PDF), the cahier (XLSX), the Allure report (one HTML file), the evidence of each fiche
d'anomalie, the gaps of the comparisons, the raw Allure results and the JUnit files, and, when
``recette documenter`` wrote them beside the report (``<dossier>/documentation/``), the users'
documentation of the campaign (modes opératoires, fiches, note de version).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from recette.rapport.environnement import horodatage
from recette.rapport.fiches import ascii_slug
from recette.rapport.synthese import Bilan

PV = "pv-recette.pdf"
CAHIER = "cahier-recette.xlsx"
RAPPORT = "rapport.html"
DOCUMENTATION = "documentation"


def nom(bilan: Bilan) -> str:
    jour = horodatage(bilan.campagne.debut).date() if bilan.campagne.debut else dt.date.today()
    release = re.sub(r"[^A-Za-z0-9.]+", "-", ascii_slug(bilan.release, 40, points=True)).strip("-.")
    return f"recette-chorus_{release or 'release'}_{jour.isoformat()}"


def est_un_ecart(nom_piece: str) -> bool:
    """Attachments named « Écarts … » (ecarts.csv / ecarts.html of a comparison) are its diffs."""
    return ascii_slug(nom_piece).startswith("ecart")


def ecrire(bilan: Bilan, dossier: Path, documents: dict[str, Path], junits: Sequence[Path]) -> Path:
    """Write the ZIP in ``dossier``; ``documents`` maps a name in the ZIP to a file."""
    racine = nom(bilan)
    chemin = dossier / f"{racine}.zip"
    dossier.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(chemin, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for nom_zip, fichier in documents.items():
            archive.write(fichier, f"{racine}/{nom_zip}")
        _preuves(archive, racine, bilan)
        for fichier in sorted(bilan.campagne.dossier.iterdir()):
            if fichier.is_file():
                archive.write(fichier, f"{racine}/resultats/{fichier.name}")
        for index, junit in enumerate(junits, start=1):
            archive.write(junit, f"{racine}/junit/" + ("junit.xml" if len(junits) == 1 else f"junit-{index}.xml"))
        documentation = _documentation(archive, racine, dossier / DOCUMENTATION)
        archive.writestr(f"{racine}/LISEZMOI.txt", lisezmoi(bilan, racine, documentation))
    return chemin


def _documentation(archive: zipfile.ZipFile, racine: str, dossier: Path) -> int:
    """Add the documentation folder (its files, not the temporary ones of a writer); how many files."""
    if not dossier.is_dir():
        return 0
    fichiers = sorted(f for f in dossier.rglob("*") if f.is_file() and not f.name.startswith("."))
    for fichier in fichiers:
        archive.write(fichier, f"{racine}/{DOCUMENTATION}/{fichier.relative_to(dossier).as_posix()}")
    return len(fichiers)


def _preuves(archive: zipfile.ZipFile, racine: str, bilan: Bilan) -> None:
    for fiche in bilan.fiches:
        for piece, chemin in fiche.preuves:
            source = bilan.campagne.dossier / piece.source
            if not source.exists():
                continue
            archive.write(source, f"{racine}/{chemin}")
            if est_un_ecart(piece.nom):
                archive.write(source, f"{racine}/ecarts/{fiche.numero}-{Path(chemin).name}")


def lisezmoi(bilan: Bilan, racine: str, documentation: int = 0) -> str:
    total = bilan.total
    doc = ([f"  {DOCUMENTATION}/         documentation utilisateur écrite à partir des scénarios (index.html) :",
            "                         modes opératoires, fiches descriptives des écrans, note de version",
            "                         (fichiers HTML autonomes, s'ouvrent hors ligne ; PDF)"]
           if documentation else [])
    return "\n".join([
        f"Livrable de recette — Chorus {bilan.release}",
        "",
        f"Campagne : {bilan.environnement.get('Campagne', '')}",
        f"Environnement : {bilan.environnement.get('Environnement', '')}",
        (f"Scénarios : {total.total} — {total.reussis} réussis, {total.ouverts} anomalies ouvertes, "
        f"{total.connues} anomalies connues, {total.ignores} ignorés, {total.a_corriger} scénario(s) à corriger"),
        f"Décision proposée par la porte qualité : recette {bilan.decision.decision} — {' ; '.join(bilan.decision.motifs)}",
        "",
        "Contenu :",
        f"  {PV}            procès-verbal de recette, à signer",
        f"  {CAHIER}      cahier de recette, une ligne par scénario (filtres)",
        f"  {RAPPORT}           rapport Allure détaillé (s'ouvre hors ligne dans un navigateur)",
        "  preuves/               captures, pages HTML et traces Playwright de chaque fiche d'anomalie",
        "                         (une trace s'ouvre avec : npx playwright show-trace trace.zip)",
        "  ecarts/                écarts des comparaisons de restitutions (CSV, HTML)",
        "  resultats/             résultats Allure bruts de la campagne (toutes tranches fusionnées)",
        "  junit/                 résultats au format JUnit XML",
        *doc,
        "",
        f"Dossier racine de l'archive : {racine}/",
        "",
    ])
