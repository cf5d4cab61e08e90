"""All the documents of a run: a mode opératoire per feature and the index of the folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from recette.documentation import document, rendu
from recette.documentation.document import ErreurDocumentation, ModeOperatoire


@dataclass
class Production:
    """What was written, for the console and the tests."""

    documents: list[ModeOperatoire] = field(default_factory=list)
    fichiers: list[Path] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)

    @property
    def echecs(self) -> int:
        return sum(d.echecs for d in self.documents)

    def resume(self) -> str:
        procedures = sum(len(d.procedures) for d in self.documents)
        lignes = [(f"Documentation utilisateur : {len(self.documents)} mode(s) opératoire(s), {procedures} "
                  f"procédure(s), {self.echecs} en échec")]
        lignes += [f"  {f} ({_ko(f)})" for f in self.fichiers]
        return "\n".join(lignes)


def _ko(fichier: Path) -> str:
    octets = fichier.stat().st_size
    return f"{octets / 1_000_000:.1f} Mo".replace(".", ",") if octets >= 1_000_000 else f"{octets // 1000} Ko"


def produire(enregistrements: Path, sortie: Path, format_: str, release: str, genere_le: str | None = None,
             chromium: str | None = None) -> Production:
    """Read the recordings, write every document in ``sortie``."""
    from recette.navigateur import chemin_chromium
    from recette.rapport.environnement import maintenant

    date = genere_le or maintenant()
    production = Production()
    for fichier, groupe in document.par_fonctionnalite(document.lire(enregistrements)).items():
        doc = document.mode_operatoire(groupe, release)
        production.avertissements += [f"{fichier} : {a}" for a in doc.avertissements]
        if all(p.rien_a_montrer for p in doc.procedures):
            production.avertissements.append(f"{fichier} : aucun scénario n'agit à l'écran (aucune étape « Quand »), "
                                             "pas de mode opératoire")
            continue
        production.documents.append(doc)
        production.fichiers += rendu.ecrire(doc, sortie, format_, date, chromium or chemin_chromium())
    if not production.documents:
        raise ErreurDocumentation("aucun mode opératoire à écrire : aucun scénario enregistré n'agit à l'écran")
    production.fichiers.append(rendu.ecrire_texte(sortie / "index.html", index(production.documents, format_, date)))
    return production


def index(documents: list[ModeOperatoire], format_: str, genere_le: str) -> str:
    """The folder's index page: each mode opératoire, its procedures, its failures."""
    extensions = {rendu.HTML: ["html"], rendu.PDF: ["pdf"]}.get(format_, ["html", "pdf"])
    lignes = []
    for doc in documents:
        liens = " ".join(f'<a href="{escape(doc.nom)}.{e}">{e.upper()}</a>' for e in extensions)
        echec = f' <strong style="color:#ce0500">{doc.echecs} en ÉCHEC</strong>' if doc.echecs else ""
        lignes.append(f"<li>{escape(doc.titre)} — {len(doc.procedures)} procédure(s){echec} — {liens}</li>")
    return ('<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Documentation utilisateur</title>'
            '<style>body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:200mm;margin:10mm auto}'
            'h1{color:#000091}a{color:#000091}li{margin:1.5mm 0}</style></head><body>'
            f"<h1>Documentation utilisateur — modes opératoires</h1><p>Release {escape(documents[0].release)} — "
            f'établie le <span class="date">{escape(genere_le)}</span></p><ul>{"".join(lignes)}</ul></body></html>\n')
