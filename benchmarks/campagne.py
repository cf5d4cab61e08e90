"""Framework overhead and parallel scaling of a UI campaign (a benchmark, not a test).

Runs, in one run and on the same machine:
1. ``features/budget/engagement_juridique.feature`` (9 UI scenarios) through recette-chorus
   (``python -m recette lancer``: pytest-bdd, page objects, Allure results, evidence tracing);
2. the same interactions as a bare Playwright script (same sandbox, same API preconditions,
   same clicks and checks, a fresh browser context per scenario, no framework);
3. optionally (``--echelle``) the whole campaign serially and with ``-n 2``;
4. optionally (``--faces``) the budget features through the HTML screens and through the Fiori apps
   (environment ``bac-a-sable-fiori``), and how long a Fiori app takes to be ready after navigation
   (from ``goto`` to UI5 idle with the list's rows shown), best of N, in a warm browser.

Prints one JSON line last:
``{"scenarios": N, "recette_s": x, "playwright_nu_s": y, "surcout": x/y, ...}``.
Both timings are wall-clock of a fresh process (interpreter, sandbox and browser start included).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
FEATURE = "features/budget/engagement_juridique.feature"
UO = "BG00/0150-CSUP-DR75"


def _chrono(commande: list[str]) -> float:
    debut = time.perf_counter()
    fini = subprocess.run(commande, check=False, cwd=RACINE, capture_output=True, text=True)
    duree = time.perf_counter() - debut
    if fini.returncode != 0:
        sys.stderr.write(fini.stdout[-3000:] + fini.stderr[-3000:])
        raise SystemExit(f"échec de : {' '.join(commande)}")
    return duree


def recette(*args: str) -> float:
    with tempfile.TemporaryDirectory() as dossier:
        return _chrono([sys.executable, "-m", "recette", "lancer", f"--resultats={dossier}", *args])


# --- The bare Playwright script (run in its own process by ``--nu``) ---------------------------
def playwright_nu() -> None:
    import httpx
    from playwright.sync_api import expect, sync_playwright

    from chorus_sandbox import Bac, ServeurBac

    def montant(texte: str) -> str:
        return texte.replace(" ", "\u00a0")

    with tempfile.TemporaryDirectory() as dossier, ServeurBac(Bac(url=f"sqlite:///{dossier}/b.sqlite")) as serveur, \
            sync_playwright() as p:
        # Logged in once through the API, like the framework (token for the API, cookie for the browser).
        connexion = httpx.post(f"{serveur.url}/api/connexion", json={
            "identifiant": "recette.nationale", "mot_de_passe": serveur.bac.mot_de_passe_initial})
        api = httpx.Client(base_url=serveur.url, headers={"Authorization": f"Bearer {connexion.json()['jeton']}"})
        etat = {"origins": [], "cookies": [{"name": nom, "value": valeur, "domain": "127.0.0.1", "path": "/",
                                            "expires": -1, "httpOnly": True, "secure": False, "sameSite": "Lax"}
                                           for nom, valeur in connexion.cookies.items()]}
        navigateur = p.chromium.launch(executable_path=_chromium(), args=["--disable-gpu", "--no-first-run"])

        def preparer(*ej: str) -> None:
            api.post("/api/reinitialisation").raise_for_status()
            api.post("/api/jeux/vierge").raise_for_status()
            for source, dest in (("0150", "0150-CSUP"), ("0150-CSUP", UO)):
                api.post("/api/mises-a-disposition", json={"source": source, "destination": dest, "titre": "3",
                                                          "ae": "200000.00", "cp": "100000.00"}).raise_for_status()
            for m in ej:
                reponse = api.post("/api/engagements", json={
                    "uo": UO, "titre": "3", "fournisseur": "1000012345", "objet": "x",
                    "postes": [{"montant": m, "domaine_fonctionnel": "0150-01-01", "activite": "BG00/015001010101"}]})
                reponse.raise_for_status()
                preparer.numero = reponse.json()["numero"]  # type: ignore[attr-defined]

        def nouvelle_page():  # type: ignore[no-untyped-def]
            contexte = navigateur.new_context(base_url=serveur.url, locale="fr-FR",
                                              viewport={"width": 1280, "height": 900}, storage_state=etat)
            return contexte, contexte.new_page()

        def engager(page, postes: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
            page.goto("/engagements/nouveau")
            page.get_by_label("Centre financier", exact=True).fill(UO)
            page.get_by_label("Titre", exact=True).select_option("3")
            page.get_by_label("Fournisseur", exact=True).select_option("1000012345")
            page.get_by_label("Objet", exact=True).fill("Engagement")
            for rang, (m, df) in enumerate(postes, start=1):
                groupe = page.get_by_role("group", name=f"Poste {rang}")
                groupe.get_by_label("Montant", exact=True).fill(m)
                groupe.get_by_label("Domaine fonctionnel", exact=True).fill(df)
                groupe.get_by_label("Activité", exact=True).fill("BG00/015001010101")
            page.get_by_role("button", name="Engager", exact=True).click()

        def disponible(page, attendu: str) -> None:  # type: ignore[no-untyped-def]
            page.goto("/situation")
            page.get_by_label("Niveau", exact=True).select_option("uo")
            page.get_by_label("Code", exact=True).fill(UO)
            page.get_by_label("Exercice", exact=True).fill("2026")
            page.get_by_role("button", name="Consulter", exact=True).click()
            ligne = page.get_by_role("table", name="Situation budgétaire").get_by_role("row").filter(
                has=page.get_by_role("cell", name="T3", exact=True))
            expect(ligne.get_by_role("cell").nth(6)).to_have_text(montant(attendu))

        def augmenter(page, m: str) -> None:  # type: ignore[no-untyped-def]
            page.goto(f"/engagements/{preparer.numero}")  # type: ignore[attr-defined]
            formulaire = page.get_by_role("form", name="Augmenter")
            formulaire.get_by_label("Poste", exact=True).fill("1")
            formulaire.get_by_label("Montant", exact=True).fill(m)
            formulaire.get_by_role("button").click()

        cas = [
            ([], [("120 000,00", "0150-01-01")], None, "80 000,00 €"),
            (["80000.00"], [("120 000,01", "0150-01-01")], "Crédits insuffisants", "120 000,00 €"),
            ([], [("200 000,00", "0150-01-01")], None, "0,00 €"),
            ([], [("199 999,99", "0150-01-01")], None, "0,01 €"),
            ([], [("0,01", "0150-01-01")], None, "199 999,99 €"),
            ([], [("45 000,50", "0150-01-02"), ("4 999,50", "0150-01-01")], None, "150 000,00 €"),
            ([], [("10 000,00", "0217-07-05")], "hors du programme", "200 000,00 €"),
        ]
        for ej, postes, refus, reste in cas:
            preparer(*ej)
            contexte, page = nouvelle_page()
            engager(page, postes)
            if refus:
                expect(page.get_by_role("alert")).to_contain_text(refus)
            else:
                expect(page.get_by_test_id("ej-Statut")).to_have_text("Engagé")
            disponible(page, reste)
            contexte.close()
        for ej, ajout, refus in (("50000.00", "30 000,00", None), ("150000.00", "50 000,01", "Crédits insuffisants")):
            preparer(ej)
            contexte, page = nouvelle_page()
            augmenter(page, ajout)
            if refus:
                expect(page.get_by_role("alert")).to_contain_text(refus)
            else:
                expect(page.get_by_test_id("ej-Montant")).to_have_text(montant("80 000,00 €"))
            contexte.close()
        navigateur.close()


def fiori_pret(repetitions: int) -> tuple[float, float]:
    """Seconds from navigating to « Gérer les engagements juridiques » to its rows shown, and to UI5
    idle as the driver waits for it (best of ``repetitions``, OpenUI5 in the browser's cache as for
    a user)."""
    from playwright.sync_api import sync_playwright

    from chorus_sandbox import Bac, ServeurBac
    from recette.connexion import Connexions
    from recette.ui5 import PiloteUI5

    with tempfile.TemporaryDirectory() as dossier, ServeurBac(Bac(url=f"sqlite:///{dossier}/b.sqlite")) as serveur, \
            sync_playwright() as p:
        session = Connexions(serveur.url, serveur.bac.mot_de_passe_initial).session("recette.nationale")
        navigateur = p.chromium.launch(executable_path=_chromium(), args=["--disable-gpu", "--no-first-run"])
        contexte = navigateur.new_context(base_url=serveur.url, storage_state=session.etat_navigateur())
        page = contexte.new_page()
        pretes, inactives = [], []
        for _ in range(repetitions + 1):  # the first fills the browser's cache
            page.goto("/")
            debut = time.perf_counter()
            page.goto("/fiori#/EngagementJuridique-gerer")
            pilote = PiloteUI5(page)
            pilote.controle({"controlType": "sap.m.ColumnListItem"}).first.wait_for()
            pretes.append(time.perf_counter() - debut)
            pilote.attendre()
            inactives.append(time.perf_counter() - debut)
        navigateur.close()
    return min(pretes[1:]), min(inactives[1:])


def _chromium() -> str | None:
    import shutil

    return shutil.which("chromium")


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__)
    analyseur.add_argument("--nu", action="store_true", help=argparse.SUPPRESS)
    analyseur.add_argument("--echelle", action="store_true", help="mesurer aussi la campagne entière en -n 1 et -n 2")
    analyseur.add_argument("--faces", action="store_true",
                           help="mesurer aussi features/budget par les écrans HTML et par les applications Fiori")
    analyseur.add_argument("--repetitions", type=int, default=3, help="meilleur temps sur N répétitions (défaut 3)")
    options = analyseur.parse_args()
    if options.nu:
        playwright_nu()
        return
    x = min(recette(FEATURE) for _ in range(options.repetitions))
    y = min(_chrono([sys.executable, __file__, "--nu"]) for _ in range(options.repetitions))
    figures: dict[str, float | int] = {"scenarios": 9, "recette_s": round(x, 2), "playwright_nu_s": round(y, 2),
                                       "surcout": round(x / y, 2)}
    if options.echelle:
        serie, parallele = recette(), recette("--workers", "2")
        figures |= {"campagne_n1_s": round(serie, 1), "campagne_n2_s": round(parallele, 1),
                    "acceleration_n2": round(serie / parallele, 2)}
    if options.faces:
        html = recette("features/budget")  # once each: the Fiori face alone takes minutes
        fiori = recette("--env", "bac-a-sable-fiori", "features/budget")
        figures |= {"budget_html_s": round(html, 1), "budget_fiori_s": round(fiori, 1),
                    "fiori_sur_html": round(fiori / html, 2)}
        prete, inactive = fiori_pret(5)
        figures |= {"application_fiori_prete_s": round(prete, 2), "application_fiori_inactive_s": round(inactive, 2)}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
