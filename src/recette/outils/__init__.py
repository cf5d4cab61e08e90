"""Tools for scenario writers: the step catalogue (``recette etapes``), the scenario checker
(``recette verifier``) and the proof by defects (``recette mutation``).

```python
from recette.outils import charger_definitions, verifier_fonctionnalites

verification = verifier_fonctionnalites(["features"], Path.cwd())      # verification.problemes: fichier, ligne, message
phrases = charger_definitions(Path.cwd())                # the step sentences of conftest.py's pytest_plugins
```

The public names are imported on first use (PEP 562): the command line imports this package for
every command, and only these tools need pytest-bdd's parsers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recette.outils.catalogue import rendre as rendre_catalogue
    from recette.outils.definitions import Definition as Definition
    from recette.outils.definitions import charger as charger_definitions
    from recette.outils.fonctionnalites import ErreurOutil as ErreurOutil
    from recette.outils.fonctionnalites import Probleme as Probleme
    from recette.outils.mutation import Campagne as Campagne
    from recette.outils.mutation import Matrice as Matrice
    from recette.outils.mutation import mesurer as mesurer_detection
    from recette.outils.verifier import Verification as Verification
    from recette.outils.verifier import verifier as verifier_fonctionnalites

_NOMS = {
    "Campagne": ("recette.outils.mutation", "Campagne"),
    "Definition": ("recette.outils.definitions", "Definition"),
    "ErreurOutil": ("recette.outils.fonctionnalites", "ErreurOutil"),
    "Matrice": ("recette.outils.mutation", "Matrice"),
    "Probleme": ("recette.outils.fonctionnalites", "Probleme"),
    "Verification": ("recette.outils.verifier", "Verification"),
    "charger_definitions": ("recette.outils.definitions", "charger"),
    "mesurer_detection": ("recette.outils.mutation", "mesurer"),
    "rendre_catalogue": ("recette.outils.catalogue", "rendre"),
    "verifier_fonctionnalites": ("recette.outils.verifier", "verifier"),
}

__all__ = [
    "Campagne",
    "Definition",
    "ErreurOutil",
    "Matrice",
    "Probleme",
    "Verification",
    "charger_definitions",
    "mesurer_detection",
    "rendre_catalogue",
    "verifier_fonctionnalites",
]


def __getattr__(nom: str) -> Any:
    if nom not in _NOMS:
        raise AttributeError(f"module 'recette.outils' has no attribute {nom!r}")
    module, attribut = _NOMS[nom]
    valeur = getattr(importlib.import_module(module), attribut)
    globals()[nom] = valeur
    return valeur


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
