"""``recette etapes``: the catalogue of step sentences, in text, JSON or one searchable HTML page."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from itertools import groupby
from typing import Any

from recette.contextes import designation
from recette.etiquettes import DOMAINES
from recette.outils.definitions import Definition

FORMATS = ("texte", "json", "html")
LIBELLES_DOMAINES = {**DOMAINES, "commun": "Phrases communes"}
_CHAMP = re.compile(r"\{(\w+)\}")


def entree(definition: Definition) -> dict[str, Any]:
    """One sentence of the catalogue (the JSON object of ``--format json``)."""
    return {
        "phrase": definition.gabarit,
        "mot_cle": definition.mot_cle,
        "parametres": [{"nom": p.nom, "type": p.type, "format": p.format, **({"valeurs": list(p.valeurs)}
                                                                              if p.valeurs else {})}
                       for p in definition.parametres],
        "requiert": [designation(nom) for nom in definition.besoins.requiert],
        "produit": [designation(nom) for nom in definition.besoins.produit],
        "description": definition.description,
        "exemple": definition.exemple,
        "domaine": definition.domaine,
        "fichier": definition.fichier,
        "ligne": definition.ligne,
    }


def _contexte(definition: Definition) -> list[str]:
    """« Demande : cet engagement. Produit : cette demande de paiement. » as lines (none when neither)."""
    lignes = []
    if definition.besoins.requiert:
        lignes.append("demande : " + ", ".join(designation(n) for n in definition.besoins.requiert)
                      + " (produit par une étape précédente)")
    if definition.besoins.produit:
        lignes.append("produit : " + ", ".join(designation(n) for n in definition.besoins.produit)
                      + " (pour les étapes suivantes)")
    return lignes


def _par_domaine(definitions: Sequence[Definition]) -> list[tuple[str, list[Definition]]]:
    ordre = list(LIBELLES_DOMAINES)
    rang = {d: ordre.index(d) if d in ordre else len(ordre) for d in {x.domaine for x in definitions}}
    tries = sorted(definitions, key=lambda d: (rang[d.domaine], d.domaine))
    return [(domaine, list(groupe)) for domaine, groupe in groupby(tries, key=lambda d: d.domaine)]


def libelle(domaine: str) -> str:
    return LIBELLES_DOMAINES.get(domaine, domaine.replace("_", " ").capitalize())


def en_json(definitions: Sequence[Definition]) -> str:
    return json.dumps([entree(d) for d in definitions], ensure_ascii=False, indent=2) + "\n"


def en_texte(definitions: Sequence[Definition]) -> str:
    lignes = []
    for domaine, groupe in _par_domaine(definitions):
        lignes += [f"== {libelle(domaine)} ({domaine}) : {len(groupe)} phrase(s) ==", ""]
        for d in groupe:
            lignes.append(f"{d.mot_cle} {d.gabarit}")
            lignes += [f"    {{{p.nom}}} : {p.format}" for p in d.parametres]
            lignes += [f"    {ligne}" for ligne in _contexte(d)]
            lignes += [f"    {ligne}" for ligne in d.description.splitlines() if ligne.strip()]
            if d.exemple:
                lignes.append(f"    Exemple : {d.exemple}")
            lignes += [f"    ({d.lieu})", ""]
    lignes.append(f"{len(definitions)} phrase(s).")
    return "\n".join(lignes) + "\n"


def _phrase_html(definition: Definition) -> str:
    """The readable template, each parameter highlighted with its type."""
    types = {p.nom: p.type for p in definition.parametres}
    morceaux, debut = [], 0
    for champ in _CHAMP.finditer(definition.gabarit):
        cle = champ[1]
        morceaux.append(html.escape(definition.gabarit[debut:champ.start()]))
        morceaux.append(f'<span class="param" title="{html.escape(types.get(cle, ""))}">'
                        f'{html.escape(cle)}<span class="type">{html.escape(types.get(cle, ""))}</span></span>')
        debut = champ.end()
    morceaux.append(html.escape(definition.gabarit[debut:]))
    return "".join(morceaux)


def _details_html(definition: Definition) -> str:
    """Each parameter's format or allowed values, and what the sentence needs and produces."""
    items = [f"<li><b>{html.escape(p.nom)}</b> : {html.escape(p.format)}</li>" for p in definition.parametres]
    items += [f'<li class="contexte">{html.escape(ligne)}</li>' for ligne in _contexte(definition)]
    return f'<ul class="details">{"".join(items)}</ul>' if items else ""


def _article(definition: Definition) -> str:
    recherche = " ".join([definition.mot_cle, definition.gabarit, definition.description, definition.exemple,
                          definition.domaine, libelle(definition.domaine), *_contexte(definition)])
    description = "".join(f"<p>{html.escape(p)}</p>" for p in definition.description.split("\n\n") if p.strip())
    exemple = f'<pre class="exemple">{html.escape(definition.exemple)}</pre>' if definition.exemple else ""
    return (f'<article class="etape" data-recherche="{html.escape(recherche.lower())}">'
            f'<h3><span class="mot-cle">{html.escape(definition.mot_cle)}</span> {_phrase_html(definition)}</h3>'
            f'{_details_html(definition)}{description}{exemple}<p class="lieu">{html.escape(definition.lieu)}</p></article>')


def en_html(definitions: Sequence[Definition]) -> str:
    sections = []
    for domaine, groupe in _par_domaine(definitions):
        articles = "".join(_article(d) for d in groupe)
        sections.append(f'<section class="domaine"><h2>{html.escape(libelle(domaine))} '
                        f'<small>({len(groupe)})</small></h2>{articles}</section>')
    return _PAGE.replace("{{total}}", str(len(definitions))).replace("{{sections}}", "".join(sections))


def rendre(definitions: Sequence[Definition], format_: str) -> str:
    return {"texte": en_texte, "json": en_json, "html": en_html}[format_](definitions)


_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Catalogue des phrases de la recette Chorus</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem 2rem; color: #1e1e1e; }
header { position: sticky; top: 0; background: #fff; padding: .5rem 0 1rem; border-bottom: 1px solid #ddd; }
h1 { font-size: 1.4rem; margin: .2rem 0 .6rem; }
#recherche { width: 100%; font-size: 1.1rem; padding: .5rem; box-sizing: border-box; }
#compte { color: #555; font-size: .9rem; margin-top: .3rem; }
h2 { font-size: 1.15rem; margin-top: 1.8rem; color: #000091; }
h2 small { color: #666; font-weight: normal; }
.etape { border-left: 4px solid #000091; padding: .2rem .8rem; margin: .8rem 0; background: #f6f6f6; }
.etape h3 { font-size: 1rem; font-weight: normal; margin: .4rem 0; font-family: ui-monospace, monospace; }
.mot-cle { font-weight: bold; color: #000091; }
.param { background: #fee9c5; border-radius: 3px; padding: 0 .2rem; }
.param .type { font-size: .75rem; color: #8a4b00; margin-left: .3rem; }
.exemple { background: #fff; border: 1px solid #ddd; padding: .4rem; white-space: pre-wrap; margin: .3rem 0; }
.details { margin: .2rem 0; padding-left: 1.2rem; font-size: .9rem; }
.details .contexte { color: #000091; }
.lieu { color: #777; font-size: .8rem; margin: .2rem 0; }
.cache { display: none; }
</style>
</head>
<body>
<header>
<h1>Catalogue des phrases de la recette Chorus</h1>
<input id="recherche" type="search" placeholder="Rechercher une phrase (ex. « engage », « Montant », « tranche »)"
       aria-label="Rechercher une phrase" autofocus>
<div id="compte" aria-live="polite">{{total}} phrase(s)</div>
</header>
<main>{{sections}}</main>
<script>
(function () {
  var champ = document.getElementById("recherche"), compte = document.getElementById("compte");
  var sansAccents = function (t) { return t.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase(); };
  var etapes = Array.prototype.slice.call(document.querySelectorAll(".etape"));
  etapes.forEach(function (e) { e.dataset.cle = sansAccents(e.dataset.recherche); });
  champ.addEventListener("input", function () {
    var mots = sansAccents(champ.value).split(/\\s+/).filter(Boolean), visibles = 0;
    etapes.forEach(function (e) {
      var garde = mots.every(function (m) { return e.dataset.cle.indexOf(m) >= 0; });
      e.classList.toggle("cache", !garde);
      if (garde) { visibles += 1; }
    });
    document.querySelectorAll(".domaine").forEach(function (s) {
      s.classList.toggle("cache", !s.querySelector(".etape:not(.cache)"));
    });
    compte.textContent = visibles + " phrase(s) sur " + etapes.length;
  });
}());
</script>
</body>
</html>
"""
