"""The mailboxes' errors: one French sentence each, naming the server, the recipient or the subject
(never a password)."""

from __future__ import annotations

from recette.erreurs import ErreurEnvironnement, ErreurRecette


class ErreurCourriel(ErreurRecette):
    """A mailbox could not be read, or what was expected is not in it."""


class CourrielNonRecu(ErreurCourriel):
    """No message for ``destinataire`` with ``sujet`` arrived within ``delai`` seconds."""

    def __init__(self, destinataire: str, sujet: str, delai: float, boite: str = "") -> None:
        self.destinataire, self.sujet, self.delai = destinataire, sujet, delai
        ou = f" ({boite})" if boite else ""
        super().__init__(f"Aucun courriel reçu par {destinataire} avec le sujet « {sujet} » en {delai:g} s{ou}")


class ServeurCourrielInjoignable(ErreurCourriel, ErreurEnvironnement):
    """The mail server does not answer (connection refused, unknown host, time limit): an
    environment failure, the only kind a retry covers."""


class ConnexionCourrielRefusee(ErreurCourriel):
    """The mail server refused the login: names the user and the server, never the password."""
