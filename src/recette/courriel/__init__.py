"""E-mails the recette checks (issue #17: BO schedules delivered by e-mail): an SMTP receiver for
the embedded sandbox, a real mailbox read by IMAP elsewhere, one interface for both."""

from __future__ import annotations

from recette.courriel.erreurs import (
    ConnexionCourrielRefusee,
    CourrielNonRecu,
    ErreurCourriel,
    ServeurCourrielInjoignable,
)
from recette.courriel.imap import LecteurIMAP, VueIMAP
from recette.courriel.message import BoiteCourriel, Courriel, PieceJointe, lire_courriel
from recette.courriel.recepteur import RecepteurSMTP, VueRecepteur

__all__ = [
    "BoiteCourriel",
    "ConnexionCourrielRefusee",
    "Courriel",
    "CourrielNonRecu",
    "ErreurCourriel",
    "LecteurIMAP",
    "PieceJointe",
    "RecepteurSMTP",
    "ServeurCourrielInjoignable",
    "VueIMAP",
    "VueRecepteur",
    "lire_courriel",
]
