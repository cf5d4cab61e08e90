"""What the extraction steps need: compare an extracted restitution with an expected file or an
inline table, attach the diff to the failing step, regenerate golden files on request."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import allure
import pytest

from recette.erreurs import ErreurParametre

if TYPE_CHECKING:
    from recette.donnees import Spec

OPTION = "--recette-regenerer-attendus"
_DATE = re.compile(r"\d{2}[./]\d{2}[./]\d{4}")


def ajouter_options(groupe: pytest.OptionGroup) -> None:
    groupe.addoption(OPTION, dest="recette_regenerer", action="store_true",
                     help="réécrire les fichiers attendus (expected/) avec ce qui a été obtenu, pour relecture "
                          "dans git (refusé quand CI est définie)")


def _est_montant(texte: str) -> bool:
    from recette.parametres import montant

    try:
        montant(texte)
    except ErreurParametre:
        return False
    return True


def spec_du_tableau(entetes: Sequence[str], lignes: Sequence[Sequence[str]], cles: Sequence[str],
                    colonnes_obtenues: Sequence[str]) -> Spec:
    """A comparison spec for an inline table: its amount and date columns recognised from their
    values, every obtained column absent from the table ignored."""
    from recette.donnees import Spec

    inconnues = [c for c in cles if c not in entetes]
    if inconnues:
        raise ErreurParametre("Clé", ", ".join(inconnues), f"colonnes du tableau : {', '.join(entetes)}")
    valeurs = {c: [ligne[i] for ligne in lignes if ligne[i] not in ("", "#")] for i, c in enumerate(entetes)}
    montants = {c: 0 for c, v in valeurs.items() if c not in cles and v and all(_est_montant(x) for x in v)}
    dates = tuple(c for c, v in valeurs.items() if v and all(_DATE.fullmatch(x) for x in v))
    ignorer = tuple(c for c in colonnes_obtenues if c not in entetes)
    return Spec(cles=tuple(cles), tolerances=montants, dates=dates, ignorer=ignorer)


_AVANT_POURCENT = re.compile(r"(?<=\d) %$")


def _typographie(valeur: str) -> str:
    """A tester types ``73,69 %`` with a plain space; the infocentre writes the French non-breaking
    space before ``%`` (as the thousands of an amount, which the amount columns already read)."""
    return _AVANT_POURCENT.sub("\u00a0%", valeur)


def ecrire_tableau(chemin: Path, entetes: Sequence[str], lignes: Sequence[Sequence[str]]) -> Path:
    """The inline table as an export file (UTF-8, ``;``) the readers take like any other."""
    chemin.parent.mkdir(parents=True, exist_ok=True)
    lignes = [[_typographie(valeur) for valeur in ligne] for ligne in lignes]
    contenu = [";".join(entetes), *(";".join(ligne) for ligne in lignes)]
    chemin.write_text("\n".join(contenu) + "\n", encoding="utf-8")
    return chemin


#: Allure attachment types of the files a step obtains (an export, a mail's attachment), by suffix.
#: A Chorus CSV (``;``, a preamble) shows as text: Allure's CSV preview splits on commas and would
#: cut the amounts (« 1 234,56 ») in two.
TYPES_ALLURE: dict[str, Any] = {
    ".csv": allure.attachment_type.TEXT, ".pdf": allure.attachment_type.PDF, ".eml": "message/rfc822",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def attacher_fichier(chemin: Path, nom: str) -> None:
    """A file the step obtained (an export, a received attachment), attached to the current Allure
    step so that the report shows what was compared."""
    genre = TYPES_ALLURE.get(chemin.suffix.lower(), allure.attachment_type.TEXT)
    allure.attach.file(str(chemin), name=nom, attachment_type=genre, extension=chemin.suffix.lstrip("."))


def attacher_ecarts(resultat, dossier: Path) -> None:  # type: ignore[no-untyped-def]
    """The HTML and CSV diffs, kept under ``dossier`` and attached to the current Allure step."""
    from recette.donnees import ecarts_csv, ecarts_html

    dossier.mkdir(parents=True, exist_ok=True)
    (dossier / "ecarts.html").write_text(ecarts_html(resultat), encoding="utf-8")
    (dossier / "ecarts.csv").write_text(ecarts_csv(resultat), encoding="utf-8")
    allure.attach.file(str(dossier / "ecarts.html"), name="Écarts (HTML)", attachment_type=allure.attachment_type.HTML)
    allure.attach.file(str(dossier / "ecarts.csv"), name="Écarts (CSV)", attachment_type=allure.attachment_type.CSV)


def verifier_conformite(obtenu: Path, attendu: Path, dossier_ecarts: Path, regenerer: bool) -> None:
    """Exact comparison with the expected file and its spec; raises AssertionError with the summary."""
    from recette.donnees import (
        comparer_fichiers,
        lire_spec,
        regenerer_attendu,
        resume_texte,
        spec_voisine,
    )

    spec_chemin = spec_voisine(attendu)
    if spec_chemin is None:
        raise AssertionError(f"Spécification de comparaison absente à côté de {attendu} ({attendu.with_suffix('.yaml')})")
    if regenerer:
        regenerer_attendu(obtenu, attendu)
        return
    resultat = comparer_fichiers(attendu, obtenu, lire_spec(spec_chemin))
    if not resultat.conforme:
        attacher_ecarts(resultat, dossier_ecarts)
        raise AssertionError(resume_texte(resultat))


def texte_pdf(chemin: Path) -> str:
    """The text of a PDF, page by page (pypdf), lines stripped of trailing spaces: what a person
    reads in it, comparable exactly with an expected ``.txt`` (a PDF's bytes carry dates and ids)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pages = [page.extract_text() or "" for page in PdfReader(chemin).pages]
    except (PdfReadError, ValueError, OSError) as exc:
        raise AssertionError(f"{chemin} n'est pas un PDF lisible ({exc})") from None
    return "\n".join(ligne.rstrip() for page in pages for ligne in page.splitlines()).strip() + "\n"


def exiger_attendu_fichier(attendu: str, regenerer: bool) -> Path:
    """The expected file a step names: a ``.txt`` (the text of a PDF) needs no spec, any other one
    its spec beside it (:func:`recette.donnees.attendus.exiger_attendu`); a missing one is a mistake
    of the scenario."""
    from recette.donnees.attendus import exiger_attendu
    from recette.erreurs import ErreurScenario

    chemin = Path(attendu)
    if chemin.suffix.lower() != ".txt":
        return exiger_attendu(chemin, regenerer)
    if not regenerer and not chemin.is_file():
        raise ErreurScenario(f"le fichier attendu « {chemin} » n'existe pas ({chemin.resolve()}) : vérifier son nom "
                             "dans le scénario, ou le créer avec --recette-regenerer-attendus")
    return chemin


def verifier_fichier(obtenu: Path, attendu: Path, dossier_ecarts: Path, regenerer: bool) -> None:
    """A file obtained (an export, a received attachment) against the expected one: a PDF by its
    text (expected ``.txt``), any other by :func:`verifier_conformite` (the spec beside it)."""
    if obtenu.suffix.lower() != ".pdf":
        verifier_conformite(obtenu, attendu, dossier_ecarts, regenerer)
        return
    texte = texte_pdf(obtenu)
    if regenerer:
        from recette.donnees.attendus import refuser_en_ci

        refuser_en_ci(attendu)
        attendu.write_text(texte, encoding="utf-8")
        return
    voulu = attendu.read_text(encoding="utf-8")
    if texte != voulu:
        import difflib

        ecart = "\n".join(list(difflib.unified_diff(voulu.splitlines(), texte.splitlines(), str(attendu), str(obtenu),
                                                    lineterm="", n=1))[:40])
        raise AssertionError(f"Le texte du PDF {obtenu.name} diffère de {attendu} :\n{ecart}")


def verifier_contenu(obtenu: Path, attendu: Path, spec, dossier_ecarts: Path) -> None:  # type: ignore[no-untyped-def]
    """Every expected row is there with the expected values (extra obtained rows are allowed)."""
    from recette.donnees import comparer_fichiers, resume_texte

    resultat = comparer_fichiers(attendu, obtenu, spec)
    if resultat.lignes_manquantes or resultat.cellules_differentes or resultat.colonnes_manquantes \
            or resultat.cles_en_double_attendu:
        attacher_ecarts(resultat, dossier_ecarts)
        raise AssertionError(resume_texte(replace(resultat, lignes_en_trop=0)))


def lignes_ou(chemin: Path, colonne: str, valeur: str) -> int:
    """How many data rows of the export have ``valeur`` (as text) in ``colonne``."""
    import pyarrow.compute as pc

    from recette.donnees import lire_export

    table = lire_export(chemin).table
    if colonne not in table.column_names:
        raise AssertionError(f"Colonne « {colonne} » absente de l'extraction ({', '.join(table.column_names)})")
    texte = pc.cast(table.column(colonne), "string")
    return int(pc.sum(pc.equal(texte, valeur)).as_py() or 0)


def colonnes(chemin: Path) -> tuple[str, ...]:
    """Column names of an export: from its first bytes for a CSV, by reading it for an XLSX."""
    from recette.donnees import lire_export
    from recette.donnees.detection import detecter

    if chemin.suffix.lower() == ".xlsx":
        return lire_export(chemin).colonnes
    return detecter(chemin).colonnes
