"""The UI5 driver (recette.ui5) against small OpenUI5 pages in real Chromium: every kind of control
selector, generated ids and -inner parts, value help, growing and virtualised tables, the busy
indicator, an app inside an iframe, and the three French errors of a bad target."""

from __future__ import annotations

import inspect
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from aides_ui5 import RUNTIME, pages_ui5
from recette import ui5
from recette.navigateur import chemin_chromium
from recette.ui5 import ErreurControleIntrouvable, ErreurUI5Absente, ErreurUI5Occupee, PiloteUI5

RACINE = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not (RUNTIME / "sap-ui-core.js").is_file(),
                                reason="OpenUI5 n'est pas construit (.ui5/resources absent : make setup)")

SAISIE = "essai.Saisie"
MONTANT = {"controlType": "sap.m.Input", "viewName": SAISIE, "labelFor": {"text": "Montant"}}
MESSAGE = {"controlType": "sap.m.Text", "viewName": SAISIE, "bindingPath": {"propertyPath": "/message"}}




@pytest.fixture(scope="module")
def adresse() -> Iterator[str]:
    with pages_ui5() as url:
        yield url


@pytest.fixture(scope="module")
def navigateur() -> Iterator[Browser]:
    with sync_playwright() as p:
        ui5.enregistrer_moteur(p)
        ui5.enregistrer_moteur(p)  # idempotent
        chemin = chemin_chromium()
        chromium = p.chromium.launch(**({"executable_path": chemin} if chemin else {}))
        yield chromium
        chromium.close()


@pytest.fixture
def page(navigateur: Browser, adresse: str) -> Iterator[Page]:
    contexte = navigateur.new_context(base_url=adresse, locale="fr-FR", viewport={"width": 1280, "height": 900})
    onglet = contexte.new_page()
    yield onglet
    contexte.close()


@pytest.fixture
def pilote(page: Page) -> PiloteUI5:
    page.goto("/index.html")
    return PiloteUI5(page, delai_ms=8000, intervalle_ms=100)


def test_api_publique() -> None:
    publics = {n for n, v in vars(ui5).items() if n.isidentifier() and not n.startswith("_")
               and not inspect.ismodule(v) and n != "annotations"}
    assert sorted(ui5.__all__) == sorted(publics)


def test_libelle_id_genere_et_partie_inner(pilote: PiloteUI5) -> None:
    champ = pilote.trouver(MONTANT)
    assert champ.get_attribute("id") == "__xmlview0--montant-inner"  # XML view without id: generated
    pilote.saisir(MONTANT, "1 234,56")
    expect(pilote.controle(MONTANT)).to_have_value("1 234,56")  # an ordinary Locator for expect
    assert pilote.valeur(MONTANT) == "1 234,56"  # read from UI5: the change reached the model
    assert pilote.page.evaluate("sap.ui.getCore().getModel().getProperty('/engagement/montant')") == "1 234,56"


def test_type_et_proprietes(pilote: PiloteUI5) -> None:
    numero = {"controlType": "sap.m.Input", "properties": {"value": "EJ-2026-0001"}}
    assert pilote.trouver(numero).get_attribute("id") == "__xmlview0--numero-inner"


def test_texte_i18n(pilote: PiloteUI5) -> None:
    pilote.saisir(MONTANT, "42")
    pilote.appuyer({"controlType": "sap.m.Button", "i18NText": {"propertyName": "text", "key": "valider"}})
    assert pilote.valeur(MESSAGE) == "validé : 42"


def test_chemin_de_liaison(pilote: PiloteUI5) -> None:
    numero = {"controlType": "sap.m.Input", "bindingPath": {"path": "/engagement", "propertyPath": "numero"}}
    assert pilote.valeur(numero) == "EJ-2026-0001"


def test_nom_de_vue_et_ancetre(pilote: PiloteUI5) -> None:
    envoyer = {"controlType": "sap.m.Button", "properties": {"text": "Envoyer"}}
    pilote.appuyer({**envoyer, "viewName": "essai.Autre"})
    assert pilote.valeur(MESSAGE) == "envoyé depuis la vue Autre"
    pilote.appuyer({**envoyer, "ancestor": {"id": "panneauB", "viewName": SAISIE}})
    assert pilote.valeur(MESSAGE) == "envoyé depuis B"


def test_selecteur_enregistre_par_ui5(pilote: PiloteUI5) -> None:
    selecteur = pilote.selecteur_de(pilote.trouver(MONTANT))
    assert pilote.trouver(selecteur).get_attribute("id") == "__xmlview0--montant-inner"


def test_aide_a_la_saisie_au_dela_de_la_premiere_page(pilote: PiloteUI5) -> None:
    fournisseur = {"controlType": "sap.m.Input", "viewName": SAISIE, "labelFor": {"text": "Fournisseur"}}
    pilote.choisir_dans_aide(fournisseur, "Fournisseur 27")  # the SelectDialog shows 20 at first
    assert pilote.valeur(fournisseur) == "Fournisseur 27"


def test_table_a_croissance_bouton_plus(pilote: PiloteUI5) -> None:
    table = {"controlType": "sap.m.Table", "viewName": SAISIE, "id": "lignes"}
    expect(pilote.page.get_by_text("Ligne 37", exact=True)).to_have_count(0)  # 10 rows rendered
    expect(pilote.ligne(table, "Ligne 37")).to_contain_text("3700")
    pilote.choisir_ligne(table, "Ligne 37")
    assert pilote.valeur({"controlType": "sap.m.Text", "viewName": SAISIE, "id": "ligneChoisie"}) == "Ligne 37"


def test_table_virtualisee_ligne_non_rendue(pilote: PiloteUI5) -> None:
    table = {"controlType": "sap.ui.table.Table", "viewName": SAISIE, "id": "ejs"}
    expect(pilote.page.get_by_text("EJ 0150", exact=True)).to_have_count(0)  # 10 rows of 200 rendered
    pilote.choisir_ligne(table, "EJ 0150")
    assert pilote.valeur({"controlType": "sap.m.Text", "viewName": SAISIE, "id": "ejChoisi"}) == "EJ 0150"
    expect(pilote.ligne(table, "EJ 0150")).to_contain_text("15000")


def test_indicateur_d_occupation_attendu(pilote: PiloteUI5) -> None:
    pilote.appuyer({"controlType": "sap.m.Button", "viewName": SAISIE, "id": "occuper"})
    debut = time.monotonic()
    pilote.appuyer({"controlType": "sap.m.Button", "properties": {"text": "Enregistrer"}})
    assert time.monotonic() - debut > 1.0  # the panel stayed busy 1.5 s; a press on it is swallowed
    assert pilote.valeur({"controlType": "sap.m.Text", "viewName": SAISIE, "id": "compteur"}) == "1"


def test_application_dans_un_cadre(page: Page) -> None:
    page.goto("/iframe.html")
    pilote = PiloteUI5(page, delai_ms=8000)
    assert pilote.cadre.parent_frame is not None
    pilote.saisir(MONTANT, "7")
    pilote.appuyer({"controlType": "sap.m.Button", "i18NText": {"propertyName": "text", "key": "valider"}})
    assert pilote.valeur(MESSAGE) == "validé : 7"


def test_controle_inconnu_erreur_en_francais(page: Page) -> None:
    page.goto("/index.html")
    pilote = PiloteUI5(page, delai_ms=1000)
    inconnu = {"controlType": "sap.m.Input", "labelFor": {"text": "Plafond"}, "viewName": SAISIE}
    debut = time.monotonic()
    with pytest.raises(ErreurControleIntrouvable) as erreur:
        pilote.saisir(inconnu, "1")
    assert time.monotonic() - debut < 5
    assert str(erreur.value).startswith(
        "Contrôle introuvable : sap.m.Input libellé « Plafond » dans la vue « essai.Saisie »")


def test_application_jamais_au_repos_erreur_nommant_le_travail(page: Page) -> None:
    page.goto("/index.html")
    pilote = PiloteUI5(page, delai_ms=1000, intervalle_ms=100)
    pilote.appuyer({"controlType": "sap.m.Button", "viewName": SAISIE, "id": "charger"})  # a request of 3 s
    debut = time.monotonic()
    with pytest.raises(ErreurUI5Occupee) as erreur:
        pilote.attendre()
    assert time.monotonic() - debut < 3
    assert "restée occupée plus de 1 s" in str(erreur.value) and "lent?essai=" in str(erreur.value)


def test_urls_ignorees(page: Page) -> None:
    page.goto("/index.html")
    pilote = PiloteUI5(page, delai_ms=1000, intervalle_ms=100, urls_ignorees=[r"/?lent\?"])
    pilote.appuyer({"controlType": "sap.m.Button", "viewName": SAISIE, "id": "charger"})
    pilote.attendre()  # the slow request is not waited on


def test_page_sans_ui5_erreur_rapide(page: Page) -> None:
    page.goto("/sans-ui5.html")
    debut = time.monotonic()
    with pytest.raises(ErreurUI5Absente, match="Aucune application UI5 dans la page .*sans-ui5.html"):
        PiloteUI5(page, delai_ms=8000).attendre()
    assert time.monotonic() - debut < 3


def test_plusieurs_pilotes_sur_une_meme_page(page: Page, pilote: PiloteUI5) -> None:
    """Page objects each make their own driver: a second one on a page where UI5's test modules are
    already loaded works as the first did."""
    pilote.saisir(MONTANT, "7")
    second = PiloteUI5(page)
    assert second.trouver({"controlType": "sap.m.Input", "properties": {"value": "EJ-2026-0001"}}).count() == 1
