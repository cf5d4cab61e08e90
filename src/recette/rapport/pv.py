"""The PV de recette: an HTML template rendered to PDF by the browser the campaign already uses.

The chart is inline SVG (vector in the PDF, no script, no network). Evidence links are written
relative to the deliverable (``preuves/FA-01-…/capture-d-ecran.png``); Chromium makes every
link absolute when printing, so they are made relative again in the PDF afterwards, and open
from wherever the deliverable is unzipped.
"""

from __future__ import annotations

import dataclasses
from html import escape
from pathlib import Path

import jinja2
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from recette.rapport.environnement import maintenant
from recette.rapport.synthese import Bilan, Compte

SIGNATAIRES = ("Responsable de la recette (maîtrise d'ouvrage)", "Représentant de l'AIFE (maîtrise d'œuvre)",
               "Direction du Budget (bureau métier)")
COULEURS = (("reussis", "#18753c"), ("ouverts", "#ce0500"), ("connues", "#fc5d00"), ("ignores", "#929292"))


def _modeles() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("recette.rapport", "modeles"),
                              autoescape=jinja2.select_autoescape(["html"]), undefined=jinja2.StrictUndefined)


def html(bilan: Bilan) -> str:
    """The PV as an HTML page (self-contained: styles and chart inline)."""
    return _modeles().get_template("pv.html").render(
        bilan=bilan, env=bilan.environnement, total=bilan.total, decision=bilan.decision,
        seuils=dataclasses.asdict(bilan.decision.seuils), graphique=graphique(bilan.par_domaine()),
        signataires=SIGNATAIRES, genere_le=maintenant())


def graphique(comptes: list[Compte], largeur: int = 640) -> str:
    """Horizontal stacked bars, one per domain: passed, open anomalies, known anomalies, skipped."""
    marge, hauteur_barre, ecart = 170, 22, 10
    echelle = (largeur - marge - 40) / max((c.total for c in comptes), default=1)
    hauteur = len(comptes) * (hauteur_barre + ecart) + ecart
    elements = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{largeur}" height="{hauteur}" '
                f'role="img" aria-label="Résultats par domaine">')]
    for i, compte in enumerate(comptes):
        y = ecart + i * (hauteur_barre + ecart)
        elements.append(f'<text x="{marge - 6}" y="{y + 15}" text-anchor="end" font-size="11">{escape(compte.domaine)}</text>')
        x = float(marge)
        for champ, couleur in COULEURS:
            valeur = getattr(compte, champ)
            if valeur:
                elements.append(f'<rect x="{x:.1f}" y="{y}" width="{valeur * echelle:.1f}" height="{hauteur_barre}" '
                                f'fill="{couleur}"><title>{champ} : {valeur}</title></rect>')
                x += valeur * echelle
        elements.append(f'<text x="{x + 5:.1f}" y="{y + 15}" font-size="11">{compte.reussis}/{compte.total}</text>')
    return "".join(elements) + "</svg>"


def ecrire(bilan: Bilan, destination: Path, chromium: str | None) -> Path:
    """Render the PV to ``destination`` (PDF, A4, page numbers) with Playwright's Chromium."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    page_html = destination.with_suffix(".html")
    page_html.write_text(html(bilan), encoding="utf-8")
    imprimer(page_html, destination, chromium, _pied(bilan))
    relativiser_liens(destination, page_html.parent.resolve().as_uri() + "/")
    page_html.unlink()
    return destination


def imprimer(page_html: Path, destination: Path, chromium: str | None, pied: str) -> Path:
    """Print ``page_html`` to ``destination`` (PDF, A4, ``pied`` as footer with its page numbers) with
    Playwright's Chromium, the network closed (only ``file:`` and ``data:`` load)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=chromium, args=["--disable-gpu", "--no-first-run"])
        try:
            page = navigateur.new_page(locale="fr-FR")
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                       else route.abort())
            page.goto(page_html.resolve().as_uri())
            page.pdf(path=str(destination), format="A4", print_background=True, display_header_footer=True,
                     header_template="<span></span>", footer_template=pied,
                     margin={"top": "18mm", "bottom": "20mm", "left": "16mm", "right": "16mm"})
        finally:
            navigateur.close()
    return destination


def _pied(bilan: Bilan) -> str:
    return ('<div style="font-size:7pt;width:100%;padding:0 16mm;color:#555;display:flex;justify-content:space-between">'
            f"<span>PV de recette — Chorus {escape(bilan.release)}</span>"
            '<span>Page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')


def relativiser_liens(pdf: Path, base: str) -> int:
    """Turn ``file:///…/preuves/x.png`` links back into ``preuves/x.png``; returns how many."""
    lecteur = PdfReader(pdf)
    ecrivain = PdfWriter(clone_from=lecteur)
    nombre = 0
    for page in ecrivain.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and str(action.get("/URI", "")).startswith(base):
                action[NameObject("/URI")] = TextStringObject(str(action["/URI"])[len(base):])
                nombre += 1
    if nombre:
        with pdf.open("wb") as fichier:
            ecrivain.write(fichier)
    return nombre
