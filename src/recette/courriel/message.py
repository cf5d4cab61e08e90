"""What a mailbox holds, whatever the mailbox: a received e-mail (sender, recipients, subject,
date, attachments as name + bytes), and the interface every mailbox offers."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from typing import Protocol

from recette.courriel.erreurs import ErreurCourriel


@dataclass(frozen=True)
class PieceJointe:
    nom: str
    contenu: bytes = field(repr=False)
    type_media: str = "application/octet-stream"

    @property
    def taille(self) -> int:
        return len(self.contenu)


@dataclass(frozen=True)
class Courriel:
    """A received e-mail. ``destinataires``: who received it (the SMTP envelope's recipients for
    the receiver, the To and Cc headers for a mailbox read by IMAP), in lower case."""

    expediteur: str
    destinataires: tuple[str, ...]
    sujet: str
    date: dt.datetime | None
    pieces_jointes: tuple[PieceJointe, ...]
    texte: str = ""
    brut: bytes = field(default=b"", repr=False)

    def pour(self, destinataire: str) -> bool:
        return destinataire.strip().lower() in self.destinataires

    def piece_jointe(self, nom: str | None = None) -> PieceJointe:
        """The attachment named ``nom``, or the only one; a French error listing them otherwise."""
        candidates = [p for p in self.pieces_jointes if nom is None or p.nom == nom]
        if len(candidates) == 1:
            return candidates[0]
        noms = ", ".join(f"« {p.nom} »" for p in self.pieces_jointes) or "aucune"
        attendu = f"la pièce jointe « {nom} »" if nom else "une seule pièce jointe"
        raise ErreurCourriel(f"Le courriel « {self.sujet} » n'a pas {attendu} (pièces jointes : {noms})")


def _date(valeur: str | None) -> dt.datetime | None:
    try:
        return parsedate_to_datetime(valeur) if valeur else None
    except (TypeError, ValueError):
        return None


def _pieces_jointes(message: EmailMessage) -> tuple[PieceJointe, ...]:
    pieces = []
    for partie in message.iter_attachments():
        contenu = partie.get_payload(decode=True)
        pieces.append(PieceJointe(partie.get_filename() or "", contenu if isinstance(contenu, bytes) else b"",
                                  partie.get_content_type()))
    return tuple(pieces)


def _texte(message: EmailMessage) -> str:
    corps = message.get_body(preferencelist=("plain",))
    texte = str(corps.get_content()) if isinstance(corps, EmailMessage) else ""
    return texte.replace("\r\n", "\n")  # SMTP's line ends


def lire_courriel(brut: bytes, destinataires: list[str] | None = None) -> Courriel:
    """An RFC 5322 message; ``destinataires`` (the envelope's) replace the To and Cc headers."""
    message = email.message_from_bytes(brut, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    if destinataires is None:
        destinataires = [a for _nom, a in getaddresses([*message.get_all("to", []), *message.get_all("cc", [])])]
    expediteur = getaddresses([str(message.get("from", ""))])[0][1] if message.get("from") else ""
    return Courriel(expediteur, tuple(d.strip().lower() for d in destinataires if d.strip()),
                    str(message.get("subject", "")), _date(message.get("date")), _pieces_jointes(message),
                    _texte(message), brut)


def correspond(courriel: Courriel, destinataire: str | None, sujet: str | None) -> bool:
    """The recipient (case-insensitive) and the exact subject (spaces around it ignored)."""
    return (destinataire is None or courriel.pour(destinataire)) and \
        (sujet is None or courriel.sujet.strip() == sujet.strip())


class BoiteCourriel(Protocol):
    """What the steps use, for the sandbox's SMTP receiver as for a real mailbox read by IMAP:
    the messages received since the box was opened (the scenario's start)."""

    description: str
    delai: float

    def recus(self, destinataire: str | None = None, sujet: str | None = None) -> list[Courriel]:
        """The messages received so far for ``destinataire`` with ``sujet`` (None: any)."""
        ...

    def attendre(self, destinataire: str, sujet: str, delai: float | None = None) -> Courriel:
        """The first message for ``destinataire`` with ``sujet``, waiting at most ``delai`` seconds
        (default :attr:`delai`); :class:`CourrielNonRecu` otherwise."""
        ...
