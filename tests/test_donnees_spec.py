"""The comparison spec (YAML next to the expected file): reading, validation, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from recette.donnees import ErreurSpec, Filtre, Spec, lire_spec, spec_voisine
from recette.donnees.spec import tolerance_centimes

SPEC = """\
cles: [N° EJ, N° poste EJ]
montants:
  Montant engagé: 0
  Montant payé: "0,01"
  Montant facturé: 0.05
  Montant certifié non soldé:
dates: [Date comptable du SF]
ignorer: [Dernière MàJ]
renommer:
  Montant payé: Montant payé (EUR)
filtres:
  - {colonne: Centre financier, commence_par: "BG00/0150"}
  - {colonne: N° poste EJ, dans: ["1", "2"]}
  - {colonne: Fournisseur payé (DP), vide: false}
"""


def test_spec_complete(tmp_path: Path) -> None:
    chemin = tmp_path / "inf_bud_53.yaml"
    chemin.write_text(SPEC, encoding="utf-8")
    spec = lire_spec(chemin)
    assert spec.cles == ("N° EJ", "N° poste EJ")
    assert spec.tolerances == {"Montant engagé": 0, "Montant payé": 1, "Montant facturé": 5,
                               "Montant certifié non soldé": 0}
    assert spec.dates == ("Date comptable du SF",) and spec.ignorer == ("Dernière MàJ",)
    assert spec.renommer == {"Montant payé": "Montant payé (EUR)"}
    assert spec.filtres == (Filtre("Centre financier", "commence_par", ("BG00/0150",)),
                            Filtre("N° poste EJ", "dans", ("1", "2")),
                            Filtre("Fournisseur payé (DP)", "vide", ("false",)))


def test_spec_vide(tmp_path: Path) -> None:
    chemin = tmp_path / "vide.yaml"
    chemin.write_text("", encoding="utf-8")
    assert lire_spec(chemin) == Spec(chemin=chemin)


@pytest.mark.parametrize(("texte", "message"), [
    ("cles: [A]\nmontant: {B: 0}\n", r"x.yaml, ligne 2, clé « montant » : clé inconnue"),
    ("cles: [A]\nmontants:\n  B: abc\n", r"x.yaml, ligne 3, clé « montants.B » : tolérance invalide « abc »"),
    ("cles: [A]\nmontants:\n  B: -0,01\n", r"ligne 3, clé « montants.B » : tolérance invalide « -0,01 »"),
    ("cles: [A]\nmontants:\n  B: 0,001\n", r"tolérance invalide « 0,001 »"),
    ("cles: {A: 1}\n", r"ligne 1, clé « cles » : une liste de noms de colonnes est attendue"),
    ("cles: [A\n", r"x.yaml, ligne 2 : YAML invalide"),
    ("filtres:\n  - {colonne: A, egal: x, dans: [y]}\n", r"ligne 2, clé « filtres\[1\] » : un opérateur et un seul"),
    ("filtres:\n  - {egal: x}\n", r"clé « colonne » absente"),
    ("filtres:\n  - {colonne: A, vide: peut-être}\n", r"« vide » attend true ou false"),
    ("cles: [A]\ncles: [B]\n", r"ligne 2, clé « cles » : clé en double"),
    ("- A\n", r"un dictionnaire « clé: valeur » est attendu"),
])
def test_spec_invalide_nomme_fichier_ligne_cle(tmp_path: Path, texte: str, message: str) -> None:
    chemin = tmp_path / "x.yaml"
    chemin.write_text(texte, encoding="utf-8")
    with pytest.raises(ErreurSpec, match=message):
        lire_spec(chemin)


def test_spec_introuvable(tmp_path: Path) -> None:
    with pytest.raises(ErreurSpec, match="absente.yaml : fichier de spécification introuvable"):
        lire_spec(tmp_path / "absente.yaml")


@pytest.mark.parametrize(("texte", "centimes"), [("0,01", 1), ("0.01", 1), ("1", 100), ("0", 0), ("1 000,5", 100050),
                                                 ("12.50", 1250)])
def test_tolerances(texte: str, centimes: int) -> None:
    assert tolerance_centimes(texte) == centimes


def test_spec_voisine(tmp_path: Path) -> None:
    attendu = tmp_path / "inf_bud_53.csv"
    assert spec_voisine(attendu) is None
    (tmp_path / "inf_bud_53.yml").write_text("cles: [A]")
    assert spec_voisine(attendu) == tmp_path / "inf_bud_53.yml"
    (tmp_path / "inf_bud_53.yaml").write_text("cles: [A]")
    assert spec_voisine(attendu) == tmp_path / "inf_bud_53.yaml"


def test_options_par_dessus_la_spec() -> None:
    spec = Spec(cles=("A",), tolerances={"M": 1, "N": 0}, ignorer=("X",))
    fusion = spec.fusionner(["B", "C"], {"M": 5, "P": 0}, ["Y", "X"])
    assert fusion.cles == ("B", "C") and fusion.ignorer == ("X", "Y")
    assert fusion.tolerances == {"M": 5, "N": 0, "P": 0}
    assert spec.fusionner(None).cles == ("A",)
