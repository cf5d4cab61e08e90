"""In-year regulation: LFR, réserve de précaution, virements, transferts, fongibilité, fonds de concours.

Pure domain on the ``mini`` dataset (DepotMemoire, 15/06/2026). Programme level, in cents:
0150 T2 ouverts 100 000 000 / réservés 500 000 (AE = CP); T3 AE disponibles 45 000 000 (réservés
5 000 000), CP disponibles 36 000 000 (réservés 4 000 000); 0217 T3 disponibles 38 000 000.
LFI: 0150 AE 400 000 000 (2 % = 8 000 000), CP 230 000 000 (2 % = 4 600 000); 0217 40 000 000.
0150 (MESR) and 0217 (MTE) are in different ministries; ``ajouter_0172`` adds a MESR programme.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import regulation as reg
from chorus_sandbox.domaine.defauts import CATALOGUE, CATALOGUE_REGULATION, lire_defauts
from chorus_sandbox.domaine.depot import DepotMemoire
from chorus_sandbox.domaine.erreurs import (
    CreditsInsuffisants,
    DonneeInvalide,
    ErreurChorus,
    RegleDeGestion,
)
from chorus_sandbox.domaine.montants import format_montant as fm
from chorus_sandbox.domaine.operations import LigneLoi
from chorus_sandbox.domaine.regles import Contexte

Etat = Callable[[DepotMemoire], dict[str, object]]


def avec(*defauts: str) -> Contexte:
    return Contexte(2026, dt.date(2026, 6, 15), frozenset(defauts))


def env(depot: DepotMemoire, programme: str, titre: str) -> m.Enveloppe:
    return depot.enveloppe(2026, "programme", programme, titre)


def chiffres(e: m.Enveloppe) -> tuple[int, int, int, int, int, int]:
    return e.ae_ouverts, e.ae_reserves, e.ae_disponibles, e.cp_ouverts, e.cp_reserves, e.cp_disponibles


def ajouter_0172(depot: DepotMemoire, t3: int = 1_000_000_000, t2: int = 50_000_000) -> None:
    """A second MESR programme, with LFI lines (AE = CP) and its credits opened, no réserve."""
    depot.ajouter(m.Programme("0172", "Recherches scientifiques et technologiques pluridisciplinaires", "RES", "MESR"))
    loi = depot.trouver(m.LoiDeFinances, "LFI 2026")
    for titre, montant in (("3", t3), ("2", t2)):
        loi.lignes.append(m.LigneLoiDeFinances("0172", titre, montant, montant))
        e = env(depot, "0172", titre)
        e.ae_ouverts += montant
        e.cp_ouverts += montant


@pytest.fixture
def etat(instantane: Etat) -> Etat:
    def prendre(depot: DepotMemoire) -> dict[str, object]:
        resultat = instantane(depot)
        resultat["MouvementRegulation"] = [repr(dataclasses.asdict(x)) for x in depot.lister(m.MouvementRegulation)]
        return resultat

    return prendre


def refuse(depot: DepotMemoire, etat: Etat, erreur: type[ErreurChorus], message: str,
           operation: Callable[..., object], *args: object, ctx: Contexte | None = None) -> None:
    """The operation raises exactly ``message`` and leaves everything as it was."""
    avant = etat(depot)
    with pytest.raises(erreur) as exc:
        operation(depot, ctx or avec(), *args)
    assert exc.value.message == message
    assert etat(depot) == avant


# --- Loi de finances rectificative --------------------------------------------------------------
def test_lfr_ouvre_et_annule_par_programme_et_titre(depot_mini) -> None:
    loi = reg.integrer_loi_rectificative(depot_mini, avec(), "LFR 2026-1", [
        LigneLoi("0150", "3", 45_000_000, -36_000_000),  # annulation CP = exactement le disponible
        LigneLoi("0217", "T5", 1_000_000, 500_000),
    ])
    assert chiffres(env(depot_mini, "0150", "3")) == (145_000_000, 5_000_000, 90_000_000, 44_000_000, 4_000_000, 0)
    assert chiffres(env(depot_mini, "0217", "5")) == (1_000_000, 0, 1_000_000, 500_000, 0, 500_000)
    assert (loi.nature, loi.exercice, loi.date_integration) == ("LFR", 2026, dt.date(2026, 6, 15))
    assert [(x.programme, x.titre, x.ae, x.cp) for x in loi.lignes] == [
        ("0150", "3", 45_000_000, -36_000_000), ("0217", "5", 1_000_000, 500_000)]
    assert depot_mini.trouver(m.LoiDeFinances, "LFR 2026-1") is loi
    dernier = depot_mini.lister(m.Evenement)[-1]
    assert (dernier.operation, dernier.objet, dernier.detail) == (
        "Intégration loi de finances rectificative", "LFR 2026-1", "2 lignes")


def test_lfr_annulation_un_centime_au_dela_du_disponible_refusee(depot_mini, etat) -> None:
    refuse(depot_mini, etat, CreditsInsuffisants,
           f"Annulation par la loi « LFR 2026-1 » refusée : {fm(45_000_001)} à annuler, {fm(45_000_000)} "
           "disponibles en AE sur le programme 0150 (titre 3)",
           reg.integrer_loi_rectificative, "LFR 2026-1",
           [LigneLoi("0217", "3", 100, 100), LigneLoi("0150", "3", -45_000_001, 0)])


def test_lfr_annulation_cp_au_dela_refusee(depot_mini, etat) -> None:
    refuse(depot_mini, etat, CreditsInsuffisants,
           f"Annulation par la loi « LFR 2026-1 » refusée : {fm(38_000_001)} à annuler, {fm(38_000_000)} "
           "disponibles en CP sur le programme 0217 (titre 3)",
           reg.integrer_loi_rectificative, "LFR 2026-1", [LigneLoi("0217", "3", 0, -38_000_001)])


def test_lfr_integree_une_seule_fois(depot_mini, etat) -> None:
    reg.integrer_loi_rectificative(depot_mini, avec(), "LFR 2026-1", [LigneLoi("0150", "3", 100, 100)])
    refuse(depot_mini, etat, RegleDeGestion, "La loi de finances « LFR 2026-1 » est déjà intégrée",
           reg.integrer_loi_rectificative, "LFR 2026-1", [LigneLoi("0150", "3", 100, 100)])
    refuse(depot_mini, etat, RegleDeGestion, "La loi de finances « LFI 2026 » est déjà intégrée",
           reg.integrer_loi_rectificative, "LFI 2026", [LigneLoi("0150", "3", 100, 100)])


@pytest.mark.parametrize(("lignes", "message"), [
    ([], "La loi de finances « LFR X » ne contient aucune ligne"),
    ([LigneLoi("0150", "3", 0, 0)], "Ligne sans montant : programme 0150, titre 3"),
    ([LigneLoi("0150", "3", 1, 1), LigneLoi("0150", "T3", 1, 1)], "Ligne en double : programme 0150, titre 3"),
])
def test_lfr_donnees_invalides(depot_mini, etat, lignes, message) -> None:
    refuse(depot_mini, etat, DonneeInvalide, message, reg.integrer_loi_rectificative, "LFR X", lignes)


# --- Réserve de précaution ----------------------------------------------------------------------
def test_degel_exactement_la_reserve(depot_mini) -> None:
    mouvement = reg.degeler(depot_mini, avec(), "0150", "3", 5_000_000, 4_000_000)
    assert chiffres(env(depot_mini, "0150", "3")) == (100_000_000, 0, 50_000_000, 80_000_000, 0, 40_000_000)
    assert (mouvement.type_mouvement, mouvement.source, mouvement.titre_source, mouvement.ae, mouvement.cp) == (
        "Dégel", "0150", "3", 5_000_000, 4_000_000)
    dernier = depot_mini.lister(m.Evenement)[-1]
    assert (dernier.operation, dernier.objet, dernier.detail) == (
        "Dégel", "0150", f"T3 AE {fm(5_000_000)} CP {fm(4_000_000)}")


def test_degel_un_centime_de_plus_refuse(depot_mini, etat) -> None:
    refuse(depot_mini, etat, CreditsInsuffisants,
           f"Dégel refusé : {fm(5_000_001)} demandés, {fm(5_000_000)} réservés en AE sur le programme 0150 (titre 3)",
           reg.degeler, "0150", "3", 5_000_001, 0)
    refuse(depot_mini, etat, CreditsInsuffisants,
           f"Dégel refusé : {fm(500_001)} demandés, {fm(500_000)} réservés en CP sur le programme 0150 (titre 2)",
           reg.degeler, "0150", "2", 1, 500_001)


def test_surgel_exactement_le_disponible_puis_un_centime(depot_mini, etat) -> None:
    reg.surgeler(depot_mini, avec(), "0217", "3", 38_000_000, 1)
    assert chiffres(env(depot_mini, "0217", "3")) == (40_000_000, 40_000_000, 0, 40_000_000, 2_000_001, 37_999_999)
    refuse(depot_mini, etat, CreditsInsuffisants,
           f"Surgel refusé : {fm(1)} demandés, {fm(0)} disponibles en AE sur le programme 0217 (titre 3)",
           reg.surgeler, "0217", "3", 1, 0)


def test_annulation_de_reserve_reduit_ouverts_et_reserves(depot_mini, etat) -> None:
    reg.annuler_reserve(depot_mini, avec(), "0150", "2", 500_000, 200_000)
    assert chiffres(env(depot_mini, "0150", "2")) == (99_500_000, 0, 99_500_000, 99_800_000, 300_000, 99_500_000)
    refuse(depot_mini, etat, CreditsInsuffisants,
           f"Annulation refusée : {fm(300_001)} demandés, {fm(300_000)} réservés en CP sur le programme 0150 (titre 2)",
           reg.annuler_reserve, "0150", "2", 0, 300_001)


@pytest.mark.parametrize(("ae", "cp", "erreur", "message"), [
    (0, 0, DonneeInvalide, "Le mouvement porte sur un montant d'AE ou de CP non nul"),
    (-1, 5, DonneeInvalide, f"Le montant AE ne peut pas être négatif ({fm(-1)})"),
])
def test_reserve_montants_invalides(depot_mini, etat, ae, cp, erreur, message) -> None:
    refuse(depot_mini, etat, erreur, message, reg.degeler, "0150", "3", ae, cp)


def test_reserve_programme_inconnu_refuse(depot_mini, etat) -> None:
    from chorus_sandbox.domaine.erreurs import ObjetInconnu
    refuse(depot_mini, etat, ObjetInconnu, "Programme inconnu(e) : 0999", reg.surgeler, "0999", "3", 1, 1)


# --- Virements (art. 12-I) ---------------------------------------------------------------------
def test_virement_exactement_2_pourcent_du_programme_source(depot_mini, etat) -> None:
    ajouter_0172(depot_mini)
    mouvement = reg.virer(depot_mini, avec(), "0150", "0172", "3", 8_000_000, 4_600_000)
    assert (mouvement.type_mouvement, mouvement.source, mouvement.destination, mouvement.ae, mouvement.cp) == (
        "Virement", "0150", "0172", 8_000_000, 4_600_000)
    assert chiffres(env(depot_mini, "0150", "3"))[::3] == (92_000_000, 75_400_000)
    assert chiffres(env(depot_mini, "0172", "3"))[::3] == (1_008_000_000, 1_004_600_000)
    assert reg.cumul_virements(depot_mini, 2026, "0150") == (8_000_000, 4_600_000)
    refuse(depot_mini, etat, RegleDeGestion,
           "Virement refusé : le cumul des virements du programme 0150 atteindrait 2,01 % de ses crédits LFI "
           f"en AE (plafond 2 %) : {fm(1)} demandés, {fm(0)} encore possibles",
           reg.virer, "0150", "0172", "3", 1, 0)
    refuse(depot_mini, etat, RegleDeGestion,
           "Virement refusé : le cumul des virements du programme 0150 atteindrait 2,01 % de ses crédits LFI "
           f"en CP (plafond 2 %) : {fm(1)} demandés, {fm(0)} encore possibles",
           reg.virer, "0150", "0172", "3", 0, 1)


def test_virement_plafond_du_programme_destination_et_cumul_entrant_sortant(depot_mini, etat) -> None:
    ajouter_0172(depot_mini)
    reg.virer(depot_mini, avec(), "0150", "0172", "3", 5_000_000, 0)
    reg.virer(depot_mini, avec(), "0172", "0150", "3", 2_000_000, 0)  # the cap counts in and out
    refuse(depot_mini, etat, RegleDeGestion,
           "Virement refusé : le cumul des virements du programme 0150 atteindrait 2,10 % de ses crédits LFI "
           f"en AE (plafond 2 %) : {fm(1_400_000)} demandés, {fm(1_000_000)} encore possibles",
           reg.virer, "0172", "0150", "3", 1_400_000, 0)
    reg.virer(depot_mini, avec(), "0172", "0150", "3", 1_000_000, 0)
    assert reg.cumul_virements(depot_mini, 2026, "0150") == (8_000_000, 0)


def test_virement_plafond_du_petit_programme_source(depot_mini, etat) -> None:
    ajouter_0172(depot_mini, t3=100_000_000, t2=50_000_000)  # LFI 150 000 000 → 3 000 000
    refuse(depot_mini, etat, RegleDeGestion,
           "Virement refusé : le cumul des virements du programme 0172 atteindrait 2,01 % de ses crédits LFI "
           f"en AE (plafond 2 %) : {fm(3_000_001)} demandés, {fm(3_000_000)} encore possibles",
           reg.virer, "0150", "0172", "3", 3_000_001, 0)


def test_virement_au_dela_du_disponible_de_la_source(depot_mini, etat) -> None:
    ajouter_0172(depot_mini)
    reg.surgeler(depot_mini, avec(), "0150", "3", 44_000_000, 0)  # 1 000 000 AE disponibles
    refuse(depot_mini, etat, CreditsInsuffisants,
           f"Virement refusé : {fm(1_000_001)} demandés, {fm(1_000_000)} disponibles en AE sur le programme 0150 "
           "(titre 3)", reg.virer, "0150", "0172", "3", 1_000_001, 0)


def test_virement_t3_vers_t2_refuse_t2_vers_t2_accepte(depot_mini, etat) -> None:
    ajouter_0172(depot_mini)
    refuse(depot_mini, etat, RegleDeGestion,
           "Fongibilité asymétrique : aucun crédit ne peut abonder le titre 2 (programme 0172)",
           reg.virer, "0150", "0172", "3", 100, 100, "2")
    reg.virer(depot_mini, avec(), "0150", "0172", "2", 100, 100)
    reg.virer(depot_mini, avec(), "0150", "0172", "2", 100, 100, "3")
    assert env(depot_mini, "0172", "2").ae_ouverts == 50_000_100
    assert env(depot_mini, "0172", "3").ae_ouverts == 1_000_000_100
    assert env(depot_mini, "0150", "2").ae_ouverts == 99_999_800


def test_virement_entre_ministeres_differents_refuse(depot_mini, etat) -> None:
    refuse(depot_mini, etat, RegleDeGestion,
           "Virement refusé : les programmes 0150 (MESR) et 0217 (MTE) relèvent de ministères différents "
           "(utiliser un transfert)", reg.virer, "0150", "0217", "3", 100, 100)
    refuse(depot_mini, etat, RegleDeGestion,
           "Le programme source et le programme destination sont identiques (0150)",
           reg.virer, "0150", "0150", "3", 100, 100)


# --- Transferts (art. 12-II) -------------------------------------------------------------------
def test_transfert_sans_plafond_jusqu_au_disponible(depot_mini, etat) -> None:
    mouvement = reg.transferer(depot_mini, avec(), "0150", "0217", "3", 45_000_000, 36_000_000)
    assert mouvement.type_mouvement == "Transfert"
    assert chiffres(env(depot_mini, "0150", "3"))[2::3] == (0, 0)
    assert chiffres(env(depot_mini, "0217", "3"))[2::3] == (83_000_000, 74_000_000)
    refuse(depot_mini, etat, CreditsInsuffisants,
           f"Transfert refusé : {fm(1)} demandés, {fm(0)} disponibles en AE sur le programme 0150 (titre 3)",
           reg.transferer, "0150", "0217", "3", 1, 0)


def test_transfert_regles_de_ministere_et_de_titre_2(depot_mini, etat) -> None:
    ajouter_0172(depot_mini)
    refuse(depot_mini, etat, RegleDeGestion,
           "Transfert refusé : les programmes 0150 et 0172 relèvent du même ministère MESR (utiliser un virement)",
           reg.transferer, "0150", "0172", "3", 100, 100)
    refuse(depot_mini, etat, RegleDeGestion,
           "Fongibilité asymétrique : aucun crédit ne peut abonder le titre 2 (programme 0150)",
           reg.transferer, "0217", "0150", "3", 100, 100, "2")


# --- Fongibilité asymétrique (art. 7) ----------------------------------------------------------
def test_fongibilite_t2_vers_t3_acceptee(depot_mini) -> None:
    mouvement = reg.fongibilite(depot_mini, avec(), "0150", "2", "3", 99_500_000, 99_500_000)
    assert (mouvement.type_mouvement, mouvement.titre_source, mouvement.titre_destination) == ("Fongibilité", "2", "3")
    assert chiffres(env(depot_mini, "0150", "2")) == (500_000, 500_000, 0, 500_000, 500_000, 0)
    assert chiffres(env(depot_mini, "0150", "3"))[::3] == (199_500_000, 179_500_000)


def test_fongibilite_t3_vers_t2_refusee(depot_mini, etat) -> None:
    refuse(depot_mini, etat, RegleDeGestion,
           "Fongibilité asymétrique : aucun crédit ne peut abonder le titre 2 (programme 0150)",
           reg.fongibilite, "0150", "3", "2", 1, 0)


def test_fongibilite_un_centime_au_dela_du_disponible(depot_mini, etat) -> None:
    refuse(depot_mini, etat, CreditsInsuffisants,
           f"Fongibilité refusée : {fm(27_500_001)} demandés, {fm(27_500_000)} disponibles en CP sur le programme "
           "0150 (titre 5)", reg.fongibilite, "0150", "5", "3", 0, 27_500_001)
    refuse(depot_mini, etat, DonneeInvalide,
           "Fongibilité : le titre source et le titre destination sont identiques (3)",
           reg.fongibilite, "0150", "3", "T3", 1, 1)


# --- Fonds de concours -------------------------------------------------------------------------
def test_fonds_de_concours_ouvre_ae_egales_cp_et_cumule(depot_mini, etat) -> None:
    reg.rattacher_fonds_de_concours(depot_mini, avec(), "0217", "3", 1_234_567, "FDC 1-2-00123")
    mouvement = reg.rattacher_fonds_de_concours(depot_mini, avec(), "0217", "3", 33)
    assert (mouvement.type_mouvement, mouvement.source, mouvement.destination, mouvement.ae, mouvement.cp) == (
        "Fonds de concours", "", "0217", 33, 33)
    assert chiffres(env(depot_mini, "0217", "3"))[::3] == (41_234_600, 41_234_600)
    assert reg.cumul_fonds_de_concours(depot_mini, 2026, "0217", "3") == 1_234_600
    assert reg.cumul_fonds_de_concours(depot_mini, 2026, "0150", "3") == 0
    refuse(depot_mini, etat, DonneeInvalide, f"Le montant du fonds de concours doit être strictement positif ({fm(0)})",
           reg.rattacher_fonds_de_concours, "0217", "3", 0)


def test_mouvements_listes_dans_l_ordre(depot_mini) -> None:
    reg.degeler(depot_mini, avec(), "0150", "3", 1, 1)
    reg.transferer(depot_mini, avec(), "0217", "0150", "3", 2, 2)
    assert [x.type_mouvement for x in reg.mouvements(depot_mini, 2026)] == ["Dégel", "Transfert"]
    assert reg.mouvements(depot_mini, 2027) == []


# --- Defects: each bends its own rule ----------------------------------------------------------
def _annulation_lfr(depot: DepotMemoire, ctx: Contexte) -> None:
    reg.integrer_loi_rectificative(depot, ctx, "LFR D", [LigneLoi("0150", "3", -45_000_001, 0)])


def _degel(depot: DepotMemoire, ctx: Contexte) -> None:
    reg.degeler(depot, ctx, "0150", "3", 5_000_001, 0)


def _surgel(depot: DepotMemoire, ctx: Contexte) -> None:
    reg.surgeler(depot, ctx, "0150", "3", 45_000_001, 0)


def _annulation_reserve(depot: DepotMemoire, ctx: Contexte) -> None:
    reg.annuler_reserve(depot, ctx, "0150", "3", 5_000_001, 0)


def _virement_plafond(depot: DepotMemoire, ctx: Contexte) -> None:
    ajouter_0172(depot)
    reg.virer(depot, ctx, "0150", "0172", "3", 8_000_001, 0)


def _mouvement_disponible(depot: DepotMemoire, ctx: Contexte) -> None:
    reg.transferer(depot, ctx, "0150", "0217", "3", 45_000_001, 0)


def _fongibilite_t2(depot: DepotMemoire, ctx: Contexte) -> None:
    reg.fongibilite(depot, ctx, "0150", "3", "2", 1, 0)


SCENARIOS = {
    "annulation-lfr-au-dela-du-disponible": _annulation_lfr,
    "degel-au-dela-de-la-reserve": _degel,
    "surgel-au-dela-du-disponible": _surgel,
    "annulation-reserve-au-dela-de-la-reserve": _annulation_reserve,
    "virement-plafond-ignore": _virement_plafond,
    "mouvement-au-dela-du-disponible": _mouvement_disponible,
    "fongibilite-vers-t2": _fongibilite_t2,
}


def test_chaque_defaut_de_regulation_a_son_scenario() -> None:
    assert set(SCENARIOS) == set(CATALOGUE_REGULATION)
    assert set(CATALOGUE_REGULATION) <= set(CATALOGUE)  # switchable on a running sandbox too
    assert lire_defauts(",".join(CATALOGUE_REGULATION)) == frozenset(CATALOGUE_REGULATION)
    for description in CATALOGUE_REGULATION.values():
        assert description.endswith(".") and ("est accepté" in description)


@pytest.mark.parametrize("defaut", sorted(SCENARIOS))
def test_le_defaut_plie_sa_regle_et_elle_seule(depot_mini, defaut) -> None:
    scenario = SCENARIOS[defaut]
    with pytest.raises(ErreurChorus):
        scenario(depot_mini, avec(*(set(CATALOGUE_REGULATION) - {defaut})))
    scenario(depot_mini, avec(defaut))


def test_degel_avec_defaut_rend_la_reserve_negative(depot_mini) -> None:
    _degel(depot_mini, avec("degel-au-dela-de-la-reserve"))
    assert chiffres(env(depot_mini, "0150", "3"))[1:3] == (-1, 50_000_001)
