"""Credits: integration of the loi de finances (réserve de précaution) and mises à disposition.

Pure domain: DepotMemoire + operations, Contexte(2026, 15/06/2026). The ``mini`` dataset opens
(cents): 0150 T2 AE/CP 1 000 000,00; T3 AE 1 000 000,00 / CP 800 000,00; T5 AE 2 000 000,00 /
CP 500 000,00; 0217 T3 400 000,00; réserve 0,5 % T2 and 5 % hors T2; then 0150 → 0150-CSUP T3
500 000,00 / 400 000,00 and T5 1 000 000,00 / 200 000,00; 0150-CSUP → DR75 T3 200 000,00 /
100 000,00 and T5 600 000,00 / 100 000,00.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine.depot import DepotMemoire
from chorus_sandbox.domaine.erreurs import (
    CreditsInsuffisants,
    DonneeInvalide,
    ObjetInconnu,
    RegleDeGestion,
)
from chorus_sandbox.domaine.montants import MONTANT_MAXIMUM
from chorus_sandbox.domaine.montants import format_montant as fm
from chorus_sandbox.domaine.regles import Contexte

DR75 = "BG00/0150-CSUP-DR75"
DR69 = "BG00/0150-CSUP-DR69"
ASPR = "BG00/0217-SGAC-ASPR"
T05, T5 = Decimal("0.5"), Decimal(5)


def env(depot: DepotMemoire, niveau: str, code: str, titre: str) -> m.Enveloppe:
    return depot.enveloppe(2026, niveau, code, titre)


def integrer(depot: DepotMemoire, ctx: Contexte, lignes: list[op.LigneLoi], identifiant: str = "LFI 2026",
             exercice: int = 2026, t2: Decimal = T05, ht2: Decimal = T5, nature: str = "LFI") -> m.LoiDeFinances:
    return op.integrer_loi_de_finances(depot, ctx, identifiant, nature, exercice, lignes, t2, ht2)


# --- Loi de finances ------------------------------------------------------------------------
def test_integration_lfi_ouvre_les_credits_et_met_la_reserve_de_cote(depot_referentiel, ctx) -> None:
    loi = integrer(depot_referentiel, ctx, [
        op.LigneLoi("0150", "2", 100_000_000, 100_000_000, 120),
        op.LigneLoi("0150", "3", 100_000_000, 80_000_000),
        op.LigneLoi("0217", "3", 40_000_000, 40_000_000),
    ])
    t2 = env(depot_referentiel, "programme", "0150", "2")
    assert (t2.ae_ouverts, t2.cp_ouverts, t2.ae_reserves, t2.cp_reserves) == (100_000_000, 100_000_000, 500_000, 500_000)
    assert (t2.ae_disponibles, t2.cp_disponibles) == (99_500_000, 99_500_000)
    t3 = env(depot_referentiel, "programme", "0150", "3")
    assert (t3.ae_reserves, t3.cp_reserves) == (5_000_000, 4_000_000)  # 5 % hors T2
    assert (t3.ae_disponibles, t3.cp_disponibles) == (95_000_000, 76_000_000)
    assert env(depot_referentiel, "programme", "0217", "3").ae_reserves == 2_000_000
    assert loi.identifiant == "LFI 2026" and loi.exercice == 2026 and loi.date_integration == dt.date(2026, 6, 15)
    assert [(x.programme, x.titre, x.ae, x.cp, x.etpt) for x in loi.lignes] == [
        ("0150", "2", 100_000_000, 100_000_000, 120), ("0150", "3", 100_000_000, 80_000_000, 0),
        ("0217", "3", 40_000_000, 40_000_000, 0),
    ]
    assert depot_referentiel.trouver(m.LoiDeFinances, "LFI 2026") is loi
    assert [(e.operation, e.objet, e.detail) for e in depot_referentiel.lister(m.Evenement)] == [
        ("Intégration loi de finances", "LFI 2026", "3 lignes")
    ]


def test_reserve_arrondie_au_centime_half_up_sur_un_montant_impair(depot_referentiel, ctx) -> None:
    integrer(depot_referentiel, ctx, [
        op.LigneLoi("0150", "2", 100_000_100, 500),  # 0,5 % : 500 000,5 → 500 001 ; 2,5 → 3
        op.LigneLoi("0150", "5", 100_000_010, 30),  # 5 % : 5 000 000,5 → 5 000 001 ; 1,5 → 2
        op.LigneLoi("0217", "3", 99, 101),  # 5 % : 4,95 → 5 ; 5,05 → 5
    ])
    t2 = env(depot_referentiel, "programme", "0150", "2")
    assert (t2.ae_reserves, t2.cp_reserves) == (500_001, 3)
    t5 = env(depot_referentiel, "programme", "0150", "5")
    assert (t5.ae_reserves, t5.cp_reserves) == (5_000_001, 2)
    p217 = env(depot_referentiel, "programme", "0217", "3")
    assert (p217.ae_reserves, p217.cp_reserves) == (5, 5)


def test_lfi_titre_ecrit_t2_est_normalise(depot_referentiel, ctx) -> None:
    integrer(depot_referentiel, ctx, [op.LigneLoi("0150", "T2", 100_000_000, 100_000_000)])
    assert {e.titre for e in depot_referentiel.lister(m.Enveloppe)} == {"2"}
    assert env(depot_referentiel, "programme", "0150", "2").ae_reserves == 500_000


def test_double_integration_refusee(depot_referentiel, ctx, instantane) -> None:
    integrer(depot_referentiel, ctx, [op.LigneLoi("0150", "3", 100, 100)])
    avant = instantane(depot_referentiel)
    with pytest.raises(RegleDeGestion) as exc:
        integrer(depot_referentiel, ctx, [op.LigneLoi("0150", "3", 100, 100)])
    assert exc.value.message == "La loi de finances « LFI 2026 » est déjà intégrée"
    with pytest.raises(RegleDeGestion) as exc:
        integrer(depot_referentiel, ctx, [op.LigneLoi("0150", "3", 100, 100)], identifiant="LFI 2026 bis")
    assert exc.value.message == "Une loi de finances initiale est déjà intégrée pour l'exercice 2026"
    assert instantane(depot_referentiel) == avant


def test_lfi_d_un_autre_exercice_acceptee(depot_referentiel, ctx) -> None:
    integrer(depot_referentiel, ctx, [op.LigneLoi("0150", "3", 100, 100)])
    integrer(depot_referentiel, ctx, [op.LigneLoi("0150", "3", 200, 200)], identifiant="LFI 2027", exercice=2027)
    assert depot_referentiel.enveloppe(2027, "programme", "0150", "3").ae_ouverts == 200
    assert env(depot_referentiel, "programme", "0150", "3").ae_ouverts == 100


@pytest.mark.parametrize(
    ("lignes", "kw", "erreur", "message"),
    [
        ([op.LigneLoi("0999", "3", 100, 100)], {}, ObjetInconnu, "Programme inconnu(e) : 0999"),
        ([op.LigneLoi("150", "3", 100, 100)], {}, DonneeInvalide,
         "Code programme invalide : « 150 » (format attendu : 4 chiffres, ex. 0150)"),
        ([op.LigneLoi("0150", "8", 100, 100)], {}, DonneeInvalide,
         "Titre invalide : « 8 » (attendu 2, 3, 5 ou 6, ou T2…)"),
        ([op.LigneLoi("0150", "3", 100, 100), op.LigneLoi("0150", "3", 5, 5)], {}, DonneeInvalide,
         "Ligne en double : programme 0150, titre 3"),
        ([op.LigneLoi("0150", "3", -100, 100)], {}, DonneeInvalide,
         f"Montant AE négatif pour le programme 0150 titre 3 : {fm(-100)}"),
        ([op.LigneLoi("0150", "5", 100, -1)], {}, DonneeInvalide,
         "Montant CP négatif pour le programme 0150 titre 5 : -0,01\u00a0€"),
        ([op.LigneLoi("0150", "3", 100, 100, -1)], {}, DonneeInvalide,
         "Plafond d'emplois négatif pour le programme 0150"),
        ([], {}, DonneeInvalide, "La loi de finances « LFI 2026 » ne contient aucune ligne"),
        ([op.LigneLoi("0150", "3", 100, 100)], {"nature": "LFR"}, DonneeInvalide,
         "Nature de loi non prise en charge : LFR (attendu LFI)"),
        ([op.LigneLoi("0150", "3", 100, 100)], {"t2": Decimal("100.01")}, DonneeInvalide,
         "Taux de réserve T2 invalide : 100.01 % (entre 0 et 100)"),
        ([op.LigneLoi("0150", "3", 100, 100)], {"ht2": Decimal(-1)}, DonneeInvalide,
         "Taux de réserve hors T2 invalide : -1 % (entre 0 et 100)"),
        # a bad line after good ones: nothing at all is opened
        ([op.LigneLoi("0150", "2", 100, 100), op.LigneLoi("0217", "3", 100, 100), op.LigneLoi("0999", "3", 1, 1)],
         {}, ObjetInconnu, "Programme inconnu(e) : 0999"),
    ],
)
def test_integration_lfi_refusee_sans_rien_changer(depot_referentiel, ctx, instantane, lignes, kw, erreur,
                                                   message) -> None:
    avant = instantane(depot_referentiel)
    with pytest.raises(erreur) as exc:
        integrer(depot_referentiel, ctx, lignes, **kw)
    assert exc.value.message == message
    assert instantane(depot_referentiel) == avant
    assert depot_referentiel.lister(m.Enveloppe) == []


def test_taux_limites_acceptes(depot_referentiel, ctx) -> None:
    integrer(depot_referentiel, ctx, [op.LigneLoi("0150", "2", 1_000, 1_000), op.LigneLoi("0150", "3", 1_000, 1_000)],
             t2=Decimal(0), ht2=Decimal(100))
    assert env(depot_referentiel, "programme", "0150", "2").ae_reserves == 0
    assert env(depot_referentiel, "programme", "0150", "3").ae_disponibles == 0


# --- Mise à disposition ---------------------------------------------------------------------
def test_situation_initiale_du_jeu_mini(depot_mini) -> None:
    p3 = env(depot_mini, "programme", "0150", "3")
    assert (p3.ae_disponibles, p3.cp_disponibles) == (45_000_000, 36_000_000)
    b3 = env(depot_mini, "bop", "0150-CSUP", "3")
    assert (b3.ae_ouverts, b3.ae_disponibles, b3.cp_disponibles) == (50_000_000, 30_000_000, 30_000_000)
    u3 = env(depot_mini, "uo", DR75, "3")
    assert (u3.ae_disponibles, u3.cp_disponibles) == (15_000_000, 8_000_000)


def test_mad_programme_vers_bop(depot_mini, ctx) -> None:
    mad = op.mettre_a_disposition(depot_mini, ctx, "0150", "0150-CSUP", "T3", 10_000_000, 5_000_000)
    assert (mad.source, mad.destination, mad.niveau_destination, mad.titre, mad.ae, mad.cp) == (
        "0150", "0150-CSUP", "bop", "3", 10_000_000, 5_000_000)
    assert (mad.exercice, mad.date) == (2026, dt.date(2026, 6, 15))
    p3 = env(depot_mini, "programme", "0150", "3")
    assert (p3.ae_mis_a_disposition, p3.cp_mis_a_disposition) == (60_000_000, 45_000_000)
    assert (p3.ae_disponibles, p3.cp_disponibles) == (35_000_000, 31_000_000)
    b3 = env(depot_mini, "bop", "0150-CSUP", "3")
    assert (b3.ae_ouverts, b3.cp_ouverts, b3.ae_disponibles, b3.cp_disponibles) == (
        60_000_000, 45_000_000, 40_000_000, 35_000_000)
    dernier = depot_mini.lister(m.Evenement)[-1]
    assert (dernier.operation, dernier.objet, dernier.detail) == (
        "Mise à disposition", "0150", f"T3 AE {fm(10_000_000)} CP {fm(5_000_000)} vers 0150-CSUP")


def test_mad_bop_vers_uo(depot_mini, ctx) -> None:
    op.mettre_a_disposition(depot_mini, ctx, "0150-CSUP", DR69, "3", 12_345_678, 9_876_543)
    u = env(depot_mini, "uo", DR69, "3")
    assert (u.ae_ouverts, u.cp_ouverts, u.ae_disponibles, u.cp_disponibles) == (
        12_345_678, 9_876_543, 12_345_678, 9_876_543)
    b3 = env(depot_mini, "bop", "0150-CSUP", "3")
    assert (b3.ae_disponibles, b3.cp_disponibles) == (30_000_000 - 12_345_678, 30_000_000 - 9_876_543)


def test_mad_exactement_egale_au_disponible_acceptee(depot_mini, ctx) -> None:
    op.mettre_a_disposition(depot_mini, ctx, "0150", "0150-CSUP", "3", 45_000_000, 36_000_000)
    p3 = env(depot_mini, "programme", "0150", "3")
    assert (p3.ae_disponibles, p3.cp_disponibles) == (0, 0)
    op.mettre_a_disposition(depot_mini, ctx, "0150-CSUP", DR75, "3", 75_000_000, 66_000_000)
    b3 = env(depot_mini, "bop", "0150-CSUP", "3")
    assert (b3.ae_disponibles, b3.cp_disponibles) == (0, 0)


def test_mad_ae_seules_ou_cp_seuls(depot_mini, ctx) -> None:
    op.mettre_a_disposition(depot_mini, ctx, "0150-CSUP", DR69, "5", 1_000, 0)
    op.mettre_a_disposition(depot_mini, ctx, "0150-CSUP", DR69, "5", 0, 2_000)
    u = env(depot_mini, "uo", DR69, "5")
    assert (u.ae_ouverts, u.cp_ouverts) == (1_000, 2_000)


@pytest.mark.parametrize(
    ("source", "destination", "titre", "ae", "cp", "message"),
    [
        ("0150", "0150-CSUP", "3", 45_000_001, 1, ("Crédits insuffisants : 450\u00a0000,01\u00a0€ demandés, "
         "450\u00a0000,00\u00a0€ disponibles en AE sur le programme 0150")),
        ("0150", "0150-CSUP", "3", 1, 36_000_001, ("Crédits insuffisants : 360\u00a0000,01\u00a0€ demandés, "
         "360\u00a0000,00\u00a0€ disponibles en CP sur le programme 0150")),
        ("0150-CSUP", DR75, "3", 30_000_001, 0, (f"Crédits insuffisants : {fm(30_000_001)} demandés, "
         f"{fm(30_000_000)} disponibles en AE sur le BOP 0150-CSUP")),
        ("0150-CSUP", DR75, "5", 0, 10_000_001, (f"Crédits insuffisants : {fm(10_000_001)} demandés, "
         f"{fm(10_000_000)} disponibles en CP sur le BOP 0150-CSUP")),
        # the réserve is not distributable: 1 000 000,00 voted on T2, 995 000,00 available
        ("0150", "0150-CSUP", "2", 100_000_000, 0, (f"Crédits insuffisants : {fm(100_000_000)} demandés, "
         f"{fm(99_500_000)} disponibles en AE sur le programme 0150")),
        # nothing was made available to 0217-SGAC
        ("0217-SGAC", ASPR, "3", 1, 0, (f"Crédits insuffisants : {fm(1)} demandés, "
         f"{fm(0)} disponibles en AE sur le BOP 0217-SGAC")),
    ],
)
def test_mad_au_dela_du_disponible_refusee(depot_mini, ctx, instantane, source, destination, titre, ae, cp,
                                          message) -> None:
    avant = instantane(depot_mini)
    with pytest.raises(CreditsInsuffisants) as exc:
        op.mettre_a_disposition(depot_mini, ctx, source, destination, titre, ae, cp)
    assert exc.value.message == message
    assert instantane(depot_mini) == avant


@pytest.mark.parametrize(
    ("source", "destination", "titre", "ae", "cp", "erreur", "message"),
    [
        ("0150", "0217-SGAC", "3", 100, 100, RegleDeGestion, "Le BOP 0217-SGAC n'appartient pas au programme 0150"),
        ("0150-CSUP", ASPR, "3", 100, 100, RegleDeGestion,
         "L'UO BG00/0217-SGAC-ASPR n'appartient pas au BOP 0150-CSUP"),
        ("0150", DR75, "3", 100, 100, ObjetInconnu, "BOP inconnu(e) : BG00/0150-CSUP-DR75"),
        ("0999", "0150-CSUP", "3", 100, 100, ObjetInconnu, "Programme ou BOP inconnu : 0999"),
        (DR75, DR69, "3", 100, 100, ObjetInconnu, "Programme ou BOP inconnu : BG00/0150-CSUP-DR75"),
        ("0150", "0150-XXXX", "3", 100, 100, ObjetInconnu, "BOP inconnu(e) : 0150-XXXX"),
        ("0150-CSUP", "BG00/0150-CSUP-XXXX", "3", 100, 100, ObjetInconnu, "UO inconnu(e) : BG00/0150-CSUP-XXXX"),
        ("0150", "0150-CSUP", "3", 0, 0, DonneeInvalide,
         "Une mise à disposition porte sur un montant d'AE ou de CP non nul"),
        ("0150", "0150-CSUP", "3", -1, 100, DonneeInvalide, "Le montant AE ne peut pas être négatif (-0,01\u00a0€)"),
        ("0150", "0150-CSUP", "3", 100, -100, DonneeInvalide, f"Le montant CP ne peut pas être négatif ({fm(-100)})"),
        ("0150", "0150-CSUP", "9", 100, 100, DonneeInvalide, "Titre invalide : « 9 » (attendu 2, 3, 5 ou 6, ou T2…)"),
        ("0150", "0150-CSUP", "3", MONTANT_MAXIMUM + 1, 0, DonneeInvalide,
         f"Le montant dépasse le maximum autorisé ({fm(MONTANT_MAXIMUM + 1)})"),
    ],
)
def test_mad_refusee(depot_mini, ctx, instantane, source, destination, titre, ae, cp, erreur, message) -> None:
    avant = instantane(depot_mini)
    with pytest.raises(erreur) as exc:
        op.mettre_a_disposition(depot_mini, ctx, source, destination, titre, ae, cp)
    assert exc.value.message == message
    assert instantane(depot_mini) == avant


def test_somme_des_mad_aux_enfants_egale_le_mis_a_disposition_du_parent(depot_mini, ctx) -> None:
    op.mettre_a_disposition(depot_mini, ctx, "0150-CSUP", DR69, "3", 1_000_000, 500_000)
    op.mettre_a_disposition(depot_mini, ctx, "0150-CSUP", DR75, "3", 2_000_000, 0)
    b3 = env(depot_mini, "bop", "0150-CSUP", "3")
    enfants = [env(depot_mini, "uo", u, "3") for u in (DR69, DR75)]
    assert b3.ae_mis_a_disposition == sum(e.ae_ouverts for e in enfants) == 23_000_000
    assert b3.cp_mis_a_disposition == sum(e.cp_ouverts for e in enfants) == 10_500_000
    assert b3.ae_mis_a_disposition <= b3.ae_ouverts - b3.ae_reserves
