"""Sessions of the BusinessObjects clone: logon tokens, their expiry, the documents each one opened.

BO's sessions live on the server (a logoff kills the token at once), unlike the sandbox's signed
API tokens: hence a registry of its own, per application. The users, their passwords and the
lock-out stay the sandbox's (web/api_habilitations.py :func:`connecter`). :class:`GuichetBO`
plugs the ``X-SAP-LogonToken`` header into the sandbox's middleware (web/securite.py).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

from chorus_sandbox import restitutions as r
from chorus_sandbox.domaine.erreurs import AccesRefuse, AuthentificationRequise, ErreurChorus
from chorus_sandbox.web.bo_rendu import ErreurBO, reponse_erreur

PREFIXE = "/biprws"
CHEMINS_LOGON = frozenset({"/biprws/logon/long", "/biprws/v1/logon/long"})
CHEMINS_LOGOFF = frozenset({"/biprws/logoff", "/biprws/v1/logoff"})
ENTETE_JETON = "X-SAP-LogonToken"
#: Inactivity after which a session is dropped: BO's default (60 min; up to 1440 on a WACS).
DUREE_SESSION_BO = 60 * 60
HOTE = "chorus-sandbox:6400"  # the CMS named in the token, as a real one names its host


@dataclass
class EtatDocument:
    """A document opened in a session: its last answers and reports (None: never refreshed)."""

    reponses: dict[int, str] = field(default_factory=dict)
    tableaux: dict[int, r.Tableau] | None = None

    @property
    def etat(self) -> str:
        return "Original" if self.tableaux is None else "Modified"


@dataclass
class SessionBO:
    identifiant: str
    dernier_usage: float
    documents: dict[int, EtatDocument] = field(default_factory=dict)


class SessionsBO:
    """Logon tokens of one application, dropped at logoff or after :data:`DUREE_SESSION_BO` idle."""

    def __init__(self, duree: float = DUREE_SESSION_BO, horloge: Callable[[], float] = time.monotonic) -> None:
        self.duree, self.horloge = duree, horloge
        self._sessions: dict[str, SessionBO] = {}
        self._verrou = threading.Lock()
        self._numero = 0

    def ouvrir(self, identifiant: str) -> str:
        """A new token, shaped as BO's (``hôte:6400@{3&2=…,U3&68=secEnterprise:user,…}``)."""
        with self._verrou:
            self._purger()
            self._numero += 1
            jeton = (f"{HOTE}@{{3&2={self._numero},U3&2v={HOTE},UP&66=60,U3&68=secEnterprise:{identifiant},"
                     f"UP&S9={secrets.token_urlsafe(24)},UP}}")
            self._sessions[jeton] = SessionBO(identifiant, self.horloge())
            return jeton

    def session(self, jeton: str) -> SessionBO | None:
        """The live session of ``jeton`` (its idle time starts again), None if unknown or expired."""
        with self._verrou:
            trouvee = self._sessions.get(jeton)
            maintenant = self.horloge()
            if trouvee is None or maintenant - trouvee.dernier_usage > self.duree:
                self._sessions.pop(jeton, None)
                return None
            trouvee.dernier_usage = maintenant
            return trouvee

    def fermer(self, jeton: str) -> bool:
        with self._verrou:
            return self._sessions.pop(jeton, None) is not None

    def _purger(self) -> None:
        maintenant = self.horloge()
        for jeton in [j for j, s in self._sessions.items() if maintenant - s.dernier_usage > self.duree]:
            del self._sessions[jeton]


def jeton_de(requete: Request) -> str:
    """The header's token, with or without its enclosing double quotes."""
    valeur = requete.headers.get(ENTETE_JETON, "").strip()
    if len(valeur) >= 2 and valeur[0] == valeur[-1] == '"':
        valeur = valeur[1:-1]
    return valeur


class JetonAbsent(AuthentificationRequise):
    pass


class JetonInvalide(AuthentificationRequise):
    pass


def erreur_authentification(chemin: str, exc: ErreurChorus) -> ErreurBO:
    """A refusal of the guichet in BO's words: Raylight ``WSR 0000x`` (wrapped), BIP ``FWB 00003`` /
    ``FWM 02024`` at logoff (flat); a suspended account keeps the sandbox's French message."""
    if isinstance(exc, AccesRefuse):
        return ErreurBO(403, "WSR 00402", exc.message)
    bip = not chemin.startswith(f"{PREFIXE}/raylight/")
    if chemin in CHEMINS_LOGOFF:
        return ErreurBO(401, "FWM 02024", "The argument has an invalid value token (FWM 02024)", plate=True)
    if bip:
        return ErreurBO(401, "FWB 00003", "Not a valid logon token. (FWB 00003)", plate=True)
    if isinstance(exc, JetonAbsent):
        return ErreurBO(401, "WSR 00001", "No logon token: log on first (POST /biprws/logon/long).")
    if isinstance(exc, JetonInvalide):
        return ErreurBO(401, "WSR 00002", "Invalid or expired logon token.")
    return ErreurBO(401, "WSR 00002", exc.message)


class GuichetBO:
    """What web/securite.py asks about ``/biprws``: public logon, the token's user, BO's refusals."""

    prefixe = PREFIXE

    def __init__(self, sessions: SessionsBO) -> None:
        self.sessions = sessions

    def public(self, chemin: str) -> bool:
        return chemin.rstrip("/") in CHEMINS_LOGON

    def identifier(self, requete: Request) -> str:
        jeton = jeton_de(requete)
        if not jeton:
            raise JetonAbsent("Jeton X-SAP-LogonToken absent")
        session = self.sessions.session(jeton)
        if session is None:
            raise JetonInvalide("Jeton X-SAP-LogonToken invalide ou expiré")
        return session.identifiant

    def refus(self, requete: Request, exc: ErreurChorus) -> Response:
        return reponse_erreur(erreur_authentification(requete.url.path, exc), requete.headers.get("accept", ""))
