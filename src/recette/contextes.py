"""What a step sentence needs from the steps before it, and what it gives to the steps after it.

A scenario speaks of « cet engagement », « cette demande de paiement », « cet arrêté de report »:
objects an earlier sentence created or chose. Each step function declares, with :func:`contexte`,
the objects it *requires* and those it *produces*; ``recette verifier`` then checks the chain of
every scenario (Contexte and Exemples included) without running it, and the catalogue shows it.
At run time, a step that finds nothing raises :class:`~recette.erreurs.ErreurContexte`: a mistake
of the scenario, never a Chorus anomaly.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from recette.erreurs import ErreurContexte
from recette.pages.faces import FACES

F = TypeVar("F", bound=Callable[..., Any])
ATTRIBUT = "__recette_contexte__"

#: Every object a sentence may require or produce, with the words the sentences use for it.
OBJETS: dict[str, str] = {
    "engagement": "cet engagement",
    "tranche": "cette tranche fonctionnelle",
    "demande": "cette demande de paiement",
    "demande_report": "cette demande de report",
    "arrete": "cet arrêté de report",
    "extraction": "la restitution extraite",
    "figures": "les montants notés",
    "api": "la réponse de l'API",
    "connexion": "la tentative de connexion",
    "document_bo": "le document Webi rafraîchi",
    "planification": "cette planification",
    "flux": "le flux préparé",
    "compte_rendu": "le compte rendu d'intégration",
}


@dataclass(frozen=True)
class Besoins:
    """The objects a sentence requires and produces (names of :data:`OBJETS`), whether it can
    only act through the sandbox's JSON API (no path through the screens of a real Chorus), and
    the faces of the screens on which it has no path, each with the reason (face, raison)."""

    requiert: tuple[str, ...] = ()
    produit: tuple[str, ...] = ()
    bac_a_sable_seulement: bool = False
    non_jouable_sur: tuple[tuple[str, str], ...] = ()

    def sans_chemin(self, face: str) -> str | None:
        """Why the sentence has no path on the screens of ``face`` (None when it has one)."""
        return dict(self.non_jouable_sur).get(face)


AUCUN = Besoins()


def contexte(*, requiert: Iterable[str] = (), produit: Iterable[str] = (),
             bac_a_sable_seulement: bool = False, non_jouable_sur: Mapping[str, str] | None = None) -> Callable[[F], F]:
    """Declare on a step function what it requires and produces, whether it needs the sandbox's
    API, and on which faces of the screens it has no path (``{"fiori": "raison"}``: a user of that
    face cannot do what the sentence says); an unknown name or face fails at import."""
    besoins = Besoins(tuple(requiert), tuple(produit), bac_a_sable_seulement, tuple((non_jouable_sur or {}).items()))
    inconnus = [nom for nom in (*besoins.requiert, *besoins.produit) if nom not in OBJETS]
    if inconnus:
        raise ValueError(f"objet(s) de contexte inconnu(s) : {', '.join(inconnus)} (connus : {', '.join(OBJETS)})")
    faces_inconnues = [face for face, _ in besoins.non_jouable_sur if face not in FACES]
    if faces_inconnues:
        raise ValueError(f"face(s) d'écrans inconnue(s) : {', '.join(faces_inconnues)} (faces : {', '.join(FACES)})")

    def declarer(fonction: F) -> F:
        setattr(fonction, ATTRIBUT, besoins)
        return fonction
    return declarer


def besoins_de(fonction: Callable[..., Any]) -> Besoins:
    """What ``fonction`` declared (nothing when it declared nothing)."""
    besoins = getattr(fonction, ATTRIBUT, AUCUN)
    return besoins if isinstance(besoins, Besoins) else AUCUN


def designation(nom: str) -> str:
    return OBJETS[nom]


def manquant(nom: str) -> ErreurContexte:
    """The error of a step that needs ``nom`` while no earlier step produced it, with the example of a
    sentence that would have produced it (from the registered step definitions)."""
    return ErreurContexte(designation(nom), exemple_producteur(nom))


def rang_producteur(type_: str | None, phrase: str, besoins: Besoins) -> tuple[int, bool, bool, str]:
    """The order in which sentences producing an object are proposed: those needing nothing first, then
    preconditions, then those creating it (« un engagement… », « une demande… ») before those choosing one."""
    return len(besoins.requiert), type_ != "given", not phrase.startswith(("un ", "une ")), phrase


def exemple_producteur(nom: str) -> str:
    """The example of a registered sentence producing ``nom`` (one needing nothing first, a
    precondition preferably); empty when none is registered."""
    from pytest_bdd.steps import step_function_context_registry

    candidats = [c for c in step_function_context_registry.values() if nom in besoins_de(c.step_func).produit]
    candidats.sort(key=lambda c: rang_producteur(c.type, c.parser.name, besoins_de(c.step_func)))
    for candidat in candidats:
        exemple = _exemple(candidat.step_func)
        if exemple:
            return exemple
    return ""


def _exemple(fonction: Callable[..., Any]) -> str:
    for ligne in (inspect.getdoc(fonction) or "").splitlines():
        if ligne.strip().startswith("Exemple :"):
            return ligne.strip().removeprefix("Exemple :").strip()
    return ""
