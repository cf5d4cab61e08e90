"""Paramétrage des utilisateurs and authentication, as domain operations with an audit trail.

Passwords never enter this module: it stores and compares **empreintes** (hashes) through the
``verifier`` callable the caller gives (Argon2id in :mod:`chorus_sandbox.mots_de_passe`), so the
rules run in memory, fast, in the unit tests.

- Lock-out: :data:`ECHECS_AVANT_VERROUILLAGE` failed logins in a row lock the account for
  :data:`DUREE_VERROUILLAGE`; a success resets the count. A locked account is refused even with
  the right password; an unknown login gets the same answer as a wrong password.
- Every change of a user or of a rôle-territoire writes an :class:`~modele.EvenementAudit`
  (who, when, what), the audit trail read by the ``AUDIT-HABILITATIONS`` restitution.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ObjetInconnu, RegleDeGestion
from chorus_sandbox.domaine.habilitations import (
    NATIONAL,
    ROLES,
    codes_de,
    lire_perimetre,
    lire_role,
    niveau_perimetre,
    protegee,
    roles_de_l_utilisateur,
    verifier_identifiant,
)
from chorus_sandbox.domaine.regles import Contexte, compte_a_verrouiller

ECHECS_AVANT_VERROUILLAGE = 5
DUREE_VERROUILLAGE = dt.timedelta(minutes=15)
SYSTEME = "système"
REFUS_IDENTIFIANTS = "Identifiant ou mot de passe incorrect"

Verificateur = Callable[[str, str], bool]  # (empreinte, mot de passe) → conforme


def auditer(depot: Depot, ctx: Contexte, auteur: str, action: str, utilisateur: str, role: str = "",
            perimetre: str = "", detail: str = "") -> None:
    depot.ajouter(m.EvenementAudit(ctx.horodatage(), auteur, action, utilisateur, role, perimetre, detail))


def obtenir_utilisateur(depot: Depot, identifiant: str) -> m.Utilisateur:
    utilisateur = depot.trouver(m.Utilisateur, identifiant.strip())
    if utilisateur is None:
        raise ObjetInconnu(f"Utilisateur inconnu : {identifiant.strip()}")
    return utilisateur


# --- Authentication -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ResultatConnexion:
    """A login attempt: the user when it succeeds, else the French refusal. The attempt's effects
    (failure count, lock-out) are written either way: a refusal is a result, not an exception."""

    utilisateur: m.Utilisateur | None
    refus: str | None = None


def _date_heure(moment: dt.datetime) -> str:
    return moment.strftime("%d/%m/%Y à %H:%M")


def authentifier(depot: Depot, ctx: Contexte, identifiant: str, mot_de_passe: str, maintenant: dt.datetime,
                 verifier: Verificateur) -> ResultatConnexion:
    """Check a login and a password against the stored empreinte, counting failures."""
    utilisateur = depot.trouver(m.Utilisateur, identifiant.strip())
    if utilisateur is None:
        verifier("", mot_de_passe)  # same work as for a known login: no timing oracle
        return ResultatConnexion(None, REFUS_IDENTIFIANTS)
    fin = utilisateur.verrouille_jusqu_a
    if fin is not None and maintenant < fin:
        return ResultatConnexion(None, f"Compte verrouillé jusqu'au {_date_heure(fin)} après "
                                       f"{ECHECS_AVANT_VERROUILLAGE} échecs de connexion")
    if not verifier(utilisateur.empreinte, mot_de_passe):
        return ResultatConnexion(None, _echec(depot, ctx, utilisateur, maintenant))
    if not utilisateur.actif:
        return ResultatConnexion(None, "Compte suspendu : connexion refusée")
    utilisateur.echecs, utilisateur.verrouille_jusqu_a, utilisateur.derniere_connexion = 0, None, maintenant
    return ResultatConnexion(utilisateur)


def _echec(depot: Depot, ctx: Contexte, utilisateur: m.Utilisateur, maintenant: dt.datetime) -> str:
    utilisateur.echecs += 1
    if not compte_a_verrouiller(ctx, utilisateur.echecs, ECHECS_AVANT_VERROUILLAGE):
        return REFUS_IDENTIFIANTS
    utilisateur.echecs, utilisateur.verrouille_jusqu_a = 0, maintenant + DUREE_VERROUILLAGE
    detail = f"{ECHECS_AVANT_VERROUILLAGE} échecs de connexion ; verrouillé jusqu'au {_date_heure(utilisateur.verrouille_jusqu_a)}"
    auditer(depot, ctx, SYSTEME, "Verrouillage du compte", utilisateur.identifiant, detail=detail)
    return f"{REFUS_IDENTIFIANTS} : compte verrouillé jusqu'au {_date_heure(utilisateur.verrouille_jusqu_a)}"


# --- Paramétrage -----------------------------------------------------------------------------------
def verifier_nom(texte: str) -> str:
    nom = texte.strip()
    if not nom:
        raise DonneeInvalide("Nom : champ obligatoire")
    if len(nom) > 120:
        raise DonneeInvalide("Nom : 120 caractères au plus")
    return nom


@protegee("parametrer_utilisateurs")
def creer_utilisateur(depot: Depot, ctx: Contexte, identifiant: str, nom: str, empreinte: str,
                      auteur: str) -> m.Utilisateur:
    """A new, active user with no role; ``empreinte`` is the sandbox's initial password hash."""
    identifiant, nom = verifier_identifiant(identifiant), verifier_nom(nom)
    if depot.trouver(m.Utilisateur, identifiant) is not None:
        raise RegleDeGestion(f"L'utilisateur {identifiant} existe déjà")
    utilisateur = m.Utilisateur(identifiant, nom, empreinte)
    depot.ajouter(utilisateur)
    auditer(depot, ctx, auteur, "Création de l'utilisateur", identifiant, detail=nom)
    return utilisateur


@protegee("parametrer_utilisateurs", roles_de_l_utilisateur)
def suspendre_utilisateur(depot: Depot, ctx: Contexte, identifiant: str, auteur: str) -> m.Utilisateur:
    """A suspended user can no longer log in, and their open sessions stop at the next request."""
    utilisateur = obtenir_utilisateur(depot, identifiant)
    if utilisateur.identifiant == auteur:
        raise RegleDeGestion("Vous ne pouvez pas suspendre votre propre compte")
    if not utilisateur.actif:
        raise RegleDeGestion(f"L'utilisateur {utilisateur.identifiant} est déjà suspendu")
    utilisateur.actif = False
    auditer(depot, ctx, auteur, "Suspension de l'utilisateur", utilisateur.identifiant)
    return utilisateur


@protegee("parametrer_utilisateurs", roles_de_l_utilisateur)
def reactiver_utilisateur(depot: Depot, ctx: Contexte, identifiant: str, auteur: str) -> m.Utilisateur:
    utilisateur = obtenir_utilisateur(depot, identifiant)
    if utilisateur.actif:
        raise RegleDeGestion(f"L'utilisateur {utilisateur.identifiant} est déjà actif")
    utilisateur.actif, utilisateur.echecs, utilisateur.verrouille_jusqu_a = True, 0, None
    auditer(depot, ctx, auteur, "Réactivation de l'utilisateur", utilisateur.identifiant)
    return utilisateur


def verifier_perimetre_connu(depot: Depot, texte: str) -> str:
    """``national``, or a code that exists in the référentiel (programme, BOP or centre financier)."""
    code = lire_perimetre(texte)
    if code == NATIONAL:
        return code
    classe = {"programme": m.Programme, "bop": m.Bop, "uo": m.UniteOperationnelle}[niveau_perimetre(code) or ""]
    if depot.trouver(classe, code) is None:
        raise ObjetInconnu(f"Périmètre inconnu du référentiel : {code}")
    return code


@protegee("parametrer_utilisateurs", codes_de("perimetre"))
def attribuer_role(depot: Depot, ctx: Contexte, identifiant: str, role: str, perimetre: str,
                   auteur: str) -> m.Utilisateur:
    """Grant ``role`` on ``perimetre``; it takes effect at the user's next request."""
    utilisateur = obtenir_utilisateur(depot, identifiant)
    role, code = lire_role(role), verifier_perimetre_connu(depot, perimetre)
    if utilisateur.role(role, code) is not None:
        raise RegleDeGestion(f"L'utilisateur {utilisateur.identifiant} a déjà le rôle {role} sur {code}")
    utilisateur.roles.append(m.RoleTerritoire(role, code))
    auditer(depot, ctx, auteur, "Attribution du rôle", utilisateur.identifiant, role, code, ROLES[role])
    return utilisateur


@protegee("parametrer_utilisateurs", codes_de("perimetre"))
def retirer_role(depot: Depot, ctx: Contexte, identifiant: str, role: str, perimetre: str,
                 auteur: str) -> m.Utilisateur:
    """Revoke a rôle-territoire; the user's next request no longer has it."""
    utilisateur = obtenir_utilisateur(depot, identifiant)
    role, code = lire_role(role), lire_perimetre(perimetre)
    existant = utilisateur.role(role, code)
    if existant is None:
        raise RegleDeGestion(f"L'utilisateur {utilisateur.identifiant} n'a pas le rôle {role} sur {code}")
    utilisateur.roles.remove(existant)
    auditer(depot, ctx, auteur, "Retrait du rôle", utilisateur.identifiant, role, code, ROLES[role])
    return utilisateur


def utilisateurs(depot: Depot) -> list[m.Utilisateur]:
    return sorted(depot.lister(m.Utilisateur), key=lambda u: u.identifiant)


def journal_audit(depot: Depot, exercice: int | None = None) -> list[m.EvenementAudit]:
    """The audit trail in the order it was written (of one exercice when given)."""
    lignes = sorted(depot.lister(m.EvenementAudit), key=lambda e: e.id or 0)
    return [e for e in lignes if exercice is None or e.horodatage.year == exercice]
