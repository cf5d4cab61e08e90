"""A real mailbox read by IMAP (imaplib, stdlib), for an environment whose BO sends real e-mails.

Configured by the environment's ``courriel:`` block of recette.yaml (host, port, SSL, folder,
NAMES of the login and password variables). The folder is opened read-only and searched from the
day the view was opened (``SINCE``), then filtered here on the Date header (a margin allows for the
servers' clocks), the recipient (To, Cc) and the exact subject. Nothing is deleted or flagged.
"""

from __future__ import annotations

import datetime as dt
import imaplib
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from recette.config import FICHIER, ConfigCourriel
from recette.courriel.erreurs import (
    ConnexionCourrielRefusee,
    CourrielNonRecu,
    ServeurCourrielInjoignable,
)
from recette.courriel.message import Courriel, correspond, lire_courriel
from recette.erreurs import ErreurConfiguration

DELAI_CONNEXION = 30.0
INTERVALLE = 5.0  # seconds between two searches of the folder while waiting
MARGE = dt.timedelta(minutes=5)  # a message dated a little before the view opened still counts
MOIS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_imap(jour: dt.date) -> str:
    """RFC 3501's date (``07-Dec-2026``), whatever the process's locale."""
    return f"{jour.day:02d}-{MOIS[jour.month - 1]}-{jour.year}"


class LecteurIMAP:
    """One IMAP mailbox; ``mot_de_passe`` is kept out of every message and ``repr``."""

    def __init__(self, hote: str, port: int, identifiant: str, mot_de_passe: str, ssl: bool = True,
                 dossier: str = "INBOX", delai_connexion: float = DELAI_CONNEXION) -> None:
        self.hote, self.port, self.ssl, self.dossier = hote, port, ssl, dossier
        self.identifiant, self._mot_de_passe, self.delai_connexion = identifiant, mot_de_passe, delai_connexion

    def __repr__(self) -> str:
        return f"LecteurIMAP({self.description!r}, identifiant={self.identifiant!r})"

    @property
    def description(self) -> str:
        return f"{'imaps' if self.ssl else 'imap'}://{self.hote}:{self.port}/{self.dossier}"

    @classmethod
    def de_configuration(cls, config: ConfigCourriel, environnement: str) -> LecteurIMAP:
        """From a ``courriel:`` block: the variables it names must be set (French error otherwise)."""
        valeurs = []
        for role, nom in (("identifiant", config.identifiant), ("mot_de_passe", config.mot_de_passe)):
            valeur = os.environ.get(nom, "")
            if not valeur:
                raise ErreurConfiguration(f"la variable d'environnement {nom} (courriel.{role} de l'environnement "
                                          f"« {environnement} ») n'est pas définie", FICHIER)
            valeurs.append(valeur)
        return cls(config.hote, config.port, valeurs[0], valeurs[1], config.ssl, config.dossier)

    # --- IMAP ------------------------------------------------------------------------------------------
    @contextmanager
    def _session(self) -> Iterator[imaplib.IMAP4]:
        adresse = f"{self.hote}:{self.port}"
        try:
            classe = imaplib.IMAP4_SSL if self.ssl else imaplib.IMAP4
            imap = classe(self.hote, self.port, timeout=self.delai_connexion)
        except (OSError, imaplib.IMAP4.error) as exc:
            raise ServeurCourrielInjoignable(f"Serveur IMAP injoignable : {adresse} ({_cause(exc)})") from None
        try:
            self._ouvrir(imap, adresse)
            yield imap
        finally:
            try:
                imap.logout()
            except (OSError, imaplib.IMAP4.error):
                pass

    def _ouvrir(self, imap: imaplib.IMAP4, adresse: str) -> None:
        try:
            imap.login(self.identifiant, self._mot_de_passe)
        except imaplib.IMAP4.error:
            raise ConnexionCourrielRefusee(f"Connexion IMAP refusée pour l'utilisateur « {self.identifiant} » sur "
                                           f"{adresse} : identifiant ou mot de passe incorrect") from None
        statut, _ = imap.select(f'"{self.dossier}"', readonly=True)
        if statut != "OK":
            raise ConnexionCourrielRefusee(f"Dossier IMAP « {self.dossier} » introuvable sur {adresse}")

    def lire(self, depuis: dt.datetime) -> list[Courriel]:
        """Every message of the folder dated from ``depuis`` (minus :data:`MARGE`)."""
        with self._session() as imap:
            _statut, donnees = imap.uid("SEARCH", "SINCE", date_imap((depuis - MARGE).date()))
            uids = (donnees[0] or b"").split() if donnees and isinstance(donnees[0], bytes) else []
            courriels = [c for uid in uids if (c := self._message(imap, uid.decode("ascii"))) is not None]
        return [c for c in courriels if c.date is None or _aware(c.date) >= depuis - MARGE]

    @staticmethod
    def _message(imap: imaplib.IMAP4, uid: str) -> Courriel | None:
        _statut, parties = imap.uid("FETCH", uid, "(BODY.PEEK[])")
        brut = next((p[1] for p in parties if isinstance(p, tuple) and isinstance(p[1], bytes)), None)
        return lire_courriel(brut) if brut is not None else None

    def vue(self, delai: float, depuis: dt.datetime | None = None) -> VueIMAP:
        return VueIMAP(self, depuis or dt.datetime.now(dt.UTC), delai)


class VueIMAP:
    """The mailbox seen from one scenario: messages dated from its start (a :class:`BoiteCourriel`)."""

    def __init__(self, lecteur: LecteurIMAP, depuis: dt.datetime, delai: float, intervalle: float = INTERVALLE) -> None:
        self.lecteur, self.depuis, self.delai, self.intervalle = lecteur, depuis, delai, intervalle
        self.description = lecteur.description
        self._pause = threading.Event()  # never set: a bounded pause between two searches

    def recus(self, destinataire: str | None = None, sujet: str | None = None) -> list[Courriel]:
        return [c for c in self.lecteur.lire(self.depuis) if correspond(c, destinataire, sujet)]

    def attendre(self, destinataire: str, sujet: str, delai: float | None = None) -> Courriel:
        delai = self.delai if delai is None else delai
        limite = time.monotonic() + delai
        while True:
            trouves = self.recus(destinataire, sujet)
            if trouves:
                return trouves[0]
            reste = limite - time.monotonic()
            if reste <= 0:
                raise CourrielNonRecu(destinataire, sujet, delai, self.description)
            self._pause.wait(min(self.intervalle, reste))


def _aware(instant: dt.datetime) -> dt.datetime:
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=dt.UTC)


def _cause(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connexion refusée"
    if isinstance(exc, TimeoutError):
        return "pas de réponse dans le délai"
    if isinstance(exc, socket.gaierror):
        return "nom d'hôte inconnu"
    return type(exc).__name__
