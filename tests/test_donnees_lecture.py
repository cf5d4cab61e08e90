"""Reading Chorus exports: every quirk of §8 of the domain notes, each on a small file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from aides_donnees import ENTETE, LIGNES, PREAMBULE, ecrire, ecrire_cellules, export
from recette.donnees import ErreurExport, ErreurSpec, lire_export
from recette.donnees.detection import noms_uniques

COLONNES = ("Centre financier", "Centre financier (2)", "N° EJ", "N° poste EJ", "Fournisseur payé (DP)",
            "Fournisseur payé (DP) (2)", "Date comptable du SF", "Montant engagé", "Montant payé")


def valeurs(chemin: Path, colonne: str, **options: object) -> list[object]:
    return lire_export(chemin, **options).table[colonne].to_pylist()  # type: ignore[arg-type]


# --- Preamble and header -------------------------------------------------------------------------
def test_preambule_garde_ses_metadonnees(tmp_path: Path) -> None:
    lu = lire_export(export(tmp_path))
    assert lu.preambule.restitution == "INF-BUD-53 : Pilotage de la gestion - Vue détaillée"
    assert lu.preambule.date_donnees == dt.datetime(2026, 2, 3, 5, 32, 9)
    assert lu.preambule.exercice == 2026
    assert lu.preambule.valeurs["Affichage"] == "Montants en euros"
    assert (lu.ligne_entete, lu.lignes, lu.colonnes) == (5, 3, COLONNES)


@pytest.mark.parametrize("nombre", range(2, 9))
def test_preambule_de_2_a_8_lignes(tmp_path: Path, nombre: int) -> None:
    preambule = [PREAMBULE[0], *[f"Filtre {i} :;Programme 0150" for i in range(nombre - 2)], "Exercice comptable;2026"]
    lu = lire_export(export(tmp_path, preambule=preambule))
    assert (lu.ligne_entete, lu.lignes, lu.colonnes[2]) == (nombre + 1, 3, "N° EJ")
    assert lu.preambule.exercice == 2026 and len(lu.preambule.lignes) == nombre


def test_preambule_rempli_jusqu_a_la_largeur_du_tableau(tmp_path: Path) -> None:
    """Exports saved by Excel pad every line with separators: the header is still found."""
    preambule = [ligne + ";" * (8 - ligne.count(";")) for ligne in PREAMBULE]
    lu = lire_export(export(tmp_path, preambule=preambule))
    assert (lu.ligne_entete, lu.lignes, lu.preambule.exercice) == (5, 3, 2026)


def test_sans_preambule(tmp_path: Path) -> None:
    lu = lire_export(export(tmp_path, preambule=()))
    assert (lu.ligne_entete, lu.lignes, lu.preambule.restitution) == (1, 3, None)


def test_entete_introuvable(tmp_path: Path) -> None:
    chemin = ecrire(tmp_path, "x.csv", ["a;;;"] * 60)
    with pytest.raises(ErreurExport, match="x.csv : ligne d'en-tête introuvable"):
        lire_export(chemin)


@pytest.mark.parametrize(("entete", "noms"), [
    (("A", "A", "B", "A"), ("A", "A (2)", "B", "A (3)")),
    (("A", "A (2)", "A"), ("A", "A (2)", "A (3)")),
    (("Fournisseur", "", "Montant"), ("Fournisseur", "Fournisseur (2)", "Montant")),
    (("", "B", " B "), ("Colonne 1", "B", "B (2)")),
])
def test_noms_repetes_rendus_uniques_de_facon_stable(entete: tuple[str, ...], noms: tuple[str, ...]) -> None:
    assert noms_uniques(entete) == noms


# --- Encodings and separators ---------------------------------------------------------------------
@pytest.mark.parametrize("encodage", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodages(tmp_path: Path, encodage: str) -> None:
    lu = lire_export(export(tmp_path, encodage=encodage))
    assert lu.encodage == encodage
    assert lu.table["Fournisseur payé (DP) (2)"].to_pylist() == ["SARL Œuvre & Cie", "Non affecté", "Régie – Fonds"]
    assert lu.preambule.restitution == "INF-BUD-53 : Pilotage de la gestion - Vue détaillée"


def test_cp1252_apres_un_debut_ascii(tmp_path: Path) -> None:
    """The first 256 KiB are ASCII (taken for UTF-8): a cp1252 byte further down is still read right."""
    lignes = [f"BG00/0150-CSUP-DR75;CF;{2100000000 + i};1;1000012345;Fournisseur;03.02.2026;12,00;1,00"
              for i in range(4000)]
    lignes.append("BG00/0150-CSUP-DR75;CF;2199999999;1;1000012345;Société générale;03.02.2026;12,00;1,00")
    lu = lire_export(export(tmp_path, lignes=lignes, preambule=(), encodage="cp1252"))
    assert lu.encodage == "cp1252" and lu.lignes == 4001
    assert lu.table["Fournisseur payé (DP) (2)"][-1].as_py() == "Société générale"


@pytest.mark.parametrize("separateur", [";", ",", "|"])
def test_separateurs(tmp_path: Path, separateur: str) -> None:
    cellules = [ENTETE.split(";"), *[ligne.replace('"', "").split(";") for ligne in LIGNES]]
    chemin = ecrire_cellules(tmp_path, "x.csv", [["INF-BUD-53"], *cellules], separateur)
    lu = lire_export(chemin)
    assert lu.separateur == separateur and lu.colonnes == COLONNES
    assert lu.table["Montant engagé"].to_pylist() == [123456789, -1200, 80728]


# --- Cells ---------------------------------------------------------------------------------------
def test_codes_en_texte_avec_leurs_zeros(tmp_path: Path) -> None:
    lu = lire_export(export(tmp_path))
    assert lu.table["N° EJ"].to_pylist() == ["2103105755", "2103105755", "0103105756"]
    assert lu.types["N° EJ"] == lu.types["N° poste EJ"] == lu.types["Fournisseur payé (DP)"] == "texte"


def test_diese_et_vide_sont_nuls(tmp_path: Path) -> None:
    lignes = [*LIGNES, "BG00/0150-CSUP-DR75;;2103105757;1;;;;;"]
    lu = lire_export(export(tmp_path, lignes=lignes))
    assert lu.table["Fournisseur payé (DP)"].to_pylist() == ["1000012345", None, "1000012346", None]
    assert lu.table["Date comptable du SF"].to_pylist()[1::2] == [None, None]
    assert lu.table["Montant engagé"].to_pylist()[3] is None
    assert lu.table["Fournisseur payé (DP) (2)"].to_pylist()[1] == "Non affecté"


def test_sous_totaux_hors_des_donnees(tmp_path: Path) -> None:
    lignes = [LIGNES[0], LIGNES[1], "Résultat;;;;;;;1 234 555,89;807,28",
              "BG00/0217-SGAC-ASPR;Action sociale;Résultat;;;;;10,00;0,00", LIGNES[2],
              "Résultat global;;;;;;;1 235 363,17;1 614,56"]
    lu = lire_export(export(tmp_path, lignes=lignes))
    assert lu.lignes == 3 and lu.sous_totaux == 3
    assert lu.table["N° EJ"].to_pylist() == ["2103105755", "2103105755", "0103105756"]


def test_sous_total_court_et_lignes_vides(tmp_path: Path) -> None:
    lignes = [LIGNES[0], "", ";;;;;;;;", LIGNES[1], "Résultat global;1 234 555,89"]
    lu = lire_export(export(tmp_path, lignes=lignes))
    assert lu.lignes == 2 and lu.sous_totaux == 1


def test_un_libelle_qui_commence_par_resultat_reste_une_donnee(tmp_path: Path) -> None:
    lignes = [LIGNES[0].replace("SARL Œuvre & Cie", "Résultats et Cie")]
    assert lire_export(export(tmp_path, lignes=lignes)).lignes == 1


@pytest.mark.parametrize(("texte", "centimes"), [
    ("1 234 567,89", 123456789), ("1\u00a0234\u00a0567,89", 123456789), ("1\u202f234\u202f567,89", 123456789),
    ('"807,28"', 80728), ("-12,00", -1200), ("12,5", 1250), ("12", 1200), ("-0,01", -1), ("0,00", 0),
    ("100 000 000 000,00", 10**13), ("-99 999 999 999,99", -9999999999999),
])
def test_montants_exacts(tmp_path: Path, texte: str, centimes: int) -> None:
    chemin = ecrire(tmp_path, "m.csv", ["Code;Montant", f"0150;{texte}"])
    lu = lire_export(chemin, montants=["Montant"])
    assert lu.table["Montant"].to_pylist() == [centimes]
    assert lu.donnees["Montant"].iloc[0] == Decimal(centimes).scaleb(-2)


@pytest.mark.parametrize("texte", ["12,345", "1.234,56", "abc", "12,3,4", "--1", "1 234 €", "99999999999999999999",
                                   "100 000 000 000 000,00"])
def test_montant_invalide_nomme_fichier_ligne_colonne(tmp_path: Path, texte: str) -> None:
    lignes = [LIGNES[0], "Résultat;;;;;;;1,00;1,00", "", LIGNES[1].replace("-12,00", texte), LIGNES[2]]
    chemin = export(tmp_path, lignes=lignes)
    with pytest.raises(ErreurExport) as erreur:
        lire_export(chemin, montants=["Montant engagé"])
    assert str(erreur.value).startswith(f"{chemin}, ligne 9, colonne 8 « Montant engagé » : valeur invalide « {texte} »")
    assert erreur.value.ligne == 9


@pytest.mark.parametrize("texte", ["03.02.2026", "03/02/2026"])
def test_dates(tmp_path: Path, texte: str) -> None:
    chemin = ecrire(tmp_path, "d.csv", ["Code;Date", f"0150;{texte}", "0151;29.02.2024", "0152;#"])
    assert valeurs(chemin, "Date") == [dt.date(2026, 2, 3), dt.date(2024, 2, 29), None]


@pytest.mark.parametrize("texte", ["31.02.2026", "29.02.2025", "3.2.2026", "2026-02-03", "03.02.26", "03.13.2026",
                                   "03.02/2026"])
def test_date_invalide(tmp_path: Path, texte: str) -> None:
    chemin = ecrire(tmp_path, "d.csv", ["Code;Date", "0150;01.01.2026", f"0151;{texte}"])
    with pytest.raises(ErreurExport, match=rf"d.csv, ligne 3, colonne 2 « Date » : valeur invalide « {texte} »"):
        lire_export(chemin, dates=["Date"])


def test_colonne_devinee_qui_ne_tient_pas_reste_du_texte(tmp_path: Path) -> None:
    """A column that looks like amounts in the first rows but not further down stays text."""
    lignes = ["Code;Taux"] + [f"{i:04d};{i},5" for i in range(30000)] + ["9999;sans objet"]
    lu = lire_export(ecrire(tmp_path, "t.csv", lignes))
    assert lu.types["Taux"] == "texte" and lu.table["Taux"][-1].as_py() == "sans objet"


def test_colonne_declaree_absente(tmp_path: Path) -> None:
    with pytest.raises(ErreurSpec, match="colonne « Montant AE » absente"):
        lire_export(export(tmp_path), montants=["Montant AE"])


def test_donnees_pandas(tmp_path: Path) -> None:
    df = lire_export(export(tmp_path)).donnees
    assert list(df.columns) == list(COLONNES)
    assert df["Montant engagé"].tolist() == [Decimal("1234567.89"), Decimal("-12.00"), Decimal("807.28")]
    assert df["Date comptable du SF"].tolist()[0] == dt.date(2026, 2, 3)
    assert df["N° EJ"].tolist()[2] == "0103105756"


# --- Malformed files ------------------------------------------------------------------------------
def test_fichier_introuvable(tmp_path: Path) -> None:
    with pytest.raises(ErreurExport, match="absent.csv : fichier introuvable"):
        lire_export(tmp_path / "absent.csv")


def test_fichier_vide(tmp_path: Path) -> None:
    with pytest.raises(ErreurExport, match="vide.csv : fichier vide"):
        lire_export(ecrire(tmp_path, "vide.csv", [""]))


@pytest.mark.parametrize(("ligne", "message"), [
    ("BG00/0150-CSUP-DR75;DR;2103105759;1;1000012345", (r"ligne 8, colonne 6 « Fournisseur payé \(DP\) \(2\) » "
                                                        "manquante : 5 champs au lieu de 9")),
    (LIGNES[0] + ";en trop", "ligne 8, colonne 10 en trop après « Montant payé » : 10 champs au lieu de 9"),
])
def test_ligne_de_mauvaise_largeur(tmp_path: Path, ligne: str, message: str) -> None:
    chemin = export(tmp_path, lignes=[LIGNES[0], LIGNES[1], ligne, LIGNES[2]])
    with pytest.raises(ErreurExport, match=message):
        lire_export(chemin)


def test_octet_illisible_en_cp1252(tmp_path: Path) -> None:
    corps = ("\n".join([ENTETE] + [LIGNES[0]] * 5000) + "\n").encode("cp1252")
    mauvaise = LIGNES[1].encode("cp1252").replace(b"affect\xe9", b"affect\x81")
    chemin = tmp_path / "illisible.csv"
    chemin.write_bytes(corps + mauvaise + b"\n")
    with pytest.raises(ErreurExport, match=r"ligne 5002, colonne 6 « Fournisseur payé \(DP\) \(2\) » : caractère "
                                           r"illisible en cp1252 \(octet 0x81\)"):
        lire_export(chemin)
