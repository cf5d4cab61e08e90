"""Habilitations steps: who is logged in, what their périmètre shows and refuses, the
administrator's screens, the bulk file. Logins go through the API, except the sentence about the
login page itself, which types the campaign's password there (masked in every output).

The step docstrings are in French: the step catalogue (``recette etapes``) shows them to testers."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, then, when

from recette import budget
from recette.cible import CLE_IDENTIFIANTS, Cible
from recette.connexion import Session
from recette.contextes import contexte as besoins
from recette.erreurs import ErreurApi
from recette.habilitations import dans_le_perimetre, perimetres_de_lecture
from recette.pages import (
    PageChorus,
    PageConnexion,
    PageEngagements,
    PageImportHabilitations,
    PageReferentiel,
    PageUtilisateur,
    PageUtilisateurs,
)
from recette.pages.habilitations import Bandeau
from recette.pages.restitutions import PageRestitutions
from recette.parametres import Exercice
from steps.communs import ContexteScenario, phrase

REFUS = "Accès refusé"


def _session(contexte: ContexteScenario) -> Session:
    session = contexte.valeurs.get("session")
    if session is None:
        raise AssertionError("Aucun utilisateur connecté par une étape précédente du scénario")
    return session  # type: ignore[no-any-return]


def _perimetres_de_lecture(cible: Cible, contexte: ContexteScenario) -> list[str]:
    """The périmètres the connected user reads, as the sandbox tells them (``/api/moi``)."""
    client = cible.client_de(_session(contexte))
    try:
        return perimetres_de_lecture(client.moi())
    finally:
        client.fermer()


def _ouvrir_session(ecran: Page, contexte: ContexteScenario, session: Session) -> ContexteScenario:
    """The browser becomes this user: its cookies replace the campaign user's (no page typed in)."""
    ecran.context.clear_cookies()
    ecran.context.add_cookies(session.cookies_navigateur())  # type: ignore[arg-type]
    contexte.valeurs["session"] = session
    return contexte


# --- Étant donné: who is logged in -------------------------------------------------------------
@given(phrase('je suis connecté en tant que "{role}" sur le périmètre "{perimetre}"'), target_fixture="contexte")
@besoins(bac_a_sable_seulement=True)
def connecte_role(ecran: Page, cible: Cible, contexte: ContexteScenario, role: str,
                  perimetre: str) -> ContexteScenario:
    """Connecte (par l'API) un utilisateur qui a exactement ce rôle-territoire, créé s'il n'existe pas.

    Exemple : Étant donné que je suis connecté en tant que "RUO" sur le périmètre "BG00/0150-CSUP-DR75"
    """
    assert cible.connexions is not None
    return _ouvrir_session(ecran, contexte, cible.connexions.session_pour_role(cible.client, role, perimetre))


@given(phrase('je suis connecté en tant que l\'utilisateur "{identifiant}"'), target_fixture="contexte")
@when(phrase('je me connecte en tant que l\'utilisateur "{identifiant}"'), target_fixture="contexte")
@besoins(bac_a_sable_seulement=True)
def connecte_utilisateur(ecran: Page, cible: Cible, contexte: ContexteScenario, identifiant: str) -> ContexteScenario:
    """Connecte (par l'API, une fois par utilisateur et par processus : une session déjà ouverte est
    reprise) un utilisateur nommé du jeu de données, ou créé par une étape précédente.

    Exemple : Étant donné que je suis connecté en tant que l'utilisateur "admin.pole"
    """
    assert cible.connexions is not None
    return _ouvrir_session(ecran, contexte, cible.connexions.session(identifiant))


@given(phrase("je ne suis pas connecté"))
def non_connecte(ecran: Page) -> None:
    """Le navigateur n'a plus de session (ses cookies sont effacés).

    Exemple : Étant donné que je ne suis pas connecté
    """
    ecran.context.clear_cookies()


@given(phrase('{nombre:d} connexions échouent pour l\'utilisateur "{identifiant}"'))
@besoins(bac_a_sable_seulement=True)
def connexions_echouees(cible: Cible, nombre: int, identifiant: str) -> None:
    """Connexions échouées par l'API, chacune avec un mauvais mot de passe.

    Exemple : Étant donné 5 connexions échouent pour l'utilisateur "sophie.garnier"
    """
    assert cible.connexions is not None
    for rang in range(1, nombre + 1):
        refus = cible.connexions.tenter(identifiant, f"mot-de-passe-errone-{rang}")
        assert refus is not None, f"La connexion n°{rang} avec un mauvais mot de passe a été acceptée"


# --- Quand: what the user does ------------------------------------------------------------------
@when(phrase('j\'ouvre l\'adresse "{chemin}"'))
def ouvrir_adresse(ecran: Page, chemin: str) -> None:
    """Ouvre un écran par son adresse, comme un utilisateur qui la tape ou la devine.

    Exemple : Quand j'ouvre l'adresse "/engagements/2103000004"
    """
    ecran.goto(chemin)


@when(phrase('j\'appelle l\'API "{appel}"'), target_fixture="contexte")
@besoins(produit=["api"], bac_a_sable_seulement=True)
def appeler_api(cible: Cible, contexte: ContexteScenario, appel: str) -> ContexteScenario:
    """Appelle l'API de la cible en tant que l'utilisateur connecté (son jeton) : « MÉTHODE /chemin ».

    Exemple : Quand j'appelle l'API "GET /api/engagements/2103000004"
    """
    methode, _, route = appel.partition(" ")
    client = cible.client_de(_session(contexte))
    try:
        contexte.valeurs["api"] = (200, client.appeler(methode.upper(), route.strip()))
    except ErreurApi as exc:
        contexte.valeurs["api"] = (exc.statut, exc.message)
    finally:
        client.fermer()
    return contexte


@when(phrase('je me connecte par l\'API en tant que "{identifiant}"'), target_fixture="contexte")
@besoins(produit=["connexion"], bac_a_sable_seulement=True)
def se_connecter_api(cible: Cible, contexte: ContexteScenario, identifiant: str) -> ContexteScenario:
    """Tente une connexion par l'API avec le mot de passe de la campagne.

    Exemple : Quand je me connecte par l'API en tant que "ines.caron"
    """
    assert cible.connexions is not None
    contexte.valeurs["connexion"] = cible.connexions.tenter(identifiant)
    return contexte


@when(phrase('je me connecte avec l\'identifiant "{identifiant}" et le mot de passe de la campagne'))
def se_connecter_page(ecran: Page, pytestconfig: pytest.Config, identifiant: str) -> None:
    """Saisit l'identifiant et le mot de passe de la campagne sur la page de connexion, puis « Se
    connecter », comme une personne. Le mot de passe vient de la variable d'environnement nommée
    dans recette.yaml, jamais d'un fichier ; il est masqué dans le rapport, les traces et les captures.

    Exemple : Quand je me connecte avec l'identifiant "sophie.garnier" et le mot de passe de la campagne
    """
    PageConnexion(ecran).se_connecter(identifiant, pytestconfig.stash[CLE_IDENTIFIANTS].mot_de_passe)


@when(phrase('je crée l\'utilisateur "{identifiant}" nommé "{nom}"'))
def creer_utilisateur(ecran: Page, identifiant: str, nom: str) -> None:
    """Crée un utilisateur sur l'écran de paramétrage (administrateur).

    Exemple : Quand je crée l'utilisateur "camille.martin" nommé "Camille Martin – gestionnaire"
    """
    PageUtilisateurs(ecran).creer(identifiant, nom)


@when(phrase('j\'attribue le rôle "{role}" sur le périmètre "{perimetre}" à l\'utilisateur "{identifiant}"'))
def attribuer_role(ecran: Page, role: str, perimetre: str, identifiant: str) -> None:
    """Attribue un rôle-territoire sur la fiche de l'utilisateur (administrateur).

    Exemple : Quand j'attribue le rôle "RUO" sur le périmètre "BG00/0150-CSUP-DR69" à l'utilisateur "camille.martin"
    """
    PageUtilisateur(ecran).attribuer(identifiant, role, perimetre)


@when(phrase('je retire le rôle "{role}" sur le périmètre "{perimetre}" à l\'utilisateur "{identifiant}"'))
def retirer_role(ecran: Page, role: str, perimetre: str, identifiant: str) -> None:
    """Retire un rôle-territoire sur la fiche de l'utilisateur (administrateur).

    Exemple : Quand je retire le rôle "gestionnaire" sur le périmètre "BG00/0150-CSUP-DR75" à l'utilisateur "julien.roux"
    """
    PageUtilisateur(ecran).retirer(identifiant, role, perimetre)


@when(phrase('je suspends l\'utilisateur "{identifiant}"'))
def suspendre(ecran: Page, identifiant: str) -> None:
    """Suspend un utilisateur sur sa fiche (administrateur).

    Exemple : Quand je suspends l'utilisateur "sophie.garnier"
    """
    PageUtilisateur(ecran).suspendre(identifiant)


@when(phrase('je réactive l\'utilisateur "{identifiant}"'))
def reactiver(ecran: Page, identifiant: str) -> None:
    """Réactive un utilisateur suspendu sur sa fiche (administrateur).

    Exemple : Quand je réactive l'utilisateur "ines.caron"
    """
    PageUtilisateur(ecran).reactiver(identifiant)


@when(phrase('j\'importe le fichier d\'habilitations "{nom}" :'))
def importer(ecran: Page, dossier_scenario: Path, nom: str, datatable: list[list[str]]) -> None:
    """Écrit le tableau en fichier CSV (« ; », UTF-8) et le dépose sur l'écran d'import en masse.

    Exemple : Quand j'importe le fichier d'habilitations "habilitations-dr69.csv" :
    """
    dossier_scenario.mkdir(parents=True, exist_ok=True)
    fichier = dossier_scenario / nom
    fichier.write_text(budget.csv_loi(datatable), encoding="utf-8")  # a table as the CSV a screen takes
    PageImportHabilitations(ecran).importer(fichier)


@when(phrase('je demande la restitution "{code}" de l\'exercice {exercice:Exercice}'))
def demander_restitution(ecran: Page, cible: Cible, code: str, exercice: Exercice) -> None:
    """Demande une restitution sur son écran sans attendre de fichier (elle peut être refusée).

    Exemple : Quand je demande la restitution "AUDIT-HABILITATIONS" de l'exercice N
    """
    PageRestitutions(ecran).demander(code, exercice.resoudre(cible.exercice))


# --- Alors: what the user sees and is refused ------------------------------------------------------
@then(phrase("l'accès m'est refusé"))
def acces_refuse(ecran: Page) -> None:
    """L'écran refuse : son alerte commence par « Accès refusé ».

    Exemple : Alors l'accès m'est refusé
    """
    expect(PageChorus(ecran).alerte).to_contain_text(REFUS)


@then(phrase('l\'accès m\'est refusé avec le message "{message}"'))
def acces_refuse_message(ecran: Page, message: str) -> None:
    """L'écran refuse avec ce message, mot pour mot.

    Exemple : Alors l'accès m'est refusé avec le message "Accès refusé : l'engagement juridique 2103000004 est hors de votre périmètre"
    """
    expect(PageChorus(ecran).alerte).to_have_text(message)


@then(phrase("la page de connexion s'affiche"))
def page_de_connexion(ecran: Page) -> None:
    """L'utilisateur est renvoyé à la page de connexion (pas de session).

    Exemple : Alors la page de connexion s'affiche
    """
    expect(PageConnexion(ecran).titre).to_have_text("Connexion")
    assert "/connexion" in ecran.url, ecran.url


@then(phrase('le bandeau affiche l\'utilisateur connecté "{identifiant}"'))
def utilisateur_connecte(ecran: Page, identifiant: str) -> None:
    """Le bandeau de l'écran nomme l'utilisateur connecté, sans refus affiché.

    Exemple : Alors le bandeau affiche l'utilisateur connecté "sophie.garnier"
    """
    expect(Bandeau(ecran).utilisateur_connecte).to_have_text(identifiant)
    expect(PageChorus(ecran).alerte).to_have_count(0)


@then(phrase('l\'API refuse l\'accès avec le statut {statut:d} et le message "{message}"'))
@besoins(requiert=["api"])
def api_refuse(contexte: ContexteScenario, statut: int, message: str) -> None:
    """Le dernier appel à l'API est refusé avec ce statut et ce message.

    Exemple : Alors l'API refuse l'accès avec le statut 403 et le message "Accès refusé : l'engagement juridique 2103000004 est hors de votre périmètre"
    """
    obtenu = contexte.exiger("api")
    assert obtenu == (statut, message), f"Réponse de l'API : {obtenu}"


@then(phrase("la réponse de l'API ne contient que les centres financiers :"))
@besoins(requiert=["api"])
def api_centres_financiers(contexte: ContexteScenario, datatable: list[list[str]]) -> None:
    """Le dernier appel à l'API a rendu une liste dont les objets sont exactement sur ces centres financiers.

    Exemple : Alors la réponse de l'API ne contient que les centres financiers :
    """
    statut, corps = contexte.exiger("api")
    assert statut == 200 and isinstance(corps, list), f"Réponse de l'API : {statut} {corps}"
    attendus = {ligne[0] for ligne in datatable[1:]}
    assert {objet["uo"] for objet in corps} == attendus


@then(phrase("je ne vois que les centres financiers de mon périmètre"))
@besoins(bac_a_sable_seulement=True)
def centres_du_perimetre(ecran: Page, cible: Cible, contexte: ContexteScenario) -> None:
    """L'écran du référentiel liste exactement les centres financiers couverts par les périmètres de l'utilisateur.

    Exemple : Alors je ne vois que les centres financiers de mon périmètre
    """
    perimetres = _perimetres_de_lecture(cible, contexte)
    attendus = dans_le_perimetre(perimetres, [u["code"] for u in cible.client.referentiel("uos")])
    affiches = PageReferentiel(ecran).centres_financiers()
    assert attendus, f"Aucun centre financier dans le périmètre {perimetres}"
    assert sorted(affiches) == sorted(attendus), f"Affichés : {affiches} ; attendus : {attendus}"


@then(phrase("je ne vois que les centres financiers :"))
def centres_affiches(ecran: Page, datatable: list[list[str]]) -> None:
    """L'écran du référentiel liste exactement ces centres financiers.

    Exemple : Alors je ne vois que les centres financiers :
    """
    attendus = sorted(ligne[0] for ligne in datatable[1:])
    assert sorted(PageReferentiel(ecran).centres_financiers()) == attendus


@then(phrase("je ne vois que les engagements juridiques de mon périmètre"))
@besoins(bac_a_sable_seulement=True)
def engagements_du_perimetre(ecran: Page, cible: Cible, contexte: ContexteScenario) -> None:
    """La liste des engagements montre exactement ceux des centres financiers du périmètre de l'utilisateur.

    Exemple : Alors je ne vois que les engagements juridiques de mon périmètre
    """
    perimetres = _perimetres_de_lecture(cible, contexte)
    tous = [ej["uo"] for ej in cible.client.appeler("GET", "/api/engagements")]
    affiches = PageEngagements(ecran).centres_financiers()
    assert affiches, "Aucun engagement juridique affiché"
    assert sorted(affiches) == sorted(dans_le_perimetre(perimetres, tous)), affiches


@then(phrase('le résultat de l\'opération est "{resultat:ResultatOperation}"'))
def resultat_operation(ecran: Page, resultat: str) -> None:
    """« accepté » (une confirmation, aucun refus) ou « accès refusé » (refus pour le rôle ou le périmètre).

    Exemple : Alors le résultat de l'opération est "accès refusé"
    """
    page = PageChorus(ecran)
    if resultat == "accepté":
        expect(page.notice).to_have_count(1)
        expect(page.alerte).to_have_count(0)
    else:
        expect(page.alerte).to_contain_text(REFUS)


@then(phrase('la connexion est refusée avec le message "{message}"'))
@besoins(requiert=["connexion"])
def connexion_refusee(contexte: ContexteScenario, message: str) -> None:
    """La dernière tentative de connexion est refusée avec ce message.

    Exemple : Alors la connexion est refusée avec le message "Compte suspendu : connexion refusée"
    """
    assert contexte.valeurs.get("connexion") == message, f"Connexion : {contexte.valeurs.get('connexion')}"


@then(phrase('la connexion est refusée pour "{motif}"'))
@besoins(requiert=["connexion"])
def connexion_refusee_motif(contexte: ContexteScenario, motif: str) -> None:
    """La dernière tentative de connexion est refusée avec un message qui contient ce motif.

    Exemple : Alors la connexion est refusée pour "Compte verrouillé jusqu'au"
    """
    refus = contexte.valeurs.get("connexion")
    assert isinstance(refus, str) and motif in refus, f"Connexion : {refus}"


@then(phrase("la connexion est acceptée"))
@besoins(requiert=["connexion"])
def connexion_acceptee(contexte: ContexteScenario) -> None:
    """La dernière tentative de connexion a réussi.

    Exemple : Alors la connexion est acceptée
    """
    assert "connexion" in contexte.valeurs and contexte.valeurs["connexion"] is None, contexte.valeurs.get("connexion")


@then(phrase('l\'utilisateur "{identifiant}" a les rôles-territoires :'))
def roles_de(ecran: Page, identifiant: str, datatable: list[list[str]]) -> None:
    """La fiche de l'utilisateur montre exactement ces rôles-territoires (Rôle | Périmètre).

    Exemple : Alors l'utilisateur "camille.martin" a les rôles-territoires :
    """
    attendus = sorted((ligne[0], ligne[1]) for ligne in datatable[1:])
    assert sorted(PageUtilisateur(ecran).roles(identifiant)) == attendus


@then(phrase('l\'utilisateur "{identifiant}" n\'existe pas'))
@besoins(bac_a_sable_seulement=True)
def utilisateur_absent(cible: Cible, identifiant: str) -> None:
    """Aucun utilisateur de ce nom sur la cible (lu par l'utilisateur de la campagne, administrateur).

    Exemple : Alors l'utilisateur "camille.martin" n'existe pas
    """
    assert identifiant not in {u["identifiant"] for u in cible.client.utilisateurs()}


@then(phrase("l'import est refusé et le rapport signale :"))
def import_refuse(ecran: Page, datatable: list[list[str]]) -> None:
    """Rien n'est appliqué et le rapport nomme exactement ces lignes (Ligne | Motif).

    Exemple : Alors l'import est refusé et le rapport signale :
    """
    page = PageImportHabilitations(ecran)
    expect(page.alerte).to_contain_text("aucune modification appliquée")
    assert page.rejets() == [(ligne[0], ligne[1]) for ligne in datatable[1:]]
