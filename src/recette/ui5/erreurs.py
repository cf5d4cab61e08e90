"""Errors of the UI5 driver: French sentences that name the control selector or the pending work."""

from __future__ import annotations

from recette.erreurs import ErreurEnvironnement, ErreurRecette


class ErreurUI5(ErreurRecette):
    """Base of the UI5 driver's errors."""


class ErreurUI5Absente(ErreurUI5):
    """The page (and none of its frames) has loaded UI5: not a UI5 application, or not yet."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"Aucune application UI5 dans la page {url} (ni dans ses cadres) : "
                         "sap.ui n'est pas chargé")


class ErreurUI5Occupee(ErreurUI5, ErreurEnvironnement):
    """UI5 still had pending work (requests, timers, rendering) when the timeout expired;
    an environment failure (slow or stuck back end), so a retry may cover it."""

    def __init__(self, delai_ms: int, travail: str) -> None:
        self.delai_ms, self.travail = delai_ms, travail
        super().__init__(f"L'application UI5 est restée occupée plus de {delai_ms / 1000:g} s ; "
                         f"travail en attente : {travail.strip() or 'non précisé par UI5'}")


class ErreurControleIntrouvable(ErreurUI5):
    """No control matches the selector within the timeout; ``description`` is the French reading
    of the selector (« sap.m.Input libellé « Montant » dans la vue … »)."""

    def __init__(self, description: str, delai_ms: int, occupe: bool = False) -> None:
        self.description, self.delai_ms, self.occupe = description, delai_ms, occupe
        if occupe:
            message = (f"Contrôle toujours occupé ou inactif après {delai_ms / 1000:g} s "
                       f"(indicateur d'occupation, désactivé ou masqué par une fenêtre) : {description}")
        else:
            message = f"Contrôle introuvable : {description} (attendu {delai_ms / 1000:g} s)"
        super().__init__(message)


class ErreurLigneIntrouvable(ErreurUI5):
    """No row of a list or table shows the searched text, all pages of it read."""

    def __init__(self, texte: str, table: str, lues: int) -> None:
        self.texte, self.table, self.lues = texte, table, lues
        super().__init__(f"Aucune ligne « {texte} » dans {table} ({lues} ligne(s) parcourue(s))")
