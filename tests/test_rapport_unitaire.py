"""The report's building blocks on the fixed result set: reading and merging results, failure
categories (the same in Python and in Allure's JavaScript), known issues, quality gate, fiches
d'anomalie, environment block, configuration errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

import recette.rapport
from recette.config import PorteQualite, charger
from recette.erreurs import ErreurConfiguration
from recette.rapport import (
    AJOURNEE,
    AVEC_RESERVES,
    CATEGORIES,
    PRONONCEE,
    ErreurResultats,
    associer,
    attendu_obtenu,
    charger_dossiers,
    classer,
    etablir,
    evaluer,
    lire_anomalies,
)
from recette.rapport import resultats as module_resultats
from recette.rapport.anomalies import pour_allure
from recette.rapport.environnement import bloc, commit, lanceur
from recette.rapport.porte import NON_CONCLUANTE

DONNEES = Path(__file__).parent / "donnees"
RESULTATS = DONNEES / "resultats"
ANOMALIES = DONNEES / "anomalies-connues.yaml"
CATEGORIE_ATTENDUE = {
    "Un engagement d'un centime au-delà des AE disponibles est refusé": "Anomalie fonctionnelle",
    "L'extraction du jeu standard est conforme à l'attendu": "Écart de données",
    "La situation du programme montre les crédits ouverts et la réserve de précaution": "Défaut d'environnement",
    "Le bordereau de report est édité": "Étape non implémentée",
    "Un paiement consomme les CP de l'UO": "Erreur technique",
    "L'augmentation d'un engagement au-delà des AE disponibles est refusée": "Anomalie fonctionnelle",
    "Le retrait d'affectation rend les AE non engagées à l'UO": "Anomalie fonctionnelle",
}


@pytest.fixture(scope="module")
def campagne(tmp_path_factory: pytest.TempPathFactory) -> module_resultats.Campagne:
    return charger_dossiers([RESULTATS], tmp_path_factory.mktemp("fusion"))


def test_l_api_publique_est_declaree() -> None:
    assert recette.rapport.__all__ == sorted(recette.rapport.__all__, key=lambda n: (not n.isupper(), n))
    assert all(hasattr(recette.rapport, nom) for nom in recette.rapport.__all__)


def test_un_scenario_reessaye_compte_une_fois_avec_sa_derniere_tentative(campagne: module_resultats.Campagne) -> None:
    assert (len(campagne.resultats), campagne.tentatives) == (12, 13)
    assert campagne.compter() == {"passed": 4, "failed": 4, "broken": 3, "skipped": 1, "unknown": 0}
    reessaye = next(r for r in campagne.resultats if r.reessais)
    assert (reessaye.statut, reessaye.reessais, reessaye.criticite) == ("passed", 1, "critique")
    plan = [r.libelle for r in campagne.resultats if r.parametres]
    assert len(plan) == 2 and plan[0].startswith("La réserve de précaution est arrondie au centime le plus proche [5,5]")


def test_les_tranches_se_fusionnent_et_les_doublons_sont_signales(tmp_path: Path) -> None:
    fichiers = sorted(RESULTATS.glob("*-result.json"))
    tranches = [tmp_path / n for n in ("a", "b")]
    for tranche, part in zip(tranches, (fichiers[:7], fichiers[7:])):
        tranche.mkdir()
        for fichier in part:
            shutil.copy(fichier, tranche)
    # the 7th scenario ran on both machines (the shards were not split alike)
    double = json.loads(fichiers[6].read_text(encoding="utf-8"))
    double["uuid"] = "0badc0de-0000-4000-8000-000000000007"
    (tranches[1] / f"{double['uuid']}-result.json").write_text(json.dumps(double), encoding="utf-8")
    for tranche in tranches:
        (tranche / "environment.properties").write_text(
            f"Environnement=recette-aife\nCible=http://machine-{tranche.name}\n", encoding="utf-8")
    campagne = charger_dossiers(tranches, tmp_path / "fusion")
    assert len(campagne.resultats) == 12
    assert campagne.doublons == ["La restitution INF-BUD-60 liste les reports par programme"]
    assert campagne.environnement == {"Environnement": "recette-aife", "Cible": "http://machine-a, http://machine-b"}


@pytest.mark.parametrize("cas", ["absent", "vide"])
def test_un_dossier_de_resultats_absent_ou_vide_est_refuse_en_francais(tmp_path: Path, cas: str) -> None:
    dossier = tmp_path / "resultats"
    if cas == "vide":
        dossier.mkdir()
    with pytest.raises(ErreurResultats, match="introuvable" if cas == "absent" else "aucun résultat"):
        charger_dossiers([dossier], tmp_path / "fusion")


def test_chaque_echec_a_sa_categorie(campagne: module_resultats.Campagne) -> None:
    obtenues = {r.nom: classer(r).nom for r in campagne.resultats if classer(r)}  # type: ignore[union-attr]
    assert obtenues == CATEGORIE_ATTENDUE
    assert all(classer(r) is None for r in campagne.resultats if not r.en_echec)


def test_allure_classe_comme_python(campagne: module_resultats.Campagne) -> None:
    """The patterns given to Allure are JavaScript regular expressions: same verdicts as Python's."""
    resultats = [r for r in campagne.resultats if r.en_echec]
    resultats += [replace(r, nature="erreur-scenario", message="« cet engagement » manque") for r in resultats[:2]]
    resultats.append(replace(resultats[0], statut="broken", message="recette.erreurs.ErreurContexte: « x »"))
    echecs = [{"statut": r.statut, "message": r.message, "nature": r.nature} for r in resultats]
    regles = [c.pour_allure() for c in CATEGORIES]
    script = """const [echecs, regles] = JSON.parse(require("fs").readFileSync(0, "utf8"));
const nature = (m, e) => m.labels === undefined || new RegExp(m.labels.nature).test(e.nature);
console.log(JSON.stringify(echecs.map(e => (regles.find(r => r.matchers.some(m => m.statuses.includes(e.statut)
  && nature(m, e) && (m.message === undefined || new RegExp(m.message).test(e.message)))) || {}).name)));"""
    fini = subprocess.run(["node", "-e", script], input=json.dumps([echecs, regles]), capture_output=True, text=True,
                          check=True)
    assert json.loads(fini.stdout) == [classer(r).nom for r in resultats]  # type: ignore[union-attr]
    assert json.loads(fini.stdout)[-3:] == ["Erreur du scénario"] * 3


def test_les_anomalies_connues_viennent_du_fichier_et_de_l_etiquette(campagne: module_resultats.Campagne) -> None:
    connues = associer(campagne.resultats, lire_anomalies(ANOMALIES), "recette-aife")
    tickets = {r.nom: connues[r.historique].ticket for r in campagne.resultats if r.historique in connues}
    assert tickets == {"L'augmentation d'un engagement au-delà des AE disponibles est refusée": "ANO-2026-031",
                       "Le retrait d'affectation rend les AE non engagées à l'UO": "ANO-2026-044"}
    regles = pour_allure(campagne.resultats, connues, "https://suivi.invalid/anomalies/{}")
    assert regles is not None and regles["links"]["anomalie"]["urlTemplate"] == "https://suivi.invalid/anomalies/%s"
    assert [r["issue"]["id"] for r in regles["rules"]] == ["ANO-2026-031", "ANO-2026-044"]
    assert regles["rules"][0]["messageRegexp"] == "Actual value: Crédits insuffisants"


def test_une_anomalie_connue_limitee_a_un_autre_environnement_ne_couvre_pas(
        campagne: module_resultats.Campagne, tmp_path: Path) -> None:
    fichier = tmp_path / "anomalies.yaml"
    fichier.write_text('anomalies:\n  - ticket: ANO-1\n    scenarios: ["budget/engagement_juridique.feature:'
                       "L'augmentation d'un engagement au-delà des AE disponibles est refusée\"]\n"
                       "    environnements: [recette-aife]\n", encoding="utf-8")
    anomalies = lire_anomalies(fichier)
    assert len(associer(campagne.resultats, anomalies, "recette-aife")) == 2  # + the tagged one
    assert len(associer(campagne.resultats, anomalies, "bac-a-sable")) == 1


@pytest.mark.parametrize(("contenu", "message"), [
    ("anomalies:\n  - ticket: ANO-1\n", r"ligne 2, clé « anomalies\[0\].scenarios » : clé obligatoire absente"),
    ("anomalies:\n  - ticket: ANO-1\n    scenarios: [x]\n    gravite: haute\n",
     r"ligne 4, clé « anomalies\[0\].gravite » : clé inconnue"),
    ("anomalies:\n  - ticket: ANO-1\n    scenarios: [x]\n    message: \"(\"\n",
     r"ligne 4, clé « anomalies\[0\].message » : expression régulière invalide"),
    ("anomalies:\n  - {ticket: ANO-1, scenarios: [x]}\n  - {ticket: ANO-1, scenarios: [y]}\n",
     r"ligne 3, clé « anomalies » : ticket « ANO-1 » déclaré deux fois"),
])
def test_un_fichier_d_anomalies_invalide_cite_la_ligne(tmp_path: Path, contenu: str, message: str) -> None:
    fichier = tmp_path / "anomalies.yaml"
    fichier.write_text(contenu, encoding="utf-8")
    with pytest.raises(ErreurConfiguration, match=message):
        lire_anomalies(fichier)


@pytest.mark.parametrize(("seuils", "decision", "code"), [
    (PorteQualite(critique=0, majeur=2), AJOURNEE, 1),
    (PorteQualite(critique=1, majeur=3), AVEC_RESERVES, 0),
    (PorteQualite(critique=1, majeur=3, mineur=0), AJOURNEE, 1),
    (PorteQualite(critique=None, majeur=None, taux_reussite=50), AJOURNEE, 1),
])
def test_la_porte_qualite(campagne: module_resultats.Campagne, seuils: PorteQualite, decision: str, code: int) -> None:
    connues = associer(campagne.resultats, lire_anomalies(ANOMALIES), "recette-aife")
    resultat = evaluer(campagne.resultats, connues, seuils)
    assert (resultat.decision, resultat.code) == (decision, code)
    assert resultat.echecs == {"critique": 1, "majeur": 3, "mineur": 1}  # known issues not counted
    assert (resultat.reussis, resultat.executes, resultat.connues) == (4, 9, 2)


def test_la_porte_sans_echec_prononce_et_sans_scenario_ajourne(campagne: module_resultats.Campagne) -> None:
    reussis = [r for r in campagne.resultats if r.statut == "passed"]
    assert evaluer(reussis, {}, PorteQualite()).decision == PRONONCEE
    vide = evaluer([], {}, PorteQualite())
    assert (vide.decision, vide.motifs) == (AJOURNEE, ("aucun scénario exécuté",))


def test_attendu_et_obtenu_d_une_fiche(campagne: module_resultats.Campagne) -> None:
    fiches = {f.resultat.nom: f for f in etablir(campagne.resultats, {})}
    assert [f.numero for f in fiches.values()] == [f"FA-{i:02d}" for i in range(1, 8)]
    refus = fiches["Un engagement d'un centime au-delà des AE disponibles est refusé"]
    assert refus.attendu.startswith("Crédits insuffisants : 120 000,01 € demandés")
    assert refus.obtenu == "élément absent de l'écran"
    assert [chemin.rsplit("/", 1)[-1] for _, chemin in refus.preuves] == ["capture.png", "page.html", "trace.zip"]
    ecart = fiches["L'extraction du jeu standard est conforme à l'attendu"]
    assert ecart.obtenu == ("restitution non conforme : Cellules différentes : 2 ; Montant payé : 2 ; par exemple "
                            "Montant payé [N° EJ 2103105755, N° poste EJ 1] : attendu 807,28, obtenu 807,29 (écart 0,01)")
    environnement = fiches["La situation du programme montre les crédits ouverts et la réserve de précaution"]
    assert environnement.attendu == "Quand je consulte la situation du programme \"0150\""
    assert environnement.obtenu.endswith("erreur serveur 503")
    assert attendu_obtenu(refus.resultat) == (refus.attendu, refus.obtenu)


def test_le_commit_se_lit_dans_git_sans_l_executable(tmp_path: Path) -> None:
    git = tmp_path / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (git / "packed-refs").write_text("# pack-refs\n0123abcd refs/heads/main\n", encoding="utf-8")
    assert commit(tmp_path, {}) == "0123abcd"
    (git / "refs" / "heads" / "main").write_text("4567ef\n", encoding="utf-8")
    assert commit(tmp_path, {}) == "4567ef"
    assert commit(tmp_path, {"CI_COMMIT_SHA": "89ab"}) == "89ab"
    assert commit(tmp_path / "ailleurs", {}) == "inconnu"


def test_en_integration_continue_le_lanceur_est_l_url_du_job() -> None:
    assert lanceur({"CI_JOB_URL": "https://gitlab.invalid/recette/-/jobs/42"}) == "https://gitlab.invalid/recette/-/jobs/42"
    assert lanceur({"GITHUB_RUN_ID": "7", "GITHUB_REPOSITORY": "aife/recette"}) == \
           "https://github.com/aife/recette/actions/runs/7"
    assert "@" in lanceur({})


def test_le_bloc_d_environnement(campagne: module_resultats.Campagne, tmp_path: Path) -> None:
    infos = bloc(campagne, "2026.2", tmp_path, {"CI_JOB_URL": "https://ci.invalid/1", "CI_COMMIT_SHA": "abc"})
    assert list(infos)[:7] == ["Environnement", "Release Chorus", "Version de la cible", "Navigateur",
                               "Commit des scénarios", "Campagne", "Lancée par"]
    assert (infos["Release Chorus"], infos["Commit des scénarios"], infos["Lancée par"]) == \
           ("2026.2", "abc", "https://ci.invalid/1")
    assert infos["Campagne"].startswith("23/11/2026 de ")


@pytest.mark.parametrize(("valeur", "message"), [
    ("majeur: -1", "ligne 3, clé « porte_qualite.majeur » : un nombre entier d'échecs tolérés"),
    ("taux_reussite: 101", "ligne 3, clé « porte_qualite.taux_reussite » : un pourcentage entier de 0 à 100"),
    ("bloquant: 0", "ligne 3, clé « porte_qualite.bloquant » : clé inconnue"),
])
def test_une_porte_qualite_invalide_cite_la_ligne(tmp_path: Path, valeur: str, message: str) -> None:
    fichier = tmp_path / "recette.yaml"
    fichier.write_text(f"environnements: {{}}\nporte_qualite:\n  {valeur}\n", encoding="utf-8")
    with pytest.raises(ErreurConfiguration, match=message):
        charger(fichier)


def test_la_porte_qualite_se_lit_dans_recette_yaml(tmp_path: Path) -> None:
    fichier = tmp_path / "recette.yaml"
    fichier.write_text("environnements: {}\nporte_qualite:\n  majeur: 2\n  mineur: ~\n"
                       "anomalies_connues: anomalies.yaml\n", encoding="utf-8")
    configuration = charger(fichier)
    assert configuration.porte_qualite == PorteQualite(critique=0, majeur=2, mineur=None)
    assert configuration.anomalies_connues == tmp_path / "anomalies.yaml"


# --- Scenario errors: not anomalies; the campaign is then not conclusive -------------------------
def _erreurs_du_scenario(campagne: module_resultats.Campagne, nombre: int) -> list[module_resultats.Resultat]:
    """The passed scenarios, ``nombre`` of them turned into scenario errors (a sentence without context)."""
    reussis = [r for r in campagne.resultats if r.statut == "passed"]
    erreur = "recette.erreurs.ErreurContexte: Étape « Quand je paie cette demande » : « cette demande » manque"
    return [replace(r, statut="broken", message=erreur) if i < nombre else r for i, r in enumerate(reussis)]


def test_une_erreur_du_scenario_n_est_pas_une_anomalie_et_rend_la_recette_non_concluante(
        campagne: module_resultats.Campagne) -> None:
    resultats = _erreurs_du_scenario(campagne, 2)
    decision = evaluer(resultats, {}, PorteQualite())
    assert (decision.decision, decision.code, decision.a_corriger) == (NON_CONCLUANTE, 3, 2)
    assert decision.echecs == {"critique": 0, "majeur": 0, "mineur": 0}
    assert decision.resume() == "Recette NON CONCLUANTE : 2 scénarios à corriger pour 0 toléré"
    assert etablir(resultats, {}) == []  # no fiche d'anomalie


def test_le_seuil_des_erreurs_du_scenario(campagne: module_resultats.Campagne) -> None:
    resultats = _erreurs_du_scenario(campagne, 2)
    tolerant = evaluer(resultats, {}, PorteQualite(erreurs_scenario=2))
    assert (tolerant.decision, tolerant.code) == (AVEC_RESERVES, 0)
    assert tolerant.motifs == ("2 scénarios à corriger dans la tolérance",)
    assert evaluer(resultats, {}, PorteQualite(erreurs_scenario=None)).decision == AVEC_RESERVES
    assert evaluer(resultats, {}, PorteQualite(erreurs_scenario=1)).decision == NON_CONCLUANTE
    toutes = _erreurs_du_scenario(campagne, 4)  # nothing concluded: still « to correct », not « nothing ran »
    assert evaluer(toutes, {}, PorteQualite()).decision == NON_CONCLUANTE


def test_des_anomalies_hors_seuil_ajournent_malgre_les_erreurs_du_scenario(
        campagne: module_resultats.Campagne) -> None:
    resultats = [*campagne.resultats, *(r for r in _erreurs_du_scenario(campagne, 1) if r.en_echec)]
    decision = evaluer(resultats, {}, PorteQualite(critique=0, majeur=2))
    assert (decision.decision, decision.code, decision.a_corriger) == (AJOURNEE, 1, 1)
    assert decision.motifs[-1] == "1 scénario à corriger"


def test_le_bilan_met_les_scenarios_a_corriger_a_part(campagne: module_resultats.Campagne) -> None:
    from recette.rapport.synthese import compter

    resultats = _erreurs_du_scenario(campagne, 1)
    compte = compter(resultats, {}, "Total", "")
    assert (compte.ouverts, compte.a_corriger) == (0, 1)
    from recette.rapport.echecs_scenario import a_corriger

    (seul,) = a_corriger(resultats)
    assert (seul.etape, seul.cause) == ("Quand je paie cette demande", "« cette demande » manque")


@pytest.mark.parametrize(("valeur", "attendu"), [("2", 2), ("~", None)])
def test_le_seuil_des_erreurs_du_scenario_se_lit_dans_recette_yaml(tmp_path: Path, valeur: str,
                                                                   attendu: int | None) -> None:
    fichier = tmp_path / "recette.yaml"
    fichier.write_text(f"environnements: {{}}\nporte_qualite:\n  erreurs_scenario: {valeur}\n", encoding="utf-8")
    assert charger(fichier).porte_qualite.erreurs_scenario == attendu
    fichier.write_text("environnements: {}\nporte_qualite:\n  erreurs_scenario: -1\n", encoding="utf-8")
    with pytest.raises(ErreurConfiguration, match="erreurs_scenario » : un nombre entier de scénarios à corriger"):
        charger(fichier)
    assert PorteQualite().erreurs_scenario == 0


# --- Environment failures stay environment failures ------------------------------------------------
def test_une_page_en_erreur_5xx_est_un_defaut_d_environnement_pas_du_scenario() -> None:
    from recette.erreurs import ErreurEnvironnement, ErreurScenario
    from recette.pages.base import EtatPage, ecart
    from recette.rapport.categories import classer_message

    panne = ecart(EtatPage("http://x/situation", 503, "Erreur", "Service indisponible"), "l'écran attendu")
    assert isinstance(panne, ErreurEnvironnement) and not isinstance(panne, ErreurScenario)
    message = f"recette.erreurs.ErreurEnvironnement: {panne}"
    assert classer_message("broken", message).nom == "Défaut d'environnement"
    refus = ecart(EtatPage("http://x/utilisateurs", 403, "Erreur", "Accès refusé : non"), "l'écran attendu")
    assert isinstance(refus, ErreurScenario) and "« Accès refusé : non » (HTTP 403)" in str(refus)
    connexion = ecart(EtatPage("http://x/connexion?suite=/", 200, "Connexion", mot_de_passe=True), "l'écran")
    assert isinstance(connexion, ErreurScenario)
    assert ecart(EtatPage("http://x/connexion", 200, "Connexion"), "l'écran", connexion_attendue=True) is None
    refus_metier = EtatPage("http://x/engagements/nouveau", 409, "Nouvel engagement", "Crédits insuffisants",
                            formulaire=True)
    assert ecart(refus_metier, "l'écran attendu") is None  # a refused form is a verdict to check, not a mistake


def test_un_delai_sur_une_page_5xx_reste_un_defaut_d_environnement() -> None:
    from playwright.sync_api import TimeoutError as DelaiPlaywright

    from recette.echecs import requalifier
    from recette.erreurs import ErreurEnvironnement
    from recette.pages.base import EtatPage

    delai = DelaiPlaywright("Locator.fill: Timeout 30000ms exceeded.")
    assert isinstance(requalifier(EtatPage("http://x/a", 502, "Erreur"), delai, "Quand …"), ErreurEnvironnement)
    assert requalifier(None, delai, "Quand …") is None  # page unreadable: stays a (retried) timeout
    navigation = DelaiPlaywright("Page.goto: Timeout 30000ms exceeded.\n  - navigating to \"http://x/\"")
    assert requalifier(EtatPage("http://x/", 200, "Accueil"), navigation, "Quand …") is None


# --- Times and the scenarios' commit ---------------------------------------------------------------
def test_les_heures_sont_celles_de_paris_et_le_disent() -> None:
    from recette.rapport.environnement import maintenant, periode

    # 23/11/2026 18:57 UTC is 19:57 in Paris (winter time)
    debut = 1795460220000
    assert periode(debut, debut + 60_000) == "23/11/2026 de 19:57 à 19:58 (heure de Paris)"
    assert maintenant().endswith("(heure de Paris)")


def test_des_scenarios_modifies_depuis_le_commit_sont_dits_non_valides(tmp_path: Path) -> None:
    from recette.rapport.environnement import AUCUNE, modifications

    def git(*arguments: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *arguments], cwd=tmp_path, check=True,
                       capture_output=True)

    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "a.feature").write_text("# language: fr\n", encoding="utf-8")
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "a")
    assert modifications(tmp_path) == AUCUNE
    (tmp_path / "features" / "a.feature").write_text("# language: fr\nFonctionnalité: x\n", encoding="utf-8")
    assert modifications(tmp_path) == "modifications non validées : features/a.feature"
    campagne = module_resultats.Campagne(tmp_path, [], {"Modifications des scénarios": modifications(tmp_path) or ""})
    infos = bloc(campagne, "2026.2", tmp_path, {"CI_COMMIT_SHA": "abc123"})
    assert infos["Commit des scénarios"] == "abc123 + modifications non validées : features/a.feature"
    assert "Modifications des scénarios" not in infos


def test_les_messages_de_playwright_sont_dits_en_francais() -> None:
    from recette.rapport.categories import cause

    assert cause("AssertionError: Locator expected to have text 'Crédits insuffisants'\nActual value: Engagement "
                 "2103000001 créé \nCall log:\n  - Expect \"to_have_text\"") == (
        "Texte attendu « Crédits insuffisants », affiché « Engagement 2103000001 créé »")
    assert cause("AssertionError: Locator expected to have text 'Refus'\nActual value: <element(s) not found> \n") == (
        "Texte attendu « Refus », affiché « rien : aucun élément de ce type à l'écran »")
    assert cause("AssertionError: Locator expected to have count '0'\nActual value: 1\nCall log:") == (
        "Nombre d'éléments attendu : 0, trouvé : 1")
    assert cause("AssertionError: le montant est faux") == "le montant est faux"


def test_le_message_nomme_l_element_regarde_en_mots_de_testeur() -> None:
    from recette.rapport.categories import cause

    journal = "\nCall log:\n  - Expect \"to_have_text\" with timeout 5000ms\n  - waiting for {}\n"
    assert cause("AssertionError: Locator expected to have text 'Refusé'\nActual value: Accepté" +
                 journal.format('get_by_role("alert")')) == (
        "Texte attendu « Refusé », affiché « Accepté » — élément : le message de refus (alerte)")
    assert cause("AssertionError: Locator expected to be visible\nActual value: <element(s) not found>" + journal.format(
        "locator('ui5={\"controlType\": \"sap.m.Input\", \"labelFor\": {\"text\": \"Montant\"}}')")) == (
        "Élément attendu à l'écran, absent — élément : sap.m.Input libellé « Montant »")
