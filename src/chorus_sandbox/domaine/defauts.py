"""Catalogue of the defects the sandbox can be started with, to prove the recette catches them.

Each defect is a name checked in exactly one rule of :mod:`chorus_sandbox.domaine.regles`.
"""

from __future__ import annotations

from chorus_sandbox.domaine.erreurs import DonneeInvalide

#: Defects of the execution chain (domaine/operations.py).
CATALOGUE_EXECUTION: dict[str, str] = {
    "ej-au-dela-des-ae": "Un engagement juridique au-delà des AE disponibles de l'UO ou de la TF est accepté.",
    "mad-au-dela-du-disponible": "Une mise à disposition au-delà du disponible du niveau parent est acceptée.",
    "reserve-non-appliquee": "La réserve de précaution n'est pas appliquée à l'intégration de la loi de finances.",
    "retrait-anterieur-libere-ae": "La réduction d'un EJ d'un exercice antérieur libère des AE (recyclage interdit).",
    "dp-sans-service-fait": "Une demande de paiement au-delà du service fait est acceptée.",
    "paiement-au-dela-des-cp": "Un paiement au-delà des CP disponibles de l'UO est accepté.",
}

#: Defects of the in-year regulation (domaine/regulation.py).
CATALOGUE_REGULATION: dict[str, str] = {
    "annulation-lfr-au-dela-du-disponible": "Une annulation de LFR au-delà des crédits disponibles du programme est acceptée.",
    "degel-au-dela-de-la-reserve": "Un dégel au-delà de la réserve de précaution est accepté.",
    "surgel-au-dela-du-disponible": "Un surgel au-delà des crédits disponibles du programme est accepté.",
    "annulation-reserve-au-dela-de-la-reserve": "Une annulation de crédits réservés au-delà de la réserve est acceptée.",
    "virement-plafond-ignore": "Un virement au-delà du plafond de 2 % des crédits LFI d'un programme est accepté.",
    "mouvement-au-dela-du-disponible": "Un virement, un transfert ou une fongibilité au-delà du disponible de la source est accepté.",
    "fongibilite-vers-t2": "Un mouvement d'un autre titre vers le titre 2 est accepté (fongibilité asymétrique).",
}

#: Every defect the sandbox can be started with (``--defauts``, ``CHORUS_SANDBOX_DEFAUTS``).
CATALOGUE: dict[str, str] = {**CATALOGUE_EXECUTION, **CATALOGUE_REGULATION}


def lire_defauts(texte: str | None) -> frozenset[str]:
    """Parse ``"a,b"`` (CLI or ``CHORUS_SANDBOX_DEFAUTS``); refuse unknown names in French."""
    noms = frozenset(n.strip() for n in (texte or "").split(",") if n.strip())
    inconnus = sorted(noms - CATALOGUE.keys())
    if inconnus:
        raise DonneeInvalide(
            f"Défaut inconnu : {', '.join(inconnus)} (défauts connus : {', '.join(sorted(CATALOGUE))})"
        )
    return noms
