"""One exception hierarchy for the framework; each error carries where it comes from."""

from __future__ import annotations


class ErreurRecette(Exception):
    """Base of the framework's errors; ``str()`` is a French sentence for a tester."""


class ErreurConfiguration(ErreurRecette):
    """``recette.yaml`` is invalid: names the file, the key and the line."""

    def __init__(self, message: str, fichier: str = "", ligne: int | None = None, cle: str = "") -> None:
        self.fichier, self.ligne, self.cle = fichier, ligne, cle
        lieu = fichier + (f", ligne {ligne}" if ligne else "") + (f", clé « {cle} »" if cle else "")
        super().__init__(f"{lieu} : {message}" if lieu else message)


class ErreurParametre(ErreurRecette, ValueError):
    """A step parameter (amount, date, exercice) does not parse; names the text and the step."""

    def __init__(self, nature: str, texte: str, attendu: str) -> None:
        self.nature, self.texte, self.attendu = nature, texte, attendu
        self.etape: str | None = None
        super().__init__(self._message())

    def _message(self) -> str:
        lieu = f" dans l'étape « {self.etape} »" if self.etape else ""
        return f"{self.nature} invalide « {self.texte} »{lieu} : {self.attendu}"

    def situer(self, etape: str) -> None:
        self.etape = etape
        self.args = (self._message(),)

    def __str__(self) -> str:
        return self._message()


class ErreurEnvironnement(ErreurRecette):
    """The target environment does not answer as an environment should (connection, 5xx,
    timeout): the only kind of failure a retry may cover."""


class ErreurScenario(ErreurRecette):
    """The scenario itself is wrong, not Chorus: a sentence used without the context it needs, a step
    that lands on a page it did not expect (access refused, error page, login page), an expected
    file that does not exist. Reported « Erreur du scénario », never as a Chorus anomaly."""


class ErreurContexte(ErreurScenario):
    """A sentence names an object (« cet engagement », « cette demande de paiement »…) that no
    earlier step of the scenario produced."""

    def __init__(self, designation: str, producteurs: str = "") -> None:
        self.designation, self.producteurs = designation, producteurs
        aide = f" : placez avant une étape comme « {producteurs} »" if producteurs else ""
        super().__init__(f"« {designation} » n'a été produit par aucune étape précédente du scénario{aide}")


class ErreurApi(ErreurRecette):
    """The target refused an API call made to set a precondition (4xx with its message)."""

    def __init__(self, statut: int, message: str, route: str) -> None:
        self.statut, self.message, self.route = statut, message, route
        super().__init__(f"{route} : refus {statut} : {message}")


class ErreurDonnees(ErreurRecette, ValueError):
    """A dataset (export, comparison spec) cannot be used: names the file, the line and the column."""

    def __init__(self, message: str, fichier: str = "", ligne: int | None = None, colonne: str = "") -> None:
        self.message, self.fichier, self.ligne, self.colonne = message, fichier, ligne, colonne
        lieu = ", ".join(p for p in (fichier, f"ligne {ligne}" if ligne else "", colonne) if p)
        super().__init__(f"{lieu} : {message}" if lieu else message)


class ErreurExport(ErreurDonnees):
    """A Chorus export is malformed (encoding, header, row width, amount, date)."""


class ErreurSpec(ErreurDonnees):
    """A comparison spec (YAML or command-line options) is invalid: ``colonne`` names the key."""


class ErreurRegeneration(ErreurDonnees):
    """An expected file may not be rewritten (in CI, or from an unreadable obtained file)."""
