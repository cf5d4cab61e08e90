"""Which scenarios can see a defect that changes an operation (the guided mutation's recording).

A defect's rule may answer differently inside an operation of a scenario (the closing of the
exercice reaches the rules of the reports), yet nothing the scenario reads afterwards may show it.
While the sandbox records what the recette reaches, an operation whose rule would answer
differently with a defect D on is not enough to note D: the operation runs again, from the same
data, on a copy with D on (a shadow); then every later operation of the scenario runs on each live
shadow too, and every read (a ``SELECT`` outside an operation) is run on the live data and on each
shadow. D is noted for the scenario as soon as an operation's answer (its result or its refusal)
or a read differs; a shadow ends with its scenario, or when a dataset is loaded again.

Why that is enough: a run with D on is the same as the recorded one until its first answer that
differs (the same requests, the same operations on data that differ only by what D changed), and
its data are then the shadow's; an operation is compared by what it answers, what it wrote by the
reads that follow. Every operation of a shadow is stamped with the recorded operation's time.
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import itertools
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import event

from chorus_sandbox.domaine import traces
from chorus_sandbox.domaine.regles import Contexte
from chorus_sandbox.stockage import Stockage

T = TypeVar("T")
# An operation on a storage with extra defects on, stamped at a time, with a check run before its
# commit; it answers its result and the context after it.
Appliquer = Callable[[Stockage, frozenset[str], dt.time | None, Callable[[], None]], tuple[T, Contexte]]

_LECTURES = ("SELECT", "WITH")
_en_operation: contextvars.ContextVar[bool] = contextvars.ContextVar("operation_comparee", default=False)


class _Refaire(Exception):
    """The recorded operation reached a defect to follow: rolled back, to copy the data before it."""


@dataclasses.dataclass(frozen=True)
class _Issue(Generic[T]):
    """What an operation answered: its result and the context after it, or its refusal."""

    resultat: T | None = None
    apres: Contexte | None = None
    refus: Exception | None = None

    def cle(self, resultat_lu: bool) -> tuple[Any, ...]:
        if self.refus is not None:
            return ("refus", type(self.refus).__name__, str(self.refus))
        assert self.apres is not None
        # by value: the domain's objects compare by identity (two runs never give the same one)
        return ("retour", repr(self.resultat) if resultat_lu else None, self.apres.exercice, self.apres.date_du_jour)

    def differe(self, autre: _Issue[T]) -> bool:
        """Whether the recette could tell them apart: the refusal, the exercice and date after, and
        the result unless the request declared its answer unread (what it wrote, the reads show)."""
        lu = traces.resultat_lu()
        try:
            return bool(self.cle(lu) != autre.cle(lu))
        except Exception:  # noqa: BLE001 - answers that cannot be compared may differ
            return True


@dataclasses.dataclass
class _Ombre:
    stockage: Stockage
    lecture: sqlite3.Connection
    fichier: Path


class OperationsComparees:
    """The live shadows of the scenario under way, one per defect that changed one of its operations."""

    def __init__(self, stockage: Stockage, dossier: Path,
                 preparer: Callable[[str, sqlite3.Connection], bool]) -> None:
        self._stockage = stockage
        self._dossier = dossier
        # a new shadow's copy of the live data made what it would be with the defect on before the
        # operation (a defect of a dataset's loading: its rows); False: it cannot be, the defect is noted
        self._preparer = preparer
        self._ombres: dict[str, _Ombre] = {}
        self._scenario: str | None = None
        self._rangs = itertools.count()
        self._verrou = threading.RLock()
        event.listen(stockage.moteur, "before_cursor_execute", self._avant_requete)

    def executer(self, appliquer: Appliquer[T]) -> tuple[T, Contexte]:
        """Run the operation on the live data, then on each shadow; note each defect it shows."""
        scenario = traces.scenario_suivi()
        if scenario is None:  # a dataset's loading, or before the first scenario
            return appliquer(self._stockage, frozenset(), None, _rien)
        heure = dt.datetime.now().time().replace(microsecond=0)
        jeton = _en_operation.set(True)
        try:
            issue = self._enregistree(scenario, appliquer, heure)
            with self._verrou:
                with traces.muet():
                    vus = [defaut for defaut, ombre in list(self._ombres.items())
                           if issue.differe(_appliquer(appliquer, ombre.stockage, frozenset({defaut}), heure, _rien))]
                for defaut in vus:
                    self._voir(defaut)
        finally:
            _en_operation.reset(jeton)
        if issue.refus is not None:
            raise issue.refus
        assert issue.apres is not None
        return issue.resultat, issue.apres  # type: ignore[return-value]

    def suit(self, defaut: str) -> bool:
        """Whether a shadow of the scenario under way follows ``defaut`` (its reads answer for it)."""
        with self._verrou:
            return defaut in self._ombres

    def oublier(self) -> None:
        """The data are loaded again: a run with any defect is back to the recorded one."""
        with self._verrou:
            for defaut in list(self._ombres):
                self._fermer(defaut)

    def _enregistree(self, scenario: str, appliquer: Appliquer[T], heure: dt.time) -> _Issue[T]:
        """The recorded operation; a defect it reaches for the first time gets its shadow, made from
        the data before it (the operation is rolled back, the shadow made, the operation run again)."""
        with self._verrou:
            if scenario != self._scenario:
                self.oublier()
                self._scenario = scenario

        def suivre(atteints: set[str]) -> set[str]:
            return {d for d in atteints if d not in self._ombres and not traces.deja_vu(d)}

        def verifier(atteints: set[str]) -> None:
            if suivre(atteints):
                raise _Refaire

        with traces.differes() as atteints:
            issue = _appliquer(appliquer, self._stockage, frozenset(), heure, lambda: verifier(atteints))
        if nouveaux := suivre(atteints):
            with self._verrou:
                for defaut in sorted(nouveaux):
                    if not self._ouvrir(defaut):
                        traces.noter_lecture(defaut)
        if isinstance(issue.refus, _Refaire):
            with traces.differes():  # every defect it reaches is now followed by a shadow
                issue = _appliquer(appliquer, self._stockage, frozenset(), heure, _rien)
        return issue

    def _ouvrir(self, defaut: str) -> bool:
        fichier = self._dossier / f"ombre-operation-{next(self._rangs)}.sqlite"
        fichier.unlink(missing_ok=True)
        copie = sqlite3.connect(fichier)
        try:
            with self._stockage.moteur.connect() as connexion:
                connexion.connection.dbapi_connection.backup(copie)  # type: ignore[union-attr]
            prete = self._preparer(defaut, copie)
        finally:
            copie.close()
        if not prete:
            fichier.unlink()
            return False
        lecture = sqlite3.connect(f"file:{fichier}?mode=ro", uri=True, check_same_thread=False)
        self._ombres[defaut] = _Ombre(Stockage(f"sqlite:///{fichier}"), lecture, fichier)
        return True

    def _fermer(self, defaut: str) -> None:
        ombre = self._ombres.pop(defaut)
        ombre.lecture.close()
        ombre.stockage.fermer()
        for fichier in (ombre.fichier, *(ombre.fichier.with_name(ombre.fichier.name + s) for s in ("-wal", "-shm"))):
            fichier.unlink(missing_ok=True)

    def _voir(self, defaut: str) -> None:
        traces.noter_lecture(defaut)
        self._fermer(defaut)

    def _avant_requete(self, _connexion: Any, curseur: Any, requete: str, parametres: Any, _contexte: Any,
                       plusieurs: bool) -> None:
        if (not self._ombres or plusieurs or _en_operation.get() or not requete.lstrip().upper().startswith(_LECTURES)
                or traces.scenario_suivi() != self._scenario):
            return
        with self._verrou:
            attendue = curseur.connection.execute(requete, parametres or ()).fetchall()
            for defaut, ombre in list(self._ombres.items()):
                if ombre.lecture.execute(requete, parametres or ()).fetchall() != attendue:
                    self._voir(defaut)


def _appliquer(appliquer: Appliquer[T], stockage: Stockage, defauts: frozenset[str], heure: dt.time | None,
               avant_validation: Callable[[], None]) -> _Issue[T]:
    try:
        resultat, apres = appliquer(stockage, defauts, heure, avant_validation)
    except Exception as exc:  # noqa: BLE001 - any refusal is an answer to compare
        return _Issue(refus=exc)
    return _Issue(resultat, apres)


def _rien() -> None:
    """No check before the commit."""
