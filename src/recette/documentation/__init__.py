"""Living user documentation written from the scenarios (``recette documenter``).

A documented run (``--recette-documenter DOSSIER``, :mod:`.enregistreur`) records, per scenario,
each step's actions on screen with the box of the control acted on and its screenshots; from that
recording, :mod:`.document` writes per feature a mode opératoire whose sentences are written for a
person (:mod:`.redaction`) and whose pictures are boxed (:mod:`.images`), rendered as one
self-contained HTML file and a PDF (:mod:`.rendu`).
"""

from __future__ import annotations

from recette.documentation.document import (
    ErreurDocumentation,
    ModeOperatoire,
    lire,
    mode_operatoire,
)
from recette.documentation.enregistreur import ajouter_options
from recette.documentation.production import Production, produire, produire_note
from recette.documentation.redaction import action_en_clair, constat, instruction, rediger

__all__ = [
    "ErreurDocumentation",
    "ModeOperatoire",
    "Production",
    "action_en_clair",
    "ajouter_options",
    "constat",
    "instruction",
    "lire",
    "mode_operatoire",
    "produire",
    "produire_note",
    "rediger",
]
