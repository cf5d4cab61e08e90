"""Which scenarios can see a defect that changes a dataset's loading (the guided mutation's recording).

A defect such as ``reserve-non-appliquee`` acts while a dataset is loaded (the réserve is set aside
as the dataset's LFI is integrated): every scenario using the dataset starts from other data, but
only those that read the changed rows can see it. When the sandbox records what the recette reaches (``CHORUS_SANDBOX_TRACE_REGLES``), it
keeps, for each such defect, a shadow: the dataset loaded with the defect on (a SQLite snapshot).
Each read of a scenario (a ``SELECT`` of the storage) is then run on the dataset's snapshot and on
each shadow; a defect whose shadow answers differently is noted for the scenario.

Why that is enough: a run with the defect on is the same as the recorded one until its first read
that answers differently (the same requests, the same writes, on data that differ only by what the
defect changed). That read selects rows the defect changed, or rows it added or left out, which the
same read on the snapshots shows (a scenario's own rows are in neither, and read alike). Results are
compared as they come, order included; the answers of the two immutable snapshots are cached.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from chorus_sandbox.domaine import traces

_LECTURES = ("SELECT", "WITH")


class LecturesComparees:
    """The shadows of the loaded datasets, and the listener that compares each read of a scenario."""

    def __init__(self, jeu_courant: Callable[[], str]) -> None:
        self._jeu_courant = jeu_courant
        self._jeux: dict[str, tuple[Path, dict[str, Path]]] = {}  # dataset -> its snapshot, defect -> shadow
        self._connexions: dict[Path, sqlite3.Connection] = {}
        self._reponses: dict[tuple[str, str, str], frozenset[str]] = {}
        self._verrou = threading.Lock()

    def brancher(self, moteur: Engine) -> None:
        event.listen(moteur, "before_cursor_execute", self._avant_requete)

    def declarer(self, jeu: str, instantane: Path, ombres: Mapping[str, Path]) -> None:
        """Dataset ``jeu`` is ``instantane`` right after its loading; ``ombres``: defect -> it loaded with the defect."""
        with self._verrou:
            self._jeux[jeu] = (instantane, dict(ombres))

    def defauts_lus(self, jeu: str, requete: str, parametres: Any) -> frozenset[str]:
        """The defects whose shadow of ``jeu`` answers ``requete`` differently from its snapshot."""
        cle = (jeu, requete, repr(parametres))
        with self._verrou:
            if cle not in self._reponses:
                instantane, ombres = self._jeux[jeu]
                attendue = self._repondre(instantane, requete, parametres)
                self._reponses[cle] = frozenset(d for d, ombre in ombres.items()
                                                if self._repondre(ombre, requete, parametres) != attendue)
            return self._reponses[cle]

    def fermer(self) -> None:
        with self._verrou:
            for connexion in self._connexions.values():
                connexion.close()
            self._connexions.clear()

    def _avant_requete(self, _connexion: Any, _curseur: Any, requete: str, parametres: Any, _contexte: Any,
                       plusieurs: bool) -> None:
        if plusieurs or not requete.lstrip().upper().startswith(_LECTURES) or not traces.lectures_suivies():
            return
        jeu = self._jeu_courant()
        if self._jeux.get(jeu, (None, None))[1]:
            for defaut in sorted(self.defauts_lus(jeu, requete, parametres)):
                traces.noter_lecture(defaut)

    def _repondre(self, base: Path, requete: str, parametres: Any) -> list[tuple[Any, ...]]:
        if base not in self._connexions:
            self._connexions[base] = sqlite3.connect(f"file:{base}?mode=ro", uri=True, check_same_thread=False)
        return self._connexions[base].execute(requete, parametres or ()).fetchall()
