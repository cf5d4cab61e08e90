"""Honest verdicts, on small campaigns run by pytester against the sandbox: a scenario's own mistake
(a sentence without its context, a step landing on an access-refused page, a missing expected file)
is « Erreur du scénario », fails fast, gets no fiche and is not an anomaly for the gate; a real
environment failure stays « Défaut d'environnement »; a timeout on a page that answered normally
is an anomaly of the screen. The Allure results and the console speak French."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from recette.config import PorteQualite
from recette.rapport import charger, classer, etablir, evaluer
from recette.rapport.porte import NON_CONCLUANTE

ETAPES = '''
import socket
from decimal import Decimal
from pathlib import Path
from pytest_bdd import given, parsers, then, when, scenarios
from recette.donnees.attendus import exiger_attendu
from recette.erreurs import ErreurContexte
from recette.pages.base import PageChorus
from recette.parametres import Phrase
from recette.client import ClientChorus

scenarios("features")


class PageUtilisateurs(PageChorus):
    chemin = "/utilisateurs"

    def creer(self, identifiant):
        self.ouvrir()
        self.saisir("Identifiant", identifiant)


class PageEngagement(PageChorus):
    chemin = "/engagements/"

    def lire_objet(self, numero):
        self.ouvrir(numero)
        return self.page.get_by_label("Objet", exact=True).input_value(timeout=3000)


@given(Phrase("un montant de {m:Montant}"), target_fixture="m")
def un_montant(m):
    return m


@when("je paie cette demande de paiement")
def payer():
    raise ErreurContexte("cette demande de paiement", "Étant donné une demande de paiement de … sur cet engagement")


@given(Phrase('je suis connecté en tant que "{role}" sur le périmètre "{perimetre}"'))
def connecte(ecran, cible, role, perimetre):
    session = cible.connexions.session_pour_role(cible.client, role, perimetre)
    ecran.context.clear_cookies()
    ecran.context.add_cookies(session.cookies_navigateur())


@when(Phrase('je crée l\\'utilisateur "{identifiant}"'))
def creer(ecran, identifiant):
    PageUtilisateurs(ecran).creer(identifiant)


@when(Phrase('je lis l\\'objet de l\\'engagement "{numero}"'))
def lire(ecran, numero):
    PageEngagement(ecran).lire_objet(numero)


@then(Phrase('l\\'extraction est conforme à "{attendu}"'))
def conforme(attendu):
    exiger_attendu(attendu)


@when("l'environnement refuse la connexion")
def refuse():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ClientChorus(f"http://127.0.0.1:{port}").sante()


@when("je cherche un champ absent de l'accueil")
def champ_absent(ecran):
    ecran.goto("/")
    ecran.get_by_label("Champ qui n'existe pas", exact=True).fill("x", timeout=1500)
'''

FONCTIONNALITE = """# language: fr
Fonctionnalité: Verdicts honnêtes

  @mineur
  Scénario: Un champ absent d'un écran qui répond
    Quand je cherche un champ absent de l'accueil

  @critique
  Scénario: Une phrase sans son contexte
    Étant donné un montant de 1 000,00 €
    Quand je paie cette demande de paiement

  @critique
  Scénario: Une étape arrive sur une page d'accès refusé
    Étant donné que je suis connecté en tant que "RUO" sur le périmètre "BG00/0150-CSUP-DR75"
    Quand je crée l'utilisateur "camille.martin"

  @majeur
  Scénario: Un fichier attendu absent
    Alors l'extraction est conforme à "expected/absent/introuvable_2026.csv"

  @majeur
  Scénario: L'environnement refuse la connexion
    Quand l'environnement refuse la connexion
"""


@pytest.fixture(scope="module")
def campagne(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One campaign for every assertion (a tester's project, as pytester makes them), run as
    ``recette lancer`` runs it (no traceback, one line per failure), its Allure results read back as
    ``recette rapport`` reads them."""
    dossier = tmp_path_factory.mktemp("verdicts")
    (dossier / "test_etapes.py").write_text(ETAPES, encoding="utf-8")
    (dossier / "features").mkdir()
    (dossier / "features" / "verdicts.feature").write_text(FONCTIONNALITE, encoding="utf-8")
    commande = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--alluredir=allure", "--tb=no", "-rN",
                "--recette-resume", "-o", "console_output_style=count"]
    fini = subprocess.run(commande, cwd=dossier, capture_output=True, text=True, timeout=300, check=False)
    bruts = {r["name"]: r for r in (json.loads(f.read_text(encoding="utf-8"))
                                     for f in (dossier / "allure").glob("*-result.json"))}
    return {"sortie": fini.stdout + fini.stderr, "bruts": bruts, "campagne": charger(dossier / "allure"),
            "dossier": dossier}


def _resultat(campagne: dict[str, Any], nom: str) -> Any:
    return next(r for r in campagne["campagne"].resultats if r.nom == nom)


@pytest.mark.parametrize("nom", ["Une phrase sans son contexte", "Une étape arrive sur une page d'accès refusé",
                                 "Un fichier attendu absent"])
def test_une_erreur_du_scenario_est_classee_vite_et_sans_fiche(campagne: dict[str, Any], nom: str) -> None:
    resultat = _resultat(campagne, nom)
    assert resultat.en_echec, campagne["sortie"]
    assert classer(resultat).nom == "Erreur du scénario", (resultat.message, campagne["sortie"])
    brut = campagne["bruts"][nom]
    etape = next(s for s in brut["steps"] if s["status"] in ("failed", "broken"))
    # fails fast: no 30 s wait for a locator that cannot come (measured by the results themselves)
    assert etape["stop"] - etape["start"] < 5000, etape
    assert resultat.duree_ms < 5000
    assert resultat.message.startswith("Étape « "), resultat.message
    assert all(f.resultat.nom != nom for f in etablir(campagne["campagne"].resultats, {}))


def test_la_cause_nomme_l_etape_et_ce_que_la_page_a_repondu(campagne: dict[str, Any]) -> None:
    refus = _resultat(campagne, "Une étape arrive sur une page d'accès refusé").message
    assert re.match(r"Étape « Quand je crée l'utilisateur \"camille\.martin\" » : La page /utilisateurs a répondu "
                    r"« Accès refusé : [^»]+ » \(HTTP 403\) au lieu de l'écran attendu", refus), refus
    contexte = _resultat(campagne, "Une phrase sans son contexte").message
    assert contexte.startswith("Étape « Quand je paie cette demande de paiement » : « cette demande de paiement » "
                               "n'a été produit par aucune étape précédente"), contexte
    fichier = _resultat(campagne, "Un fichier attendu absent").message
    assert "le fichier attendu « expected/absent/introuvable_2026.csv » n'existe pas" in fichier


def test_la_porte_ne_compte_pas_les_erreurs_du_scenario(campagne: dict[str, Any]) -> None:
    decision = evaluer(campagne["campagne"].resultats, {}, PorteQualite(critique=0, majeur=None, mineur=None))
    assert decision.echecs == {"critique": 0, "majeur": 1, "mineur": 1}  # the environment and the screen
    assert (decision.decision, decision.code, decision.a_corriger) == (NON_CONCLUANTE, 3, 3)
    assert decision.resume() == "Recette NON CONCLUANTE : 3 scénarios à corriger pour 0 toléré"


def test_un_vrai_defaut_d_environnement_le_reste(campagne: dict[str, Any]) -> None:
    resultat = _resultat(campagne, "L'environnement refuse la connexion")
    assert classer(resultat).nom == "Défaut d'environnement", resultat.message


def test_un_delai_sur_un_ecran_qui_repond_est_une_anomalie_de_l_ecran(campagne: dict[str, Any]) -> None:
    resultat = _resultat(campagne, "Un champ absent d'un écran qui répond")
    assert (resultat.statut, classer(resultat).nom) == ("failed", "Anomalie fonctionnelle"), resultat.message
    assert resultat.message.startswith("L'écran / (« Accueil ») a répondu normalement mais ne montre pas "
                                       "l'élément attendu"), resultat.message


def test_le_rapport_parle_francais(campagne: dict[str, Any]) -> None:
    brut = campagne["bruts"]["Une phrase sans son contexte"]
    noms = [s["name"] for s in brut["steps"]]
    assert noms == ["Étant donné un montant de 1 000,00 €", "Quand je paie cette demande de paiement"]
    assert brut["steps"][0]["parameters"] == [{"name": "m", "value": "1 000,00 €"}]
    assert brut["steps"][1].get("parameters", []) == []  # the page, the context objects are not parameters
    assert "Trace Python" in [a["name"] for a in brut["attachments"]]
    assert "trace" not in brut["statusDetails"] and "call_fixture_func" not in brut["statusDetails"]["message"]
    assert {"name": "nature", "value": "erreur-scenario"} in brut["labels"]
    refus = campagne["bruts"]["Une étape arrive sur une page d'accès refusé"]
    assert refus["steps"][0]["name"].startswith("Étant donné que je suis connecté")
    assert refus["steps"][0]["parameters"] == [{"name": "role", "value": "RUO"},
                                               {"name": "perimetre", "value": "BG00/0150-CSUP-DR75"}]


def test_la_console_ecrit_une_ligne_par_echec(campagne: dict[str, Any]) -> None:
    sortie = campagne["sortie"]
    assert "Traceback" not in sortie and "call_fixture_func" not in sortie, sortie
    lignes = [ligne for ligne in sortie.splitlines() if ligne.startswith("✗ ")]
    assert len(lignes) == 5, sortie
    assert ("✗ Une phrase sans son contexte — « Quand je paie cette demande de paiement » : « cette demande de "
            "paiement » n'a été produit") in sortie
    assert any(ligne.endswith("[Erreur du scénario]") and "Accès refusé" in ligne for ligne in lignes), lignes
    assert "Par nature : Erreur du scénario : 3 ; Défaut d'environnement : 1 ; Anomalie fonctionnelle : 1" in sortie
    assert sortie.count("Quand je paie cette demande de paiement") == 1, sortie


def test_les_temps_sont_a_l_heure_de_paris(campagne: dict[str, Any]) -> None:
    proprietes = (Path(campagne["dossier"]) / "allure" / "environment.properties").read_text(encoding="utf-8")
    assert re.search(r"Date=\d\d/\d\d/\d{4} à \d\d:\d\d \(heure de Paris\)", proprietes), proprietes


def test_le_livrable_met_les_scenarios_a_corriger_a_part(campagne: dict[str, Any]) -> None:
    """``recette rapport`` on this campaign: NON CONCLUANTE (exit code 3), no fiche for the scenario
    errors in the PV, a « Scénarios à corriger » section and sheet, times in Paris time."""
    from openpyxl import load_workbook
    from pypdf import PdfReader

    dossier = Path(campagne["dossier"])
    (dossier / "recette.yaml").write_text("environnements:\n  bac-a-sable:\n    bac_a_sable: true\n", encoding="utf-8")
    racine = Path(__file__).resolve().parents[1]
    fini = subprocess.run([sys.executable, "-m", "recette", "rapport", "--resultats", str(dossier / "allure"),
                           "--sortie", str(dossier / "sortie"), "--historique", str(dossier / "historique.jsonl"),
                           "--config", str(dossier / "recette.yaml")], cwd=racine, capture_output=True, text=True,
                          timeout=300, check=False)
    assert fini.returncode == 3, fini.stdout + fini.stderr
    assert "Porte qualité : Recette NON CONCLUANTE : 3 scénarios à corriger pour 0 toléré" in fini.stdout
    texte = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(dossier / "sortie" / "pv-recette.pdf").pages)
    assert "Scénarios à corriger" in texte and "Recette non concluante" in texte and "(heure de Paris)" in texte
    assert "FA-03" not in texte  # two fiches only: the environment failure and the screen's anomaly
    assert "FA-02" in texte and "Une phrase sans son contexte" in texte.split("Scénarios à corriger", 1)[1]
    classeur = load_workbook(dossier / "sortie" / "cahier-recette.xlsx")
    assert classeur["Scénarios à corriger"].max_row == 4
    statuts = {r[2].value: r[6].value for r in classeur["Cahier de recette"].iter_rows(min_row=2)}
    assert statuts["Un fichier attendu absent"] == "À corriger"
