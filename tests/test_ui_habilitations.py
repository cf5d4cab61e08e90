"""Screens and API of the habilitations: the login form (its own CSRF token, lock-out, safe
redirect), the session cookie and its CSRF token on every screen, paramétrage utilisateurs,
bulk import with its report, the audit restitution, the API token flow."""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application
from chorus_sandbox.web.securite import COOKIE_CONNEXION, COOKIE_SESSION
from recette.donnees import lire_export

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

DR75, DR69 = "BG00/0150-CSUP-DR75", "BG00/0150-CSUP-DR69"


def mot_de_passe() -> str:
    return os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"]


def texte_role(reponse: object, role: str) -> str:
    trouve = re.search(rf'role="{role}"[^>]*>(.*?)</div>', reponse.text, re.DOTALL)  # type: ignore[attr-defined]
    return trouve[1].strip().replace("&#39;", "'") if trouve else ""


def notice(reponse: object) -> str:
    return parse_qs(urlsplit(reponse.headers["location"]).query)["notice"][0]  # type: ignore[attr-defined]


@pytest.fixture
def navigateur(bac: Bac) -> TestClient:
    """A client that logs in as a person does (login form, cookie), on a fresh ``mini``."""
    return TestClient(creer_application(bac))


def se_connecter(client: TestClient, identifiant: str, secret: str | None = None, suite: str = "/") -> object:
    page = client.get(f"/connexion?suite={suite}")
    jeton = re.search(r'name="csrf_jeton" value="([^"]+)"', page.text)
    assert jeton and client.cookies.get(COOKIE_CONNEXION) == jeton[1]
    return client.post("/connexion", data={"identifiant": identifiant, "mot_de_passe": secret or mot_de_passe(),
                                           "suite": suite, "csrf_jeton": jeton[1]}, follow_redirects=False)


def csrf(client: TestClient, url: str = "/") -> str:
    trouve = re.search(r'<meta name="csrf-jeton" content="([^"]+)"', client.get(url).text)
    assert trouve, "pas de jeton CSRF dans la page"
    return trouve[1]


def poster(client: TestClient, url: str, **champs: str) -> object:
    return client.post(url, data={**champs, "csrf_jeton": csrf(client)}, follow_redirects=False)


# --- Login form -------------------------------------------------------------------------------------
def test_la_connexion_ouvre_une_session_et_mene_a_la_page_demandee(navigateur: TestClient) -> None:
    assert navigateur.get("/engagements", follow_redirects=False).headers["location"] == "/connexion?suite=/engagements"
    reponse = se_connecter(navigateur, "ruo.dr75", suite="/engagements")
    assert (reponse.status_code, reponse.headers["location"]) == (303, "/engagements")  # type: ignore[attr-defined]
    cookie = reponse.headers["set-cookie"]  # type: ignore[attr-defined]
    assert COOKIE_SESSION in cookie and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    page = navigateur.get("/engagements")
    assert 'data-testid="utilisateur-connecte">ruo.dr75<' in page.text and "Se déconnecter" in page.text
    assert mot_de_passe() not in page.text and mot_de_passe() not in cookie


@pytest.mark.parametrize("suite", ["https://ailleurs.example/", "//ailleurs.example/", "/\\ailleurs"])
def test_la_suite_de_la_connexion_reste_sur_le_site(navigateur: TestClient, suite: str) -> None:
    assert se_connecter(navigateur, "ruo.dr75", suite=suite).headers["location"] == "/"  # type: ignore[attr-defined]


def test_un_mauvais_mot_de_passe_est_refuse_puis_le_compte_verrouille(navigateur: TestClient) -> None:
    for _ in range(4):
        reponse = se_connecter(navigateur, "ruo.dr75", "mauvais")
        assert reponse.status_code == 401  # type: ignore[attr-defined]
        assert texte_role(reponse, "alert") == "Identifiant ou mot de passe incorrect"
        assert 'value="ruo.dr75"' in reponse.text and "mauvais" not in reponse.text  # type: ignore[attr-defined]
    cinquieme = se_connecter(navigateur, "ruo.dr75", "mauvais")
    assert texte_role(cinquieme, "alert").startswith("Identifiant ou mot de passe incorrect : compte verrouillé jusqu'au ")
    assert texte_role(se_connecter(navigateur, "ruo.dr75"), "alert").startswith("Compte verrouillé jusqu'au ")
    assert texte_role(se_connecter(navigateur, "suspendu.dr75"), "alert") == "Compte suspendu : connexion refusée"


def test_la_deconnexion_ferme_la_session(navigateur: TestClient) -> None:
    se_connecter(navigateur, "ruo.dr75")
    reponse = poster(navigateur, "/deconnexion")
    assert (reponse.status_code, notice(reponse)) == (303, "Vous êtes déconnecté(e)")  # type: ignore[attr-defined]
    assert navigateur.get("/", follow_redirects=False).status_code == 303


def test_une_session_expiree_renvoie_a_la_connexion_avec_un_message(navigateur: TestClient, bac: Bac) -> None:
    import time

    from chorus_sandbox.web.securite import Securite

    application = navigateur.app
    ancienne = Securite(application.state.securite.cle, horloge=lambda: time.time() - 9 * 3600)  # type: ignore[attr-defined]
    navigateur.cookies.set(COOKIE_SESSION, ancienne.emettre_session("ruo.dr75")[0])
    reponse = navigateur.get("/situation", follow_redirects=False)
    assert reponse.headers["location"] == "/connexion?suite=/situation&motif=expiree"
    assert texte_role(navigateur.get(reponse.headers["location"]), "status") == "Votre session a expiré : reconnectez-vous"


# --- Paramétrage utilisateurs --------------------------------------------------------------------------
def test_l_administrateur_cree_attribue_retire_suspend_et_reactive(navigateur: TestClient) -> None:
    se_connecter(navigateur, "recette.nationale")
    assert 'href="/utilisateurs"' in navigateur.get("/").text
    cree = poster(navigateur, "/utilisateurs", identifiant="camille.martin", nom="Camille Martin")
    assert (cree.headers["location"].split("?")[0], notice(cree)) == (  # type: ignore[attr-defined]
        "/utilisateurs/camille.martin", ("Utilisateur camille.martin créé : Camille Martin (mot de passe initial du "
        "bac à sable, aucun rôle)"))
    attribue = poster(navigateur, "/utilisateurs/camille.martin/roles", role="RUO", perimetre=DR69.lower())
    assert notice(attribue) == f"Rôle RUO attribué à camille.martin sur le périmètre {DR69}"
    fiche = navigateur.get("/utilisateurs/camille.martin")
    assert f'aria-label="Retirer le rôle RUO sur {DR69}"' in fiche.text and "Attribution du rôle" in fiche.text
    assert notice(poster(navigateur, "/utilisateurs/camille.martin/suspension")) == (
        "Utilisateur camille.martin suspendu : il ne peut plus se connecter")
    assert notice(poster(navigateur, "/utilisateurs/camille.martin/reactivation")) == "Utilisateur camille.martin réactivé"
    retire = poster(navigateur, "/utilisateurs/camille.martin/roles/retrait", role="RUO", perimetre=DR69)
    assert notice(retire) == f"Rôle RUO retiré à camille.martin sur le périmètre {DR69}"
    assert "Aucun rôle : l'utilisateur peut se connecter mais ne voit rien" in navigateur.get(
        "/utilisateurs/camille.martin").text.replace("&#39;", "'")


def test_les_refus_du_parametrage_gardent_la_saisie(navigateur: TestClient) -> None:
    se_connecter(navigateur, "recette.nationale")
    doublon = poster(navigateur, "/utilisateurs", identifiant="ruo.dr75", nom="Doublon")
    assert (doublon.status_code, texte_role(doublon, "alert")) == (409, "L'utilisateur ruo.dr75 existe déjà")  # type: ignore[attr-defined]
    assert 'value="Doublon"' in doublon.text  # type: ignore[attr-defined]
    inconnu = poster(navigateur, "/utilisateurs/ruo.dr75/roles", role="RUO", perimetre="BG00/0150-CSUP-DR99")
    assert (inconnu.status_code, texte_role(inconnu, "alert")) == (404, ("Périmètre inconnu du référentiel : "  # type: ignore[attr-defined]
                                                                   "BG00/0150-CSUP-DR99"))
    assert 'value="BG00/0150-CSUP-DR99"' in inconnu.text  # type: ignore[attr-defined]
    soi = poster(navigateur, "/utilisateurs/recette.nationale/suspension")
    assert texte_role(soi, "alert") == "Vous ne pouvez pas suspendre votre propre compte"


def test_le_parametrage_est_cache_et_refuse_aux_autres_roles(navigateur: TestClient) -> None:
    se_connecter(navigateur, "ruo.dr75")
    assert 'href="/utilisateurs"' not in navigateur.get("/").text
    for url in ("/utilisateurs", "/utilisateurs/ruo.dr75", "/habilitations/import"):
        reponse = navigateur.get(url)
        assert reponse.status_code == 403, url
        assert texte_role(reponse, "alert") == ("Accès refusé : aucun de vos rôles ne permet de paramétrer les "
                                                "utilisateurs et leurs rôles-territoires")


def test_un_administrateur_de_programme_ne_voit_que_les_utilisateurs_de_son_programme(navigateur: TestClient) -> None:
    se_connecter(navigateur, "admin.0217")
    liste = navigateur.get("/utilisateurs").text
    assert "ruo.aspr" in liste and "sans.role" in liste and "ruo.dr75" not in liste and "recette.nationale" not in liste
    assert navigateur.get("/utilisateurs/ruo.dr75").status_code == 403


# --- Bulk import screen -----------------------------------------------------------------------------------
def importer(client: TestClient, contenu: bytes, nom: str = "habilitations.csv") -> object:
    return client.post("/habilitations/import", data={"csrf_jeton": csrf(client)},
                       files={"fichier": (nom, contenu, "text/csv")}, follow_redirects=False)


def test_l_ecran_d_import_applique_un_fichier_windows(navigateur: TestClient) -> None:
    se_connecter(navigateur, "recette.nationale")
    contenu = f"action;identifiant;nom;rôle;périmètre\r\ncréer;helene.roy;Hélène Roy;RUO;{DR69}\r\n".encode("cp1252")
    reponse = importer(navigateur, contenu)
    assert notice(reponse) == "Import appliqué : 1 ligne(s) (1 création)"
    assert "Hélène Roy" in navigateur.get("/utilisateurs/helene.roy").text


def test_l_ecran_d_import_refuse_le_fichier_et_montre_le_rapport(navigateur: TestClient) -> None:
    se_connecter(navigateur, "recette.nationale")
    reponse = importer(navigateur, b"action;identifiant;nom;role;perimetre\ncreer;a.b.c;A;;\nattribuer;x.y.z;;RUO;0150\n")
    assert reponse.status_code == 422  # type: ignore[attr-defined]
    assert texte_role(reponse, "alert") == ("Import refusé : 1 ligne(s) rejetée(s) sur 2, aucune modification appliquée "
                                            "— ligne 3 : utilisateur inconnu : x.y.z")
    assert "<caption>Lignes rejetées</caption>" in reponse.text and "<td>3</td><td>utilisateur inconnu : x.y.z</td>" \
        in reponse.text  # type: ignore[attr-defined]
    assert navigateur.get("/utilisateurs/a.b.c").status_code == 404
    vide = importer(navigateur, b"   ")
    assert texte_role(vide, "alert") == "Fichier : « habilitations.csv » est vide"


# --- API: token flow, users, import, audit ------------------------------------------------------------------
def test_le_jeton_d_api_et_la_session_de_l_api(navigateur: TestClient) -> None:
    reponse = navigateur.post("/api/connexion", json={"identifiant": "ruo.dr75", "mot_de_passe": mot_de_passe()})
    corps = reponse.json()
    assert (corps["type"], corps["expire_dans"], corps["utilisateur"]["roles"]) == (
        "Bearer", 28800, [{"role": "RUO", "libelle": "Responsable d'unité opérationnelle", "perimetre": DR75}])
    assert "empreinte" not in str(corps) and mot_de_passe() not in reponse.text
    navigateur.cookies.clear()
    moi = navigateur.get("/api/moi", headers={"Authorization": f"Bearer {corps['jeton']}"}).json()
    assert moi["operations"]["engager"] == [DR75] and "affecter" in moi["operations"] and "payer" in moi["operations"]
    assert "mettre_a_disposition" not in moi["operations"]
    refus = navigateur.post("/api/connexion", json={"identifiant": "ruo.dr75", "mot_de_passe": "faux"})
    assert (refus.status_code, refus.json()) == (401, {"erreur": "AuthentificationRequise",
                                                       "message": "Identifiant ou mot de passe incorrect"})
    assert refus.headers["www-authenticate"] == "Bearer"


def test_l_api_du_parametrage_et_de_l_import(navigateur: TestClient, connecter: Callable[..., TestClient]) -> None:
    client = connecter(navigateur)
    cree = client.post("/api/utilisateurs", json={"identifiant": "camille.martin", "nom": "Camille Martin"})
    assert cree.status_code == 201 and cree.json()["roles"] == []
    assert client.post("/api/utilisateurs/camille.martin/roles", json={"role": "gestionnaire", "perimetre": DR75}).json()[
        "roles"] == [{"role": "gestionnaire", "libelle": "Gestionnaire (service exécutant)", "perimetre": DR75}]
    refuse = client.post("/api/habilitations/import", content=b"action;identifiant;nom;role;perimetre\n"
                         b"retirer;camille.martin;;RUO;0150\n", headers={"Content-Type": "text/csv"})
    assert refuse.status_code == 422 and refuse.json()["rejets"] == [
        {"ligne": 2, "message": "l'utilisateur camille.martin n'a pas le rôle RUO sur 0150"}]
    applique = client.post("/api/habilitations/import", content=f"action;identifiant;nom;role;perimetre\n"
                           f"retirer;camille.martin;;gestionnaire;{DR75}\nsuspendre;camille.martin;;;\n".encode(),
                           headers={"Content-Type": "text/csv"})
    assert applique.json() == {"message": "Import appliqué : 2 ligne(s) (1 retrait, 1 suspension)", "lignes": 2,
                               "actions": {"retirer": 1, "suspendre": 1}}
    audit = [(e["auteur"], e["action"], e["utilisateur"]) for e in client.get("/api/habilitations/audit").json()]
    assert audit == [("recette.nationale", "Création de l'utilisateur", "camille.martin"),
                     ("recette.nationale", "Attribution du rôle", "camille.martin"),
                     ("recette.nationale", "Import en masse", ""),
                     ("recette.nationale", "Retrait du rôle", "camille.martin"),
                     ("recette.nationale", "Suspension de l'utilisateur", "camille.martin")]


def test_la_restitution_d_audit_se_lit_comme_un_export_de_l_infocentre(navigateur: TestClient, tmp_path: Path,
                                                                       connecter: Callable[..., TestClient]) -> None:
    client = connecter(navigateur)
    client.post("/api/utilisateurs/ruo.dr75/suspension")
    client.post("/api/utilisateurs/ruo.aspr/roles", json={"role": "lecteur", "perimetre": "0217"})
    fichier = tmp_path / "audit.csv"
    fichier.write_bytes(client.get("/api/restitutions/AUDIT-HABILITATIONS?encodage=utf-8").content)
    export = lire_export(fichier)
    assert export.preambule.restitution == "AUDIT-HABILITATIONS : Journal des habilitations - Qui a modifié quoi, quand"
    assert export.types["Date"] == "date" and export.lignes == 2
    lignes = export.donnees.to_dict("records")
    assert [(x["N° d'ordre"], x["Auteur"], x["Action"], x["Utilisateur"], x["Rôle"], x["Périmètre"]) for x in lignes] == [
        ("1", "recette.nationale", "Suspension de l'utilisateur", "ruo.dr75", None, None),
        ("2", "recette.nationale", "Attribution du rôle", "ruo.aspr", "lecteur", "0217")]
    lecteur = navigateur.post("/api/connexion", json={"identifiant": "lecteur.0217", "mot_de_passe": mot_de_passe()})
    navigateur.cookies.clear()
    refuse = navigateur.get("/api/restitutions/AUDIT-HABILITATIONS",
                            headers={"Authorization": f"Bearer {lecteur.json()['jeton']}"})
    assert refuse.status_code == 403


def test_la_matrice_est_publiee_par_l_api(navigateur: TestClient, connecter: Callable[..., TestClient]) -> None:
    matrice = connecter(navigateur).get("/api/habilitations/matrice").json()
    assert matrice["matrice"]["lecteur"] == ["consulter"]
    assert matrice["roles"]["controleur"] == "Contrôleur budgétaire (CBCM)"


def test_l_accueil_d_un_responsable_d_uo_renvoie_a_sa_situation(navigateur: TestClient) -> None:
    se_connecter(navigateur, "ruo.dr75")
    page = navigateur.get("/")
    assert page.status_code == 200
    assert "Aucun programme entier dans votre périmètre" in page.text
    assert re.search(r'<span class="chiffre">(\d+)</span> engagement', page.text)[1] == "3"  # type: ignore[index]
