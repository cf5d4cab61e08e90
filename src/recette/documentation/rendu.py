"""Writing the documents: one self-contained HTML file (styles inline, pictures as data URIs) and its
PDF printed by the campaign's Chromium (:func:`recette.rapport.pv.imprimer`, as the PV is).

Every file is written beside its destination under a temporary name, then renamed: a reader never
finds half a document, and a failure leaves the previous one in place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from recette.documentation.document import Figure, Instruction, ModeOperatoire

if TYPE_CHECKING:
    from recette.documentation.fiches import Fiche
    from recette.documentation.note import Note

HTML, PDF, LES_DEUX, DIAPOSITIVES = "html", "pdf", "les-deux", "diapositives"
FORMATS = (HTML, PDF, LES_DEUX, DIAPOSITIVES)
FICHES = "fiches-ecrans"


@dataclass(frozen=True)
class Diapositive:
    procedure: str
    instruction: Instruction
    figure: Figure | None


def _modeles() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("recette.documentation", "modeles"),
                              autoescape=jinja2.select_autoescape(["html"]), undefined=jinja2.StrictUndefined)


def html(doc: ModeOperatoire, genere_le: str) -> str:
    """The mode opératoire as one HTML page."""
    return _modeles().get_template("mode_operatoire.html").render(doc=doc, genere_le=genere_le)


def diapositives(doc: ModeOperatoire) -> list[Diapositive]:
    """One slide per instruction, with its first picture (the screen with the controls boxed)."""
    return [Diapositive(p.titre, i, i.figures[0] if i.figures else None) for p in doc.procedures for i in p.instructions]


def html_diapositives(doc: ModeOperatoire) -> str:
    return _modeles().get_template("diapositives.html").render(doc=doc, diapositives=diapositives(doc))


def html_fiches(fiches: list[Fiche], release: str, genere_le: str) -> str:
    return _modeles().get_template("fiches.html").render(fiches=fiches, release=release, genere_le=genere_le)


def html_note(note: Note, genere_le: str) -> str:
    return _modeles().get_template("note.html").render(note=note, genere_le=genere_le)


def ecrire_texte(destination: Path, texte: str) -> Path:
    """Write ``texte`` to ``destination`` atomically (temporary file, then rename)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    provisoire = destination.with_name(f".{destination.name}.{os.getpid()}.tmp")
    try:
        provisoire.write_text(texte, encoding="utf-8")
        provisoire.replace(destination)
    finally:
        provisoire.unlink(missing_ok=True)
    return destination


def pied(titre: str, genre: str = "Mode opératoire") -> str:
    """The PDF's footer: the document's title, its page numbers."""
    return ('<div style="font-size:7pt;width:100%;padding:0 16mm;color:#555;display:flex;justify-content:space-between">'
            f"<span>{escape(genre)} — {escape(titre)}</span>"
            '<span>Page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')


def imprimer(page_html: Path, destination: Path, titre: str, chromium: str | None,
             genre: str = "Mode opératoire") -> Path:
    """The PDF of ``page_html`` (already written), printed to a temporary file then renamed."""
    from recette.rapport.pv import imprimer as imprimer_pdf

    provisoire = destination.with_name(f".{destination.stem}.{os.getpid()}.tmp.pdf")
    try:
        imprimer_pdf(page_html, provisoire, chromium, pied(titre, genre))
        provisoire.replace(destination)
    finally:
        provisoire.unlink(missing_ok=True)
    return destination


def ecrire(doc: ModeOperatoire, sortie: Path, format_: str, genere_le: str, chromium: str | None) -> list[Path]:
    """The mode opératoire's files in ``sortie``: ``<nom>.html`` and/or ``<nom>.pdf``, or its slides."""
    if format_ == DIAPOSITIVES:
        return [ecrire_texte(sortie / f"{doc.nom}-diapositives.html", html_diapositives(doc))]
    page = ecrire_texte(sortie / f"{doc.nom}.html", html(doc, genere_le))
    if format_ == HTML:
        return [page]
    pdf = imprimer(page, sortie / f"{doc.nom}.pdf", doc.titre, chromium)
    if format_ == PDF:
        page.unlink()
        return [pdf]
    return [page, pdf]


def ecrire_fiches(fiches: list[Fiche], sortie: Path, format_: str, release: str, genere_le: str,
                  chromium: str | None) -> list[Path]:
    """The fiches descriptives, beside the modes opératoires: HTML, and PDF when the PDF is asked for."""
    page = ecrire_texte(sortie / f"{FICHES}.html", html_fiches(fiches, release, genere_le))
    if format_ not in (PDF, LES_DEUX):
        return [page]
    return [page, imprimer(page, sortie / f"{FICHES}.pdf", f"release {release}", chromium, "Fiches descriptives")]
