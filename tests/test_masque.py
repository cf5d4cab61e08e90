"""Secrets never leak: the masker alone, then campaigns with tracing on whose every output file (and
every member of every archive) is searched for the password.

- a pytester project whose steps deliberately leak the password everywhere (step parameters, logs,
  output, the page, an attachment, a failure message), traced: nothing leaks, and the masks show
  the masker did the work;
- the real ``@habilitations`` campaign, ``recette lancer --tags habilitations -- --tracing on``, with
  a known ``CHORUS_SANDBOX_MOT_DE_PASSE``: the value is nowhere under the reports or in the traces;
- the login scenario that types that password in the login page (``connexion.feature``), traced:
  the trace holds the fill, masked, and the value is nowhere.
"""

from __future__ import annotations

import io
import json
import logging
import os
import secrets
import subprocess
import sys
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from recette.client import ClientChorus
from recette.config import Environnement
from recette.connexion import Session, identifiant_pour
from recette.erreurs import ErreurConfiguration
from recette.habilitations import couvre, dans_le_perimetre
from recette.identifiants import Identifiants, identifiants_campagne, valeurs_secretes
from recette.journaux_http import JOURNAUX_HTTP, filtre_secrets
from recette.masque import MASQUE, Masqueur

pytest_plugins = ["pytester"]
RACINE = Path(__file__).resolve().parents[1]


def occurrences(dossier: Path, secret: str, depuis: float = 0.0) -> list[str]:
    """Where ``secret`` appears (plain, URL- or JSON-encoded) in the files under ``dossier`` written
    since ``depuis``, archive members included."""
    formes = Masqueur()
    formes.enregistrer(secret)
    trouves: list[str] = []

    def chercher(nom: str, donnees: bytes) -> None:
        if donnees[:4] == b"PK\x03\x04" and zipfile.is_zipfile(io.BytesIO(donnees)):
            with zipfile.ZipFile(io.BytesIO(donnees)) as archive:
                for membre in archive.namelist():
                    chercher(f"{nom}!{membre}", archive.read(membre))
        elif formes.contient(donnees):
            trouves.append(nom)

    for fichier in dossier.rglob("*"):
        if fichier.is_file() and fichier.stat().st_mtime >= depuis:
            chercher(str(fichier), fichier.read_bytes())
    return trouves


# --- The masker ---------------------------------------------------------------------------------------
def test_le_masqueur_cache_le_secret_sous_toutes_ses_formes() -> None:
    masqueur = Masqueur()
    masqueur.enregistrer("Mot de passe/é&1", "abc")  # too short to be masked without masking everything
    texte = 'brut Mot de passe/é&1, url Mot%20de%20passe%2F%C3%A9%261, form Mot+de+passe%2F%C3%A9%261, json "Mot de passe/\\u00e9&1"'
    assert masqueur.masquer(texte) == f"brut {MASQUE}, url {MASQUE}, form {MASQUE}, json \"{MASQUE}\""
    assert masqueur.masquer("abc abc") == "abc abc"
    assert masqueur.masquer_octets("x Mot de passe/é&1 y".encode("utf-16-le")) == f"x {MASQUE} y".encode("utf-16-le")


def test_les_archives_sont_masquees_jusque_dans_leurs_archives(tmp_path: Path) -> None:
    masqueur = Masqueur()
    masqueur.enregistrer("S3cret-Archive")
    interne = io.BytesIO()
    with zipfile.ZipFile(interne, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("trace.trace", '{"value": "S3cret-Archive"}')
    fichier = tmp_path / "preuves.zip"
    with zipfile.ZipFile(fichier, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("page.html", "<input value='S3cret-Archive'>")
        archive.writestr("trace.zip", interne.getvalue())
        archive.writestr("propre.txt", "rien")
    propre = tmp_path / "propre.zip"
    with zipfile.ZipFile(propre, "w") as archive:
        archive.writestr("a.txt", "rien")
    avant = propre.read_bytes()
    assert masqueur.masquer_dossiers([tmp_path]) == 1 and propre.read_bytes() == avant  # a clean file is left as is
    assert occurrences(tmp_path, "S3cret-Archive") == []
    with zipfile.ZipFile(fichier) as archive:
        assert archive.read("page.html") == f"<input value='{MASQUE}'>".encode()
        assert archive.read("propre.txt") == b"rien"


def test_un_objet_allure_est_masque_en_place() -> None:
    from allure_commons.model2 import Parameter, StatusDetails, TestResult, TestStepResult

    masqueur = Masqueur()
    masqueur.enregistrer("S3cret-Allure")
    resultat = TestResult(name="Scénario S3cret-Allure", statusDetails=StatusDetails(message="attendu S3cret-Allure"),
                          steps=[TestStepResult(name="Quand S3cret-Allure", parameters=[Parameter(name="p", value="S3cret-Allure")])])
    masqueur.masquer_objet(resultat)
    assert "S3cret-Allure" not in json.dumps(resultat, default=lambda o: vars(o))
    assert resultat.steps[0].parameters[0].value == MASQUE


# --- Credentials from recette.yaml ----------------------------------------------------------------------
def test_les_identifiants_viennent_des_variables_nommees(monkeypatch: pytest.MonkeyPatch) -> None:
    distant = Environnement("recette-aife", url="https://x", identifiants={"utilisateur": "CHORUS_RECETTE_UTILISATEUR",
                                                                          "mot_de_passe": "CHORUS_RECETTE_MOT_DE_PASSE"})
    monkeypatch.delenv("CHORUS_RECETTE_MOT_DE_PASSE", raising=False)
    monkeypatch.setenv("CHORUS_RECETTE_UTILISATEUR", "jdupont")
    with pytest.raises(ErreurConfiguration) as refus:
        identifiants_campagne(distant)
    assert str(refus.value) == ("recette.yaml : la variable d'environnement CHORUS_RECETTE_MOT_DE_PASSE (identifiant "
                                "« mot_de_passe » de l'environnement « recette-aife ») n'est pas définie")
    monkeypatch.setenv("CHORUS_RECETTE_MOT_DE_PASSE", "Valeur-Recette-AIFE")
    assert identifiants_campagne(distant) == Identifiants("jdupont", "Valeur-Recette-AIFE")
    assert "Valeur-Recette-AIFE" not in repr(identifiants_campagne(distant))
    assert set(valeurs_secretes(distant)) >= {"jdupont", "Valeur-Recette-AIFE"}


def test_le_bac_a_sable_tire_un_mot_de_passe_quand_la_variable_est_absente(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHORUS_SANDBOX_MOT_DE_PASSE", raising=False)
    bac = Environnement("bac-a-sable", bac_a_sable=True)
    premier, second = identifiants_campagne(bac), identifiants_campagne(bac)
    assert premier.utilisateur == "recette.nationale" and premier.aleatoire and premier.mot_de_passe != second.mot_de_passe
    monkeypatch.setenv("CHORUS_SANDBOX_MOT_DE_PASSE", "Valeur-Connue-Du-Bac")
    assert identifiants_campagne(bac) == Identifiants("recette.nationale", "Valeur-Connue-Du-Bac")


def test_un_identifiant_manquant_arrete_la_campagne_avant_le_navigateur(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", recette="environnements:\n  distant:\n    url: http://127.0.0.1:9\n    utilisateur: jdupont\n"
                                       "    identifiants:\n      mot_de_passe: CHORUS_ESSAI_ABSENT\n")
    pytester.makepyfile(test_rien="def test_rien(page):\n    raise AssertionError('un navigateur a démarré')\n")
    resultat = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--env", "distant")
    assert resultat.ret == pytest.ExitCode.USAGE_ERROR
    resultat.stderr.fnmatch_lines([("*Identifiants de la recette manquants : recette.yaml : la variable d'environnement "
                                   "CHORUS_ESSAI_ABSENT (identifiant « mot_de_passe » de l'environnement « distant ») "
                                   "n'est pas définie*")])
    assert "un navigateur a démarré" not in resultat.stdout.str()


def test_la_session_donne_un_etat_de_navigateur_sans_mot_de_passe() -> None:
    session = Session("ruo.dr75", "jeton-api", (("chorus_session", "valeur-signee"),), "http://127.0.0.1:8123")
    assert session.etat_navigateur() == {"cookies": [{
        "name": "chorus_session", "value": "valeur-signee", "domain": "127.0.0.1", "path": "/", "expires": -1,
        "httpOnly": True, "secure": False, "sameSite": "Lax"}], "origins": []}
    assert "jeton-api" not in repr(session) and "valeur-signee" not in repr(session)
    assert identifiant_pour("RUO", "BG00/0150-CSUP-DR75") == "recette.ruo.bg00-0150-csup-dr75"


def test_le_cadre_lit_un_perimetre_dans_les_codes() -> None:
    assert couvre("0150", "BG00/0150-CSUP-DR75") and couvre("0150-CSUP", "BG00/0150-CSUP-DR75")
    assert not couvre("0150-CSUP", "BG00/0150-RECT-DR13") and not couvre("015", "0150") and couvre("national", "0103")
    assert dans_le_perimetre(["0217", "BG00/0150-CSUP-DR69"], ["BG00/0150-CSUP-DR75", "BG00/0150-CSUP-DR69",
                                                               "BG00/0217-SGAC-ASPR"]) == ["BG00/0150-CSUP-DR69",
                                                                                           "BG00/0217-SGAC-ASPR"]


# --- A campaign that tries to leak the password everywhere ----------------------------------------------------
ETAPES = '''
import logging, os
import allure
from pytest_bdd import given, parsers, scenarios, then, when
from playwright.sync_api import expect

scenarios("features")
journal = logging.getLogger("essai.fuite")

@given(parsers.parse('le mot de passe "{valeur}"'), target_fixture="valeur")
def mot_de_passe(valeur):
    return valeur

@when("je le divulgue partout")
def divulguer(ecran, valeur):
    journal.warning("mot de passe lu : %s", valeur)
    print("sortie :", valeur)
    ecran.goto("/")
    ecran.set_content(f"<h1>Accueil</h1><p>{valeur}</p><input value='{valeur}'>")
    allure.attach(f"pièce jointe {valeur}", name=f"pièce {valeur}", attachment_type=allure.attachment_type.TEXT)

@then("la page est affichée")
def affichee(ecran):
    expect(ecran.get_by_role("heading", level=1)).to_have_text("Accueil")

@then("l'étape échoue en le citant")
def echouer(ecran, valeur):
    expect(ecran.get_by_role("heading", level=1)).to_have_text("Accueil")
    assert valeur == "autre chose", f"le mot de passe {valeur} est différent"
'''


def test_une_campagne_qui_divulgue_le_mot_de_passe_ne_laisse_rien_fuir(pytester: pytest.Pytester) -> None:
    secret = "Fuite-" + secrets.token_urlsafe(12).replace("-", "x").replace("_", "y")
    pytester.makepyfile(test_etapes=ETAPES)
    (pytester.path / "features").mkdir()
    (pytester.path / "features" / "fuite.feature").write_text(f'''# language: fr
Fonctionnalité: Fuite
  Scénario: Le mot de passe passe partout
    Étant donné le mot de passe "{secret}"
    Quand je le divulgue partout
    Alors l'étape échoue en le citant

  Scénario: Le mot de passe est dans la page d'un scénario qui passe
    Étant donné le mot de passe "{secret}"
    Quand je le divulgue partout
    Alors la page est affichée
''', encoding="utf-8")
    os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"], ancien = secret, os.environ.get("CHORUS_SANDBOX_MOT_DE_PASSE", "")
    try:
        resultat = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--alluredir=reports/allure-results",
                                                 "--tracing", "on", "--output=reports/playwright",
                                                 "--junitxml=reports/junit.xml", "-o", "log_level=WARNING", "-rA")
    finally:
        os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"] = ancien
    resultat.assert_outcomes(passed=1, failed=1)
    sortie = resultat.stdout.str() + resultat.stderr.str()
    assert secret not in sortie and MASQUE in sortie
    assert occurrences(pytester.path / "reports", secret) == []
    traces = list((pytester.path / "reports").rglob("trace.zip"))
    assert len(traces) >= 3  # pytest-playwright's two (--tracing on) and the failing step's evidence
    contenu = b"".join(zipfile.ZipFile(t).read(n) for t in traces for n in zipfile.ZipFile(t).namelist())
    assert MASQUE.encode() in contenu  # the page was in the trace, masked
    resultats = "".join(f.read_text(encoding="utf-8") for f in (pytester.path / "reports/allure-results").glob("*.json"))
    assert MASQUE in resultats and secret not in resultats


# --- The real habilitations campaign, traced ----------------------------------------------------------------
def test_la_campagne_habilitations_tracee_ne_laisse_pas_fuir_le_mot_de_passe(tmp_path: Path) -> None:
    """`CHORUS_SANDBOX_MOT_DE_PASSE=<connu> recette lancer --tags habilitations -- --tracing on`."""
    secret = "Connu-" + secrets.token_urlsafe(12).replace("-", "x").replace("_", "y")
    env = {**os.environ, "CHORUS_SANDBOX_MOT_DE_PASSE": secret, "CHORUS_SANDBOX_DEFAUTS": ""}
    env.pop("RECETTE_ENV", None)
    debut = time.time() - 1
    sortie = tmp_path / "reports"
    commande = [sys.executable, "-m", "recette", "lancer", "--tags", "habilitations", "--workers", "2",
                f"--resultats={sortie / 'allure-results'}", "--", "--tracing", "on", f"--output={sortie / 'playwright'}",
                f"--recette-preuves={sortie / 'preuves'}"]
    fini = subprocess.run(commande, cwd=RACINE, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert fini.returncode == 0, (fini.stdout + fini.stderr)[-3000:]
    assert secret not in fini.stdout + fini.stderr
    resultats = [json.loads(f.read_text(encoding="utf-8")) for f in (sortie / "allure-results").glob("*-result.json")]
    assert len(resultats) >= 15 and {r["status"] for r in resultats} == {"passed"}
    traces = list((sortie / "playwright").rglob("trace.zip"))
    # one per scenario using the browser: not the login ones (4) nor those of the thicker net and refusals that
    # only call the API (5)
    assert len(traces) >= len(resultats) - 9
    fuites = occurrences(sortie, secret) + occurrences(RACINE / "reports", secret, debut)
    assert fuites == []


# --- The password typed in the login page (issue 14) -------------------------------------------------------
def test_le_mot_de_passe_tape_sur_la_page_de_connexion_ne_fuit_pas(tmp_path: Path) -> None:
    """`recette lancer features/habilitations/connexion.feature -- --tracing on`: one scenario types the
    campaign's password in the login page; the trace's fill action and page snapshots hold it, masked;
    the value is in no Allure result, trace or evidence."""
    secret = "Tape-" + secrets.token_urlsafe(12).replace("-", "x").replace("_", "y")
    env = {**os.environ, "CHORUS_SANDBOX_MOT_DE_PASSE": secret, "CHORUS_SANDBOX_DEFAUTS": ""}
    env.pop("RECETTE_ENV", None)
    debut = time.time() - 1
    sortie = tmp_path / "reports"
    commande = [sys.executable, "-m", "recette", "lancer", "features/habilitations/connexion.feature",
                f"--resultats={sortie / 'allure-results'}", "--", "--tracing", "on", f"--output={sortie / 'playwright'}",
                f"--recette-preuves={sortie / 'preuves'}"]
    fini = subprocess.run(commande, cwd=RACINE, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert fini.returncode == 0, (fini.stdout + fini.stderr)[-3000:]
    assert secret not in fini.stdout + fini.stderr
    resultats = [json.loads(f.read_text(encoding="utf-8")) for f in (sortie / "allure-results").glob("*-result.json")]
    assert [r["status"] for r in resultats if "page de connexion et arrive" in r["name"]] == ["passed"]
    traces = [t for t in (sortie / "playwright").rglob("trace.zip") if "page-de-connexion-et-arrive" in str(t)]
    assert len(traces) == 1, list((sortie / "playwright").rglob("trace.zip"))
    with zipfile.ZipFile(traces[0]) as archive:
        contenu = b"".join(archive.read(nom) for nom in archive.namelist())
    assert b'"fill"' in contenu and MASQUE.encode() in contenu  # the typed password was traced, then masked
    assert occurrences(sortie, secret) + occurrences(RACINE / "reports", secret, debut) == []


class _Connexion(BaseHTTPRequestHandler):
    """A target whose login answers with a session cookie and a token in its body."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        corps = b'{"jeton": "jeton-du-corps"}'
        self.send_response(200)
        self.send_header("Set-Cookie", "session=valeur-de-session-secrete; Path=/; HttpOnly")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(corps)))
        self.end_headers()
        self.wfile.write(corps)

    def log_message(self, *args: object) -> None:
        pass


def test_la_trace_debug_de_httpcore_ne_montre_pas_le_cookie_de_session(caplog: pytest.LogCaptureFixture) -> None:
    """httpcore's DEBUG trace prints the answer's headers: the session cookie is masked by its name."""
    for nom in JOURNAUX_HTTP:  # as in a process where no client ran yet: the client installs the filter
        logging.getLogger(nom).removeFilter(filtre_secrets)
    serveur = ThreadingHTTPServer(("127.0.0.1", 0), _Connexion)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    try:
        caplog.set_level(logging.DEBUG)
        client = ClientChorus(f"http://127.0.0.1:{serveur.server_address[1]}", delai=10)
        _, cookies = client.connecter("utilisateur", "mot-de-passe-essai")
        client.fermer()
    finally:
        serveur.shutdown()
        serveur.server_close()
    assert cookies == {"session": "valeur-de-session-secrete"}
    trace = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("httpcore"))
    assert "set-cookie', b'********'" in trace.lower()
    assert "valeur-de-session-secrete" not in caplog.text
