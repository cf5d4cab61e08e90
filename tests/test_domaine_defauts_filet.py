"""The defects of the thicker net (CATALOGUE_FILET, issue 16) bend a rule by a little, not off:
each shows at its limit (one cent, a half cent, N failures, one line) and nowhere else."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable
from decimal import Decimal

import pytest

from chorus_sandbox import restitutions as r
from chorus_sandbox.domaine import import_habilitations as imp
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine import utilisateurs as u
from chorus_sandbox.domaine.defauts import CATALOGUE, CATALOGUE_FILET
from chorus_sandbox.domaine.depot import DepotMemoire
from chorus_sandbox.domaine.erreurs import CreditsInsuffisants, ErreurChorus
from chorus_sandbox.domaine.regles import Contexte

DR75 = "BG00/0150-CSUP-DR75"
POSTE = op.PosteDemande(0, "0150-01-02", "BG00/015001010101")
MAINTENANT = dt.datetime(2026, 6, 15, 10, 30)
FICHIER = ("action;identifiant;nom;role;perimetre\n"
           "creer;camille.martin;Camille Martin;RUO;BG00/0150-CSUP-DR69\n"
           "attribuer;camille.martin;;RUOO;BG00/0150-CSUP-DR69\n")


def avec(*defauts: str) -> Contexte:
    return Contexte(2026, dt.date(2026, 6, 15), frozenset(defauts))


def engager(depot: DepotMemoire, ctx: Contexte, montant: int) -> m.EngagementJuridique:
    postes = [op.PosteDemande(montant, POSTE.domaine_fonctionnel, POSTE.activite)]
    return op.engager(depot, ctx, DR75, "3", "1000012345", "Objet", postes, None)


# --- Each defect: what the rule answers at its limit, without and with the defect ------------------
def ej_un_centime_au_dela(depot: DepotMemoire, ctx: Contexte) -> object:
    return engager(depot, ctx, 15_000_001).montant  # 150 000,00 available on DR75 T3


def mad_du_disponible_exact(depot: DepotMemoire, ctx: Contexte) -> object:
    op.mettre_a_disposition(depot, ctx, "0150-CSUP", DR75, "3", 30_000_000, 0)  # BOP: 300 000,00 available
    return depot.enveloppe(2026, "bop", "0150-CSUP", "3").ae_disponibles


def reserve_sur_un_demi_centime(depot: DepotMemoire, ctx: Contexte) -> object:
    op.integrer_loi_de_finances(depot, ctx, "LFI 2027", "LFI", 2027, [op.LigneLoi("0150", "3", 10_000_010, 10_000_030)],
                                Decimal("0.5"), Decimal(5))  # 500 000,5 and 500 001,5 cents
    env = depot.enveloppe(2027, "programme", "0150", "3")
    return env.ae_reserves, env.cp_reserves


def situation_du_programme(depot: DepotMemoire, ctx: Contexte) -> object:
    ligne = op.situation(depot, 2026, "programme", "0150", ctx.defauts).lignes[0]
    return ligne.ae_disponibles, ligne.cp_disponibles, ligne.ae_reserves


def dates_de_l_export(depot: DepotMemoire, ctx: Contexte) -> object:
    tableau = r.produire(depot, "INF-BUD-53", 2026, ctx.date_du_jour, 2026)
    texte = r.texte_csv(r.degrader(tableau, ctx.defauts))
    return [ligne.split(";")[6] for ligne in texte.splitlines()[5:] if ligne.split(";")[6] not in ("#", "")]


def cinq_echecs(depot: DepotMemoire, ctx: Contexte) -> object:
    for utilisateur in depot.lister(m.Utilisateur):
        utilisateur.empreinte = "h:secret-de-test"
    refus = [u.authentifier(depot, ctx, "ruo.dr75", "faux", MAINTENANT, verifier).refus for _ in range(5)]
    return refus[-1]


def import_dont_la_deuxieme_ligne_est_rejetee(depot: DepotMemoire, ctx: Contexte) -> object:
    try:
        rapport = imp.importer(depot, ctx, imp.lire_fichier(FICHIER), "recette.nationale", "h:x")
    except imp.ImportRefuse as refus:
        return refus.message, depot.trouver(m.Utilisateur, "camille.martin")
    return rapport.message, depot.trouver(m.Utilisateur, "camille.martin").identifiant


def verifier(empreinte: str, mot_de_passe: str) -> bool:
    return bool(empreinte) and empreinte == f"h:{mot_de_passe}"


def issue(scenario: Callable[[DepotMemoire, Contexte], object], depot: DepotMemoire, ctx: Contexte) -> object:
    try:
        return scenario(depot, ctx)
    except ErreurChorus as exc:
        return (type(exc).__name__, exc.message)


SCENARIOS: dict[str, Callable[[DepotMemoire, Contexte], object]] = {
    "ej-depassement-d-un-centime": ej_un_centime_au_dela,
    "mad-du-disponible-exact-refusee": mad_du_disponible_exact,
    "reserve-arrondi-bancaire": reserve_sur_un_demi_centime,
    "situation-disponible-avant-reserve": situation_du_programme,
    "csv-dates-a-barres": dates_de_l_export,
    "verrouillage-au-sixieme-echec": cinq_echecs,
    "import-habilitations-partiel": import_dont_la_deuxieme_ligne_est_rejetee,
}
DEPOTS = {"reserve-arrondi-bancaire": "_depot_referentiel_modele"}


def test_chaque_defaut_du_filet_a_son_scenario() -> None:
    assert set(SCENARIOS) == set(CATALOGUE_FILET) and set(CATALOGUE_FILET) <= set(CATALOGUE)


@pytest.mark.parametrize("defaut", SCENARIOS)
def test_le_defaut_change_la_reponse_a_sa_limite_et_lui_seul(request: pytest.FixtureRequest, defaut: str) -> None:
    """Without defect, with this one, with all the others: only this one changes the answer."""
    modele = request.getfixturevalue(DEPOTS.get(defaut, "_depot_mini_modele"))
    depots = [pickle.loads(modele) for _ in range(3)]
    sans = issue(SCENARIOS[defaut], depots[0], avec())
    avec_lui = issue(SCENARIOS[defaut], depots[1], avec(defaut))
    autres = issue(SCENARIOS[defaut], depots[2], avec(*(set(CATALOGUE) - {defaut} - {"ej-au-dela-des-ae",
                                                                                    "mad-au-dela-du-disponible",
                                                                                    "reserve-non-appliquee"})))
    assert sans != avec_lui
    assert autres == sans


# --- What each bent rule answers, in figures ---------------------------------------------------------
def test_ej_a_un_centime_pres(depot_mini: DepotMemoire) -> None:
    assert issue(ej_un_centime_au_dela, depot_mini, avec()) == (
        "CreditsInsuffisants", ("Crédits insuffisants : 150\u00a0000,01\u00a0€ demandés, 150\u00a0000,00\u00a0€ "
                                f"disponibles en AE sur l'UO {DR75}"))
    assert issue(ej_un_centime_au_dela, depot_mini, avec("ej-depassement-d-un-centime")) == 15_000_001
    with pytest.raises(CreditsInsuffisants):  # two cents beyond: refused even with the defect
        engager(depot_mini, avec("ej-depassement-d-un-centime"), 1)


def test_mad_du_disponible_exact(depot_mini: DepotMemoire, _depot_mini_modele: bytes) -> None:
    assert issue(mad_du_disponible_exact, pickle.loads(_depot_mini_modele), avec()) == 0
    assert issue(mad_du_disponible_exact, pickle.loads(_depot_mini_modele), avec("mad-du-disponible-exact-refusee")) == (
        "CreditsInsuffisants", ("Crédits insuffisants : 300\u00a0000,00\u00a0€ demandés, 300\u00a0000,00\u00a0€ "
                                "disponibles en AE sur le BOP 0150-CSUP"))
    op.mettre_a_disposition(depot_mini, avec("mad-du-disponible-exact-refusee"), "0150-CSUP", DR75, "3", 29_999_999, 0)
    with pytest.raises(CreditsInsuffisants, match="0,01\u00a0€ demandés, 0,01\u00a0€ disponibles"):
        op.mettre_a_disposition(depot_mini, avec("mad-du-disponible-exact-refusee"), "0150-CSUP", DR75, "3", 1, 0)


def test_reserve_arrondie_au_demi_centime(depot_referentiel: DepotMemoire) -> None:
    assert reserve_sur_un_demi_centime(depot_referentiel, avec()) == (500_001, 500_002)


def test_reserve_arrondie_au_pair(_depot_referentiel_modele: bytes) -> None:
    depot = pickle.loads(_depot_referentiel_modele)
    assert reserve_sur_un_demi_centime(depot, avec("reserve-arrondi-bancaire")) == (500_000, 500_002)


def test_situation_disponible_avant_reserve(depot_mini: DepotMemoire) -> None:
    ae, cp, reserve = situation_du_programme(depot_mini, avec())
    assert reserve > 0
    assert situation_du_programme(depot_mini, avec("situation-disponible-avant-reserve"))[:2] == (
        ae + reserve, cp + op.situation(depot_mini, 2026, "programme", "0150").lignes[0].cp_reserves)


def test_dates_de_l_export(depot_mini: DepotMemoire) -> None:
    dates = dates_de_l_export(depot_mini, avec())
    assert dates and all(len(d) == 10 and d[2] == d[5] == "." for d in dates)
    assert dates_de_l_export(depot_mini, avec("csv-dates-a-barres")) == [d.replace(".", "/") for d in dates]


def test_verrouillage_au_sixieme_echec(depot_mini: DepotMemoire, _depot_mini_modele: bytes) -> None:
    assert cinq_echecs(pickle.loads(_depot_mini_modele), avec()).startswith(
        "Identifiant ou mot de passe incorrect : compte verrouillé jusqu'au")
    ctx = avec("verrouillage-au-sixieme-echec")
    assert cinq_echecs(depot_mini, ctx) == "Identifiant ou mot de passe incorrect"
    assert u.authentifier(depot_mini, ctx, "ruo.dr75", "faux", MAINTENANT, verifier).refus.startswith(
        "Identifiant ou mot de passe incorrect : compte verrouillé jusqu'au")


def test_import_partiel(depot_mini: DepotMemoire, _depot_mini_modele: bytes) -> None:
    message, utilisateur = import_dont_la_deuxieme_ligne_est_rejetee(pickle.loads(_depot_mini_modele), avec())
    assert message.startswith("Import refusé : 1 ligne(s) rejetée(s) sur 2") and utilisateur is None
    assert import_dont_la_deuxieme_ligne_est_rejetee(depot_mini, avec("import-habilitations-partiel")) == (
        ("Import appliqué : 1 ligne(s) (1 création) ; ligne 3 : rôle inconnu : « RUOO » (rôles : administrateur, "
         "RPROG, RBOP, RUO, gestionnaire, controleur, lecteur)"), "camille.martin")
