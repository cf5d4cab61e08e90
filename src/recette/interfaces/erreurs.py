"""Errors of the file interfaces: one base, each subclass names where the problem is.

Each also derives from the framework error a tester already knows, so that the report files it
under the right category: a bad layout is a configuration error, a bad Gherkin table is the
scenario's mistake (« Erreur du scénario »), a file that breaks its layout is an export error
(« Écart de données »).
"""

from __future__ import annotations

from recette.erreurs import ErreurConfiguration, ErreurExport, ErreurRecette, ErreurScenario


class ErreurInterface(ErreurRecette):
    """Base of the errors of :mod:`recette.interfaces`."""


class ErreurDescription(ErreurInterface, ErreurConfiguration):
    """A layout description (YAML) is invalid: names the file, the line and the key."""


class ErreurTableauFlux(ErreurInterface, ErreurScenario, ValueError):
    """A flow cannot be built from a scenario's values: names the table's row (1 = first data
    row) or the record whose values are given (« en-tête », « fin »), and the column."""

    def __init__(self, message: str, ligne: int | None = None, colonne: str = "", enregistrement: str = "") -> None:
        self.message, self.ligne, self.colonne, self.enregistrement = message, ligne, colonne, enregistrement
        lieu = ", ".join(p for p in (
            f"valeurs de l'enregistrement « {enregistrement} »" if enregistrement else "",
            f"ligne {ligne} du tableau" if ligne else "",
            f"colonne « {colonne} »" if colonne else "") if p)
        super().__init__(f"{lieu} : {message}" if lieu else message)


class ErreurFlux(ErreurInterface, ErreurExport):
    """A flow file does not match its layout: names the file, the line (1-based, as in an
    editor) and the field."""

    def __init__(self, message: str, fichier: str = "", ligne: int | None = None, champ: str = "") -> None:
        self.champ = champ
        super().__init__(message, fichier, ligne, f"champ « {champ} »" if champ else "")


class ErreurCompteRendu(ErreurInterface):
    """The target's compte rendu d'intégration does not follow the contract
    (docs/conception/flux-paye.md §4): names the key."""

    def __init__(self, message: str, cle: str = "") -> None:
        self.cle = cle
        super().__init__(f"Compte rendu d'intégration, clé « {cle} » : {message}" if cle
                         else f"Compte rendu d'intégration : {message}")
