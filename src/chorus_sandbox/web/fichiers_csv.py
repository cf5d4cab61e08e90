"""Uploaded CSV files: their bytes from a form, their text, and a loi de finances file's lines.

A loi de finances file (``programme;titre;ae;cp;etpt``) is read by the LFI screen and by the
LFR screen of the régulation; every refusal names the line of the file. The habilitations
import decodes its file here too (web/api_habilitations.py).
"""

from __future__ import annotations

import csv
import io

from fastapi import UploadFile

from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine.codes import verifier_code, verifier_titre
from chorus_sandbox.domaine.erreurs import DonneeInvalide
from chorus_sandbox.domaine.montants import format_montant as fm
from chorus_sandbox.web.formulaires import entier_saisi, montant_saisi

#: Columns of a loi de finances file, in order (``etpt`` may be left out).
COLONNES_LOI = ("programme", "titre", "ae", "cp", "etpt")


def contenu_televerse(fichier: UploadFile | None) -> bytes:
    """The uploaded file's bytes (read synchronously: the route runs in FastAPI's thread pool)."""
    if fichier is None or not fichier.filename:
        raise DonneeInvalide("Fichier : aucun fichier CSV transmis")
    contenu = fichier.file.read()
    if not contenu.strip():
        raise DonneeInvalide(f"Fichier : « {fichier.filename} » est vide")
    return contenu


def texte_csv(contenu: bytes) -> str:
    """CSV files come in UTF-8 (with or without BOM) or, from Excel, in cp1252."""
    for encodage in ("utf-8-sig", "cp1252"):
        try:
            return contenu.decode(encodage)
        except UnicodeDecodeError:
            continue
    raise DonneeInvalide("Fichier CSV : encodage non reconnu (UTF-8 ou Windows-1252 attendu)")


def _lignes_csv(contenu: bytes) -> list[tuple[int, dict[str, str]]]:
    """The non-empty rows of ``programme;titre;ae;cp;etpt``, each with its line number."""
    try:
        rangees = list(csv.reader(io.StringIO(texte_csv(contenu), newline=""), delimiter=";"))
    except csv.Error as exc:
        raise DonneeInvalide(f"Fichier CSV illisible : {exc}") from None
    lecteur = iter(rangees)
    entete = [c.strip().lower() for c in next(lecteur, [])]
    manquantes = [c for c in COLONNES_LOI[:4] if c not in entete]
    if manquantes:
        raise DonneeInvalide(f"Fichier CSV, ligne 1 : colonne(s) manquante(s) : {', '.join(manquantes)} "
                             f"(en-tête attendu : {';'.join(COLONNES_LOI)})")
    lignes = [(n, dict(zip(entete, (c.strip() for c in cellules), strict=False)))
              for n, cellules in enumerate(lecteur, start=2) if any(c.strip() for c in cellules)]
    if not lignes:
        raise DonneeInvalide("Fichier CSV : aucune ligne de crédits après l'en-tête")
    return lignes


def _ligne_loi(valeurs: dict[str, str], programmes: set[str], negatifs: bool = False) -> op.LigneLoi:
    """One line of a loi de finances file; ``negatifs``: cancellations allowed (LFR)."""
    programme = verifier_code("programme", valeurs.get("programme") or "")
    if programme not in programmes:
        raise DonneeInvalide(f"programme inconnu du référentiel : {programme}")
    titre = verifier_titre(valeurs.get("titre") or "")
    ae, cp = (montant_saisi(valeurs.get(c) or "", c.upper()) for c in ("ae", "cp"))
    if not negatifs and (ae < 0 or cp < 0):
        raise DonneeInvalide(f"montant négatif (AE {fm(ae)}, CP {fm(cp)})")
    etpt = entier_saisi((valeurs.get("etpt") or "0").replace(" ", "").replace("\u00a0", ""))
    if etpt is None:
        raise DonneeInvalide(f"ETPT : « {valeurs.get('etpt')} » n'est pas un nombre entier positif")
    return op.LigneLoi(programme, titre, ae, cp, etpt)


def lire_fichier_loi(contenu: bytes, programmes: set[str], negatifs: bool = False) -> list[op.LigneLoi]:
    """Parse an uploaded loi de finances CSV; every error names the line of the file."""
    lignes: list[op.LigneLoi] = []
    vues: dict[tuple[str, str], int] = {}
    for numero, valeurs in _lignes_csv(contenu):
        try:
            ligne = _ligne_loi(valeurs, programmes, negatifs)
        except DonneeInvalide as exc:
            raise DonneeInvalide(f"Fichier CSV, ligne {numero} : {exc.message}") from None
        cle = (ligne.programme, ligne.titre)
        if cle in vues:
            raise DonneeInvalide(f"Fichier CSV, ligne {numero} : programme {cle[0]} titre {cle[1]} "
                                 f"déjà présent ligne {vues[cle]}")
        vues[cle] = numero
        lignes.append(ligne)
    return lignes
