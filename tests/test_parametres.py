"""French step parameters: amounts, dates, exercices, codes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from recette.erreurs import ErreurParametre
from recette.parametres import Exercice, date, exercice, format_montant, montant, resoudre_exercices


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("1 234 567,89 €", "1234567.89"),
        ("1\u00a0234\u00a0567,89\u00a0€", "1234567.89"),
        ("1\u202f234\u202f567,89\u202f€", "1234567.89"),
        ("1234567,89", "1234567.89"),
        ("-120 000,00 €", "-120000.00"),
        ("−0,01 €", "-0.01"),
        ("12,5", "12.50"),
        ("0,00 €", "0.00"),
        ("99 999 999 999,99 €", "99999999999.99"),
        ("42", "42.00"),
    ],
)
def test_montant_francais_exact(texte: str, attendu: str) -> None:
    valeur = montant(texte)
    assert valeur == Decimal(attendu)
    assert str(valeur) == attendu


@pytest.mark.parametrize("texte", ["12,345", "1.234,56", "12 34,00", "abc", "1 234,5 6", "", "€"])
def test_montant_malforme_donne_une_erreur_francaise(texte: str) -> None:
    with pytest.raises(ErreurParametre) as erreur:
        montant(texte)
    assert f"Montant invalide « {texte} »" in str(erreur.value)
    assert "1 234 567,89 €" in str(erreur.value)


def test_erreur_de_parametre_nomme_l_etape() -> None:
    erreur = ErreurParametre("Montant", "12,345", "attendu un montant")
    erreur.situer("j'engage 12,345 € sur l'UO")
    assert str(erreur) == "Montant invalide « 12,345 » dans l'étape « j'engage 12,345 € sur l'UO » : attendu un montant"


def test_format_montant_aller_retour() -> None:
    for texte in ("0,01", "1 234 567,89", "-42,00", "100 000 000 000,00"):
        valeur = montant(texte)
        assert montant(format_montant(valeur)) == valeur
    assert format_montant(Decimal("1234567.8")) == "1\u00a0234\u00a0567,80\u00a0€"


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [("31/12/2025", dt.date(2025, 12, 31)), ("31 décembre 2025", dt.date(2025, 12, 31)),
     ("1er janvier 2026", dt.date(2026, 1, 1)), ("29/02/2024", dt.date(2024, 2, 29))],
)
def test_dates(texte: str, attendu: dt.date) -> None:
    assert date(texte) == attendu


@pytest.mark.parametrize("texte", ["31/02/2025", "2025-12-31", "31 decembre 2025", "32 janvier 2026", "12/2025"])
def test_date_malformee(texte: str) -> None:
    with pytest.raises(ErreurParametre, match=f"Date invalide « {texte} »"):
        date(texte)


@pytest.mark.parametrize(
    ("texte", "courant", "attendu"), [("N", 2026, 2026), ("N+1", 2026, 2027), ("N-1", 2026, 2025),
                                      ("N + 1", 2026, 2027), ("2024", 2026, 2024)],
)
def test_exercices_relatifs(texte: str, courant: int, attendu: int) -> None:
    assert exercice(texte).resoudre(courant) == attendu


def test_exercice_s_affiche_comme_ecrit() -> None:
    assert [str(exercice(t)) for t in ("N", "N+1", "N-1", "2025")] == ["N", "N+1", "N-1", "2025"]
    assert Exercice(decalage=2).resoudre(2026) == 2028


@pytest.mark.parametrize("texte", ["M", "N+", "N*2", "20266"])
def test_exercice_malforme(texte: str) -> None:
    with pytest.raises(ErreurParametre, match="attendu N, N\\+1, N-1"):
        exercice(texte)


def test_les_exercices_d_un_message_attendu_sont_ceux_de_la_cible() -> None:
    assert resoudre_exercices("L'exercice {N} est déjà clos (clôture du 31/12/{N})", 2026) == \
        "L'exercice 2026 est déjà clos (clôture du 31/12/2026)"
    assert resoudre_exercices("DR{N}000001 intégré sur {N+1}, EJ de {N-1}", 2027) == "DR2027000001 intégré sur 2028, EJ de 2026"
    assert resoudre_exercices("N, N+1, {N+}, {M} et {2026} restent tels quels", 2026) == \
        "N, N+1, {N+}, {M} et {2026} restent tels quels"


def test_les_espaces_sont_lus_comme_a_l_ecran() -> None:
    from recette.parametres import espaces_lus

    assert espaces_lus("Dépassement de\u00a01\u202f234,56\u00a0€\n sur  l'UO") == "Dépassement de 1 234,56 € sur l'UO"
