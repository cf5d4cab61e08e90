"""Bulk update of the habilitations from a CSV file, the way the Chorus pole keeps them up to date.

File: ``;`` separator, a header naming the five columns in any order (case and accents free),
one change per line::

    action;identifiant;nom;role;perimetre
    creer;camille.martin;Camille Martin;RUO;BG00/0150-CSUP-DR75
    attribuer;camille.martin;;gestionnaire;BG00/0150-CSUP-DR69
    retirer;jules.bernard;;RUO;BG00/0217-SGAC-ASPR
    suspendre;lea.petit;;;
    reactiver;hugo.moreau;;;

``creer`` needs a name and may grant one rôle-territoire at once; ``attribuer`` / ``retirer``
need a role and a périmètre of the référentiel; ``suspendre`` / ``reactiver`` take neither.

The whole file is validated first, line after line against the state the previous lines would
leave (a line may grant a role to a user created above it). One rejected line rejects the file:
nothing is applied, and the report names every rejected line with its reason. A valid file is
applied in one transaction, each change written to the audit trail.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import utilisateurs as u
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ErreurChorus
from chorus_sandbox.domaine.habilitations import lire_role, protegee, verifier_identifiant
from chorus_sandbox.domaine.regles import Contexte, lignes_a_appliquer

COLONNES = ("action", "identifiant", "nom", "role", "perimetre")
ACTIONS = ("creer", "attribuer", "retirer", "suspendre", "reactiver")
NOMS_ACTIONS = {"creer": "création", "attribuer": "attribution", "retirer": "retrait", "suspendre": "suspension",
                "reactiver": "réactivation"}
LIGNES_MAXIMUM = 5000


def _sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte.strip().lower())
    return "".join(c for c in decompose if not unicodedata.combining(c))


@dataclass(frozen=True)
class LigneImport:
    """One data line of the file: its number, its cells by column (None when the count is wrong)."""

    numero: int
    valeurs: dict[str, str] | None
    nb_cellules: int

    def __getitem__(self, colonne: str) -> str:
        return (self.valeurs or {}).get(colonne, "").strip()


@dataclass(frozen=True)
class Rejet:
    ligne: int
    message: str

    def __str__(self) -> str:
        return f"ligne {self.ligne} : {self.message}"


class ImportRefuse(DonneeInvalide):
    """The file is rejected as a whole: nothing was applied. ``rejets`` names each bad line."""

    def __init__(self, rejets: list[Rejet], nb_lignes: int) -> None:
        self.rejets, self.nb_lignes = rejets, nb_lignes
        detail = " ; ".join(str(r) for r in rejets[:20]) + (" ; …" if len(rejets) > 20 else "")
        compte = f"{len(rejets)} ligne(s) rejetée(s) sur {nb_lignes}" if nb_lignes else "fichier rejeté"
        super().__init__(f"Import refusé : {compte}, aucune modification appliquée — {detail}")


@dataclass(frozen=True)
class RapportImport:
    nb_lignes: int
    actions: dict[str, int] = field(default_factory=dict)
    rejets: tuple[Rejet, ...] = ()  # never, but for the catalogued defect import-habilitations-partiel

    @property
    def message(self) -> str:
        parts = ", ".join(f"{n} {NOMS_ACTIONS[a]}{'s' if n > 1 else ''}" for a, n in self.actions.items())
        rejets = "".join(f" ; {r}" for r in self.rejets)
        return f"Import appliqué : {self.nb_lignes} ligne(s) ({parts}){rejets}"


# --- Reading ----------------------------------------------------------------------------------
def lire_fichier(texte: str) -> list[LigneImport]:
    """The data lines of the file; a file without the five columns is refused on its line 1."""
    rangees = _rangees(texte)
    if not rangees:
        raise ImportRefuse([Rejet(1, "fichier vide : en-tête attendu " + ";".join(COLONNES))], 0)
    entete = [_sans_accents(c) for c in rangees[0]]
    manquantes = [c for c in COLONNES if c not in entete]
    if manquantes or len(set(entete)) != len(entete):
        probleme = f"colonne(s) manquante(s) : {', '.join(manquantes)}" if manquantes else "colonne en double"
        raise ImportRefuse([Rejet(1, f"{probleme} (en-tête attendu : {';'.join(COLONNES)})")], 0)
    lignes = [LigneImport(n, dict(zip(entete, cellules, strict=True)) if len(cellules) == len(entete) else None,
                          len(cellules))
              for n, cellules in enumerate(rangees[1:], start=2) if any(c.strip() for c in cellules)]
    if not lignes:
        raise ImportRefuse([Rejet(2, "aucune ligne de modification après l'en-tête")], 0)
    if len(lignes) > LIGNES_MAXIMUM:
        raise ImportRefuse([Rejet(LIGNES_MAXIMUM + 2, f"plus de {LIGNES_MAXIMUM} lignes : découpez le fichier")],
                           len(lignes))
    return lignes


def _rangees(texte: str) -> list[list[str]]:
    """The file's rows; an unreadable one refused on its line, in French."""
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=";")
    rangees: list[list[str]] = []
    try:
        rangees.extend(lecteur)
    except csv.Error as exc:
        raise ImportRefuse([Rejet(max(lecteur.line_num, 1), f"fichier CSV illisible : {_cause_csv(exc)}")], 0) from None
    return rangees


def _cause_csv(erreur: csv.Error) -> str:
    """The csv module's English message, said in French."""
    texte = str(erreur)
    if texte.startswith("field larger than field limit"):
        return f"une cellule dépasse {csv.field_size_limit():,} caractères".replace(",", " ")
    if texte.startswith("new-line character seen in unquoted field"):
        return "fin de ligne au milieu d'une cellule sans guillemets"
    if texte.startswith("unexpected end of data"):
        return "guillemet ouvert jamais refermé"
    return "format CSV invalide"


# --- Validation against the state the previous lines leave --------------------------------------
@dataclass
class _Etat:
    actifs: dict[str, bool]
    roles: set[tuple[str, str, str]]
    depot: Depot
    auteur: str
    couvre: Callable[[str], bool]

    @classmethod
    def lire(cls, depot: Depot, auteur: str, couvre: Callable[[str], bool]) -> _Etat:
        personnes = depot.lister(m.Utilisateur)
        return cls({p.identifiant: p.actif for p in personnes},
                   {(p.identifiant, r.role, r.perimetre) for p in personnes for r in p.roles}, depot, auteur, couvre)

    def existant(self, identifiant: str) -> None:
        if identifiant not in self.actifs:
            raise DonneeInvalide(f"utilisateur inconnu : {identifiant}")

    def administrable(self, identifiant: str) -> None:
        """Suspending or reactivating a user takes covering every rôle-territoire they hold."""
        for autre, role, code in sorted(self.roles):
            if autre == identifiant and not self.couvre(code):
                raise DonneeInvalide(f"rôle {role} sur {code} de {identifiant} hors de votre périmètre d'administration")

    def role(self, ligne: LigneImport) -> tuple[str, str]:
        if not ligne["role"] or not ligne["perimetre"]:
            raise DonneeInvalide("rôle et périmètre obligatoires pour cette action")
        role, code = lire_role(ligne["role"]), u.verifier_perimetre_connu(self.depot, ligne["perimetre"])
        if not self.couvre(code):
            raise DonneeInvalide(f"périmètre {code} hors de votre périmètre d'administration")
        return role, code


def _sans_role(ligne: LigneImport, action: str) -> None:
    if ligne["role"] or ligne["perimetre"]:
        raise DonneeInvalide(f"rôle et périmètre ne s'appliquent pas à l'action « {action} »")


def _creer(etat: _Etat, ligne: LigneImport, identifiant: str) -> None:
    if identifiant in etat.actifs:
        raise DonneeInvalide(f"l'utilisateur {identifiant} existe déjà")
    u.verifier_nom(ligne["nom"])
    grant = etat.role(ligne) if ligne["role"] or ligne["perimetre"] else None
    etat.actifs[identifiant] = True
    if grant:
        etat.roles.add((identifiant, *grant))


def _attribuer(etat: _Etat, ligne: LigneImport, identifiant: str) -> None:
    etat.existant(identifiant)
    role, code = etat.role(ligne)
    if (identifiant, role, code) in etat.roles:
        raise DonneeInvalide(f"l'utilisateur {identifiant} a déjà le rôle {role} sur {code}")
    etat.roles.add((identifiant, role, code))


def _retirer(etat: _Etat, ligne: LigneImport, identifiant: str) -> None:
    etat.existant(identifiant)
    role, code = etat.role(ligne)
    if (identifiant, role, code) not in etat.roles:
        raise DonneeInvalide(f"l'utilisateur {identifiant} n'a pas le rôle {role} sur {code}")
    etat.roles.discard((identifiant, role, code))


def _suspendre(etat: _Etat, ligne: LigneImport, identifiant: str) -> None:
    etat.existant(identifiant)
    _sans_role(ligne, "suspendre")
    etat.administrable(identifiant)
    if identifiant == etat.auteur:
        raise DonneeInvalide("vous ne pouvez pas suspendre votre propre compte")
    if not etat.actifs[identifiant]:
        raise DonneeInvalide(f"l'utilisateur {identifiant} est déjà suspendu")
    etat.actifs[identifiant] = False


def _reactiver(etat: _Etat, ligne: LigneImport, identifiant: str) -> None:
    etat.existant(identifiant)
    _sans_role(ligne, "reactiver")
    etat.administrable(identifiant)
    if etat.actifs[identifiant]:
        raise DonneeInvalide(f"l'utilisateur {identifiant} est déjà actif")
    etat.actifs[identifiant] = True


_VALIDATIONS: dict[str, Callable[[_Etat, LigneImport, str], None]] = {
    "creer": _creer, "attribuer": _attribuer, "retirer": _retirer, "suspendre": _suspendre, "reactiver": _reactiver,
}


def _valider_ligne(etat: _Etat, ligne: LigneImport) -> None:
    if ligne.valeurs is None:
        raise DonneeInvalide(f"{ligne.nb_cellules} colonne(s) au lieu de {len(COLONNES)}")
    action = _sans_accents(ligne["action"])
    if action not in _VALIDATIONS:
        raise DonneeInvalide(f"action inconnue « {ligne['action']} » (actions : {', '.join(ACTIONS)})")
    _VALIDATIONS[action](etat, ligne, verifier_identifiant(ligne["identifiant"]))


def valider(depot: Depot, lignes: list[LigneImport], auteur: str,
            couvre: Callable[[str], bool] = lambda _code: True) -> list[Rejet]:
    """Every rejected line with its reason (empty: the file may be applied)."""
    etat, rejets = _Etat.lire(depot, auteur, couvre), []
    for ligne in lignes:
        try:
            _valider_ligne(etat, ligne)
        except ErreurChorus as exc:
            message = exc.message
            rejets.append(Rejet(ligne.numero, message[:1].lower() + message[1:]))
    return rejets


# --- Application -----------------------------------------------------------------------------
@protegee("parametrer_utilisateurs")
def importer(depot: Depot, ctx: Contexte, lignes: list[LigneImport], auteur: str, empreinte: str,
             couvre: Callable[[str], bool] = lambda _code: True, fichier: str = "") -> RapportImport:
    """Validate the whole file, then apply it (the caller's transaction: all of it or nothing)."""
    rejets = valider(depot, lignes, auteur, couvre)
    numeros = lignes_a_appliquer(ctx, tuple(ligne.numero for ligne in lignes), tuple(r.ligne for r in rejets))
    if not numeros:
        raise ImportRefuse(rejets, len(lignes))
    appliquees = [ligne for ligne in lignes if ligne.numero in numeros]
    u.auditer(depot, ctx, auteur, "Import en masse", "",
              detail=f"{fichier or 'fichier'} : {len(appliquees)} ligne(s)")
    for ligne in appliquees:
        _appliquer(depot, ctx, ligne, auteur, empreinte)
    actions = dict(Counter(_sans_accents(ligne["action"]) for ligne in appliquees))
    return RapportImport(len(appliquees), actions, tuple(rejets))


def _appliquer(depot: Depot, ctx: Contexte, ligne: LigneImport, auteur: str, empreinte: str) -> None:
    action, identifiant = _sans_accents(ligne["action"]), ligne["identifiant"]
    if action == "creer":
        u.creer_utilisateur(depot, ctx, identifiant, ligne["nom"], empreinte, auteur)
        if ligne["role"]:
            u.attribuer_role(depot, ctx, identifiant, ligne["role"], ligne["perimetre"], auteur)
    elif action in ("attribuer", "retirer"):
        operation = u.attribuer_role if action == "attribuer" else u.retirer_role
        operation(depot, ctx, identifiant, ligne["role"], ligne["perimetre"], auteur)
    else:
        (u.suspendre_utilisateur if action == "suspendre" else u.reactiver_utilisateur)(depot, ctx, identifiant, auteur)
