"""``recette rapport`` on a fixed, hand-made result set (tests/donnees/resultats): every kind of
outcome (passed, each failure category, known issue by file and by tag, broken, skipped, retried,
outline) and every product: the Allure HTML rendered in headless Chromium with the network cut,
the PV (text extracted from the PDF), the cahier (cells read back), the ZIP (listing), the gate's
exit code."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from recette.navigateur import chemin_chromium

RACINE = Path(__file__).resolve().parents[1]
DONNEES = Path(__file__).parent / "donnees"
RESULTATS = DONNEES / "resultats"
ANOMALIES = DONNEES / "anomalies-connues.yaml"
CONFIG = """environnements:
  recette-aife:
    url: "https://chorus-recette.invalid"
    release: "2026.2"
liens:
  anomalie: "https://suivi.chorus.invalid/anomalies/{}"
porte_qualite:
  critique: %s
  majeur: %s
"""
SCENARIOS = 12


def _rapport(dossier: Path, historique: Path, critique: str, majeur: str, *options: str) -> subprocess.CompletedProcess[str]:
    dossier.mkdir(parents=True, exist_ok=True)
    config = dossier / "recette.yaml"
    config.write_text(CONFIG % (critique, majeur), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("CI_JOB_URL", "CI_COMMIT_SHA", "GITHUB_RUN_ID")}
    commande = [sys.executable, "-m", "recette", "rapport", "--resultats", str(RESULTATS), "--sortie",
                str(dossier / "sortie"), "--historique", str(historique), "--config", str(config),
                "--anomalies", str(ANOMALIES), *options]
    return subprocess.run(commande, cwd=RACINE, env=env, capture_output=True, text=True, timeout=300,
                          check=False)


@pytest.fixture(scope="module")
def campagnes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[subprocess.CompletedProcess[str], Path]]:
    """Two campaigns sharing one history: the previous release against a tolerant gate, then this
    release against a strict one (no @critique, 2 @majeur). One run each for every assertion."""
    dossier = tmp_path_factory.mktemp("rapport")
    historique = dossier / "historique" / "historique.jsonl"
    precedente = _rapport(dossier / "precedente", historique, "1", "~", "--release", "2026.1")
    courante = _rapport(dossier / "courante", historique, "0", "2")
    return {"precedente": (precedente, dossier / "precedente" / "sortie"),
            "courante": (courante, dossier / "courante" / "sortie")}


@pytest.fixture(scope="module")
def ajournee(campagnes: dict[str, tuple[subprocess.CompletedProcess[str], Path]]
             ) -> tuple[subprocess.CompletedProcess[str], Path]:
    return campagnes["courante"]


def test_la_porte_ajourne_la_recette_et_sort_en_1(ajournee: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    fini, sortie = ajournee
    assert fini.returncode == 1, fini.stdout + fini.stderr
    assert "Porte qualité : Recette AJOURNÉE (NO-GO) : 1 échec @critique pour 0 toléré ; 3 échecs @majeur pour " \
           "2 tolérés" in fini.stdout
    livrable = re.search(r"Livrable : (.+\.zip)", fini.stdout)
    assert livrable and Path(livrable.group(1)) == (sortie / "recette-chorus_2026.2_2026-11-23.zip").resolve()
    assert "12 scénarios, 4 réussis, 5 anomalie(s) ouverte(s), 2 anomalie(s) connue(s), 1 ignoré(s)" in fini.stdout


def test_dans_la_tolerance_la_recette_est_prononcee_avec_reserves(
        campagnes: dict[str, tuple[subprocess.CompletedProcess[str], Path]]) -> None:
    fini, sortie = campagnes["precedente"]
    assert fini.returncode == 0, fini.stdout + fini.stderr
    assert "Recette PRONONCÉE AVEC RÉSERVES (GO)" in fini.stdout
    assert (sortie / "recette-chorus_2026.1_2026-11-23.zip").exists()


def test_sans_resultats_le_rapport_est_impossible_et_sort_en_2(tmp_path: Path) -> None:
    fini = subprocess.run([sys.executable, "-m", "recette", "rapport", "--resultats", str(tmp_path / "absent")],
                          cwd=RACINE, capture_output=True, text=True, timeout=60, check=False)
    assert fini.returncode == 2
    assert "dossier de résultats introuvable" in fini.stderr and "Traceback" not in fini.stderr


def test_le_rapport_html_s_ouvre_hors_ligne_en_francais(ajournee: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, sortie = ajournee
    rapport = sortie / "rapport" / "index.html"
    html = rapport.read_text(encoding="utf-8")
    assert "googletagmanager" not in html and "gtag(" not in html
    externes: list[str] = []
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=chemin_chromium())
        page = navigateur.new_page(locale="fr-FR", viewport={"width": 1400, "height": 1000})
        page.on("request", lambda r: externes.append(r.url) if not r.url.startswith(("file:", "data:", "blob:"))
                else None)
        page.goto(rapport.as_uri())
        page.get_by_text("Recette Chorus — 2026.2").first.wait_for()
        page.get_by_text("Montrer plus").first.click()  # the environment block shows 8 entries at first
        accueil = page.inner_text("body")
        page.get_by_text("Catégories").first.click()
        page.get_by_text("Écart de données").first.wait_for()
        categories = page.inner_text("body")
        page.get_by_text("Resolutions").first.click()
        page.get_by_text("ANO-2026-031").first.wait_for()
        resolutions = page.inner_text("body")
        page.get_by_text("Résultats").first.click()
        page.get_by_text("Un engagement d'un centime au-delà des AE disponibles est refusé").first.click()
        page.get_by_role("button", name=re.compile("Historique")).or_(page.get_by_text("Historique")).first.click()
        historique = page.inner_text("body")
        navigateur.close()
    assert externes == []
    for attendu in ("Release Chorus", "2026.2", "Commit des scénarios", "Lancée par", "Porte qualité", "Échoué",
                    "Cassé", "Réussi", "Ignoré", "recette-aife"):
        assert attendu in accueil, attendu
    for categorie in ("Étape non implémentée", "Défaut d'environnement", "Écart de données", "Anomalie fonctionnelle",
                      "Erreur technique"):
        assert categorie in categories, categorie
    assert "ANO-2026-044" in resolutions and "Correctif prévu en 2026.3" in resolutions
    assert re.search(r"Historique\s*1\b", historique) and "23/11/2026" in historique  # the previous campaign


def test_l_historique_des_campagnes_est_garde(ajournee: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, sortie = ajournee
    lignes = (sortie.parent.parent / "historique" / "historique.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lignes) == 2
    assert '"name":"Recette Chorus — 2026.1"' in lignes[0] and '"name":"Recette Chorus — 2026.2"' in lignes[1]


def test_le_pv_porte_perimetre_comptes_anomalies_decision_et_signatures(
        ajournee: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, sortie = ajournee
    lecteur = PdfReader(sortie / "pv-recette.pdf")
    texte = " ".join(" ".join(page.extract_text().split()) for page in lecteur.pages)
    for attendu in ("Procès-verbal de recette", "release 2026.2", "EVO-2026-014", "23/11/2026",
                    "Exécution budgétaire critique", "Total 12 4 5 2 1",
                    "Un engagement d'un centime au-delà des AE disponibles est refusé",
                    "Obtenu élément absent de l'écran", "Écart de données", "Montant payé",
                    "anomalie connue ANO-2026-031", "☒ Recette ajournée", "☐ Recette prononcée avec réserves",
                    "Responsable de la recette", "Signature :"):
        assert attendu in texte, attendu
    liens = [a.get_object()["/A"]["/URI"] for page in lecteur.pages for a in page.get("/Annots") or []]
    assert "preuves/FA-03-un-engagement-d-un-centime-au-dela-des-a/capture.png" in liens
    assert all(lien.startswith("preuves/") for lien in liens)


def test_le_cahier_a_une_ligne_par_scenario_et_se_filtre(ajournee: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, sortie = ajournee
    classeur = load_workbook(sortie / "cahier-recette.xlsx")
    feuille = classeur["Cahier de recette"]
    entete = [c.value for c in feuille[1]]
    lignes = [dict(zip(entete, (c.value for c in rangee))) for rangee in feuille.iter_rows(min_row=2)]
    assert len(lignes) == SCENARIOS
    assert feuille.freeze_panes == "A2" and feuille.auto_filter.ref == f"A1:N{SCENARIOS + 1}"
    assert feuille.column_dimensions["C"].width == 60
    par_nom = {(ligne["Scénario"], ligne["Paramètres"]): ligne for ligne in lignes}
    ecart = par_nom[("L'extraction du jeu standard est conforme à l'attendu", None)]
    assert (ecart["Domaine"], ecart["Criticité"], ecart["Statut"], ecart["Nature de l'échec"]) == \
           ("Restitutions et extractions", "majeur", "Échoué", "Écart de données")
    connue = par_nom[("L'augmentation d'un engagement au-delà des AE disponibles est refusée", None)]
    assert (connue["Statut"], connue["Anomalie connue"]) == ("Anomalie connue", "ANO-2026-031")
    reessaye = par_nom[("Une mise à disposition du programme vers un BOP réduit le disponible du programme", None)]
    assert (reessaye["Statut"], reessaye["Réessais"], reessaye["Durée (s)"]) == ("Réussi", 1, 2.6)
    assert {ligne["Statut"] for ligne in lignes} == {"Réussi", "Échoué", "Cassé", "Ignoré", "Anomalie connue"}
    assert "recette ajournée" in [c.value for c in classeur["Synthèse"]["B"]]


def test_le_livrable_contient_tout(ajournee: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, sortie = ajournee
    with zipfile.ZipFile(sortie / "recette-chorus_2026.2_2026-11-23.zip") as archive:
        noms = archive.namelist()
        lisezmoi = archive.read("recette-chorus_2026.2_2026-11-23/LISEZMOI.txt").decode("utf-8")
    racine = "recette-chorus_2026.2_2026-11-23/"
    assert {f"{racine}rapport.html", f"{racine}pv-recette.pdf", f"{racine}cahier-recette.xlsx",
            f"{racine}resultats/environment.properties"} <= set(noms)
    assert sum(1 for n in noms if n.startswith(f"{racine}resultats/") and n.endswith("-result.json")) == 13
    assert {n.rsplit("/", 1)[-1] for n in noms if n.startswith(f"{racine}ecarts/")} == {"FA-07-ecarts.csv",
                                                                                      "FA-07-ecarts.html"}
    assert f"{racine}preuves/FA-03-un-engagement-d-un-centime-au-dela-des-a/trace.zip" in noms
    assert "recette ajournée" in lisezmoi
