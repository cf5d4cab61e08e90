"""The screenshots of the documents: the controls acted on boxed and numbered (Pillow), embedded as
data URIs so that a document is one file that opens offline.

Pictures are embedded as lossless WebP: the box and the text stay exactly as drawn, and a
screenshot of a form weighs a third of its PNG (measured on features/budget/engagement_juridique:
63 screenshots, 9.3 MB as PNG, 12.0 MB as JPEG quality 80 4:4:4, 10.0 MB as JPEG 4:2:0, 4.9 MB as
lossy WebP 80, 3.1 MB as lossless WebP). Screens are flat colours and text, which JPEG codes worse
than PNG; scaling them down blurs the text and adds colours, which costs more than it saves. A
screenshot wider than ``LARGEUR_MAX`` is still scaled down (never up) before the boxes are drawn,
so that the boxes stay 3 pixels wide."""

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
LARGEUR_MAX = 1920  # CSS pixels; the campaign's screens are 1280 wide and kept as they are
TYPE_MIME = "image/webp"


def encadrer(image: Path, boites: Sequence[tuple[Boite, str]], couleur: tuple[int, int, int] = ROUGE) -> bytes:
    """``image`` (PNG) with a box drawn around each control and its label (« 1 », « 2 »…) beside it,
    as WebP; the boxes are in the screenshot's CSS pixels (scaled with the picture, :func:`echelle`)."""
    with Image.open(image) as source:
        dessin = _reduite(source.convert("RGB"))
        facteur = dessin.width / source.width
    crayon = ImageDraw.Draw(dessin)
    police = ImageFont.load_default(size=13)
    for boite, etiquette in boites:
        boite = mise_a_l_echelle(boite, facteur)
        x, y, largeur, hauteur = boite.arrondie()
        crayon.rectangle((x - MARGE, y - MARGE, x + largeur + MARGE, y + hauteur + MARGE), outline=couleur,
                         width=EPAISSEUR)
        if etiquette:
            _pastille(crayon, police, boite, etiquette, couleur)
    return encoder(dessin)


def encoder(image: Image.Image) -> bytes:
    """``image`` as lossless WebP, the same bytes for the same pixels (no metadata)."""
    sortie = io.BytesIO()
    image.save(sortie, format="WEBP", lossless=True, method=4)
    return sortie.getvalue()


def _reduite(image: Image.Image) -> Image.Image:
    if image.width <= LARGEUR_MAX:
        return image
    return image.resize((LARGEUR_MAX, round(image.height * LARGEUR_MAX / image.width)), Image.Resampling.LANCZOS)


def echelle(image: Path) -> float:
    """The factor applied to ``image``'s size in the documents (1.0 when it is not scaled)."""
    largeur, _ = taille(image)
    return min(1.0, LARGEUR_MAX / largeur) if largeur else 1.0


def mise_a_l_echelle(boite: Boite, facteur: float) -> Boite:
    if facteur == 1.0:
        return boite
    return Boite(boite.x * facteur, boite.y * facteur, boite.largeur * facteur, boite.hauteur * facteur)


def _pastille(crayon: ImageDraw.ImageDraw, police: ImageFont.FreeTypeFont | ImageFont.ImageFont, boite: Boite,
              texte: str, couleur: tuple[int, int, int]) -> None:
    """A filled disc with the action's number, left of the box (right of it when there is no room),
    so that the control and its label stay readable."""
    x, y, largeur, hauteur = boite.arrondie()
    cx = x - MARGE - RAYON - 1 if x - MARGE - 2 * RAYON - 1 >= 0 else x + largeur + MARGE + RAYON + 1
    cy = y + hauteur // 2
    crayon.ellipse((cx - RAYON, cy - RAYON, cx + RAYON, cy + RAYON), fill=couleur)
    crayon.text((cx, cy), texte, fill=(255, 255, 255), font=police, anchor="mm")


def uri_donnees(contenu: bytes, type_mime: str = TYPE_MIME) -> str:
    return f"data:{type_mime};base64," + base64.b64encode(contenu).decode("ascii")


def vignette(image: Path, largeur: int = LARGEUR_MAX) -> bytes:
    """``image`` without boxes, scaled to at most ``largeur`` pixels wide, as WebP."""
    with Image.open(image) as source:
        rgb = source.convert("RGB")
    if rgb.width > largeur:
        rgb = rgb.resize((largeur, round(rgb.height * largeur / rgb.width)), Image.Resampling.LANCZOS)
    return encoder(rgb)


def taille(image: Path) -> tuple[int, int]:
    with Image.open(image) as source:
        return source.size
