"""The ``utilisateurs`` of a dataset: who can log in, with which rôles-territoires.

A dataset names its users file (``utilisateurs: ../utilisateurs.yaml``); without the key, the
``utilisateurs.yaml`` of the fixtures folder is used when there is one, so that every dataset
can be logged into. The file holds no password: every seeded user gets the sandbox's initial
password (``CHORUS_SANDBOX_MOT_DE_PASSE``, or a random one printed once at start), hashed at load.

Every error names the file, the line and the field, e.g.
``fixtures/utilisateurs.yaml, ligne 14 : utilisateurs[2].roles[0].role : rôle inconnu « RUOO » …``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ErreurChorus
from chorus_sandbox.domaine.habilitations import lire_role, verifier_identifiant
from chorus_sandbox.domaine.utilisateurs import verifier_nom, verifier_perimetre_connu

FICHIER_PAR_DEFAUT = "utilisateurs.yaml"
_CLES_UTILISATEUR = {"identifiant", "nom", "roles", "actif"}
_CLES_ROLE = {"role", "perimetre"}


@dataclass(frozen=True)
class _Lieu:
    chemin: Path
    noeud: yaml.Node
    champ: str

    def erreur(self, message: str) -> DonneeInvalide:
        return DonneeInvalide(f"{self.chemin}, ligne {self.noeud.start_mark.line + 1} : {self.champ} : {message}")

    def sous(self, noeud: yaml.Node, champ: str) -> _Lieu:
        return _Lieu(self.chemin, noeud, f"{self.champ}{champ}")


def fichier_des_utilisateurs(chemin_jeu: Path, valeur: object) -> Path | None:
    """The users file a dataset names, or the fixtures folder's default one (None: no users)."""
    if valeur:
        return (chemin_jeu.parent / str(valeur)).resolve()
    defaut = chemin_jeu.parent.parent / FICHIER_PAR_DEFAUT
    return defaut if defaut.is_file() else None


def _dictionnaire(lieu: _Lieu, connues: set[str]) -> dict[str, yaml.Node]:
    if not isinstance(lieu.noeud, yaml.MappingNode):
        raise lieu.erreur("un dictionnaire est attendu")
    valeurs = {str(k.value): v for k, v in lieu.noeud.value}
    inconnues = sorted(set(valeurs) - connues)
    if inconnues:
        raise lieu.erreur(f"clé inconnue « {inconnues[0]} » (clés possibles : {', '.join(sorted(connues))})")
    return valeurs


def _texte(lieu: _Lieu) -> str:
    if not isinstance(lieu.noeud, yaml.ScalarNode) or not str(lieu.noeud.value).strip():
        raise lieu.erreur("un texte non vide est attendu")
    return str(lieu.noeud.value).strip()


def _liste(lieu: _Lieu) -> list[yaml.Node]:
    if not isinstance(lieu.noeud, yaml.SequenceNode):
        raise lieu.erreur("une liste est attendue")
    return list(lieu.noeud.value)


def _en_francais(lieu: _Lieu, erreur: ErreurChorus) -> DonneeInvalide:
    return lieu.erreur(erreur.message[:1].lower() + erreur.message[1:])


def _roles(depot: Depot, lieu: _Lieu) -> list[m.RoleTerritoire]:
    roles: list[m.RoleTerritoire] = []
    for rang, noeud in enumerate(_liste(lieu)):
        entree = lieu.sous(noeud, f"[{rang}]")
        valeurs = _dictionnaire(entree, _CLES_ROLE)
        for cle in sorted(_CLES_ROLE - set(valeurs)):
            raise entree.erreur(f"clé « {cle} » obligatoire")
        champ_role = entree.sous(valeurs["role"], ".role")
        try:
            role = lire_role(_texte(champ_role))
        except ErreurChorus as exc:
            raise _en_francais(champ_role, exc) from None
        perimetre = entree.sous(valeurs["perimetre"], ".perimetre")
        codes = [perimetre.sous(n, f"[{i}]") for i, n in enumerate(_liste(perimetre))] \
            if isinstance(perimetre.noeud, yaml.SequenceNode) else [perimetre]
        for code in codes:
            try:
                valeur = verifier_perimetre_connu(depot, _texte(code))
            except ErreurChorus as exc:
                raise _en_francais(code, exc) from None
            if any(r.role == role and r.perimetre == valeur for r in roles):
                raise code.erreur(f"rôle {role} sur {valeur} en double")
            roles.append(m.RoleTerritoire(role, valeur))
    return roles


def _utilisateur(depot: Depot, lieu: _Lieu, empreinte: str) -> m.Utilisateur:
    valeurs = _dictionnaire(lieu, _CLES_UTILISATEUR)
    for cle in ("identifiant", "nom"):
        if cle not in valeurs:
            raise lieu.erreur(f"clé « {cle} » obligatoire")
    champs = {cle: lieu.sous(valeurs[cle], f".{cle}") for cle in valeurs}
    try:
        identifiant = verifier_identifiant(_texte(champs["identifiant"]))
    except ErreurChorus as exc:
        raise _en_francais(champs["identifiant"], exc) from None
    try:
        nom = verifier_nom(_texte(champs["nom"]))
    except ErreurChorus as exc:
        raise _en_francais(champs["nom"], exc) from None
    actif = yaml.safe_load(yaml.serialize(valeurs["actif"])) if "actif" in valeurs else True
    if not isinstance(actif, bool):
        raise champs["actif"].erreur("true ou false attendu")
    utilisateur = m.Utilisateur(identifiant, nom, empreinte, actif)
    utilisateur.roles = _roles(depot, champs["roles"]) if "roles" in champs else []
    return utilisateur


def charger(depot: Depot, chemin: Path, empreinte: str) -> list[m.Utilisateur]:
    """Add the users of ``chemin`` (the référentiel is already loaded: périmètres are checked)."""
    try:
        racine = yaml.compose(chemin.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DonneeInvalide(f"{chemin} : fichier des utilisateurs absent ou illisible ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        marque = getattr(exc, "problem_mark", None)
        ligne = f", ligne {marque.line + 1}" if marque else ""
        raise DonneeInvalide(f"{chemin}{ligne} : YAML invalide ({getattr(exc, 'problem', exc)})") from None
    if racine is None:
        raise DonneeInvalide(f"{chemin} : fichier vide (clé « utilisateurs » attendue)")
    valeurs = _dictionnaire(_Lieu(chemin, racine, "racine"), {"utilisateurs"})
    if "utilisateurs" not in valeurs:
        raise _Lieu(chemin, racine, "racine").erreur("clé « utilisateurs » obligatoire")
    lieu = _Lieu(chemin, valeurs["utilisateurs"], "utilisateurs")
    ajoutes: dict[str, m.Utilisateur] = {}
    for rang, noeud in enumerate(_liste(lieu)):
        entree = lieu.sous(noeud, f"[{rang}]")
        utilisateur = _utilisateur(depot, entree, empreinte)
        if utilisateur.identifiant in ajoutes:
            raise entree.erreur(f"identifiant en double : {utilisateur.identifiant}")
        ajoutes[utilisateur.identifiant] = utilisateur
        depot.ajouter(utilisateur)
    return list(ajoutes.values())
