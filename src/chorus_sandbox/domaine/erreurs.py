"""One exception hierarchy for the sandbox; every message is French and names the amounts."""

from __future__ import annotations

from chorus_sandbox.domaine import traces


class ErreurChorus(Exception):
    """Base of every refusal of the sandbox. ``message`` is shown to the user as is."""

    statut_http = 409

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        traces.noter_refus(self)  # where it was built, when the sandbox records what the recette reaches

    @property
    def type(self) -> str:
        return type(self).__name__


class DonneeInvalide(ErreurChorus):
    """A value is malformed (amount, code, date, missing field)."""

    statut_http = 422


class ObjetInconnu(ErreurChorus):
    """A code or a number designates nothing in the référentiel or the data."""

    statut_http = 404


class CreditsInsuffisants(ErreurChorus):
    """The amount asked for is above what is available."""


class RegleDeGestion(ErreurChorus):
    """Any other budget rule refuses the operation (state, order, double integration…)."""


class AuthentificationRequise(ErreurChorus):
    """No valid session or token: log in first (the message says how)."""

    statut_http = 401


class AccesRefuse(ErreurChorus):
    """The user is authenticated but no rôle-territoire allows this operation on this object."""

    statut_http = 403


class RequeteInvalide(ErreurChorus):
    """The request itself is unusable (no file in a deposit): nothing was read, nothing recorded."""

    statut_http = 400


class FichierTropVolumineux(ErreurChorus):
    """A deposited file above the size limit: refused before it is read."""

    statut_http = 413
