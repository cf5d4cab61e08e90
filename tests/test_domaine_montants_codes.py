"""Exact money, code formats and the defect catalogue (domaine/montants.py, codes.py, defauts.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chorus_sandbox.domaine import codes
from chorus_sandbox.domaine.defauts import CATALOGUE, lire_defauts
from chorus_sandbox.domaine.erreurs import (
    CreditsInsuffisants,
    DonneeInvalide,
    ErreurChorus,
    ObjetInconnu,
    RegleDeGestion,
)
from chorus_sandbox.domaine.montants import (
    MONTANT_MAXIMUM,
    appliquer_taux,
    format_montant,
    vers_centimes,
    vers_euros,
)

NBSP = "\u00a0"
NNBSP = "\u202f"


# --- vers_centimes --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("valeur", "centimes"),
    [
        ("1234.56", 123456),
        ("1 234,56", 123456),
        (f"1{NBSP}234,56", 123456),
        (f"1{NNBSP}234,56", 123456),
        (f"12{NBSP}345{NBSP}678,90", 1234567890),
        ("12 €", 1200),
        (f"  807,28{NBSP}€ ", 80728),
        ("0.01", 1),
        ("10.000", 1000),  # trailing zeros are not extra decimals
        ("+3", 300),
        ("12.5 €", 1250),
        ("10.5", 1050),
        ("-5", -500),  # sign is the caller's business (montant_positif)
        ("999999999999.99", MONTANT_MAXIMUM),
        (42, 4200),
        (Decimal("1.10"), 110),
        (Decimal("0.00"), 0),
    ],
)
def test_vers_centimes_accepte_les_ecritures_francaises_et_decimales(valeur: object, centimes: int) -> None:
    assert vers_centimes(valeur) == centimes  # type: ignore[arg-type]


EX = " (ex. 1 234,56)"
MAXI = f"({format_montant(MONTANT_MAXIMUM)})"


@pytest.mark.parametrize(
    ("valeur", "message"),
    [
        ("10.001", "montant : 10.001 a plus de deux décimales"),
        ("1 234,567", "montant : 1 234,567 a plus de deux décimales"),
        ("0.001", "montant : 0.001 a plus de deux décimales"),
        ("0,005", "montant : 0,005 a plus de deux décimales"),
        (Decimal("1.005"), "montant : 1.005 a plus de deux décimales"),
        ("abc", f"montant : « abc » n'est pas un montant{EX}"),
        ("12,3,4", f"montant : « 12,3,4 » n'est pas un montant{EX}"),
        ("1,234.56", f"montant : « 1,234.56 » n'est pas un montant{EX}"),
        ("1.234,56", f"montant : « 1.234,56 » n'est pas un montant{EX}"),
        ("", f"montant : «  » n'est pas un montant{EX}"),
        ("12.", f"montant : « 12. » n'est pas un montant{EX}"),
        ("1_000", f"montant : « 1_000 » n'est pas un montant{EX}"),
        ("0x10", f"montant : « 0x10 » n'est pas un montant{EX}"),
        ("١٢", f"montant : « ١٢ » n'est pas un montant{EX}"),  # Arabic-Indic digits
        ("NaN", f"montant : « NaN » n'est pas un montant{EX}"),
        ("Infinity", f"montant : « Infinity » n'est pas un montant{EX}"),
        ("1e20", f"montant : « 1e20 » n'est pas un montant{EX}"),  # no exponent notation
        ("1E-3", f"montant : « 1E-3 » n'est pas un montant{EX}"),
        (Decimal("NaN"), "montant : « NaN » n'est pas un montant"),
        (1.5, "montant : montant invalide (1.5), attendu un décimal exact"),
        (0.1, "montant : montant invalide (0.1), attendu un décimal exact"),
        (True, "montant : montant invalide (True), attendu un décimal exact"),
        (
            "1000000000000",
            (f"montant : 1{NBSP}000{NBSP}000{NBSP}000{NBSP}000,00{NBSP}€ dépasse le maximum autorisé "
            f"(999{NBSP}999{NBSP}999{NBSP}999,99{NBSP}€)"),
        ),
        ("-1000000000000", f"montant : {format_montant(10**14)} dépasse le maximum autorisé {MAXI}"),
        ("99999999999999999", f"montant : 99999999999999999 dépasse le maximum autorisé {MAXI}"),
        (10**20, f"montant : le montant dépasse le maximum autorisé {MAXI}"),
        (Decimal("1E+30"), f"montant : 1E+30 dépasse le maximum autorisé {MAXI}"),
    ],
)
def test_vers_centimes_refuse_en_francais(valeur: object, message: str) -> None:
    with pytest.raises(DonneeInvalide) as exc:
        vers_centimes(valeur)  # type: ignore[arg-type]
    assert exc.value.message == message


def test_vers_centimes_nomme_le_champ() -> None:
    with pytest.raises(DonneeInvalide, match=r"^ae : « x » n'est pas un montant"):
        vers_centimes("x", "ae")


def test_vers_centimes_juste_au_maximum_et_juste_au_dessus() -> None:
    assert vers_centimes("999999999999.99") == MONTANT_MAXIMUM
    assert vers_centimes("-999999999999.99") == -MONTANT_MAXIMUM
    with pytest.raises(DonneeInvalide, match="dépasse le maximum autorisé"):
        vers_centimes("1000000000000.00")


@pytest.mark.parametrize(
    "valeur",
    [
        "1e5000", "1e999999", "-1e5000", "1234567890123456789012345678.001", "12345678901234567890123456.7891",
        "1e-1000000", "9" * 5000, "0." + "0" * 5000 + "1", Decimal("1e5000"), Decimal("1e999999"),
        Decimal("1234567890123456789012345678.001"), Decimal("-1e-1000000"),
        pytest.param(10**5000),
    ],
    ids=lambda v: "int-5001-chiffres" if isinstance(v, int) else repr(v)[:30],
)
def test_vers_centimes_enorme_ou_minuscule_refuse_par_donnee_invalide(valeur: object) -> None:
    """Whatever the value, the only possible failure is a French DonneeInvalide (never ValueError,
    decimal.Overflow or decimal.InvalidOperation, which would become a 500 behind the API)."""
    with pytest.raises(DonneeInvalide):
        vers_centimes(valeur)  # type: ignore[arg-type]


def test_vers_euros() -> None:
    assert vers_euros(123456) == Decimal("1234.56")
    assert str(vers_euros(5)) == "0.05"
    assert str(vers_euros(0)) == "0.00"
    assert str(vers_euros(-150)) == "-1.50"


# --- format_montant ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("centimes", "texte"),
    [
        (0, f"0,00{NBSP}€"),
        (5, f"0,05{NBSP}€"),
        (100, f"1,00{NBSP}€"),
        (123456, f"1{NBSP}234,56{NBSP}€"),
        (123456789, f"1{NBSP}234{NBSP}567,89{NBSP}€"),
        (12000000, f"120{NBSP}000,00{NBSP}€"),
        (-5, f"-0,05{NBSP}€"),
        (-123456, f"-1{NBSP}234,56{NBSP}€"),
        (MONTANT_MAXIMUM, f"999{NBSP}999{NBSP}999{NBSP}999,99{NBSP}€"),
    ],
)
def test_format_montant(centimes: int, texte: str) -> None:
    assert format_montant(centimes) == texte


def test_format_montant_sans_devise_et_aller_retour() -> None:
    assert format_montant(123456789, devise=False) == f"1{NBSP}234{NBSP}567,89"
    for centimes in (0, 1, 99, 100, 123456789, MONTANT_MAXIMUM):
        assert vers_centimes(format_montant(centimes)) == centimes


# --- appliquer_taux ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("centimes", "taux", "attendu"),
    [
        (100_000_000, "0.5", 500_000),
        (100_000_000, "5", 5_000_000),
        (100_000_100, "0.5", 500_001),  # 500 000,5 → 500 001 (half-up, not banker's 500 000)
        (100_000_010, "5", 5_000_001),  # 5 000 000,5 → 5 000 001
        (500, "0.5", 3),  # 2,5 → 3
        (300, "0.5", 2),  # 1,5 → 2
        (101, "0.5", 1),  # 0,505 → 1
        (99, "0.5", 0),  # 0,495 → 0
        (12345, "0", 0),
        (12345, "100", 12345),
        (333, "33.3", 111),  # 110,889 → 111
    ],
)
def test_appliquer_taux_arrondi_au_centime_superieur_a_partir_de_la_moitie(
    centimes: int, taux: str, attendu: int
) -> None:
    assert appliquer_taux(centimes, Decimal(taux)) == attendu


# --- Codes ---------------------------------------------------------------------------------
VALIDES = {
    "programme": ["0150", "0217"],
    "bop": ["0150-CSUP", "0217-SGAC"],
    "centre_financier": ["BG00/0150-CSUP-DR75", "BG00/0217-SGAC-ASPR"],
    "domaine_fonctionnel": ["0217-07-05", "0102-03"],
    "activite": ["BG00/021701010523", "BG00/02160401012A"],
    "fournisseur": ["1000012345"],
    "siret": ["01234567800017"],
    "engagement": ["2103105755"],
    "demande_paiement": ["100011636"],
    "service_fait": ["5000000001"],
    "tranche_fonctionnelle": ["TF0150000001"],
}
INVALIDES = {
    "programme": ["150", "01500", "015A", " 0150"],
    "bop": ["0150CSUP", "0150-csup", "150-CSUP", "0150-CSUPX"],
    "centre_financier": ["0150-CSUP-DR75", "BG00/0150-CSUP", "BG01/0150-CSUP-DR75", "BG00/0150-CSUP-dr75"],
    "domaine_fonctionnel": ["0217-7-05", "0217", "0217-07-05-01", "217-07"],
    "activite": ["021701010523", "BG00/0217010105", "BG00/02170101052345", "BG00/021701010a23"],
    "fournisseur": ["100001234", "10000123456", "100001234A"],
    "siret": ["0123456780001", "012345678000170"],
    "engagement": ["210310575", "21031057555", "2103-05755"],
    "demande_paiement": ["10001163", "1000116360"],
    "service_fait": ["500000000"],
    "tranche_fonctionnelle": ["TF015000001", "tf0150000001", "0150000001"],
}


@pytest.mark.parametrize(("nature", "valeur"), [(n, v) for n, vs in VALIDES.items() for v in vs])
def test_verifier_code_accepte(nature: str, valeur: str) -> None:
    assert codes.verifier_code(nature, valeur) == valeur


@pytest.mark.parametrize(("nature", "valeur"), [(n, v) for n, vs in INVALIDES.items() for v in vs])
def test_verifier_code_refuse_avec_le_format_attendu(nature: str, valeur: str) -> None:
    _motif, exemple = codes.FORMATS[nature]
    with pytest.raises(DonneeInvalide) as exc:
        codes.verifier_code(nature, valeur)
    assert exc.value.message == (
        f"Code {nature.replace('_', ' ')} invalide : « {valeur} » (format attendu : {exemple})"
    )


def test_toutes_les_natures_de_code_sont_couvertes() -> None:
    assert set(VALIDES) == set(codes.FORMATS) == set(INVALIDES)


@pytest.mark.parametrize("valeur", [150, 1234567890, None])
def test_un_code_est_toujours_du_texte(valeur: object) -> None:
    with pytest.raises(DonneeInvalide, match=f"« {valeur} »"):
        codes.verifier_code("programme" if valeur == 150 else "fournisseur", valeur)


def test_messages_de_code_exacts() -> None:
    with pytest.raises(DonneeInvalide) as exc:
        codes.verifier_code("centre_financier", "0150-CSUP-DR75")
    assert exc.value.message == (
        "Code centre financier invalide : « 0150-CSUP-DR75 » "
        "(format attendu : BG00/programme-BOP-UO, ex. BG00/0150-CSUP-DR75)"
    )
    with pytest.raises(DonneeInvalide) as exc:
        codes.verifier_code("demande_paiement", "10001163")
    assert exc.value.message == (
        "Code demande paiement invalide : « 10001163 » (format attendu : 9 chiffres, ex. 100011636)"
    )


@pytest.mark.parametrize(
    ("valeur", "attendu"), [("2", "2"), ("T2", "2"), ("t3", "3"), (5, "5"), ("T6", "6"), ("1", "1"), ("7", "7")]
)
def test_verifier_titre(valeur: object, attendu: str) -> None:
    assert codes.verifier_titre(valeur) == attendu


@pytest.mark.parametrize("valeur", ["8", "0", "T", "", "TT2", "2.0", None, True, 2.0, "titre 2"])
def test_verifier_titre_refuse(valeur: object) -> None:
    with pytest.raises(DonneeInvalide) as exc:
        codes.verifier_titre(valeur)
    assert exc.value.message == f"Titre invalide : « {valeur} » (attendu 2, 3, 5 ou 6, ou T2…)"


def test_groupe_et_programme_du_code() -> None:
    assert codes.groupe_du_titre("2") == "T2"
    assert [codes.groupe_du_titre(t) for t in ("1", "3", "5", "6", "7")] == ["HT2"] * 5
    assert codes.programme_du_code("BG00/0150-CSUP-DR75") == "0150"
    assert codes.programme_du_code("BG00/021701010523") == "0217"
    assert codes.programme_du_code("0217-07-05") == "0217"
    assert codes.programme_du_code("0150-CSUP") == "0150"


# --- Errors and defect catalogue ---------------------------------------------------------------
def test_hierarchie_et_statuts_http_des_erreurs() -> None:
    assert DonneeInvalide("x").statut_http == 422
    assert ObjetInconnu("x").statut_http == 404
    assert CreditsInsuffisants("x").statut_http == 409
    assert RegleDeGestion("x").statut_http == 409
    for classe in (DonneeInvalide, ObjetInconnu, CreditsInsuffisants, RegleDeGestion):
        erreur = classe("Message en français")
        assert isinstance(erreur, ErreurChorus)
        assert erreur.type == classe.__name__
        assert erreur.message == str(erreur) == "Message en français"


def test_lire_defauts() -> None:
    assert lire_defauts(None) == frozenset()
    assert lire_defauts("") == frozenset()
    assert lire_defauts(" ej-au-dela-des-ae , paiement-au-dela-des-cp,") == {
        "ej-au-dela-des-ae",
        "paiement-au-dela-des-cp",
    }
    assert lire_defauts(",".join(CATALOGUE)) == frozenset(CATALOGUE)


def test_lire_defauts_refuse_un_nom_inconnu() -> None:
    with pytest.raises(DonneeInvalide) as exc:
        lire_defauts("ej-au-dela-des-ae,zzz-inconnu,aaa-inconnu")
    assert exc.value.message == (
        f"Défaut inconnu : aaa-inconnu, zzz-inconnu (défauts connus : {', '.join(sorted(CATALOGUE))})"
    )
    assert "ej-au-dela-des-ae" in exc.value.message and "virement-plafond-ignore" in exc.value.message


def test_catalogue_des_defauts_est_en_francais() -> None:
    # 31 + the three of issue 17 (accord-cadre, périmètre Webi, pièce jointe vide) + the four of issue 18 (paye)
    assert len(CATALOGUE) == 38
    for description in CATALOGUE.values():
        assert description.endswith(".") and any(mot in description for mot in ("est", "libère", "n'est", "montre", "livre"))
