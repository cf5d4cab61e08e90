"""BO's bodies read into one tree, whatever their format (docs/conception/bo-biprws.md §1.3).

JSON is BO's own: ``{"documents": {"document": [...]}}``, ``"@x"`` an attribute, ``"$"`` the text
of an element that has attributes, and a one-element collection given as a bare object. XML is
read into the same convention (namespaces dropped), so that the client reads one shape.
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

Arbre = dict[str, Any]


class CorpsIllisible(ValueError):
    """A body that is neither JSON nor XML (or XML with a DTD, never expanded)."""


def membres(valeur: Any) -> list[Any]:
    """A collection as a list: BO gives one element as a bare object, none as absent or ``""``."""
    if valeur is None or valeur == "":
        return []
    return valeur if isinstance(valeur, list) else [valeur]


def sous(arbre: Any, *cles: str) -> Any:
    """``arbre[c1][c2]…``, None as soon as a level is missing."""
    for cle in cles:
        arbre = arbre.get(cle) if isinstance(arbre, dict) else None
    return arbre


def texte(valeur: Any) -> str:
    """A leaf's text: a scalar, or ``{"$": …}`` when the element also has attributes."""
    if isinstance(valeur, dict):
        valeur = valeur.get("$", "")
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    return str(valeur)


def _element(element: ET.Element) -> Any:
    enfants = list(element)
    if not enfants and not element.attrib:
        return element.text or ""
    contenu: Arbre = {f"@{nom.rsplit('}', 1)[-1]}": v for nom, v in element.attrib.items()}
    for enfant in enfants:
        nom, valeur = enfant.tag.rsplit("}", 1)[-1], _element(enfant)
        if nom in contenu:
            avant = contenu[nom]
            contenu[nom] = [*avant, valeur] if isinstance(avant, list) else [avant, valeur]
        else:
            contenu[nom] = valeur
    if element.text and element.text.strip():
        contenu["$"] = element.text
    return contenu


def lire_xml(corps: bytes) -> Arbre:
    if b"<!DOCTYPE" in corps.upper() or b"<!ENTITY" in corps.upper():
        raise CorpsIllisible("XML avec DTD refusé")
    try:
        racine = ET.fromstring(corps)
        return {racine.tag.rsplit("}", 1)[-1]: _element(racine)}
    except (ET.ParseError, RecursionError) as exc:
        raise CorpsIllisible(f"XML illisible ({exc})") from None


def lire(corps: bytes, type_contenu: str = "") -> Arbre:
    """A JSON or XML body (by its ``Content-Type``, else by its first character) as a tree."""
    if not corps.strip():
        return {}
    json_ = "json" in type_contenu.lower() or ("xml" not in type_contenu.lower() and corps.lstrip()[:1] == b"{")
    if not json_:
        return lire_xml(corps)
    try:
        contenu = json.loads(corps)
    except (ValueError, RecursionError):
        raise CorpsIllisible("JSON illisible") from None
    if not isinstance(contenu, dict):
        raise CorpsIllisible("JSON : un objet est attendu")
    return contenu


def erreur(corps: bytes, type_contenu: str = "") -> tuple[str, str]:
    """(code, message) of any BO error body: XML ``<error>``, JSON wrapped in ``error`` (Raylight)
    or flat (platform); ``("", text)`` for a body that is none of these (a proxy's page)."""
    try:
        arbre = lire(corps, type_contenu)
    except CorpsIllisible:
        return "", corps.decode("utf-8", errors="replace").strip()[:300]
    enveloppe = arbre.get("error")
    contenu: Arbre = enveloppe if isinstance(enveloppe, dict) else arbre
    code, message = texte(contenu.get("error_code")).strip(), texte(contenu.get("message")).strip()
    if not code and not message:
        return "", corps.decode("utf-8", errors="replace").strip()[:300]
    return code, message
