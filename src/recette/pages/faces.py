"""Which face of Chorus the page objects drive: its HTML screens, or its Fiori (UI5) apps.

The steps name the page objects of the HTML screens (``PageEngagement(ecran)``). An environment
whose screens are Fiori (``ecrans: fiori`` in ``recette.yaml``) activates that face at start-up;
creating a page object then gives its Fiori implementation, registered with :func:`pour`, with the
same methods: the steps and the Gherkin do not change. A screen without a Fiori implementation
stays HTML (a classic transaction reached from the launchpad).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

HTML, FIORI = "html", "fiori"
FACES = (HTML, FIORI)
T = TypeVar("T", bound=type)

_etat = {"face": HTML}
_implementations: dict[tuple[str, type], type] = {}


def activer(face: str) -> None:
    """Drive ``face`` from now on in this process (one environment per process)."""
    if face not in FACES:
        raise ValueError(f"face d'écrans inconnue « {face} » (faces : {', '.join(FACES)})")
    _etat["face"] = face


def active() -> str:
    return _etat["face"]


def pour(classe_html: type, face: str = FIORI) -> Callable[[T], T]:
    """Register the decorated class as ``classe_html``'s implementation on ``face``; it must be a
    subclass of it (same methods, same construction)."""
    def enregistrer(classe: T) -> T:
        if not issubclass(classe, classe_html):
            raise TypeError(f"{classe.__name__} doit dériver de {classe_html.__name__}")
        _implementations[(face, classe_html)] = classe
        return classe
    return enregistrer


def implementation(classe: type) -> type:
    """The class to instantiate for ``classe`` on the active face (itself when none is registered)."""
    return _implementations.get((_etat["face"], classe), classe)
