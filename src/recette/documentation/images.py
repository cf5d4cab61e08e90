"""The screenshots of the documents: the controls acted on boxed and numbered (Pillow), embedded as
data URIs so that a document is one file that opens offline."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from recette.documentation.modele import Boite

ROUGE = (225, 0, 15)  # a control to act on
BLEU = (0, 0, 145)  # the message the screen answers with
MARGE = 3  # the box is drawn just outside the control, which stays readable
EPAISSEUR = 3
RAYON = 9


def encadrer(image: Path, boites: Sequence[tuple[Boite, str]], couleur: tuple[int, int, int] = ROUGE) -> bytes:
    """``image`` (PNG) with a box drawn around each control and its label (« 1 », « 2 »…) beside it."""
    with Image.open(image) as source:
        dessin = source.convert("RGB")
    crayon = ImageDraw.Draw(dessin)
    police = ImageFont.load_default(size=13)
    for boite, etiquette in boites:
        x, y, largeur, hauteur = boite.arrondie()
        crayon.rectangle((x - MARGE, y - MARGE, x + largeur + MARGE, y + hauteur + MARGE), outline=couleur,
                         width=EPAISSEUR)
        if etiquette:
            _pastille(crayon, police, boite, etiquette, couleur)
    sortie = io.BytesIO()
    dessin.save(sortie, format="PNG", optimize=True)
    return sortie.getvalue()


def _pastille(crayon: ImageDraw.ImageDraw, police: ImageFont.FreeTypeFont | ImageFont.ImageFont, boite: Boite,
              texte: str, couleur: tuple[int, int, int]) -> None:
    """A filled disc with the action's number, left of the box (right of it when there is no room),
    so that the control and its label stay readable."""
    x, y, largeur, hauteur = boite.arrondie()
    cx = x - MARGE - RAYON - 1 if x - MARGE - 2 * RAYON - 1 >= 0 else x + largeur + MARGE + RAYON + 1
    cy = y + hauteur // 2
    crayon.ellipse((cx - RAYON, cy - RAYON, cx + RAYON, cy + RAYON), fill=couleur)
    crayon.text((cx, cy), texte, fill=(255, 255, 255), font=police, anchor="mm")


def uri_donnees(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def taille(image: Path) -> tuple[int, int]:
    with Image.open(image) as source:
        return source.size
