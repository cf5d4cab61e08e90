"""Reading XLSX exports: 2 preamble rows, code + label pairs headed once, ``#``, Excel dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from recette.donnees import ErreurExport, lire_export


def classeur(dossier: Path, lignes: list[list[Any]], nom: str = "export.xlsx") -> Path:
    import openpyxl

    livre = openpyxl.Workbook()
    feuille = livre.active
    for ligne in lignes:
        feuille.append(ligne)
    chemin = dossier / nom
    livre.save(chemin)
    return chemin


ENTETE = ["Centre financier", None, "N° EJ", "Date comptable du SF", "Date de base de la DP", "Montant engagé"]
PREAMBULE = [["INF-BUD-53 : Pilotage de la gestion - Vue détaillée"], ["Dernière MàJ des données :", "03.02.2026 05:32:09"]]


def test_xlsx_comme_un_csv(tmp_path: Path) -> None:
    chemin = classeur(tmp_path, [*PREAMBULE, ENTETE,
                                 ["BG00/0150-CSUP-DR75", "DR Île-de-France", "2103105755", dt.datetime(2026, 2, 3),
                                  46056, 1234567.89],
                                 ["BG00/0150-CSUP-DR75", "DR Île-de-France", 2103105756, "15/12/2025", "#", "-12,00"],
                                 ["Résultat", None, None, None, None, 1234555.89],
                                 ["BG00/0217-SGAC-ASPR", "#", "0103105757", None, None, 0.1]])
    lu = lire_export(chemin)
    assert lu.colonnes == ("Centre financier", "Centre financier (2)", "N° EJ", "Date comptable du SF",
                           "Date de base de la DP", "Montant engagé")
    assert lu.preambule.restitution.startswith("INF-BUD-53") and lu.preambule.date_donnees.year == 2026
    assert lu.lignes == 3 and lu.sous_totaux == 1
    assert lu.table["N° EJ"].to_pylist() == ["2103105755", "2103105756", "0103105757"]
    assert lu.table["Centre financier (2)"].to_pylist() == ["DR Île-de-France", "DR Île-de-France", None]
    assert lu.table["Date comptable du SF"].to_pylist() == [dt.date(2026, 2, 3), dt.date(2025, 12, 15), None]
    assert lu.table["Date de base de la DP"].to_pylist() == [dt.date(2026, 2, 3), None, None]
    assert lu.table["Montant engagé"].to_pylist() == [123456789, -1200, 10]


def test_xlsx_montant_invalide_nomme_la_ligne(tmp_path: Path) -> None:
    chemin = classeur(tmp_path, [*PREAMBULE, ENTETE, ["BG00/0150-CSUP-DR75", "x", "1", None, None, 12.5],
                                 ["BG00/0150-CSUP-DR75", "x", "2", None, None, "douze"]])
    with pytest.raises(ErreurExport, match=r"export.xlsx, ligne 5, colonne 6 « Montant engagé » : valeur invalide "
                                           "« douze »"):
        lire_export(chemin, montants=["Montant engagé"])


def test_xlsx_illisible(tmp_path: Path) -> None:
    chemin = tmp_path / "faux.xlsx"
    chemin.write_text("pas un classeur")
    with pytest.raises(ErreurExport, match="faux.xlsx : classeur XLSX illisible"):
        lire_export(chemin)
