"""The budget's scenarios through the Fiori face (``recette lancer --env bac-a-sable-fiori``): the same
Gherkin, the same verdicts as through the HTML screens; and a catalogued defect of the sandbox
caught by exactly the same scenarios through both faces, with the evidence of the failing step."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from recette import config, pages
from recette.outils.verifier import verifier
from recette.pages import faces, fiori

RACINE = Path(__file__).resolve().parents[1]
FIORI = "bac-a-sable-fiori"

avec_openui5 = pytest.mark.skipif(not (RACINE / ".ui5" / "resources" / "sap-ui-core.js").is_file(),
                                  reason="OpenUI5 n'est pas construit (.ui5/resources absent : make setup)")

#: Each screen the budget and the reports drive, and its Fiori implementation.
IMPLEMENTATIONS = {
    pages.PageChorus: fiori.PageFiori,
    pages.PageNouvelEngagement: fiori.PageNouvelEngagementFiori,
    pages.PageEngagement: fiori.PageEngagementFiori,
    pages.PageEngagements: fiori.PageEngagementsFiori,
    pages.PageDemandesPaiement: fiori.PageDemandesPaiementFiori,
    pages.PageSituation: fiori.PageSituationFiori,
    pages.PageMiseADisposition: fiori.PageMiseADispositionFiori,
    pages.PageTranches: fiori.PageTranchesFiori,
    pages.PageTranche: fiori.PageTrancheFiori,
    pages.PageDemandesReport: fiori.PageDemandesReportFiori,
    pages.PageArretesReport: fiori.PageArretesReportFiori,
}


def test_api_publique_des_pages_fiori() -> None:
    publics = {n for n, v in vars(fiori).items() if isinstance(v, type) and not n.startswith("_")}
    assert sorted(fiori.__all__) == sorted(publics) == sorted(c.__name__ for c in IMPLEMENTATIONS.values())


def test_sur_la_face_fiori_chaque_page_html_donne_son_application() -> None:
    ecran: Any = object()  # no browser: creating a page object only keeps the page
    try:
        faces.activer(faces.FIORI)
        assert {html: type(html(ecran)) for html in IMPLEMENTATIONS} == IMPLEMENTATIONS
        assert type(pages.PageCloture(ecran)) is pages.PageCloture  # no app: the classic screen
    finally:
        faces.activer(faces.HTML)
    assert type(pages.PageEngagement(ecran)) is pages.PageEngagement


def _lancer(resultats: Path, *args: str, defauts: str = "", workers: int = 1) -> tuple[int, dict[str, dict[str, Any]], str]:
    """``recette lancer`` in a subprocess: its exit code, each scenario's Allure result by name, its output."""
    env = {**os.environ, "CHORUS_SANDBOX_DEFAUTS": defauts}
    env.pop("RECETTE_ENV", None)
    commande = [sys.executable, "-m", "recette", "lancer", f"--resultats={resultats}", "--workers", str(workers), *args]
    fini = subprocess.run(commande, check=False, cwd=RACINE, env=env, capture_output=True, text=True, timeout=1800)
    resultats_lus: dict[str, dict[str, Any]] = {}
    for fichier in resultats.glob("*-result.json"):
        resultat = json.loads(fichier.read_text(encoding="utf-8"))
        # an empty cell of an outline's examples gives a parameter without value
        nom = resultat["name"] + "".join(f" [{p.get('value', '')}]" for p in resultat.get("parameters", []))
        assert nom not in resultats_lus, f"deux scénarios portent le même nom : {nom}"
        resultats_lus[nom] = resultat
    return fini.returncode, resultats_lus, fini.stdout + fini.stderr


def _statuts(resultats: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {nom: r["status"] for nom, r in resultats.items()}


@avec_openui5
def test_le_budget_et_les_reports_passent_par_les_applications_fiori_avec_les_verdicts_des_ecrans_html(
        tmp_path: Path) -> None:
    """Through the HTML screens every scenario passes (tests/test_campagne.py runs the whole campaign):
    through the Fiori apps, the same scenarios, all passed but those declared without a path on the
    Fiori face, skipped with their reason."""
    code, fiori, sortie = _lancer(tmp_path / "fiori", "--env", FIORI, "features/budget", "features/reports", workers=2)
    assert code == 0, sortie[-3000:]
    attendus = subprocess.run([sys.executable, "-m", "recette", "lancer", "--liste", "features/budget",
                               "features/reports"], cwd=RACINE, capture_output=True, text=True, check=True).stdout
    assert len(fiori) >= 70 and all(nom.split(" [")[0] in attendus for nom in fiori)
    ignores = {nom: r["statusDetails"]["message"] for nom, r in fiori.items() if r["status"] == "skipped"}
    assert {statut for nom, statut in _statuts(fiori).items() if nom not in ignores} == {"passed"}
    # skipped: only what has no path on the Fiori face, as recette verifier --env lists it, with its reason
    env = config.charger(RACINE / config.FICHIER).environnement(FIORI)
    non_jouables = verifier([RACINE / "features" / "budget", RACINE / "features" / "reports"], RACINE, env).non_jouables
    listes = {p.message.split(" » : ", 1)[0].removeprefix("« "): p.message.split(" » : ", 1)[1].rsplit(" (ligne ", 1)[0]
              for p in non_jouables}
    assert set(ignores) == set(listes) and len(ignores) >= 1
    assert all(listes[nom][1:] in ignores[nom] for nom in ignores)  # the same reason (its first letter capitalised)
    proprietes = (tmp_path / "fiori" / "environment.properties").read_text(encoding="utf-8")
    assert f"Environnement={FIORI}" in proprietes


EJ_AU_DELA_DES_AE = {"Un engagement d'un centime au-delà des AE disponibles est refusé",
                     "L'augmentation d'un engagement au-delà des AE disponibles est refusée"}


PREUVES = {"Capture d'écran", "Page HTML", "Trace Playwright (npx playwright show-trace)"}


def _etape_en_echec(resultat: dict[str, Any]) -> dict[str, Any]:
    return next(e for e in resultat["steps"] if e["status"] in ("failed", "broken"))


@avec_openui5
def test_un_defaut_catalogue_fait_echouer_les_memes_scenarios_par_les_deux_faces(tmp_path: Path) -> None:
    # Through the HTML screens, exactly these scenarios fail (tests/test_campagne.py, same defect, same file).
    chemin = "features/budget/engagement_juridique.feature"
    code, fiori, sortie = _lancer(tmp_path / "fiori", "--env", FIORI, chemin, defauts="ej-au-dela-des-ae", workers=2)
    assert code == 1, sortie[-3000:]
    echecs = {nom for nom, statut in _statuts(fiori).items() if statut != "passed"}
    assert echecs == EJ_AU_DELA_DES_AE
    for nom in echecs:  # the refusal the app should have shown, with the evidence of the Fiori screen
        etape = _etape_en_echec(fiori[nom])
        assert etape["name"].startswith("Alors l'opération est refusée"), etape["name"]
        pieces = {piece["name"] for piece in etape.get("attachments", [])}
        assert pieces == PREUVES, pieces
        assert f"✗ {nom}" in sortie
