"""pyarrow without its eager pandas import, for a process that compares and never builds a DataFrame.

On the first array it builds, pyarrow imports pandas (if installed) to recognise pandas objects:
about 0.3 s of a `recette comparer` that never hands it one, spent while the reading threads
wait on the import lock. :func:`pyarrow_sans_pandas` lets pyarrow try once while pandas cannot be
imported: it then takes pandas for absent when it only checks, and imports it for real when
something asks it for pandas (``Table.to_pandas``, :attr:`recette.donnees.Export.donnees`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType


class _SansPandas:
    """A finder that makes ``import pandas`` fail (while it is first in ``sys.meta_path``)."""

    def find_spec(self, nom: str, chemin: Sequence[str] | None, cible: ModuleType | None = None) -> ModuleSpec | None:
        if nom == "pandas":
            raise ImportError("pandas écarté le temps de la vérification de pyarrow", name=nom)
        return None


def pyarrow_sans_pandas() -> None:
    """pyarrow's pandas check settled to "absent" without importing it (nothing if already imported)."""
    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    refus = _SansPandas()
    sys.meta_path.insert(0, refus)
    try:
        pa.array([0])  # pyarrow's first check tries the import, and remembers it failed
    finally:
        sys.meta_path.remove(refus)
