"""The closed lists of Chorus's words that sentences take as parameters: statuses, titres, levels,
columns of the situation budgétaire, rates.

Each list is a converter for :class:`recette.parametres.Phrase` (``{statut:StatutEJ}``): its
pattern is wide, so that an unknown value is reported by ``recette verifier`` as such, with the
allowed values, instead of as an unknown sentence; the catalogue shows the allowed values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from recette.erreurs import ErreurParametre


class ListeFermee:
    """A parameter whose value is one of ``valeurs`` (shown as written; converted by the mapping)."""

    def __init__(self, nature: str, valeurs: Mapping[str, Any] | tuple[str, ...], pattern: str = r"[^\"]+?") -> None:
        self.nature = nature
        self.correspondances: dict[str, Any] = dict(valeurs) if isinstance(valeurs, Mapping) else {v: v for v in valeurs}
        self.pattern = pattern
        self.__name__ = nature

    @property
    def valeurs(self) -> tuple[str, ...]:
        return tuple(self.correspondances)

    def __call__(self, texte: str) -> Any:
        if texte in self.correspondances:
            return self.correspondances[texte]
        permises = ", ".join(f"« {v} »" for v in self.valeurs)
        raise ErreurParametre(self.nature, texte, f"valeurs permises : {permises}")


STATUTS_EJ = ListeFermee("statut d'engagement juridique", (
    "Engagé", "Partiellement réceptionné", "Réceptionné", "Partiellement payé", "Soldé", "Retiré"))
STATUTS_DP = ListeFermee("statut de demande de paiement", ("À payer", "Payée"))
STATUTS_DEMANDE_REPORT = ListeFermee("statut de demande de report", (
    "Déposée", "Avis favorable", "Avis défavorable", "Arrêtée", "Intégrée"))
STATUTS_ARRETE = ListeFermee("statut d'arrêté de report", ("Signé", "Intégré"))
#: Titres of the LOLF (1 dotations des pouvoirs publics … 7 opérations financières), kept as text.
TITRES = ListeFermee("titre", tuple(str(t) for t in range(1, 8)), pattern=r"\S+")
#: How a sentence names a level of the budget, and the level it means.
NIVEAUX = ListeFermee("niveau", {"du programme": "programme", "du BOP": "BOP", "de l'UO": "UO"},
                      pattern=r"(?:du|de l'|de la) ?[^\s\"]+")


def niveau_ecrit(niveau: str) -> str:
    """``UO`` → ``de l'UO``: a level as the sentences write it."""
    return next(texte for texte, valeur in NIVEAUX.correspondances.items() if valeur == niveau)


COLONNES_SITUATION = ListeFermee("colonne de la situation budgétaire", (
    "AE ouvertes", "AE réservées", "AE mises à disposition", "AE affectées", "AE engagées", "AE disponibles",
    "CP ouverts", "CP réservés", "CP mis à disposition", "CP consommés", "CP disponibles"))
RESULTATS_OPERATION = ListeFermee("résultat d'une opération", ("accepté", "accès refusé"))
COLONNES_TF = ListeFermee("montant de tranche fonctionnelle", ("AE affectées", "AE engagées"))
_TAUX = re.compile(r"\d{1,3}(?:,\d{1,4})?")


def taux(texte: str) -> Decimal:
    """A rate written the French way (``5,5``, ``10``) as a Decimal percentage."""
    if not _TAUX.fullmatch(texte.strip()):
        raise ErreurParametre("Taux", texte, "attendu un pourcentage en français, ex. « 5,5 » ou « 10 »")
    return Decimal(texte.strip().replace(",", "."))


taux.pattern = r"[-\d.,]+"  # type: ignore[attr-defined]

#: Custom types of the sentences, by the name written after the colon (``{statut:StatutEJ}``).
TYPES: dict[str, Any] = {
    "StatutEJ": STATUTS_EJ, "StatutDP": STATUTS_DP, "StatutDemandeReport": STATUTS_DEMANDE_REPORT,
    "StatutArrete": STATUTS_ARRETE, "Titre": TITRES, "Niveau": NIVEAUX, "ResultatOperation": RESULTATS_OPERATION, "Colonne": COLONNES_SITUATION, "ColonneTF": COLONNES_TF,
    "Taux": taux,
}
