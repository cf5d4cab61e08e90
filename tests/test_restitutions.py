"""Infocentre restitutions of the sandbox: content, CSV and XLSX quirks, API download, screen."""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from chorus_sandbox import restitutions as r
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application
from recette.donnees.lecture import lire_export

with warnings.catch_warnings():  # starlette warns that it would prefer httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

FINE, INSECABLE = "\u202f", "\u00a0"
DR75 = "BG00/0150-CSUP-DR75"
ASSOCIATION_MINI = "1000067890"  # « Association Étudiants Solidaires », SIRET 44306184100047
POSTE_MINI = {"montant": "3000.00", "domaine_fonctionnel": "0150-01-02", "activite": "BG00/015001010101"}


@pytest.fixture(scope="module")
def bac_standard() -> Iterator[Bac]:
    """The ``standard`` dataset (EJs at every stage, associations, EJs carried from 2025), read only."""
    bac = Bac(jeu="standard")
    yield bac
    bac.fermer()


@pytest.fixture(scope="module")
def client_standard(bac_standard: Bac, connecter: Callable[..., TestClient]) -> Iterator[TestClient]:
    with TestClient(creer_application(bac_standard), raise_server_exceptions=False) as client:
        yield connecter(client)


def tableau(bac: Bac, code: str) -> r.Tableau:
    ctx = bac.contexte
    return bac.lire(lambda depot: r.produire(depot, code, ctx.exercice, ctx.date_du_jour, ctx.exercice))


def jour(bac: Bac) -> str:
    return bac.contexte.date_du_jour.strftime("%d.%m.%Y")


def colonne(t: r.Tableau, entete: str, rang: int = 0) -> int:
    return [i for i, c in enumerate(t.colonnes) if c.entete == entete][rang]


def donnees(t: r.Tableau) -> list[r.Ligne]:
    """The rows without the subtotal rows."""
    return [ligne for ligne in t.lignes if not str(ligne[0]).startswith(r.SOUS_TOTAL)]


# --- INF-BUD-53: exact content ---------------------------------------------------------------------
def inf_bud_53_mini(j: str) -> str:
    """What INF-BUD-53 of ``mini`` must be, as text (the narrow NBSP of the UTF-8 file)."""
    f = FINE
    cf, fournisseur = f"{DR75};UO Île-de-France", "1000012345;Bâtiments du Centre SAS"
    imputation = "0150-01-02;BG00/015001010101"
    lignes = [
        "INF-BUD-53 : Pilotage de la gestion - Vue détaillée",
        f"Dernière MàJ des données :;{j} 05:32:09",
        "Affichage :;Montants en euros",
        "Exercice comptable;2026;Montant engagé",
        ("Centre financier;Centre financier;N° EJ;N° poste EJ;Fournisseur payé (DP);Fournisseur payé (DP);"
         "Date comptable du SF;N° SF;N° DP;Date de base de la DP;Bascule des EJ non soldés;Domaine fonctionnel;"
         "Activité;Montant engagé;Montant réceptionné;Montant certifié non soldé;Montant pré-enregistré;"
         "Montant facturé;Montant payé"),
        (f'{cf};2103000001;1;{fournisseur};{j};5000000001;100000001;{j};#;{imputation};"50{f}000,00";'
         f'"20{f}000,00";0,00;0,00;"20{f}000,00";"20{f}000,00"'),
        f'{cf};2103000002;1;{fournisseur};#;#;#;#;#;{imputation};"100{f}000,00";0,00;0,00;0,00;0,00;0,00',
        f'{cf};2103105755;1;{fournisseur};#;#;#;#;X;{imputation};"20{f}000,00";0,00;0,00;0,00;0,00;0,00',
        f'Résultat;;;;;;;;;;;;;"170{f}000,00";"20{f}000,00";0,00;0,00;"20{f}000,00";"20{f}000,00"',
        f'Résultat global;;;;;;;;;;;;;"170{f}000,00";"20{f}000,00";0,00;0,00;"20{f}000,00";"20{f}000,00"',
    ]
    return "\r\n".join(lignes) + "\r\n"


def test_inf_bud_53_du_jeu_mini_en_utf8_avec_bom(bac: Bac) -> None:
    contenu = r.ecrire_csv(tableau(bac, "INF-BUD-53"), "utf-8")
    assert contenu.startswith(b"\xef\xbb\xbf")
    assert contenu[3:].decode("utf-8") == inf_bud_53_mini(jour(bac))
    assert f'"170{FINE}000,00"'.encode() in contenu  # narrow NBSP, amount quoted


def test_inf_bud_53_du_jeu_mini_en_cp1252(bac: Bac) -> None:
    """cp1252 has no narrow NBSP: it becomes a NBSP (0xA0); accents are single cp1252 bytes."""
    contenu = r.ecrire_csv(tableau(bac, "INF-BUD-53"))
    assert contenu == inf_bud_53_mini(jour(bac)).replace(FINE, INSECABLE).encode("cp1252")
    assert contenu.startswith(b"INF-BUD-53 : Pilotage de la gestion - Vue d\xe9taill\xe9e\r\n")
    assert b"Derni\xe8re M\xe0J des donn\xe9es :;" in contenu
    assert b'R\xe9sultat global;;;;;;;;;;;;;"170\xa0000,00";' in contenu
    assert b"\xef\xbb\xbf" not in contenu and b"\xe2\x80\xaf" not in contenu


def test_inf_bud_53_repete_la_ligne_d_ej_par_demande_de_paiement(client: TestClient, bac: Bac) -> None:
    assert client.post("/api/engagements/2103000001/services-faits",
                       json={"poste": 1, "montant": "10000.00"}).status_code == 201
    assert client.post("/api/demandes-paiement", json={"engagement": "2103000001", "poste": 1,
                                                       "montant": "10000.00"}).status_code == 201
    t = tableau(bac, "INF-BUD-53")
    lignes = [x for x in t.lignes if x[2] == "2103000001"]
    assert len(lignes) == 2
    premiere, seconde = ([r.cellule_csv(v, c.nature, " ") for v, c in zip(x, t.colonnes, strict=True)]
                         for x in lignes)
    assert premiere[:4] == seconde[:4] == [DR75, "UO Île-de-France", "2103000001", "1"]
    assert seconde[6:11] == [jour(bac), "5000000002", "100000002", jour(bac), "#"]
    # engagé once (first row); the second row: SF 10 000, DP pré-enregistrée and facturée, not paid
    assert premiere[13:] == ['"50 000,00"', '"20 000,00"', '"10 000,00"', "0,00", '"20 000,00"', '"20 000,00"']
    assert seconde[13:] == ["0,00", '"10 000,00"', "0,00", '"10 000,00"', '"10 000,00"', "0,00"]
    total = next(x for x in t.lignes if x[0] == r.TOTAL_GENERAL)
    assert total[13:] == (17_000_000, 3_000_000, 1_000_000, 1_000_000, 3_000_000, 2_000_000)


def test_inf_bud_53_standard_sous_totaux_et_invariants(bac_standard: Bac) -> None:
    t = tableau(bac_standard, "INF-BUD-53")
    detail, payes, engages = donnees(t), colonne(t, "Montant payé"), colonne(t, "Montant engagé")
    centres = sorted({x[0] for x in detail})
    assert [x[0] for x in t.lignes].count(r.SOUS_TOTAL) == len(centres) and t.lignes[-1][0] == r.TOTAL_GENERAL
    for position, ligne in enumerate(t.lignes):  # each Résultat sums the group just above it
        if ligne[0] == r.SOUS_TOTAL:
            groupe = [x for x in detail if x[0] == t.lignes[position - 1][0]]
            assert ligne[payes] == sum(int(x[payes] or 0) for x in groupe)
            assert all(c == "" for c, col in zip(ligne[1:], t.colonnes[1:], strict=True) if col.nature != r.MONTANT)

    def lire(depot: Any) -> tuple[int, int, set[str]]:
        uos = depot.enveloppes(2026, "uo")
        carried = {ej.numero for ej in depot.lister(m.EngagementJuridique) if ej.exercice < 2026}
        return sum(e.cp_consommes for e in uos), sum(e.ae_engages for e in uos), carried

    cp_consommes, ae_engagees, basculees = bac_standard.lire(lire)
    assert t.lignes[-1][payes] == cp_consommes  # payments of the exercice = CP consumed
    assert sum(int(x[engages] or 0) for x in detail if x[10] is None) == ae_engagees  # AE of the exercice
    assert {x[2] for x in detail if x[10] == "X"} == basculees == {"2103098876", "2103101203", "2103104412",
                                                                   "2103105755"}


# --- Situation budgétaire ---------------------------------------------------------------------------
def test_la_situation_est_celle_de_l_ecran_pour_chaque_enveloppe(bac_standard: Bac) -> None:
    t = tableau(bac_standard, "SITUATION-BUDGETAIRE")
    niveaux = {"Programme": "programme", "BOP": "bop", "UO": "uo"}

    def attendu(depot: Any) -> tuple[dict[tuple[str, str, str], tuple[int, ...]], set[tuple[str, str, str]]]:
        lignes = {}
        for ligne in t.lignes:
            niveau = niveaux[str(ligne[0])]
            code = {"programme": ligne[1], "bop": ligne[2], "uo": ligne[3]}[niveau]
            situation = op.situation(depot, 2026, niveau, str(code))
            origine = next(x for x in situation.lignes if f"T{x.titre}" == ligne[4])
            lignes[(niveau, str(code), str(ligne[4]))] = tuple(getattr(origine, c) for c in r.CHAMPS_SITUATION)
        enveloppes = {(e.niveau, e.code, f"T{e.titre}") for n in niveaux.values() for e in depot.enveloppes(2026, n)
                      if e.ae_ouverts or e.cp_ouverts}
        return lignes, enveloppes

    situations, enveloppes = bac_standard.lire(attendu)
    lues = {(niveaux[str(x[0])], str(x[1 + ["Programme", "BOP", "UO"].index(str(x[0]))]), str(x[4])): x[5:]
            for x in t.lignes}
    assert lues == situations
    assert enveloppes <= set(lues)
    assert ("programme", "0150", "T3") in lues and ("uo", DR75, "T5") in lues


def test_situation_du_jeu_mini_en_csv(bac: Bac) -> None:
    texte = r.ecrire_csv(tableau(bac, "SITUATION-BUDGETAIRE"), "utf-8")[3:].decode()
    lignes = texte.split("\r\n")
    assert lignes[:6] == [
        "SITUATION-BUDGETAIRE : Situation budgétaire - Programme, BOP et UO",
        f"Dernière MàJ des données :;{jour(bac)} 05:32:09", "Affichage :;Montants en euros",
        "Niveaux :;Programme, BOP, UO (tous titres)", "", "Exercice comptable;2026;AE et CP"]
    assert lignes[6].startswith("Niveau;Programme;BOP;Centre financier;Titre;AE ouvertes;AE réservées;")
    n = INSECABLE
    assert lignes[7] == (f'Programme;0150;#;#;T2;"1{n}000{n}000,00";"5{n}000,00";0,00;0,00;0,00;"995{n}000,00";'
                         f'"1{n}000{n}000,00";"5{n}000,00";0,00;0,00;"995{n}000,00"')
    assert f'UO;0150;0150-CSUP;{DR75};T3;"200{n}000,00";0,00;0,00;0,00;"50{n}000,00";"150{n}000,00";' in texte
    assert lignes[-2].startswith("Programme;0217;#;#;T3;") and lignes[-1] == ""


# --- Data.Subvention ---------------------------------------------------------------------------------
def test_data_subvention_reprend_les_paiements_aux_associations(bac_standard: Bac) -> None:
    t = tableau(bac_standard, "DATA-SUBVENTION")

    def paiements(depot: Any) -> tuple[dict[str, int], dict[str, str]]:
        associations = {f.code: f.siret for f in depot.lister(m.Fournisseur) if f.categorie == "Association"}
        ejs = {ej.numero: ej.fournisseur for ej in depot.lister(m.EngagementJuridique)}
        payees = {dp.numero: dp.montant for dp in depot.lister(m.DemandePaiement)
                  if dp.statut == "Payée" and ejs[dp.engagement] in associations}
        return payees, associations

    payees, associations = bac_standard.lire(paiements)
    montant = colonne(t, "Montant payé")
    assert {str(x[7]): x[montant] for x in t.lignes} == payees
    assert sum(int(x[montant] or 0) for x in t.lignes) == sum(payees.values()) == 157_332_000
    for ligne in t.lignes:
        assert ligne[2] == associations[str(ligne[11])] and len(str(ligne[2])) == 14
        assert ligne[3:6] == (None, "Z039", "Associations") and ligne[8:11] == ("1", "ADCE", "2026")
    texte = r.ecrire_csv(t, "utf-8")[3:].decode()
    assert ("2103000007;1;01874265000031;#;Z039;Associations;BG00/010202010101;100000005;1;ADCE;2026;1000162184;"
            "Association Sport et Insertion Seine-Saint-Denis;BG00/0102-DRET-DR75;0102-02;\"795 870,00\";") in texte


def test_data_subvention_du_jeu_mini_apres_un_paiement(client: TestClient, bac: Bac) -> None:
    vide = r.texte_csv(tableau(bac, "DATA-SUBVENTION")).split("\r\n")
    assert vide[:3] == ["DATA-SUBVENTION : Data.Subvention - Paiements aux associations",
                        f"Dernière MàJ des données :;{jour(bac)} 05:32:09", "Exercice comptable;2026;Montant payé"]
    assert vide[3].startswith("N° EJ;N° poste EJ;Code taxe 1;No TVA 3;Branche code;Branche;") and vide[4:] == [""]
    ej = client.post("/api/engagements", json={"uo": DR75, "titre": "3", "fournisseur": ASSOCIATION_MINI,
                                               "objet": "Subvention", "postes": [POSTE_MINI]}).json()["numero"]
    client.post(f"/api/engagements/{ej}/services-faits", json={"poste": 1, "montant": "1500.00"})
    dp = client.post("/api/demandes-paiement", json={"engagement": ej, "poste": 1, "montant": "1500.00"}).json()
    assert client.post(f"/api/demandes-paiement/{dp['numero']}/paiement").status_code == 200
    lignes = r.texte_csv(tableau(bac, "DATA-SUBVENTION")).split("\r\n")
    attendue = (f"{ej};1;44306184100047;#;Z039;Associations;BG00/015001010101;{dp['numero']};1;ADCE;2026;"
                f'{ASSOCIATION_MINI};Association Étudiants Solidaires;{DR75};0150-01-02;"1 500,00";{jour(bac)}')
    assert lignes[4:] == [attendue, ""]


# --- CSV quirks -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("centimes", "milliers", "attendu"), [
    (-123456789, " ", '"-1 234 567,89"'),
    (-5, FINE, "-0,05"),
    (99999, INSECABLE, "999,99"),
    (123456, INSECABLE, f'"1{INSECABLE}234,56"'),
    (0, FINE, "0,00"),
])
def test_montants_csv(centimes: int, milliers: str, attendu: str) -> None:
    assert r.montant_csv(centimes, milliers) == attendu


def test_une_cellule_avec_separateur_ou_guillemet_est_protegee() -> None:
    assert r.cellule_csv('Lot 1; "clos"', r.TEXTE, " ") == '"Lot 1; ""clos"""'
    assert r.cellule_csv(None, r.MONTANT, " ") == "#"
    assert r.cellule_csv(dt.date(2025, 12, 31), r.DATE, " ") == "31.12.2025"


def test_les_trois_separateurs_de_milliers_sont_presents(bac_standard: Bac) -> None:
    fichiers = {code: r.ecrire_csv(tableau(bac_standard, code), "utf-8").decode("utf-8-sig")
                for code in r.RESTITUTIONS}
    assert re.search(r'"\d{1,3}(\u202f\d{3})+,\d\d"', fichiers["INF-BUD-53"])
    assert re.search(r'"\d{1,3}(\u00a0\d{3})+,\d\d"', fichiers["SITUATION-BUDGETAIRE"])
    assert re.search(r'"\d{1,3}( \d{3})+,\d\d"', fichiers["DATA-SUBVENTION"])


@pytest.mark.parametrize("encodage", ["cp1252", "utf-8"])
@pytest.mark.parametrize("code", list(r.RESTITUTIONS))
def test_le_lecteur_du_cadre_lit_chaque_restitution(bac_standard: Bac, tmp_path: Path, code: str,
                                                    encodage: str) -> None:
    t = tableau(bac_standard, code)
    chemin = tmp_path / f"{code}.csv"
    chemin.write_bytes(r.ecrire_csv(t, encodage))
    export = lire_export(chemin)
    assert export.encodage == ("cp1252" if encodage == "cp1252" else "utf-8-sig")
    assert export.preambule.exercice == 2026 and export.preambule.restitution == t.restitution.titre
    assert export.preambule.date_donnees == dt.datetime.combine(bac_standard.contexte.date_du_jour,
                                                                dt.time(5, 32, 9))
    assert export.lignes == len(donnees(t)) and export.sous_totaux == len(t.lignes) - len(donnees(t))
    for position, col in enumerate(t.colonnes):
        nom = export.colonnes[position]
        # an empty table has no types to infer; ETPT (four decimals) are no amount for the reader: text
        attendu = r.TEXTE if col.nature == r.ETPT else col.nature
        assert export.types[nom] == attendu or not donnees(t), nom
        if col.nature == r.MONTANT:
            assert export.table[nom].to_pylist() == [x[position] for x in donnees(t)]
    if code == "INF-BUD-53":
        assert export.colonnes[:2] == ("Centre financier", "Centre financier (2)")


# --- XLSX ---------------------------------------------------------------------------------------------
def feuille(contenu: bytes) -> Any:
    return load_workbook(io.BytesIO(contenu)).active


def test_inf_bud_53_en_xlsx(bac_standard: Bac) -> None:
    t = tableau(bac_standard, "INF-BUD-53")
    f = feuille(r.ecrire_xlsx(t))
    assert f.title == "INF-BUD-53"
    assert [c.value for c in f[1] if c.value] == ["INF-BUD-53 : Pilotage de la gestion - Vue détaillée"]
    assert [c.value for c in f[2] if c.value] == ["Exercice comptable", "2026"]
    entete = [c.value for c in f[3]]
    assert entete[:7] == ["Centre financier", None, "N° EJ", "N° poste EJ", "Fournisseur payé (DP)", None,
                          "Date comptable du SF"]
    assert entete[13:] == [c.entete for c in t.colonnes[13:]]
    premiere = f[4]
    assert premiere[0].value == "BG00/0102-DRET-DR69" and premiere[0].data_type == "s"
    assert premiere[6].is_date and premiere[6].number_format == "dd/mm/yyyy"
    assert premiere[6].value.date() == bac_standard.contexte.date_du_jour
    assert premiere[13].data_type == "n" and premiere[13].number_format == "#,##0.00"
    assert Decimal(str(premiere[13].value)) == Decimal("684200.00")
    assert premiere[10].value == "#"  # not carried
    derniere = f[f.max_row]
    assert derniere[0].value == "Résultat global" and derniere[1].value is None
    assert Decimal(str(derniere[18].value)).quantize(Decimal("0.01")) == Decimal("8309780.25")


def test_codes_a_zeros_de_tete_en_texte_dans_le_xlsx(bac_standard: Bac) -> None:
    situation = feuille(r.ecrire_xlsx(tableau(bac_standard, "SITUATION-BUDGETAIRE")))
    assert [c.value for c in situation[4]][:5] == ["Programme", "0102", "#", "#", "T3"]
    assert situation.cell(4, 2).data_type == "s"
    subvention = feuille(r.ecrire_xlsx(tableau(bac_standard, "DATA-SUBVENTION")))
    assert [c.value for c in subvention[3]] == [c.entete for c in r.COLONNES_DATA_SUBVENTION]
    ligne = subvention[4]
    assert ligne[2].value == "01874265000031" and ligne[2].data_type == "s"
    assert ligne[3].value == "#" and ligne[15].number_format == "#,##0.00" and ligne[16].is_date


# --- API --------------------------------------------------------------------------------------------
def test_l_api_liste_les_restitutions(client: TestClient) -> None:
    reponse = client.get("/api/restitutions")
    assert reponse.status_code == 200
    assert [x["code"] for x in reponse.json()] == ["INF-BUD-53", "SITUATION-BUDGETAIRE", "DATA-SUBVENTION",
                                                  "AUDIT-HABILITATIONS", "ETAT-DES-REPORTS", "EJ-BASCULES",
                                                  "SUIVI-MARCHES", "T2-CATEGORIE", "SUIVI-EMPLOIS"]
    assert reponse.json()[0]["formats"] == ["csv", "xlsx"] and reponse.json()[0]["encodages"] == ["cp1252", "utf-8"]


@pytest.mark.parametrize(("parametres", "type_media", "nom"), [
    ("", "text/csv; charset=windows-1252", "INF-BUD-53_2026.csv"),
    ("?exercice=2026&format=csv&encodage=utf-8", "text/csv; charset=utf-8", "INF-BUD-53_2026.csv"),
    ("?format=xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "INF-BUD-53_2026.xlsx"),
])
def test_telecharger_par_l_api(client: TestClient, bac: Bac, parametres: str, type_media: str, nom: str) -> None:
    reponse = client.get(f"/api/restitutions/INF-BUD-53{parametres}")
    assert reponse.status_code == 200
    assert reponse.headers["content-type"] == type_media
    assert reponse.headers["content-disposition"] == f'attachment; filename="{nom}"'
    if "windows-1252" in type_media:
        assert reponse.content == inf_bud_53_mini(jour(bac)).replace(FINE, INSECABLE).encode("cp1252")
    elif "utf-8" in type_media:
        assert reponse.content == inf_bud_53_mini(jour(bac)).encode("utf-8-sig")
    else:
        assert feuille(reponse.content)["A3"].value == "Centre financier"


@pytest.mark.parametrize(("url", "statut", "erreur", "message"), [
    ("/api/restitutions/INF-BUD-99", 404, "ObjetInconnu",
     ("Restitution inconnue : INF-BUD-99 (restitutions disponibles : INF-BUD-53, SITUATION-BUDGETAIRE, "
      "DATA-SUBVENTION, AUDIT-HABILITATIONS, ETAT-DES-REPORTS, EJ-BASCULES, SUIVI-MARCHES, T2-CATEGORIE, SUIVI-EMPLOIS)")),
    ("/api/restitutions/INF-BUD-53?format=pdf", 422, "DonneeInvalide",
     "Format : « pdf » inconnu (formats disponibles : csv, xlsx)"),
    ("/api/restitutions/INF-BUD-53?encodage=latin-1", 422, "DonneeInvalide",
     "Encodage : « latin-1 » inconnu (encodages disponibles : cp1252, utf-8)"),
    ("/api/restitutions/INF-BUD-53?exercice=26", 422, "DonneeInvalide", "Exercice : « 26 » n'est pas une année (ex. 2026)"),
    ("/api/restitutions/DATA-SUBVENTION?exercice=2031", 404, "ObjetInconnu",
     "Aucune donnée pour l'exercice 2031 (exercices disponibles : 2026)"),
])
def test_les_erreurs_de_l_api_sont_francaises(client: TestClient, url: str, statut: int, erreur: str,
                                              message: str) -> None:
    reponse = client.get(url)
    assert reponse.status_code == statut
    assert reponse.json() == {"erreur": erreur, "message": message}


def test_l_openapi_documente_les_routes_de_restitution(client: TestClient) -> None:
    chemins = client.get("/openapi.json").json()["paths"]
    assert chemins["/api/restitutions"]["get"]["summary"] == "Restitutions disponibles (codes, libellés, formats)"
    operation = chemins["/api/restitutions/{code}"]["get"]
    assert operation["summary"].startswith("Télécharger une restitution")
    assert {p["name"] for p in operation["parameters"]} == {"code", "exercice", "format", "encodage"}


def test_le_standard_se_telecharge_en_xlsx_et_en_csv(client_standard: TestClient) -> None:
    for code in r.RESTITUTIONS:
        csv = client_standard.get(f"/api/restitutions/{code}?exercice=2026")
        xlsx = client_standard.get(f"/api/restitutions/{code}?format=xlsx")
        assert csv.status_code == xlsx.status_code == 200
        assert csv.content.decode("cp1252").startswith(f"{code} : ")
        assert feuille(xlsx.content)["A1"].value.startswith(f"{code} : ")


# --- Screen ---------------------------------------------------------------------------------------------
def test_l_ecran_des_restitutions(client: TestClient) -> None:
    page = client.get("/restitutions")
    assert page.status_code == 200
    assert "<h1>Restitutions</h1>" in page.text and "<title>Restitutions · Chorus" in page.text
    for identifiant, libelle in (("res-code", "Restitution"), ("res-exercice", "Exercice"),
                                 ("res-format", "Format"), ("res-encodage", "Encodage")):
        assert f'<label for="{identifiant}">{libelle}</label>' in page.text
        assert f'id="{identifiant}"' in page.text
    assert 'action="/restitutions/telecharger"' in page.text and ">Télécharger</button>" in page.text
    assert '<option value="xlsx"' in page.text and '<option value="utf-8"' in page.text
    assert re.search(r'<a href="/restitutions" aria-current="page">Restitutions</a>', page.text)
    assert '<a href="/restitutions">Restitutions</a>' in client.get("/").text


def test_le_formulaire_telecharge_le_fichier(client: TestClient, bac: Bac) -> None:
    reponse = client.get("/restitutions/telecharger", params={"code": "INF-BUD-53", "exercice": "2026",
                                                               "format": "csv", "encodage": "cp1252"})
    assert reponse.status_code == 200
    assert reponse.headers["content-disposition"] == 'attachment; filename="INF-BUD-53_2026.csv"'
    assert reponse.content == inf_bud_53_mini(jour(bac)).replace(FINE, INSECABLE).encode("cp1252")
    xlsx = client.get("/restitutions/telecharger", params={"code": "SITUATION-BUDGETAIRE", "exercice": "",
                                                          "format": "xlsx", "encodage": "utf-8"})
    assert xlsx.headers["content-disposition"] == 'attachment; filename="SITUATION-BUDGETAIRE_2026.xlsx"'


def test_le_formulaire_refuse_un_exercice_invalide_en_gardant_la_saisie(client: TestClient) -> None:
    reponse = client.get("/restitutions/telecharger", params={"code": "DATA-SUBVENTION", "exercice": "deux mille",
                                                               "format": "xlsx", "encodage": "utf-8"})
    assert reponse.status_code == 422
    assert "Exercice : « deux mille » n&#39;est pas une année (ex. 2026)" in reponse.text
    assert 'role="alert"' in reponse.text and 'value="deux mille"' in reponse.text
    assert '<option value="DATA-SUBVENTION" selected>' in reponse.text
    assert '<option value="xlsx" selected>' in reponse.text


# --- Catalogued export defects: each changes exactly what it names ---------------------------------------
def test_sans_defaut_l_export_est_inchange(bac_standard: Bac) -> None:
    t = tableau(bac_standard, "SITUATION-BUDGETAIRE")
    assert r.degrader(t, frozenset()) == t


def test_defaut_zeros_non_significatifs(bac_standard: Bac) -> None:
    t = tableau(bac_standard, "SITUATION-BUDGETAIRE")
    programme = colonne(t, "Programme")
    degrade = r.degrader(t, frozenset({"restitution-zeros-non-significatifs"}))
    assert {x[programme] for x in t.lignes} >= {"0150", "0102"}
    assert {x[programme] for x in degrade.lignes} >= {"150", "102"}
    assert not any(str(x[programme]).startswith("0") for x in degrade.lignes)
    montants = [i for i, c in enumerate(t.colonnes) if c.nature == r.MONTANT]
    assert [[x[i] for i in montants] for x in degrade.lignes] == [[x[i] for i in montants] for x in t.lignes]


def test_defaut_arrondi_a_l_euro(bac_standard: Bac) -> None:
    t = tableau(bac_standard, "SITUATION-BUDGETAIRE")
    degrade = r.degrader(t, frozenset({"restitution-arrondie-a-l-euro"}))
    montants = [i for i, c in enumerate(t.colonnes) if c.nature == r.MONTANT]
    avant = [x[i] for x in t.lignes for i in montants]
    apres = [x[i] for x in degrade.lignes for i in montants]
    assert any(v % 100 for v in avant)  # the dataset has cents (e.g. 9 487 350,50 €)
    assert all(v % 100 == 0 for v in apres)
    assert all(abs(a - b) <= 50 for a, b in zip(avant, apres, strict=True))


def test_defaut_data_subvention_sans_siret(bac_standard: Bac) -> None:
    t = tableau(bac_standard, "DATA-SUBVENTION")
    siret = colonne(t, "Code taxe 1")
    degrade = r.degrader(t, frozenset({"data-subvention-sans-siret"}))
    assert all(x[siret] for x in t.lignes) and t.lignes
    assert all(x[siret] is None for x in degrade.lignes)
    autre = tableau(bac_standard, "INF-BUD-53")
    assert r.degrader(autre, frozenset({"data-subvention-sans-siret"})) == autre


def test_defaut_point_decimal_dans_le_csv(bac_standard: Bac) -> None:
    t = tableau(bac_standard, "SITUATION-BUDGETAIRE")
    normal = r.texte_csv(t)
    degrade = r.texte_csv(r.degrader(t, frozenset({"csv-point-decimal"})))
    assert re.search(r";\d+,\d\d(;|\r)", normal) and not re.search(r";\d+\.\d\d(;|\r)", normal)
    assert re.search(r";\d+\.\d\d(;|\r)", degrade) and not re.search(r";\d+,\d\d(;|\r)", degrade)


def test_un_defaut_d_export_active_change_le_telechargement(dossier_donnees: Path,
                                                            connecter: Callable[..., TestClient]) -> None:
    bac = Bac(jeu="mini", fixtures=dossier_donnees, defauts=frozenset({"csv-point-decimal"}))
    try:
        with TestClient(creer_application(bac), raise_server_exceptions=False) as client:
            contenu = connecter(client).get("/api/restitutions/SITUATION-BUDGETAIRE?encodage=utf-8").content
    finally:
        bac.fermer()
    assert re.search(rb";\d+\.\d\d(;|\r)", contenu) and not re.search(rb";\d+,\d\d(;|\r)", contenu)
