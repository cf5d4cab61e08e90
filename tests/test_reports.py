"""Year-end closing and campagne des reports (domaine/reports.py), pure domain on ``mini``.

``mini`` in cents, closed on 31/12/2026 (DepotMemoire). Unconsumed CP (all levels, réserve out):
0150 T2 99 500 000, T3 74 000 000, T5 47 500 000; 0217 T3 38 000 000. LFI hors-T2 CP: 0150
130 000 000 (3 % = 3 900 000), 0217 40 000 000 (3 % = 1 200 000). TF0150000001 (DR75 T5): affected
30 000 000, engaged 10 000 000 (AENE 20 000 000). EJ 2103000001 (DR75 T3) 5 000 000, paid 2 000 000;
2103000002 (DR75 T5, on the TF) 10 000 000, nothing paid; 2103105755 (2025, carried) 3 000 000, paid 1 000 000.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from chorus_sandbox import jeux
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine import regles
from chorus_sandbox.domaine import regulation as reg
from chorus_sandbox.domaine import reports as rp
from chorus_sandbox.domaine.defauts import CATALOGUE, CATALOGUE_REPORTS, lire_defauts
from chorus_sandbox.domaine.depot import DepotMemoire
from chorus_sandbox.domaine.erreurs import (
    DonneeInvalide,
    ErreurChorus,
    ObjetInconnu,
    RegleDeGestion,
)
from chorus_sandbox.domaine.montants import format_montant as fm
from chorus_sandbox.domaine.regles import Contexte
from test_regulation import refuse

Etat = Callable[[DepotMemoire], dict[str, object]]
FIN = dt.date(2026, 12, 31)
DR75 = "BG00/0150-CSUP-DR75"
IMPUTATION = ("0150-01-02", "BG00/015001010101")


def avec(*defauts: str, jour: dt.date = FIN) -> Contexte:
    return Contexte(2026, jour, frozenset(defauts))


def apres(*defauts: str) -> Contexte:
    """The context the sandbox has after the closing: 2027, on 01/01/2027."""
    return Contexte(2027, dt.date(2027, 1, 1), frozenset(defauts))


def clore(depot: DepotMemoire, *defauts: str) -> m.Cloture:
    return rp.cloturer_exercice(depot, avec(*defauts), 2026, "Direction du Budget")


def ligne(c: m.Cloture, programme: str, titre: str, nature: str) -> tuple[int, int, int, int] | None:
    """(AE non consommées, CP non consommés, AE reportables, CP reportables) of one line."""
    trouvee = [x for x in c.lignes if (x.programme, x.titre, x.nature) == (programme, titre, nature)]
    assert len(trouvee) <= 1
    x = trouvee[0] if trouvee else None
    return (x.ae_non_consommees, x.cp_non_consommes, x.ae_reportables, x.cp_reportables) if x else None


def plafond(c: m.Cloture, programme: str) -> tuple[object, ...]:
    p = next(x for x in c.plafonds if x.programme == programme)
    return p.lfi_cp_hors_t2, p.taux, p.majore, p.plafond, p.cp_non_consommes, p.cp_reportables


def engager(depot: DepotMemoire, montant: int, titre: str = "3", tranche: str | None = None,
            uo: str = DR75, ctx: Contexte | None = None) -> m.EngagementJuridique:
    return op.engager(depot, ctx or avec(), uo, titre, "1000012345", "Objet",
                      [op.PosteDemande(montant, *IMPUTATION)], tranche)


def payer(depot: DepotMemoire, numero: str, montant: int, poste: int = 1, ctx: Contexte | None = None) -> None:
    ctx = ctx or avec()
    op.constater_service_fait(depot, ctx, numero, poste, montant)
    op.payer(depot, ctx, op.creer_demande_paiement(depot, ctx, numero, poste, montant).numero)


def campagne(depot: DepotMemoire, lignes: list[rp.LigneReport], programme: str = "0150",
             ctx: Contexte | None = None) -> tuple[m.DemandeReport, m.ArreteReport]:
    """Closed already: demande, avis favorable, arrêté."""
    ctx = ctx or apres()
    demande = rp.demander_report(depot, ctx, programme, lignes, "RPROG 0150")
    rp.donner_avis(depot, ctx, demande.numero, "favorable", "", "CBCM MESR")
    return demande, rp.arreter_reports(depot, ctx, "Direction du Budget")


@pytest.fixture
def etat(instantane: Etat) -> Etat:
    """Everything the depot holds, the closing's entities and regulation movements included."""
    def prendre(depot: DepotMemoire) -> dict[str, object]:
        resultat = instantane(depot)
        for classe in (m.Cloture, m.EtapeReport, m.PlafondReport, m.MouvementRegulation):
            resultat[classe.__name__] = [repr(dataclasses.asdict(x)) for x in depot.lister(classe)]
        return resultat

    return prendre


# --- Hors-T2 CP cap -------------------------------------------------------------------------------
def test_cp_hors_t2_plafonnes_a_3_pourcent_et_repartis_au_prorata(depot_mini) -> None:
    c = clore(depot_mini)
    assert plafond(c, "0150") == (130_000_000, Decimal(3), False, 3_900_000, 121_500_000, 3_900_000)
    # 3 900 000 × 740/1 215 = 2 375 308,64 and × 475/1 215 = 1 524 691,36: the cent left goes to T3
    assert ligne(c, "0150", "3", "CP") == (0, 74_000_000, 0, 2_375_309)
    assert ligne(c, "0150", "5", "CP") == (0, 47_500_000, 0, 1_524_691)
    assert plafond(c, "0217") == (40_000_000, Decimal(3), False, 1_200_000, 38_000_000, 1_200_000)


@pytest.mark.parametrize(("surgel", "non_consommes", "reportables"), [
    (36_800_000, 1_200_000, 1_200_000),  # exactly 3 %: all of it
    (36_799_999, 1_200_001, 1_200_000),  # one cent above: the cent is lost
    (36_800_001, 1_199_999, 1_199_999),  # one cent below
])
def test_plafond_de_3_pourcent_a_la_limite(depot_mini, surgel, non_consommes, reportables) -> None:
    reg.surgeler(depot_mini, avec(), "0217", "3", 0, surgel)  # réserve is never carried
    c = clore(depot_mini)
    assert plafond(c, "0217")[3:] == (1_200_000, non_consommes, reportables)
    assert ligne(c, "0217", "3", "CP") == (0, non_consommes, 0, reportables)


def test_plafond_arrondi_au_centime_inferieur() -> None:
    assert regles.plafond_cp_hors_t2(66_106_078_027, Decimal(3)) == 1_983_182_340  # 19 831 823,4081 €
    assert regles.plafond_cp_hors_t2(17, Decimal(3)) == 0  # 0,51 cent: never rounded up
    assert regles.plafond_cp_hors_t2(78_771_721_500, Decimal(10)) == 7_877_172_150


def test_repartition_exacte_plus_forts_restes_puis_ordre_des_titres() -> None:
    assert rp.repartir(10, {"3": 1, "5": 1, "6": 1}) == {"3": 1, "5": 1, "6": 1}
    assert rp.repartir(2, {"3": 1, "5": 1, "6": 1}) == {"3": 1, "5": 1, "6": 0}  # ties: ascending titre
    assert rp.repartir(100, {"3": 1, "5": 2}) == {"3": 1, "5": 2}
    assert rp.repartir(1, {"3": 1, "5": 2}) == {"3": 0, "5": 1}
    assert rp.repartir(0, {"3": 0, "5": 0}) == {"3": 0, "5": 0}


def test_plafond_majore_pour_un_programme_de_la_liste(depot_mini) -> None:
    rp.fixer_plafond_report(depot_mini, avec(), 2026, Decimal(10), "0217")
    c = clore(depot_mini)
    assert plafond(c, "0217") == (40_000_000, Decimal(10), True, 4_000_000, 38_000_000, 4_000_000)
    assert plafond(c, "0150")[1:4] == (Decimal(3), False, 3_900_000)  # not on the list


def test_taux_general_fixe_par_exercice(depot_mini) -> None:
    rp.fixer_plafond_report(depot_mini, avec(), 2026, Decimal("2.5"))
    rp.fixer_plafond_report(depot_mini, avec(), 2026, Decimal(0))  # set again: replaced, not added
    rp.fixer_plafond_report(depot_mini, avec(), 2027, Decimal(5))
    assert [(p.exercice, p.programme, p.taux) for p in depot_mini.lister(m.PlafondReport)] == [
        (2026, "", Decimal(0)), (2027, "", Decimal(5))]
    c = clore(depot_mini)
    assert plafond(c, "0150")[3:] == (0, 121_500_000, 0)
    assert ligne(c, "0150", "3", "CP") == (0, 74_000_000, 0, 0)


@pytest.mark.parametrize(("taux", "programme", "erreur", "message"), [
    (Decimal("100.01"), "", DonneeInvalide, "Taux de plafond de report invalide : 100.01 % (entre 0 et 100)"),
    (Decimal(-1), "", DonneeInvalide, "Taux de plafond de report invalide : -1 % (entre 0 et 100)"),
    (Decimal(10), "0999", ObjetInconnu, "Programme inconnu(e) : 0999"),
    (Decimal(10), "172", DonneeInvalide, "Code programme invalide : « 172 » (format attendu : 4 chiffres, ex. 0150)"),
])
def test_plafond_invalide_refuse(depot_mini, etat, taux, programme, erreur, message) -> None:
    refuse(depot_mini, etat, erreur, message, rp.fixer_plafond_report, 2026, taux, programme, ctx=avec())


def test_plafond_d_un_exercice_clos_ne_change_plus(depot_mini, etat) -> None:
    clore(depot_mini)
    refuse(depot_mini, etat, RegleDeGestion, "L'exercice 2026 est clos : ses plafonds de report ne peuvent plus changer",
           rp.fixer_plafond_report, 2026, Decimal(10), "0217", ctx=apres())


# --- T2 and fonds de concours ----------------------------------------------------------------------
def test_cp_du_titre_2_jamais_reportes_sans_fonds_de_concours(depot_mini) -> None:
    c = clore(depot_mini)
    assert ligne(c, "0150", "2", "CP") == (0, 99_500_000, 0, 0)
    assert ligne(c, "0150", "2", "FDC") is None


def test_fonds_de_concours_t2_cp_reportes_hors_plafond_jamais_les_ae(depot_mini) -> None:
    reg.rattacher_fonds_de_concours(depot_mini, avec(), "0150", "2", 100_000, "FDC 1-2-00001")
    c = clore(depot_mini)
    assert ligne(c, "0150", "2", "FDC") == (100_000, 100_000, 0, 100_000)
    assert ligne(c, "0150", "2", "CP") == (0, 99_500_000, 0, 0)  # fonds de concours out of the base
    assert plafond(c, "0150")[5] == 3_900_000  # the hors-T2 cap is untouched


def test_fonds_de_concours_hors_t2_hors_plafond_ae_et_cp(depot_mini) -> None:
    reg.rattacher_fonds_de_concours(depot_mini, avec(), "0217", "3", 5_000_000)
    c = clore(depot_mini)
    assert ligne(c, "0217", "3", "FDC") == (5_000_000, 5_000_000, 5_000_000, 5_000_000)
    assert ligne(c, "0217", "3", "CP") == (0, 38_000_000, 0, 1_200_000)


def test_fonds_de_concours_recettes_moins_depenses(depot_mini) -> None:
    """Received 10 000,00 on 0217 T3 (38 000 000 of other credits); 385 000,00 spent: 5 000,00 left."""
    ctx = avec()
    reg.rattacher_fonds_de_concours(depot_mini, ctx, "0217", "3", 1_000_000)
    op.mettre_a_disposition(depot_mini, ctx, "0217", "0217-SGAC", "3", 39_000_000, 39_000_000)
    op.mettre_a_disposition(depot_mini, ctx, "0217-SGAC", "BG00/0217-SGAC-ASPR", "3", 39_000_000, 39_000_000)
    ej = op.engager(depot_mini, ctx, "BG00/0217-SGAC-ASPR", "3", "1000012345", "Objet",
                    [op.PosteDemande(38_500_000, "0217-07-05", "BG00/021701010523")])
    payer(depot_mini, ej.numero, 38_500_000)
    c = clore(depot_mini)
    assert ligne(c, "0217", "3", "FDC") == (500_000, 500_000, 500_000, 500_000)
    assert ligne(c, "0217", "3", "CP") is None  # nothing else left
    assert plafond(c, "0217")[4:] == (0, 0)


# --- AENE ----------------------------------------------------------------------------------------
def test_aene_par_tranche_entierement_partiellement_non_engagee(depot_mini) -> None:
    non_engagee = op.creer_tranche_fonctionnelle(depot_mini, avec(), DR75, "5", "Désamiantage", 5_000_000)
    engagee = op.creer_tranche_fonctionnelle(depot_mini, avec(), DR75, "5", "Clos-couvert", 3_000_000)
    engager(depot_mini, 3_000_000, "5", engagee.numero)
    c = clore(depot_mini)
    assert [(t.tranche, t.programme, t.uo, t.titre, t.ae_affectees, t.ae_engagees, t.aene) for t in c.tranches] == [
        ("TF0150000001", "0150", DR75, "5", 30_000_000, 10_000_000, 20_000_000),
        (non_engagee.numero, "0150", DR75, "5", 5_000_000, 0, 5_000_000),
        (engagee.numero, "0150", DR75, "5", 3_000_000, 3_000_000, 0),
    ]
    assert ligne(c, "0150", "5", "AENE") == (25_000_000, 0, 25_000_000, 0)


def test_aene_du_titre_2_jamais_reportees(depot_mini) -> None:
    op.mettre_a_disposition(depot_mini, avec(), "0150", "0150-CSUP", "2", 1_000_000, 1_000_000)
    op.mettre_a_disposition(depot_mini, avec(), "0150-CSUP", DR75, "2", 1_000_000, 1_000_000)
    op.creer_tranche_fonctionnelle(depot_mini, avec(), DR75, "2", "Plan de formation", 400_000)
    c = clore(depot_mini)
    assert ligne(c, "0150", "2", "AENE") == (400_000, 0, 0, 0)


# --- Bascule of EJs ------------------------------------------------------------------------------
def test_bascule_ej_solde_reste_0_01_et_partiel(depot_mini) -> None:
    solde = engager(depot_mini, 100_000)
    payer(depot_mini, solde.numero, 100_000)
    presque = engager(depot_mini, 100_000)
    payer(depot_mini, presque.numero, 99_999)
    retire = engager(depot_mini, 50_000)
    op.retirer_engagement(depot_mini, avec(), retire.numero)
    c = clore(depot_mini)
    assert c.ej_bascules == 4
    bascules = {ej.numero: ej for ej in rp.ej_bascules(depot_mini, 2026)}
    assert list(bascules) == ["2103000001", "2103000002", presque.numero, "2103105755"]
    assert (solde.exercice_courant, solde.statut, retire.exercice_courant) == (2026, "Soldé", 2026)
    assert [(x.type_mouvement, x.poste, x.exercice, x.date, x.montant) for x in presque.mouvements] == [
        ("100", 1, 2026, FIN, 100_000), ("350", 1, 2027, dt.date(2027, 1, 1), 1)]
    assert rp.montant_bascule(bascules["2103000001"], 2026) == 3_000_000
    assert rp.montant_bascule(bascules["2103000002"], 2026) == 10_000_000
    anterieur = bascules["2103105755"]  # 2025 → 2026 → 2027: one 350 line per bascule
    assert [(x.type_mouvement, x.exercice, x.montant) for x in anterieur.mouvements] == [
        ("100", 2025, 3_000_000), ("350", 2026, 2_000_000), ("350", 2027, 2_000_000)]
    assert all(ej.exercice_courant == 2027 for ej in bascules.values())


def test_bascule_poste_par_poste(depot_mini) -> None:
    ej = op.engager(depot_mini, avec(), DR75, "3", "1000012345", "Deux postes",
                    [op.PosteDemande(40_000, *IMPUTATION), op.PosteDemande(60_000, *IMPUTATION)])
    payer(depot_mini, ej.numero, 40_000, poste=1)
    payer(depot_mini, ej.numero, 25_000, poste=2)
    clore(depot_mini)
    assert [(x.type_mouvement, x.poste, x.montant) for x in ej.mouvements if x.type_mouvement == "350"] == [
        ("350", 2, 35_000)]


# --- The sandbox lives in N+1 ---------------------------------------------------------------------
def test_apres_la_cloture_le_contexte_passe_en_n_plus_1(depot_mini) -> None:
    assert rp.contexte_courant(depot_mini, avec("cp-t2-reportes")) == avec("cp-t2-reportes")
    c = rp.cloturer_exercice(depot_mini, avec(), 2026, " Direction du Budget ", dt.date(2027, 1, 4))
    assert (c.exercice, c.date_cloture, c.date_ouverture, c.auteur) == (2026, FIN, dt.date(2027, 1, 4),
                                                                        "Direction du Budget")
    assert rp.contexte_courant(depot_mini, avec("cp-t2-reportes")) == Contexte(
        2027, dt.date(2027, 1, 4), frozenset({"cp-t2-reportes"}))
    dernier = depot_mini.lister(m.Evenement)[-1]
    assert (dernier.operation, dernier.objet, dernier.detail) == (
        "Clôture de l'exercice", "2026", "3 EJ basculés sur 2027, exercice 2027 ouvert le 04/01/2027 (Direction du Budget)")


def test_apres_la_cloture_les_objets_de_n_sont_refuses(depot_mini, etat) -> None:
    solde = engager(depot_mini, 100_000)
    payer(depot_mini, solde.numero, 100_000)
    clore(depot_mini)
    refuse(depot_mini, etat, RegleDeGestion,
           "La tranche fonctionnelle TF0150000001 relève de l'exercice 2026 ; l'exercice courant est 2027",
           op.affecter, "TF0150000001", 100, ctx=apres())
    refuse(depot_mini, etat, RegleDeGestion,
           f"L'EJ {solde.numero} relève de l'exercice 2026 ; l'exercice courant est 2027",
           op.constater_service_fait, solde.numero, 1, 1, ctx=apres())
    sf = op.constater_service_fait(depot_mini, apres(), "2103000002", 1, 1_000_000)  # carried: lives in 2027
    assert sf.date == dt.date(2027, 1, 1)


@pytest.mark.parametrize(("exercice", "ctx", "message"), [
    (2026, avec(jour=dt.date(2026, 12, 30)),
     "L'exercice 2026 ne peut être clos qu'à partir du 31/12/2026 (date du jour : 30/12/2026)"),
    (2025, avec(), "L'exercice 2025 ne peut pas être clos : l'exercice courant est 2026"),
    (2027, avec(), "L'exercice 2027 ne peut pas être clos : l'exercice courant est 2026"),
])
def test_cloture_refusee(depot_mini, etat, exercice, ctx, message) -> None:
    refuse(depot_mini, etat, RegleDeGestion, message, rp.cloturer_exercice, exercice, "DB", ctx=ctx)


def test_cloture_deux_fois_refusee(depot_mini, etat) -> None:
    clore(depot_mini)
    for ctx in (apres(), avec()):  # the sandbox's context, or a stale one
        refuse(depot_mini, etat, RegleDeGestion, "L'exercice 2026 est déjà clos (clôture du 31/12/2026)",
               rp.cloturer_exercice, 2026, "DB", ctx=ctx)


def test_cloture_sans_lfi_refusee(depot_referentiel, etat) -> None:
    refuse(depot_referentiel, etat, RegleDeGestion,
           "L'exercice 2026 ne peut pas être clos : aucune loi de finances initiale n'est intégrée",
           rp.cloturer_exercice, 2026, "DB", ctx=avec())


@pytest.mark.parametrize(("auteur", "ouverture", "message"), [
    ("  ", None, "L'auteur est obligatoire"),
    ("DB", dt.date(2026, 12, 31), "La date d'ouverture de l'exercice 2027 doit être une date de 2027 (31/12/2026)"),
    ("DB", dt.date(2028, 1, 1), "La date d'ouverture de l'exercice 2027 doit être une date de 2027 (01/01/2028)"),
])
def test_cloture_donnees_invalides(depot_mini, etat, auteur, ouverture, message) -> None:
    refuse(depot_mini, etat, DonneeInvalide, message, rp.cloturer_exercice, 2026, auteur, ouverture, ctx=avec())


# --- Campaign: demande, avis, arrêté, intégration --------------------------------------------------
LIGNES_0150 = [
    rp.LigneReport("5", "AENE", ae=10_000_000),  # 100 000,00 of 200 000,00 reportable
    rp.LigneReport("3", "CP", cp=3_000_000),  # 30 000,00 asked, 23 753,09 reportable
    rp.LigneReport("2", "FDC", ae=5, cp=100_000),  # T2: no AE; 1 000,00 CP of fonds de concours
    rp.LigneReport("6", "CP", cp=100),  # nothing reportable on T6
]


def test_campagne_complete_montants_exacts_et_historique(depot_mini) -> None:
    reg.rattacher_fonds_de_concours(depot_mini, avec(), "0150", "2", 100_000)
    clore(depot_mini)
    ctx = apres()
    demande = rp.demander_report(depot_mini, ctx, "0150", LIGNES_0150, "RPROG 0150")
    assert (demande.numero, demande.exercice, demande.statut, demande.date_depot) == (
        "DR2026000001", 2026, "Déposée", dt.date(2027, 1, 1))
    rp.donner_avis(depot_mini, ctx, "DR2026000001", "Favorable", "Conforme à la circulaire", "CBCM MESR")
    assert (demande.statut, demande.avis, demande.motif_avis, demande.auteur_avis) == (
        "Avis favorable", "favorable", "Conforme à la circulaire", "CBCM MESR")
    arrete = rp.arreter_reports(depot_mini, ctx, "Direction du Budget")
    assert (arrete.numero, arrete.exercice, arrete.statut, demande.statut, demande.arrete) == (
        "AR2026000001", 2026, "Signé", "Arrêtée", "AR2026000001")
    assert [(x.titre, x.nature, x.ae_demandees, x.cp_demandees, x.ae_reportables, x.cp_reportables,
             x.ae_accordees, x.cp_accordees) for x in arrete.lignes] == [
        ("5", "AENE", 10_000_000, 0, 20_000_000, 0, 10_000_000, 0),
        ("3", "CP", 0, 3_000_000, 0, 2_375_309, 0, 2_375_309),
        ("2", "FDC", 5, 100_000, 0, 100_000, 0, 100_000),
        ("6", "CP", 0, 100, 0, 0, 0, 0),
    ]
    rp.integrer_arrete(depot_mini, ctx, "AR2026000001", "AIFE")
    ouverts = {e.titre: (e.ae_ouverts, e.cp_ouverts) for e in depot_mini.enveloppes(2027, "programme")
               if e.code == "0150" and (e.ae_ouverts or e.cp_ouverts)}
    assert ouverts == {"5": (10_000_000, 0), "3": (0, 2_375_309), "2": (0, 100_000)}
    assert [(x.type_mouvement, x.exercice, x.destination, x.titre_destination, x.ae, x.cp, x.reference)
            for x in reg.mouvements(depot_mini, 2027)] == [
        ("Report de crédits", 2027, "0150", "5", 10_000_000, 0, "AR2026000001"),
        ("Report de crédits", 2027, "0150", "3", 0, 2_375_309, "AR2026000001"),
        ("Report de fonds de concours", 2027, "0150", "2", 0, 100_000, "AR2026000001"),
    ]
    assert (arrete.statut, arrete.date_integration, arrete.auteur_integration, demande.statut) == (
        "Intégré", dt.date(2027, 1, 1), "AIFE", "Intégrée")
    assert [(e.auteur, e.action, e.statut) for e in rp.historique(depot_mini, "DR2026000001")] == [
        ("RPROG 0150", "Demande de report", "Déposée"),
        ("CBCM MESR", "Avis du contrôleur budgétaire", "Avis favorable"),
        ("Direction du Budget", "Arrêté de report", "Arrêtée"),
        ("AIFE", "Intégration de l'arrêté de report", "Intégrée"),
    ]
    assert [e.detail for e in rp.historique(depot_mini, "AR2026000001")] == [
        f"1 demande(s) : 4 ligne(s), AE {fm(10_000_000)}, CP {fm(2_475_309)} accordés",
        f"4 ligne(s), AE {fm(10_000_000)}, CP {fm(2_475_309)} ouverts sur 2027",
    ]
    assert all(e.horodatage.date() == dt.date(2027, 1, 1) for e in depot_mini.lister(m.EtapeReport))


def test_lfi_n_plus_1_s_ajoute_aux_reports_sans_reserve_sur_les_reports(depot_mini) -> None:
    clore(depot_mini)
    campagne(depot_mini, [rp.LigneReport("3", "CP", cp=2_000_000)])
    rp.integrer_arrete(depot_mini, apres(), "AR2026000001", "AIFE")
    op.integrer_loi_de_finances(depot_mini, apres(), "LFI 2027", "LFI", 2027, [op.LigneLoi("0150", "3", 1_000_000, 1_000_000)],
                                Decimal("0.5"), Decimal(5))
    e = depot_mini.enveloppe(2027, "programme", "0150", "3")
    assert (e.cp_ouverts, e.cp_reserves, e.cp_disponibles) == (3_000_000, 50_000, 2_950_000)


def test_integration_deux_fois_refusee_rien_ouvert_deux_fois(depot_mini, etat) -> None:
    clore(depot_mini)
    campagne(depot_mini, [rp.LigneReport("3", "CP", cp=2_000_000)])
    rp.integrer_arrete(depot_mini, apres(), "AR2026000001", "AIFE")
    refuse(depot_mini, etat, RegleDeGestion,
           "L'arrêté de report AR2026000001 est déjà intégré (le 01/01/2027) : ses crédits sont déjà ouverts "
           "sur l'exercice 2027", rp.integrer_arrete, "AR2026000001", "AIFE", ctx=apres())
    assert depot_mini.enveloppe(2027, "programme", "0150", "3").cp_ouverts == 2_000_000


def test_integration_avant_l_arrete_refusee(depot_mini, etat) -> None:
    clore(depot_mini)
    demande = rp.demander_report(depot_mini, apres(), "0150", [rp.LigneReport("3", "CP", cp=1)], "RPROG")
    refuse(depot_mini, etat, RegleDeGestion,
           "La demande de report DR2026000001 n'a fait l'objet d'aucun arrêté de report : rien à intégrer",
           rp.integrer_arrete, demande.numero, "AIFE", ctx=apres())
    refuse(depot_mini, etat, ObjetInconnu, "Arrêté de report inconnu(e) : AR2026000001",
           rp.integrer_arrete, "AR2026000001", "AIFE", ctx=apres())
    rp.donner_avis(depot_mini, apres(), demande.numero, "favorable", "", "CBCM")
    rp.arreter_reports(depot_mini, apres(), "DB")
    refuse(depot_mini, etat, RegleDeGestion,
           "La demande de report DR2026000001 est reprise par l'arrêté AR2026000001 : c'est l'arrêté qui s'intègre",
           rp.integrer_arrete, demande.numero, "AIFE", ctx=apres())


def test_demande_avant_la_cloture_refusee(depot_mini, etat) -> None:
    refuse(depot_mini, etat, RegleDeGestion,
           "L'exercice 2026 n'est pas clos : la campagne des reports commence à sa clôture",
           rp.demander_report, "0150", [rp.LigneReport("3", "CP", cp=1)], "RPROG", 2026, ctx=avec())
    refuse(depot_mini, etat, RegleDeGestion,
           "L'exercice 2025 n'est pas clos : la campagne des reports commence à sa clôture",
           rp.demander_report, "0150", [rp.LigneReport("3", "CP", cp=1)], "RPROG", ctx=avec())


@pytest.mark.parametrize(("programme", "lignes", "erreur", "message"), [
    ("0999", [rp.LigneReport("3", "CP", cp=1)], ObjetInconnu, "Programme inconnu(e) : 0999"),
    ("0150", [], DonneeInvalide, "Une demande de report comporte au moins une ligne"),
    ("0150", [rp.LigneReport("3", "CP", cp=-1)], DonneeInvalide,
     f"Ligne 1 (titre 3, CP) : le montant CP ne peut pas être négatif ({fm(-1)})"),
    ("0150", [rp.LigneReport("3", "CP", cp=0)], DonneeInvalide, "Ligne 1 (titre 3, CP) : aucun montant demandé"),
    ("0150", [rp.LigneReport("5", "AENE", ae=1, cp=1)], DonneeInvalide,
     "Ligne 1 (titre 5, AENE) : une ligne AENE ne porte que des AE"),
    ("0150", [rp.LigneReport("3", "CP", ae=1, cp=1)], DonneeInvalide,
     "Ligne 1 (titre 3, CP) : une ligne CP ne porte que des CP"),
    ("0150", [rp.LigneReport("3", "XX", cp=1)], DonneeInvalide,
     "Ligne 1 : nature de report invalide « XX » (attendu AENE, CP ou FDC)"),
    ("0150", [rp.LigneReport("3", "CP", cp=1), rp.LigneReport("T3", "cp", cp=2)], DonneeInvalide,
     "Ligne 2 (titre 3, CP) : ligne en double"),
    ("0150", [rp.LigneReport("9", "CP", cp=1)], DonneeInvalide,
     "Titre invalide : « 9 » (attendu 2, 3, 5 ou 6, ou T2…)"),
])
def test_demande_invalide_refusee(depot_mini, etat, programme, lignes, erreur, message) -> None:
    clore(depot_mini)
    refuse(depot_mini, etat, erreur, message, rp.demander_report, programme, lignes, "RPROG", ctx=apres())


def test_une_seule_demande_en_cours_par_programme(depot_mini, etat) -> None:
    clore(depot_mini)
    premiere = rp.demander_report(depot_mini, apres(), "0150", [rp.LigneReport("3", "CP", cp=1)], "RPROG")
    refuse(depot_mini, etat, RegleDeGestion,
           "Le programme 0150 a déjà une demande de report pour l'exercice 2026 : DR2026000001 (Déposée)",
           rp.demander_report, "0150", [rp.LigneReport("3", "CP", cp=1)], "RPROG", ctx=apres())
    rp.donner_avis(depot_mini, apres(), premiere.numero, "défavorable", "Demande non justifiée", "CBCM")
    seconde = rp.demander_report(depot_mini, apres(), "0150", [rp.LigneReport("3", "CP", cp=1)], "RPROG")
    assert (premiere.statut, seconde.numero) == ("Avis défavorable", "DR2026000002")


def test_avis_refuses(depot_mini, etat) -> None:
    clore(depot_mini)
    demande = rp.demander_report(depot_mini, apres(), "0150", [rp.LigneReport("3", "CP", cp=1)], "RPROG")
    refuse(depot_mini, etat, ObjetInconnu, "Demande de report inconnu(e) : DR2026999999",
           rp.donner_avis, "DR2026999999", "favorable", "", "CBCM", ctx=apres())
    refuse(depot_mini, etat, DonneeInvalide, "Avis invalide : « réservé » (attendu favorable ou défavorable)",
           rp.donner_avis, demande.numero, "réservé", "", "CBCM", ctx=apres())
    refuse(depot_mini, etat, DonneeInvalide, "Le motif est obligatoire pour un avis défavorable",
           rp.donner_avis, demande.numero, "defavorable", "  ", "CBCM", ctx=apres())
    rp.donner_avis(depot_mini, apres(), demande.numero, "favorable", "", "CBCM")
    refuse(depot_mini, etat, RegleDeGestion,
           "La demande de report DR2026000001 a déjà reçu un avis favorable : un seul avis par demande",
           rp.donner_avis, demande.numero, "défavorable", "Revu", "CBCM", ctx=apres())


def test_arrete_refuse(depot_mini, etat) -> None:
    clore(depot_mini)
    refuse(depot_mini, etat, RegleDeGestion, "Aucune demande de report avec avis favorable à arrêter pour l'exercice 2026",
           rp.arreter_reports, "DB", ctx=apres())
    d150 = rp.demander_report(depot_mini, apres(), "0150", [rp.LigneReport("3", "CP", cp=1)], "RPROG")
    d217 = rp.demander_report(depot_mini, apres(), "0217", [rp.LigneReport("3", "CP", cp=1)], "RPROG")
    refuse(depot_mini, etat, RegleDeGestion, "La demande de report DR2026000001 attend l'avis du contrôleur budgétaire",
           rp.arreter_reports, "DB", None, [d150.numero], ctx=apres())
    rp.donner_avis(depot_mini, apres(), d217.numero, "défavorable", "Hors délai", "CBCM")
    refuse(depot_mini, etat, RegleDeGestion,
           "La demande de report DR2026000002 a reçu un avis défavorable : elle ne peut pas être arrêtée",
           rp.arreter_reports, "DB", None, [d217.numero], ctx=apres())
    rp.donner_avis(depot_mini, apres(), d150.numero, "favorable", "", "CBCM")
    refuse(depot_mini, etat, DonneeInvalide, "Une demande de report figure deux fois dans l'arrêté",
           rp.arreter_reports, "DB", None, [d150.numero, d150.numero], ctx=apres())
    refuse(depot_mini, etat, ObjetInconnu, "Demande de report inconnu(e) : DR2026000009",
           rp.arreter_reports, "DB", None, ["DR2026000009"], ctx=apres())
    arrete = rp.arreter_reports(depot_mini, apres(), "DB", 2026, [d150.numero])
    assert [x.demande for x in arrete.lignes] == [d150.numero]
    refuse(depot_mini, etat, RegleDeGestion, "La demande de report DR2026000001 est déjà arrêtée (AR2026000001)",
           rp.arreter_reports, "DB", None, [d150.numero], ctx=apres())


def test_campagne_terminee_quand_n_plus_1_est_clos(depot_mini, etat) -> None:
    clore(depot_mini)
    campagne(depot_mini, [rp.LigneReport("3", "CP", cp=1)])
    op.integrer_loi_de_finances(depot_mini, apres(), "LFI 2027", "LFI", 2027, [op.LigneLoi("0150", "3", 100, 100)],
                                Decimal(0), Decimal(0))
    rp.cloturer_exercice(depot_mini, Contexte(2027, dt.date(2027, 12, 31)), 2027, "DB")
    en_2028 = Contexte(2028, dt.date(2028, 1, 1))
    refuse(depot_mini, etat, RegleDeGestion,
           "L'arrêté de report AR2026000001 ouvre des crédits sur l'exercice 2027 ; l'exercice courant est 2028",
           rp.integrer_arrete, "AR2026000001", "AIFE", ctx=en_2028)
    refuse(depot_mini, etat, RegleDeGestion,
           "La campagne des reports de l'exercice 2026 est terminée : l'exercice courant est 2028",
           rp.demander_report, "0217", [rp.LigneReport("3", "CP", cp=1)], "RPROG", 2026, ctx=en_2028)


def test_fonds_de_concours_reportes_restent_des_fonds_de_concours(depot_mini) -> None:
    """FdC carried into 2027 and still unspent at the end of 2027 carry again, outside the cap."""
    reg.rattacher_fonds_de_concours(depot_mini, avec(), "0217", "3", 700_000)
    clore(depot_mini)
    campagne(depot_mini, [rp.LigneReport("3", "FDC", ae=700_000, cp=700_000)], "0217")
    rp.integrer_arrete(depot_mini, apres(), "AR2026000001", "AIFE")
    op.integrer_loi_de_finances(depot_mini, apres(), "LFI 2027", "LFI", 2027, [op.LigneLoi("0217", "3", 100, 100)],
                                Decimal(0), Decimal(0))
    c = rp.cloturer_exercice(depot_mini, Contexte(2027, dt.date(2027, 12, 31)), 2027, "DB")
    assert [(x.nature, x.ae_reportables, x.cp_reportables) for x in c.lignes if x.programme == "0217"] == [
        ("CP", 0, 3), ("FDC", 700_000, 700_000)]


# --- Dataset sections: campagne_reports, fonds_de_concours ------------------------------------------
def charger_mini_avec(dossier: Path, **sections: object) -> DepotMemoire:
    mini = jeux.lire_jeu("mini", dossier)
    depot = DepotMemoire()
    jeux.charger(depot, avec(), dataclasses.replace(mini, contenu={**mini.contenu, **sections}))
    return depot


def test_jeu_plafonds_et_fonds_de_concours(dossier_donnees) -> None:
    depot = charger_mini_avec(dossier_donnees, campagne_reports={"plafond_cp_hors_t2": "2.5",
                                                                 "plafonds_majores": {"0217": 10}},
                              fonds_de_concours=[{"programme": "0217", "titre": "T3", "montant": "1000.50",
                                                  "reference": "FDC 1-2-00001"}])
    assert [(p.exercice, p.programme, p.taux) for p in rp.plafonds_report(depot, 2026)] == [
        (2026, "", Decimal("2.5")), (2026, "0217", Decimal(10))]
    assert [(x.type_mouvement, x.destination, x.titre_destination, x.ae, x.cp, x.reference)
            for x in reg.mouvements(depot, 2026)] == [("Fonds de concours", "0217", "3", 100_050, 100_050, "FDC 1-2-00001")]


@pytest.mark.parametrize(("sections", "message"), [
    ({"campagne_reports": "3"}, "un dictionnaire est attendu (plafond_cp_hors_t2, plafonds_majores)"),
    ({"campagne_reports": {"plafond": "3"}},
     "clé inconnue : plafond (clés possibles : plafond_cp_hors_t2, plafonds_majores)"),
    ({"campagne_reports": {"plafond_cp_hors_t2": 3.5}},
     'plafond_cp_hors_t2 : taux invalide (3.5) : écrire le taux entre guillemets, ex. "3"'),
    ({"campagne_reports": {"plafond_cp_hors_t2": "trois"}},
     'plafond_cp_hors_t2 : « trois » n\'est pas un taux (ex. "3" ou "2.5")'),
    ({"campagne_reports": {"plafond_cp_hors_t2": "101"}}, "Taux de plafond de report invalide : 101 % (entre 0 et 100)"),
    ({"campagne_reports": {"plafonds_majores": ["0217"]}},
     'plafonds_majores : un dictionnaire programme → taux est attendu (ex. "0172": "10")'),
    ({"campagne_reports": {"plafonds_majores": {122: "10"}}},  # what YAML reads from an unquoted 0172
     'plafonds_majores : le programme 122 doit être écrit entre guillemets (ex. "0172")'),
    ({"campagne_reports": {"plafonds_majores": {"0999": "10"}}}, "Programme inconnu(e) : 0999"),
    ({"fonds_de_concours": [{"programme": "0217", "titre": "3", "montant": "-5"}]},
     f"Le montant du fonds de concours doit être strictement positif ({fm(-500)})"),
    ({"fonds_de_concours": [{"programme": "0217", "titre": "3"}]}, "entrée invalide ('montant')"),
])
def test_jeu_sections_invalides(dossier_donnees, sections, message) -> None:
    section = next(iter(sections))
    with pytest.raises(jeux.ErreurJeu) as exc:
        charger_mini_avec(dossier_donnees, **sections)
    assert exc.value.message == f"{dossier_donnees / 'jeux' / 'mini.yaml'} : section « {section} » : {message}"


# --- Defects: each changes the outcome of its rule -------------------------------------------------
def _cp_plafonnes(depot: DepotMemoire, ctx: Contexte) -> object:
    return ligne(rp.cloturer_exercice(depot, ctx, 2026, "DB"), "0217", "3", "CP")


def _cp_majores(depot: DepotMemoire, ctx: Contexte) -> object:
    rp.fixer_plafond_report(depot, ctx, 2026, Decimal(10), "0217")
    return plafond(rp.cloturer_exercice(depot, ctx, 2026, "DB"), "0217")[1:]


def _cp_t2(depot: DepotMemoire, ctx: Contexte) -> object:
    return ligne(rp.cloturer_exercice(depot, ctx, 2026, "DB"), "0150", "2", "CP")


def _aene(depot: DepotMemoire, ctx: Contexte) -> object:
    c = rp.cloturer_exercice(depot, ctx, 2026, "DB")
    return ligne(c, "0150", "5", "AENE"), [t.aene for t in c.tranches]


def _integration(depot: DepotMemoire, ctx: Contexte) -> object:
    rp.cloturer_exercice(depot, ctx, 2026, "DB")
    suivant = dataclasses.replace(ctx, exercice=2027, date_du_jour=dt.date(2027, 1, 1))
    campagne(depot, [rp.LigneReport("3", "CP", cp=1_000_000)], ctx=suivant)
    rp.integrer_arrete(depot, suivant, "AR2026000001", "AIFE")
    try:
        rp.integrer_arrete(depot, suivant, "AR2026000001", "AIFE")
    except ErreurChorus as exc:
        return exc.message, depot.enveloppe(2027, "programme", "0150", "3").cp_ouverts
    return None, depot.enveloppe(2027, "programme", "0150", "3").cp_ouverts


def _bascule(depot: DepotMemoire, ctx: Contexte) -> object:
    solde = op.engager(depot, ctx, DR75, "3", "1000012345", "Objet", [op.PosteDemande(100_000, *IMPUTATION)])
    payer(depot, solde.numero, 100_000, ctx=ctx)
    c = rp.cloturer_exercice(depot, ctx, 2026, "DB")
    return c.ej_bascules, solde.exercice_courant, [x.type_mouvement for x in solde.mouvements]


DEJA_INTEGRE = ("L'arrêté de report AR2026000001 est déjà intégré (le 01/01/2027) : ses crédits sont déjà ouverts "
                "sur l'exercice 2027")
RESULTATS = {  # defect: (scenario, without the defect, with it)
    "plafond-cp-3-pourcent-ignore": (_cp_plafonnes, (0, 38_000_000, 0, 1_200_000), (0, 38_000_000, 0, 38_000_000)),
    "plafond-majore-ignore": (_cp_majores, (Decimal(10), True, 4_000_000, 38_000_000, 4_000_000),
                              (Decimal(3), False, 1_200_000, 38_000_000, 1_200_000)),
    "cp-t2-reportes": (_cp_t2, (0, 99_500_000, 0, 0), (0, 99_500_000, 0, 99_500_000)),
    "aene-mauvaise-base": (_aene, ((20_000_000, 0, 20_000_000, 0), [20_000_000]),
                           ((30_000_000, 0, 30_000_000, 0), [30_000_000])),
    "arrete-integre-deux-fois": (_integration, (DEJA_INTEGRE, 1_000_000), (None, 2_000_000)),
    "bascule-ej-soldes": (_bascule, (3, 2026, ["100"]), (4, 2027, ["100"])),
}


def test_chaque_defaut_des_reports_a_son_scenario() -> None:
    assert set(RESULTATS) == set(CATALOGUE_REPORTS)
    assert set(CATALOGUE_REPORTS) <= set(CATALOGUE)  # switchable on a running sandbox too
    assert lire_defauts(",".join(CATALOGUE_REPORTS)) == frozenset(CATALOGUE_REPORTS)


@pytest.mark.parametrize("defaut", sorted(RESULTATS))
def test_le_defaut_change_le_resultat_de_sa_regle(depot_mini, _depot_mini_modele, defaut) -> None:
    import pickle

    scenario, sans, avec_defaut = RESULTATS[defaut]
    assert scenario(depot_mini, avec()) == sans
    assert scenario(pickle.loads(_depot_mini_modele), avec(defaut)) == avec_defaut


@pytest.mark.parametrize("defaut", ["cp-t2-reportes", "aene-mauvaise-base", "arrete-integre-deux-fois",
                                    "bascule-ej-soldes", "plafond-cp-3-pourcent-ignore"])
def test_les_autres_defauts_laissent_la_regle_intacte(depot_mini, defaut) -> None:
    """Every other defect of the catalogue together leaves this rule's outcome as without defect.

    (``plafond-majore-ignore`` is left out: lifting the whole cap hides whether the raised rate applied.)
    """
    scenario, sans, _ = RESULTATS[defaut]
    assert scenario(depot_mini, avec(*(set(CATALOGUE) - {defaut}))) == sans
