"""The out-of-core comparison (DuckDB on disk) gives the very report of the in-memory one."""

from __future__ import annotations

from pathlib import Path

import pytest

from aides_donnees import ecrire
from recette.cli import main
from recette.donnees import (
    ErreurExport,
    ErreurSpec,
    Filtre,
    ResultatComparaison,
    Spec,
    comparer_fichiers,
    ecarts_csv,
    ecarts_html,
    resume_texte,
)
from recette.donnees import hors_memoire as hm

PREAMBULE = ["INF-BUD-53 : Pilotage de la gestion - Vue détaillée", "Exercice comptable;2026"]
ENTETE = "Centre financier;N° EJ;N° poste EJ;Libellé;Montant engagé;Montant payé;Date de base de la DP;Dernière MàJ"
ATTENDU = [
    "BG00/0150-CSUP-DR75;0103105755;1;Fournitures;1 234 567,89;807,28;03.02.2026;01.01.2026",
    "BG00/0150-CSUP-DR75;0103105755;2;Loyer;-12,00;0,00;#;01.01.2026",
    "BG00/0217-SGAC-ASPR;103105755;1;Œuvre & Cie;100,00;100,00;15.12.2025;01.01.2026",  # no leading zero
    "Résultat;;;;1 234 655,89;907,28;;",
    "BG00/0217-SGAC-ASPR;0103105756;1;Manquante;5,00;5,00;15.12.2025;01.01.2026",
    "BG00/0217-SGAC-ASPR;0103105757;1;Doublon;1,00;1,00;15.12.2025;01.01.2026",
    "BG00/0217-SGAC-ASPR;0103105757;1;Doublon;1,00;1,00;15.12.2025;01.01.2026",
    "BG00/0217-SGAC-ASPR;#;1;Sans EJ;2,00;2,00;15.12.2025;01.01.2026",
    "BG00/0161-CSEC-GEOS;0103105758;1;Tolérance;10,00;10,00;15.12.2025;01.01.2026",
]
OBTENU = [
    "BG00/0161-CSEC-GEOS;0103105758;1;Tolérance;10,00;10,01;15.12.2025;02.02.2026",     # within 0,01
    "BG00/0150-CSUP-DR75;0103105755;1;Fournitures;1\u00a0234\u00a0567,90;807,28;03.02.2026;02.02.2026",  # +0,01
    "BG00/0150-CSUP-DR75;0103105755;2;Loyers;-12,00;0,02;04.02.2026;02.02.2026",       # text, amount, date
    "BG00/0217-SGAC-ASPR;103105755;1;Œuvre & Cie;100,00;100,00;15.12.2025;02.02.2026",
    "BG00/0217-SGAC-ASPR;0103105757;1;Doublon;1,00;1,00;15.12.2025;02.02.2026",
    "BG00/0217-SGAC-ASPR;;1;Sans EJ;3,00;2,00;15.12.2025;02.02.2026",                 # null key, after gaps
    "BG00/0217-SGAC-ASPR;0103105759;1;En trop;7,00;7,00;15.12.2025;02.02.2026",
    "BG00/0217-SGAC-ASPR;0103105759;1;En trop;7,00;7,00;15.12.2025;02.02.2026",
    "Résultat global;;;;;;;",
]
SPEC = Spec(cles=("N° EJ", "N° poste EJ"), tolerances={"Montant engagé": 0, "Montant payé": 1},
            ignorer=("Dernière MàJ",))


@pytest.fixture
def paire(tmp_path: Path) -> tuple[Path, Path]:
    attendu = ecrire(tmp_path, "attendu.csv", [*PREAMBULE, ENTETE, *ATTENDU], encodage="cp1252")
    obtenu = ecrire(tmp_path, "obtenu.csv", [*PREAMBULE, ENTETE, *OBTENU], encodage="utf-8-sig")
    return attendu, obtenu


def les_deux(attendu: Path, obtenu: Path, spec: Spec, **options: int) -> ResultatComparaison:
    """Both paths on the same pair: every part of the report must be the same."""
    en_memoire = comparer_fichiers(attendu, obtenu, spec, hors_memoire=False, **options)
    hors = comparer_fichiers(attendu, obtenu, spec, hors_memoire=True, **options)
    assert hors.to_dict() == en_memoire.to_dict()
    for partie in ("manquantes", "en_trop", "doublons", "cellules"):
        assert getattr(hors.details, partie).to_pylist() == getattr(en_memoire.details, partie).to_pylist(), partie
    assert hors.details.tronque == en_memoire.details.tronque
    for rendu in (resume_texte, ecarts_csv, ecarts_html):
        assert rendu(hors) == rendu(en_memoire)
    return hors


def test_meme_rapport_que_en_memoire(paire: tuple[Path, Path]) -> None:
    r = les_deux(*paire, SPEC)
    assert r.to_dict() == {
        "conforme": False, "lignes_attendues": 8, "lignes_obtenues": 8, "lignes_manquantes": 2, "lignes_en_trop": 2,
        "cellules_differentes": 5, "cles_en_double": {"attendu": 1, "obtenu": 1}, "colonnes_manquantes": [],
        "colonnes_en_trop": [], "ecarts_par_colonne": {"Libellé": 1, "Montant engagé": 2, "Montant payé": 1,
                                                       "Date de base de la DP": 1}}


def test_montants_au_centime_codes_et_nuls(paire: tuple[Path, Path]) -> None:
    r = les_deux(*paire, SPEC)
    cellules = {(x["N° EJ"], x["Colonne"]): (x["Attendu"], x["Obtenu"], x["Écart"]) for x in r.details.cellules.to_pylist()}
    assert cellules[("0103105755", "Montant engagé")] == ("1 234 567,89", "1 234 567,90", "+0,01")
    assert cellules[("0103105755", "Montant payé")] == ("0,00", "0,02", "+0,02")
    assert cellules[("0103105755", "Date de base de la DP")] == ("#", "04/02/2026", "")
    assert ("0103105758", "Montant payé") not in cellules  # 0,01 is within the tolerance
    assert r.details.manquantes.column("N° EJ").to_pylist() == ["0103105756", "0103105757"]
    assert r.details.en_trop.column("N° EJ").to_pylist() == ["0103105759", "0103105759"]
    assert r.details.doublons.to_pylist() == [
        {"Côté": "attendu", "N° EJ": "0103105757", "N° poste EJ": "1", "Occurrences": 2},
        {"Côté": "obtenu", "N° EJ": "0103105759", "N° poste EJ": "1", "Occurrences": 2}]


def test_details_tronques_et_numeros_de_paire(paire: tuple[Path, Path]) -> None:
    """Pairs are numbered in the expected file's order, unpaired rows skipped (two before the last)."""
    assert les_deux(*paire, SPEC).details.cellules.column("Paire").to_pylist() == [0, 1, 1, 1, 4]
    r = les_deux(*paire, SPEC, limite=1)
    assert r.details.tronque and r.details.cellules.column("Paire").to_pylist() == [0]


def test_renommage_filtre_et_colonnes(tmp_path: Path) -> None:
    entete_obtenu = ENTETE.replace("Montant payé", "Montant payé (EUR)") + ";Exercice"
    attendu = ecrire(tmp_path, "attendu.csv", [ENTETE, *ATTENDU])
    obtenu = ecrire(tmp_path, "obtenu.csv", [entete_obtenu, *(f"{x};2026" for x in OBTENU)])
    spec = Spec(cles=("N° EJ", "N° poste EJ"), tolerances={"Montant payé": 1}, renommer={"Montant payé": "Montant payé (EUR)"},
                filtres=(Filtre("Centre financier", "commence_par", ("BG00/0217",)),))
    r = les_deux(attendu, obtenu, spec)
    assert (r.lignes_attendues, r.colonnes_en_trop) == (5, ("Exercice",))


def test_sans_ecart_et_sans_donnees(tmp_path: Path) -> None:
    attendu = ecrire(tmp_path, "attendu.csv", [ENTETE, *ATTENDU[:3]])
    assert les_deux(attendu, attendu, SPEC).conforme
    vide = ecrire(tmp_path, "vide.csv", [ENTETE])
    assert les_deux(vide, attendu, SPEC).lignes_en_trop == 3


def test_memes_erreurs_en_francais(paire: tuple[Path, Path], tmp_path: Path) -> None:
    attendu, _ = paire
    obtenu = ecrire(tmp_path, "mauvais.csv", [ENTETE, OBTENU[0], OBTENU[1].replace("807,28", "huit")])
    with pytest.raises(ErreurExport, match=r"mauvais.csv, ligne 3, colonne 6 « Montant payé » : valeur invalide « huit »"):
        comparer_fichiers(attendu, obtenu, SPEC, hors_memoire=True)
    sans_cle = ecrire(tmp_path, "sans_cle.csv", [ENTETE.replace("N° EJ", "N° DP"), *OBTENU[:2]])
    with pytest.raises(ErreurSpec, match=r"sans_cle.csv : colonne clé « N° EJ » absente"):
        comparer_fichiers(attendu, sans_cle, SPEC, hors_memoire=True)


def test_bascule_automatique_quand_la_memoire_manque(paire: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    appels = []
    origine = hm.comparer_hors_memoire
    monkeypatch.setattr(hm, "comparer_hors_memoire", lambda *a, **k: appels.append(a) or origine(*a, **k))
    comparer_fichiers(*paire, SPEC)
    assert not appels  # a few hundred bytes fit in memory
    monkeypatch.setattr(hm, "memoire_disponible", lambda: 1000)
    assert hm.trop_grand(*paire)
    assert comparer_fichiers(*paire, SPEC).lignes_manquantes == 2 and len(appels) == 1


def test_option_de_la_commande(paire: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    options = [*map(str, paire), "--cles", "N° EJ,N° poste EJ", "--tolerance", "Montant payé=0,01",
               "--tolerance", "Montant engagé=0", "--ignorer", "Dernière MàJ"]
    assert main(["comparer", *options]) == 1
    en_memoire = capsys.readouterr().out
    assert main(["comparer", *options, "--hors-memoire"]) == 1
    assert capsys.readouterr().out == en_memoire and "Lignes manquantes (attendues, absentes de l'obtenu) : 2" in en_memoire


def test_type_devine_puis_revu(tmp_path: Path) -> None:
    """A column guessed as amounts from the first rows, text further down: the obtained file,
    poured with the guess, is poured again with the types the expected file settled on."""
    entete = "N° EJ;Libellé;Montant payé"
    lignes = [f"{2103000000 + i};1,00;1,00" for i in range(12_000)] + ["2199999999;voir note;1,00"]
    attendu = ecrire(tmp_path, "attendu.csv", [entete, *lignes])
    obtenu = ecrire(tmp_path, "obtenu.csv", [entete, *lignes[::-1]])
    assert les_deux(attendu, obtenu, Spec(cles=("N° EJ",))).conforme
