"""Client of SAP BusinessObjects' RESTful services (``/biprws``): Web Intelligence documents, their
prompts, exports and datasets, on a real BO 4.2/4.3 or on the sandbox's clone (issue #17)."""

from __future__ import annotations

from recette.bo.client import FORMATS_EXPORT, ClientBO, DocumentBO, JeuDeDonnees, RapportBO
from recette.bo.environnement import client_bo, identifiants_bo, url_bo
from recette.bo.erreurs import (
    DocumentBOInconnu,
    ErreurBO,
    FormatExportNonOffert,
    IdentifiantsBORefuses,
    InviteBOInvalide,
    InviteBOManquante,
    JetonBOInvalide,
    PlanificationBOEnRetard,
    PlanificationBORefusee,
    ServeurBOIndisponible,
)
from recette.bo.invites import Invite, SemaineISO
from recette.bo.planifications import FORMATS_PLANIFICATION, PlanificationBO

__all__ = [
    "FORMATS_EXPORT",
    "FORMATS_PLANIFICATION",
    "ClientBO",
    "DocumentBO",
    "DocumentBOInconnu",
    "ErreurBO",
    "FormatExportNonOffert",
    "IdentifiantsBORefuses",
    "Invite",
    "InviteBOInvalide",
    "InviteBOManquante",
    "JetonBOInvalide",
    "JeuDeDonnees",
    "PlanificationBO",
    "PlanificationBOEnRetard",
    "PlanificationBORefusee",
    "RapportBO",
    "SemaineISO",
    "ServeurBOIndisponible",
    "client_bo",
    "identifiants_bo",
    "url_bo",
]
