"""Preconditions on an environment that is not the sandbox: each sentence either has a path through
the screens or is declared sandbox-only; ``recette verifier --env`` lists what cannot run there, and
``recette lancer --env`` skips it with the reason (never a false failure)."""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from recette import config
from recette.contextes import contexte
from recette.erreurs import ErreurConfiguration
from recette.outils.definitions import charger
from recette.outils.verifier import verifier

RACINE = Path(__file__).resolve().parents[1]
#: What only the sandbox's JSON API can do: its client, its API logins, its users' périmètres.
_API_DU_BAC = re.compile(r"cible\.(client|connexions|client_de|session)\b|_perimetres_de_lecture\(|_session\(")


def test_chaque_phrase_qui_passe_par_l_api_du_bac_est_declaree_reservee_au_bac() -> None:
    """A sentence calling the sandbox's API without a path through the screens must say so, or a
    campaign on a real Chorus would fail for a reason that has nothing to do with the release."""
    oubliees = []
    for definition in charger(RACINE):
        source = inspect.getsource(inspect.unwrap(definition.contexte.step_func))
        if _API_DU_BAC.search(source) and not definition.besoins.bac_a_sable_seulement:
            oubliees.append(f"{definition.lieu} « {definition.gabarit} »")
    assert oubliees == []


def test_recette_verifier_liste_ce_qui_ne_se_joue_pas_sur_un_chorus_reel() -> None:
    env = config.charger(RACINE / config.FICHIER).environnement("recette-aife")
    verification = verifier([RACINE / "features" / "budget"], RACINE, env)
    non_jouables = {p.message.split(" » : ")[0].removeprefix("« ") for p in verification.non_jouables}
    assert "Une mise à disposition du BOP vers une UO diminue les crédits disponibles du BOP du même montant" \
        not in non_jouables
    premier = next(p for p in verification.non_jouables if p.fichier.endswith("engagement_juridique.feature"))
    jeu = next(d for d in charger(RACINE) if d.contexte.step_func.__name__ == "jeu_charge")
    assert str(premier).endswith(
        "« Un engagement dans la limite des AE disponibles est créé et consomme les AE » : scénario réservé au bac "
        "à sable : l'étape « le jeu de données \"vierge\" est chargé » passe par l'API du bac à sable, que "
        f"l'environnement « recette-aife » n'a pas (ligne 9, {jeu.lieu})")
    assert len(non_jouables) == verification.scenarios - 2  # the two scenarios of suivi_des_credits.feature


def test_sur_le_bac_a_sable_tout_se_joue() -> None:
    env = config.charger(RACINE / config.FICHIER).environnement("bac-a-sable")
    assert verifier([RACINE / "features" / "budget"], RACINE, env).non_jouables == []


def test_recette_verifier_liste_ce_qui_n_a_pas_de_chemin_sur_la_face_fiori() -> None:
    """On the Fiori face a poste is chosen from the engagement's postes: naming one that does not
    exist has no path there; that sentence's scenario is listed, with the reason, and only it."""
    env = config.charger(RACINE / config.FICHIER).environnement("bac-a-sable-fiori")
    verification = verifier([RACINE / "features" / "budget"], RACINE, env)
    augmenter = next(d for d in charger(RACINE) if d.contexte.step_func.__name__ == "tenter_augmenter_poste")
    assert [p.message for p in verification.non_jouables] == [
        ("« L'augmentation d'un poste qui n'existe pas sur l'engagement est refusée » : scénario non jouable sur les "
        "écrans Fiori de l'environnement « bac-a-sable-fiori » : l'étape « je tente d'augmenter le poste 2 de cet "
        "engagement de 1 000,00 € » n'y a pas de chemin (dans l'application Fiori, le poste se choisit dans la "
        f"liste des postes de l'engagement : un poste qui n'existe pas ne peut pas y être nommé) (ligne 62, {augmenter.lieu})")]


def test_une_face_inconnue_est_refusee_a_la_declaration() -> None:
    with pytest.raises(ValueError, match="face\\(s\\) d'écrans inconnue\\(s\\) : sapgui \\(faces : html, fiori\\)"):
        contexte(non_jouable_sur={"sapgui": "pas de transaction"})
    assert contexte(non_jouable_sur={"fiori": "raison"})(lambda: None).__recette_contexte__.sans_chemin("html") is None


def test_un_choix_inconnu_d_environnement_est_refuse_avec_sa_ligne(tmp_path: Path) -> None:
    fichier = tmp_path / "recette.yaml"
    fichier.write_text("environnements:\n  chorus:\n    url: https://chorus.invalid\n    ecrans: sapgui\n",
                       encoding="utf-8")
    with pytest.raises(ErreurConfiguration) as erreur:
        config.charger(fichier)
    assert str(erreur.value) == (f"{fichier}, ligne 4, clé « environnements.chorus.ecrans » : valeur « sapgui » "
                                 "inconnue (valeurs possibles : html, fiori)")
    env = config.charger(RACINE / config.FICHIER).environnements
    assert (env["recette-aife"].preconditions, env["bac-a-sable"].preconditions) == ("ecrans", "api")
    assert env["bac-a-sable-fiori"].ecrans == "fiori"


def test_sans_api_les_preconditions_passent_par_les_ecrans_et_le_reste_est_ignore(tmp_path: Path) -> None:
    """The sandbox seen as a real Chorus: login through its page, preconditions through its screens;
    the scenarios that need its API are skipped with the reason, none fails."""
    resultats = tmp_path / "allure"
    env = {k: v for k, v in os.environ.items() if k != "RECETTE_ENV"}
    fini = subprocess.run([sys.executable, "-m", "recette", "lancer", "--env", "bac-a-sable-par-les-ecrans",
                           f"--resultats={resultats}", "features/budget/suivi_des_credits.feature",
                           "features/budget/tranche_fonctionnelle.feature"],
                          cwd=RACINE, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert fini.returncode == 0, (fini.stdout + fini.stderr)[-3000:]
    bruts = [json.loads(f.read_text(encoding="utf-8")) for f in resultats.glob("*-result.json")]
    statuts = {b["name"]: b["status"] for b in bruts}
    assert statuts["Les crédits ouverts par une loi rectificative se distribuent du programme au BOP"] == "passed"
    assert statuts["Une mise à disposition du BOP vers une UO diminue les crédits disponibles du BOP du même montant"] \
        == "passed"
    ignores = [b for b in bruts if b["status"] == "skipped"]
    assert len(ignores) == len(bruts) - 2 >= 5
    assert all("l'étape « le jeu de données \"vierge\" est chargé » passe par l'API du bac à sable, que "
               "l'environnement « bac-a-sable-par-les-ecrans » n'a pas" in b["statusDetails"]["message"] for b in ignores)
