"""The HTTP stack's logs without secrets: httpcore's DEBUG trace prints every response's headers
(a session's ``Set-Cookie``, BusinessObjects' ``X-SAP-LogonToken``), whatever handler the
application or pytest configured. :data:`filtre_secrets` masks those headers' values by name, and
the live secrets it is told of (a token known before its answer is logged, a password while it
is sent), in the records of :data:`JOURNAUX_HTTP`."""

from __future__ import annotations

import logging
import re

from recette.masque import MASQUE

#: Headers whose value is a secret, as httpcore's trace writes them (``(b'set-cookie', b'…')``) or
#: as a mapping (``'Authorization': '…'``, ``Cookie: …``).
ENTETES_SECRETS = ("x-sap-logontoken", "proxy-authorization", "authorization", "set-cookie", "cookie")
_NOMS = "|".join(map(re.escape, ENTETES_SECRETS))
_ENTETE_DANS_UN_JOURNAL = re.compile(
    rf"""(?i)((?:{_NOMS})'\s*,\s*b')[^']*|((?:{_NOMS})["']?\s*[:=]\s*)(?:"[^"]*"|'[^']*'|\S+)""")
#: Loggers of the HTTP stack and of our clients.
JOURNAUX_HTTP = ("httpx", "httpcore.connection", "httpcore.connection_pool", "httpcore.http11", "httpcore.http2",
                 "httpcore.proxy", "httpcore.socks", "recette.bo")


class FiltreSecrets(logging.Filter):
    """Masks the secret headers' values and the live secrets in the records of the HTTP loggers."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        # an answer is traced before its token is known: masked by the header's name
        masque = _ENTETE_DANS_UN_JOURNAL.sub(lambda trouve: (trouve[1] or trouve[2]) + MASQUE, message)
        for secret in sorted((x for x in tuple(self.secrets) if len(x) >= 4), key=len, reverse=True):
            masque = masque.replace(secret, MASQUE)
        if masque != message:
            record.msg, record.args = masque, ()
        return True

    def installer(self) -> None:
        for nom in JOURNAUX_HTTP:
            journal_http = logging.getLogger(nom)
            if self not in journal_http.filters:
                journal_http.addFilter(self)


filtre_secrets = FiltreSecrets()
