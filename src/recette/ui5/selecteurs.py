"""Control selectors: the OPA5 / RecordReplay plain objects (controlType, viewName, viewId, id,
properties, bindingPath, i18NText, labelFor, ancestor, interaction…), their ``ui5=`` selector
text and their French description for error messages."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

Selecteur = Mapping[str, Any]

MOTEUR = "ui5"


def expression(selecteur: Selecteur, **ajouts: Any) -> str:
    """The Playwright selector text ``ui5={…}`` of ``selecteur``, with ``ajouts`` merged in
    (keys of ``selecteur`` win, so a caller's ``interaction`` is kept)."""
    return f"{MOTEUR}=" + json.dumps({**ajouts, **selecteur}, ensure_ascii=False, sort_keys=True)


def _proprietes(valeur: Mapping[str, Any]) -> str:
    return ", ".join(f"{cle} « {v} »" for cle, v in valeur.items())


def _liaison(valeur: Mapping[str, Any]) -> str:
    chemin = "/".join(str(valeur[c]).strip("/") for c in ("path", "propertyPath") if valeur.get(c))
    modele = f" (modèle « {valeur['modelName']} »)" if valeur.get("modelName") else ""
    return f"lié à « /{chemin} »{modele}"


def _i18n(valeur: Mapping[str, Any]) -> str:
    return f"texte i18n « {valeur.get('key', '?')} » en {valeur.get('propertyName', 'text')}"


def _libelle(valeur: Mapping[str, Any]) -> str:
    if "text" in valeur:
        return f"libellé « {valeur['text']} »"
    return f"libellé {_i18n(valeur)}" if "key" in valeur else f"libellé {_proprietes(valeur)}"


_DESCRIPTIONS: dict[str, Callable[[Any], str]] = {
    "id": lambda v: f"id « {v} »",
    "properties": lambda v: _proprietes(v),
    "bindingPath": _liaison,
    "i18NText": _i18n,
    "labelFor": _libelle,
    "viewName": lambda v: f"dans la vue « {v} »",
    "viewId": lambda v: f"dans la vue d'id « {v} »",
    "ancestor": lambda v: f"sous [{decrire(v)}]",
    "descendant": lambda v: f"contenant [{decrire(v)}]",
    "searchOpenDialogs": lambda v: "dans une fenêtre ouverte" if v else "",
}


def decrire(selecteur: Selecteur) -> str:
    """``{"controlType": "sap.m.Input", "labelFor": {"text": "Montant"}, "viewName": "v.Saisie"}``
    → « sap.m.Input libellé « Montant » dans la vue « v.Saisie » »."""
    morceaux = [str(selecteur.get("controlType", "contrôle"))]
    morceaux += [_DESCRIPTIONS[cle](valeur) for cle, valeur in selecteur.items() if cle in _DESCRIPTIONS]
    return " ".join(m for m in morceaux if m)
