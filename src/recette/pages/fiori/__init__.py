"""Fiori implementations of the page objects: the same methods as the HTML screens' classes, on the
apps of the Fiori launchpad, driven through their UI5 controls (:mod:`recette.ui5`). Importing
this package registers them (:func:`recette.pages.faces.pour`); an environment with
``ecrans: fiori`` then gets them from the HTML classes' names. A screen with no app here stays
HTML (a classic transaction reached from the launchpad)."""

from __future__ import annotations

from recette.pages.fiori.base import PageFiori
from recette.pages.fiori.engagements import (
    PageDemandesPaiementFiori,
    PageEngagementFiori,
    PageEngagementsFiori,
    PageNouvelEngagementFiori,
)
from recette.pages.fiori.mises import PageMiseADispositionFiori
from recette.pages.fiori.reports import PageArretesReportFiori, PageDemandesReportFiori
from recette.pages.fiori.situation import PageSituationFiori
from recette.pages.fiori.tranches import PageTrancheFiori, PageTranchesFiori

__all__ = [
    "PageArretesReportFiori",
    "PageDemandesPaiementFiori",
    "PageDemandesReportFiori",
    "PageEngagementFiori",
    "PageEngagementsFiori",
    "PageFiori",
    "PageMiseADispositionFiori",
    "PageNouvelEngagementFiori",
    "PageSituationFiori",
    "PageTrancheFiori",
    "PageTranchesFiori",
]
