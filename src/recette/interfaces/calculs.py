"""The computed fields of a header or trailer, from the detail lines as written — the same rule
for the builder (which writes them) and the reader (which checks them), and the rule the target
follows (docs/conception/flux-paye.md §2.3):

- a count is the number of detail lines (the lines between header and trailer, readable or not),
  or of the lines of one detail record;
- a sum adds the **readable** values of a detail field: a line with the wrong number of fields,
  or whose value is not in the layout's format, counts for 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from recette.interfaces.description import Champ, DescriptionInterface, cle_de_nom
from recette.interfaces.valeurs import Lecteur, ValeurInvalide, lecteur


def calculer(description: DescriptionInterface, champ: Champ, details: Sequence[Sequence[str]]) -> int | Decimal:
    """The value of computed field ``champ`` over ``details`` (each detail line split into fields)."""
    calcul = champ.calcul
    if calcul is None:
        raise ValueError(f"le champ « {champ.nom} » n'est pas calculé")
    if calcul.nature == "nombre":
        return _nombre(description, calcul.cible, details)
    return _somme_lisible(description, calcul.cible, details)


def _nombre(description: DescriptionInterface, cible: str, details: Sequence[Sequence[str]]) -> int:
    if not cible:
        return len(details)
    marqueurs = {e.marqueur for e in description.details if cle_de_nom(e.nom) == cle_de_nom(cible)}
    return sum(1 for champs in details if champs[0] in marqueurs)


def _somme_lisible(description: DescriptionInterface, cible: str, details: Sequence[Sequence[str]]) -> int | Decimal:
    lecteurs: dict[str, tuple[int, int, Lecteur]] = {}
    for enregistrement in description.details:
        position = enregistrement.position(cible)
        if position is not None:
            lecteurs[enregistrement.marqueur] = (position + 1, enregistrement.nombre_de_champs,
                                                 lecteur(enregistrement.champs[position], description))
    total: int | Decimal = 0
    for champs in details:
        trouve = lecteurs.get(champs[0])
        if trouve is None or len(champs) != trouve[1]:
            continue
        try:
            valeur = trouve[2](champs[trouve[0]])
        except ValeurInvalide:
            continue
        if isinstance(valeur, int | Decimal):
            total += valeur
    return total
