"""The login page in a real Chromium, as a person uses it: type the identifiant and the password,
press « Se connecter », land on the page asked for, logged in — the first time, and still after
the requests the browser makes on its own (its favicon, images) and after a second tab.

Issue 14: every login in a browser was refused (« jeton CSRF absent ou invalide ») because the
favicon request, redirected to the login page, replaced the form's token cookie; curl and the
test client never ask for a favicon, so no test saw it. These tests drive Debian's Chromium
against a sandbox served on port 0 in a thread (:class:`chorus_sandbox.ServeurBac`).
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from chorus_sandbox import Bac, ServeurBac
from chorus_sandbox.web import securite
from chorus_sandbox.web.securite import COOKIE_CONNEXION, COOKIE_SESSION, DUREE_SESSION
from recette.navigateur import DRAPEAUX, chemin_chromium

DONNEES = Path(__file__).parent / "donnees"
#: Requests the browser makes on its own while the login page is shown: the favicon, an image of a
#: protected screen (before the fix, redirected to the login page, which set a new token cookie).
IMAGES_AUTOMATIQUES = """async () => {
  const charger = (src) => new Promise((fini) => {
    const image = new Image(); image.onload = () => fini(src + " chargée"); image.onerror = () => fini(src + " refusée");
    image.src = src;
  });
  return Promise.all([charger("/favicon.ico"), charger("/engagements"), charger("/apple-touch-icon.png")]);
}"""


class Horloge:
    """The sandbox's clock for its sessions (``Securite(horloge=...)``), which a test moves forward."""

    def __init__(self) -> None:
        self.avance = 0.0

    def __call__(self) -> float:
        return time.time() + self.avance


def mot_de_passe() -> str:
    return os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"]


# --- Fixtures: one sandbox and one Chromium for the module, a fresh browser context per test --------
@pytest.fixture(scope="module")
def horloge() -> Horloge:
    return Horloge()


@pytest.fixture(scope="module")
def bac_servi(horloge: Horloge) -> Iterator[tuple[Bac, str]]:
    bac = Bac(jeu="mini", fixtures=DONNEES)
    with pytest.MonkeyPatch.context() as patch:  # the application's Securite runs on our clock
        patch.setattr(securite, "Securite", functools.partial(securite.Securite, horloge=horloge))
        serveur = ServeurBac(bac)
    with serveur:
        yield bac, serveur.url
    bac.fermer()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=chemin_chromium(), args=DRAPEAUX)
        yield navigateur
        navigateur.close()


@pytest.fixture
def url(bac_servi: tuple[Bac, str], horloge: Horloge) -> str:
    """The sandbox's address, its data back to ``mini`` (no lock-out left) and its clock to now."""
    bac, adresse = bac_servi
    bac.reinitialiser()
    horloge.avance = 0.0
    return adresse


@pytest.fixture
def contexte(chromium: Browser, url: str) -> Iterator[BrowserContext]:
    """A browser without any cookie, as a person opening Chorus for the first time today."""
    contexte = chromium.new_context(base_url=url, locale="fr-FR")
    contexte.set_default_timeout(10_000)
    yield contexte
    contexte.close()


@pytest.fixture
def onglet(contexte: BrowserContext) -> Page:
    return contexte.new_page()


# --- Helpers: what a person does and sees ----------------------------------------------------------
def saisir(onglet: Page, identifiant: str, secret: str) -> None:
    onglet.get_by_label("Identifiant", exact=True).fill(identifiant)
    onglet.get_by_label("Mot de passe", exact=True).fill(secret)


def se_connecter(onglet: Page, identifiant: str, secret: str | None = None) -> None:
    saisir(onglet, identifiant, mot_de_passe() if secret is None else secret)
    onglet.get_by_role("button", name="Se connecter", exact=True).click()


def expect_connecte(onglet: Page, identifiant: str, chemin: str = "/") -> None:
    expect(onglet.get_by_test_id("utilisateur-connecte")).to_have_text(identifiant)
    expect(onglet.get_by_role("alert")).to_have_count(0)
    assert urlsplit(onglet.url).path == chemin, onglet.url


def expect_page_connexion(onglet: Page) -> None:
    expect(onglet.get_by_role("heading", level=1)).to_have_text("Connexion")
    expect(onglet.get_by_role("button", name="Se connecter", exact=True)).to_be_visible()


def jeton_connexion(contexte: BrowserContext) -> str:
    return next((c["value"] for c in contexte.cookies() if c["name"] == COOKIE_CONNEXION), "")


def jeton_du_formulaire(onglet: Page) -> str:
    return onglet.locator('input[name="csrf_jeton"]').input_value()


# --- The tests ------------------------------------------------------------------------------------
def test_la_connexion_reussit_du_premier_coup(onglet: Page) -> None:
    onglet.goto("/connexion")
    onglet.wait_for_load_state("networkidle")  # the favicon and whatever else Chromium asks for itself
    se_connecter(onglet, "recette.nationale")
    expect_connecte(onglet, "recette.nationale")
    expect(onglet.get_by_role("button", name="Se déconnecter")).to_be_visible()


def test_une_page_protegee_mene_a_la_connexion_puis_a_elle(onglet: Page) -> None:
    onglet.goto("/engagements")
    expect_page_connexion(onglet)
    se_connecter(onglet, "recette.nationale")
    expect_connecte(onglet, "recette.nationale", "/engagements")


def test_le_favicon_et_les_images_ne_changent_pas_le_jeton(onglet: Page, contexte: BrowserContext) -> None:
    onglet.goto("/connexion")
    jeton = jeton_connexion(contexte)
    assert jeton and jeton_du_formulaire(onglet) == jeton
    chargements = onglet.evaluate(IMAGES_AUTOMATIQUES)
    assert chargements == ["/favicon.ico chargée", "/engagements refusée", "/apple-touch-icon.png refusée"]
    assert jeton_connexion(contexte) == jeton
    reponse = contexte.request.get("/engagements", headers={"Sec-Fetch-Dest": "image", "Accept": "image/*"},
                                   max_redirects=0)
    assert (reponse.status, reponse.text()) == (401, "Authentification requise")
    assert jeton_connexion(contexte) == jeton


def test_la_connexion_survit_au_favicon_et_a_un_second_onglet(onglet: Page, contexte: BrowserContext) -> None:
    onglet.goto("/connexion")
    saisir(onglet, "recette.nationale", mot_de_passe())
    onglet.evaluate(IMAGES_AUTOMATIQUES)
    second = contexte.new_page()
    second.goto("/connexion?suite=/engagements")
    second.reload()
    expect_page_connexion(second)
    onglet.get_by_role("button", name="Se connecter", exact=True).click()
    expect_connecte(onglet, "recette.nationale")


def test_sans_le_jeton_du_formulaire_la_connexion_reste_refusee(onglet: Page) -> None:
    onglet.goto("/connexion")
    onglet.locator('input[name="csrf_jeton"]').evaluate("(champ) => champ.value = 'jeton-bricole'")
    se_connecter(onglet, "recette.nationale")
    expect(onglet.get_by_role("alert")).to_have_text("Accès refusé : jeton CSRF absent ou invalide (rechargez la page "
                                                     "et recommencez)")
    se_connecter(onglet, "recette.nationale")  # the page refused gives the browser's token back
    expect_connecte(onglet, "recette.nationale")


def test_la_deconnexion_ramene_a_la_connexion(onglet: Page, contexte: BrowserContext) -> None:
    onglet.goto("/connexion")
    se_connecter(onglet, "recette.nationale")
    expect_connecte(onglet, "recette.nationale")
    onglet.get_by_role("button", name="Se déconnecter", exact=True).click()
    expect_page_connexion(onglet)
    expect(onglet.get_by_role("status")).to_have_text("Vous êtes déconnecté(e)")
    assert COOKIE_SESSION not in {c["name"] for c in contexte.cookies()}
    onglet.goto("/engagements")
    expect_page_connexion(onglet)
    assert onglet.url.endswith("/connexion?suite=/engagements"), onglet.url


def test_une_session_expiree_renvoie_a_la_connexion(onglet: Page, horloge: Horloge) -> None:
    onglet.goto("/connexion")
    se_connecter(onglet, "recette.nationale")
    expect_connecte(onglet, "recette.nationale")
    horloge.avance = DUREE_SESSION + 60  # a working day and a minute later
    onglet.goto("/engagements")
    expect_page_connexion(onglet)
    expect(onglet.get_by_role("status")).to_have_text("Votre session a expiré : reconnectez-vous")
    se_connecter(onglet, "recette.nationale")
    expect_connecte(onglet, "recette.nationale", "/engagements")


def test_cinq_echecs_verrouillent_le_compte(onglet: Page) -> None:
    onglet.goto("/connexion")
    alerte = onglet.get_by_role("alert")
    for rang in range(1, 5):
        se_connecter(onglet, "ruo.dr75", f"mauvais-{rang}")
        expect(alerte).to_have_text("Identifiant ou mot de passe incorrect")
        expect(onglet.get_by_label("Identifiant", exact=True)).to_have_value("ruo.dr75")
    se_connecter(onglet, "ruo.dr75", "mauvais-5")
    expect(alerte).to_contain_text("Identifiant ou mot de passe incorrect : compte verrouillé jusqu'au ")
    se_connecter(onglet, "ruo.dr75")
    expect(alerte).to_contain_text("Compte verrouillé jusqu'au ")
    expect_page_connexion(onglet)
