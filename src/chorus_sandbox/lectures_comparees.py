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

A read that differs inside an operation (a mise à disposition reading the programme's réserve) is
not noted at once: the operation may answer the same (the amount is within the credits either way).
The defect is handed to :mod:`chorus_sandbox.operations_comparees`, whose shadow of the operation
is the live data with the rows the defect changed in the dataset taken from its shadow
(:meth:`LecturesComparees.appliquer`); from then on that shadow, not the snapshots, answers for it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from chorus_sandbox.domaine import traces
from chorus_sandbox.stockage import metadata

_LECTURES = ("SELECT", "WITH")


class LecturesComparees:
    """The shadows of the loaded datasets, and the listener that compares each read of a scenario."""

    def __init__(self, jeu_courant: Callable[[], str], suivi_ailleurs: Callable[[str], bool] = lambda _: False) -> None:
        self._jeu_courant = jeu_courant
        self._suivi_ailleurs = suivi_ailleurs  # a defect a shadow of the scenario's operations now follows
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

    def appliquer(self, defaut: str, copie: sqlite3.Connection) -> bool:
        """Make ``copie`` (of the live data) what it would be with ``defaut`` on since the dataset's
        loading: each row ``defaut`` changed, added or left out of the current dataset goes as in its
        shadow. False when the scenario has since written a row of the same key (the copy would
        then not be that run's data); nothing to do for a defect without a shadow of the dataset."""
        instantane, ombres = self._jeux.get(self._jeu_courant(), (None, {}))
        if defaut not in ombres:
            return True
        copie.execute("ATTACH DATABASE ? AS instantane", (str(instantane),))
        copie.execute("ATTACH DATABASE ? AS ombre", (str(ombres[defaut]),))
        try:
            with copie:  # all the rows, or none
                for table in metadata.sorted_tables:
                    _appliquer_table(copie, table.name, next(iter(table.primary_key.columns)).name)
        except _Conflit:
            return False
        finally:
            copie.execute("DETACH DATABASE instantane")
            copie.execute("DETACH DATABASE ombre")
        return True

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
                if not self._suivi_ailleurs(defaut):
                    traces.noter_ou_differer(defaut)

    def _repondre(self, base: Path, requete: str, parametres: Any) -> list[tuple[Any, ...]]:
        if base not in self._connexions:
            self._connexions[base] = sqlite3.connect(f"file:{base}?mode=ro", uri=True, check_same_thread=False)
        return self._connexions[base].execute(requete, parametres or ()).fetchall()


class _Conflit(Exception):
    """A row the defect changed has the key of a row the scenario wrote: the copy is rolled back."""


def _appliquer_table(copie: sqlite3.Connection, table: str, cle: str) -> None:
    """Rows of ``table`` only in the snapshot are deleted, rows only in the shadow inserted."""
    retires = f'SELECT "{cle}" FROM (SELECT * FROM instantane."{table}" EXCEPT SELECT * FROM ombre."{table}")'
    ajoutes = f'SELECT * FROM ombre."{table}" EXCEPT SELECT * FROM instantane."{table}"'
    copie.execute(f'DELETE FROM main."{table}" WHERE "{cle}" IN ({retires})')
    if copie.execute(f'SELECT count(*) FROM main."{table}" WHERE "{cle}" IN (SELECT "{cle}" FROM ({ajoutes}))').fetchone()[0]:
        raise _Conflit
    copie.execute(f'INSERT INTO main."{table}" {ajoutes}')
