"""The comparison engine: missing / extra rows, duplicated keys, changed cells, columns, tolerances."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from aides_donnees import ecrire
from recette.donnees import (
    ErreurExport,
    ErreurSpec,
    Filtre,
    ResultatComparaison,
    Spec,
    comparer,
    comparer_fichiers,
    lire_export,
)

ENTETE = "Centre financier;N° EJ;Libellé;Montant payé;Date de base de la DP"
LIGNES = (
    "BG00/0150-CSUP-DR75;2103105755;Fournitures;1 234,56;03.02.2026",
    "BG00/0150-CSUP-DR75;2103105756;Loyer;-12,00;#",
    "BG00/0217-SGAC-ASPR;0103105757;#;807,28;15.12.2025",
)
CLE = Spec(cles=("N° EJ",))


def comparer_lignes(dossier: Path, attendu: Sequence[str], obtenu: Sequence[str], spec: Spec = CLE,
                    entete_obtenu: str = ENTETE) -> ResultatComparaison:
    a = ecrire(dossier, "attendu.csv", ["INF-BUD-53", ENTETE, *attendu])
    o = ecrire(dossier, "obtenu.csv", ["INF-BUD-53", entete_obtenu, *obtenu], encodage="cp1252")
    return comparer_fichiers(a, o, spec)


def test_identiques(tmp_path: Path) -> None:
    r = comparer_lignes(tmp_path, LIGNES, LIGNES)
    assert r.conforme and r.to_dict() == {
        "conforme": True, "lignes_attendues": 3, "lignes_obtenues": 3, "lignes_manquantes": 0, "lignes_en_trop": 0,
        "cellules_differentes": 0, "cles_en_double": {"attendu": 0, "obtenu": 0}, "colonnes_manquantes": [],
        "colonnes_en_trop": [], "ecarts_par_colonne": {}}


def test_ordre_des_lignes_indifferent(tmp_path: Path) -> None:
    assert comparer_lignes(tmp_path, LIGNES, LIGNES[::-1]).conforme


def test_lignes_manquantes_et_en_trop(tmp_path: Path) -> None:
    nouvelle = "BG00/0150-CSUP-DR75;2103105799;Nouvelle;1,00;03.02.2026"
    r = comparer_lignes(tmp_path, LIGNES, [LIGNES[0], LIGNES[2], nouvelle])
    assert (r.lignes_manquantes, r.lignes_en_trop, r.conforme) == (1, 1, False)
    assert r.details.manquantes.column("N° EJ").to_pylist() == ["2103105756"]
    assert r.details.en_trop.column("N° EJ").to_pylist() == ["2103105799"]
    assert r.details.en_trop.column("Montant payé").to_pylist() == ["1,00"]


def test_cles_en_double_de_chaque_cote(tmp_path: Path) -> None:
    r = comparer_lignes(tmp_path, [*LIGNES, LIGNES[0]], [*LIGNES, LIGNES[1], LIGNES[1], LIGNES[2]])
    assert r.to_dict()["cles_en_double"] == {"attendu": 1, "obtenu": 2}
    assert (r.lignes_manquantes, r.lignes_en_trop, r.cellules_differentes) == (1, 3, 0)
    assert not r.conforme
    assert r.details.doublons.to_pylist() == [
        {"Côté": "attendu", "N° EJ": "2103105755", "Occurrences": 2},
        {"Côté": "obtenu", "N° EJ": "2103105756", "Occurrences": 3},
        {"Côté": "obtenu", "N° EJ": "0103105757", "Occurrences": 2}]


def test_doublons_identiques_des_deux_cotes(tmp_path: Path) -> None:
    r = comparer_lignes(tmp_path, [*LIGNES, LIGNES[0]], [LIGNES[0], *LIGNES])
    assert r.to_dict()["cles_en_double"] == {"attendu": 1, "obtenu": 1} and r.cellules_differentes == 0
    assert not r.conforme


def test_cellules_differentes_par_colonne(tmp_path: Path) -> None:
    obtenu = ["BG00/0150-CSUP-DR76;2103105755;Fournitures;1 234,57;04.02.2026",
              "BG00/0150-CSUP-DR75;2103105756;Loyers;-12,00;#", LIGNES[2]]
    r = comparer_lignes(tmp_path, LIGNES, obtenu)
    assert r.ecarts_par_colonne == {"Centre financier": 1, "Libellé": 1, "Montant payé": 1,
                                    "Date de base de la DP": 1}
    assert r.cellules_differentes == 4 and not r.conforme
    cellules = {x["Colonne"]: x for x in r.details.cellules.to_pylist()}
    assert cellules["Montant payé"] | {"Paire": 0} == {
        "Paire": 0, "N° EJ": "2103105755", "Colonne": "Montant payé", "Attendu": "1 234,56", "Obtenu": "1 234,57",
        "Écart": "+0,01"}
    assert (cellules["Date de base de la DP"]["Attendu"], cellules["Date de base de la DP"]["Obtenu"]) == \
        ("03/02/2026", "04/02/2026")


@pytest.mark.parametrize(("attendu", "obtenu", "ecarts"), [
    ("#", "", 0),            # both null
    ("#", "x", 1),           # null against a value
    ("x", "#", 1),
])
def test_nuls_en_texte(tmp_path: Path, attendu: str, obtenu: str, ecarts: int) -> None:
    ligne = "BG00/0150-CSUP-DR75;2103105755;{};1,00;03.02.2026"
    r = comparer_lignes(tmp_path, [ligne.format(attendu)], [ligne.format(obtenu)])
    assert r.cellules_differentes == ecarts


@pytest.mark.parametrize(("attendu", "obtenu", "ecarts"), [("#", "#", 0), ("#", "0,00", 1), ("0,00", "", 1)])
def test_nuls_en_montant(tmp_path: Path, attendu: str, obtenu: str, ecarts: int) -> None:
    ligne = "BG00/0150-CSUP-DR75;2103105755;x;{};03.02.2026"
    spec = Spec(cles=("N° EJ",), tolerances={"Montant payé": 1})
    r = comparer_lignes(tmp_path, [ligne.format(attendu)], [ligne.format(obtenu)], spec)
    assert r.ecarts_par_colonne == ({"Montant payé": 1} if ecarts else {})


@pytest.mark.parametrize(("attendu", "obtenu", "tolerance", "ecarts"), [
    ("1 234,56", "1 234,57", 1, 0),                           # exactly at the tolerance: equal
    ("1 234,56", "1 234,55", 1, 0),
    ("1 234,56", "1 234,58", 1, 1),                           # one cent beyond
    ("1 234,56", "1 234,57", 0, 1),                           # default tolerance: 0
    ("-5,00", "-5,01", 1, 0),
    ("99 999 999 999,99", "100 000 000 000,00", 1, 0),        # 10**11 €, still to the cent
    ("100 000 000 000,00", "100 000 000 000,02", 1, 1),
    ("100 000 000 000,00", "99 999 999 999,99", 0, 1),
    ("100 000 000 000,00", "100 000 000 000,00", 0, 0),
    ("1 000,00", "1 000,10", 10, 0),
    ("1 000,00", "1 000,11", 10, 1),
])
def test_tolerance_au_centime(tmp_path: Path, attendu: str, obtenu: str, tolerance: int, ecarts: int) -> None:
    ligne = "BG00/0150-CSUP-DR75;2103105755;x;{};03.02.2026"
    spec = Spec(cles=("N° EJ",), tolerances={"Montant payé": tolerance})
    r = comparer_lignes(tmp_path, [ligne.format(attendu)], [ligne.format(obtenu)], spec)
    assert r.cellules_differentes == ecarts and r.conforme == (not ecarts)


def test_colonnes_manquantes_et_en_trop(tmp_path: Path) -> None:
    entete = "N° EJ;Centre financier;Libellé;Montant payé;Exercice"
    obtenu = ["2103105755;BG00/0150-CSUP-DR75;Fournitures;1 234,56;2026",
              "2103105756;BG00/0150-CSUP-DR75;Loyer;-12,00;2026", "0103105757;BG00/0217-SGAC-ASPR;#;807,28;2026"]
    r = comparer_lignes(tmp_path, LIGNES, obtenu, entete_obtenu=entete)
    assert (r.colonnes_manquantes, r.colonnes_en_trop) == (("Date de base de la DP",), ("Exercice",))
    assert r.cellules_differentes == 0 and not r.conforme


def test_colonnes_ignorees(tmp_path: Path) -> None:
    obtenu = [ligne.replace("03.02.2026", "01.01.2027") for ligne in LIGNES]
    spec = Spec(cles=("N° EJ",), ignorer=("Date de base de la DP", "Dernière MàJ"))
    assert comparer_lignes(tmp_path, LIGNES, obtenu, spec).conforme


def test_colonne_renommee_entre_releases(tmp_path: Path) -> None:
    entete = ENTETE.replace("Montant payé", "Montant payé (EUR)")
    spec = Spec(cles=("N° EJ",), tolerances={"Montant payé": 0}, renommer={"Montant payé": "Montant payé (EUR)"})
    assert comparer_lignes(tmp_path, LIGNES, LIGNES, spec, entete_obtenu=entete).conforme
    r = comparer_lignes(tmp_path, LIGNES, [LIGNES[0].replace("1 234,56", "1 234,00"), *LIGNES[1:]], spec,
                        entete_obtenu=entete)
    assert r.ecarts_par_colonne == {"Montant payé": 1}


def test_filtres(tmp_path: Path) -> None:
    autre = "BG00/0217-SGAC-ASPR;0103105757;Autre;1,00;15.12.2025"
    spec = Spec(cles=("N° EJ",), filtres=(Filtre("Centre financier", "commence_par", ("BG00/0150",)),))
    r = comparer_lignes(tmp_path, LIGNES, [*LIGNES[:2], autre], spec)
    assert r.conforme and r.lignes_attendues == 2
    par_montant = Spec(cles=("N° EJ",), filtres=(Filtre("Montant payé", "different", ("-12,00",)),
                                                  Filtre("Date de base de la DP", "vide", ("false",))))
    assert comparer_lignes(tmp_path, LIGNES, LIGNES, par_montant).lignes_attendues == 2
    dans = Spec(cles=("N° EJ",), filtres=(Filtre("N° EJ", "hors", ("2103105755", "2103105756")),))
    assert comparer_lignes(tmp_path, LIGNES, LIGNES, dans).lignes_attendues == 1


def test_cle_composite_avec_nul_et_zeros_de_tete(tmp_path: Path) -> None:
    entete = "Code;Poste;Montant payé"
    a = ecrire(tmp_path, "a.csv", [entete, "0150;1;1,00", "0150;#;2,00", "150;1;3,00"])
    o = ecrire(tmp_path, "o.csv", [entete, "150;1;3,00", "0150;;2,00", "0150;1;1,00"])
    assert comparer_fichiers(a, o, Spec(cles=("Code", "Poste"))).conforme
    o = ecrire(tmp_path, "o.csv", [entete, "150;1;1,00", "0150;;2,00", "0150;1;3,00"])
    assert comparer_fichiers(a, o, Spec(cles=("Code", "Poste"))).ecarts_par_colonne == {"Montant payé": 2}


def test_des_codes_de_largeur_fixe_differente_d_un_cote_a_l_autre_different(tmp_path: Path) -> None:
    """Every code of a side has the same width, but not the same as the other side's: "0150" is not "150"."""
    entete = "Code;Fournisseur;Montant payé"
    a = ecrire(tmp_path, "a.csv", [entete, "0150;0000012345;1,00", "0151;0000012346;2,00"])
    o = ecrire(tmp_path, "o.csv", [entete, "0150;000012345;1,00", "0151;000012346;2,00"])
    assert comparer_fichiers(a, o, Spec(cles=("Code",))).ecarts_par_colonne == {"Fournisseur": 2}
    o = ecrire(tmp_path, "o.csv", [entete, "150;0000012345;1,00", "151;0000012346;2,00"])
    resultat = comparer_fichiers(a, o, Spec(cles=("Code",)))
    assert (resultat.lignes_manquantes, resultat.lignes_en_trop) == (2, 2)


def test_cles_non_numeriques(tmp_path: Path) -> None:
    entete = "Activité;Montant payé"
    a = ecrire(tmp_path, "a.csv", [entete, "BG00/02160401012A;1,00", "BG00/021601010101;2,00"])
    o = ecrire(tmp_path, "o.csv", [entete, "BG00/021601010101;2,00", "BG00/02160401012B;1,00"])
    r = comparer_fichiers(a, o, Spec(cles=("Activité",)))
    assert (r.lignes_manquantes, r.lignes_en_trop) == (1, 1)


def test_sans_cle_message_qui_dit_comment_faire(tmp_path: Path) -> None:
    with pytest.raises(ErreurSpec, match="aucune colonne clé.*--cles.*cles: \\[COL, COL\\]"):
        comparer_lignes(tmp_path, LIGNES, LIGNES, Spec())


def test_cle_absente_de_l_obtenu(tmp_path: Path) -> None:
    with pytest.raises(ErreurSpec, match=r"obtenu.csv : colonne clé « N° EJ » absente"):
        comparer_lignes(tmp_path, LIGNES, LIGNES, entete_obtenu=ENTETE.replace("N° EJ", "N° DP"))


def test_colonne_de_la_spec_absente_de_l_attendu(tmp_path: Path) -> None:
    with pytest.raises(ErreurSpec, match=r"colonne « Montant AE » \(montants\) absente de l'attendu"):
        comparer_lignes(tmp_path, LIGNES, LIGNES, Spec(cles=("N° EJ",), tolerances={"Montant AE": 0}))


def test_obtenu_lu_avec_les_types_de_l_attendu(tmp_path: Path) -> None:
    obtenu = [LIGNES[0], LIGNES[1].replace("-12,00", "douze"), LIGNES[2]]
    with pytest.raises(ErreurExport, match=r"obtenu.csv, ligne 4, colonne 4 « Montant payé » : valeur invalide « douze »"):
        comparer_lignes(tmp_path, LIGNES, obtenu)


def test_comparer_des_exports_deja_lus(tmp_path: Path) -> None:
    a = lire_export(ecrire(tmp_path, "a.csv", [ENTETE, *LIGNES]))
    o = lire_export(ecrire(tmp_path, "o.csv", [ENTETE, *LIGNES[::-1]]), detecter_types=False)
    assert o.types["Montant payé"] == "texte"
    assert comparer(a, o, CLE).conforme


def test_exports_sans_donnees(tmp_path: Path) -> None:
    assert comparer_lignes(tmp_path, [], []).conforme
    r = comparer_lignes(tmp_path, [], LIGNES)
    assert (r.lignes_attendues, r.lignes_en_trop, r.conforme) == (0, 3, False)


def test_typer_apres_lecture_nomme_la_ligne(tmp_path: Path) -> None:
    """A column read as text then declared as amounts by the spec: the error still names the line,
    subtotal rows counted."""
    lignes = [LIGNES[0], "Résultat;;;1 234,56;", LIGNES[1].replace("-12,00", "douze"), LIGNES[2]]
    a = lire_export(ecrire(tmp_path, "a.csv", ["INF-BUD-53", ENTETE, *lignes]), detecter_types=False)
    with pytest.raises(ErreurExport, match=r"a.csv, ligne 5, colonne 4 « Montant payé » : valeur invalide « douze »"):
        comparer(a, a, Spec(cles=("N° EJ",), tolerances={"Montant payé": 0}))


@pytest.fixture
def en_parallele(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small files read at once and columns compared in threads, as large ones are."""
    from recette.donnees import comparaison

    monkeypatch.setattr(comparaison, "SEUIL_LECTURE_PARALLELE", 0)
    monkeypatch.setattr(comparaison, "SEUIL_FILS", 0)


@pytest.mark.usefixtures("en_parallele")
def test_lecture_simultanee_meme_resultat(tmp_path: Path) -> None:
    obtenu = ["BG00/0150-CSUP-DR76;2103105755;Fournitures;1 234,57;04.02.2026", LIGNES[2]]
    r = comparer_lignes(tmp_path, LIGNES, obtenu)
    assert (r.lignes_manquantes, r.ecarts_par_colonne) == (1, {"Centre financier": 1, "Montant payé": 1,
                                                                "Date de base de la DP": 1})


@pytest.mark.usefixtures("en_parallele")
def test_lecture_simultanee_l_erreur_de_l_attendu_d_abord(tmp_path: Path) -> None:
    mauvaises = [LIGNES[0], LIGNES[1].replace("-12,00", "douze")]
    with pytest.raises(ErreurExport, match=r"attendu.csv, ligne 4, colonne 4 « Montant payé »"):
        comparer_lignes(tmp_path, mauvaises, mauvaises, Spec(cles=("N° EJ",), tolerances={"Montant payé": 0}))


@pytest.mark.usefixtures("en_parallele")
def test_lecture_simultanee_type_devine_puis_revu(tmp_path: Path) -> None:
    """A column that looks like amounts in the first rows sniffed, and holds text further down: the
    expected file settles on text after the obtained one started as amounts, which is read again."""
    lignes = [f"BG00/0150-CSUP-DR75;{2103000000 + i};1,00;1,00;03.02.2026" for i in range(12_000)]
    lignes.append("BG00/0150-CSUP-DR75;2199999999;voir note;1,00;03.02.2026")
    r = comparer_lignes(tmp_path, lignes, lignes[::-1])
    assert r.conforme and r.lignes_attendues == 12_001
