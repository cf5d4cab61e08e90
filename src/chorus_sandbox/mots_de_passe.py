"""Passwords of the sandbox: Argon2id hashes (argon2-cffi, RFC 9106 parameters), never stored.

The seeded users' password is ``CHORUS_SANDBOX_MOT_DE_PASSE`` when set, else a random one that
the command line prints once at start. No password is written in the repository.
"""

from __future__ import annotations

import functools
import os
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

VARIABLE = "CHORUS_SANDBOX_MOT_DE_PASSE"
_hacheur = PasswordHasher()  # Argon2id, t=3, m=64 Mio, p=4 (RFC 9106, low-memory profile)


def hacher(mot_de_passe: str) -> str:
    """A salted Argon2id empreinte of ``mot_de_passe``."""
    return _hacheur.hash(mot_de_passe)


@functools.lru_cache(maxsize=1)
def _empreinte_factice() -> str:
    return hacher(secrets.token_urlsafe(16))


def verifier(empreinte: str, mot_de_passe: str) -> bool:
    """Whether ``mot_de_passe`` matches; an empty or unreadable empreinte never does (but costs
    the same time, so that an unknown login cannot be told from a wrong password)."""
    try:
        return _hacheur.verify(empreinte or _empreinte_factice(), mot_de_passe) and bool(empreinte)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@functools.lru_cache(maxsize=4)
def empreinte_partagee(mot_de_passe: str) -> str:
    """The empreinte given to every seeded user: one Argon2id hash per password and process (a
    dataset load or a new sandbox does not pay 0,2 s again; the users share this password anyway)."""
    return hacher(mot_de_passe)


def generer() -> str:
    """A random password (24 URL-safe characters, 144 bits)."""
    return secrets.token_urlsafe(18)


def mot_de_passe_initial(donne: str | None = None) -> tuple[str, bool]:
    """The password of the seeded users and whether it was generated: ``donne``, else the
    environment variable, else a random one."""
    if donne:
        return donne, False
    valeur = os.environ.get(VARIABLE, "")
    return (valeur, False) if valeur else (generer(), True)
