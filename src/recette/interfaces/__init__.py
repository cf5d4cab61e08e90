"""File interfaces of Chorus (issue #18): layout descriptions in YAML (``interfaces/``), flow
files built from a scenario's table, strict reading against the layout, the deposit on a target
and its compte rendu d'intégration. Another interface is another YAML file, not new code.

Example::

    description = trouver_description("flux-paye")
    fichier = construire_flux(description, {"identifiant de flux": "PAY-MESR-202603-01", "mois": "mars 2026",
                                            "ministère": "MESR", "émetteur": "DGFIP PAY"},
                              lignes_du_tableau(tableau))
    compte_rendu = deposer_flux(client, fichier)
    assert not compte_rendu.ecarts_de_rapprochement()
"""

from __future__ import annotations

from recette.interfaces.compte_rendu import (
    ANNULE,
    INTEGRE,
    INTEGRE_PARTIELLEMENT,
    REJETE,
    STATUTS,
    Alerte,
    Annulation,
    CompteRendu,
    Comptes,
    LigneRejetee,
    RejetFichier,
    Totaux,
)
from recette.interfaces.construction import (
    COLONNE_BRUTE,
    COLONNE_ENREGISTREMENT,
    FichierFlux,
    construire_flux,
    lignes_du_tableau,
)
from recette.interfaces.depot import (
    annuler_flux,
    compte_rendu_du_depot,
    compte_rendu_du_flux,
    deposer_flux,
    route_de,
)
from recette.interfaces.description import (
    TYPES,
    Calcul,
    Champ,
    DescriptionInterface,
    Enregistrement,
    lire_description,
    trouver_description,
)
from recette.interfaces.erreurs import (
    ErreurCompteRendu,
    ErreurDescription,
    ErreurFlux,
    ErreurInterface,
    ErreurTableauFlux,
)
from recette.interfaces.lecture import FluxLu, LigneFlux, lire_flux, valider_flux

__all__ = [
    "ANNULE",
    "COLONNE_BRUTE",
    "COLONNE_ENREGISTREMENT",
    "INTEGRE",
    "INTEGRE_PARTIELLEMENT",
    "REJETE",
    "STATUTS",
    "TYPES",
    "Alerte",
    "Annulation",
    "Calcul",
    "Champ",
    "CompteRendu",
    "Comptes",
    "DescriptionInterface",
    "Enregistrement",
    "ErreurCompteRendu",
    "ErreurDescription",
    "ErreurFlux",
    "ErreurInterface",
    "ErreurTableauFlux",
    "FichierFlux",
    "FluxLu",
    "LigneFlux",
    "LigneRejetee",
    "RejetFichier",
    "Totaux",
    "annuler_flux",
    "compte_rendu_du_depot",
    "compte_rendu_du_flux",
    "construire_flux",
    "deposer_flux",
    "lignes_du_tableau",
    "lire_description",
    "lire_flux",
    "route_de",
    "trouver_description",
    "valider_flux",
]
