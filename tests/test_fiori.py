"""The Fiori face of the sandbox (/fiori): its routes, its apps' files, and the apps in Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chorus_sandbox.domaine.erreurs import DonneeInvalide
from chorus_sandbox.service import Bac
from chorus_sandbox.web import fiori
from chorus_sandbox.web.app import creer_application
from chorus_sandbox.web.formulaires import montant_saisi

APPS = fiori.DOSSIER_APPS / "apps"
INDISPONIBLE = "Interface Fiori indisponible : OpenUI5 n&#39;est pas construit (make setup)"
EJ_MAINTENANCE = "2103000001"  # mini: 50 000,00 € on DR75 titre 3, one SF of 20 000,00 €
UO = "BG00/0150-CSUP-DR75"


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in OpenUI5 runtime (CHORUS_SANDBOX_UI5): the routes only serve its files."""
    dossier = tmp_path / "resources"
    (dossier / "sap" / "m").mkdir(parents=True)
    (dossier / "sap-ui-core.js").write_text("/* OpenUI5 */", encoding="utf-8")
    (dossier / "sap" / "m" / "library-preload.js").write_text("/* sap.m */", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("hors du runtime", encoding="utf-8")
    monkeypatch.setenv(fiori.VARIABLE_UI5, str(dossier))
    return dossier


@pytest.fixture
def application(bac: Bac) -> Any:
    return creer_application(bac)


def session(application: Any, identifiant: str = "recette.nationale") -> TestClient:
    """A browser-like client: the session cookie set by POST /api/connexion, no Bearer token."""
    client = TestClient(application, raise_server_exceptions=False)
    reponse = client.post("/api/connexion", json={"identifiant": identifiant,
                                                  "mot_de_passe": os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"]})
    assert reponse.status_code == 200, reponse.text
    return client


# --- Routes --------------------------------------------------------------------------------------
def test_le_launchpad_demande_une_session(application: Any, runtime: Path) -> None:
    reponse = TestClient(application).get("/fiori", follow_redirects=False)
    assert reponse.status_code == 303
    assert reponse.headers["location"] == "/connexion?suite=/fiori"


def test_le_launchpad_amorce_openui5_avec_la_session(application: Any, runtime: Path) -> None:
    client = session(application)
    page = client.get("/fiori")
    assert page.status_code == 200
    jeton = re.search(r'<meta name="csrf-jeton" content="([^"]+)">', page.text)
    assert jeton is not None and len(jeton[1]) > 20
    for attendu in ('src="/fiori/resources/sap-ui-core.js"', 'data-sap-ui-theme="sap_horizon"',
                    'data-sap-ui-language="fr"', 'data-sap-ui-async="true"', 'data-name="chorus.fiori.launchpad"',
                    '<meta name="chorus-utilisateur" content="recette.nationale">'):
        assert attendu in page.text
    config = json.loads(re.search(r'<script id="chorus-config" type="application/json">(.*?)</script>',
                                  page.text, re.DOTALL)[1])
    assert {"url": "/engagements", "libelle": "Engagements juridiques",
            "description": "Création, augmentation, réduction, service fait."} in config["ecrans"]
    assert {"code": "3", "libelle": "T3 – Dépenses de fonctionnement"} in config["titres"]
    # the token of the page is the session's: a change sent with it passes the CSRF check
    poste = client.post(f"/api/engagements/{EJ_MAINTENANCE}/augmentations", json={"poste": 1, "montant": "1"},
                        headers={"X-CSRF-Token": jeton[1]})
    assert poste.status_code == 200, poste.text


def test_les_ressources_openui5_sont_publiques(application: Any, runtime: Path) -> None:
    client = TestClient(application)
    reponse = client.get("/fiori/resources/sap/m/library-preload.js")
    assert reponse.status_code == 200 and reponse.text == "/* sap.m */"
    assert "max-age" in reponse.headers["cache-control"]
    assert client.get("/fiori/resources/sap/m/absent.js").status_code == 404


def test_une_ressource_hors_du_runtime_n_est_jamais_servie(runtime: Path) -> None:
    assert fiori._fichier(runtime, "../secret.txt") is None
    assert fiori._fichier(runtime, "sap-ui-core.js") == (runtime / "sap-ui-core.js").resolve()


def test_sans_runtime_openui5_une_page_503_en_francais(application: Any, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fiori.VARIABLE_UI5, str(tmp_path))  # an empty directory
    client = session(application)
    for url in ("/fiori", "/fiori/resources/sap-ui-core.js"):
        reponse = client.get(url)
        assert reponse.status_code == 503, url
        assert INDISPONIBLE in reponse.text, url


def test_le_runtime_par_defaut_est_cherche_a_la_racine_du_depot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fiori.VARIABLE_UI5, raising=False)
    attendu = Path(__file__).resolve().parents[1] / ".ui5" / "resources"
    assert fiori.dossier_ui5() == (attendu if (attendu / "sap-ui-core.js").is_file() else None)


def test_les_fichiers_des_apps_demandent_la_session(application: Any, runtime: Path) -> None:
    anonyme = TestClient(application).get("/fiori/apps/engagements/view/Liste.view.xml", follow_redirects=False)
    assert anonyme.status_code in (303, 401)
    client = session(application)
    vue = client.get("/fiori/apps/engagements/view/Liste.view.xml")
    assert vue.status_code == 200 and "sap.f" in vue.text
    assert client.get("/fiori/apps/../web/fiori.py").status_code == 404


def test_les_services_faits_d_un_ej_par_l_api(client: TestClient) -> None:
    reponse = client.get(f"/api/engagements/{EJ_MAINTENANCE}/services-faits")
    assert reponse.status_code == 200
    assert [(sf["poste"], sf["montant"]) for sf in reponse.json()] == [(1, "20000.00")]
    inconnu = client.get("/api/engagements/2109999999/services-faits")
    assert inconnu.status_code == 404
    assert inconnu.json()["message"] == "Engagement juridique inconnu(e) : 2109999999"


# --- The apps' files -----------------------------------------------------------------------------
@pytest.mark.parametrize("chemin", sorted(APPS.rglob("*.xml")), ids=lambda p: str(p.relative_to(APPS)))
def test_chaque_vue_xml_est_bien_formee(chemin: Path) -> None:
    ET.parse(chemin)


def test_les_manifestes_sont_du_json_et_les_cibles_existent() -> None:
    manifeste = json.loads((APPS / "launchpad" / "manifest.json").read_text(encoding="utf-8"))
    cibles = manifeste["sap.ui5"]["routing"]["targets"].values()
    for cible in cibles:
        assert (APPS / (cible["name"].replace(".", "/") + ".view.xml")).is_file(), cible["name"]


MONTANTS = ["1 234,56", "1234.56", " 12 €", "-5", "abc", "12,3,4", "1,234", "1,230", "", "  ", "1e5",
            "99999999999999999", "1000000000000", "0,5", "+3", "1\u00a0000\u202f000,00 €", "12a"]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js absent : vérification de Montant.js impossible")
def test_les_montants_saisis_sont_refuses_comme_sur_l_ecran_html() -> None:
    """commun/Montant.js (run by Node) gives the HTML screen's result or refusal, text for text."""
    script = (
        "global.sap = {ui: {define: (d, f) => { global.M = f(); }}};"
        f"require({json.dumps(str(APPS / 'commun' / 'Montant.js'))});"
        "const r = JSON.parse(process.argv[1]).map(t => { try { return ['ok', M.analyser(t, 'Montant')]; }"
        " catch (e) { return ['refus', e.message]; } });"
        "console.log(JSON.stringify(r));"
    )
    sortie = subprocess.run(["node", "-e", script, json.dumps(MONTANTS)], capture_output=True, text=True,
                            check=True, timeout=30)
    assert dict(zip(MONTANTS, map(tuple, json.loads(sortie.stdout)), strict=True)) == {
        t: _attendu(t) for t in MONTANTS}


def _attendu(texte: str) -> tuple[str, str]:
    try:
        centimes = montant_saisi(texte, "Montant")
    except DonneeInvalide as exc:
        return ("refus", exc.message)
    signe, valeur = ("-" if centimes < 0 else ""), abs(centimes)
    return ("ok", f"{signe}{valeur // 100}.{valeur % 100:02d}")


# --- In Chromium -----------------------------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def adresse(dossier_donnees: Path) -> Iterator[str]:
    from chorus_sandbox.serveur import ServeurBac

    if fiori.dossier_ui5() is None:
        pytest.skip("OpenUI5 n'est pas construit (.ui5/resources absent : make setup)")
    bac = Bac(jeu="mini", fixtures=dossier_donnees)
    with ServeurBac(bac) as serveur:
        yield serveur.url
    bac.fermer()


@pytest.fixture(scope="module")
def chromium_fiori() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        options = {"executable_path": CHROMIUM} if Path(CHROMIUM).is_file() else {}
        chromium = p.chromium.launch(**options)
        yield chromium
        chromium.close()


@pytest.fixture
def onglet(chromium_fiori: Any, adresse: str) -> Iterator[Any]:
    """A page logged in as recette.nationale through the login form, as a person would."""
    contexte = chromium_fiori.new_context(base_url=adresse, locale="fr-FR", viewport={"width": 1440, "height": 900})
    onglet = contexte.new_page()
    onglet.goto("/connexion?suite=/fiori")
    onglet.get_by_label("Identifiant", exact=True).fill("recette.nationale")
    onglet.get_by_label("Mot de passe", exact=True).fill(os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"])
    onglet.get_by_role("button", name="Se connecter").click()
    onglet.wait_for_url("**/fiori")
    yield onglet
    contexte.close()


def attendre_ui5(page: Any) -> None:
    """Wait until UI5 is idle (no pending request, timer, rendering): RecordReplay's waiter."""
    page.wait_for_function("() => window.sap && sap.ui && sap.ui.require && sap.ui.require('sap/m/Page')")
    page.evaluate("""() => new Promise((ok, ko) => sap.ui.require(['sap/ui/test/RecordReplay'],
        R => R.waitForUI5({timeout: 15000}).then(ok, ko), ko))""")


def ouvrir_engagements(page: Any) -> float:
    """Click the tile; the seconds until the list shows its rows and UI5 is idle."""
    debut = time.perf_counter()
    page.get_by_text("Gérer les engagements juridiques").first.click()
    page.get_by_text(EJ_MAINTENANCE).first.wait_for()
    attendre_ui5(page)
    return time.perf_counter() - debut


def test_creer_un_ej_dans_l_app_fiori(onglet: Any, record_property: Callable[[str, object], None]) -> None:
    attendre_ui5(onglet)
    pret = ouvrir_engagements(onglet)
    record_property("engagements_pret_s", round(pret, 3))
    onglet.get_by_role("button", name="Créer").click()
    onglet.get_by_label("Centre financier", exact=True).fill(UO)
    liste = onglet.get_by_role("combobox", name="Titre").get_attribute("id").removesuffix("-hiddenSelect")
    onglet.locator(f"[id='{liste}']").click()  # the visible part of the sap.m.Select
    onglet.get_by_role("option", name="T3 – Dépenses de fonctionnement").click()
    onglet.locator("[id$='saisieFournisseur-vhi']").click()
    onglet.get_by_role("dialog", name="Fournisseur").get_by_role("row").nth(1).click()
    onglet.get_by_label("Montant", exact=True).first.fill("1 234,56")
    onglet.get_by_label("Domaine fonctionnel", exact=True).first.fill("0150-01-02")
    onglet.get_by_label("Activité", exact=True).first.fill("BG00/015001010101")
    onglet.get_by_role("button", name="Engager").click()
    onglet.get_by_text("Engagement juridique 2103000003").filter(visible=True).first.wait_for()
    attendre_ui5(onglet)
    assert onglet.get_by_text("1\u00a0234,56\u00a0€").first.is_visible()


def test_un_refus_s_affiche_dans_une_boite_de_message(onglet: Any) -> None:
    attendre_ui5(onglet)
    onglet.goto(f"/fiori#/EngagementJuridique-gerer/{EJ_MAINTENANCE}")
    onglet.get_by_text(f"Engagement juridique {EJ_MAINTENANCE}").filter(visible=True).first.wait_for()
    attendre_ui5(onglet)
    onglet.get_by_role("button", name="Créer une demande de paiement").click()
    dialogue = onglet.get_by_role("dialog", name="Créer une demande de paiement")
    dialogue.get_by_label("Montant de la demande", exact=True).fill("999 999,00")
    dialogue.get_by_role("button", name="Créer la demande de paiement").click()
    boite = onglet.get_by_role("alertdialog")
    boite.wait_for()
    assert "service fait" in boite.inner_text(), boite.inner_text()
    boite.get_by_role("button", name="Fermer").click()
    boite.wait_for(state="hidden")
    dialogue.get_by_label("Montant de la demande", exact=True).fill("12,345")
    dialogue.get_by_role("button", name="Créer la demande de paiement").click()
    assert "Montant de la demande : 12,345 a plus de deux décimales" in onglet.get_by_role("alertdialog").inner_text()
