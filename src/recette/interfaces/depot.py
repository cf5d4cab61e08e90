"""Deposit a flow file on a target and read its compte rendu d'intégration, over the target's
API (the sandbox's contract: docs/conception/flux-paye.md §3). The route comes from the layout
(``route:``), so another interface needs no code here.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from recette.client import ClientChorus
from recette.interfaces.compte_rendu import CompteRendu
from recette.interfaces.construction import FichierFlux
from recette.interfaces.description import DescriptionInterface
from recette.interfaces.erreurs import ErreurDescription


def route_de(description: DescriptionInterface) -> str:
    """The route where the target receives this interface's flows."""
    if not description.route:
        raise ErreurDescription("aucune route de dépôt : ajouter « route: /api/interfaces/… »",
                                description.fichier, None, "route")
    return description.route.rstrip("/")


def deposer_flux(client: ClientChorus, fichier: FichierFlux | Path, description: DescriptionInterface | None = None,
                 *, encodage: str | None = None) -> CompteRendu:
    """Deposit ``fichier`` (a built flow, written in ``encodage`` if given, or a file on disk) and
    return the target's compte rendu. A refusal outside the rules (no right, file too large)
    raises :class:`recette.erreurs.ErreurApi`."""
    if isinstance(fichier, FichierFlux):
        description, nom, contenu = fichier.description, fichier.nom, fichier.en_octets(encodage)
    else:
        if description is None:
            raise TypeError("deposer_flux : la description est requise pour un fichier sur disque")
        nom, contenu = fichier.name, fichier.read_bytes()
    return CompteRendu.depuis_json(client.deposer_fichier(route_de(description), nom, contenu))


def compte_rendu_du_flux(client: ClientChorus, description: DescriptionInterface, flux: str) -> CompteRendu:
    """The compte rendu of the deposit that integrated flow ``flux`` (else its latest deposit)."""
    return CompteRendu.depuis_json(client.appeler("GET", f"{route_de(description)}/flux/{quote(flux, safe='')}"))


def compte_rendu_du_depot(client: ClientChorus, description: DescriptionInterface, depot: str) -> CompteRendu:
    return CompteRendu.depuis_json(client.appeler("GET", f"{route_de(description)}/depots/{quote(depot, safe='')}"))


def annuler_flux(client: ClientChorus, description: DescriptionInterface, flux: str, motif: str = "") -> CompteRendu:
    """Cancel an integrated flow (model): its compte rendu, now « annulé »."""
    route = f"{route_de(description)}/flux/{quote(flux, safe='')}/annulation"
    return CompteRendu.depuis_json(client.appeler("POST", route, {"motif": motif} if motif else None))
