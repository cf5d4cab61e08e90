"""Pure budget domain of the sandbox: référentiel, credits, execution chain, rules."""

from __future__ import annotations

from chorus_sandbox.domaine.erreurs import (
    CreditsInsuffisants,
    DonneeInvalide,
    ErreurChorus,
    ObjetInconnu,
    RegleDeGestion,
)
from chorus_sandbox.domaine.montants import format_montant, vers_centimes, vers_euros
from chorus_sandbox.domaine.regles import Contexte

__all__ = [
    "Contexte",
    "CreditsInsuffisants",
    "DonneeInvalide",
    "ErreurChorus",
    "ObjetInconnu",
    "RegleDeGestion",
    "format_montant",
    "vers_centimes",
    "vers_euros",
]
