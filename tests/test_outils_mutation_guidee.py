"""Guided ``recette mutation``: each defect mapped to its traced rule, the sandbox's recording of
what a scenario reaches, the unreached rules and refusals, and for real, on a tiny campaign, the
guided matrix equal to the complete one."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent

import pytest

from chorus_sandbox import Bac
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine import regles, traces
from chorus_sandbox.domaine.defauts import CATALOGUE
from chorus_sandbox.domaine.erreurs import CreditsInsuffisants, RegleDeGestion
from chorus_sandbox.jeux import ErreurJeu
from recette.outils import ErreurOutil, mutants, mutation
from recette.outils import couverture as cv
from recette.outils.mutation import Campagne, Execution, Issue, en_json, en_texte, mesurer

RACINE = Path(__file__).resolve().parents[1]
FIXTURES = RACINE / "fixtures"


# --- Each defect has its traced rule ------------------------------------------------------------
def test_chaque_defaut_du_catalogue_est_verifie_dans_une_seule_regle_tracee() -> None:
    carte = cv.regles_des_defauts(CATALOGUE)
    assert set(carte) == set(CATALOGUE)
    assert carte["ej-au-dela-des-ae"] == "regles.controler_engagement"
    assert carte["csv-point-decimal"] == "restitutions.degrader"
    assert carte["perimetre-absent-restitution"] == "restitutions.lue_sans_perimetre"


def test_chaque_fonction_publique_de_regles_est_tracee() -> None:
    publiques = [n for n, f in vars(regles).items()
                 if callable(f) and getattr(f, "__module__", "") == regles.__name__ and not n.startswith("_")
                 and not isinstance(f, type)]
    assert publiques, "regles.py has public functions"
    assert [n for n in publiques if not hasattr(getattr(regles, n), "defauts_gardes")] == []
    assert {f"regles.{n}" for n in publiques} == {r.nom for r in cv.regles() if r.fichier == "domaine/regles.py"}


def _petit_bac(racine: Path) -> Path:
    """A sandbox source tree: erreurs, two rules, a check outside any traced rule, two refusals."""
    (racine / "domaine").mkdir(parents=True)
    (racine / "domaine" / "erreurs.py").write_text(dedent('''\
        class ErreurChorus(Exception):
            pass


        class DonneeInvalide(ErreurChorus):
            pass
        '''), encoding="utf-8")
    (racine / "domaine" / "regles.py").write_text(dedent('''\
        from chorus_sandbox.domaine import erreurs as e
        from chorus_sandbox.domaine.erreurs import DonneeInvalide


        class Refus(DonneeInvalide):
            pass


        @regle("a")
        def controler(ctx, montant):
            if ctx.defaut("a"):
                return
            if montant < 0:
                raise DonneeInvalide(
                    f"Montant négatif : {montant} "
                    f"(attendu positif)"
                )


        @regle()
        def verifier(ctx, code):
            if not code:
                raise e.DonneeInvalide("Code obligatoire")
            raise Refus(code)


        def convertir(montant):
            if not isinstance(montant, int):
                # refus non provocable : chaque écran passe un entier
                raise DonneeInvalide("Montant en centimes entiers")


        def sans_trace(ctx):
            return ctx.defaut("b")
        '''), encoding="utf-8")
    return racine


def test_un_defaut_sans_regle_tracee_est_une_erreur(tmp_path: Path) -> None:
    racine = _petit_bac(tmp_path)
    assert cv.regles_des_defauts(["a"], racine) == {"a": "regles.controler"}
    with pytest.raises(ErreurOutil) as erreur:
        cv.regles_des_defauts(["a", "b", "c"], racine)
    assert str(erreur.value) == (
        "défaut(s) sans règle tracée, leurs scénarios ne peuvent pas être choisis : "
        "b est vérifié dans regles.sans_trace, qui ne le déclare pas (@regle(\"b\")) ; "
        "c n'est vérifié dans aucune fonction du bac à sable")


def test_la_mesure_guidee_refuse_un_defaut_sans_regle_avant_toute_campagne(tmp_path: Path) -> None:
    def executer(dossier: Path, campagne: Campagne, defaut: str) -> Execution:
        raise AssertionError("no campaign for a defect without rule")

    with pytest.raises(ErreurOutil, match="pas-un-defaut n'est vérifié dans aucune fonction du bac à sable"):
        mesurer(["ej-au-dela-des-ae", "pas-un-defaut"], Campagne(["features"]), tmp_path, lambda _: None, executer,
                guidee=True)


# --- Refusals and rules no scenario reaches ---------------------------------------------------------
def test_les_refus_non_atteints_sont_exacts_sur_un_petit_bac(tmp_path: Path) -> None:
    racine = _petit_bac(tmp_path)
    possibles = cv.refus_possibles(racine)
    assert [str(r) for r in possibles] == [
        "domaine/regles.py:14 DonneeInvalide « Montant négatif : … (attendu positif) »",
        "domaine/regles.py:23 DonneeInvalide « Code obligatoire »",
        "domaine/regles.py:24 Refus « … »",
        "domaine/regles.py:30 DonneeInvalide « Montant en centimes entiers » — chaque écran passe un entier",
    ]
    couverture = cv.Couverture({"s1": {"refus": {"domaine/regles.py:16"}, "regle": {"regles.controler"}},
                                "jeu:cloture": {"refus": {"domaine/regles.py:24"}}}, {"s1": 1.0})
    assert [r.lieu for r in couverture.refus_non_atteints(possibles)] == ["domaine/regles.py:23"]  # the guard apart
    assert couverture.regles_non_atteintes(cv.regles(racine)) == ["regles.verifier"]


@pytest.fixture
def trace(tmp_path: Path) -> Iterator[Path]:
    fichier = tmp_path / "trace.jsonl"
    traces.activer(fichier)
    yield fichier
    traces.activer(None)


def test_le_bac_enregistre_regles_refus_et_defauts_qui_changent_la_reponse(trace: Path, tmp_path: Path) -> None:
    ctx = regles.Contexte(2026, dt.date(2026, 3, 1))
    traces.commencer_scenario("s1")
    regles.controler_engagement(ctx, 100, 500, "l'UO X")  # within the AE: the defect changes nothing
    traces.commencer_scenario("s2")
    with pytest.raises(CreditsInsuffisants):
        regles.controler_engagement(ctx, 900, 500, "l'UO X")  # beyond: with the defect on, accepted
    faits = [json.loads(ligne) for ligne in trace.read_text(encoding="utf-8").splitlines()]
    assert faits == [
        {"scenario": "s1", "regle": "regles.controler_engagement"},
        {"scenario": "s1", "regle": "regles.credits_suffisants"},
        {"scenario": "s2", "regle": "regles.controler_engagement"},
        {"scenario": "s2", "regle": "regles.credits_suffisants"},
        {"scenario": "s2", "refus": faits[4]["refus"], "classe": "CreditsInsuffisants"},
        {"scenario": "s2", "defaut": "ej-au-dela-des-ae"},
    ]
    (tmp_path / "scenarios.jsonl").write_text('{"scenario": "s1", "duree": 1, "echec": false}\n'
                                              '{"scenario": "s2", "duree": 2, "echec": false}\n', encoding="utf-8")
    couverture = cv.lire(trace, tmp_path / "scenarios.jsonl")
    assert couverture.scenarios_du_defaut("ej-au-dela-des-ae") == ["s2"]
    non_atteints = {str(r) for r in couverture.refus_non_atteints(cv.refus_possibles())}
    assert [str(r) for r in cv.refus_possibles() if r.lieu == faits[4]["refus"]] == [
        f"{faits[4]['refus']} CreditsInsuffisants « Crédits insuffisants : … demandés, … disponibles en … sur … »"]
    assert not any(r.startswith(faits[4]["refus"] + " ") for r in non_atteints)


def test_un_defaut_du_chargement_n_est_vu_que_par_les_scenarios_qui_lisent_ce_qu_il_change(
        trace: Path, tmp_path: Path) -> None:
    """reserve-non-appliquee acts while the dataset is loaded: a scenario reading the credits of
    the programme sees it, one reading only the suppliers does not."""
    from chorus_sandbox.domaine import modele as m

    bac = Bac(url=f"sqlite:///{tmp_path / 'bac.sqlite'}", jeu="standard", fixtures=FIXTURES, mot_de_passe="x" * 12)
    try:
        traces.commencer_scenario("f:1:fournisseurs")
        assert bac.lire(lambda depot: depot.trouver(m.Fournisseur, "1000012345")) is not None
        traces.commencer_scenario("f:2:credits")
        assert bac.lire(lambda depot: depot.enveloppe(bac.contexte.exercice, "programme", "0150", "3")).ae_ouverts > 0
        traces.commencer_scenario("f:3:ombre-muette")
        with traces.muet():
            bac.lire(lambda depot: depot.enveloppes(bac.contexte.exercice, "uo"))
    finally:
        bac.fermer()
    faits = [json.loads(ligne) for ligne in trace.read_text(encoding="utf-8").splitlines()]
    assert {"scenario": "", "defaut": "reserve-non-appliquee"} in faits  # the loading, at start-up
    assert {"scenario": "", "lectures": "reserve-non-appliquee"} in faits  # ... followed read by read
    assert [f["scenario"] for f in faits if f.get("defaut") == "reserve-non-appliquee"] == ["", "f:2:credits"]
    (tmp_path / "scenarios.jsonl").write_text("".join(
        json.dumps({"scenario": s, "duree": 1, "echec": False}) + "\n"
        for s in ("f:1:fournisseurs", "f:2:credits", "f:3:ombre-muette")), encoding="utf-8")
    couverture = cv.lire(trace, tmp_path / "scenarios.jsonl")
    assert couverture.scenarios_du_defaut("reserve-non-appliquee") == ["f:2:credits"]
    sans_ombre = cv.Couverture({"": {"defaut": {"reserve-non-appliquee"}}, "f:1:a": {}}, {"f:1:a": 1.0})
    assert sans_ombre.scenarios_du_defaut("reserve-non-appliquee") == ["f:1:a"]  # not followed: inherited


def test_un_defaut_du_chargement_lu_dans_une_operation_n_est_vu_que_si_une_reponse_le_montre(
        trace: Path, tmp_path: Path) -> None:
    """A mise à disposition reads the programme's réserve, which reserve-non-appliquee changed while
    the dataset was loaded: within the credits it answers the same either way, so the defect is
    followed by a shadow of the operation (the live data with the defect's rows of the dataset), not
    noted; the programme read afterwards, or a mise à disposition that only the réserve refuses, shows it."""
    from chorus_sandbox.domaine import modele as m

    defaut = "reserve-non-appliquee"
    bac = Bac(url=f"sqlite:///{tmp_path / 'bac.sqlite'}", jeu="standard", fixtures=FIXTURES, mot_de_passe="x" * 12)

    def programme() -> m.Enveloppe:
        return bac.lire(lambda depot: depot.enveloppe(bac.contexte.exercice, "programme", "0150", "3"))

    def mettre_a_disposition(scenario: str, ae: int) -> None:
        traces.commencer_scenario(scenario)
        bac.reinitialiser()
        bac.executer(op.mettre_a_disposition, "0150", "0150-CSUP", "3", ae, 0)

    try:
        env = programme()
        assert env.ae_reserves > 0
        mettre_a_disposition("f:1:dans-les-credits", 100)
        assert bac.lire(lambda depot: depot.enveloppe(bac.contexte.exercice, "bop", "0150-CSUP", "3")).ae_ouverts > 0
        mettre_a_disposition("f:2:programme-relu", 100)
        assert programme().ae_reserves == env.ae_reserves
        with pytest.raises(CreditsInsuffisants):  # accepted when the réserve was never set aside
            mettre_a_disposition("f:3:refusee-par-la-reserve", env.ae_disponibles + 1)
    finally:
        bac.fermer()
    faits = [json.loads(ligne) for ligne in trace.read_text(encoding="utf-8").splitlines()]
    assert [f["scenario"] for f in faits if f.get("defaut") == defaut and f["scenario"].startswith("f:")] == [
        "f:2:programme-relu", "f:3:refusee-par-la-reserve"]
    assert not list(tmp_path.glob("ombre-operation-*"))


def test_l_ombre_d_une_operation_prend_les_lignes_que_le_defaut_change_dans_le_jeu(tmp_path: Path) -> None:
    """The copy of the live data gets the rows the defect changed, added or left out of the dataset;
    a row of the same key written since by the scenario leaves the copy as it was (answer: False)."""
    from chorus_sandbox.lectures_comparees import LecturesComparees
    from chorus_sandbox.stockage import Stockage

    def base(nom: str, lignes: list[tuple[str, str]]) -> Path:
        chemin = tmp_path / f"{nom}.sqlite"
        Stockage(f"sqlite:///{chemin}").fermer()  # the sandbox's tables
        with sqlite3.connect(chemin) as connexion:
            connexion.executemany("INSERT INTO parametres (nom, valeur) VALUES (?, ?)", lignes)
        return chemin

    instantane = base("instantane", [("a", "1"), ("b", "2"), ("c", "3")])
    ombre = base("ombre", [("a", "1"), ("b", "20"), ("d", "4")])
    lectures = LecturesComparees(lambda: "jeu")
    lectures.declarer("jeu", instantane, {"defaut": ombre})
    copie = sqlite3.connect(base("copie", [("a", "1"), ("b", "2"), ("c", "3"), ("e", "5")]))
    conflit = sqlite3.connect(base("conflit", [("a", "1"), ("b", "2"), ("c", "3"), ("d", "5")]))
    try:
        assert lectures.appliquer("autre-defaut", copie)  # no shadow of the dataset: nothing to do
        assert lectures.appliquer("defaut", copie)
        assert copie.execute("SELECT * FROM parametres ORDER BY nom").fetchall() == [
            ("a", "1"), ("b", "20"), ("d", "4"), ("e", "5")]
        assert not lectures.appliquer("defaut", conflit)
        assert conflit.execute("SELECT * FROM parametres ORDER BY nom").fetchall() == [
            ("a", "1"), ("b", "2"), ("c", "3"), ("d", "5")]
    finally:
        copie.close()
        conflit.close()
        lectures.fermer()


CLOTURE = {"aene-mauvaise-base", "bascule-ej-soldes", "cp-t2-reportes", "plafond-cp-3-pourcent-ignore",
           "plafond-majore-ignore"}


def test_un_defaut_d_une_operation_n_est_vu_que_si_une_reponse_ou_une_lecture_le_montre(
        trace: Path, tmp_path: Path) -> None:
    """The closing reaches the five rules of the reports with arguments they answer differently: a
    scenario that closes as a precondition (answer unread) and reads nothing of it cannot see them;
    one that reads the closing afterwards, or reads the closing's own answer, can."""
    from chorus_sandbox.domaine import reports as rp

    bac = Bac(url=f"sqlite:///{tmp_path / 'bac.sqlite'}", jeu="cloture", mot_de_passe="x" * 12)

    def clore(scenario: str, lue: bool) -> None:
        traces.commencer_scenario(scenario)
        with traces.jeu("cloture"):
            bac.charger("cloture")
        with traces.reponse_non_lue(not lue):
            fin = bac.executer(rp.cloturer_exercice, bac.contexte.exercice, "essai", None)
        assert fin.exercice == 2026 and bac.contexte.exercice == 2027  # the live data moved on as before

    try:
        clore("f:1:precondition", lue=False)
        clore("f:2:relue", lue=False)
        assert bac.lire(rp.clotures)[0].ej_bascules > 0
        clore("f:3:reponse-lue", lue=True)
        clore("f:4:refusee", lue=False)
        with pytest.raises(RegleDeGestion, match="déjà clos"), traces.reponse_non_lue(True):
            bac.executer(rp.cloturer_exercice, 2026, "essai", None)  # refused alike with each defect
    finally:
        bac.fermer()
    faits = [json.loads(ligne) for ligne in trace.read_text(encoding="utf-8").splitlines()]
    vus = {s: {f["defaut"] for f in faits if f["scenario"] == s and "defaut" in f} & CLOTURE
           for s in ("f:1:precondition", "f:2:relue", "f:3:reponse-lue", "f:4:refusee")}
    assert vus == {"f:1:precondition": set(), "f:2:relue": CLOTURE, "f:3:reponse-lue": CLOTURE, "f:4:refusee": set()}
    assert not list(tmp_path.glob("ombre-operation-*"))  # each shadow removed with its scenario


# --- The guided measure, with a fake campaign ---------------------------------------------------------
def _couverture() -> cv.Couverture:
    return cv.Couverture(
        {"": {"defaut": {"reserve-non-appliquee"}},
         "f:1:a": {"regle": {"regles.controler_engagement"}, "defaut": {"ej-au-dela-des-ae"}},
         "f:2:b": {"regle": {"regles.controler_engagement"}, "jeu": {"cloture"}},
         "jeu:cloture": {"regle": {"regles.controler_paiement"}, "defaut": {"paiement-au-dela-des-cp"}},
         "f:3:c": {"regle": {"regles.controler_paiement"}, "defaut": {"paiement-au-dela-des-cp"}}},
        {"f:1:a": 4.0, "f:2:b": 6.0, "f:3:c": 10.0}, {"f:3:c"})


def test_la_mesure_guidee_ne_lance_que_les_scenarios_qui_atteignent_la_regle(tmp_path: Path) -> None:
    appels: list[tuple[str, dict[str, tuple[str, ...]] | None, bool]] = []
    lignes: list[str] = []
    echecs = {"ej-au-dela-des-ae": {"f:1:a"}, "paiement-au-dela-des-cp": {"f:2:b"}, "reserve-non-appliquee": set()}

    def executer(dossier: Path, campagne: Campagne, defaut: str) -> Execution:
        appels.append((defaut, campagne.mutants, campagne.tracer))
        if campagne.tracer:  # the reference: c fails without any defect
            return Execution({c: c == "c" for c in "abc"}, {c: f"Scénario {c}" for c in "abc"}, 40.0, _couverture(),
                             {f"f:{i}:{c}": c for i, c in enumerate("abc", 1)})
        issues = [Issue(s, d, s in echecs[d], 10.0) for d, scenarios in (campagne.mutants or {}).items()
                  for s in scenarios]
        for issue in issues:  # as the campaign writes them, defect by defect
            assert campagne.suivi is not None
            campagne.suivi(issue)
        return Execution({}, {}, 30.0, issues=tuple(issues))

    defauts = ["ej-au-dela-des-ae", "dp-sans-service-fait", "paiement-au-dela-des-cp", "reserve-non-appliquee"]
    matrice = mesurer(defauts, Campagne(["features"], workers=2), tmp_path, lignes.append, executer, guidee=True)
    assert appels == [("", None, True),  # c fails without defect: never run with one
                      ("", {"ej-au-dela-des-ae": ("f:1:a",), "paiement-au-dela-des-cp": ("f:2:b",),
                            "reserve-non-appliquee": ("f:1:a", "f:2:b")}, False)]
    assert [ligne.split(" ; reste environ ")[0] for ligne in lignes] == [
        "[0/4] référence sans défaut, avec la trace des règles…",
        "[0/4] référence : 3 scénario(s), 1 en échec sans défaut (40,0 s)",
        # start-up: 40 s of reference minus (4 + 6 + 10) / 2 workers of scenarios; then 2 + 3 + 5 s of runs
        "[0/4] à lancer : 4 exécution(s) de scénario pour 3 défaut(s), en une campagne, environ 40 s",
        ("[2/4] dp-sans-service-fait : aucun scénario, regles.controler_demande_paiement : règle jamais atteinte ; "
         "NON DÉTECTÉ sans campagne"),
        "[1/4] ej-au-dela-des-ae : 1 scénario, 10 s, détecté par 1 scénario(s)",
        "[3/4] paiement-au-dela-des-cp : 1 scénario, 10 s, détecté par 1 scénario(s)",
        "[4/4] reserve-non-appliquee : 2 scénarios, 20 s, NON DÉTECTÉ",
    ]
    assert all(" ; reste environ " in ligne for ligne in lignes[4:])
    assert matrice.detections == {"ej-au-dela-des-ae": ["a"], "dp-sans-service-fait": [],
                                  "paiement-au-dela-des-cp": ["b"], "reserve-non-appliquee": []}
    resume = json.loads(en_json(matrice))
    assert resume["non_detectes"] == ["dp-sans-service-fait", "reserve-non-appliquee"]
    assert resume["scenarios_par_defaut"] == {"ej-au-dela-des-ae": 1, "dp-sans-service-fait": 0,
                                              "paiement-au-dela-des-cp": 1, "reserve-non-appliquee": 2}
    assert resume["sans_campagne"] == {"dp-sans-service-fait": "règle jamais atteinte"}
    assert resume["regles_possibles"] == len(cv.regles())
    assert "regles.controler_engagement" not in resume["regles_jamais_atteintes"]
    assert "regles.controler_demande_paiement" in resume["regles_jamais_atteintes"]
    gardes = [r for r in cv.refus_possibles() if r.garde]
    assert resume["refus_possibles"] == len(cv.refus_possibles())
    assert len(resume["refus_jamais_atteints"]) == resume["refus_possibles"] - len(gardes)
    assert [r["garde"] for r in resume["refus_non_provocables"]] == [r.garde for r in gardes]
    texte = en_texte(matrice)
    assert "  D2 dp-sans-service-fait : NON DÉTECTÉ (trou de la recette ; regles.controler_demande_paiement : " \
           "règle jamais atteinte)" in texte.splitlines()
    provocables = len(cv.refus_possibles()) - len(gardes)
    assert f"Refus jamais atteints par la recette ({provocables} sur {provocables}) :" in texte.splitlines()


# --- For real: guided = complete on a tiny campaign ---------------------------------------------------------
#: ``recette mutation --complet`` on the same campaign and defects prints this matrix (measured:
#: ``recette mutation --complet --defauts fongibilite-vers-t2,mouvement-au-dela-du-disponible,
#: arrete-integre-deux-fois --tags critique features/lois_de_finances/integration_lfi.feature
#: features/regulation/fongibilite.feature``); the guided measure must print the same.
MATRICE_COMPLETE = [
    "Défauts du bac à sable :",
    "  D1 mouvement-au-dela-du-disponible : NON DÉTECTÉ (trou de la recette)",
    "  D2 fongibilite-vers-t2 : détecté par 1 scénario(s)",
    "  D3 arrete-integre-deux-fois : NON DÉTECTÉ (trou de la recette)",
    "",
    "Matrice défauts × scénarios (X : le scénario échoue quand le défaut est actif) :",
    "  D1  D2  D3   scénario",
    "  .   X   .    Aucun crédit de fonctionnement (titre 3) ne peut abonder le titre 2",
    "  .   .   .    Des crédits de personnel (titre 2) abondent le fonctionnement (titre 3)",
    "  .   .   .    L'intégration de la LFI ouvre les crédits et met en réserve la part de précaution",
    "  .   .   .    Une loi de finances ne peut pas être intégrée deux fois",
    "",
    "Taux de détection : 1/3 défaut(s) (33,3 %)",
    "Non détectés : mouvement-au-dela-du-disponible, arrete-integre-deux-fois",
]


def test_la_matrice_guidee_est_la_matrice_complete_sur_une_petite_campagne(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("RECETTE_ENV", "CHORUS_SANDBOX_DEFAUTS", traces.VARIABLE)}
    fini = subprocess.run(
        [sys.executable, "-m", "recette", "mutation", "--defauts",
         "fongibilite-vers-t2,mouvement-au-dela-du-disponible,arrete-integre-deux-fois", "--tags", "critique",
         "--sortie", str(tmp_path), "--format", "texte", "features/lois_de_finances/integration_lfi.feature",
         "features/regulation/fongibilite.feature"],
        cwd=RACINE, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert fini.returncode == 1, fini.stderr[-3000:]
    sortie = fini.stdout.splitlines()
    # the guided measure also says why a defect was not run: the rule no scenario meets
    pourquoi = [ligne for ligne in sortie[1:4] if " ; regles." in ligne]
    assert pourquoi == [
        ("  D1 mouvement-au-dela-du-disponible : NON DÉTECTÉ (trou de la recette ; regles.controler_mouvement_disponible"
         " : règle jamais atteinte là où le défaut en change la réponse)"),
        ("  D3 arrete-integre-deux-fois : NON DÉTECTÉ (trou de la recette ; regles.controler_integration_unique : "
         "règle jamais atteinte)")]
    assert [re.sub(r" ; regles\.\w+ : [^)]*\)$", ")", ligne) for ligne in sortie[:len(MATRICE_COMPLETE)]] == \
        MATRICE_COMPLETE
    assert sortie[len(MATRICE_COMPLETE) + 1].startswith("Règles jamais atteintes par la recette (")
    assert "Refus jamais atteints par la recette (" in fini.stdout
    progression = [ligne.split(" ; reste")[0] for ligne in fini.stderr.splitlines()]
    assert progression[0] == "[0/3] référence sans défaut, avec la trace des règles…"
    assert progression[2].startswith("[0/3] à lancer : 1 exécution(s) de scénario pour 1 défaut(s), en une campagne, "
                                     "environ ")
    assert progression[3:5] == [
        ("[1/3] mouvement-au-dela-du-disponible : aucun scénario, regles.controler_mouvement_disponible : règle jamais "
         "atteinte là où le défaut en change la réponse ; NON DÉTECTÉ sans campagne"),
        ("[3/3] arrete-integre-deux-fois : aucun scénario, regles.controler_integration_unique : "
         "règle jamais atteinte ; NON DÉTECTÉ sans campagne")]
    assert re.fullmatch(r"\[2/3\] fongibilite-vers-t2 : 1 scénario, \d+ s, détecté par 1 scénario\(s\)", progression[5])
    assert len(progression) == 6
    assert sorted(d.name for d in tmp_path.iterdir()) == ["mutants", "reference"]
    assert json.loads((tmp_path / "mutants" / "mutants.json").read_text(encoding="utf-8")) == {"fongibilite-vers-t2": [
        "features/regulation/fongibilite.feature:26:test_aucun_crédit_de_fonctionnement_titre_3_ne_peut_abonder_le_titre_2"]}
    assert len(list((tmp_path / "mutants" / "allure-results").glob("*-result.json"))) == 1


# --- The single campaign: a sandbox whose defect changes from one scenario to the next ---------------------
def _reserve_du_programme(bac: Bac) -> int:
    situation = bac.lire(lambda depot: op.situation(depot, bac.contexte.exercice, "programme", "0150"))
    return situation.lignes[-1].ae_reserves


def test_un_bac_a_defauts_variables_recharge_son_jeu_avec_le_defaut_de_chaque_scenario() -> None:
    bac = Bac(jeu="standard", fixtures=FIXTURES, defauts_variables=True)
    try:
        reserve = _reserve_du_programme(bac)
        assert reserve > 0
        bac.changer_defauts(frozenset({"reserve-non-appliquee"}))  # the LFI of the dataset integrated again
        assert _reserve_du_programme(bac) == 0
        bac.changer_defauts(frozenset())  # the snapshot without defect, not the one made with it
        assert _reserve_du_programme(bac) == reserve
        bac.changer_defauts(frozenset({"reserve-non-appliquee"}))
        assert _reserve_du_programme(bac) == 0
    finally:
        bac.fermer()


def test_le_changement_de_defaut_ne_depend_pas_du_jeu_laisse_par_le_scenario_precedent() -> None:
    """``cloture`` does not load with mad-du-disponible-exact-refusee: the switch loads the start-up
    dataset, so the next scenario fails only if it loads ``cloture`` itself (as in --complet)."""
    bac = Bac(jeu="standard", fixtures=FIXTURES, defauts_variables=True)
    try:
        bac.charger("cloture")  # what the previous scenario left
        bac.changer_defauts(frozenset({"mad-du-disponible-exact-refusee"}))
        assert (bac.jeu.nom, bac.defauts) == ("standard", frozenset({"mad-du-disponible-exact-refusee"}))
        with pytest.raises(ErreurJeu, match="cloture.yaml : section « mises_a_disposition » : Crédits insuffisants"):
            bac.charger("cloture")
    finally:
        bac.fermer()


def test_un_bac_ordinaire_garde_les_defauts_de_son_demarrage() -> None:
    bac = Bac(jeu="standard", fixtures=FIXTURES)
    try:
        with pytest.raises(RegleDeGestion, match="fixés à son démarrage"):
            bac.changer_defauts(frozenset({"reserve-non-appliquee"}))
        assert bac.defauts == frozenset()
    finally:
        bac.fermer()


@pytest.mark.parametrize(("nom", "sans"), [
    ("test_x[mutant=ej-au-dela-des-ae]", "test_x"),
    ("test_x[mutant=ej-au-dela-des-ae-2 000,00 €]", "test_x[2 000,00 €]"),
    ("test_x[2 000,00 €-mutant=ej-au-dela-des-ae]", "test_x[2 000,00 €]"),
])
def test_le_nom_d_une_execution_guidee_est_celui_du_scenario_de_la_reference(nom: str, sans: str) -> None:
    class Item:  # what cle_sans_mutant reads of a pytest item
        callspec = type("CallSpec", (), {"params": {"mutant": "ej-au-dela-des-ae"}})()

    assert mutants.sans_mutant(f"features/x.feature:3:{nom}", "ej-au-dela-des-ae") == f"features/x.feature:3:{sans}"
    assert mutants.defaut_de(Item()) == "ej-au-dela-des-ae"  # type: ignore[arg-type]


def test_un_defaut_aux_nombreux_scenarios_donne_des_nouvelles_en_chemin() -> None:
    lignes: list[str] = []
    scenarios = tuple(f"f:{i}:s" for i in range(120))
    suivi = mutation._Suivi({"reserve-non-appliquee": scenarios}, {"reserve-non-appliquee": 60.0}, 10.0, lignes.append,
                            {"reserve-non-appliquee": 3})
    for scenario in scenarios:
        suivi.noter(Issue(scenario, "reserve-non-appliquee", scenario == "f:7:s", 1.0))
    assert [ligne.split(" ; reste")[0] for ligne in lignes] == [
        "[3/1] reserve-non-appliquee : 50/120 scénarios…", "[3/1] reserve-non-appliquee : 100/120 scénarios…",
        "[3/1] reserve-non-appliquee : 120 scénarios, 2 min 00 s, détecté par 1 scénario(s)"]


def test_les_temoins_hors_guidage_montrent_ce_que_le_guidage_aurait_manque(tmp_path: Path) -> None:
    lances: list[dict[str, tuple[str, ...]] | None] = []

    def executer(dossier: Path, campagne: Campagne, defaut: str) -> Execution:
        lances.append(campagne.mutants)
        if campagne.tracer:
            return Execution({c: c == "c" for c in "abc"}, {c: f"Scénario {c}" for c in "abc"}, 40.0, _couverture(),
                             {f"f:{i}:{c}": c for i, c in enumerate("abc", 1)})
        # b fails with ej-au-dela-des-ae although the recording says it never meets its rule
        issues = [Issue(s, d, s in ("f:1:a", "f:2:b"), 1.0) for d, c in (campagne.mutants or {}).items() for s in c]
        return Execution({}, {}, 5.0, issues=tuple(issues))

    matrice = mesurer(["ej-au-dela-des-ae"], Campagne(["features"], temoins=5), tmp_path, lambda _: None, executer,
                      guidee=True)
    assert lances[1] == {"ej-au-dela-des-ae": ("f:1:a", "f:2:b")}  # a chosen, b its only possible control
    assert matrice.detections == {"ej-au-dela-des-ae": ["a"]}  # the matrix is the guided one
    assert matrice.temoins_en_echec == {"ej-au-dela-des-ae": ["f:2:b"]}
    assert "Témoins hors guidage : 1 exécution(s) de scénarios que le guidage écarte, 1 en échec :" in en_texte(matrice)
    assert json.loads(en_json(matrice))["temoins_en_echec"] == {"ej-au-dela-des-ae": ["f:2:b"]}


def test_le_temps_restant_ne_grandit_pas_pendant_un_defaut_aux_nombreux_scenarios(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs as long as their reference: after 50 of 100 runs of the first defect, what is left is the
    other 50 and the second defect's 100 (it grew to 5× that when only finished defects counted)."""
    horloge = [0.0]
    monkeypatch.setattr(mutation.time, "monotonic", lambda: horloge[0])
    premier, second = tuple(f"f:{i}:a" for i in range(100)), tuple(f"f:{i}:b" for i in range(100))
    suivi = mutation._Suivi({"d1": premier, "d2": second}, {"d1": 100.0, "d2": 100.0}, 10.0, lambda _: None,
                            {"d1": 1, "d2": 2})
    suivi.debut = 0.0
    horloge[0] = 10.0  # the start-up, as estimated
    restes = []
    for scenario in premier[:50]:
        horloge[0] += 1.0
        suivi.noter(Issue(scenario, "d1", False, 1.0))
        restes.append(suivi.reste())
    assert restes[-1] == pytest.approx(150.0)
    assert max(restes) <= restes[0]


@pytest.mark.parametrize(("entetes", "lu"), [([], True), ([(b"x-recette-reponse-non-lue", b"1")], False),
                                             ([(b"x-recette-reponse-non-lue", b"0")], True)])
def test_une_requete_declaree_non_lue_ne_compare_pas_le_resultat_de_ses_operations(
        entetes: list[tuple[bytes, bytes]], lu: bool) -> None:
    import asyncio

    from chorus_sandbox.web.app import ReponsesNonLues
    from recette.client import ENTETE_REPONSE_NON_LUE

    assert ENTETE_REPONSE_NON_LUE == traces.ENTETE_REPONSE_NON_LUE  # the client and the sandbox agree
    vus: list[bool] = []

    async def application(_scope: object, _receive: object, _send: object) -> None:
        vus.append(traces.resultat_lu())

    asyncio.run(ReponsesNonLues(application)({"type": "http", "headers": entetes}, None, None))
    assert vus == [lu] and traces.resultat_lu()  # only inside that request
