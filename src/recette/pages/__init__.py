"""Page objects of the Chorus screens: locators by role and label, user intents, no assertions.

A page object for a real Chorus screen implements the same methods with its own locators.
"""

from __future__ import annotations

from recette.pages.base import PageChorus
from recette.pages.engagement import PageEngagement, PageEngagements, PageNouvelEngagement
from recette.pages.habilitations import (
    PageConnexion,
    PageImportHabilitations,
    PageReferentiel,
    PageUtilisateur,
    PageUtilisateurs,
)
from recette.pages.loi_de_finances import PageLoisDeFinances
from recette.pages.mise_a_disposition import PageMiseADisposition
from recette.pages.paiement import PageDemandesPaiement
from recette.pages.regulation import (
    PageAnnulationReserve,
    PageDegel,
    PageFondsDeConcours,
    PageFongibilite,
    PageLoiRectificative,
    PageRegulation,
    PageSurgel,
    PageTransfert,
    PageVirement,
)
from recette.pages.reports import PageArretesReport, PageCloture, PageDemandesReport, PageEjBascules
from recette.pages.situation import PageSituation
from recette.pages.tranche import PageTranche, PageTranches

__all__ = [
    "PageAnnulationReserve",
    "PageArretesReport",
    "PageChorus",
    "PageCloture",
    "PageConnexion",
    "PageDegel",
    "PageDemandesPaiement",
    "PageDemandesReport",
    "PageEjBascules",
    "PageEngagement",
    "PageEngagements",
    "PageFondsDeConcours",
    "PageFongibilite",
    "PageImportHabilitations",
    "PageLoiRectificative",
    "PageLoisDeFinances",
    "PageMiseADisposition",
    "PageNouvelEngagement",
    "PageReferentiel",
    "PageRegulation",
    "PageSituation",
    "PageSurgel",
    "PageTranche",
    "PageTranches",
    "PageTransfert",
    "PageUtilisateur",
    "PageUtilisateurs",
    "PageVirement",
]

# The Fiori implementations register themselves (recette.pages.faces): imported last, after the
# HTML classes they implement.
import recette.pages.fiori  # noqa: F401
