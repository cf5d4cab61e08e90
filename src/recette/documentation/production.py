"""All the documents of a run: a mode opératoire per feature and the index of the folder."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from recette.documentation import document, note, rendu
from recette.documentation import fiches as fiches_ecrans
from recette.documentation.document import ErreurDocumentation, ModeOperatoire


@dataclass
class Production:
    """What was written, for the console and the tests."""

    documents: list[ModeOperatoire] = field(default_factory=list)
    fiches: list[fiches_ecrans.Fiche] = field(default_factory=list)
    fichiers: list[Path] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)

    @property
    def echecs(self) -> int:
        return sum(d.echecs for d in self.documents)

    def resume(self) -> str:
        procedures = sum(len(d.procedures) for d in self.documents)
        lignes = [(f"Documentation utilisateur : {len(self.documents)} mode(s) opératoire(s), {procedures} "
                  f"procédure(s), {self.echecs} en échec, {len(self.fiches)} fiche(s) d'écran")]
        lignes += [f"  {f} ({_ko(f)})" for f in self.fichiers]
        return "\n".join(lignes)


def _ko(fichier: Path) -> str:
    octets = fichier.stat().st_size
    return f"{octets / 1_000_000:.1f} Mo".replace(".", ",") if octets >= 1_000_000 else f"{octets // 1000} Ko"


#: Documents written at once: Pillow encodes and Chromium prints outside Python's lock, so threads
#: use every core (a campaign of 55 features: about twice as fast on two cores).
PARALLELE = min(4, os.cpu_count() or 1)


def _ecrire_un(groupe: list[document.Enregistrement], sortie: Path, format_: str, release: str, date: str,
               chromium: str | None) -> tuple[ModeOperatoire, list[Path]]:
    """The mode opératoire of one feature, written unless none of its scenarios acts on screen."""
    doc = document.mode_operatoire(groupe, release)
    if all(p.rien_a_montrer for p in doc.procedures):
        return doc, []
    return doc, rendu.ecrire(doc, sortie, format_, date, chromium)


def produire(enregistrements: Path, sortie: Path, format_: str, release: str, genere_le: str | None = None,
             chromium: str | None = None) -> Production:
    """Read the recordings, write every document in ``sortie`` (the features in parallel, the result in
    the order of the features whatever the order they finish in)."""
    from recette.navigateur import chemin_chromium
    from recette.rapport.environnement import maintenant

    date, chromium = genere_le or maintenant(), chromium or chemin_chromium()
    production = Production()
    tous = document.lire(enregistrements)
    groupes = document.par_fonctionnalite(tous)
    with ThreadPoolExecutor(max_workers=PARALLELE) as pool:
        ecrits = list(pool.map(lambda g: _ecrire_un(g, sortie, format_, release, date, chromium), groupes.values()))
    for fichier, (doc, fichiers) in zip(groupes, ecrits, strict=True):
        production.avertissements += [f"{fichier} : {a}" for a in doc.avertissements]
        if not fichiers:
            production.avertissements.append(f"{fichier} : aucun scénario n'agit à l'écran (aucune étape « Quand »), "
                                             "pas de mode opératoire")
            continue
        production.documents.append(doc)
        production.fichiers += fichiers
    if not production.documents:
        raise ErreurDocumentation("aucun mode opératoire à écrire : aucun scénario enregistré n'agit à l'écran")
    production.fiches = fiches_ecrans.etablir(tous)
    if production.fiches:
        production.fichiers += rendu.ecrire_fiches(production.fiches, sortie, format_, release, date,
                                                   chromium)
    production.fichiers.append(rendu.ecrire_texte(sortie / "index.html", index(production.documents, format_, date,
                                                                                 bool(production.fiches))))
    return production


def produire_note(enregistrements: Path, sortie: Path, release: str, evolutions: tuple[str, ...],
                  resultats: Path | None, genere_le: str | None = None) -> Path:
    """Write the note de version of ``release`` (``note-de-version-<release>.html``)."""
    from recette.rapport.environnement import maintenant

    contenu = note.etablir(release, evolutions, document.lire(enregistrements), resultats)
    if not contenu.evolutions:
        raise ErreurDocumentation(f"la release « {release} » ne déclare aucune évolution dans recette.yaml")
    return rendu.ecrire_texte(sortie / f"note-de-version-{release}.html", rendu.html_note(contenu, genere_le or maintenant()))


def index(documents: list[ModeOperatoire], format_: str, genere_le: str, avec_fiches: bool = False) -> str:
    """The folder's index page: each mode opératoire, its procedures, its failures; the fiches."""
    extensions = {rendu.HTML: ["html"], rendu.PDF: ["pdf"], rendu.DIAPOSITIVES: ["diapositives.html"]}.get(
        format_, ["html", "pdf"])
    lignes = []
    for doc in documents:
        liens = " ".join(f'<a href="{escape(doc.nom)}{"-" if "." in e else "."}{e}">{e.split(".")[0].upper()}</a>'
                         for e in extensions)
        echec = f' <strong style="color:#ce0500">{doc.echecs} en ÉCHEC</strong>' if doc.echecs else ""
        lignes.append(f"<li>{escape(doc.titre)} — {len(doc.procedures)} procédure(s){echec} — {liens}</li>")
    return ('<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Documentation utilisateur</title>'
            '<style>body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:200mm;margin:10mm auto}'
            'h1{color:#000091}a{color:#000091}li{margin:1.5mm 0}</style></head><body>'
            f"<h1>Documentation utilisateur — modes opératoires</h1><p>Release {escape(documents[0].release)} — "
            f'établie le <span class="date">{escape(genere_le)}</span></p><ul>{"".join(lignes)}</ul>'
            + (f'<p><a href="{rendu.FICHES}.html">Fiches descriptives des écrans</a></p>' if avec_fiches else "")
            + "</body></html>\n")
