"""Run the sandbox in a thread on a free port and wait until it answers (no sleep)."""

from __future__ import annotations

import os
import threading
import time
import urllib.request
from typing import Self

import uvicorn

from chorus_sandbox.livraison import VARIABLE_SMTP, lire_smtp
from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application
from chorus_sandbox.web.bo_planifications import configurer_smtp


class ServeurBac:
    """``with ServeurBac(bac) as serveur: serveur.url`` — started on port 0 by default.

    ``smtp``: the ``hôte:port`` of the SMTP server the BO schedules deliver through; None reads
    ``CHORUS_SANDBOX_SMTP``, ``""`` means none (a schedule then fails, saying so)."""

    def __init__(self, bac: Bac, hote: str = "127.0.0.1", port: int = 0, delai: float = 30.0,
                 smtp: str | None = None) -> None:
        self.bac = bac
        self.application = application = creer_application(bac)
        origine = "--smtp" if smtp is not None else VARIABLE_SMTP
        self.smtp = lire_smtp(os.environ.get(VARIABLE_SMTP) if smtp is None else smtp, origine)
        configurer_smtp(application, self.smtp)
        config = uvicorn.Config(application, host=hote, port=port, log_level="warning",
                                access_log=False, lifespan="off")
        self._serveur = uvicorn.Server(config)
        self._fil = threading.Thread(target=self._serveur.run, name="bac-a-sable", daemon=True)
        self._delai = delai
        self.url = ""

    def demarrer(self) -> str:
        self._fil.start()
        limite = time.monotonic() + self._delai
        while not self._serveur.started:
            if not self._fil.is_alive() or time.monotonic() > limite:
                raise RuntimeError("Le bac à sable n'a pas démarré (port occupé ?)")
            self._fil.join(0.01)
        hote, port = self._serveur.servers[0].sockets[0].getsockname()[:2]
        self.url = f"http://{hote}:{port}"
        with urllib.request.urlopen(f"{self.url}/api/sante", timeout=self._delai) as reponse:
            reponse.read()
        return self.url

    def attendre(self) -> None:
        """Block until the server stops (Ctrl+C raises KeyboardInterrupt here)."""
        while self._fil.is_alive():
            self._fil.join(0.5)

    def arreter(self) -> None:
        self._serveur.should_exit = True
        self._fil.join(10)

    def __enter__(self) -> Self:
        self.demarrer()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.arreter()
