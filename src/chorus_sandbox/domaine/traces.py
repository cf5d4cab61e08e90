"""What the recette reaches in the sandbox, recorded when it is started with
``CHORUS_SANDBOX_TRACE_REGLES=<file>`` (off by default: the rules then run untouched).

Each new fact is appended once, as a JSON line, to that file (several processes may share it):

- ``{"scenario": S, "regle": "regles.controler_engagement"}``: a rule (a function decorated
  with :func:`regle`) was entered;
- ``{"scenario": S, "refus": "domaine/regles.py:73", "classe": "CreditsInsuffisants"}``: a typed
  error was built there (file relative to the ``chorus_sandbox`` package, line of the call);
- ``{"scenario": S, "defaut": "ej-au-dela-des-ae"}``: the rule guarding that defect was entered
  with arguments for which the defect changes its answer (it is evaluated a second time with the
  defect on, recording nothing: the rules are pure). A run with the defect on is the same as the
  recorded one until that point, so a scenario without this fact cannot see the defect;
- ``{"scenario": S, "jeu": "cloture"}``: the scenario loaded (or restored) that dataset; the facts
  of the loading itself are recorded under ``jeu:cloture``, since a later scenario restoring the
  dataset's snapshot inherits them without entering any rule;
- ``{"scenario": "jeu:cloture", "lectures": "reserve-non-appliquee"}``: that defect changed the
  loading of the dataset, and the sandbox kept the dataset loaded with it (a shadow): a scenario
  then sees the defect only if one of its reads answers differently on the shadow, and that read
  notes ``{"scenario": S, "defaut": "reserve-non-appliquee"}`` (:mod:`chorus_sandbox.lectures_comparees`).
  Without this fact, every scenario using the dataset inherits the defect.

Inside an operation of a scenario (``Bac.executer``), a defect whose rule answers differently is not
noted at once: the sandbox runs the operation again on a copy of the data with the defect on, then
each later operation and read of the scenario on both (:mod:`chorus_sandbox.operations_comparees`),
and notes ``{"scenario": S, "defaut": D}`` only when an answer differs.

``S`` is the scenario the recette announced (``POST /api/trace/scenario``), ``""`` before the
first one (the dataset loaded at start-up: every scenario inherits those facts).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import inspect
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

VARIABLE = "CHORUS_SANDBOX_TRACE_REGLES"
HORS_SCENARIO = ""
PREFIXE_JEU = "jeu:"
_RACINE = Path(__file__).resolve().parents[1]  # the chorus_sandbox package

F = TypeVar("F", bound=Callable[..., Any])


@dataclasses.dataclass
class _Etat:
    fichier: Path | None
    scenario: str = HORS_SCENARIO
    notes: set[tuple[str, ...]] = dataclasses.field(default_factory=set)
    verrou: threading.Lock = dataclasses.field(default_factory=threading.Lock)


_etat = _Etat(Path(os.environ[VARIABLE]) if os.environ.get(VARIABLE) else None)
_muet: contextvars.ContextVar[bool] = contextvars.ContextVar("trace_muette", default=False)
_jeu: contextvars.ContextVar[str | None] = contextvars.ContextVar("trace_jeu", default=None)
_changeants: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("trace_changeants", default=None)
_differes: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("trace_differes", default=None)
_non_lue: contextvars.ContextVar[bool] = contextvars.ContextVar("trace_reponse_non_lue", default=False)
ENTETE_REPONSE_NON_LUE = "X-Recette-Reponse-Non-Lue"


def activer(fichier: Path | None) -> None:
    """Record into ``fichier`` from now on (None: stop); what the environment variable does at start-up."""
    global _etat
    _etat = _Etat(fichier)


def actif() -> bool:
    return _etat.fichier is not None


def commencer_scenario(scenario: str) -> None:
    """The facts recorded from now on belong to ``scenario`` (the recette says which runs)."""
    _etat.scenario = scenario


@contextlib.contextmanager
def jeu(nom: str) -> Iterator[None]:
    """Loading or restoring dataset ``nom``: its facts belong to the dataset, the scenario uses it."""
    _noter("jeu", nom)
    jeton = _jeu.set(nom)
    try:
        yield
    finally:
        _jeu.reset(jeton)


@contextlib.contextmanager
def muet() -> Iterator[None]:
    """Nothing is recorded inside (the sandbox loading a dataset with a defect on, for itself)."""
    jeton = _muet.set(True)
    try:
        yield
    finally:
        _muet.reset(jeton)


def changeants() -> contextlib.AbstractContextManager[set[str]]:
    """The defects that changed a rule's answer inside, noted before or not (a dataset's loading)."""
    return _collecter(_changeants)


def differes() -> contextlib.AbstractContextManager[set[str]]:
    """The defects whose rule answers differently inside, collected instead of noted: the caller
    follows each further, to where the scenario could see it (an operation and what comes after)."""
    return _collecter(_differes)


@contextlib.contextmanager
def _collecter(variable: contextvars.ContextVar[set[str] | None]) -> Iterator[set[str]]:
    trouves: set[str] = set()
    jeton = variable.set(trouves)
    try:
        yield trouves
    finally:
        variable.reset(jeton)


@contextlib.contextmanager
def reponse_non_lue(non_lue: bool) -> Iterator[None]:
    """A request whose answer the recette declares it does not read (header ``X-Recette-Reponse-Non-Lue``,
    a precondition): its operations are compared with the shadows by their refusal, not their result."""
    jeton = _non_lue.set(non_lue)
    try:
        yield
    finally:
        _non_lue.reset(jeton)


def resultat_lu() -> bool:
    """Whether the result of an operation of the request under way reaches the recette."""
    return not _non_lue.get()


def scenario_suivi() -> str | None:
    """The scenario whose reads and operations are compared with the shadows, when they are
    (:func:`lectures_suivies`)."""
    return _etat.scenario if lectures_suivies() else None


def deja_vu(defaut: str) -> bool:
    """Whether the scenario under way is already noted as seeing ``defaut``."""
    return (_etat.scenario, "defaut", defaut) in _etat.notes


def lectures_suivies() -> bool:
    """Whether a scenario's reads are compared with the shadows: recording, inside a scenario,
    outside a dataset's loading (whose reads the snapshots already hold)."""
    return (_etat.fichier is not None and not _muet.get() and _jeu.get() is None
            and _etat.scenario != HORS_SCENARIO)


def noter_lecture(defaut: str) -> None:
    """A read or an operation of the scenario under way answers differently with ``defaut`` on."""
    _noter("defaut", defaut)


def noter_ombre(defaut: str) -> None:
    """``defaut`` changed the dataset being loaded, whose shadow now answers the scenarios' reads."""
    _noter("lectures", defaut)


def _noter(nature: str, valeur: str, **autres: str) -> None:
    if _etat.fichier is None or _muet.get():
        return
    jeu_en_cours = _jeu.get()
    scenario = _etat.scenario if jeu_en_cours is None else PREFIXE_JEU + jeu_en_cours
    cle = (scenario, nature, valeur)
    if cle in _etat.notes:
        return
    with _etat.verrou:
        _etat.notes.add(cle)
        with open(_etat.fichier, "a", encoding="utf-8") as fichier:
            fichier.write(json.dumps({"scenario": scenario, nature: valeur, **autres}, ensure_ascii=False) + "\n")


def noter_refus(erreur: BaseException) -> None:
    """Where a typed error is built: the first frame above its ``__init__`` chain."""
    if _etat.fichier is None or _muet.get():
        return
    cadre = sys._getframe(1)
    while cadre.f_back is not None and cadre.f_code.co_name == "__init__" and cadre.f_locals.get("self") is erreur:
        cadre = cadre.f_back
    _noter("refus", f"{_relatif(cadre.f_code.co_filename)}:{cadre.f_lineno}", classe=type(erreur).__name__)


def _relatif(fichier: str) -> str:
    try:
        return Path(fichier).resolve().relative_to(_RACINE).as_posix()
    except ValueError:
        return fichier


def regle(*defauts: str) -> Callable[[F], F]:
    """A rule of the sandbox, guarding ``defauts`` (catalogued defect names checked in its body)."""

    def decorer(fonction: F) -> F:
        nom = f"{fonction.__module__.rsplit('.', 1)[-1]}.{fonction.__qualname__}"
        signature = inspect.signature(fonction)

        @functools.wraps(fonction)
        def tracee(*args: Any, **kwargs: Any) -> Any:
            if _etat.fichier is None or _muet.get():
                return fonction(*args, **kwargs)
            _noter("regle", nom)
            return _evaluer(fonction, signature, defauts, args, kwargs)

        tracee.defauts_gardes = defauts  # type: ignore[attr-defined]
        return tracee  # type: ignore[return-value]

    return decorer


def _evaluer(fonction: Callable[..., Any], signature: inspect.Signature, defauts: tuple[str, ...],
             args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Run the rule; note each guarded defect that would change its answer for these arguments."""
    try:
        resultat = fonction(*args, **kwargs)
    except Exception as exc:
        _comparer(fonction, signature, defauts, args, kwargs, ("refus", type(exc).__name__, str(exc)))
        raise
    _comparer(fonction, signature, defauts, args, kwargs, ("retour", resultat))
    return resultat


def _comparer(fonction: Callable[..., Any], signature: inspect.Signature, defauts: tuple[str, ...],
              args: tuple[Any, ...], kwargs: dict[str, Any], issue: tuple[Any, ...]) -> None:
    for defaut in defauts:
        appel = _avec_defaut(signature, args, kwargs, defaut)
        if appel is not None and _differe(issue, _issue_muette(fonction, *appel)):
            if (trouves := _changeants.get()) is not None:
                trouves.add(defaut)
            noter_ou_differer(defaut)


def noter_ou_differer(defaut: str) -> None:
    """``defaut`` changes an answer here: collected inside an operation that follows its defects
    further (:func:`differes`), else noted for the scenario under way."""
    if (suivis := _differes.get()) is not None:
        suivis.add(defaut)
    else:
        _noter("defaut", defaut)


def _avec_defaut(signature: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any],
                 defaut: str) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
    """The same arguments with ``defaut`` on (the ``ctx`` Contexte or the ``defauts`` set); None when it is on already."""
    lies = signature.bind(*args, **kwargs)
    if "ctx" in lies.arguments:
        ctx = lies.arguments["ctx"]
        if defaut in ctx.defauts:
            return None
        lies.arguments["ctx"] = dataclasses.replace(ctx, defauts=ctx.defauts | {defaut})
    elif "defauts" in lies.arguments:
        if defaut in lies.arguments["defauts"]:
            return None
        lies.arguments["defauts"] = lies.arguments["defauts"] | {defaut}
    else:
        raise TypeError(f"{defaut} : la règle ne reçoit ni « ctx » ni « defauts »")
    return lies.args, lies.kwargs


def _issue_muette(fonction: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    jeton = _muet.set(True)
    try:
        return ("retour", fonction(*args, **kwargs))
    except Exception as exc:  # noqa: BLE001 - any refusal, typed or not, is an answer to compare
        return ("refus", type(exc).__name__, str(exc))
    finally:
        _muet.reset(jeton)


def _differe(reelle: tuple[Any, ...], supposee: tuple[Any, ...]) -> bool:
    try:
        return bool(reelle != supposee)
    except Exception:  # noqa: BLE001 - an answer that cannot be compared may differ
        return True
