"""The BusinessObjects client's errors: one French sentence each, with BO's code when BO gave one.

Every refusal of BO becomes one of these (never an httpx traceback); none carries the logon token
or the password (the client masks them in BO's own messages too, see ``ClientBO``).
"""

from __future__ import annotations

from recette.erreurs import ErreurEnvironnement, ErreurRecette


class ErreurBO(ErreurRecette):
    """BusinessObjects refused a call: ``code`` (``WSR 00400``, ``FWB 00008``… or ``""``), HTTP
    ``statut`` (None when no answer came), BO's own ``message_bo`` and the ``url`` called."""

    def __init__(self, message: str, url: str = "", code: str = "", statut: int | None = None,
                 message_bo: str = "") -> None:
        self.url, self.code, self.statut, self.message_bo = url, code, statut, message_bo
        super().__init__(message)


def citation(code: str, message_bo: str) -> str:
    """BO's words as quoted in our messages: ``(WSR 00101 : « … »)``."""
    parties = [p for p in (code, f"« {message_bo} »" if message_bo else "") if p]
    return f" ({' : '.join(parties)})" if parties else ""


class ServeurBOIndisponible(ErreurBO, ErreurEnvironnement):
    """BO does not answer (connection refused, name unknown, time limit) or answers a 5xx: an
    environment failure, the only kind a retry covers."""


class IdentifiantsBORefuses(ErreurBO):
    """Logon refused (``FWB 00008``): names the user and the server, never the password."""

    def __init__(self, utilisateur: str, url: str, code: str, statut: int | None, message_bo: str) -> None:
        self.utilisateur = utilisateur
        super().__init__(f"Connexion à BusinessObjects refusée pour l'utilisateur « {utilisateur} » sur {url} : "
                         f"identifiant, mot de passe ou type d'authentification incorrect{citation(code, message_bo)}",
                         url, code, statut, message_bo)


class JetonBOInvalide(ErreurBO):
    """The logon token is absent, invalid or expired (``WSR 00001``/``WSR 00002``, ``FWB 00003``,
    ``FWM 02024``): the session must be opened again."""


class DocumentBOInconnu(ErreurBO):
    """No Web Intelligence document of that name or id visible to this user."""

    def __init__(self, document: str, url: str, code: str = "", statut: int | None = None,
                 message_bo: str = "") -> None:
        self.document = document
        super().__init__(f"Document BusinessObjects introuvable : « {document} » sur {url}"
                         f"{citation(code, message_bo)}", url, code, statut, message_bo)


class InviteBOInvalide(ErreurBO):
    """A prompt's answer is missing or malformed: names the prompt(s) and the document, quotes BO."""

    def __init__(self, invites: list[str], document: str, explication: str, url: str = "", code: str = "",
                 statut: int | None = None, message_bo: str = "") -> None:
        self.invites, self.document = invites, document
        noms = ", ".join(f"« {i} »" for i in invites) or "(non nommée)"
        mot = "Invite" if len(invites) <= 1 else "Invites"
        super().__init__(f"{mot} {noms} du document « {document} » : {explication}{citation(code, message_bo)}",
                         url, code, statut, message_bo)


class InviteBOManquante(InviteBOInvalide):
    """BO still asks for mandatory prompts after the answers were sent (its 200 ``<parameters>``)."""


class FormatExportNonOffert(ErreurBO):
    """The export format asked for is not offered (unknown to the client, or BO's 406)."""

    def __init__(self, format_: str, url: str, offerts: list[str], code: str = "", statut: int | None = None,
                 message_bo: str = "") -> None:
        self.format = format_
        super().__init__(f"Format d'export « {format_} » non offert par BusinessObjects ({url}) ; formats "
                         f"connus : {', '.join(offerts)}{citation(code, message_bo)}", url, code, statut, message_bo)


class PlanificationBORefusee(ErreurBO):
    """BO refused to create a schedule (an address, a format, a prompt): quotes BO's reason."""

    def __init__(self, document: str, url: str, code: str = "", statut: int | None = None, message_bo: str = "") -> None:
        self.document = document
        super().__init__(f"Planification du document « {document} » refusée par BusinessObjects ({url}, HTTP {statut})"
                         f"{citation(code, message_bo)}", url, code, statut, message_bo)


class PlanificationBOEnRetard(ErreurBO):
    """A schedule still not finished (Completed or Failed) after the bounded wait."""

    def __init__(self, document: str, planification: int, delai: float, statut: str, url: str = "") -> None:
        self.document, self.planification, self.delai = document, planification, delai
        super().__init__(f"La planification {planification} du document « {document} » n'est pas terminée après "
                         f"{delai:g} s (dernier statut : {statut or 'inconnu'})", url)
