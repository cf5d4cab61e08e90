"""Writing the documents: one self-contained HTML file (styles inline, pictures as data URIs) and its
PDF printed by the campaign's Chromium (:func:`recette.rapport.pv.imprimer`, as the PV is).

Every file is written beside its destination under a temporary name, then renamed: a reader never
finds half a document, and a failure leaves the previous one in place.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

import jinja2

from recette.documentation.document import ModeOperatoire

HTML, PDF, LES_DEUX = "html", "pdf", "les-deux"
FORMATS = (HTML, PDF, LES_DEUX)


def _modeles() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("recette.documentation", "modeles"),
                              autoescape=jinja2.select_autoescape(["html"]), undefined=jinja2.StrictUndefined)


def html(doc: ModeOperatoire, genere_le: str) -> str:
    """The mode opératoire as one HTML page."""
    return _modeles().get_template("mode_operatoire.html").render(doc=doc, genere_le=genere_le)


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


def pied(titre: str) -> str:
    """The PDF's footer: the document's title, its page numbers."""
    return ('<div style="font-size:7pt;width:100%;padding:0 16mm;color:#555;display:flex;justify-content:space-between">'
            f"<span>Mode opératoire — {escape(titre)}</span>"
            '<span>Page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')


def imprimer(page_html: Path, destination: Path, titre: str, chromium: str | None) -> Path:
    """The PDF of ``page_html`` (already written), printed to a temporary file then renamed."""
    from recette.rapport.pv import imprimer as imprimer_pdf

    provisoire = destination.with_name(f".{destination.stem}.{os.getpid()}.tmp.pdf")
    try:
        imprimer_pdf(page_html, provisoire, chromium, pied(titre))
        provisoire.replace(destination)
    finally:
        provisoire.unlink(missing_ok=True)
    return destination


def ecrire(doc: ModeOperatoire, sortie: Path, format_: str, genere_le: str, chromium: str | None) -> list[Path]:
    """The mode opératoire's files in ``sortie``: ``<nom>.html`` and/or ``<nom>.pdf``."""
    page = ecrire_texte(sortie / f"{doc.nom}.html", html(doc, genere_le))
    if format_ == HTML:
        return [page]
    pdf = imprimer(page, sortie / f"{doc.nom}.pdf", doc.titre, chromium)
    if format_ == PDF:
        page.unlink()
        return [pdf]
    return [page, pdf]
