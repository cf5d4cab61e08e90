"""Expense chain on the ``mini`` dataset in memory: TF, EJ (100/150/200), SF, DP, paiement, situation.

Initial figures (cents) after loading ``mini`` on 15/06/2026:
- UO DR75 T3: AE 200 000,00 − EJ 2103000001 50 000,00 → 150 000,00 available; CP 100 000,00 − 20 000,00
  paid (DP 100000001) → 80 000,00 available.
- UO DR75 T5: AE 600 000,00 − 300 000,00 affected on TF0150000001 → 300 000,00 available; CP 100 000,00.
- TF0150000001: 300 000,00 affected, EJ 2103000002 100 000,00 on it → AENE 200 000,00.
- EJ 2103105755 (exercice 2025, carried to 2026): 30 000,00, 10 000,00 received and paid.
"""

from __future__ import annotations

import datetime as dt

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
TF = "TF0150000001"
EJ_T3, EJ_TF, EJ_2025 = "2103000001", "2103000002", "2103105755"
DF, ACT = "0150-01-02", "BG00/015001010101"
FOURNISSEUR = "1000012345"


def env(depot: DepotMemoire, code: str, titre: str, niveau: str = "uo") -> m.Enveloppe:
    return depot.enveloppe(2026, niveau, code, titre)


def tf(depot: DepotMemoire, numero: str = TF) -> m.TrancheFonctionnelle:
    return depot.trouver(m.TrancheFonctionnelle, numero)  # type: ignore[return-value]


def ej(depot: DepotMemoire, numero: str) -> m.EngagementJuridique:
    return depot.trouver(m.EngagementJuridique, numero)  # type: ignore[return-value]


def poste(montant: int, df: str = DF, activite: str = ACT) -> op.PosteDemande:
    return op.PosteDemande(montant, df, activite)


def engager(depot: DepotMemoire, ctx: Contexte, *montants: int, titre: str = "3", uo: str = DR75,
            tranche: str | None = None, fournisseur: str = FOURNISSEUR) -> m.EngagementJuridique:
    return op.engager(depot, ctx, uo, titre, fournisseur, "Objet", [poste(x) for x in montants], tranche)


def insuffisants(demande: int, disponible: int, nature: str, ou: str) -> str:
    return f"Crédits insuffisants : {fm(demande)} demandés, {fm(disponible)} disponibles en {nature} sur {ou}"


# --- Tranche fonctionnelle -------------------------------------------------------------------
def test_creer_tf_exactement_au_disponible(depot_mini, ctx) -> None:
    nouvelle = op.creer_tranche_fonctionnelle(depot_mini, ctx, DR75, "T5", "  Amphithéâtre  ", 30_000_000)
    assert (nouvelle.numero, nouvelle.exercice, nouvelle.uo, nouvelle.titre, nouvelle.libelle) == (
        "TF0150000002", 2026, DR75, "5", "Amphithéâtre")
    assert (nouvelle.ae_affectees, nouvelle.ae_engagees, nouvelle.aene) == (30_000_000, 0, 30_000_000)
    u5 = env(depot_mini, DR75, "5")
    assert (u5.ae_affectes, u5.ae_disponibles) == (60_000_000, 0)


@pytest.mark.parametrize(
    ("uo", "titre", "libelle", "ae", "erreur", "message"),
    [
        (DR75, "5", "TF", 30_000_001, CreditsInsuffisants,
         insuffisants(30_000_001, 30_000_000, "AE", "l'UO BG00/0150-CSUP-DR75")),
        (DR69, "5", "TF", 1, CreditsInsuffisants, insuffisants(1, 0, "AE", "l'UO BG00/0150-CSUP-DR69")),
        ("BG00/0150-CSUP-XXXX", "5", "TF", 100, ObjetInconnu, "UO inconnu(e) : BG00/0150-CSUP-XXXX"),
        (DR75, "5", "   ", 100, DonneeInvalide, "Le libellé de la tranche fonctionnelle est obligatoire"),
        (DR75, "5", "TF", 0, DonneeInvalide, f"Le montant affecté doit être strictement positif ({fm(0)})"),
        (DR75, "5", "TF", -5, DonneeInvalide, f"Le montant affecté doit être strictement positif ({fm(-5)})"),
        (DR75, "8", "TF", 100, DonneeInvalide, "Titre invalide : « 8 » (attendu 2, 3, 5 ou 6, ou T2…)"),
        (DR75, "5", "TF", MONTANT_MAXIMUM + 1, DonneeInvalide,
         f"Le montant affecté dépasse le maximum autorisé ({fm(MONTANT_MAXIMUM + 1)})"),
    ],
)
def test_creer_tf_refusee(depot_mini, ctx, instantane, uo, titre, libelle, ae, erreur, message) -> None:
    avant = instantane(depot_mini)
    with pytest.raises(erreur) as exc:
        op.creer_tranche_fonctionnelle(depot_mini, ctx, uo, titre, libelle, ae)
    assert exc.value.message == message
    assert instantane(depot_mini) == avant


def test_affecter_exactement_au_disponible_puis_un_centime_de_trop(depot_mini, ctx, instantane) -> None:
    op.affecter(depot_mini, ctx, TF, 29_999_999)
    op.affecter(depot_mini, ctx, TF, 1)
    assert (tf(depot_mini).ae_affectees, tf(depot_mini).aene) == (60_000_000, 50_000_000)
    assert env(depot_mini, DR75, "5").ae_disponibles == 0
    avant = instantane(depot_mini)
    with pytest.raises(CreditsInsuffisants) as exc:
        op.affecter(depot_mini, ctx, TF, 1)
    assert exc.value.message == insuffisants(1, 0, "AE", "l'UO BG00/0150-CSUP-DR75")
    assert instantane(depot_mini) == avant


def test_affecter_refus(depot_mini, ctx) -> None:
    with pytest.raises(CreditsInsuffisants) as exc:
        op.affecter(depot_mini, ctx, TF, 30_000_001)
    assert exc.value.message == insuffisants(30_000_001, 30_000_000, "AE", "l'UO BG00/0150-CSUP-DR75")
    with pytest.raises(ObjetInconnu, match="^Tranche fonctionnelle inconnu\\(e\\) : TF0150999999$"):
        op.affecter(depot_mini, ctx, "TF0150999999", 100)
    with pytest.raises(DonneeInvalide, match="^Le montant affecté doit être strictement positif"):
        op.affecter(depot_mini, ctx, TF, 0)


def test_tf_d_un_exercice_anterieur_fermee(depot_mini, ctx) -> None:
    depot_mini.ajouter(m.TrancheFonctionnelle("TF0150000099", 2025, DR75, "5", "Ancienne", 1_000, 0))
    message = "La tranche fonctionnelle TF0150000099 relève de l'exercice 2025 ; l'exercice courant est 2026"
    for operation in (op.affecter, op.retirer_affectation):
        with pytest.raises(RegleDeGestion) as exc:
            operation(depot_mini, ctx, "TF0150000099", 100)
        assert exc.value.message == message
    with pytest.raises(RegleDeGestion) as exc:
        engager(depot_mini, ctx, 100, titre="5", tranche="TF0150000099")
    assert exc.value.message == message


def test_retrait_d_affectation_exactement_l_aene(depot_mini, ctx) -> None:
    op.retirer_affectation(depot_mini, ctx, TF, 20_000_000)
    assert (tf(depot_mini).ae_affectees, tf(depot_mini).aene) == (10_000_000, 0)
    u5 = env(depot_mini, DR75, "5")
    assert (u5.ae_affectes, u5.ae_disponibles) == (10_000_000, 50_000_000)


def test_retrait_d_affectation_au_dela_de_l_aene_refuse(depot_mini, ctx, instantane) -> None:
    avant = instantane(depot_mini)
    with pytest.raises(CreditsInsuffisants) as exc:
        op.retirer_affectation(depot_mini, ctx, TF, 20_000_001)
    assert exc.value.message == insuffisants(
        20_000_001, 20_000_000, "AE affectées non engagées", "la tranche fonctionnelle TF0150000001")
    with pytest.raises(DonneeInvalide) as exc:
        op.retirer_affectation(depot_mini, ctx, TF, 0)
    assert exc.value.message == f"Le montant retiré doit être strictement positif ({fm(0)})"
    assert instantane(depot_mini) == avant


# --- Engagement juridique -------------------------------------------------------------------
def test_ej_hors_tf_exactement_au_disponible(depot_mini, ctx) -> None:
    nouveau = engager(depot_mini, ctx, 10_000_000, 5_000_000)
    assert nouveau.numero == "2103000003" and len(nouveau.numero) == 10 and nouveau.numero.isdigit()
    assert (nouveau.exercice, nouveau.exercice_courant, nouveau.tranche, nouveau.titre) == (2026, 2026, None, "3")
    assert nouveau.date_creation == dt.date(2026, 6, 15)
    assert [(p.numero, p.montant) for p in nouveau.postes] == [(1, 10_000_000), (2, 5_000_000)]
    assert [(x.type_mouvement, x.poste, x.montant) for x in nouveau.mouvements] == [
        ("100", 1, 10_000_000), ("100", 2, 5_000_000)]
    assert (nouveau.montant, nouveau.statut) == (15_000_000, "Engagé")
    u3 = env(depot_mini, DR75, "3")
    assert (u3.ae_engages, u3.ae_engages_hors_tf, u3.ae_disponibles) == (20_000_000, 20_000_000, 0)
    assert engager(depot_mini, ctx, 1, titre="5").numero == "2103000004"


def test_ej_hors_tf_au_dela_du_disponible_refuse(depot_mini, ctx, instantane) -> None:
    engager(depot_mini, ctx, 7_000_000)  # 150 000,00 − 70 000,00 = 80 000,00 left
    avant = instantane(depot_mini)
    with pytest.raises(CreditsInsuffisants) as exc:
        engager(depot_mini, ctx, 12_000_000)
    assert exc.value.message == (
        "Crédits insuffisants : 120\u00a0000,00\u00a0€ demandés, 80\u00a0000,00\u00a0€ disponibles en AE "
        "sur l'UO BG00/0150-CSUP-DR75"
    )
    with pytest.raises(CreditsInsuffisants) as exc:  # the total of the postes counts
        engager(depot_mini, ctx, 4_000_000, 4_000_001)
    assert exc.value.message == insuffisants(8_000_001, 8_000_000, "AE", "l'UO BG00/0150-CSUP-DR75")
    assert instantane(depot_mini) == avant


def test_ej_sur_tf_consomme_l_aene_et_pas_le_disponible_de_l_uo(depot_mini, ctx) -> None:
    nouveau = engager(depot_mini, ctx, 20_000_000, titre="5", tranche=TF)
    assert nouveau.tranche == TF
    assert (tf(depot_mini).ae_engagees, tf(depot_mini).aene) == (30_000_000, 0)
    u5 = env(depot_mini, DR75, "5")
    assert (u5.ae_engages, u5.ae_engages_hors_tf, u5.ae_disponibles) == (30_000_000, 0, 30_000_000)
    # the UO's hors-TF AE are still all there
    engager(depot_mini, ctx, 30_000_000, titre="5")
    assert env(depot_mini, DR75, "5").ae_disponibles == 0


def test_ej_sur_tf_au_dela_de_l_aene_refuse_meme_si_l_uo_a_du_disponible(depot_mini, ctx, instantane) -> None:
    avant = instantane(depot_mini)
    with pytest.raises(CreditsInsuffisants) as exc:
        engager(depot_mini, ctx, 20_000_001, titre="5", tranche=TF)
    assert exc.value.message == insuffisants(20_000_001, 20_000_000, "AE", "la tranche fonctionnelle TF0150000001")
    assert instantane(depot_mini) == avant


@pytest.mark.parametrize(
    ("kw", "postes", "erreur", "message"),
    [
        ({"fournisseur": "9999999999"}, [poste(100)], ObjetInconnu, "Fournisseur inconnu(e) : 9999999999"),
        ({"uo": "BG00/0150-CSUP-XXXX"}, [poste(100)], ObjetInconnu, "UO inconnu(e) : BG00/0150-CSUP-XXXX"),
        ({"titre": "8"}, [poste(100)], DonneeInvalide, "Titre invalide : « 8 » (attendu 2, 3, 5 ou 6, ou T2…)"),
        ({}, [], DonneeInvalide, "Un engagement juridique comporte au moins un poste"),
        ({}, [poste(0)], DonneeInvalide, f"Le montant du poste 1 doit être strictement positif ({fm(0)})"),
        ({}, [poste(100), poste(-100)], DonneeInvalide,
         f"Le montant du poste 2 doit être strictement positif ({fm(-100)})"),
        ({}, [poste(MONTANT_MAXIMUM), poste(1)], DonneeInvalide,
         f"Le montant de l'engagement dépasse le maximum autorisé ({fm(MONTANT_MAXIMUM + 1)})"),
        ({}, [poste(100, df="0217-07-05")], RegleDeGestion,
         "Poste 1 : domaine fonctionnel 0217-07-05 hors du programme 0150 de l'UO BG00/0150-CSUP-DR75"),
        # NB: "activite" without its accent in the message (cosmetic, see report)
        ({}, [poste(100), poste(100, activite="BG00/021701010523")], RegleDeGestion,
         "Poste 2 : activité BG00/021701010523 hors du programme 0150 de l'UO BG00/0150-CSUP-DR75"),
        ({}, [poste(100, df="0150-09-09")], ObjetInconnu, "Domaine fonctionnel inconnu(e) : 0150-09-09"),
        ({}, [poste(100, activite="BG00/015009090909")], ObjetInconnu, "Activité inconnu(e) : BG00/015009090909"),
        ({}, [poste(100, df="150-01")], DonneeInvalide,
         "Code domaine fonctionnel invalide : « 150-01 » (format attendu : PPPP-AA ou PPPP-AA-SS, ex. 0150-01-02)"),
        ({"tranche": "TF0150999999"}, [poste(100)], ObjetInconnu, "Tranche fonctionnelle inconnu(e) : TF0150999999"),
        ({"tranche": TF}, [poste(100)], RegleDeGestion,
         ("La tranche fonctionnelle TF0150000001 est ouverte sur l'UO BG00/0150-CSUP-DR75 en titre 5, "
         "pas sur l'UO BG00/0150-CSUP-DR75 en titre 3")),
        ({"tranche": TF, "uo": DR69, "titre": "5"}, [poste(100)], RegleDeGestion,
         ("La tranche fonctionnelle TF0150000001 est ouverte sur l'UO BG00/0150-CSUP-DR75 en titre 5, "
         "pas sur l'UO BG00/0150-CSUP-DR69 en titre 5")),
    ],
)
def test_ej_refuse(depot_mini, ctx, instantane, kw, postes, erreur, message) -> None:
    arguments = {"uo": DR75, "titre": "3", "fournisseur": FOURNISSEUR, "tranche": None, **kw}
    avant = instantane(depot_mini)
    with pytest.raises(erreur) as exc:
        op.engager(depot_mini, ctx, arguments["uo"], arguments["titre"], arguments["fournisseur"], "Objet", postes,
                   arguments["tranche"])
    assert exc.value.message == message
    assert instantane(depot_mini) == avant


# --- Augmentation (150) ---------------------------------------------------------------------
def test_augmentation_hors_tf_jusqu_au_disponible(depot_mini, ctx, instantane) -> None:
    op.augmenter_engagement(depot_mini, ctx, EJ_T3, 1, 15_000_000)
    e = ej(depot_mini, EJ_T3)
    assert e.montant == 20_000_000
    assert (e.mouvements[-1].type_mouvement, e.mouvements[-1].montant, e.mouvements[-1].poste) == ("150", 15_000_000, 1)
    u3 = env(depot_mini, DR75, "3")
    assert (u3.ae_engages, u3.ae_disponibles) == (20_000_000, 0)
    avant = instantane(depot_mini)
    with pytest.raises(CreditsInsuffisants) as exc:
        op.augmenter_engagement(depot_mini, ctx, EJ_T3, 1, 1)
    assert exc.value.message == insuffisants(1, 0, "AE", "l'UO BG00/0150-CSUP-DR75")
    assert instantane(depot_mini) == avant


def test_augmentation_sur_tf_consomme_l_aene(depot_mini, ctx) -> None:
    with pytest.raises(CreditsInsuffisants) as exc:
        op.augmenter_engagement(depot_mini, ctx, EJ_TF, 1, 20_000_001)
    assert exc.value.message == insuffisants(20_000_001, 20_000_000, "AE", "la tranche fonctionnelle TF0150000001")
    op.augmenter_engagement(depot_mini, ctx, EJ_TF, 1, 20_000_000)
    assert (tf(depot_mini).aene, ej(depot_mini, EJ_TF).montant) == (0, 30_000_000)
    u5 = env(depot_mini, DR75, "5")
    assert (u5.ae_disponibles, u5.ae_engages, u5.ae_engages_hors_tf) == (30_000_000, 30_000_000, 0)


def test_augmentation_d_un_ej_anterieur_consomme_les_ae_de_l_exercice(depot_mini, ctx) -> None:
    op.augmenter_engagement(depot_mini, ctx, EJ_2025, 1, 100_000)
    assert ej(depot_mini, EJ_2025).montant == 3_100_000
    assert env(depot_mini, DR75, "3").ae_disponibles == 14_900_000


@pytest.mark.parametrize(
    ("numero", "numero_poste", "montant", "erreur", "message"),
    [
        ("2103999999", 1, 100, ObjetInconnu, "Engagement juridique inconnu(e) : 2103999999"),
        (EJ_T3, 2, 100, ObjetInconnu, "Poste 2 inconnu sur l'EJ 2103000001"),
        (EJ_T3, 1, 0, DonneeInvalide, f"Le montant de l'augmentation doit être strictement positif ({fm(0)})"),
    ],
)
def test_augmentation_refusee(depot_mini, ctx, instantane, numero, numero_poste, montant, erreur, message) -> None:
    avant = instantane(depot_mini)
    with pytest.raises(erreur) as exc:
        op.augmenter_engagement(depot_mini, ctx, numero, numero_poste, montant)
    assert exc.value.message == message
    assert instantane(depot_mini) == avant


# --- Réduction (200) ----------------------------------------------------------------------------
def test_reduction_d_un_ej_de_l_exercice_libere_les_ae(depot_mini, ctx) -> None:
    op.reduire_engagement(depot_mini, ctx, EJ_T3, 1, 3_000_000)  # 50 000,00 − 30 000,00 = service fait
    e = ej(depot_mini, EJ_T3)
    assert e.montant == 2_000_000
    assert (e.mouvements[-1].type_mouvement, e.mouvements[-1].montant) == ("200", -3_000_000)
    u3 = env(depot_mini, DR75, "3")
    assert (u3.ae_engages, u3.ae_engages_hors_tf, u3.ae_disponibles) == (2_000_000, 2_000_000, 18_000_000)
    assert depot_mini.lister(m.Evenement)[-1].detail == f"poste 1 : -{fm(3_000_000)}, AE libérées {fm(3_000_000)}"


def test_reduction_d_un_ej_sur_tf_rend_les_ae_a_la_tf(depot_mini, ctx) -> None:
    op.reduire_engagement(depot_mini, ctx, EJ_TF, 1, 4_000_000)
    assert (tf(depot_mini).ae_engagees, tf(depot_mini).aene) == (6_000_000, 24_000_000)
    u5 = env(depot_mini, DR75, "5")
    assert (u5.ae_engages, u5.ae_engages_hors_tf, u5.ae_disponibles) == (6_000_000, 0, 30_000_000)


def test_reduction_d_un_ej_anterieur_ne_libere_rien(depot_mini, ctx) -> None:
    assert (ej(depot_mini, EJ_2025).exercice, ej(depot_mini, EJ_2025).exercice_courant) == (2025, 2026)
    avant = env(depot_mini, DR75, "3")
    figures = (avant.ae_engages, avant.ae_engages_hors_tf, avant.ae_disponibles)
    op.reduire_engagement(depot_mini, ctx, EJ_2025, 1, 500_000)
    assert ej(depot_mini, EJ_2025).montant == 2_500_000
    u3 = env(depot_mini, DR75, "3")
    assert (u3.ae_engages, u3.ae_engages_hors_tf, u3.ae_disponibles) == figures == (5_000_000, 5_000_000, 15_000_000)
    assert depot_mini.lister(m.Evenement)[-1].detail == f"poste 1 : -{fm(500_000)}, AE libérées {fm(0)}"


@pytest.mark.parametrize(
    ("numero", "montant", "message"),
    [
        (EJ_T3, 3_000_001, ("Réduction impossible : 30\u00a0000,01\u00a0€ demandés, 30\u00a0000,00\u00a0€ "
         "réductibles sur le poste 1 de l'EJ 2103000001 (service fait : 20\u00a0000,00\u00a0€)")),
        (EJ_2025, 2_000_001, (f"Réduction impossible : {fm(2_000_001)} demandés, {fm(2_000_000)} réductibles sur "
         f"le poste 1 de l'EJ 2103105755 (service fait : {fm(1_000_000)})")),
        (EJ_TF, 10_000_001, (f"Réduction impossible : {fm(10_000_001)} demandés, {fm(10_000_000)} réductibles sur "
         f"le poste 1 de l'EJ 2103000002 (service fait : {fm(0)})")),
    ],
)
def test_reduction_en_dessous_du_service_fait_refusee(depot_mini, ctx, instantane, numero, montant, message) -> None:
    avant = instantane(depot_mini)
    with pytest.raises(RegleDeGestion) as exc:
        op.reduire_engagement(depot_mini, ctx, numero, 1, montant)
    assert exc.value.message == message
    with pytest.raises(DonneeInvalide) as exc:
        op.reduire_engagement(depot_mini, ctx, numero, 1, 0)
    assert exc.value.message == f"Le montant de la réduction doit être strictement positif ({fm(0)})"
    assert instantane(depot_mini) == avant


def test_retrait_d_engagement_reduit_au_service_fait(depot_mini, ctx) -> None:
    e = op.retirer_engagement(depot_mini, ctx, EJ_T3)
    assert (e.montant, e.montant_receptionne) == (2_000_000, 2_000_000)
    assert env(depot_mini, DR75, "3").ae_disponibles == 18_000_000
    with pytest.raises(RegleDeGestion) as exc:
        op.retirer_engagement(depot_mini, ctx, EJ_T3)
    assert exc.value.message == "L'EJ 2103000001 n'a plus de montant à retirer"


# --- Service fait, DP, paiement ----------------------------------------------------------------
def test_service_fait_jusqu_au_reste_a_receptionner(depot_mini, ctx, instantane) -> None:
    sf = op.constater_service_fait(depot_mini, ctx, EJ_T3, 1, 3_000_000)
    assert sf.numero == "5000000002" and len(sf.numero) == 10
    assert (sf.engagement, sf.poste, sf.montant, sf.code_mouvement, sf.date) == (
        EJ_T3, 1, 3_000_000, "101", dt.date(2026, 6, 15))
    assert ej(depot_mini, EJ_T3).montant_receptionne == 5_000_000
    avant = instantane(depot_mini)
    with pytest.raises(RegleDeGestion) as exc:
        op.constater_service_fait(depot_mini, ctx, EJ_T3, 1, 1)
    assert exc.value.message == (
        f"Service fait impossible : {fm(1)} constatés, {fm(0)} restant à réceptionner sur le poste 1 de l'EJ 2103000001")
    assert instantane(depot_mini) == avant


def test_service_fait_au_dela_du_reste_refuse(depot_mini, ctx) -> None:
    with pytest.raises(RegleDeGestion) as exc:
        op.constater_service_fait(depot_mini, ctx, EJ_T3, 1, 3_000_001)
    assert exc.value.message == (
        "Service fait impossible : 30\u00a0000,01\u00a0€ constatés, 30\u00a0000,00\u00a0€ restant à réceptionner "
        "sur le poste 1 de l'EJ 2103000001")
    with pytest.raises(DonneeInvalide) as exc:
        op.constater_service_fait(depot_mini, ctx, EJ_T3, 1, -1)
    assert exc.value.message == f"Le montant du service fait doit être strictement positif ({fm(-1)})"


def test_ej_d_un_exercice_non_bascule_ferme(depot_mini, ctx) -> None:
    ej(depot_mini, EJ_2025).exercice_courant = 2025
    message = "L'EJ 2103105755 relève de l'exercice 2025 ; l'exercice courant est 2026"
    for operation in (op.constater_service_fait, op.creer_demande_paiement, op.augmenter_engagement,
                      op.reduire_engagement):
        with pytest.raises(RegleDeGestion) as exc:
            operation(depot_mini, ctx, EJ_2025, 1, 100)
        assert exc.value.message == message


def test_demande_de_paiement_limitee_au_service_fait_non_demande(depot_mini, ctx, instantane) -> None:
    avant = instantane(depot_mini)
    with pytest.raises(RegleDeGestion) as exc:  # SF 20 000,00 all asked for already
        op.creer_demande_paiement(depot_mini, ctx, EJ_T3, 1, 1)
    assert exc.value.message == (
        "Demande de paiement impossible : 0,01\u00a0€ demandés, 0,00\u00a0€ de service fait non encore demandé "
        "sur le poste 1 de l'EJ 2103000001")
    with pytest.raises(RegleDeGestion, match="0,00\u00a0€ de service fait non encore demandé sur le poste 1 de l'EJ 2103000002"):
        op.creer_demande_paiement(depot_mini, ctx, EJ_TF, 1, 100)
    assert instantane(depot_mini) == avant
    op.constater_service_fait(depot_mini, ctx, EJ_T3, 1, 1_000_000)
    with pytest.raises(RegleDeGestion) as exc:
        op.creer_demande_paiement(depot_mini, ctx, EJ_T3, 1, 1_000_001)
    assert exc.value.message == (
        f"Demande de paiement impossible : {fm(1_000_001)} demandés, {fm(1_000_000)} de service fait non encore "
        "demandé sur le poste 1 de l'EJ 2103000001")
    dp = op.creer_demande_paiement(depot_mini, ctx, EJ_T3, 1, 1_000_000)
    assert dp.numero == "100000002" and len(dp.numero) == 9
    assert (dp.engagement, dp.poste, dp.montant, dp.statut, dp.date_base, dp.date_paiement) == (
        EJ_T3, 1, 1_000_000, "À payer", dt.date(2026, 6, 15), None)
    assert ej(depot_mini, EJ_T3).montant_demande == 3_000_000
    with pytest.raises(DonneeInvalide) as exc:
        op.creer_demande_paiement(depot_mini, ctx, EJ_T3, 1, 0)
    assert exc.value.message == f"Le montant de la demande de paiement doit être strictement positif ({fm(0)})"


def test_paiement_consomme_les_cp_de_l_uo_et_solde_l_ej(depot_mini, ctx) -> None:
    op.constater_service_fait(depot_mini, ctx, EJ_T3, 1, 3_000_000)
    dp = op.creer_demande_paiement(depot_mini, ctx, EJ_T3, 1, 3_000_000)
    assert ej(depot_mini, EJ_T3).statut == "Partiellement payé"
    payee = op.payer(depot_mini, ctx, dp.numero)
    assert (payee.statut, payee.date_paiement, payee.exercice_paiement) == ("Payée", dt.date(2026, 6, 15), 2026)
    u3 = env(depot_mini, DR75, "3")
    assert (u3.cp_consommes, u3.cp_disponibles) == (5_000_000, 5_000_000)
    e = ej(depot_mini, EJ_T3)
    assert (e.montant_paye, e.reste_a_payer, e.statut) == (5_000_000, 0, "Soldé")
    assert env(depot_mini, DR75, "3").ae_disponibles == 15_000_000  # paying consumes no AE
    with pytest.raises(RegleDeGestion) as exc:
        op.augmenter_engagement(depot_mini, ctx, EJ_T3, 1, 100)
    assert exc.value.message == "L'EJ 2103000001 est soldé : il ne peut plus être augmenté"


def test_paiement_au_dela_des_cp_refuse_puis_exactement_accepte(depot_mini, ctx, instantane) -> None:
    nouveau = engager(depot_mini, ctx, 10_000_000)
    op.constater_service_fait(depot_mini, ctx, nouveau.numero, 1, 10_000_000)
    trop = op.creer_demande_paiement(depot_mini, ctx, nouveau.numero, 1, 8_000_001)
    juste = op.creer_demande_paiement(depot_mini, ctx, nouveau.numero, 1, 1_999_999)
    avant = instantane(depot_mini)
    with pytest.raises(CreditsInsuffisants) as exc:
        op.payer(depot_mini, ctx, trop.numero)
    assert exc.value.message == (
        "Crédits insuffisants : 80\u00a0000,01\u00a0€ demandés, 80\u00a0000,00\u00a0€ disponibles en CP "
        "sur l'UO BG00/0150-CSUP-DR75")
    assert instantane(depot_mini) == avant
    op.payer(depot_mini, ctx, juste.numero)
    with pytest.raises(CreditsInsuffisants) as exc:
        op.payer(depot_mini, ctx, trop.numero)
    assert exc.value.message == insuffisants(8_000_001, 6_000_001, "CP", "l'UO BG00/0150-CSUP-DR75")


def test_double_paiement_refuse(depot_mini, ctx, instantane) -> None:
    avant = instantane(depot_mini)
    with pytest.raises(RegleDeGestion) as exc:
        op.payer(depot_mini, ctx, "100000001")
    assert exc.value.message == "La demande de paiement 100000001 est déjà payée"
    with pytest.raises(ObjetInconnu) as exc:
        op.payer(depot_mini, ctx, "999999999")
    assert exc.value.message == "Demande de paiement inconnu(e) : 999999999"
    assert instantane(depot_mini) == avant


def test_statuts_successifs_d_un_ej(depot_mini, ctx) -> None:
    e = engager(depot_mini, ctx, 1_000_000)
    statuts = [e.statut]
    op.constater_service_fait(depot_mini, ctx, e.numero, 1, 400_000)
    statuts.append(e.statut)
    op.constater_service_fait(depot_mini, ctx, e.numero, 1, 600_000)
    statuts.append(e.statut)
    op.payer(depot_mini, ctx, op.creer_demande_paiement(depot_mini, ctx, e.numero, 1, 250_000).numero)
    statuts.append(e.statut)
    op.payer(depot_mini, ctx, op.creer_demande_paiement(depot_mini, ctx, e.numero, 1, 750_000).numero)
    statuts.append(e.statut)
    assert statuts == ["Engagé", "Partiellement réceptionné", "Réceptionné", "Partiellement payé", "Soldé"]
    retire = engager(depot_mini, ctx, 500)
    op.retirer_engagement(depot_mini, ctx, retire.numero)
    assert (retire.montant, retire.statut) == (0, "Retiré")


# --- Situation budgétaire -----------------------------------------------------------------------
def ligne(titre: str, *valeurs: int) -> m.LigneSituation:
    return m.LigneSituation(titre, *valeurs)


def test_situation_budgetaire_aux_trois_niveaux(depot_mini) -> None:
    s = op.situation(depot_mini, 2026, "programme", "0150")
    assert (s.exercice, s.niveau, s.code, s.libelle) == (
        2026, "programme", "0150", "Formations supérieures et recherche universitaire")
    # titre, AE ouverts, réservés, mis à dispo, affectés, engagés, disponibles, CP ouverts, réservés, mis à dispo,
    # consommés, disponibles
    assert s.lignes == (
        ligne("2", 100_000_000, 500_000, 0, 0, 0, 99_500_000, 100_000_000, 500_000, 0, 0, 99_500_000),
        ligne("3", 100_000_000, 5_000_000, 50_000_000, 0, 5_000_000, 45_000_000,
              80_000_000, 4_000_000, 40_000_000, 2_000_000, 36_000_000),
        ligne("5", 200_000_000, 10_000_000, 100_000_000, 30_000_000, 10_000_000, 90_000_000,
              50_000_000, 2_500_000, 20_000_000, 0, 27_500_000),
        ligne("Total", 400_000_000, 15_500_000, 150_000_000, 30_000_000, 15_000_000, 234_500_000,
              230_000_000, 7_000_000, 60_000_000, 2_000_000, 163_000_000),
    )
    assert s.total == s.lignes[-1]
    bop = op.situation(depot_mini, 2026, "bop", "0150-CSUP")
    assert bop.lignes[-1] == ligne("Total", 150_000_000, 0, 80_000_000, 30_000_000, 15_000_000, 70_000_000,
                                   60_000_000, 0, 20_000_000, 2_000_000, 40_000_000)
    uo = op.situation(depot_mini, 2026, "uo", DR75)
    assert uo.libelle == "UO Île-de-France"
    assert uo.lignes == (
        ligne("3", 20_000_000, 0, 0, 0, 5_000_000, 15_000_000, 10_000_000, 0, 0, 2_000_000, 8_000_000),
        ligne("5", 60_000_000, 0, 0, 30_000_000, 10_000_000, 30_000_000, 10_000_000, 0, 0, 0, 10_000_000),
        ligne("Total", 80_000_000, 0, 0, 30_000_000, 15_000_000, 45_000_000, 20_000_000, 0, 0, 2_000_000, 18_000_000),
    )


def test_situation_suit_les_operations(depot_mini, ctx) -> None:
    engager(depot_mini, ctx, 1_000_000)
    op.mettre_a_disposition(depot_mini, ctx, "0150-CSUP", DR69, "3", 500_000, 100_000)
    prog = op.situation(depot_mini, 2026, "programme", "0150").lignes[1]
    bop = op.situation(depot_mini, 2026, "bop", "0150-CSUP").lignes[0]
    uo = op.situation(depot_mini, 2026, "uo", DR75).lignes[0]
    assert prog.ae_engages == bop.ae_engages == uo.ae_engages == 6_000_000
    assert (prog.ae_disponibles, bop.ae_disponibles, uo.ae_disponibles) == (45_000_000, 29_500_000, 14_000_000)
    dr69 = op.situation(depot_mini, 2026, "uo", DR69)
    assert (dr69.total.ae_ouverts, dr69.total.cp_ouverts) == (500_000, 100_000)


def test_situation_vide_et_refus(depot_mini) -> None:
    vide = op.situation(depot_mini, 2026, "uo", DR69)
    assert vide.lignes == (ligne("Total", *([0] * 11)),)
    assert op.situation(depot_mini, 2025, "programme", "0150").lignes == (ligne("Total", *([0] * 11)),)
    for niveau, code, erreur, message in (
        ("region", "0150", DonneeInvalide, "Niveau inconnu : region (attendu programme, bop ou uo)"),
        ("programme", "0999", ObjetInconnu, "Programme inconnu(e) : 0999"),
        ("bop", "0150-XXXX", ObjetInconnu, "BOP inconnu(e) : 0150-XXXX"),
        ("uo", "BG00/0150-CSUP-XXXX", ObjetInconnu, "UO inconnu(e) : BG00/0150-CSUP-XXXX"),
    ):
        with pytest.raises(erreur) as exc:
            op.situation(depot_mini, 2026, niveau, code)
        assert exc.value.message == message
