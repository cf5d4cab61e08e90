"""Page objects of the Chorus screens: locators by role and label, user intents, no assertions.

A page object for a real Chorus screen implements the same methods with its own locators.
"""

from __future__ import annotations

from recette.pages.base import PageChorus
from recette.pages.engagement import PageEngagement, PageNouvelEngagement
from recette.pages.loi_de_finances import PageLoisDeFinances
from recette.pages.mise_a_disposition import PageMiseADisposition
from recette.pages.paiement import PageDemandesPaiement
from recette.pages.situation import PageSituation
from recette.pages.tranche import PageTranche, PageTranches

__all__ = [
    "PageChorus",
    "PageDemandesPaiement",
    "PageEngagement",
    "PageLoisDeFinances",
    "PageMiseADisposition",
    "PageNouvelEngagement",
    "PageSituation",
    "PageTranche",
    "PageTranches",
]
