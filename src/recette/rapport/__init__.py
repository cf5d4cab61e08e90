"""The campaign's report and deliverable: Allure 3 HTML, PV de recette (PDF), cahier (XLSX), ZIP.

```python
from recette.rapport import charger_dossiers, evaluer

campagne = charger_dossiers([Path("a/"), Path("b/")], Path("fusion/"))   # shards merged
decision = evaluer(campagne.resultats, {}, PorteQualite(critique=0, majeur=2))
```

The command line is ``recette rapport`` (:mod:`recette.rapport.commande`).
"""

from __future__ import annotations

from recette.config import PorteQualite
from recette.rapport.anomalies import AnomalieConnue, associer
from recette.rapport.anomalies import lire as lire_anomalies
from recette.rapport.categories import CATEGORIES, Categorie, classer
from recette.rapport.fiches import FicheAnomalie, attendu_obtenu, etablir
from recette.rapport.porte import AJOURNEE, AVEC_RESERVES, PRONONCEE, Decision, evaluer
from recette.rapport.resultats import (
    Campagne,
    ErreurResultats,
    PieceJointe,
    Resultat,
    charger,
    charger_dossiers,
    fusionner,
)
from recette.rapport.synthese import Bilan, Compte

__all__ = [
    "AJOURNEE",
    "AVEC_RESERVES",
    "CATEGORIES",
    "PRONONCEE",
    "AnomalieConnue",
    "Bilan",
    "Campagne",
    "Categorie",
    "Compte",
    "Decision",
    "ErreurResultats",
    "FicheAnomalie",
    "PieceJointe",
    "PorteQualite",
    "Resultat",
    "associer",
    "attendu_obtenu",
    "charger",
    "charger_dossiers",
    "classer",
    "etablir",
    "evaluer",
    "fusionner",
    "lire_anomalies",
]
