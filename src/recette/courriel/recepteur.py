"""An SMTP receiver in the test process (aiosmtpd), for the embedded sandbox's BO schedules.

aiosmtpd's threaded ``Controller`` cannot listen on port 0 (it connects to the port it was given
to check the server: aio-libs/aiosmtpd#388), so an ``UnthreadedController`` runs in a thread of
ours: it binds port 0 there, the real port is read from its socket, the thread runs the loop. The
messages are kept in memory; a reader waits on a condition until one comes (no sleep).
"""

from __future__ import annotations

import asyncio
import threading
import time
from types import TracebackType
from typing import Any, Self

from recette.courriel.erreurs import CourrielNonRecu, ErreurCourriel
from recette.courriel.message import Courriel, correspond, lire_courriel

DELAI_PAR_DEFAUT = 60.0
DELAI_DEMARRAGE = 30.0


#: Top-level domains no mail can ever reach (RFC 2606, RFC 6761 § 6.4): the receiver refuses their
#: recipients as a real MTA refuses an unknown domain, so a scenario can make a delivery fail.
DOMAINES_NON_LIVRABLES = (".invalid",)


class _Gestionnaire:
    """aiosmtpd's handler: every message accepted, kept with its envelope's recipients; a recipient
    of a domain no mail reaches is refused at RCPT (550), as a real server does."""

    def __init__(self, recepteur: RecepteurSMTP) -> None:
        self.recepteur = recepteur

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:
        if address.lower().rstrip(">").endswith(DOMAINES_NON_LIVRABLES):
            return f"550 5.1.2 Domaine du destinataire introuvable : {address}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        brut = envelope.original_content or envelope.content or b""
        self.recepteur.deposer(brut if isinstance(brut, bytes) else str(brut).encode("utf-8"), list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


class RecepteurSMTP:
    """``with RecepteurSMTP() as recepteur: recepteur.adresse`` (``127.0.0.1:40123``), then
    :meth:`recus` / :meth:`attendre`; :meth:`vue` sees only what arrives after it is taken."""

    def __init__(self, hote: str = "127.0.0.1", port: int = 0, delai: float = DELAI_PAR_DEFAUT) -> None:
        self.hote, self.port, self.delai = hote, port, delai
        self._messages: list[Courriel] = []
        self._condition = threading.Condition()
        self._pret = threading.Event()
        self._boucle: asyncio.AbstractEventLoop | None = None
        self._controleur: Any = None
        self._fil: threading.Thread | None = None
        self._erreur: BaseException | None = None

    @property
    def adresse(self) -> str:
        return f"{self.hote}:{self.port}"

    @property
    def description(self) -> str:
        return f"récepteur SMTP {self.adresse}"

    # --- Life ---------------------------------------------------------------------------------------
    def demarrer(self) -> str:
        """Listen (port 0: a free one) and return ``hôte:port`` once the socket is bound."""
        self._fil = threading.Thread(target=self._executer, name="recepteur-smtp", daemon=True)
        self._fil.start()
        if not self._pret.wait(DELAI_DEMARRAGE) or self._erreur is not None:
            raise ErreurCourriel(f"Le récepteur SMTP n'a pas démarré sur {self.hote}:{self.port} "
                                 f"({self._erreur or 'délai dépassé'})")
        return self.adresse

    def _executer(self) -> None:
        from aiosmtpd.controller import UnthreadedController

        boucle = self._boucle = asyncio.new_event_loop()
        try:
            self._controleur = UnthreadedController(_Gestionnaire(self), hostname=self.hote, port=self.port,
                                                    loop=boucle)
            self._controleur.begin()  # binds the socket in this thread (and makes the loop its own)
            self.port = int(self._controleur.server.sockets[0].getsockname()[1])
        except BaseException as exc:  # noqa: BLE001 - told to demarrer(), which raises it in French
            self._erreur = exc
            self._pret.set()
            boucle.close()
            return
        self._pret.set()
        boucle.run_forever()
        boucle.close()

    def arreter(self) -> None:
        boucle, fil = self._boucle, self._fil
        if boucle is None or fil is None or not fil.is_alive():
            return
        if self._controleur is not None:
            asyncio.run_coroutine_threadsafe(self._controleur.finalize(), boucle).result(DELAI_DEMARRAGE)
        boucle.call_soon_threadsafe(boucle.stop)
        fil.join(DELAI_DEMARRAGE)

    def __enter__(self) -> Self:
        self.demarrer()
        return self

    def __exit__(self, type_: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.arreter()

    # --- Messages -----------------------------------------------------------------------------------
    def deposer(self, brut: bytes, destinataires: list[str]) -> None:
        courriel = lire_courriel(brut, destinataires)
        with self._condition:
            self._messages.append(courriel)
            self._condition.notify_all()

    @property
    def nombre(self) -> int:
        with self._condition:
            return len(self._messages)

    def recus(self, destinataire: str | None = None, sujet: str | None = None, depuis: int = 0) -> list[Courriel]:
        """The messages received (the ``depuis``-th onwards) for ``destinataire`` with ``sujet``."""
        with self._condition:
            return [c for c in self._messages[depuis:] if correspond(c, destinataire, sujet)]

    def attendre(self, destinataire: str, sujet: str, delai: float | None = None, depuis: int = 0) -> Courriel:
        """The first such message, waiting at most ``delai`` s for it (:class:`CourrielNonRecu`)."""
        delai = self.delai if delai is None else delai
        limite = time.monotonic() + delai
        with self._condition:
            while True:
                trouve = next((c for c in self._messages[depuis:] if correspond(c, destinataire, sujet)), None)
                reste = limite - time.monotonic()
                if trouve is not None:
                    return trouve
                if reste <= 0:
                    raise CourrielNonRecu(destinataire, sujet, delai, self.description)
                self._condition.wait(reste)

    def vue(self, delai: float | None = None, depuis: int | None = None) -> VueRecepteur:
        """A mailbox that sees only the messages arriving from now on (or from the ``depuis``-th)."""
        return VueRecepteur(self, self.nombre if depuis is None else depuis, self.delai if delai is None else delai)


class VueRecepteur:
    """The receiver seen from one scenario: what arrived since it was taken (a :class:`BoiteCourriel`)."""

    def __init__(self, recepteur: RecepteurSMTP, depuis: int, delai: float) -> None:
        self.recepteur, self.depuis, self.delai = recepteur, depuis, delai
        self.description = recepteur.description

    def recus(self, destinataire: str | None = None, sujet: str | None = None) -> list[Courriel]:
        return self.recepteur.recus(destinataire, sujet, self.depuis)

    def attendre(self, destinataire: str, sujet: str, delai: float | None = None) -> Courriel:
        return self.recepteur.attendre(destinataire, sujet, self.delai if delai is None else delai, self.depuis)
