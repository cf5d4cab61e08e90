"""The restitutions of the campagne des reports: ETAT-DES-REPORTS and EJ-BASCULES, content, CSV and
XLSX quirks, périmètre, API download.

``cloture`` dataset closed on 31/12/2026 (see tests/test_ui_reports.py for its figures); one demande
of 0103 (T3 CP 1 000 000,00 €, T6 CP 20 000 000,00 € for 11 244 137,36 € reportable, T3 AENE
5 000,00 € for nothing reportable) with an avis favorable, taken up by an arrêté.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from chorus_sandbox import restitutions as r
from chorus_sandbox.domaine import reports as rp
from chorus_sandbox.domaine.habilitations import DepotPerimetre, Habilitation
from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application
from recette.donnees.lecture import lire_export

with warnings.catch_warnings():  # starlette warns that it would prefer httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
INSECABLE, FINE = "\u00a0", "\u202f"
DEMANDE = [rp.LigneReport("3", "CP", 0, 100_000_000), rp.LigneReport("6", "CP", 0, 2_000_000_000),
           rp.LigneReport("3", "AENE", 500_000, 0)]


@pytest.fixture(scope="module")
def bac_campagne() -> Iterator[Bac]:
    """The cloture dataset closed, a demande of 0103 with an avis favorable and an arrêté (read only)."""
    bac = Bac(jeu="cloture", fixtures=FIXTURES)
    bac.executer(rp.cloturer_exercice, 2026, "db.synthese")
    demande = bac.executer(rp.demander_report, "0103", DEMANDE, "claire.fontaine")
    bac.executer(rp.donner_avis, demande.numero, "favorable", "", "helene.mercier")
    bac.executer(rp.arreter_reports, "db.synthese")
    yield bac
    bac.fermer()


def tableau(bac: Bac, code: str, exercice: int = 2026) -> r.Tableau:
    ctx = bac.contexte
    return bac.lire(lambda depot: r.produire(depot, code, exercice, ctx.date_du_jour, ctx.exercice))


def texte(bac: Bac, code: str) -> list[str]:
    return r.ecrire_csv(tableau(bac, code), "utf-8").decode("utf-8-sig").split("\r\n")


def montant(centimes: int) -> str:
    """An amount as the ETAT-DES-REPORTS CSV writes it (NBSP thousands, quoted when it has one)."""
    return r.montant_csv(centimes, INSECABLE)


# --- ETAT-DES-REPORTS ---------------------------------------------------------------------------------
def test_l_etat_des_reports_de_0103_ligne_a_ligne(bac_campagne: Bac) -> None:
    lignes = texte(bac_campagne, "ETAT-DES-REPORTS")
    assert lignes[:5] == [
        "ETAT-DES-REPORTS : État des reports - Reports de crédits par programme, titre et nature",
        "Dernière MàJ des données :;01.01.2027 05:32:09", "Affichage :;Montants en euros",
        "Exercice comptable;2026;Reports de crédits",
        ("Programme;Programme;Titre;Nature du report;Nature du report;Taux du plafond (%);N° demande de report;"
         "Statut de la demande;N° arrêté de report;AE non consommées;CP non consommés;AE reportables;CP reportables;"
         "AE demandées;CP demandés;AE accordées;CP accordés")]
    tete = "0103;Accompagnement des mutations économiques et développement de l'emploi"
    suite = "DR2026000001;Arrêtée;AR2026000001"
    z = "0,00"
    assert [x for x in lignes if x.startswith("0103;")] == [
        f"{tete};T3;AENE;AE affectées non engagées;#;{suite};{z};{z};{z};{z};{montant(500_000)};{z};{z};{z}",
        (f"{tete};T3;CP;Crédits de paiement;3;{suite};{z};{montant(395_830_000)};{z};{montant(395_830_000)};{z};"
         f"{montant(100_000_000)};{z};{montant(100_000_000)}"),
        (f"{tete};T6;CP;Crédits de paiement;3;{suite};{z};{montant(1_124_413_736)};{z};{montant(1_124_413_736)};{z};"
         f"{montant(2_000_000_000)};{z};{montant(1_124_413_736)}")]
    resultat = lignes[lignes.index(next(x for x in lignes if x.startswith(f"{tete};T6"))) + 1]
    assert resultat == (f"Résultat;;;;;;;;;{z};{montant(1_520_243_736)};{z};{montant(1_520_243_736)};"
                        f"{montant(500_000)};{montant(2_100_000_000)};{z};{montant(1_224_413_736)}")


def test_l_etat_des_reports_couvre_chaque_ligne_de_la_cloture(bac_campagne: Bac) -> None:
    t = tableau(bac_campagne, "ETAT-DES-REPORTS")
    fin = bac_campagne.lire(lambda depot: rp.cloture_de(depot, 2026))
    detail = [x for x in t.lignes if not str(x[0]).startswith(r.SOUS_TOTAL)]
    cles = {(x[0], str(x[2])[1:], x[3]) for x in detail}
    assert {(x.programme, x.titre, x.nature) for x in fin.lignes} | {("0103", "3", "AENE")} == cles
    assert len(detail) == len(fin.lignes) + 1  # the AENE line asked for outside the closing
    total = t.lignes[-1]
    assert total[0] == r.TOTAL_GENERAL
    assert total[9:13] == tuple(sum(getattr(x, c) for x in fin.lignes) for c in (
        "ae_non_consommees", "cp_non_consommes", "ae_reportables", "cp_reportables"))
    assert total[12] == 131_351_759_735  # hors-T2 caps and fonds de concours, every programme
    assert [x[0] for x in t.lignes].count(r.SOUS_TOTAL) == 8  # one per programme
    majore = next(x for x in detail if x[0] == "0172" and x[3] == "CP")
    assert majore[5] == "10" and next(x for x in detail if x[0] == "0150" and x[2] == "T2")[5] is None


def test_avant_la_cloture_l_etat_des_reports_est_vide() -> None:
    bac = Bac(jeu="cloture", fixtures=FIXTURES)
    try:
        assert tableau(bac, "ETAT-DES-REPORTS").lignes == ()
        assert tableau(bac, "EJ-BASCULES").lignes[-1] == (r.TOTAL_GENERAL, *[""] * 11, 0, 0, 0, 0)
        assert texte(bac, "ETAT-DES-REPORTS")[5:] == [""]
    finally:
        bac.fermer()


def test_un_rprog_ne_voit_que_ses_programmes_dans_l_etat(bac_campagne: Bac) -> None:
    rprog = Habilitation("claire.fontaine", "Claire Fontaine", (("RPROG", "0150"),))
    lignes = bac_campagne.lire(lambda depot: r.lignes_etat_des_reports(DepotPerimetre(depot, rprog), 2026))
    assert {x[0] for x in lignes} == {"0150", r.SOUS_TOTAL, r.TOTAL_GENERAL}
    assert lignes[-1][12] == 43_183_518_064  # 0150's capped CP alone


# --- EJ-BASCULES ------------------------------------------------------------------------------------------
def test_les_ej_bascules_poste_par_poste(bac_campagne: Bac) -> None:
    lignes = texte(bac_campagne, "EJ-BASCULES")
    assert lignes[3:5] == [
        "Exercice comptable;2026;Montant basculé",
        ("Centre financier;Centre financier;N° EJ;N° poste EJ;Fournisseur;Fournisseur;Titre;Exercice de l'EJ;"
         "Tranche fonctionnelle;Domaine fonctionnel;Activité;Date de bascule;Montant engagé;Montant payé;"
         "Montant basculé;Reste à payer")]
    cf = "BG00/0150-CSUP-DR75;Établissements d'enseignement supérieur – Île-de-France"
    assert lignes[7] == (f"{cf};2103000002;1;1000073390;Chimie Feu Protection SA;T3;2026;#;0150-14;BG00/015014020201;"
                         f'01.01.2027;"594{FINE}000,00";"593{FINE}999,99";0,01;0,01')
    assert lignes[9].startswith(f"{cf};2103000004;1;1000031456;") and lignes[9].endswith(
        f';TF0150000001;0150-14;BG00/015014010101;01.01.2027;"2{FINE}865{FINE}400,50";"1{FINE}432{FINE}700,25";'
        f'"1{FINE}432{FINE}700,25";"1{FINE}432{FINE}700,25"')
    assert lignes[10] == (f'Résultat;;;;;;;;;;;;"22{FINE}201{FINE}960,50";"2{FINE}026{FINE}700,24";'
                          f'"20{FINE}175{FINE}260,26";"20{FINE}175{FINE}260,26"')
    assert not any(";2103000001;" in x for x in lignes)  # soldé on 31/12: stays in 2026


def test_le_montant_bascule_est_celui_des_mouvements_350(bac_campagne: Bac) -> None:
    t = tableau(bac_campagne, "EJ-BASCULES")
    basculees = bac_campagne.lire(lambda depot: {ej.numero: rp.montant_bascule(ej, 2026)
                                                 for ej in rp.ej_bascules(depot, 2026)})
    detail = [x for x in t.lignes if not str(x[0]).startswith(r.SOUS_TOTAL)]
    assert {str(x[2]): x[14] for x in detail} == basculees
    assert all(x[14] == x[15] for x in detail)  # nothing paid in 2027 yet: carried = still to pay
    assert t.lignes[-1][14] == sum(basculees.values()) == 4_421_489_359
    assert {x[11] for x in detail} == {dt.date(2027, 1, 1)}


# --- Formats, lecture par le cadre, API ---------------------------------------------------------------------
@pytest.mark.parametrize("code", ["ETAT-DES-REPORTS", "EJ-BASCULES"])
@pytest.mark.parametrize("encodage", ["cp1252", "utf-8"])
def test_le_lecteur_du_cadre_lit_les_restitutions_des_reports(bac_campagne: Bac, tmp_path: Path, code: str,
                                                             encodage: str) -> None:
    t = tableau(bac_campagne, code)
    chemin = tmp_path / f"{code}.csv"
    chemin.write_bytes(r.ecrire_csv(t, encodage))
    export = lire_export(chemin)
    detail = [x for x in t.lignes if not str(x[0]).startswith(r.SOUS_TOTAL)]
    assert export.preambule.exercice == 2026 and export.preambule.restitution == t.restitution.titre
    assert export.lignes == len(detail) and export.sous_totaux == len(t.lignes) - len(detail)
    assert export.colonnes[:2] == (t.colonnes[0].entete, f"{t.colonnes[0].entete} (2)")
    for position, col in enumerate(t.colonnes):
        if col.nature == r.MONTANT:
            assert export.types[export.colonnes[position]] == r.MONTANT
            assert export.table[export.colonnes[position]].to_pylist() == [x[position] for x in detail]


def test_l_etat_des_reports_en_xlsx(bac_campagne: Bac) -> None:
    feuille = load_workbook(io.BytesIO(r.ecrire_xlsx(tableau(bac_campagne, "ETAT-DES-REPORTS")))).active
    assert feuille.title == "ETAT-DES-REPORTS"
    entete = [c.value for c in feuille[3]]
    assert entete[:6] == ["Programme", None, "Titre", "Nature du report", None, "Taux du plafond (%)"]
    premiere = feuille[4]
    assert [c.value for c in premiere[:9]] == ["0102", "Accès et retour à l'emploi", "T3", "CP", "Crédits de paiement",
                                               "3", "#", "#", "#"]
    assert premiere[0].data_type == "s" and premiere[12].number_format == "#,##0.00"
    assert Decimal(str(premiere[12].value)) == 38_539_500


def test_les_ej_bascules_en_xlsx(bac_campagne: Bac) -> None:
    feuille = load_workbook(io.BytesIO(r.ecrire_xlsx(tableau(bac_campagne, "EJ-BASCULES")))).active
    ligne = feuille[6]  # after 2103000011 (BG00/0103-…) and its Résultat row
    assert ligne[2].value == "2103000002" and ligne[11].is_date and ligne[11].value.date() == dt.date(2027, 1, 1)
    assert Decimal(str(ligne[14].value)) == Decimal("0.01") and ligne[8].value == "#"


def test_l_api_telecharge_les_restitutions_des_reports_dans_le_perimetre(
        bac_campagne: Bac, connecter: Callable[..., TestClient]) -> None:
    with TestClient(creer_application(bac_campagne), raise_server_exceptions=False) as client:
        national = connecter(client)
        codes = [x["code"] for x in national.get("/api/restitutions").json()]
        assert codes[4:6] == ["ETAT-DES-REPORTS", "EJ-BASCULES"]
        reponse = national.get("/api/restitutions/ETAT-DES-REPORTS?exercice=2026")
        assert reponse.status_code == 200
        assert reponse.headers["content-disposition"] == 'attachment; filename="ETAT-DES-REPORTS_2026.csv"'
        assert reponse.content == r.ecrire_csv(tableau(bac_campagne, "ETAT-DES-REPORTS"))
        xlsx = national.get("/api/restitutions/EJ-BASCULES?exercice=2026&format=xlsx")
        assert load_workbook(io.BytesIO(xlsx.content)).active["C6"].value == "2103000002"
        rprog = connecter(client, "claire.fontaine")  # RPROG of 0150 only
        texte_rprog = rprog.get("/api/restitutions/ETAT-DES-REPORTS?exercice=2026").content.decode("cp1252")
        assert "\r\n0150;" in texte_rprog and "\r\n0103;" not in texte_rprog
        ej = rprog.get("/api/restitutions/EJ-BASCULES?exercice=2026").content.decode("cp1252")
        assert ";2103000002;" in ej and ";2103000005;" not in ej  # Nîmes-Garons (0161) is outside 0150
