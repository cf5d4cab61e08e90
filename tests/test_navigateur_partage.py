"""The worker's page, kept from one scenario to the next (:class:`recette.navigateur.ContexteDuWorker`):
each scenario must find it blank, with the campaign's cookies only and nothing a previous scenario
stored (local, session, IndexedDB storage, other cookies, permissions, other tabs), in a real
Chromium against two small local sites (two origins)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from recette.navigateur import DRAPEAUX, ContexteDuWorker, chemin_chromium

LIRE = """async () => ({
  local: localStorage.length, session: sessionStorage.length, cookies: document.cookie,
  bases: (await indexedDB.databases()).map((b) => b.name),
})"""
ECRIRE = """async () => {
  localStorage.setItem("a", "1"); sessionStorage.setItem("b", "2"); document.cookie = "trace=scenario-1";
  await new Promise((fini) => { const q = indexedDB.open("base-du-scenario"); q.onsuccess = () => { q.result.close(); fini(); }; });
}"""


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        corps = b"<!doctype html><title>site</title><h1>site</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(corps)))
        self.end_headers()
        self.wfile.write(corps)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture(scope="module")
def sites() -> Iterator[tuple[str, str]]:
    serveurs = [ThreadingHTTPServer(("127.0.0.1", 0), _Site) for _ in range(2)]
    for serveur in serveurs:
        threading.Thread(target=serveur.serve_forever, daemon=True).start()
    yield tuple(f"http://127.0.0.1:{s.server_address[1]}" for s in serveurs)  # type: ignore[misc]
    for serveur in serveurs:
        serveur.shutdown()


@pytest.fixture(scope="module")
def navigateur() -> Iterator[Browser]:
    with sync_playwright() as p:
        chemin = chemin_chromium()
        navigateur = p.chromium.launch(args=DRAPEAUX, **({"executable_path": chemin} if chemin else {}))
        yield navigateur
        navigateur.close()


@pytest.fixture
def worker(navigateur: Browser, sites: tuple[str, str]) -> Iterator[ContexteDuWorker]:
    campagne = {"name": "session", "value": "campagne", "domain": "127.0.0.1", "path": "/", "expires": -1,
                "httpOnly": True, "secure": False, "sameSite": "Lax"}
    worker = ContexteDuWorker(navigateur, {"storage_state": {"cookies": [campagne], "origins": []}})
    yield worker
    worker.fermer()


def _scenario(worker: ContexteDuWorker) -> Page:
    worker.pour_un_scenario()
    return worker.page


def test_chaque_scenario_retrouve_la_meme_page_vide_avec_les_seuls_cookies_de_la_campagne(
        worker: ContexteDuWorker, sites: tuple[str, str]) -> None:
    premiere = _scenario(worker)
    premiere.goto(sites[0])
    premiere.evaluate(ECRIRE)
    premiere.context.grant_permissions(["geolocation"])
    premiere.context.new_page()  # a tab the scenario opened
    assert premiere.evaluate(LIRE)["bases"] == ["base-du-scenario"]

    seconde = _scenario(worker)

    assert seconde is premiere and seconde.url == "about:blank"
    assert seconde.context.pages == [seconde]
    assert [c["name"] for c in seconde.context.cookies()] == ["session"]
    seconde.goto(sites[0])
    assert seconde.evaluate(LIRE) == {"local": 0, "session": 0, "cookies": "", "bases": []}
    assert seconde.evaluate("() => navigator.permissions.query({name: 'geolocation'}).then((p) => p.state)") != "granted"


def test_un_scenario_qui_a_visite_deux_origines_laisse_place_a_une_page_neuve_et_a_un_contexte_vide(
        worker: ContexteDuWorker, sites: tuple[str, str]) -> None:
    premiere = _scenario(worker)
    for site in sites:
        premiere.goto(site)
        premiere.evaluate(ECRIRE)

    seconde = _scenario(worker)

    assert seconde is not premiere and premiere.is_closed()
    for site in sites:
        seconde.goto(site)
        assert seconde.evaluate(LIRE) == {"local": 0, "session": 0, "cookies": "", "bases": []}
    assert [c["name"] for c in seconde.context.cookies()] == ["session"]


def test_une_page_fermee_par_le_scenario_est_remplacee(worker: ContexteDuWorker, sites: tuple[str, str]) -> None:
    premiere = _scenario(worker)
    premiere.goto(sites[0])
    premiere.close()

    seconde = _scenario(worker)

    assert seconde is not premiere and not seconde.is_closed()
    seconde.goto(sites[0])
    assert seconde.evaluate("() => document.title") == "site"
