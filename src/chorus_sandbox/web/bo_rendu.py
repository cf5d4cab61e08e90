"""BusinessObjects' XML / JSON conventions (docs/conception/bo-biprws.md §1.3), both ways.

One tree serves both formats: a dict whose keys are child elements (a list: the element
repeated), ``"@name"`` an attribute and ``"$"`` the text of an element that also has attributes.
XML is written without namespace (Raylight), JSON with BO's trap: a collection of a single element
becomes a bare object. Bodies read back (XML or JSON) come out in the same convention.
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

from fastapi.responses import Response

from chorus_sandbox.domaine.erreurs import DonneeInvalide

JSON, XML = "application/json", "application/xml"
Arbre = dict[str, Any]


class CorpsIllisible(DonneeInvalide):
    """A request body that is neither well-formed JSON nor XML (or XML with a DTD)."""


# --- Writing ------------------------------------------------------------------------------------------
def texte(valeur: object) -> str:
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    return "" if valeur is None else str(valeur)


def _remplir(element: ET.Element, contenu: object) -> None:
    if not isinstance(contenu, dict):
        element.text = texte(contenu) or None
        return
    for cle, valeur in contenu.items():
        if cle.startswith("@"):
            element.set(cle[1:], texte(valeur))
        elif cle == "$":
            element.text = texte(valeur) or None
        else:
            for membre in valeur if isinstance(valeur, list) else [valeur]:
                _remplir(ET.SubElement(element, cle), membre)


def en_xml(arbre: Arbre) -> bytes:
    """``{"document": {...}}`` as ``<?xml …?><document>…</document>`` (a single root)."""
    (racine, contenu), = arbre.items()
    element = ET.Element(racine)
    _remplir(element, contenu)
    return b'<?xml version="1.0" encoding="UTF-8"?>' + ET.tostring(element, encoding="unicode").encode(
        "utf-8", errors="replace")


def replier(contenu: Any) -> Any:
    """BO's JSON: a list of one element becomes that element (recursively)."""
    if isinstance(contenu, list):
        membres = [replier(x) for x in contenu]
        return membres[0] if len(membres) == 1 else membres
    if isinstance(contenu, dict):
        return {cle: replier(valeur) for cle, valeur in contenu.items()}
    return contenu


def negocier(accept: str) -> str:
    """JSON when asked for, XML otherwise (BO's default, also for ``*/*`` and no ``Accept``)."""
    return JSON if JSON in accept.lower() else XML


def reponse(arbre: Arbre, format_: str, statut: int = 200, entetes: dict[str, str] | None = None) -> Response:
    if format_ == JSON:
        corps = json.dumps(replier(arbre), ensure_ascii=False).encode("utf-8", errors="replace")
        return Response(corps, status_code=statut, media_type=JSON, headers=entetes)
    return Response(en_xml(arbre), status_code=statut, media_type=XML, headers=entetes)


# --- Errors -------------------------------------------------------------------------------------------
class ErreurBO(Exception):
    """A refusal as BO words it: HTTP status, BO code (``WSR 00400``, ``FWB 00008``), message.
    ``plate``: a platform (BIP) error, whose JSON has no ``error`` envelope."""

    def __init__(self, statut: int, code: str, message: str, plate: bool = False) -> None:
        super().__init__(f"{code} {message}")
        self.statut, self.code, self.message, self.plate = statut, code, message, plate


def reponse_erreur(exc: ErreurBO, accept: str) -> Response:
    """``<error><error_code/><message/></error>``; JSON wrapped in ``error`` (Raylight) or flat (BIP)."""
    contenu = {"error_code": exc.code, "message": exc.message}
    if negocier(accept) == JSON:
        corps = json.dumps(contenu if exc.plate else {"error": contenu}, ensure_ascii=False)
        return Response(corps.encode("utf-8", errors="replace"), status_code=exc.statut, media_type=JSON)
    return Response(en_xml({"error": contenu}), status_code=exc.statut, media_type=XML)


# --- Reading ------------------------------------------------------------------------------------------
def _lire_element(element: ET.Element) -> Any:
    enfants = list(element)
    if not enfants and not element.attrib:
        return element.text or ""
    contenu: Arbre = {f"@{nom}": valeur for nom, valeur in element.attrib.items()}
    for enfant in enfants:
        nom = enfant.tag.rsplit("}", 1)[-1]  # a namespace (the BIP logon's) is dropped
        valeur = _lire_element(enfant)
        if nom in contenu:
            precedent = contenu[nom]
            contenu[nom] = [*precedent, valeur] if isinstance(precedent, list) else [precedent, valeur]
        else:
            contenu[nom] = valeur
    if element.text and element.text.strip():
        contenu["$"] = element.text
    return contenu


def lire_xml(corps: bytes) -> Arbre:
    """An XML body as a tree ``{racine: contenu}``; a DTD (entities) is refused, never expanded."""
    if b"<!DOCTYPE" in corps.upper() or b"<!ENTITY" in corps.upper():
        raise CorpsIllisible("Corps XML refusé : DTD et entités non admises")
    try:
        element = ET.fromstring(corps)
    except ET.ParseError as exc:
        raise CorpsIllisible(f"Corps XML illisible : {exc}") from None
    try:
        return {element.tag.rsplit("}", 1)[-1]: _lire_element(element)}
    except RecursionError:
        raise CorpsIllisible("Corps XML refusé : imbrication trop profonde") from None


def lire_corps(corps: bytes, type_contenu: str) -> Arbre | None:
    """A JSON or XML body (by its ``Content-Type``, else by its first character); None when empty."""
    if not corps.strip():
        return None
    if JSON in type_contenu.lower() or (XML not in type_contenu.lower() and corps.lstrip()[:1] in (b"{", b"[")):
        try:
            contenu = json.loads(corps)
        except (ValueError, RecursionError):
            raise CorpsIllisible("Corps JSON illisible") from None
        if not isinstance(contenu, dict):
            raise CorpsIllisible("Corps JSON : objet attendu")
        return contenu
    return lire_xml(corps)


def membres(valeur: Any) -> list[Any]:
    """An element read back as a list, whatever BO's folding did to it."""
    if valeur is None or valeur == "":
        return []
    return valeur if isinstance(valeur, list) else [valeur]
