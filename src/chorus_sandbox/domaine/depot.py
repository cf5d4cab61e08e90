"""What operations need from storage, and an in-memory implementation for pure tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from chorus_sandbox.domaine import modele as m

T = TypeVar("T")

#: Natural key of each entity that operations look up.
CLES: dict[type, str] = {
    m.Ministere: "code",
    m.Mission: "code",
    m.Programme: "numero",
    m.Action: "code",
    m.Bop: "code",
    m.UniteOperationnelle: "code",
    m.DomaineFonctionnel: "code",
    m.Activite: "code",
    m.Fournisseur: "code",
    m.LoiDeFinances: "identifiant",
    m.TrancheFonctionnelle: "numero",
    m.EngagementJuridique: "numero",
    m.ServiceFait: "numero",
    m.DemandePaiement: "numero",
    m.Marche: "numero",
    m.Parametre: "nom",
    m.DemandeReport: "numero",
    m.ArreteReport: "numero",
    m.Utilisateur: "identifiant",
    m.ComptePaye: "prefixe",
    m.DepotPaye: "numero",
}


class Depot(Protocol):
    """Storage seen by the operations. The SQL store implements it inside one transaction."""

    def trouver(self, classe: type[T], cle: str) -> T | None: ...

    def ajouter(self, objet: object) -> None: ...

    def lister(self, classe: type[T]) -> list[T]: ...

    def enveloppe(self, exercice: int, niveau: str, code: str, titre: str) -> m.Enveloppe: ...

    def enveloppes(self, exercice: int, niveau: str) -> list[m.Enveloppe]: ...

    def prochain_numero(self, sequence: str, depart: int) -> int: ...


class DepotMemoire:
    """Dict-backed :class:`Depot`: the rules run on it without any database."""

    def __init__(self) -> None:
        self._objets: dict[type, dict[str, object]] = {}
        self._enveloppes: dict[tuple[int, str, str, str], m.Enveloppe] = {}
        self._listes: dict[type, list[object]] = {}
        self._compteurs: dict[str, int] = {}

    def trouver(self, classe: type[T], cle: str) -> T | None:
        return self._objets.get(classe, {}).get(cle)  # type: ignore[return-value]

    def ajouter(self, objet: object) -> None:
        classe = type(objet)
        if isinstance(objet, m.Enveloppe):
            cle_env = (objet.exercice, objet.niveau, objet.code, objet.titre)
            self._enveloppes[cle_env] = objet
        elif classe in CLES:
            self._objets.setdefault(classe, {})[getattr(objet, CLES[classe])] = objet
        else:
            self._listes.setdefault(classe, []).append(objet)

    def lister(self, classe: type[T]) -> list[T]:
        if classe is m.Enveloppe:
            return list(self._enveloppes.values())  # type: ignore[arg-type]
        if classe in CLES:
            return list(self._objets.get(classe, {}).values())  # type: ignore[arg-type]
        return list(self._listes.get(classe, []))  # type: ignore[arg-type]

    def enveloppe(self, exercice: int, niveau: str, code: str, titre: str) -> m.Enveloppe:
        cle = (exercice, niveau, code, titre)
        if cle not in self._enveloppes:
            self._enveloppes[cle] = m.Enveloppe(exercice, niveau, code, titre)
        return self._enveloppes[cle]

    def enveloppes(self, exercice: int, niveau: str) -> list[m.Enveloppe]:
        return [e for e in self._enveloppes.values() if e.exercice == exercice and e.niveau == niveau]

    def prochain_numero(self, sequence: str, depart: int) -> int:
        self._compteurs[sequence] = self._compteurs.get(sequence, depart) + 1
        return self._compteurs[sequence]


def inserer_en_masse(depot: Depot, classe: type, lignes: list[dict[str, object]]) -> None:
    """Add many rows at once: one executemany on SQL (``DepotSql.inserer_en_masse``), else one by one."""
    inserer = getattr(depot, "inserer_en_masse", None)
    if inserer is not None:
        inserer(classe, lignes)
        return
    for ligne in lignes:
        depot.ajouter(classe(**ligne))


def selectionner(depot: Depot, classe: type[T], ordre: str = "id", /, **criteres: object) -> list[T]:
    """The objects of ``classe`` whose attributes equal ``criteres``, sorted on ``ordre`` (SQL where it can)."""
    selection = getattr(depot, "selectionner", None)
    if selection is not None:
        return list(selection(classe, ordre, **criteres))
    trouves = [o for o in depot.lister(classe) if all(getattr(o, k) == v for k, v in criteres.items())]
    return sorted(trouves, key=lambda o: getattr(o, ordre) or 0)


def filtrer(objets: list[T], predicat: Callable[[T], bool]) -> list[T]:
    return [o for o in objets if predicat(o)]
