"""Progress of a long comparison, on stderr: one updated line on a terminal, a few lines in CI."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO


class Progression:
    """Reports ``étape … nn %``; silent until ``delai`` seconds have passed (short runs stay quiet)."""

    def __init__(self, flux: TextIO | None = None, delai: float = 1.0, intervalle: float | None = None) -> None:
        self.flux = flux if flux is not None else sys.stderr
        self.terminal = bool(getattr(self.flux, "isatty", lambda: False)())
        self.debut = time.perf_counter()
        self.delai = delai
        self.intervalle = intervalle if intervalle is not None else (0.2 if self.terminal else 5.0)
        self._dernier = 0.0
        self._ecrit = False
        self._verrou = threading.Lock()

    def avancer(self, etape: str, fraction: float | None = None) -> None:
        """Report ``etape`` (and its ``fraction`` done, 0 to 1) if enough time has passed.

        Thread-safe: two files read at once report in turn."""
        maintenant = time.perf_counter()
        if maintenant - self.debut < self.delai or maintenant - self._dernier < self.intervalle:
            return
        with self._verrou:
            self._dernier = maintenant
            texte = f"{etape}" + (f" {fraction:4.0%}" if fraction is not None else "") + \
                f" ({maintenant - self.debut:.1f} s)"
            self._ecrire(texte)

    def terminer(self) -> None:
        if self._ecrit and self.terminal:
            self.flux.write("\n")
            self.flux.flush()

    def _ecrire(self, texte: str) -> None:
        if self.terminal:
            self.flux.write(f"\r\033[K{texte}")
        else:
            self.flux.write(texte + "\n")
        self.flux.flush()
        self._ecrit = True


class Interrompue(Exception):
    """A reading stopped because the other one failed (see :class:`Annulable`)."""


class Annulable(Progression):
    """Forwards to ``suivie`` until ``annulation`` is set, then stops the reading that reports
    (raises :class:`Interrompue` at its next block): the other file of a pair has failed."""

    def __init__(self, suivie: Progression, annulation: threading.Event) -> None:
        self.suivie, self.annulation = suivie, annulation

    def avancer(self, etape: str, fraction: float | None = None) -> None:
        if self.annulation.is_set():
            raise Interrompue()
        self.suivie.avancer(etape, fraction)

    def terminer(self) -> None:
        self.suivie.terminer()


class Silence(Progression):
    """No progress at all (library use, tests)."""

    def __init__(self) -> None:
        super().__init__(flux=sys.stderr, delai=float("inf"))

    def avancer(self, etape: str, fraction: float | None = None) -> None:
        return None
