"""Renderers (text, CSV, HTML), golden-file regeneration, and the public API of ``recette.donnees``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import recette.donnees
from aides_donnees import CLES, LIGNES, export
from recette.donnees import (
    ErreurRegeneration,
    Spec,
    comparer_fichiers,
    ecarts_csv,
    ecarts_html,
    lire_export,
    regenerer_attendu,
    resume_texte,
)

SPEC = Spec(cles=tuple(CLES.split(",")))


@pytest.fixture
def resultat(tmp_path: Path) -> recette.donnees.ResultatComparaison:
    obtenu = [LIGNES[0].replace("807,28", "1 807,28").replace("SARL", "SAS"), LIGNES[0].replace(";1;", ";3;"),
              LIGNES[2], LIGNES[2]]
    return comparer_fichiers(export(tmp_path), export(tmp_path, "obtenu.csv", lignes=obtenu), SPEC)


def test_resume_texte(resultat: recette.donnees.ResultatComparaison) -> None:
    texte = resume_texte(resultat)
    assert "Verdict : NON CONFORME" in texte
    for attendu in ("Lignes manquantes (attendues, absentes de l'obtenu) : 1",
                    "Lignes en trop (obtenues, absentes de l'attendu) : 2",
                    "Clés en double : 0 dans l'attendu, 1 dans l'obtenu", "Cellules différentes : 2",
                    "    Fournisseur payé (DP) (2) : 1", "    Montant payé : 1",
                    "Ligne manquante : N° EJ 2103105755, N° poste EJ 2",
                    "Clé en double dans l'obtenu : N° EJ 0103105756, N° poste EJ 1 (2 fois)",
                    ("Montant payé [N° EJ 2103105755, N° poste EJ 1] : attendu 807,28, obtenu 1 807,28 "
                     "(écart +1 000,00)"), "pytest --recette-regenerer-attendus"):
        assert attendu in texte


def test_ecarts_csv(resultat: recette.donnees.ResultatComparaison) -> None:
    lignes = list(csv.reader(io.StringIO(ecarts_csv(resultat)), delimiter=";"))
    assert lignes[0] == ["Type", "N° EJ", "N° poste EJ", "Colonne", "Attendu", "Obtenu", "Écart"]
    assert ["ligne manquante", "2103105755", "2", "", "", "", ""] in lignes
    assert ["ligne en trop", "2103105755", "3", "", "", "", ""] in lignes
    assert ["clé en double (obtenu)", "0103105756", "1", "", "", "2 occurrences", ""] in lignes
    assert ["cellule différente", "2103105755", "1", "Montant payé", "807,28", "1 807,28", "+1 000,00"] in lignes
    assert len(lignes) == 7  # header, 1 missing, 2 extra (one is the second occurrence), 1 duplicate, 2 cells


def test_ecarts_html(resultat: recette.donnees.ResultatComparaison) -> None:
    page = ecarts_html(resultat)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page and "NON CONFORME" in page
    assert '<td class="att"><span>807,28</span></td>' in page
    assert '<td class="obt"><span>1 807,28</span> <small>(+1 000,00)</small></td>' in page
    assert "<h2>Lignes manquantes (1)</h2>" in page and "<h2>Clés en double (1)</h2>" in page
    assert "SARL Œuvre &amp; Cie" in page  # escaped


def test_html_conforme(tmp_path: Path) -> None:
    page = ecarts_html(comparer_fichiers(export(tmp_path), export(tmp_path, "o.csv"), SPEC))
    assert "CONFORME" in page and "<h2>" not in page


# --- Golden files ---------------------------------------------------------------------------------
def test_regenerer_puis_comparer_est_conforme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    obtenu = export(tmp_path, "obtenu.csv", lignes=[*LIGNES, "Résultat global;;;;;;;1,00;1,00"], encodage="cp1252")
    attendu = tmp_path / "expected" / "inf_bud_53.csv"
    assert regenerer_attendu(obtenu, attendu) == attendu
    texte = attendu.read_text(encoding="utf-8")
    assert texte.splitlines()[4] == ("Centre financier;Centre financier;N° EJ;N° poste EJ;Fournisseur payé (DP);"
                                     "Fournisseur payé (DP);Date comptable du SF;Montant engagé;Montant payé")
    assert "2103105755;2;#;Non affecté;#;-12,00;0,00" in texte and "1 234 567,89" in texte
    assert "Résultat" not in texte
    assert lire_export(attendu).preambule.exercice == 2026
    assert comparer_fichiers(attendu, obtenu, SPEC).conforme


def test_regenerer_garde_le_vocabulaire_de_la_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    entete = export(tmp_path).read_text(encoding="utf-8").splitlines()[4].replace("Montant payé", "Montant payé (EUR)")
    obtenu = export(tmp_path, "obtenu.csv", entete=entete)
    attendu = tmp_path / "attendu.csv"
    attendu.with_suffix(".yaml").write_text("cles: [N° EJ, N° poste EJ]\nrenommer: {Montant payé: Montant payé (EUR)}\n",
                                            encoding="utf-8")
    regenerer_attendu(obtenu, attendu)
    assert "Montant payé" in lire_export(attendu).colonnes


def test_regeneration_refusee_en_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    attendu = export(tmp_path)
    avant = attendu.read_bytes()
    with pytest.raises(ErreurRegeneration, match="attendu.csv : régénération de l'attendu refusée en intégration "
                                                 "continue"):
        regenerer_attendu(export(tmp_path, "obtenu.csv", lignes=LIGNES[:1]), attendu)
    assert attendu.read_bytes() == avant


# --- Public API -----------------------------------------------------------------------------------
def test_api_publique() -> None:
    assert recette.donnees.__all__ == sorted(recette.donnees.__all__, key=lambda n: (not n.isupper(), n))
    for nom in recette.donnees.__all__:
        assert getattr(recette.donnees, nom) is not None
    assert {"lire_export", "Export", "Spec", "lire_spec", "comparer", "ResultatComparaison", "resume_texte",
            "ecarts_csv", "ecarts_html", "regenerer_attendu"} <= set(recette.donnees.__all__)
    assert issubclass(recette.donnees.ErreurDonnees, recette.ErreurRecette)
