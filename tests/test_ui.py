"""Screens of the sandbox (server-rendered HTML): every screen, every form, success and refusal."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from chorus_sandbox.domaine.montants import format_montant
from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application

DONNEES = Path(__file__).parent / "donnees"
UO = "BG00/0150-CSUP-DR75"
EJ_MAINTENANCE = "2103000001"  # 50 000,00 € on UO DR75 titre 3, SF 20 000,00 €, DP 100000001 paid
EJ_CAMPUS = "2103000002"  # 100 000,00 € on TF0150000001 (titre 5)
NOUVEL_EJ = "2103000003"
TF_CAMPUS = "TF0150000001"


def euros(montant: int) -> str:
    """Expected display of a whole number of euros: ``150 000,00 €`` with non-breaking spaces."""
    return format_montant(montant * 100)


# --- A small HTML reader: tables, labels, fields, roles ----------------------------------------
@dataclass
class Tableau:
    """A table as read: its accessible name, its header row, its other rows (cell texts)."""

    nom: str
    entetes: list[str] = field(default_factory=list)
    lignes: list[list[str]] = field(default_factory=list)


class Lecteur(HTMLParser):
    """Collect what the tests look at: tables (name, headers, rows), labels, fields, roles."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Tableau] = []
        self.labels: dict[str, str] = {}
        self.champs: list[dict[str, str]] = []
        self.en_tetes: list[dict[str, str]] = []
        self.textes_role: dict[str, list[str]] = {}
        self._pile: list[tuple[str, str | None]] = []
        self._texte: list[str] | None = None
        self._label_pour: str | None = None
        self._table: Tableau | None = None
        self._ligne: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self._pile.append((tag, a.get("role")))
        if a.get("role"):
            self.textes_role.setdefault(a["role"], []).append("")
        if tag == "table":
            self._table = Tableau(a.get("aria-label", ""))
            self.tables.append(self._table)
        elif tag in ("input", "select", "textarea"):
            self.champs.append(a)
        elif tag == "label":
            self._label_pour, self._texte = a.get("for", ""), []
        elif tag == "tr":
            self._ligne = []
        elif tag in ("td", "th", "caption"):
            self._texte = []
            if tag == "th":
                self.en_tetes.append(a)

    def handle_endtag(self, tag: str) -> None:
        while self._pile and self._pile.pop()[0] != tag:
            pass
        if tag == "label" and self._texte is not None:
            self.labels[self._label_pour or ""] = _normaliser(self._texte)
        elif tag in ("td", "th") and self._ligne is not None and self._texte is not None:
            self._ligne.append(_normaliser(self._texte))
        elif tag == "caption" and self._table is not None and self._texte is not None:
            self._table.nom = self._table.nom or _normaliser(self._texte)
        elif tag == "tr" and self._table is not None and self._ligne is not None:
            if self._table.entetes:
                self._table.lignes.append(self._ligne)
            else:
                self._table.entetes = self._ligne
            self._ligne = None
        elif tag == "table":
            self._table = None
        if tag in ("td", "th", "caption", "label"):
            self._texte = None

    def handle_data(self, data: str) -> None:
        if self._texte is not None:
            self._texte.append(data)
        for _tag, role in self._pile:
            if role:
                self.textes_role[role][-1] += data


def _normaliser(morceaux: list[str]) -> str:
    return re.sub(r"[ \t\n\r]+", " ", "".join(morceaux)).strip()


def lire(reponse: Response) -> Lecteur:
    lecteur = Lecteur()
    lecteur.feed(reponse.text)
    return lecteur


def texte_role(reponse: Response, role: str) -> str:
    textes = lire(reponse).textes_role.get(role, [])
    assert len(textes) == 1, f"un seul élément role={role} attendu, trouvé {len(textes)}"
    return re.sub(r"[ \t\n\r]+", " ", textes[0]).strip()


def h1(reponse: Response) -> str:
    trouve = re.search(r"<h1>(.*?)</h1>", reponse.text, re.DOTALL)
    assert trouve, "pas de <h1>"
    return trouve.group(1).strip()


def table(reponse: Response, nom: str) -> Tableau:
    tables = [t for t in lire(reponse).tables if t.nom == nom]
    assert len(tables) == 1, f"tableau « {nom} » introuvable"
    return tables[0]


def cellule(reponse: Response, nom: str, premiere_colonne: str, colonne: str) -> str:
    tab = table(reponse, nom)
    ligne = next(lg for lg in tab.lignes if lg[0] == premiere_colonne)
    return ligne[tab.entetes.index(colonne)]


def valeur_champ(reponse: Response, identifiant: str) -> str:
    champ = next(c for c in lire(reponse).champs if c.get("id") == identifiant)
    return champ.get("value", "")


def option_choisie(reponse: Response, identifiant: str) -> str:
    bloc = re.search(rf'<select id="{identifiant}".*?</select>', reponse.text, re.DOTALL)
    assert bloc
    choisie = re.search(r'<option value="([^"]*)" selected>', bloc.group(0))
    return choisie.group(1) if choisie else ""


def poster(client: TestClient, url: str, **champs: Any) -> Response:
    """Post a form (token-authenticated client: no CSRF field) without following the redirect."""
    return client.post(url, data=champs, follow_redirects=False)


def refuse_sans_effet(client: TestClient, etat: Callable[[TestClient], object], url: str, statut: int,
                      message: str, **champs: Any) -> Response:
    """Post a form that must be refused with ``message``: ``etat(client)`` (what the refusal must
    leave unchanged) is the same after, and the screen is re-rendered with the message."""
    avant = etat(client)
    reponse = poster(client, url, **champs)
    assert reponse.status_code == statut, reponse.text[:500]
    assert texte_role(reponse, "alert") == message
    assert etat(client) == avant
    return reponse


def notice(reponse: Response) -> str:
    return parse_qs(urlsplit(reponse.headers["location"]).query)["notice"][0]


# --- Fixtures ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bac() -> Iterator[Bac]:
    bac = Bac(jeu="mini", fixtures=DONNEES)
    yield bac
    bac.fermer()


@pytest.fixture
def client(bac: Bac, connecter: Callable[..., TestClient]) -> TestClient:
    """A client on the mini dataset, reset before each test (snapshot restore), logged in (token)."""
    bac.reinitialiser()
    return connecter(TestClient(creer_application(bac)))


def engager(client: TestClient, montant_poste_1: str, **autres: object) -> Response:
    formulaire = {"uo": UO, "titre": "3", "fournisseur": "1000012345", "tranche": "", "objet": "Fournitures",
                  "montant": [montant_poste_1, "", ""], "domaine_fonctionnel": ["0150-01-02", "", ""],
                  "activite": ["BG00/015001010101", "", ""], **autres}
    return client.post("/engagements/nouveau", data=formulaire, follow_redirects=False)


# --- Every screen ----------------------------------------------------------------------------------------
ECRANS = [
    ("/", "Accueil"),
    ("/referentiel", "Référentiel"),
    ("/lois-de-finances", "Lois de finances"),
    ("/mises-a-disposition", "Mises à disposition"),
    ("/tranches-fonctionnelles", "Tranches fonctionnelles"),
    (f"/tranches-fonctionnelles/{TF_CAMPUS}", f"Tranche fonctionnelle {TF_CAMPUS}"),
    ("/engagements", "Engagements juridiques"),
    ("/engagements/nouveau", "Nouvel engagement juridique"),
    (f"/engagements/{EJ_MAINTENANCE}", f"Engagement juridique {EJ_MAINTENANCE}"),
    ("/engagements/2103105755", "Engagement juridique 2103105755"),
    ("/demandes-paiement", "Demandes de paiement"),
    ("/situation", "Situation budgétaire"),
    (f"/situation?niveau=uo&code={UO}", "Situation budgétaire"),
    ("/situation?niveau=programme&code=0150", "Situation budgétaire"),
    ("/historique", "Historique"),
]


@pytest.mark.parametrize(("url", "titre"), ECRANS)
def test_chaque_ecran_repond_avec_son_titre(client: TestClient, url: str, titre: str) -> None:
    reponse = client.get(url)
    assert reponse.status_code == 200
    assert h1(reponse) == titre
    assert f"<title>{titre} · Chorus" in reponse.text


@pytest.mark.parametrize(("url", "_titre"), ECRANS)
def test_chaque_champ_a_son_label_et_chaque_entete_sa_portee(client: TestClient, url: str, _titre: str) -> None:
    lecteur = lire(client.get(url))
    for champ in lecteur.champs:
        if champ.get("type") != "hidden":
            assert champ.get("id") in lecteur.labels, f"champ sans <label for> : {champ}"
    for entete in lecteur.en_tetes:
        assert entete.get("scope") == "col", f"<th> sans scope=col : {entete}"


def test_le_menu_mene_a_chaque_ecran(client: TestClient) -> None:
    menu = re.search(r'<nav aria-label="Menu principal".*?</nav>', client.get("/").text, re.DOTALL)
    assert menu
    for libelle in ("Référentiel", "Lois de finances", "Mises à disposition", "Tranches fonctionnelles",
                    "Engagements juridiques", "Demandes de paiement", "Situation budgétaire", "Historique"):
        assert f">{libelle}</a>" in menu.group(0)


def test_une_page_inconnue_est_une_erreur_francaise(client: TestClient) -> None:
    reponse = client.get("/engagements/9999999999")
    assert reponse.status_code == 404
    assert "Engagement juridique inconnu(e) : 9999999999" in texte_role(reponse, "alert")


def test_le_referentiel_liste_programmes_bop_uo_et_fournisseurs(client: TestClient) -> None:
    reponse = client.get("/referentiel")
    uos = [lg[3] for lg in table(reponse, "BOP et unités opérationnelles").lignes]
    assert uos == ["BG00/0150-CSUP-DR69", UO, "BG00/0217-SGAC-ASPR"]
    assert cellule(reponse, "Fournisseurs", "1000012345", "Raison sociale") == "Bâtiments du Centre SAS"
    assert "Formations supérieures et recherche universitaire" in reponse.text


# --- Engagements juridiques ------------------------------------------------------------------------------
def test_creer_un_ej_redirige_vers_sa_page(client: TestClient) -> None:
    reponse = engager(client, "1 234,56")
    assert reponse.status_code == 303
    assert reponse.headers["location"].startswith(f"/engagements/{NOUVEL_EJ}?notice=")
    assert notice(reponse).startswith(f"Engagement juridique {NOUVEL_EJ} créé")
    page = client.get(reponse.headers["location"])
    assert h1(page) == f"Engagement juridique {NOUVEL_EJ}"
    assert f"Engagement juridique {NOUVEL_EJ} créé : {format_montant(123456)}" in texte_role(page, "status")
    assert re.search(r'data-testid="ej-Statut">Engagé<', page.text)
    assert f'data-testid="ej-Montant" class="montant">{format_montant(123456)}<' in page.text
    assert cellule(page, f"Mouvements de l'engagement {NOUVEL_EJ}", "100", "Libellé") == "Engagement initial"
    assert NOUVEL_EJ in client.get("/engagements").text


def test_un_ej_a_plusieurs_postes_ignore_les_lignes_vides(client: TestClient) -> None:
    reponse = engager(client, "1000", montant=["1000", "", "2 000,00 €"],
                      domaine_fonctionnel=["0150-01-02", "", "0150-01-02"],
                      activite=["BG00/015001010101", "", "BG00/015001010101"])
    assert reponse.status_code == 303
    page = client.get(reponse.headers["location"])
    postes = table(page, f"Postes de l'engagement {NOUVEL_EJ}").lignes
    assert [p[0] for p in postes] == ["1", "2"]
    assert f'data-testid="ej-Montant" class="montant">{euros(3000)}<' in page.text


def test_un_ej_au_dela_des_ae_est_refuse_et_garde_la_saisie(client: TestClient) -> None:
    reponse = engager(client, "200 000,00", objet="Marché trop gros")
    assert reponse.status_code == 409
    alerte = texte_role(reponse, "alert")
    assert "Crédits insuffisants" in alerte
    assert f"{euros(200_000)} demandés, {euros(150_000)} disponibles en AE sur l'UO {UO}" in alerte
    assert h1(reponse) == "Nouvel engagement juridique"
    assert valeur_champ(reponse, "ej-uo") == UO
    assert valeur_champ(reponse, "ej-objet") == "Marché trop gros"
    assert valeur_champ(reponse, "ej-poste1-montant") == "200 000,00"
    assert valeur_champ(reponse, "ej-poste1-domaine") == "0150-01-02"
    assert option_choisie(reponse, "ej-titre") == "3"
    assert option_choisie(reponse, "ej-fournisseur") == "1000012345"
    assert NOUVEL_EJ not in client.get("/engagements").text


def test_un_ej_sans_poste_ni_fournisseur_est_refuse_en_francais(client: TestClient) -> None:
    reponse = engager(client, "", montant=["", "", ""], domaine_fonctionnel=["", "", ""],
                      activite=["", "", ""], fournisseur="")
    assert reponse.status_code == 422
    assert texte_role(reponse, "alert") == "Fournisseur : champ obligatoire"


def test_un_montant_a_trois_decimales_donne_une_erreur_francaise(client: TestClient) -> None:
    reponse = client.post(f"/engagements/{EJ_MAINTENANCE}/augmentation", data={"poste": "1", "montant": "12,345"})
    assert reponse.status_code == 422
    assert "Montant" in texte_role(reponse, "alert")
    assert "plus de deux décimales" in texte_role(reponse, "alert")
    assert valeur_champ(reponse, "aug-montant") == "12,345"
    assert valeur_champ(reponse, "red-montant") == ""


@pytest.mark.parametrize("saisie", ["1e100000", "1_000", "\u0663", "douze"])
def test_un_montant_qui_n_est_pas_ecrit_en_chiffres_est_refuse(client: TestClient, saisie: str) -> None:
    reponse = client.post(f"/engagements/{EJ_MAINTENANCE}/augmentation", data={"poste": "1", "montant": saisie})
    assert reponse.status_code == 422
    assert texte_role(reponse, "alert") == f"Montant : « {saisie} » n'est pas un montant"


def test_augmenter_puis_reduire_un_ej(client: TestClient) -> None:
    reponse = client.post(f"/engagements/{EJ_MAINTENANCE}/augmentation", data={"poste": "1", "montant": "10 000"},
                          follow_redirects=False)
    assert reponse.status_code == 303
    assert notice(reponse) == (f"Engagement juridique {EJ_MAINTENANCE} augmenté de {euros(10_000)} (poste 1) : "
                               f"montant {euros(60_000)}")
    reponse = client.post(f"/engagements/{EJ_MAINTENANCE}/reduction", data={"poste": "1", "montant": "5000.00"})
    assert reponse.status_code == 200
    types = [lg[0] for lg in table(reponse, f"Mouvements de l'engagement {EJ_MAINTENANCE}").lignes]
    assert types == ["100", "150", "200"]
    assert f'data-testid="ej-Montant" class="montant">{euros(55_000)}<' in reponse.text


def test_reduire_sous_le_service_fait_est_refuse(client: TestClient) -> None:
    reponse = client.post(f"/engagements/{EJ_MAINTENANCE}/reduction", data={"poste": "1", "montant": "40 000"})
    assert reponse.status_code == 409
    assert texte_role(reponse, "alert").startswith("Réduction impossible")
    assert valeur_champ(reponse, "red-montant") == "40 000"


def test_retirer_un_ej_le_ramene_au_service_fait(client: TestClient) -> None:
    reponse = client.post(f"/engagements/{EJ_MAINTENANCE}/retrait")
    assert reponse.status_code == 200
    assert f"montant ramené à {euros(20_000)}" in texte_role(reponse, "status")
    assert re.search(r'data-testid="ej-Statut">Soldé<', reponse.text)


def test_un_poste_inconnu_est_refuse(client: TestClient) -> None:
    reponse = client.post(f"/engagements/{EJ_MAINTENANCE}/service-fait", data={"poste": "deux", "montant": "1"})
    assert reponse.status_code == 422
    assert texte_role(reponse, "alert") == "Poste : « deux » n'est pas un numéro de poste (ex. 1)"


# --- Service fait, demande de paiement, paiement ----------------------------------------------------------
def test_service_fait_demande_puis_paiement_par_son_bouton(client: TestClient) -> None:
    sf = client.post(f"/engagements/{EJ_MAINTENANCE}/service-fait", data={"poste": "1", "montant": "10 000,00"},
                     follow_redirects=False)
    assert sf.status_code == 303 and "Service fait" in notice(sf)
    dp = client.post(f"/engagements/{EJ_MAINTENANCE}/demande-paiement", data={"poste": "1", "montant": "10000"},
                     follow_redirects=False)
    assert notice(dp) == (f"Demande de paiement 100000002 créée sur l'engagement juridique {EJ_MAINTENANCE}, "
                          f"poste 1 : {euros(10_000)}")
    liste = client.get("/demandes-paiement")
    assert "Payer<span class=\"visuellement-cache\"> la DP 100000002</span>" in liste.text
    assert "la DP 100000001<" not in liste.text  # already paid: no button
    action = re.search(r'<form method="post" action="([^"]+)"[^>]*>\s*<button[^>]*>Payer<span[^>]*> la DP 100000002',
                       liste.text)
    assert action
    payee = client.post(action.group(1))
    assert payee.status_code == 200
    assert f"Demande de paiement 100000002 payée : {euros(10_000)}" in texte_role(payee, "status")
    assert cellule(payee, "Demandes de paiement", "100000002", "Statut") == "Payée"
    situation = client.get(f"/situation?niveau=uo&code={UO}")
    assert cellule(situation, "Situation budgétaire", "T3", "CP consommés") == euros(30_000)


def test_payer_deux_fois_est_refuse(client: TestClient) -> None:
    reponse = client.post("/demandes-paiement/100000001/paiement")
    assert reponse.status_code == 409
    assert texte_role(reponse, "alert") == "La demande de paiement 100000001 est déjà payée"
    assert h1(reponse) == "Demandes de paiement"


def test_une_dp_au_dela_du_service_fait_est_refusee(client: TestClient) -> None:
    reponse = client.post(f"/engagements/{EJ_MAINTENANCE}/demande-paiement", data={"poste": "1", "montant": "1"})
    assert reponse.status_code == 409
    assert texte_role(reponse, "alert").startswith("Demande de paiement impossible")
    assert valeur_champ(reponse, "dp-montant") == "1"


# --- Situation budgétaire --------------------------------------------------------------------------------
def test_situation_de_l_uo_en_titre_3(client: TestClient) -> None:
    reponse = client.get(f"/situation?niveau=uo&code={UO}")
    tab = table(reponse, "Situation budgétaire")
    assert tab.entetes == [
        "Titre", "AE ouvertes", "AE réservées", "AE mises à disposition", "AE affectées", "AE engagées",
        "AE disponibles", "CP ouverts", "CP réservés", "CP mis à disposition", "CP consommés", "CP disponibles"]
    assert [lg[0] for lg in tab.lignes] == ["T3", "T5", "Total"]
    assert cellule(reponse, "Situation budgétaire", "T3", "AE ouvertes") == euros(200_000)
    assert cellule(reponse, "Situation budgétaire", "T3", "AE engagées") == euros(50_000)
    assert cellule(reponse, "Situation budgétaire", "T3", "AE disponibles") == euros(150_000)
    assert cellule(reponse, "Situation budgétaire", "T3", "CP consommés") == euros(20_000)
    assert f'<td class="montant ae">{euros(150_000)}</td>' in reponse.text
    assert "\u00a0" in euros(150_000)


def test_situation_du_programme_avec_la_reserve(client: TestClient) -> None:
    reponse = client.get("/situation?niveau=programme&code=0150&exercice=2026")
    assert cellule(reponse, "Situation budgétaire", "T3", "AE ouvertes") == euros(1_000_000)
    assert cellule(reponse, "Situation budgétaire", "T3", "AE réservées") == euros(50_000)
    assert cellule(reponse, "Situation budgétaire", "T2", "AE réservées") == euros(5_000)


def test_situation_d_un_code_inconnu_ou_d_un_exercice_invalide(client: TestClient) -> None:
    inconnu = client.get("/situation?niveau=uo&code=BG00/0150-CSUP-XXXX")
    assert inconnu.status_code == 404
    assert "BG00/0150-CSUP-XXXX" in texte_role(inconnu, "alert")
    assert valeur_champ(inconnu, "sit-code") == "BG00/0150-CSUP-XXXX"
    annee = client.get(f"/situation?niveau=uo&code={UO}&exercice=deux")
    assert annee.status_code == 422
    assert texte_role(annee, "alert") == "Exercice : « deux » n'est pas une année (ex. 2026)"


# --- Mises à disposition, tranches fonctionnelles -------------------------------------------------------
def test_mettre_a_disposition(client: TestClient) -> None:
    reponse = client.post("/mises-a-disposition", data={"source": "0150-CSUP", "destination": "BG00/0150-CSUP-DR69",
                                                        "titre": "3", "ae": "100 000,00", "cp": "50 000"},
                          follow_redirects=False)
    assert reponse.status_code == 303
    assert notice(reponse).startswith("Mise à disposition enregistrée : 0150-CSUP → BG00/0150-CSUP-DR69")
    situation = client.get("/situation?niveau=uo&code=BG00/0150-CSUP-DR69")
    assert cellule(situation, "Situation budgétaire", "T3", "AE ouvertes") == euros(100_000)


def test_une_mad_au_dela_du_disponible_est_refusee(client: TestClient) -> None:
    reponse = client.post("/mises-a-disposition", data={"source": "0150-CSUP", "destination": UO, "titre": "3",
                                                        "ae": "400 000,00", "cp": ""})
    assert reponse.status_code == 409
    assert "Crédits insuffisants" in texte_role(reponse, "alert")
    assert valeur_champ(reponse, "mad-ae") == "400 000,00"
    assert option_choisie(reponse, "mad-titre") == "3"


def test_creer_une_tf_puis_affecter_et_retirer(client: TestClient) -> None:
    creee = client.post("/tranches-fonctionnelles", data={"uo": UO, "titre": "5", "libelle": "Amphithéâtre",
                                                          "ae": "50 000"}, follow_redirects=False)
    assert creee.status_code == 303
    numero = "TF0150000002"
    assert creee.headers["location"].startswith(f"/tranches-fonctionnelles/{numero}?")
    client.post(f"/tranches-fonctionnelles/{numero}/affectation", data={"ae": "10 000"})
    page = client.post(f"/tranches-fonctionnelles/{numero}/retrait", data={"ae": "20 000,00"})
    assert page.status_code == 200
    assert f'data-testid="tf-AENE" class="montant">{euros(40_000)}<' in page.text


def test_retirer_plus_que_l_aene_est_refuse(client: TestClient) -> None:
    reponse = client.post(f"/tranches-fonctionnelles/{TF_CAMPUS}/retrait", data={"ae": "250 000"})
    assert reponse.status_code == 409
    assert "Crédits insuffisants" in texte_role(reponse, "alert")
    assert valeur_champ(reponse, "retrait-ae") == "250 000"
    assert valeur_champ(reponse, "affecter-ae") == ""


def test_engager_sur_une_tf_consomme_son_aene(client: TestClient) -> None:
    reponse = engager(client, "150 000", titre="5", tranche=TF_CAMPUS.lower())
    assert reponse.status_code == 303
    page = client.get(f"/tranches-fonctionnelles/{TF_CAMPUS}")
    assert f'data-testid="tf-AENE" class="montant">{euros(50_000)}<' in page.text
    assert NOUVEL_EJ in page.text


# --- Lois de finances --------------------------------------------------------------------------------------
def integrer(client: TestClient, csv: str, identifiant: str = "LFI 2026") -> Response:
    return client.post("/lois-de-finances", data={"identifiant": identifiant, "taux_t2": "0,5", "taux_hors_t2": "5"},
                       files={"fichier": ("lfi.csv", csv.encode("utf-8"), "text/csv")}, follow_redirects=False)


def test_les_lois_integrees_sont_affichees(client: TestClient) -> None:
    reponse = client.get("/lois-de-finances")
    assert cellule(reponse, "Lignes de la loi LFI 2026", "0150", "AE") == euros(1_000_000)
    assert cellule(reponse, "Lignes de la loi LFI 2026", "Total", "CP") == euros(2_700_000)


def test_une_ligne_csv_invalide_est_nommee(client: TestClient) -> None:
    reponse = integrer(client, "programme;titre;ae;cp;etpt\n0150;3;1000,00;1000;0\n0150;5;12,345;0;0\n")
    assert reponse.status_code == 422
    assert texte_role(reponse, "alert").startswith("Fichier CSV, ligne 3 : AE")
    assert valeur_champ(reponse, "lfi-identifiant") == "LFI 2026"
    assert valeur_champ(reponse, "lfi-taux-t2") == "0,5"
    inconnu = integrer(client, "programme;titre;ae;cp\n0999;3;1;1\n")
    assert texte_role(inconnu, "alert") == "Fichier CSV, ligne 2 : programme inconnu du référentiel : 0999"


def test_un_fichier_csv_windows_est_lu_et_un_fichier_illisible_refuse(client: TestClient) -> None:
    windows = client.post("/lois-de-finances", data={"identifiant": "LFI", "taux_t2": "0", "taux_hors_t2": "0"},
                          files={"fichier": ("lfi.csv", "programme;titre;ae;cp\n0150;3;1 000,00 €;1\n".encode("cp1252"))})
    assert texte_role(windows, "alert") == "Une loi de finances initiale est déjà intégrée pour l'exercice 2026"
    illisible = client.post("/lois-de-finances", data={"identifiant": "LFI", "taux_t2": "0", "taux_hors_t2": "0"},
                            files={"fichier": ("lfi.csv", b"programme;titre;ae;cp\n\x81\x8d;3;1;1\n")})
    assert illisible.status_code == 422
    assert "encodage non reconnu" in texte_role(illisible, "alert")


def test_une_seconde_lfi_de_l_exercice_est_refusee(client: TestClient) -> None:
    reponse = integrer(client, "programme;titre;ae;cp;etpt\n0150;3;1000;1000;0\n", "LFI bis")
    assert reponse.status_code == 409
    assert texte_role(reponse, "alert") == "Une loi de finances initiale est déjà intégrée pour l'exercice 2026"


def test_sans_fichier_la_loi_est_refusee(client: TestClient) -> None:
    reponse = client.post("/lois-de-finances", data={"identifiant": "LFI", "taux_t2": "0", "taux_hors_t2": "0"})
    assert reponse.status_code == 422
    assert texte_role(reponse, "alert") == "Fichier : aucun fichier CSV transmis"


def test_integrer_une_lfi_sur_un_bac_vierge(tmp_path: Path, connecter: Callable[..., TestClient]) -> None:
    (tmp_path / "jeux").mkdir()
    (tmp_path / "jeux" / "vide.yaml").write_text(
        f"nom: vide\nexercice: 2026\nreferentiel: {DONNEES / 'referentiel.yaml'}\n"
        f"fournisseurs: {DONNEES / 'fournisseurs.csv'}\nutilisateurs: {DONNEES / 'utilisateurs.yaml'}\n",
        encoding="utf-8")
    vierge = Bac(jeu="vide", fixtures=tmp_path)
    try:
        client = connecter(TestClient(creer_application(vierge)))
        csv = "\ufeffprogramme;titre;ae;cp;etpt\n0150;T2;1 000 000,00;1 000 000,00;120\n\n0217;3;400000.00;400000;\n"
        reponse = integrer(client, csv)
        assert reponse.status_code == 303
        assert notice(reponse) == (f"Loi de finances « LFI 2026 » intégrée : 2 lignes, AE {euros(1_400_000)}, "
                                   f"CP {euros(1_400_000)}")
        situation = client.get("/situation?niveau=programme&code=0150")
        assert cellule(situation, "Situation budgétaire", "T2", "AE réservées") == euros(5_000)
    finally:
        vierge.fermer()


# --- Historique ---------------------------------------------------------------------------------------------
def test_l_historique_montre_les_operations_recentes_d_abord(client: TestClient) -> None:
    engager(client, "1000")
    lignes = table(client.get("/historique"), "Journal des opérations").lignes
    assert lignes[0][1:3] == ["Engagement juridique", NOUVEL_EJ]
    assert re.fullmatch(r"\d{2}/\d{2}/2026 \d{2}:\d{2}:\d{2}", lignes[0][0])
