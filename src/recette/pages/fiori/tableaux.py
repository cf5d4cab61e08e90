"""Reading a sap.m.Table the way a person reads it, by its column headers, through UI5's controls
(columns, items, cells) rather than the table's DOM."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Frame, Locator

from recette.ui5 import expression

# The cells under header ``colonne`` of the rows whose cells under the headers of ``cles`` read
# their values (every row when ``cles`` is empty), or of the ``rang``-th row only: their texts and
# the ids of the elements showing them. An ObjectNumber's visible text is its -inner part: its root
# adds an invisible « emphasized » text for screen readers.
_CELLULES = """(element, o) => {
  const table = sap.ui.require("sap/ui/core/Element").closestTo(element);
  const lecteurs = ["getText", "getTitle", "getNumber", "getValue"];
  const texte = (c) => {
    const lecteur = c && lecteurs.find((n) => typeof c[n] === "function");
    return lecteur ? String(c[lecteur]() ?? "").trim() : "";
  };
  const entetes = table.getColumns().map((c) => texte(c.getHeader()));
  const manquante = [o.colonne, ...Object.keys(o.cles)].find((c) => !entetes.includes(c));
  if (manquante !== undefined) return {manquante: manquante, entetes: entetes.filter(Boolean)};
  const cellule = (ligne, nom) => ligne.getCells()[entetes.indexOf(nom)];
  let lignes = table.getItems().filter((i) => i.isA("sap.m.ColumnListItem"));
  if (o.rang !== null) lignes = lignes.slice(o.rang, o.rang + 1);
  lignes = lignes.filter((l) => Object.entries(o.cles).every(([nom, v]) => texte(cellule(l, nom)) === v));
  const cellules = lignes.map((l) => cellule(l, o.colonne));
  const montre = (c) => {
    const interieur = document.getElementById(c.getId() + "-inner");
    return c.isA("sap.m.ObjectNumber") && interieur ? interieur.id : c.getId();
  };
  return {textes: cellules.map(texte), ids: cellules.map(montre)};
}"""

LIGNE = {"controlType": "sap.m.ColumnListItem"}


def _lire(tableau: Locator, colonne: str, cles: dict[str, str], rang: int | None) -> dict[str, Any]:
    lu: dict[str, Any] = tableau.first.evaluate(_CELLULES, {"colonne": colonne, "cles": cles, "rang": rang})
    if "manquante" in lu:
        raise LookupError(f"Colonne « {lu['manquante']} » absente du tableau ({', '.join(lu['entetes'])})")
    return lu


def textes_colonne(tableau: Locator, colonne: str) -> list[str]:
    """The texts of one column of ``tableau``, row by row (the rows the table has loaded)."""
    return list(_lire(tableau, colonne, {}, None)["textes"])


def lignes(cadre: Frame, tableau: Locator, *textes: str) -> Locator:
    """The rows of ``tableau`` (a Locator of a sap.m.Table in ``cadre``, the app's frame) that show
    each of ``textes`` in a cell."""
    rangees = tableau.locator(expression(LIGNE))
    for texte in textes:  # the inner Locator of ``has`` is relative to each row: built from the frame
        rangees = rangees.filter(has=cadre.locator(expression(lisant(texte))))
    return rangees


def lisant(texte: str) -> dict[str, Any]:
    """A sap.m.Text reading ``texte``."""
    return {"controlType": "sap.m.Text", "properties": {"text": texte}}


def cellules(cadre: Frame, tableau: Locator, colonne: str, cles: dict[str, str] | None = None,
             rang: int | None = None) -> Locator:
    """The cells under header ``colonne`` of the rows whose cells read ``cles`` (column → exact text),
    or of the ``rang``-th row (from 0). When no row does, the rows showing those texts: a Locator
    that matches nothing and says what was looked for."""
    cles = cles or {}
    ids = _lire(tableau, colonne, cles, rang)["ids"]
    if not ids:
        return lignes(cadre, tableau, *cles.values())
    return tableau.locator(", ".join(f'[id="{i}"]' for i in ids))
