"""Each defect of domaine/defauts.py bends exactly the rule it names, and only that one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine.defauts import CATALOGUE_EXECUTION as CATALOGUE
from chorus_sandbox.domaine.depot import DepotMemoire
from chorus_sandbox.domaine.erreurs import ErreurChorus
from chorus_sandbox.domaine.regles import Contexte

DR75 = "BG00/0150-CSUP-DR75"
POSTE = op.PosteDemande(0, "0150-01-02", "BG00/015001010101")


def avec(*defauts: str) -> Contexte:
    return Contexte(2026, dt.date(2026, 6, 15), frozenset(defauts))


def uo(depot: DepotMemoire, titre: str = "3") -> m.Enveloppe:
    return depot.enveloppe(2026, "uo", DR75, titre)


def engager(depot: DepotMemoire, ctx: Contexte, montant: int, titre: str = "3",
            tranche: str | None = None) -> m.EngagementJuridique:
    postes = [op.PosteDemande(montant, POSTE.domaine_fonctionnel, POSTE.activite)]
    return op.engager(depot, ctx, DR75, titre, "1000012345", "Objet", postes, tranche)


# --- One scenario per defect: it runs the rule just past its limit --------------------------
class RegleTenue(Exception):
    """Raised by a scenario whose rule does not refuse anything but held (réserve, recycling)."""


def ej_au_dela_des_ae(depot: DepotMemoire, ctx: Contexte) -> None:
    engager(depot, ctx, 15_000_001)  # 150 000,00 available on DR75 T3


def ej_au_dela_de_l_aene(depot: DepotMemoire, ctx: Contexte) -> None:
    engager(depot, ctx, 20_000_001, titre="5", tranche="TF0150000001")  # AENE 200 000,00


def mad_au_dela_du_disponible(depot: DepotMemoire, ctx: Contexte) -> None:
    op.mettre_a_disposition(depot, ctx, "0150-CSUP", DR75, "3", 30_000_001, 0)  # BOP: 300 000,00


def reserve_non_appliquee(depot: DepotMemoire, ctx: Contexte) -> None:
    op.integrer_loi_de_finances(depot, ctx, "LFI 2027", "LFI", 2027, [op.LigneLoi("0150", "3", 100_000, 100_000)],
                                Decimal("0.5"), Decimal(5))
    if depot.enveloppe(2027, "programme", "0150", "3").ae_reserves == 5_000:  # 5 % of 1 000,00
        raise RegleTenue("réserve appliquée")


def retrait_anterieur_libere_ae(depot: DepotMemoire, ctx: Contexte) -> None:
    avant = uo(depot).ae_disponibles
    op.reduire_engagement(depot, ctx, "2103105755", 1, 500_000)
    if uo(depot).ae_disponibles == avant:
        raise RegleTenue("aucune AE d'un exercice antérieur recyclée")


def dp_sans_service_fait(depot: DepotMemoire, ctx: Contexte) -> None:
    op.creer_demande_paiement(depot, ctx, "2103000002", 1, 1)  # no service fait on this EJ


def paiement_au_dela_des_cp(depot: DepotMemoire, ctx: Contexte) -> None:
    e = engager(depot, ctx, 8_000_001)
    op.constater_service_fait(depot, ctx, e.numero, 1, 8_000_001)
    dp = op.creer_demande_paiement(depot, ctx, e.numero, 1, 8_000_001)
    op.payer(depot, ctx, dp.numero)  # 80 000,00 CP available on DR75 T3


SCENARIOS: dict[str, list[Callable[[DepotMemoire, Contexte], None]]] = {
    "ej-au-dela-des-ae": [ej_au_dela_des_ae, ej_au_dela_de_l_aene],
    "mad-au-dela-du-disponible": [mad_au_dela_du_disponible],
    "reserve-non-appliquee": [reserve_non_appliquee],
    "retrait-anterieur-libere-ae": [retrait_anterieur_libere_ae],
    "dp-sans-service-fait": [dp_sans_service_fait],
    "paiement-au-dela-des-cp": [paiement_au_dela_des_cp],
}
CAS = [(d, s) for d, scenarios in SCENARIOS.items() for s in scenarios]
IDS = [f"{d}:{s.__name__}" for d, s in CAS]


def test_chaque_defaut_du_catalogue_a_son_scenario() -> None:
    assert set(SCENARIOS) == set(CATALOGUE)


@pytest.mark.parametrize(("defaut", "scenario"), CAS, ids=IDS)
def test_sans_defaut_la_regle_tient(depot_mini, defaut, scenario) -> None:
    with pytest.raises((ErreurChorus, RegleTenue)):
        scenario(depot_mini, avec())


@pytest.mark.parametrize(("defaut", "scenario"), CAS, ids=IDS)
def test_avec_tous_les_autres_defauts_la_regle_tient(depot_mini, defaut, scenario) -> None:
    """A defect bends exactly one rule: all the other defects together leave this one intact."""
    with pytest.raises((ErreurChorus, RegleTenue)):
        scenario(depot_mini, avec(*(set(CATALOGUE) - {defaut})))


@pytest.mark.parametrize(("defaut", "scenario"), CAS, ids=IDS)
def test_avec_le_defaut_la_regle_cede(depot_mini, defaut, scenario) -> None:
    scenario(depot_mini, avec(defaut))  # no ErreurChorus, no RegleTenue: the rule gave way


# --- What each bent rule lets through, in figures ------------------------------------------
def test_defaut_ej_au_dela_des_ae(depot_mini) -> None:
    e = engager(depot_mini, avec("ej-au-dela-des-ae"), 15_000_001)
    assert e.montant == 15_000_001
    assert uo(depot_mini).ae_disponibles == -1
    op.augmenter_engagement(depot_mini, avec("ej-au-dela-des-ae"), e.numero, 1, 99)
    assert uo(depot_mini).ae_disponibles == -100
    engager(depot_mini, avec("ej-au-dela-des-ae"), 20_000_001, titre="5", tranche="TF0150000001")
    assert depot_mini.trouver(m.TrancheFonctionnelle, "TF0150000001").aene == -1


def test_defaut_mad_au_dela_du_disponible(depot_mini) -> None:
    op.mettre_a_disposition(depot_mini, avec("mad-au-dela-du-disponible"), "0150-CSUP", DR75, "3",
                            30_000_001, 30_000_002)
    bop = depot_mini.enveloppe(2026, "bop", "0150-CSUP", "3")
    assert (bop.ae_disponibles, bop.cp_disponibles) == (-1, -2)


def test_defaut_reserve_non_appliquee(depot_referentiel) -> None:
    op.integrer_loi_de_finances(
        depot_referentiel, avec("reserve-non-appliquee"), "LFI 2026", "LFI", 2026,
        [op.LigneLoi("0150", "2", 100_000_000, 100_000_000), op.LigneLoi("0150", "3", 100_000_000, 80_000_000)],
        Decimal("0.5"), Decimal(5))
    for titre in ("2", "3"):
        e = depot_referentiel.enveloppe(2026, "programme", "0150", titre)
        assert (e.ae_reserves, e.cp_reserves) == (0, 0)
        assert e.ae_disponibles == e.ae_ouverts


def test_defaut_retrait_anterieur_libere_ae(depot_mini) -> None:
    op.reduire_engagement(depot_mini, avec("retrait-anterieur-libere-ae"), "2103105755", 1, 500_000)
    assert uo(depot_mini).ae_disponibles == 15_500_000  # 150 000,00 + 5 000,00 recycled
    assert uo(depot_mini).ae_engages == 4_500_000


def test_defaut_dp_sans_service_fait(depot_mini) -> None:
    ctx = avec("dp-sans-service-fait")
    dp = op.creer_demande_paiement(depot_mini, ctx, "2103000002", 1, 10_000_000)  # EJ amount, no SF
    assert dp.montant == 10_000_000
    with pytest.raises(ErreurChorus, match="0,00\u00a0€ de service fait non encore demandé"):
        op.creer_demande_paiement(depot_mini, ctx, "2103000002", 1, 1)  # still capped by the EJ amount


def test_defaut_paiement_au_dela_des_cp(depot_mini) -> None:
    paiement_au_dela_des_cp(depot_mini, avec("paiement-au-dela-des-cp"))
    assert uo(depot_mini).cp_disponibles == -1
