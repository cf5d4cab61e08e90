"""The small static UI5 pages of tests/donnees/ui5 and the OpenUI5 runtime, served from a local port
(port 0, in a thread, polled until it answers): shared by the driver's and the recorder's tests."""

from __future__ import annotations

import functools
import http.server
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parents[1]
RUNTIME = RACINE / ".ui5" / "resources"
PAGES = Path(__file__).parent / "donnees" / "ui5"
RAISON_SANS_UI5 = "OpenUI5 n'est pas construit (.ui5/resources absent : make setup)"


class _Gestionnaire(http.server.SimpleHTTPRequestHandler):
    """``/resources/…`` from the OpenUI5 runtime, ``/lent`` answered after 3 s (a request UI5 waits on),
    everything else from the test pages."""

    def translate_path(self, path: str) -> str:
        chemin = path.split("?", 1)[0]
        if chemin.startswith("/resources/"):
            return str(RUNTIME / chemin.removeprefix("/resources/"))
        return str(PAGES / chemin.lstrip("/"))

    def do_GET(self) -> None:
        if self.path.startswith("/lent"):
            time.sleep(3)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *_args: Any) -> None:
        pass


@contextmanager
def pages_ui5() -> Iterator[str]:
    """The base URL of the test pages, served until the block ends."""
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gestionnaire))
    serveur.daemon_threads = True
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{serveur.server_port}"
    for _ in range(100):  # polled until it answers, never a fixed sleep
        try:
            urllib.request.urlopen(url + "/sans-ui5.html", timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    try:
        yield url
    finally:
        serveur.shutdown()
        serveur.server_close()
