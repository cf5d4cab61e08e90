"""Authentication and CSRF for every route of the sandbox, and the helpers routes call.

One ASGI middleware (:class:`MiddlewareHabilitations`) sits in front of the whole application,
so a router added later is protected without doing anything:

- **who**: an API token (``Authorization: Bearer …``, from ``POST /api/connexion``) or the session
  cookie of the screens (``POST /connexion``); both are signed with the application's key and
  expire after :data:`DUREE_SESSION` (itsdangerous). The user must still exist and be active: a
  suspension or a revocation takes effect at the next request.
- **refusals**: no or bad credentials → API ``401`` JSON in French; a page the user asked for →
  ``303`` to the login page (a forged Bearer token on a screen → ``401`` page); a request the
  browser makes on its own (image, script, favicon: :func:`est_navigation`) → a plain ``401``,
  never a redirect to the login page, whose answer would set cookies behind the user's back.
  Public: :data:`CHEMINS_PUBLICS` (login, health, favicon) and ``/static/``.
- **login form**: before any session, its CSRF token is a random value signed with the key
  (:meth:`Securite.emettre_jeton_connexion`), in the ``chorus_connexion`` cookie and in the form;
  a valid one is reused by every later GET of the login page, so a second tab or a reload never
  invalidates a form already shown.
- **CSRF**: a request authenticated by the cookie that changes something (POST, PUT, PATCH,
  DELETE) must carry the session's CSRF token, in the ``X-CSRF-Token`` header or the
  ``csrf_jeton`` form field; the base layout's script adds that field to every POST form of every
  screen. Bearer requests carry no cookie, hence no CSRF risk.
- **périmètre**: the user's :class:`~chorus_sandbox.domaine.habilitations.Habilitation` is put in
  ``habilitation_courante`` for the request: ``Bac.lire`` filters, ``Bac.executer`` authorises.

For a route that acts outside ``Bac.executer`` (e.g. loading a dataset), call :func:`exiger`.

A service with its own authentication (the BusinessObjects clone under ``/biprws``: its
``X-SAP-LogonToken``) registers a :class:`Guichet` in ``application.state.guichets``: the
middleware asks it who the request comes from and lets it answer refusals in its own shape; the
habilitation is loaded and set the same way.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine.erreurs import AccesRefuse, AuthentificationRequise, ErreurChorus
from chorus_sandbox.domaine.habilitations import Habilitation, habilitation_courante

DUREE_SESSION = 8 * 3600  # seconds: a working day
COOKIE_SESSION = "chorus_session"
COOKIE_CONNEXION = "chorus_connexion"  # CSRF nonce of the login form, before any session
CHAMP_CSRF = "csrf_jeton"
ENTETE_CSRF = "x-csrf-token"
CHEMINS_PUBLICS = frozenset({"/connexion", "/api/connexion", "/api/sante", "/favicon.ico"})
PREFIXES_PUBLICS = ("/static/", "/fiori/resources/")
METHODES_SURES = frozenset({"GET", "HEAD", "OPTIONS"})
DESTINATIONS_PAGE = frozenset({"document", "iframe", "frame"})  # Sec-Fetch-Dest of a page the user opens
FORMULAIRES = ("application/x-www-form-urlencoded", "multipart/form-data")
AIDE_API = "connectez-vous (POST /api/connexion) et envoyez le jeton (Authorization: Bearer …)"


class CsrfInvalide(AccesRefuse):
    """A cookie-authenticated change without the session's CSRF token."""


def est_public(chemin: str) -> bool:
    return chemin in CHEMINS_PUBLICS or chemin.startswith(PREFIXES_PUBLICS)


def est_api(chemin: str) -> bool:
    return chemin == "/api" or chemin.startswith("/api/")


def est_navigation(requete: Request) -> bool:
    """A page the user asked for (worth a redirect to the login page), not a request the browser
    makes on its own: its ``Sec-Fetch-Dest`` when the browser sends one, else its ``Accept``
    (HTML, or anything at all as curl and test clients say)."""
    destination = requete.headers.get("sec-fetch-dest", "")
    if destination:
        return destination in DESTINATIONS_PAGE
    accepte = requete.headers.get("accept", "").strip()
    return accepte in ("", "*/*") or "text/html" in accepte


@dataclass(frozen=True)
class Identite:
    """Who a request says it comes from, once its token or cookie has been checked."""

    identifiant: str
    par_cookie: bool
    csrf: str = ""


class Securite:
    """The signing key of one application, its sessions and its API tokens (signed, expiring)."""

    def __init__(self, cle: bytes | None = None, duree: int = DUREE_SESSION,
                 horloge: Callable[[], float] = time.time) -> None:
        self.cle = cle or secrets.token_bytes(32)
        self.duree = duree

        class Signataire(TimestampSigner):
            def get_timestamp(self) -> int:
                return int(horloge())

        self._sessions = URLSafeTimedSerializer(self.cle, salt="chorus-session", signer=Signataire)
        self._jetons = URLSafeTimedSerializer(self.cle, salt="chorus-jeton-api", signer=Signataire)
        self._connexions = URLSafeTimedSerializer(self.cle, salt="chorus-connexion", signer=Signataire)

    def emettre_session(self, identifiant: str) -> tuple[str, str]:
        """The session cookie's value and its CSRF token."""
        csrf = secrets.token_urlsafe(24)
        return self._sessions.dumps({"u": identifiant, "c": csrf}), csrf

    def emettre_jeton(self, identifiant: str) -> str:
        return self._jetons.dumps({"u": identifiant})

    def emettre_jeton_connexion(self) -> str:
        """The login form's CSRF token: a random value, signed so that only this application's
        tokens are ever reused."""
        return self._connexions.dumps(secrets.token_urlsafe(16))

    def jeton_connexion_valide(self, valeur: str) -> bool:
        """Signed by this application and younger than a session (SignatureExpired is a BadSignature)."""
        try:
            self._connexions.loads(valeur, max_age=self.duree)
        except BadSignature:
            return False
        return True

    def _lire(self, serialiseur: URLSafeTimedSerializer, valeur: str, nature: str, expire: str) -> dict[str, str]:
        try:
            contenu = serialiseur.loads(valeur, max_age=self.duree)
        except SignatureExpired:
            raise AuthentificationRequise(f"{nature} {expire} : reconnectez-vous") from None
        except BadSignature:
            raise AuthentificationRequise(f"{nature} invalide : reconnectez-vous") from None
        if not isinstance(contenu, dict) or not isinstance(contenu.get("u"), str):
            raise AuthentificationRequise(f"{nature} invalide : reconnectez-vous")
        return contenu

    def identifier(self, requete: Request) -> Identite:
        """The identity of a request (Bearer token first, else the session cookie)."""
        autorisation = requete.headers.get("authorization", "")
        if autorisation:
            schema, _, jeton = autorisation.partition(" ")
            if schema.lower() != "bearer" or not jeton.strip():
                raise AuthentificationRequise("En-tête Authorization invalide : « Bearer <jeton> » attendu")
            return Identite(self._lire(self._jetons, jeton.strip(), "Jeton", "expiré")["u"], par_cookie=False)
        cookie = requete.cookies.get(COOKIE_SESSION)
        if not cookie:
            raise AuthentificationRequise(f"Authentification requise : {AIDE_API}" if est_api(requete.url.path)
                                          else "Authentification requise")
        contenu = self._lire(self._sessions, cookie, "Session", "expirée")
        return Identite(contenu["u"], par_cookie=True, csrf=str(contenu.get("c", "")))


class Guichet(Protocol):
    """Authentication of the paths under ``prefixe`` by another scheme than token or cookie."""

    prefixe: str

    def public(self, chemin: str) -> bool:
        """Whether ``chemin`` is served without authentication (a logon)."""

    def identifier(self, requete: Request) -> str:
        """The identifiant of the request's user, or :class:`AuthentificationRequise`."""

    def refus(self, requete: Request, exc: ErreurChorus) -> Response:
        """A refusal (401, 403) in the service's own shape."""


def guichet_de(application: Any, chemin: str) -> Guichet | None:
    """The guichet registered for ``chemin`` (``application.state.guichets``), if any."""
    guichets: tuple[Guichet, ...] = getattr(application.state, "guichets", ())
    return next((g for g in guichets if chemin == g.prefixe or chemin.startswith(g.prefixe + "/")), None)


def charger_habilitation(bac: Any, identifiant: str) -> Habilitation:
    """The user's habilitation as stored now (suspensions and revocations apply at once)."""
    def lecture(depot: Any) -> Habilitation | str:
        utilisateur = depot.trouver(m.Utilisateur, identifiant)
        if utilisateur is None:
            return "Session invalide : utilisateur inconnu"
        if not utilisateur.actif:
            return "Compte suspendu : accès refusé"
        return Habilitation.de(utilisateur)

    resultat = bac.lire(lecture)
    if isinstance(resultat, str):
        raise AuthentificationRequise(resultat)
    return resultat


def exiger(operation: str, *codes: str) -> Habilitation:
    """For a route acting outside ``Bac.executer``: the current user must be allowed
    ``operation`` (on each of ``codes`` when given), else a French 403."""
    from chorus_sandbox.domaine.habilitations import designation_code

    habilitation = habilitation_courante.get()
    if habilitation is None:
        raise AuthentificationRequise("Authentification requise")
    habilitation.exiger(operation, [(code, designation_code(code)) for code in codes])
    return habilitation


def utilisateur_courant() -> Habilitation | None:
    """The logged-in user of the request being served (None on a public page)."""
    return habilitation_courante.get()


def auteur_courant() -> str:
    """The author of an operation: the logged-in user's identifiant (empty on a public page, and the
    domain refuses an operation without author: « L'auteur est obligatoire »)."""
    connecte = habilitation_courante.get()
    return connecte.identifiant if connecte else ""


def roles_visibles(utilisateur: m.Utilisateur) -> list[m.RoleTerritoire]:
    """A user's rôles-territoires the current user may see (all of them outside a request)."""
    habilitation = habilitation_courante.get()
    return sorted((r for r in utilisateur.roles if habilitation is None or habilitation.voit(r.perimetre)),
                  key=lambda r: (r.role, r.perimetre))


# --- Responses of the middleware (French, like the application's own errors) --------------------
def _json(exc: ErreurChorus) -> Response:
    entetes = {"WWW-Authenticate": "Bearer"} if exc.statut_http == 401 else None
    return JSONResponse({"erreur": exc.type, "message": exc.message}, status_code=exc.statut_http, headers=entetes)


def reponse_refus(requete: Request, exc: ErreurChorus) -> Response:
    """401 / 403 as the API or the screens say it; a page without session goes to the login page,
    a request the browser makes on its own gets a plain 401 (no redirect, no cookie)."""
    chemin = requete.url.path
    if est_api(chemin):
        return _json(exc)
    if isinstance(exc, AuthentificationRequise) and "authorization" not in requete.headers:
        if not est_navigation(requete):
            return PlainTextResponse(exc.message, status_code=exc.statut_http)
        suite = chemin + (f"?{requete.url.query}" if requete.url.query else "")
        motif = "&motif=expiree" if "expirée" in exc.message else ""
        cible = f"/connexion?suite={quote(suite)}{motif}" if requete.method in METHODES_SURES else "/connexion"
        reponse: Response = RedirectResponse(cible, status_code=303)
        reponse.delete_cookie(COOKIE_SESSION, path="/")
        return reponse
    from chorus_sandbox.web.rendu import page_erreur

    return page_erreur(requete, exc.message, exc.statut_http)


# --- The middleware -------------------------------------------------------------------------------
async def _lire_corps(receive: Receive) -> list[Message]:
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            return messages


def _rejouer(messages: list[Message], receive: Receive) -> Receive:
    """A receive that gives the buffered body again, then the real connection."""
    restants = list(messages)

    async def recevoir() -> Message:
        return restants.pop(0) if restants else await receive()
    return recevoir


async def jeton_csrf_envoye(scope: Scope, messages: list[Message]) -> str:
    """The CSRF token of a form body (field ``csrf_jeton``), read from the buffered body."""
    corps = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.request")

    async def une_fois() -> Message:
        return {"type": "http.request", "body": corps, "more_body": False}

    formulaire = await Request(scope, une_fois).form()
    try:
        valeur = formulaire.get(CHAMP_CSRF)
        return valeur if isinstance(valeur, str) else ""
    finally:
        await formulaire.close()


def csrf_conforme(attendu: str, recu: str) -> bool:
    return bool(attendu) and bool(recu) and hmac.compare_digest(attendu.encode(), recu.encode())


class MiddlewareHabilitations:
    """Authenticates every request, checks CSRF on cookie changes, sets the habilitation."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or est_public(scope["path"]):
            await self.app(scope, receive, send)
            return
        requete = Request(scope, receive)
        application = scope["app"]
        guichet = guichet_de(application, scope["path"])
        if guichet is not None:
            await self._par_guichet(guichet, scope, receive, send)
            return
        try:
            identite = application.state.securite.identifier(requete)
            habilitation = await run_in_threadpool(charger_habilitation, application.state.bac, identite.identifiant)
            if identite.par_cookie and requete.method not in METHODES_SURES:
                receive = await self._verifier_csrf(scope, requete, receive, identite.csrf)
        except (AuthentificationRequise, AccesRefuse) as exc:
            await reponse_refus(requete, exc)(scope, receive, send)
            return
        scope.setdefault("state", {})["csrf_jeton"] = identite.csrf
        jeton = habilitation_courante.set(habilitation)
        try:
            await self.app(scope, receive, send)
        finally:
            habilitation_courante.reset(jeton)

    async def _par_guichet(self, guichet: Guichet, scope: Scope, receive: Receive, send: Send) -> None:
        """A path of a service with its own authentication: no cookie, hence no CSRF check."""
        requete = Request(scope, receive)
        if guichet.public(scope["path"]):
            await self.app(scope, receive, send)
            return
        try:
            identifiant = guichet.identifier(requete)
            habilitation = await run_in_threadpool(charger_habilitation, scope["app"].state.bac, identifiant)
        except (AuthentificationRequise, AccesRefuse) as exc:
            await guichet.refus(requete, exc)(scope, receive, send)
            return
        jeton = habilitation_courante.set(habilitation)
        try:
            await self.app(scope, receive, send)
        finally:
            habilitation_courante.reset(jeton)

    @staticmethod
    async def _verifier_csrf(scope: Scope, requete: Request, receive: Receive, attendu: str) -> Receive:
        recu = requete.headers.get(ENTETE_CSRF, "")
        if not recu and requete.headers.get("content-type", "").startswith(FORMULAIRES):
            messages = await _lire_corps(receive)
            recu = await jeton_csrf_envoye(scope, messages)
            receive = _rejouer(messages, receive)
        if not csrf_conforme(attendu, recu):
            raise CsrfInvalide("Accès refusé : jeton CSRF absent ou invalide (rechargez la page et recommencez)")
        return receive
