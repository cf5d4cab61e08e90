"""The Fiori apps of issue 15 (part 1): mises à disposition, tranches fonctionnelles, campagne des
reports. Their files and routes, then each app in a real Chromium, logged in through the form."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chorus_sandbox.domaine import reports as rp
from chorus_sandbox.service import Bac
from chorus_sandbox.web import fiori

APPS = fiori.DOSSIER_APPS / "apps"
NOUVELLES = ("mises", "tranches", "reports")
MANIFESTE = json.loads((APPS / "launchpad" / "manifest.json").read_text(encoding="utf-8"))
ROUTES = {r["pattern"]: r for r in MANIFESTE["sap.ui5"]["routing"]["routes"]}
CIBLES = MANIFESTE["sap.ui5"]["routing"]["targets"]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CHROMIUM = "/usr/bin/chromium"
INSECABLE = "\u00a0"


def euros(texte: str) -> str:
    """``"1 234,56"`` as the apps display it: ``1 234,56 €`` with non-breaking spaces."""
    return texte.replace(" ", INSECABLE) + INSECABLE + "€"


def espaces(texte: str) -> str:
    """``texte`` with its non-breaking spaces as plain ones (to compare a whole French sentence)."""
    return texte.replace(INSECABLE, " ").replace("\u202f", " ")


# --- The apps' files and routes ------------------------------------------------------------------
def _fichiers(extension: str) -> list[Path]:
    return sorted(f for app in NOUVELLES for f in (APPS / app).rglob(f"*.{extension}"))


@pytest.mark.parametrize("chemin", _fichiers("xml"), ids=lambda p: str(p.relative_to(APPS)))
def test_chaque_vue_et_fragment_est_bien_forme(chemin: Path) -> None:
    racine = ET.parse(chemin).getroot()
    assert racine.tag.endswith(("}View", "}FragmentDefinition")), racine.tag


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js absent : vérification de la syntaxe impossible")
@pytest.mark.parametrize("chemin", [*_fichiers("js"), APPS / "commun" / "AideSaisie.js",
                                    APPS / "launchpad" / "controller" / "Accueil.controller.js"],
                         ids=lambda p: str(p.relative_to(APPS)))
def test_chaque_script_est_du_javascript_valide(chemin: Path) -> None:
    resultat = subprocess.run(["node", "--check", str(chemin)], check=False, capture_output=True, text=True, timeout=30)
    assert resultat.returncode == 0, resultat.stderr


@pytest.mark.parametrize(("motif", "vue"), [
    ("MiseADisposition-gerer", "mises.view.MisesADisposition"),
    ("TrancheFonctionnelle-gerer", "tranches.view.Liste"),
    ("TrancheFonctionnelle-gerer/nouvelle", "tranches.view.Creation"),
    ("TrancheFonctionnelle-gerer/{numero}", "tranches.view.Objet"),
    ("Reports-gerer", "reports.view.Campagne"),
    ("Reports-gerer/demandes/nouvelle", "reports.view.DemandeCreation"),
    ("Reports-gerer/demandes/{numero}", "reports.view.Demande"),
    ("Reports-gerer/arretes/{numero}", "reports.view.Arrete"),
])
def test_chaque_route_a_sa_vue_et_son_controleur(motif: str, vue: str) -> None:
    cible = CIBLES[ROUTES[motif]["target"]]
    assert cible["name"] == vue
    fichier = APPS / (vue.replace(".", "/") + ".view.xml")
    controleur = ET.parse(fichier).getroot().get("controllerName", "")
    assert controleur.startswith("chorus.fiori.")
    assert (APPS / (controleur.removeprefix("chorus.fiori.").replace(".", "/") + ".controller.js")).is_file()


@pytest.mark.parametrize("route", ["misesADisposition", "tranches", "reports"])
def test_chaque_app_a_sa_tuile_sur_le_launchpad(route: str) -> None:
    accueil = (APPS / "launchpad" / "view" / "Accueil.view.xml").read_text(encoding="utf-8")
    assert f".onOuvrir($event, '{route}')" in accueil


def test_les_natures_de_report_sont_dans_la_configuration_des_apps() -> None:
    natures = json.loads(fiori.configuration())["natures"]
    assert {"code": "CP", "libelle": "CP – Crédits de paiement", "intitule": "Crédits de paiement"} in natures
    assert [n["code"] for n in natures] == ["AENE", "CP", "FDC"]


def test_le_bundle_contient_les_nouvelles_apps() -> None:
    modules = json.loads(re.search(r"sap\.ui\.require\.preload\((\{.*\}), ", fiori.preload(), re.DOTALL)[1])
    for fichier in _fichiers("xml") + _fichiers("js"):
        assert f"chorus/fiori/{fichier.relative_to(APPS).as_posix()}" in modules, fichier


# --- In Chromium -----------------------------------------------------------------------------------
def _serveur(jeu: str, dossier: Path) -> Iterator[tuple[str, Bac]]:
    from chorus_sandbox.serveur import ServeurBac

    if fiori.dossier_ui5() is None:
        pytest.skip("OpenUI5 n'est pas construit (.ui5/resources absent : make setup)")
    bac = Bac(jeu=jeu, fixtures=dossier)
    with ServeurBac(bac) as serveur:
        yield serveur.url, bac
    bac.fermer()


@pytest.fixture(scope="module")
def sandbox_mini(dossier_donnees: Path) -> Iterator[tuple[str, Bac]]:
    yield from _serveur("mini", dossier_donnees)


@pytest.fixture(scope="module")
def sandbox_cloture() -> Iterator[tuple[str, Bac]]:
    """The ``cloture`` dataset (31/12/2026), as tests/test_ui_reports.py uses it."""
    yield from _serveur("cloture", FIXTURES)


@pytest.fixture(scope="module")
def navigateur() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        options = {"executable_path": CHROMIUM} if Path(CHROMIUM).is_file() else {}
        chromium = p.chromium.launch(**options)
        yield chromium
        chromium.close()


def _onglet(navigateur: Any, adresse: str, bac: Bac, clore: bool = False) -> Iterator[Any]:
    """A page on a freshly reset sandbox (its exercice closed if ``clore``), logged in as
    recette.nationale through the login form."""
    bac.reinitialiser()
    if clore:  # precondition: the campagne des reports starts when the exercice is closed
        bac.executer(rp.cloturer_exercice, bac.contexte.exercice, "recette.nationale", None)
    contexte = navigateur.new_context(base_url=adresse, locale="fr-FR", viewport={"width": 1440, "height": 900})
    onglet = contexte.new_page()
    onglet.goto("/connexion?suite=/fiori")
    onglet.get_by_label("Identifiant", exact=True).fill("recette.nationale")
    onglet.get_by_label("Mot de passe", exact=True).fill(os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"])
    onglet.get_by_role("button", name="Se connecter").click()
    onglet.wait_for_url("**/fiori")
    attendre_ui5(onglet)
    yield onglet
    contexte.close()


@pytest.fixture
def onglet_mini(navigateur: Any, sandbox_mini: tuple[str, Bac]) -> Iterator[Any]:
    yield from _onglet(navigateur, *sandbox_mini)


@pytest.fixture
def onglet_campagne(navigateur: Any, sandbox_cloture: tuple[str, Bac]) -> Iterator[Any]:
    yield from _onglet(navigateur, *sandbox_cloture, clore=True)


def attendre_ui5(page: Any) -> None:
    """Wait until UI5 is idle (no pending request, timer, rendering): RecordReplay's waiter."""
    page.wait_for_function("() => window.sap && sap.ui && sap.ui.require && sap.ui.require('sap/m/Page')")
    page.evaluate("""() => new Promise((ok, ko) => sap.ui.require(['sap/ui/test/RecordReplay'],
        R => R.waitForUI5({timeout: 15000}).then(ok, ko), ko))""")


def choisir(page: Any, libelle: str, option: str, rang: int = 0) -> None:
    """Pick ``option`` in the ``rang``-th sap.m.Select labelled ``libelle`` (its visible part, then the list)."""
    page.locator(".sapMSlt").filter(visible=True).filter(
        has=page.get_by_role("combobox", name=libelle, exact=True)).nth(rang).click()
    page.get_by_role("option", name=option, exact=True).click()


def message_toast(page: Any, debut: str) -> str:
    toast = page.locator(".sapMMessageToast").filter(has_text=debut)
    toast.wait_for()
    return str(toast.inner_text())


def refus(page: Any) -> str:
    """The text of the MessageBox showing a refusal, closed afterwards."""
    boite = page.get_by_role("alertdialog")
    boite.wait_for()
    texte = boite.inner_text()
    boite.get_by_role("button", name="Fermer").click()
    boite.wait_for(state="hidden")
    return str(texte)


def test_mettre_a_disposition_dans_l_app_fiori(onglet_mini: Any) -> None:
    page = onglet_mini
    page.get_by_text("Gérer les mises à disposition").first.click()
    page.get_by_text("Mises à disposition de l'exercice 2026 (4)").wait_for()
    page.locator("[id$='saisieSource-vhi']").click()
    page.get_by_role("dialog", name="Source").get_by_role("row", name="0150-CSUP").click()
    page.get_by_label("Destination", exact=True).fill("bg00/0150-csup-dr69")
    choisir(page, "Titre", "T3 – Dépenses de fonctionnement")
    page.get_by_label("Montant AE", exact=True).fill("10 000")
    page.get_by_label("Montant CP", exact=True).fill("5 000,50")
    page.get_by_role("button", name="Mettre à disposition").click()
    assert message_toast(page, "Mise à disposition enregistrée") == (
        f"Mise à disposition enregistrée : 0150-CSUP → BG00/0150-CSUP-DR69, titre 3, AE {euros('10 000,00')}, "
        f"CP {euros('5 000,50')}")
    page.get_by_text("Mises à disposition de l'exercice 2026 (5)").wait_for()
    attendre_ui5(page)
    premiere = page.locator("[id$='tableMisesADisposition'] tbody tr").first
    assert "BG00/0150-CSUP-DR69" in premiere.inner_text() and euros("5 000,50") in premiere.inner_text()
    # refused by the domain: the API's French message, the form kept
    page.get_by_label("Source", exact=True).fill("0150-CSUP")
    page.get_by_label("Destination", exact=True).fill("BG00/0150-CSUP-DR69")
    choisir(page, "Titre", "T3 – Dépenses de fonctionnement")
    page.get_by_label("Montant AE", exact=True).fill("99 000 000")
    page.get_by_role("button", name="Mettre à disposition").click()
    assert ("Crédits insuffisants : 99 000 000,00 € demandés, 290 000,00 € disponibles en AE sur le BOP 0150-CSUP"
            in espaces(refus(page)))
    assert page.get_by_label("Montant AE", exact=True).input_value() == "99 000 000"
    # refused before sending, with the HTML screen's message
    page.get_by_label("Montant AE", exact=True).fill("12,345")
    page.get_by_role("button", name="Mettre à disposition").click()
    assert "Montant AE : 12,345 a plus de deux décimales" in refus(page)
    page.get_by_text("Mises à disposition de l'exercice 2026 (5)").wait_for()


def test_creer_une_tranche_puis_y_affecter_des_ae(onglet_mini: Any) -> None:
    page = onglet_mini
    page.get_by_text("Gérer les tranches fonctionnelles").first.click()
    page.get_by_text("Tranches fonctionnelles (1)").wait_for()
    page.get_by_role("button", name="Créer").click()
    page.locator("[id$='saisieUo-vhi']").click()
    page.get_by_role("dialog", name="Centre financier").get_by_role("row", name="BG00/0150-CSUP-DR75").click()
    choisir(page, "Titre", "T5 – Dépenses d'investissement")
    page.get_by_label("AE à affecter", exact=True).fill("50 000")
    page.get_by_role("button", name="Affecter", exact=True).click()
    assert "Le libellé de la tranche fonctionnelle est obligatoire" in refus(page)
    page.get_by_role("textbox", name="Libellé", exact=True).filter(visible=True).fill("Bibliothèque universitaire")
    page.get_by_role("button", name="Affecter", exact=True).click()
    assert message_toast(page, "Tranche fonctionnelle TF0150000002 créée") == (
        f"Tranche fonctionnelle TF0150000002 créée : {euros('50 000,00')} d'AE affectés sur l'UO BG00/0150-CSUP-DR75")
    page.get_by_text("Tranche fonctionnelle TF0150000002").filter(visible=True).first.wait_for()
    attendre_ui5(page)
    assert page.url.endswith("#/TrancheFonctionnelle-gerer/TF0150000002")
    page.get_by_role("button", name="Affecter des AE").click()
    dialogue = page.get_by_role("dialog", name="Affecter des AE")
    dialogue.get_by_label("Montant AE", exact=True).fill("25 000,00")
    dialogue.get_by_role("button", name="Affecter", exact=True).click()
    assert message_toast(page, "Tranche fonctionnelle TF0150000002 :") == (
        f"Tranche fonctionnelle TF0150000002 : {euros('25 000,00')} d'AE affectés ; "
        f"AE affectées {euros('75 000,00')}, AENE {euros('75 000,00')}")
    attendre_ui5(page)
    fiche = page.locator("[id$='pageTranche'] .sapUiForm").first.inner_text()
    for libelle, valeur in (("N° TF", "TF0150000002"), ("Libellé", "Bibliothèque universitaire"),
                            ("Centre financier", "BG00/0150-CSUP-DR75"), ("Titre", "T5 – Dépenses d'investissement"),
                            ("AE affectées", euros("75 000,00")), ("AE engagées", euros("0,00")),
                            ("AENE", euros("75 000,00"))):
        assert re.search(rf"^{re.escape(libelle)}\W*\n{re.escape(valeur)}$", fiche, re.MULTILINE), (libelle, fiche)
    page.get_by_role("button", name="Retirer une affectation").click()
    dialogue = page.get_by_role("dialog", name="Retirer une affectation")
    dialogue.get_by_label("Montant AE", exact=True).fill("100 000")
    dialogue.get_by_role("button", name="Retirer", exact=True).click()
    assert ("Crédits insuffisants : 100 000,00 € demandés, 75 000,00 € disponibles en AE affectées non engagées "
            "sur la tranche fonctionnelle TF0150000002") in espaces(refus(page))


def test_la_campagne_des_reports_de_la_demande_a_l_integration(onglet_campagne: Any) -> None:
    page = onglet_campagne
    page.get_by_text("Campagne des reports").first.click()
    page.get_by_text("Aucune demande de report.").wait_for()
    page.get_by_role("button", name="Déposer une demande").click()
    page.get_by_label("Programme", exact=True).fill("0103")
    page.get_by_role("button", name="Ajouter une ligne").click()
    for rang, (titre, montant) in enumerate((("T3 – Dépenses de fonctionnement", "3 958 300,00"),
                                             ("T6 – Dépenses d'intervention", "11244137.36"))):
        choisir(page, "Titre", titre, rang)
        choisir(page, "Nature", "CP – Crédits de paiement", rang)
        page.get_by_label("CP demandés", exact=True).nth(rang).fill(montant)
    page.get_by_label("AE demandées", exact=True).nth(1).fill("1,001")
    page.get_by_role("button", name="Déposer la demande").click()
    assert "Ligne 2, AE : 1,001 a plus de deux décimales" in refus(page)
    page.get_by_label("AE demandées", exact=True).nth(1).fill("")
    page.get_by_role("button", name="Déposer la demande").click()
    assert message_toast(page, "Demande de report DR2026000001") == (
        f"Demande de report DR2026000001 déposée : programme 0103, 2 ligne(s), AE {euros('0,00')} "
        f"et CP {euros('15 202 437,36')}")
    page.get_by_text("Demande de report DR2026000001").filter(visible=True).first.wait_for()
    attendre_ui5(page)
    assert page.url.endswith("#/Reports-gerer/demandes/DR2026000001")
    # the avis: défavorable without motif is refused by the domain, then favorable
    page.get_by_role("button", name="Avis défavorable").click()
    dialogue = page.get_by_role("dialog", name="Avis défavorable")
    dialogue.get_by_role("button", name="Enregistrer l'avis").click()
    assert "Le motif est obligatoire pour un avis défavorable" in refus(page)
    dialogue.get_by_role("button", name="Annuler").click()
    page.get_by_role("button", name="Avis favorable").click()
    page.get_by_role("dialog", name="Avis favorable").get_by_role("button", name="Enregistrer l'avis").click()
    assert message_toast(page, "Avis favorable") == "Avis favorable enregistré sur la demande de report DR2026000001"
    attendre_ui5(page)
    historique = page.locator("[id$='pageDemande'] table").last.inner_text()
    assert "Avis du contrôleur budgétaire" in historique and "Avis favorable" in historique
    # the arrêté on the selected demande, then its integration
    page.go_back()  # the creation page was replaced by the demande: back is the campaign
    page.get_by_text("Campagne des reports").filter(visible=True).first.wait_for()
    page.get_by_role("tab", name="Arrêtés de report").click()
    ligne = page.locator("[id$='tableAArreter'] tbody tr").filter(has_text="DR2026000001")
    ligne.get_by_role("checkbox").click()
    page.get_by_role("button", name="Signer l'arrêté").click()
    assert message_toast(page, "Arrêté de report AR2026000001 signé") == (
        f"Arrêté de report AR2026000001 signé : 1 demande(s), AE {euros('0,00')} et CP {euros('15 202 437,36')} "
        "accordés")
    page.get_by_text("Arrêté de report AR2026000001").filter(visible=True).first.wait_for()
    attendre_ui5(page)
    lignes = page.locator("[id$='pageArrete'] table").first.inner_text()
    assert euros("3 958 300,00") in lignes and euros("11 244 137,36") in lignes
    page.get_by_role("button", name="Intégrer l'arrêté").click()
    assert message_toast(page, "Arrêté de report AR2026000001 intégré") == (
        f"Arrêté de report AR2026000001 intégré : AE {euros('0,00')} et CP {euros('15 202 437,36')} ouverts sur "
        "l'exercice 2027")
    attendre_ui5(page)
    assert page.get_by_role("button", name="Intégrer l'arrêté").is_disabled()
    page.goto("/fiori#/Reports-gerer")
    page.get_by_role("tab", name="Demandes de report").click()
    demande = page.locator("[id$='tableDemandes'] tbody tr").filter(has_text="DR2026000001")
    demande.get_by_text("Intégrée", exact=True).wait_for()
    assert "AR2026000001" in demande.inner_text()
