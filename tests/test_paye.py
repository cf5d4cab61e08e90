"""Titre 2, emplois and the payroll flow of the sandbox (issue 18, ``docs/conception/flux-paye.md``).

Domain (on the ``paye`` dataset, SQLite), each catalogued defect, the API (bad input never 5xx),
the screens, and the contract: files built by ``recette.interfaces.construire_flux`` from
``interfaces/flux-paye.yaml`` are accepted and their compte rendu reconciles.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import paye as pa
from chorus_sandbox.domaine.defauts import CATALOGUE, CATALOGUE_PAYE
from chorus_sandbox.domaine.erreurs import AccesRefuse, ObjetInconnu, RegleDeGestion
from chorus_sandbox.domaine.habilitations import Habilitation, habilitation_courante
from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application
from recette.interfaces import CompteRendu, construire_flux, lignes_du_tableau, trouver_description

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

RACINE = Path(__file__).resolve().parents[1]
UO = "BG00/0150-CSUP-DR75"
ENTETE = "00;PAY-MESR-202603-01;202603;MESR;DGFIP PAY"
L21 = f"10;{UO};0150-01-01;015001010101;21;PCE/6411100000;4104066,34;171,5"
L22 = f"10;{UO};0150-01-01;015001010101;22;PCE/6453100000;3083412,18;0"
L23 = f"10;{UO};0150-01-01;015001010101;23;PCE/6471100000;18540,00;0"
NOMINAL = f"{ENTETE}\n{L21}\n{L22}\n{L23}\n99;3;7206018,52" + "\n"


def flux(*details: str, fin: str | None = None, entete: str = ENTETE) -> bytes:
    """A file from its detail lines, the trailer computed (or forced) like the contract says."""
    total = sum(pa.centimes_du_fichier(d.split(";")[6]) for d in details
                if len(d.split(";")) == 8 and pa._MONTANT.fullmatch(d.split(";")[6]))
    fin = fin if fin is not None else f"99;{len(details)};{pa.euros(total).replace('.', ',')}"
    return ("\n".join([entete, *details, fin]) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def _bac_paye() -> Iterator[Bac]:
    bac = Bac(jeu="paye")
    yield bac
    bac.fermer()


@pytest.fixture
def bac(_bac_paye: Bac) -> Bac:
    _bac_paye.reinitialiser()
    return _bac_paye


@pytest.fixture
def deposer(bac: Bac) -> Callable[..., m.DepotPaye]:
    def faire(contenu: bytes | str, **kw: Any) -> m.DepotPaye:
        octets = contenu.encode("utf-8") if isinstance(contenu, str) else contenu
        cr: m.DepotPaye = bac.executer(pa.integrer_flux_paye, octets, "paye.txt", "essai", **kw)
        return cr
    return faire


def vue(bac: Bac, numero: str) -> dict[str, Any]:
    return bac.lire(lambda d: pa.vue_compte_rendu(pa.depot_paye(d, numero), pa.rejets(d, numero)))


def t2_uo(bac: Bac) -> pa.ConsommationT2:
    return bac.lire(lambda d: pa.consommation_t2(d, 2026, "uo", UO))


def enveloppe_t2(bac: Bac) -> m.Enveloppe:
    return bac.lire(lambda d: d.enveloppe(2026, "uo", UO, "2"))


def assert_rapproche(v: dict[str, Any]) -> None:
    assert v["lignes"]["integrees"] + v["lignes"]["rejetees"] == v["lignes"]["fichier"]
    for cle in ("montants", "etpt"):
        assert Decimal(v[cle]["integre"]) + Decimal(v[cle]["rejete"]) == Decimal(v[cle]["fichier"])
    if v["rejet_fichier"] is None:
        assert sum(Decimal(r["montant"] or 0) for r in v["rejets"]) == Decimal(v["montants"]["rejete"])
    assert CompteRendu.depuis_json(v).ecarts_de_rapprochement() == ()


# --- Domain: the nominal month, T2 by catégorie, emplois ----------------------------------------------
def test_mois_nominal_consomme_le_t2_par_categorie_et_les_etpt(bac: Bac, deposer: Callable[..., m.DepotPaye]) -> None:
    avant = enveloppe_t2(bac)
    cr = deposer(NOMINAL)
    v = vue(bac, cr.numero)
    assert v["statut"] == "intégré" and v["lignes"] == {"fichier": 3, "integrees": 3, "rejetees": 0}
    assert v["montants"] == {"fichier": "7206018.52", "integre": "7206018.52", "rejete": "0.00"}
    assert v["etpt"] == {"fichier": "171.5000", "integre": "171.5000", "rejete": "0.0000"}
    assert v["entete"] == {"mois": "202603", "ministere": "MESR", "emetteur": "DGFIP PAY"} and v["alertes"] == []
    apres = enveloppe_t2(bac)
    assert apres.ae_engages - avant.ae_engages == apres.cp_consommes - avant.cp_consommes == 720601852
    conso = t2_uo(bac)
    assert conso.par_rubrique == {("21", ""): {3: 410406634}, ("22", "CAS Pensions"): {3: 308341218},
                                  ("23", ""): {3: 1854000}}
    programme = bac.lire(lambda d: pa.consommation_t2(d, 2026, "programme", "0150"))
    assert programme.consomme == 720601852
    emplois = {(x.ministere, x.programme): x for x in bac.lire(lambda d: pa.suivi_emplois(d, 2026))}
    assert emplois[("MESR", "0150")].plafond == 6892 * pa.ETPT_UNITE
    assert emplois[("MESR", "0150")].par_mois == {3: 1_715_000} and emplois[("MESR", "")].consomme == 1_715_000
    assert_rapproche(v)


def test_un_flux_n_est_integre_qu_une_fois_puis_apres_annulation(bac: Bac, deposer: Callable[..., m.DepotPaye]) -> None:
    premier = deposer(NOMINAL)
    second = deposer(NOMINAL)
    assert second.statut == "rejeté" and second.rejet_code == "flux-deja-integre"
    assert second.rejet_motif.startswith("Flux PAY-MESR-202603-01 déjà intégré le 16/11/2026 à ")
    assert second.rejet_motif.endswith(f"(dépôt {premier.numero}) : un flux n'est intégré qu'une fois.")
    assert (second.rejet_ligne, second.rejet_champ) == (1, "identifiant de flux")
    assert t2_uo(bac).consomme == 720601852
    annule = bac.executer(pa.annuler_flux_paye, "PAY-MESR-202603-01", "erreur de mois", "admin.pole")
    assert annule.statut == "annulé" and annule.numero == premier.numero
    assert t2_uo(bac).consomme == 0 and enveloppe_t2(bac).cp_consommes == 0
    assert bac.lire(lambda d: pa.suivi_emplois(d, 2026))[0].consomme == 0
    with pytest.raises(RegleDeGestion, match="Le flux « PAY-MESR-202603-01 » est déjà annulé."):
        bac.executer(pa.annuler_flux_paye, "PAY-MESR-202603-01")
    assert deposer(NOMINAL).statut == "intégré"  # the id may be deposited again
    with pytest.raises(ObjetInconnu, match="Flux « PAY-X » inconnu."):
        bac.executer(pa.annuler_flux_paye, "PAY-X")
    v = vue(bac, annule.numero)
    assert v["annulation"]["par"] == "admin.pole" and v["annulation"]["motif"] == "erreur de mois"


def test_annuler_un_flux_rejete_entier_est_refuse(bac: Bac, deposer: Callable[..., m.DepotPaye]) -> None:
    deposer(flux(L21, fin="99;1;1,00"))
    with pytest.raises(RegleDeGestion, match="Le flux « PAY-MESR-202603-01 » n'a rien intégré : rien à annuler."):
        bac.executer(pa.annuler_flux_paye, "PAY-MESR-202603-01")


MOTIFS_FICHIER = [
    (b"", "fichier-vide", "Fichier vide : aucun enregistrement.", None),
    (b"\n \r\n", "fichier-vide", "Fichier vide : aucun enregistrement.", None),
    ((ENTETE + "\n" + L21.replace("DR75", "DR75") + ";é\n").encode("cp1252"), "encodage",
     "Encodage invalide ligne 2 : le fichier doit être en UTF-8 (octet 0xE9 illisible).", 2),
    (flux(L21).replace(b"10;", b"11;", 1), "type-inconnu",
     "Ligne 2 : type d'enregistrement « 11 » inconnu (types : 00, 10, 99).", 2),
    (f"{L21}\n{ENTETE}\n99;0;0,00\n".encode(), "en-tete-absent",
     "En-tête absent : la ligne 1 est un enregistrement « 10 », l'en-tête (00) est attendu.", 1),
    (f"{ENTETE}\n{ENTETE}\n99;0;0,00\n".encode(), "enregistrement-mal-place",
     "Ligne 2 : enregistrement « 00 » mal placé (second en-tête).", 2),
    (f"{ENTETE}\n99;0;0,00\n{L21}\n".encode(), "enregistrement-mal-place",
     "Ligne 3 : enregistrement « 10 » mal placé (après l'enregistrement de fin).", 3),
    (f"{ENTETE}\n99;0;0,00\n99;0;0,00\n".encode(), "enregistrement-mal-place",
     "Ligne 3 : enregistrement « 99 » mal placé (seconde fin).", 3),
    (f"{ENTETE}\n{L21}\n".encode(), "fichier-tronque",
     "Fichier tronqué : l'enregistrement de fin (99) est absent (dernière ligne lue : 2).", 2),
    (flux(L21, entete=ENTETE + ";x"), "nombre-de-champs", "Ligne 1 (en-tête) : 6 champs au lieu de 5.", 1),
    (flux(L21, fin="99;1"), "nombre-de-champs", "Ligne 3 (fin) : 2 champs au lieu de 3.", 3),
    (flux(L21, entete=ENTETE.replace("202603", "202613")), "champ-mal-forme",
     "Ligne 1, mois : valeur « 202613 » mal formée (attendu un mois AAAAMM, ex. « 202603 »).", 1),
    (flux(L21, fin="99;1;12.5"), "champ-mal-forme",
     ("Ligne 3, montant total : valeur « 12.5 » mal formée (attendu un montant à deux décimales et virgule décimale, "
     "ex. « -1234,56 »)."), 3),
    (flux(fin="99;0;0,00"), "sans-detail", "Flux sans ligne de détail.", None),
    (flux(L21, L22, fin="99;3;7187478,52"), "nombre-de-lignes-errone",
     "Nombre de lignes de l'enregistrement de fin : 3 annoncé(s), 2 ligne(s) de détail dans le fichier.", 4),
    (flux(L21, L22, L23, fin="99;3;7206018,53"), "montant-total-errone",
     ("Montant total de l'enregistrement de fin : 7\u00a0206\u00a0018,53\u00a0€ annoncés, 7\u00a0206\u00a0018,52\u00a0€ "
     "calculés sur les lignes de détail."), 5),
    (flux(L21, entete=ENTETE.replace("MESR", "MXYZ")), "ministere-inconnu", "Ministère inconnu : « MXYZ ».", 1),
    (flux(L21, entete=ENTETE.replace("202603", "202512")), "mois-hors-exercice",
     "Mois 12/2025 hors de l'exercice 2026 : la paye s'impute sur l'exercice en cours.", 1),
]


@pytest.mark.parametrize(("contenu", "code", "motif", "ligne"), MOTIFS_FICHIER, ids=[x[1] for x in MOTIFS_FICHIER])
def test_rejet_du_fichier_entier(bac: Bac, deposer: Callable[..., m.DepotPaye], contenu: bytes, code: str,
                                 motif: str, ligne: int | None) -> None:
    cr = deposer(contenu)
    v = vue(bac, cr.numero)
    assert v["statut"] == "rejeté" and v["rejet_fichier"]["code"] == code
    assert v["rejet_fichier"]["motif"] == motif and v["rejet_fichier"]["ligne"] == ligne
    assert v["lignes"]["integrees"] == 0 and v["rejets"] == [] and t2_uo(bac).consomme == 0
    assert_rapproche(v)


def _ligne(**champs: str) -> str:
    noms = ("cf", "df", "activite", "categorie", "compte", "montant", "etpt")
    valeurs = dict(zip(noms, L21.split(";")[1:], strict=True))
    valeurs.update(champs)
    return ";".join(["10", *(valeurs[n] for n in noms)])


MOTIFS_LIGNE = [
    (L21 + ";x", "nombre-de-champs", "9 champs au lieu de 8.", None),
    (_ligne(cf="BG00/150-CSUP-DR75"), "champ-mal-forme", ("Valeur mal formée pour « centre financier » : "
     "« BG00/150-CSUP-DR75 » (attendu BG00/programme-BOP-UO, ex. « BG00/0150-CSUP-DR75 »)."), "centre financier"),
    (_ligne(montant="12,345"), "champ-mal-forme", ("Valeur mal formée pour « montant » : « 12,345 » (attendu un "
     "montant à deux décimales et virgule décimale, ex. « -1234,56 »)."), "montant"),
    (_ligne(cf="BG00/0150-CSUP-ZZ99"), "centre-financier-inconnu",
     "Centre financier inconnu : « BG00/0150-CSUP-ZZ99 ».", "centre financier"),
    (_ligne(cf="BG00/0217-SGAC-CENT"), "centre-financier-autre-ministere",
     "Le centre financier « BG00/0217-SGAC-CENT » relève du ministère « MTE », pas de « MESR » (en-tête).",
     "centre financier"),
    (_ligne(cf="BG00/0150-CSUP-DR69"), "uo-sans-titre-2",
     "L'UO « BG00/0150-CSUP-DR69 » ne porte pas de crédits de titre 2.", "centre financier"),
    (_ligne(df="0172-01"), "domaine-fonctionnel-inconnu",
     "Domaine fonctionnel inconnu ou d'un autre programme : « 0172-01 » (programme 0150).", "domaine fonctionnel"),
    (_ligne(activite="015099999999"), "activite-inconnue",
     "Activité inconnue ou d'un autre programme : « 015099999999 » (programme 0150).", "activité"),
    (_ligne(categorie="31"), "categorie-inconnue",
     "Catégorie inconnue : « 31 » (catégories du titre 2 : 21, 22, 23).", "catégorie"),
    (_ligne(compte="PCE/6991100000"), "compte-pce-inconnu",
     "Compte PCE inconnu ou hors paye : « PCE/6991100000 ».", "compte PCE"),
    (_ligne(categorie="22"), "categorie-compte-incoherents",
     "Catégorie 22 et compte PCE « PCE/6411100000 » incohérents : ce compte relève de la catégorie 21.", "catégorie"),
    (_ligne(categorie="23", compte="PCE/6471100000"), "etpt-hors-categorie-21",
     "ETPT non nul sur la catégorie 23 : seules les rémunérations d'activité (21) portent des ETPT.", "ETPT"),
]


@pytest.mark.parametrize(("ligne", "code", "motif", "champ"), MOTIFS_LIGNE, ids=[x[1] + str(i) for i, x in
                                                                                enumerate(MOTIFS_LIGNE)])
def test_rejet_d_une_ligne_les_autres_integrees(bac: Bac, deposer: Callable[..., m.DepotPaye], ligne: str, code: str,
                                                motif: str, champ: str | None) -> None:
    cr = deposer(flux(L22, ligne, L23))
    v = vue(bac, cr.numero)
    assert v["statut"] == "intégré partiellement" and v["lignes"] == {"fichier": 3, "integrees": 2, "rejetees": 1}
    [rejet] = v["rejets"]
    assert (rejet["ligne"], rejet["code"], rejet["motif"], rejet["champ"]) == (3, code, motif, champ)
    assert t2_uo(bac).consomme == 308341218 + 1854000
    assert_rapproche(v)


def test_toutes_les_lignes_rejetees_statut_rejete_sans_rejet_fichier(bac: Bac, deposer: Callable[..., m.DepotPaye]) -> None:
    v = vue(bac, deposer(flux(_ligne(compte="PCE/6991100000"), _ligne(montant="1,5"))).numero)
    assert v["statut"] == "rejeté" and v["rejet_fichier"] is None and v["lignes"]["rejetees"] == 2
    assert v["rejets"][1]["montant"] is None and v["montants"]["fichier"] == "4104066.34"
    assert_rapproche(v)


def test_depassement_du_t2_alerte_sans_refuser(bac: Bac, deposer: Callable[..., m.DepotPaye]) -> None:
    cr = deposer(flux(_ligne(montant="50000000,00", etpt="0")))
    v = vue(bac, cr.numero)
    assert v["statut"] == "intégré"
    ae, cp = v["alertes"]
    assert (ae["code"], ae["credits"], cp["credits"]) == ("depassement-t2", "AE", "CP")
    assert cp == {"code": "depassement-t2", "centre_financier": UO, "credits": "CP", "disponible": "45000000.00",
                  "impute": "50000000.00", "depassement": "5000000.00",
                  "message": "Dépassement du titre 2 disponible sur l'UO BG00/0150-CSUP-DR75 (CP) : "
                             "50\u00a0000\u00a0000,00\u00a0€ imputés pour 45\u00a0000\u00a0000,00\u00a0€ disponibles, "
                             "dépassement de 5\u00a0000\u00a0000,00\u00a0€."}
    assert enveloppe_t2(bac).cp_disponibles == -500000000


def test_plafond_d_emplois_atteint_puis_depasse(bac: Bac, deposer: Callable[..., m.DepotPaye]) -> None:
    assert vue(bac, deposer(flux(_ligne(etpt="6892"))).numero)["alertes"] == []  # at the plafond: no alert
    alerte = vue(bac, deposer(flux(_ligne(etpt="0,0001"), entete=ENTETE.replace("-01;", "-02;"))).numero)["alertes"]
    assert alerte == [{"code": "depassement-plafond-emplois", "ministere": "MESR", "programme": "0150",
                       "plafond": "6892.0000", "consomme": "6892.0001", "depassement": "0.0001",
                       "message": "Plafond d'emplois du programme 0150 dépassé : 6\u00a0892,0001 ETPT consommés pour "
                                  "un plafond de 6\u00a0892 ETPT."}]


def test_flux_correctif_negatif(bac: Bac, deposer: Callable[..., m.DepotPaye]) -> None:
    deposer(NOMINAL)
    correctif = flux(_ligne(montant="-1250,00", etpt="-0,4"), L23.replace("18540,00", "-40,00"),
                     entete=ENTETE.replace("-01;", "-02;"))
    v = vue(bac, deposer(correctif).numero)
    assert v["statut"] == "intégré" and v["montants"]["fichier"] == "-1290.00"
    assert t2_uo(bac).consomme == 720601852 - 129000
    assert bac.lire(lambda d: pa.suivi_emplois(d, 2026))[0].consomme == 1_715_000 - 4_000


# --- Habilitations -------------------------------------------------------------------------------------
def _en_tant_que(bac: Bac, identifiant: str) -> Habilitation:
    utilisateur = bac.lire(lambda d: d.trouver(m.Utilisateur, identifiant))
    assert utilisateur is not None
    return Habilitation.de(utilisateur)


def test_un_rbop_ne_depose_que_pour_les_uo_de_son_bop(bac: Bac) -> None:
    rbop = _en_tant_que(bac, "marc.lefebvre")
    jeton = habilitation_courante.set(rbop)
    try:
        perimetres = rbop.perimetres("deposer_flux_paye")
        hors = bac.executer(pa.integrer_flux_paye, flux(L21, _ligne(cf="BG00/0150-RECT-DR13")), "f", "marc.lefebvre",
                            perimetres)
        assert hors.rejet_code == "hors-perimetre" and hors.rejet_motif == (
            "Ligne 3 : le centre financier « BG00/0150-RECT-DR13 » est hors de vos périmètres ; le flux n'est pas "
            "intégré.")
        assert bac.executer(pa.integrer_flux_paye, flux(L21), "f", "marc.lefebvre", perimetres).statut == "intégré"
        with pytest.raises(AccesRefuse, match="annuler un flux de paye"):
            bac.executer(pa.annuler_flux_paye, "PAY-MESR-202603-01")
    finally:
        habilitation_courante.reset(jeton)
    gestionnaire = habilitation_courante.set(_en_tant_que(bac, "julien.roux"))
    try:
        with pytest.raises(AccesRefuse, match="déposer un flux de paye"):
            bac.executer(pa.integrer_flux_paye, NOMINAL.encode(), "f", "julien.roux")
    finally:
        habilitation_courante.reset(gestionnaire)


# --- The catalogued defects: each one changes the behaviour ----------------------------------------------
@pytest.fixture(scope="module")
def bacs_defauts() -> Iterator[dict[str, Bac]]:
    bacs = {nom: Bac(jeu="paye", defauts=frozenset({nom})) for nom in CATALOGUE_PAYE}
    yield bacs
    for x in bacs.values():
        x.fermer()


def test_catalogue_paye(bacs_defauts: dict[str, Bac]) -> None:
    assert set(CATALOGUE_PAYE) == {"flux-paye-fin-non-controlee", "flux-paye-integre-deux-fois",
                                   "cas-pensions-impute-hors-cas", "etpt-comptes-en-etp"}
    assert set(CATALOGUE_PAYE) <= set(CATALOGUE)


def test_defaut_fin_non_controlee(bacs_defauts: dict[str, Bac]) -> None:
    bac = bacs_defauts["flux-paye-fin-non-controlee"]
    bac.reinitialiser()
    cr = bac.executer(pa.integrer_flux_paye, flux(L21, L22, L23, fin="99;7;1,00"), "f", "x")
    assert cr.statut == "intégré"
    assert_rapproche(vue(bac, cr.numero))


def test_defaut_integre_deux_fois(bacs_defauts: dict[str, Bac]) -> None:
    bac = bacs_defauts["flux-paye-integre-deux-fois"]
    bac.reinitialiser()
    for _ in range(2):
        assert bac.executer(pa.integrer_flux_paye, NOMINAL.encode(), "f", "x").statut == "intégré"
    assert t2_uo(bac).consomme == 2 * 720601852


def test_defaut_cas_pensions_hors_cas(bacs_defauts: dict[str, Bac]) -> None:
    bac = bacs_defauts["cas-pensions-impute-hors-cas"]
    bac.reinitialiser()
    bac.executer(pa.integrer_flux_paye, NOMINAL.encode(), "f", "x")
    assert set(t2_uo(bac).par_rubrique) == {("21", ""), ("22", "hors CAS"), ("23", "")}


def test_defaut_etpt_comptes_en_etp(bacs_defauts: dict[str, Bac]) -> None:
    bac = bacs_defauts["etpt-comptes-en-etp"]
    bac.reinitialiser()
    cr = bac.executer(pa.integrer_flux_paye, flux(_ligne(etpt="600")), "f", "x")
    assert bac.lire(lambda d: pa.suivi_emplois(d, 2026))[0].consomme == 7200 * pa.ETPT_UNITE
    assert [a["code"] for a in json.loads(cr.alertes)] == ["depassement-plafond-emplois"]


# --- Reconciliation, whatever the lines -----------------------------------------------------------------
VALEURS = st.sampled_from([L21, L22, L23, _ligne(compte="PCE/6991100000"), _ligne(montant="1,5"),
                           _ligne(montant="-12,00", etpt="-0,5"), L21 + ";x", "10;;", _ligne(cf="BG00/0150-CSUP-DR69"),
                           _ligne(etpt="abc"), _ligne(categorie="23", compte="PCE/6471100000")])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lignes=st.lists(VALEURS, min_size=1, max_size=12))
def test_le_compte_rendu_se_rapproche_toujours(_bac_paye: Bac, lignes: list[str]) -> None:
    _bac_paye.reinitialiser()
    cr = _bac_paye.executer(pa.integrer_flux_paye, flux(*lignes), "f", "x")
    v = vue(_bac_paye, cr.numero)
    assert_rapproche(v)
    assert t2_uo(_bac_paye).consomme == int(Decimal(v["montants"]["integre"]) * 100)


# --- API and screens -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def _client_paye(_bac_paye: Bac) -> Iterator[TestClient]:
    with TestClient(creer_application(_bac_paye), raise_server_exceptions=False) as client:
        yield client


def _connecte(client: TestClient, identifiant: str) -> dict[str, str]:
    reponse = client.post("/api/connexion", json={"identifiant": identifiant,
                                                  "mot_de_passe": os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"]})
    assert reponse.status_code == 200, reponse.text
    client.cookies.clear()
    return {"Authorization": f"Bearer {reponse.json()['jeton']}"}


@pytest.fixture
def api(_client_paye: TestClient, bac: Bac) -> tuple[TestClient, dict[str, str]]:
    return _client_paye, _connecte(_client_paye, "recette.nationale")


def test_api_depot_compte_rendu_liste_flux_annulation(api: tuple[TestClient, dict[str, str]]) -> None:
    client, entetes = api
    reponse = client.post("/api/interfaces/paye", files={"fichier": ("paye-mesr-202603.txt", NOMINAL.encode())},
                          headers=entetes)
    assert reponse.status_code == 201, reponse.text
    cr = reponse.json()
    assert cr["statut"] == "intégré" and cr["fichier"] == "paye-mesr-202603.txt"
    assert cr["depose_par"] == "recette.nationale" and cr["rejets"] == [] and cr["alertes"] == []
    liste = client.get("/api/interfaces/paye?mois=202603&ministere=MESR", headers=entetes).json()
    assert [x["depot"] for x in liste] == [cr["depot"]] and "rejets" not in liste[0]
    assert client.get("/api/interfaces/paye?mois=202604", headers=entetes).json() == []
    assert client.get(f"/api/interfaces/paye/depots/{cr['depot']}", headers=entetes).json() == cr
    assert client.get("/api/interfaces/paye/flux/PAY-MESR-202603-01", headers=entetes).json()["depot"] == cr["depot"]
    inconnu = client.get("/api/interfaces/paye/flux/PAY-X", headers=entetes)
    assert (inconnu.status_code, inconnu.json()["message"]) == (404, "Flux « PAY-X » inconnu.")
    assert client.get("/api/interfaces/paye/depots/DEP-0", headers=entetes).status_code == 404
    annule = client.post("/api/interfaces/paye/flux/PAY-MESR-202603-01/annulation", json={"motif": "test"},
                         headers=entetes)
    assert annule.status_code == 200 and annule.json()["statut"] == "annulé"
    encore = client.post("/api/interfaces/paye/flux/PAY-MESR-202603-01/annulation", headers=entetes)
    assert (encore.status_code, encore.json()["message"]) == (409, "Le flux « PAY-MESR-202603-01 » est déjà annulé.")
    t2 = client.get("/api/titre-2?niveau=uo&code=BG00/0150-CSUP-DR75", headers=entetes).json()
    assert t2["consomme"] == "0.00" and [r["categorie"] for r in t2["rubriques"]] == ["21", "22", "22", "23"]
    emplois = client.get("/api/emplois", headers=entetes).json()
    assert emplois[0] == {"ministere": "MESR", "programme": "0150", "plafond": "6892.0000", "consomme": "0.0000",
                          "ecart": "6892.0000", "par_mois": {"03": "0.0000"}}


@pytest.mark.parametrize("corps", [
    {"data": {"autre": "x"}}, {"json": {"fichier": "x"}}, {"content": b"--x\r\nnimporte", "ct": "multipart/form-data; boundary=x"},
    {"files": {"autre": ("a.txt", b"x")}}, {"data": {"fichier": "pas un fichier"}},
])
def test_api_depot_sans_fichier_400(api: tuple[TestClient, dict[str, str]], corps: dict[str, Any]) -> None:
    client, entetes = api
    extra = {"Content-Type": corps.pop("ct")} if "ct" in corps else {}
    reponse = client.post("/api/interfaces/paye", headers={**entetes, **extra}, **corps)
    assert reponse.status_code == 400, reponse.text
    assert reponse.json()["message"] == "Aucun fichier déposé : champ « fichier » attendu (multipart/form-data)."


def test_api_mauvaises_entrees_jamais_5xx(api: tuple[TestClient, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    client, entetes = api
    for contenu in (b"\xff\xfe\x00", b"00;" + b";" * 5000, b"\x00" * 100, "00;é;€\n99;\n".encode(), b"Z" * 100_000,
                    b"10;" * 10000, NOMINAL.encode("utf-16")):
        reponse = client.post("/api/interfaces/paye", files={"fichier": ("x.txt", contenu)}, headers=entetes)
        assert reponse.status_code == 201 and reponse.json()["statut"] == "rejeté", reponse.text
        assert len(reponse.json()["rejet_fichier"]["motif"]) < 300  # a huge value is cut in the motif
        assert_rapproche(reponse.json())
    for chemin in ("/api/titre-2?niveau=x", "/api/interfaces/paye?mois=" + "9" * 7, "/api/titre-2?code=%00"):
        assert client.get(chemin, headers=entetes).status_code < 500
    monkeypatch.setattr(pa, "LIMITE_MIO", 1)
    trop = client.post("/api/interfaces/paye", files={"fichier": ("x.txt", b"0" * (2**20 + 1))}, headers=entetes)
    assert (trop.status_code, trop.json()["message"]) == (413, "Fichier trop volumineux : 1,0 Mio pour 1 Mio au plus.")


def test_api_roles(_client_paye: TestClient, bac: Bac) -> None:
    lecteur = _connecte(_client_paye, "paul.lambert")
    reponse = _client_paye.post("/api/interfaces/paye", files={"fichier": ("x.txt", NOMINAL.encode())}, headers=lecteur)
    assert reponse.status_code == 403
    rprog = _connecte(_client_paye, "claire.fontaine")
    assert _client_paye.post("/api/interfaces/paye", files={"fichier": ("x.txt", NOMINAL.encode())},
                             headers=rprog).json()["statut"] == "intégré"
    refus = _client_paye.post("/api/interfaces/paye/flux/PAY-MESR-202603-01/annulation", headers=rprog)
    assert refus.status_code == 403
    assert _client_paye.get("/api/interfaces/paye", headers=lecteur).json() == []  # 0217: sees no MESR flow
    assert len(_client_paye.get("/api/interfaces/paye", headers=rprog).json()) == 1


def test_ecrans_depot_compte_rendu_t2_emplois(_client_paye: TestClient, bac: Bac) -> None:
    client = _client_paye
    entetes = _connecte(client, "recette.nationale")
    page = client.get("/paye", headers=entetes)
    assert page.status_code == 200 and '<label for="flux-fichier">Fichier du flux</label>' in page.text
    assert 'href="/paye"' in page.text and 'href="/titre-2"' in page.text and 'href="/emplois"' in page.text
    contenu = flux(L21, _ligne(compte="PCE/6991100000"), _ligne(montant="50000000,00", etpt="0"))
    reponse = client.post("/paye", files={"fichier": ("paye.txt", contenu)}, headers=entetes, follow_redirects=False)
    assert reponse.status_code == 303, reponse.text
    cr = client.get(reponse.headers["location"], headers=entetes).text
    assert "intégré partiellement" in cr and "Compte PCE inconnu ou hors paye : « PCE/6991100000 »." in cr
    assert "Dépassement du titre 2 disponible sur l&#39;UO BG00/0150-CSUP-DR75 (CP)" in cr
    assert "Annuler le flux" in cr
    annulation = client.post(f"{reponse.headers['location'].split('?')[0]}/annulation", headers=entetes,
                             data={"flux": "PAY-MESR-202603-01", "motif": "essai"})
    assert annulation.status_code == 200 and "Flux PAY-MESR-202603-01 annulé" in annulation.text
    assert "par recette.nationale : essai" in annulation.text and "<dd data-testid=\"statut-flux\">annulé</dd>" in annulation.text
    encore = client.post(f"{reponse.headers['location'].split('?')[0]}/annulation", headers=entetes,
                         data={"flux": "PAY-MESR-202603-01"})
    assert encore.status_code == 409 and "Le flux « PAY-MESR-202603-01 » est déjà annulé." in encore.text
    vide = client.post("/paye", headers=entetes, data={"x": "1"})
    assert vide.status_code == 400 and "Aucun fichier déposé" in vide.text
    sans_choix = client.post("/paye", headers=entetes, files={"fichier": ("", b"")})  # what a browser sends
    assert sans_choix.status_code == 400 and "Aucun fichier déposé" in sans_choix.text
    t2 = client.get("/titre-2?niveau=uo&code=BG00/0150-CSUP-DR75", headers=entetes)
    assert t2.status_code == 200 and "Contribution au CAS Pensions" in t2.text
    assert client.get("/titre-2?niveau=x&code=0150", headers=entetes).status_code == 422
    emplois = client.get("/emplois", headers=entetes)
    assert emplois.status_code == 200 and "6\u00a0892" in emplois.text


# --- The contract: files built by the framework from interfaces/flux-paye.yaml -----------------------------
ENTETE_CADRE = {"identifiant de flux": "PAY-MESR-202603-01", "mois": "mars 2026", "ministère": "MESR",
                "émetteur": "DGFIP PAY"}
TABLEAU = [
    ["centre financier", "domaine fonctionnel", "activité", "catégorie", "compte PCE", "montant", "ETPT"],
    [UO, "0150-01-01", "015001010101", "21", "PCE/6411100000", "4 104 066,34", "171,5"],
    [UO, "0150-01-01", "015001010101", "22", "PCE/6453100000", "3 083 412,18", "0"],
    [UO, "0150-01-01", "015001010101", "23", "PCE/6991100000", "18 540,00", "0"],
    [UO, "0150-01-01", "015001010101", "21", "PCE/6411100000", "`12,345`", "0"],
]


def test_contrat_fichiers_construits_par_le_cadre(api: tuple[TestClient, dict[str, str]]) -> None:
    client, entetes = api
    description = trouver_description("flux-paye", RACINE)

    def deposer_fichier(octets: bytes) -> CompteRendu:
        reponse = client.post("/api/interfaces/paye", files={"fichier": ("cadre.txt", octets)}, headers=entetes)
        assert reponse.status_code == 201, reponse.text
        compte_rendu = CompteRendu.depuis_json(reponse.json())
        assert compte_rendu.ecarts_de_rapprochement() == ()
        return compte_rendu

    lignes = lignes_du_tableau(TABLEAU)
    partiel = deposer_fichier(construire_flux(description, ENTETE_CADRE, lignes).en_octets())
    assert partiel.statut == "intégré partiellement" and partiel.lignes.rejetees == 2
    assert [(r.ligne, r.code) for r in partiel.rejets] == [(4, "compte-pce-inconnu"), (5, "champ-mal-forme")]
    autre = {**ENTETE_CADRE, "identifiant de flux": "PAY-MESR-202603-02"}
    faux_total = deposer_fichier(construire_flux(description, autre, lignes, fin={"montant total": "1,00"}).en_octets())
    assert faux_total.rejet_fichier is not None and faux_total.rejet_fichier.code == "montant-total-errone"
    tronque = deposer_fichier(construire_flux(description, autre, lignes, avec_fin=False).en_octets())
    assert tronque.rejet_fichier is not None and tronque.rejet_fichier.code == "fichier-tronque"
    cp1252 = deposer_fichier(construire_flux(description, {**autre, "émetteur": "DGFIP PAYÉ"}, lignes).en_octets("cp1252"))
    assert cp1252.rejet_fichier is not None and cp1252.rejet_fichier.code == "encodage"
    deja = deposer_fichier(construire_flux(description, ENTETE_CADRE, lignes).en_octets())
    assert deja.rejet_fichier is not None and deja.rejet_fichier.code == "flux-deja-integre"


# --- Restitutions ---------------------------------------------------------------------------------------
def test_restitutions_t2_par_categorie_et_suivi_des_emplois(api: tuple[TestClient, dict[str, str]],
                                                            _client_paye: TestClient) -> None:
    client, entetes = api
    contenu = flux(L21, L22, _ligne(categorie="22", compte="PCE/6452000000", etpt="0", montant="1000,00"), L23)
    assert client.post("/api/interfaces/paye", files={"fichier": ("p.txt", contenu)}, headers=entetes).status_code == 201
    t2 = client.get("/api/restitutions/T2-CATEGORIE?encodage=utf-8", headers=entetes)
    assert t2.status_code == 200
    lignes = t2.content.decode("utf-8-sig").split("\r\n")
    assert lignes[4] == ("Centre financier;Centre financier;Programme;Catégorie;Catégorie;Mois;AE consommées;"
                         "CP consommés")
    assert lignes[5] == (f"{UO};Établissements d'enseignement supérieur – Île-de-France;0150;21;Rémunérations "
                         "d'activité;03.2026;\"4\u00a0104\u00a0066,34\";\"4\u00a0104\u00a0066,34\"")
    assert [x.split(";")[4] for x in lignes[5:9]] == [
        "Rémunérations d'activité", "Cotisations et contributions sociales, hors CAS Pensions",
        "Contribution au CAS Pensions", "Prestations sociales et allocations diverses"]
    assert lignes[10].startswith("Résultat global;") and lignes[10].endswith('"7\u00a0207\u00a0018,52"')
    emplois = client.get("/api/restitutions/SUIVI-EMPLOIS?encodage=utf-8", headers=entetes)
    premiere = emplois.content.decode("utf-8-sig").split("\r\n")[5]
    assert premiere.startswith('MESR;0150;Formations supérieures et recherche universitaire;"6\u00a0892,0000";0,0000;'
                               "0,0000;171,5000;")
    assert premiere.endswith(';171,5000;"6\u00a0720,5000"')
    assert client.get("/api/restitutions/SUIVI-EMPLOIS?format=xlsx", headers=entetes).status_code == 200
    lecteur = _connecte(_client_paye, "paul.lambert")  # programme 0217: no MESR line
    vue_lecteur = _client_paye.get("/api/restitutions/T2-CATEGORIE?encodage=utf-8", headers=lecteur)
    assert vue_lecteur.content.decode("utf-8-sig").split("\r\n")[5].startswith("Résultat global;")
