"""Log users in once per process through the target's API, and reuse their sessions.

The password travels in one API request (``POST /api/connexion``), never through a page: the
browser receives a **storage state** (the session cookie) and the API client the user's token. So
no password is ever typed into a page that Playwright traces.

A scenario may act as another user (``je suis connecté en tant que "RUO" sur le périmètre …``):
on the sandbox, :meth:`Connexions.session_pour_role` finds the user with exactly that
rôle-territoire, or creates one through the administrator's API (it gets the sandbox's initial
password, the campaign's), then logs it in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from recette.client import ClientChorus
from recette.erreurs import ErreurApi, ErreurEnvironnement


@dataclass(frozen=True)
class Session:
    """A logged-in user: their API token and their session cookies (never their password)."""

    identifiant: str
    jeton: str = field(repr=False)
    cookies: tuple[tuple[str, str], ...] = field(repr=False)
    url: str = ""

    def cookies_navigateur(self) -> list[dict[str, Any]]:
        """The cookies as Playwright wants them (``context.add_cookies``, storage state)."""
        hote = urlsplit(self.url).hostname or "localhost"
        return [{"name": nom, "value": valeur, "domain": hote, "path": "/", "expires": -1, "httpOnly": True,
                 "secure": False, "sameSite": "Lax"} for nom, valeur in self.cookies]

    def etat_navigateur(self) -> dict[str, Any]:
        """Playwright's ``storage_state``: a context created with it is logged in."""
        return {"cookies": self.cookies_navigateur(), "origins": []}


def _normaliser(texte: str) -> str:
    return texte.strip().lower()


def identifiant_pour(role: str, perimetre: str) -> str:
    """``recette.ruo.bg00-0150-csup-dr75``: the login of a user the campaign creates."""
    return f"recette.{_normaliser(role)}.{re.sub(r'[^a-z0-9]+', '-', _normaliser(perimetre)).strip('-')}"[:40]


class Connexions:
    """The sessions of one process on one target (one per xdist worker)."""

    def __init__(self, url: str, mot_de_passe: str) -> None:
        self.url = url
        self._mot_de_passe = mot_de_passe
        self._sessions: dict[str, Session] = {}

    def __repr__(self) -> str:
        return f"Connexions({self.url!r}, {len(self._sessions)} session(s))"

    def session(self, identifiant: str, nouvelle: bool = False) -> Session:
        """``identifiant`` logged in (once per process unless ``nouvelle``)."""
        if nouvelle or identifiant not in self._sessions:
            try:
                reponse, cookies = ClientChorus(self.url).connecter(identifiant, self._mot_de_passe)
            except ErreurApi as exc:
                raise ErreurEnvironnement(f"Connexion de {identifiant} à {self.url} refusée : {exc.message}") from None
            self._sessions[identifiant] = Session(identifiant, str(reponse["jeton"]), tuple(cookies.items()), self.url)
        return self._sessions[identifiant]

    def tenter(self, identifiant: str, mot_de_passe: str | None = None) -> str | None:
        """One login attempt through the API (the campaign's password unless another is given):
        None when accepted, else the target's refusal."""
        try:
            ClientChorus(self.url).connecter(identifiant, self._mot_de_passe if mot_de_passe is None else mot_de_passe)
        except ErreurApi as exc:
            return exc.message
        return None

    def session_pour_role(self, administration: ClientChorus, role: str, perimetre: str) -> Session:
        """A user holding exactly ``role`` on ``perimetre``: found, or created by ``administration``."""
        voulu = {(_normaliser(role), _normaliser(perimetre))}
        for utilisateur in administration.utilisateurs():
            roles = {(_normaliser(r["role"]), _normaliser(r["perimetre"])) for r in utilisateur["roles"]}
            if utilisateur["actif"] and roles == voulu and not utilisateur["verrouille_jusqu_a"]:
                return self.session(utilisateur["identifiant"])
        identifiant = identifiant_pour(role, perimetre)
        administration.creer_utilisateur(identifiant, f"Recette – {role} sur {perimetre}")
        administration.attribuer_role(identifiant, role, perimetre)
        return self.session(identifiant, nouvelle=True)  # created for this scenario: a reset removes it
