"""Rendering a :class:`ResultatComparaison`: French text summary, CSV of the gaps, HTML diff.

Rendering never computes: it reads the counts and the materialised details of the result.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from recette.donnees import valeurs as v
from recette.donnees.comparaison import ResultatComparaison
from recette.donnees.extraits import ATTENDU, COLONNE, COTE, ECART, OBTENU, OCCURRENCES, PAIRE

OPTION_REGENERER = "--recette-regenerer-attendus"
EXEMPLES = 5
LIGNES_HTML = 1000


def _nombre(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _liste(noms: Sequence[str]) -> str:
    return ", ".join(f"« {n} »" for n in noms) if noms else "aucune"


def _tolerances(resultat: ResultatComparaison) -> str:
    return ", ".join(f"{c} ± {v.format_centimes(t)} €" for c, t in resultat.tolerances.items() if t)


def _cle(ligne: dict[str, Any], cles: Sequence[str]) -> str:
    return ", ".join(f"{c} {ligne[c]}" for c in cles)


# --- Text ---------------------------------------------------------------------------------------
def resume_texte(resultat: ResultatComparaison, exemples: int = EXEMPLES) -> str:
    """A short French summary: verdict, counts, a few examples, and how to regenerate."""
    r = resultat
    lignes = [f"Comparaison de {r.obtenu} (obtenu) avec {r.attendu} (attendu)",
              f"Clés : {', '.join(r.cles)}" + (f" ; tolérances : {_tolerances(r)}" if _tolerances(r) else ""),
              f"Lignes : {_nombre(r.lignes_attendues)} attendues, {_nombre(r.lignes_obtenues)} obtenues", ""]
    if r.conforme:
        return "\n".join(lignes + [f"Verdict : CONFORME (aucun écart sur {_nombre(r.lignes_attendues)} lignes)"]) + "\n"
    lignes += ["Verdict : NON CONFORME", *_comptes(r), "", "Exemples :", *_exemples(r, exemples), "",
               *_regenerer()]
    return "\n".join(lignes) + "\n"


def _comptes(r: ResultatComparaison) -> list[str]:
    lignes = [f"  Lignes manquantes (attendues, absentes de l'obtenu) : {_nombre(r.lignes_manquantes)}",
              f"  Lignes en trop (obtenues, absentes de l'attendu) : {_nombre(r.lignes_en_trop)}",
              (f"  Clés en double : {_nombre(r.cles_en_double_attendu)} dans l'attendu, "
               f"{_nombre(r.cles_en_double_obtenu)} dans l'obtenu"),
              f"  Cellules différentes : {_nombre(r.cellules_differentes)}"]
    lignes += [f"    {colonne} : {_nombre(n)}" for colonne, n in r.ecarts_par_colonne.items()]
    return lignes + [f"  Colonnes manquantes : {_liste(r.colonnes_manquantes)}",
                     f"  Colonnes en trop : {_liste(r.colonnes_en_trop)}"]


def _exemples(r: ResultatComparaison, nombre: int) -> list[str]:
    d = r.details
    lignes = [f"  Ligne manquante : {_cle(x, d.cles)}" for x in d.manquantes.slice(0, nombre).to_pylist()]
    lignes += [f"  Ligne en trop : {_cle(x, d.cles)}" for x in d.en_trop.slice(0, nombre).to_pylist()]
    lignes += [f"  Clé en double dans l'{x[COTE]} : {_cle(x, d.cles)} ({x[OCCURRENCES]} fois)"
               for x in d.doublons.slice(0, nombre).to_pylist()]
    for x in d.cellules.slice(0, nombre).to_pylist():
        ecart = f" (écart {x[ECART]})" if x[ECART] else ""
        lignes.append(f"  {x[COLONNE]} [{_cle(x, d.cles)}] : attendu {x[ATTENDU]}, obtenu {x[OBTENU]}{ecart}")
    return lignes or ["  (colonnes seulement)"]


def _regenerer() -> list[str]:
    return ["Si l'obtenu est la nouvelle référence (écart voulu), régénérez l'attendu :",
            f"  pytest {OPTION_REGENERER} …   (refusé en CI ; ou regenerer_attendu(obtenu, attendu) en Python)",
            "puis relisez le diff de l'attendu avant de le valider."]


# --- CSV ----------------------------------------------------------------------------------------
ENTETE_CSV = ("Type", "Colonne", "Attendu", "Obtenu", "Écart")


def ecarts_csv(resultat: ResultatComparaison) -> str:
    """Every materialised gap, one per line (``;``, French values): type, key columns, column,
    expected, obtained, gap."""
    d = resultat.details
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\n")
    ecrivain.writerow([ENTETE_CSV[0], *d.cles, *ENTETE_CSV[1:]])
    for type_, ligne in _lignes_csv(resultat):
        ecrivain.writerow([type_, *[ligne.get(c, "") for c in d.cles],
                           *[ligne.get(c, "") for c in ENTETE_CSV[1:]]])
    return tampon.getvalue()


def _lignes_csv(r: ResultatComparaison) -> Iterable[tuple[str, dict[str, Any]]]:
    d = r.details
    yield from (("colonne manquante", {"Colonne": c}) for c in r.colonnes_manquantes)
    yield from (("colonne en trop", {"Colonne": c}) for c in r.colonnes_en_trop)
    yield from (("ligne manquante", x) for x in d.manquantes.to_pylist())
    yield from (("ligne en trop", x) for x in d.en_trop.to_pylist())
    yield from ((f"clé en double ({x[COTE]})", {**x, "Attendu" if x[COTE] == "attendu" else "Obtenu":
                                               f"{x[OCCURRENCES]} occurrences"}) for x in d.doublons.to_pylist())
    yield from (("cellule différente", x) for x in d.cellules.to_pylist())


# --- HTML ---------------------------------------------------------------------------------------
_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem;color:#1e1e1e}
h1{font-size:1.4rem;margin:0 0 .3rem} h2{font-size:1.1rem;margin:1.6rem 0 .4rem}
.verdict{display:inline-block;padding:.3rem .8rem;border-radius:4px;font-weight:700;color:#fff}
.conforme{background:#18753c} .ecarts{background:#ce0500}
table{border-collapse:collapse;font-size:.85rem;margin:.3rem 0}
th,td{border:1px solid #ccc;padding:.2rem .45rem;text-align:left;white-space:nowrap;vertical-align:top}
th{background:#f0f0f0;position:sticky;top:0} td.n{text-align:right}
td.cle{font-weight:600;background:#fafafa}
td.att{background:#ffe9e9} td.obt{background:#e3fbe3}
td.att span,td.obt span{font-family:ui-monospace,monospace}
td.egal{color:#999} td.obt small{color:#555} .note{color:#555;font-size:.85rem}
"""


def ecarts_html(resultat: ResultatComparaison, lignes_max: int = LIGNES_HTML) -> str:
    """A self-contained HTML page: verdict, counts, changed cells side by side, missing/extra keys."""
    r = resultat
    titre = f"Comparaison : {escape(r.obtenu)} / {escape(r.attendu)}"
    verdict = ('<span class="verdict conforme">CONFORME</span>' if r.conforme
               else '<span class="verdict ecarts">NON CONFORME</span>')
    corps = [f"<h1>{titre}</h1>", f"<p>{verdict}</p>", _html_comptes(r)]
    if not r.conforme:
        corps += [_html_cellules(r, lignes_max), _html_lignes(r, "Lignes manquantes", r.details.manquantes,
                                                              r.lignes_manquantes, lignes_max),
                  _html_lignes(r, "Lignes en trop", r.details.en_trop, r.lignes_en_trop, lignes_max),
                  _html_doublons(r, lignes_max), f"<p class=\"note\">{escape(' '.join(_regenerer()))}</p>"]
    return ("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
            f"<title>{titre}</title><style>{_STYLE}</style></head><body>\n"
            + "\n".join(c for c in corps if c) + "\n</body></html>\n")


def _html_comptes(r: ResultatComparaison) -> str:
    lignes = [("Attendu", escape(r.attendu)), ("Obtenu", escape(r.obtenu)), ("Clés", escape(", ".join(r.cles))),
              ("Tolérances", escape(_tolerances(r) or "aucune")),
              ("Lignes attendues", _nombre(r.lignes_attendues)), ("Lignes obtenues", _nombre(r.lignes_obtenues)),
              ("Lignes manquantes", _nombre(r.lignes_manquantes)), ("Lignes en trop", _nombre(r.lignes_en_trop)),
              ("Clés en double", (f"{_nombre(r.cles_en_double_attendu)} dans l'attendu, "
                                  f"{_nombre(r.cles_en_double_obtenu)} dans l'obtenu")),
              ("Cellules différentes", _nombre(r.cellules_differentes)),
              *[(f"&nbsp;&nbsp;{escape(c)}", _nombre(n)) for c, n in r.ecarts_par_colonne.items()],
              ("Colonnes manquantes", escape(_liste(r.colonnes_manquantes))),
              ("Colonnes en trop", escape(_liste(r.colonnes_en_trop)))]
    return "<table>" + "".join(f"<tr><th>{k}</th><td>{val}</td></tr>" for k, val in lignes) + "</table>"


def _note(affichees: int, total: int) -> str:
    if affichees >= total:
        return ""
    return f'<p class="note">{_nombre(affichees)} premières sur {_nombre(total)} (liste complète : ecarts.csv).</p>'


def _html_cellules(r: ResultatComparaison, lignes_max: int) -> str:
    """One row per differing row: its key, then expected / obtained side by side for each column
    that differs somewhere; the differing cells are coloured, equal ones left blank."""
    d = r.details
    if not d.cellules.num_rows:
        return ""
    par_paire: dict[int, dict[str, dict[str, Any]]] = {}
    for x in d.cellules.to_pylist():
        if x[PAIRE] in par_paire or len(par_paire) < lignes_max:
            par_paire.setdefault(x[PAIRE], {})[x[COLONNE]] = x
    colonnes = [c for c in r.ecarts_par_colonne if any(c in cellules for cellules in par_paire.values())]
    tete = "".join(f"<th>{escape(c)}</th>" for c in d.cles) + \
        "".join(f'<th colspan="2">{escape(c)}</th>' for c in colonnes)
    sous_tete = "<th></th>" * len(d.cles) + "<th>attendu</th><th>obtenu</th>" * len(colonnes)
    rangees = [_rangee_cellules(d.cles, colonnes, cellules) for cellules in par_paire.values()]
    lignes_total = len({p for p in d.cellules.column(PAIRE).to_pylist()})
    return (f"<h2>Cellules différentes ({_nombre(r.cellules_differentes)})</h2>" + _note(len(par_paire), lignes_total)
            + f"<table><tr>{tete}</tr><tr>{sous_tete}</tr>" + "".join(rangees) + "</table>")


def _rangee_cellules(cles: Sequence[str], colonnes: Sequence[str], cellules: dict[str, dict[str, Any]]) -> str:
    premiere = next(iter(cellules.values()))
    html = "".join(f'<td class="cle">{escape(str(premiere[c]))}</td>' for c in cles)
    for colonne in colonnes:
        x = cellules.get(colonne)
        if x is None:
            html += '<td class="egal"></td><td class="egal"></td>'
        else:
            ecart = f" <small>({escape(x[ECART])})</small>" if x[ECART] else ""
            html += (f'<td class="att"><span>{escape(x[ATTENDU])}</span></td>'
                     f'<td class="obt"><span>{escape(x[OBTENU])}</span>{ecart}</td>')
    return f"<tr>{html}</tr>"


def _html_lignes(r: ResultatComparaison, titre: str, table: Any, total: int, lignes_max: int) -> str:
    if not total:
        return ""
    cles = r.details.cles
    colonnes = list(cles) + [c for c in table.column_names if c not in cles]
    tete = "".join(f"<th>{escape(c)}</th>" for c in colonnes)
    rangees = ["".join(f'<td class="{"cle" if c in cles else ""}">{escape(str(x[c]))}</td>' for c in colonnes)
               for x in table.slice(0, lignes_max).to_pylist()]
    return (f"<h2>{titre} ({_nombre(total)})</h2>" + _note(min(lignes_max, table.num_rows), total)
            + f"<table><tr>{tete}</tr>" + "".join(f"<tr>{x}</tr>" for x in rangees) + "</table>")


def _html_doublons(r: ResultatComparaison, lignes_max: int) -> str:
    table = r.details.doublons
    if not table.num_rows:
        return ""
    colonnes = [COTE, *r.details.cles, OCCURRENCES]
    tete = "".join(f"<th>{escape(c)}</th>" for c in colonnes)
    rangees = ["".join(f"<td>{escape(str(x[c]))}</td>" for c in colonnes)
               for x in table.slice(0, lignes_max).to_pylist()]
    total = r.cles_en_double_attendu + r.cles_en_double_obtenu
    return (f"<h2>Clés en double ({_nombre(total)})</h2>" + _note(min(lignes_max, table.num_rows), total)
            + f"<table><tr>{tete}</tr>" + "".join(f"<tr>{x}</tr>" for x in rangees) + "</table>")
