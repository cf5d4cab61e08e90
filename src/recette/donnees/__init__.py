"""Chorus restitutions: reading exports (CSV, XLSX) and comparing them with expected results.

```python
from recette.donnees import comparer_fichiers, lire_spec, resume_texte

resultat = comparer_fichiers("expected/inf_bud_53.csv", "reports/inf_bud_53.csv",
                             lire_spec("expected/inf_bud_53.yaml"))
assert resultat.conforme, resume_texte(resultat)
```
"""

from __future__ import annotations

from recette.donnees.attendus import ecrire_export, regenerer_attendu
from recette.donnees.comparaison import ResultatComparaison, comparer, comparer_fichiers
from recette.donnees.detection import FormatCsv, Preambule
from recette.donnees.extraits import Details
from recette.donnees.lecture import DATE, MONTANT, TEXTE, Export, lire_export
from recette.donnees.progression import Progression
from recette.donnees.rendu import OPTION_REGENERER, ecarts_csv, ecarts_html, resume_texte
from recette.donnees.spec import Filtre, Spec, lire_spec, spec_voisine
from recette.erreurs import ErreurDonnees, ErreurExport, ErreurRegeneration, ErreurSpec

__all__ = [
    "DATE",
    "MONTANT",
    "OPTION_REGENERER",
    "TEXTE",
    "Details",
    "ErreurDonnees",
    "ErreurExport",
    "ErreurRegeneration",
    "ErreurSpec",
    "Export",
    "Filtre",
    "FormatCsv",
    "Preambule",
    "Progression",
    "ResultatComparaison",
    "Spec",
    "comparer",
    "comparer_fichiers",
    "ecarts_csv",
    "ecarts_html",
    "ecrire_export",
    "lire_export",
    "lire_spec",
    "regenerer_attendu",
    "resume_texte",
    "spec_voisine",
]
