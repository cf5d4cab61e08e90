"""``recette.yaml``: named environments, links, validated at start with the key and the line.

Credentials are given as *names* of environment variables, never as values.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from recette.erreurs import ErreurConfiguration

FICHIER = "recette.yaml"
ENV_PAR_DEFAUT = "bac-a-sable"
_NOM_VARIABLE = re.compile(r"[A-Z_][A-Z0-9_]*")
_CLES_ENVIRONNEMENT = {"bac_a_sable", "url", "navigateur", "identifiants", "release", "donnees", "description",
                       "utilisateur", "ecrans", "preconditions", "exercice", "bo", "courriel"}
_CLES_RACINE = {"environnement_par_defaut", "environnements", "liens", "reessais", "porte_qualite",
                "anomalies_connues", "releases"}
_EVOLUTION = re.compile(r"[A-Z][A-Z0-9]*-\d{4}-\d+")
_CLES_PORTE = {"critique", "majeur", "mineur", "taux_reussite", "erreurs_scenario"}
_CLES_BO = {"url", "auth", "identifiant", "mot_de_passe"}
AUTHS_BO = ("secEnterprise", "secLDAP", "secWinAD", "secSAPR3")
_CLES_COURRIEL = {"hote", "port", "ssl", "identifiant", "mot_de_passe", "dossier"}
_HOTE = re.compile(r"[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\]")


@dataclass(frozen=True)
class ConfigBO:
    """The BusinessObjects server of an environment (its ``bo:`` block): the ``/biprws`` URL (None:
    the sandbox's own URL + ``/biprws``), the auth type, and the NAMES of the environment variables
    holding its login and password (None: the campaign's user, see recette/bo/environnement.py)."""

    url: str | None = None
    auth: str = "secEnterprise"
    identifiant: str | None = None
    mot_de_passe: str | None = None


@dataclass(frozen=True)
class ConfigCourriel:
    """The mailbox where a real environment's e-mails arrive (its ``courriel:`` block), read by
    IMAP: host, port, SSL, folder, and the NAMES of the environment variables holding the login
    and password (never their values). Absent on the embedded sandbox: the framework's own SMTP
    receiver gets its mail (recette/courriel)."""

    hote: str
    identifiant: str
    mot_de_passe: str
    port: int = 993
    ssl: bool = True
    dossier: str = "INBOX"


@dataclass(frozen=True)
class Environnement:
    nom: str
    bac_a_sable: bool = False
    url: str | None = None
    navigateur: str | None = None  # ws:// endpoint of a Playwright browser server
    identifiants: dict[str, str] = field(default_factory=dict)  # role -> variable NAME
    release: str | None = None
    donnees: str = "standard"
    utilisateur: str | None = None  # login of the campaign's user (not a secret; its password is)
    ecrans: str = "html"  # the face the page objects drive: html (server-rendered) or fiori (UI5 apps)
    #: how the « Étant donné » set their state: through the sandbox's JSON API (fast), or through the
    #: screens (slower; the only way on a real Chorus, which has no such API)
    preconditions: str = "api"
    exercice: int | None = None  # the exercice of a target that cannot say it (no sandbox API)
    bo: ConfigBO | None = None  # its BusinessObjects server (Webi documents), if the scenarios use one
    courriel: ConfigCourriel | None = None  # its mailbox (IMAP), where BO's scheduled e-mails arrive

    @property
    def api_du_bac_a_sable(self) -> bool:
        """The target answers the sandbox's JSON API (health, datasets, reset, preconditions)."""
        return self.preconditions == "api"

    def secret(self, cle: str) -> str:
        """Value of the credential variable named for ``cle``; French error when unset."""
        variable = self.identifiants.get(cle)
        if variable is None:
            raise ErreurConfiguration(f"aucun identifiant « {cle} » pour l'environnement « {self.nom} »", FICHIER)
        valeur = os.environ.get(variable)
        if not valeur:
            raise ErreurConfiguration(
                f"la variable d'environnement {variable} (identifiant « {cle} » de l'environnement "
                f"« {self.nom} ») n'est pas définie", FICHIER)
        return valeur


@dataclass(frozen=True)
class PorteQualite:
    """The quality gate of ``recette rapport``: open failures tolerated per criticality (None:
    no limit; known issues are not counted), an optional minimal pass rate, in percent, and the
    scenarios to correct (« Erreur du scénario ») tolerated before the campaign is not conclusive."""

    critique: int | None = 0
    majeur: int | None = None
    mineur: int | None = None
    taux_reussite: int | None = None
    erreurs_scenario: int | None = 0


@dataclass(frozen=True)
class Configuration:
    fichier: Path
    environnements: dict[str, Environnement]
    environnement_par_defaut: str = ENV_PAR_DEFAUT
    liens: dict[str, str] = field(default_factory=dict)
    reessais: int = 0
    porte_qualite: PorteQualite = field(default_factory=PorteQualite)
    anomalies_connues: Path | None = None  # YAML of the known issues (relative to the file)
    releases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # release -> evolutions it delivers

    def environnement(self, nom: str | None) -> Environnement:
        choisi = nom or os.environ.get("RECETTE_ENV") or self.environnement_par_defaut
        if choisi not in self.environnements:
            connus = ", ".join(sorted(self.environnements))
            raise ErreurConfiguration(f"environnement inconnu « {choisi} » (environnements : {connus})",
                                      str(self.fichier))
        return self.environnements[choisi]


class _Lecteur:
    """Walks the YAML node tree so that every error can name its line."""

    def __init__(self, chemin: Path) -> None:
        self.chemin = chemin
        self.noeuds_cles: dict[str, yaml.Node] = {}

    def erreur(self, message: str, noeud: yaml.Node | None, cle: str) -> ErreurConfiguration:
        ligne = noeud.start_mark.line + 1 if noeud is not None else None
        return ErreurConfiguration(message, str(self.chemin), ligne, cle)

    def dictionnaire(self, noeud: yaml.Node, cle: str) -> dict[str, yaml.Node]:
        if not isinstance(noeud, yaml.MappingNode):
            raise self.erreur("un dictionnaire est attendu", noeud, cle)
        resultat: dict[str, yaml.Node] = {}
        for k, v in noeud.value:
            if str(k.value) in resultat:
                raise self.erreur("clé en double", k, f"{cle}.{k.value}" if cle else str(k.value))
            resultat[str(k.value)] = v
            self.noeuds_cles[f"{cle}.{k.value}" if cle else str(k.value)] = k
        return resultat

    def scalaire(self, noeud: yaml.Node, cle: str) -> Any:
        if not isinstance(noeud, yaml.ScalarNode):
            raise self.erreur("une valeur simple est attendue", noeud, cle)
        return yaml.safe_load(yaml.serialize(noeud))

    def cles_connues(self, valeurs: dict[str, yaml.Node], connues: set[str], noeud: yaml.Node, cle: str) -> None:
        for nom in valeurs:
            if nom not in connues:
                chemin = f"{cle}.{nom}" if cle else nom
                raise self.erreur(f"clé inconnue (clés possibles : {', '.join(sorted(connues))})",
                                  self.noeuds_cles.get(chemin, noeud), chemin)


def composer(chemin: Path) -> yaml.Node | None:
    """The YAML node tree of ``chemin`` (lines kept for errors); a syntax error names its line."""
    try:
        return yaml.compose(chemin.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        marque = getattr(exc, "problem_mark", None)
        raise ErreurConfiguration(f"YAML invalide ({getattr(exc, 'problem', exc)})", str(chemin),
                                  marque.line + 1 if marque else None) from None


def charger(chemin: Path) -> Configuration:
    """Read and validate ``chemin``; a missing file means the sandbox alone."""
    if not chemin.exists():
        return Configuration(chemin, {ENV_PAR_DEFAUT: Environnement(ENV_PAR_DEFAUT, bac_a_sable=True)})
    lecteur = _Lecteur(chemin)
    racine = composer(chemin)
    if racine is None:
        raise ErreurConfiguration("fichier vide", str(chemin))
    valeurs = lecteur.dictionnaire(racine, "")
    lecteur.cles_connues(valeurs, _CLES_RACINE, racine, "")
    if "environnements" not in valeurs:
        raise lecteur.erreur("clé obligatoire absente", racine, "environnements")
    envs = {nom: _environnement(lecteur, nom, noeud)
            for nom, noeud in lecteur.dictionnaire(valeurs["environnements"], "environnements").items()}
    envs.setdefault(ENV_PAR_DEFAUT, Environnement(ENV_PAR_DEFAUT, bac_a_sable=True))
    defaut = str(lecteur.scalaire(valeurs["environnement_par_defaut"], "environnement_par_defaut")) \
        if "environnement_par_defaut" in valeurs else ENV_PAR_DEFAUT
    if defaut not in envs:
        raise lecteur.erreur(f"« {defaut} » n'est pas un environnement déclaré", valeurs.get("environnement_par_defaut"),
                             "environnement_par_defaut")
    liens = {k: str(lecteur.scalaire(v, f"liens.{k}")) for k, v in
             lecteur.dictionnaire(valeurs["liens"], "liens").items()} if "liens" in valeurs else {}
    for nom, motif in liens.items():
        if "{}" not in motif:
            raise lecteur.erreur("le motif d'URL doit contenir {} (remplacé par l'identifiant)", valeurs["liens"],
                                 f"liens.{nom}")
    reessais = lecteur.scalaire(valeurs["reessais"], "reessais") if "reessais" in valeurs else 0
    if not isinstance(reessais, int) or isinstance(reessais, bool) or not 0 <= reessais <= 5:
        raise lecteur.erreur("un entier de 0 à 5 est attendu", valeurs.get("reessais"), "reessais")
    porte = _porte_qualite(lecteur, valeurs["porte_qualite"]) if "porte_qualite" in valeurs else PorteQualite()
    anomalies = None
    if "anomalies_connues" in valeurs:
        anomalies = chemin.parent / str(lecteur.scalaire(valeurs["anomalies_connues"], "anomalies_connues"))
    releases = _releases(lecteur, valeurs["releases"]) if "releases" in valeurs else {}
    return Configuration(chemin, envs, defaut, liens, reessais, porte, anomalies, releases)


def _releases(lecteur: _Lecteur, noeud: yaml.Node) -> dict[str, tuple[str, ...]]:
    """``releases:`` maps each release to its evolutions, here or in a YAML file it names."""
    if isinstance(noeud, yaml.ScalarNode) and not _vide(noeud):
        fichier = lecteur.chemin.parent / str(lecteur.scalaire(noeud, "releases"))
        if not fichier.is_file():
            raise lecteur.erreur(f"fichier des releases introuvable : {fichier}", noeud, "releases")
        lecteur = _Lecteur(fichier)
        noeud = composer(fichier) or yaml.MappingNode("tag:yaml.org,2002:map", [])
    releases: dict[str, tuple[str, ...]] = {}
    for release, liste in (lecteur.dictionnaire(noeud, "releases") if not _vide(noeud) else {}).items():
        cle = f"releases.{release}"
        if not isinstance(liste, yaml.SequenceNode):
            raise lecteur.erreur("une liste d'évolutions est attendue, ex. [EVO-2026-014, EVO-2026-021]", liste, cle)
        evolutions = [str(lecteur.scalaire(element, cle)) for element in liste.value]
        for element, evolution in zip(liste.value, evolutions, strict=True):
            if not _EVOLUTION.fullmatch(evolution):
                raise lecteur.erreur(f"identifiant d'évolution invalide « {evolution} » (attendu : EVO-AAAA-NNN)",
                                     element, cle)
        releases[release] = tuple(dict.fromkeys(evolutions))
    return releases


def _porte_qualite(lecteur: _Lecteur, noeud: yaml.Node) -> PorteQualite:
    valeurs = lecteur.dictionnaire(noeud, "porte_qualite") if not _vide(noeud) else {}
    lecteur.cles_connues(valeurs, _CLES_PORTE, noeud, "porte_qualite")
    seuils: dict[str, int | None] = {}
    for cle, valeur_noeud in valeurs.items():
        valeur = lecteur.scalaire(valeur_noeud, f"porte_qualite.{cle}")
        maximum = 100 if cle == "taux_reussite" else 10_000
        if valeur is not None and (not isinstance(valeur, int) or isinstance(valeur, bool) or not 0 <= valeur <= maximum):
            attendu = "un pourcentage entier de 0 à 100" if cle == "taux_reussite" else \
                "un nombre entier de scénarios à corriger tolérés (0 ou plus), ou ~ pour sans limite" \
                if cle == "erreurs_scenario" else "un nombre entier d'échecs tolérés (0 ou plus), ou ~ pour sans limite"
            raise lecteur.erreur(f"{attendu} est attendu", valeur_noeud, f"porte_qualite.{cle}")
        seuils[cle] = valeur
    return PorteQualite(**{"critique": 0, **seuils})


def _environnement(lecteur: _Lecteur, nom: str, noeud: yaml.Node) -> Environnement:
    cle = f"environnements.{nom}"
    valeurs = lecteur.dictionnaire(noeud, cle) if not _vide(noeud) else {}
    lecteur.cles_connues(valeurs, _CLES_ENVIRONNEMENT, noeud, cle)
    simples = {k: lecteur.scalaire(v, f"{cle}.{k}") for k, v in valeurs.items()
               if k not in ("identifiants", "bo", "courriel")}
    bac = bool(simples.get("bac_a_sable", False))
    if not bac and not simples.get("url"):
        raise lecteur.erreur("« url » est obligatoire hors bac à sable", noeud, f"{cle}.url")
    for cle_url, prefixes in (("url", ("http://", "https://")), ("navigateur", ("ws://", "wss://"))):
        valeur = simples.get(cle_url)
        if valeur is not None and not str(valeur).startswith(prefixes):
            raise lecteur.erreur(f"doit commencer par {' ou '.join(prefixes)}", valeurs[cle_url], f"{cle}.{cle_url}")
    identifiants = _identifiants(lecteur, valeurs.get("identifiants"), f"{cle}.identifiants")
    choix = {k: _choix(lecteur, valeurs, simples, k, cle, defaut) for k, defaut in
             (("ecrans", "html"), ("preconditions", "api" if bac else "ecrans"))}
    exercice = simples.get("exercice")
    if exercice is not None and (not isinstance(exercice, int) or isinstance(exercice, bool) or not 2000 <= exercice <= 2100):
        raise lecteur.erreur("une année est attendue, ex. 2026", valeurs["exercice"], f"{cle}.exercice")
    bo = _bo(lecteur, valeurs["bo"], f"{cle}.bo", bac) if "bo" in valeurs else None
    courriel = _courriel(lecteur, valeurs["courriel"], f"{cle}.courriel") if "courriel" in valeurs else None
    return Environnement(nom, bac, simples.get("url"), simples.get("navigateur"), identifiants,
                         None if simples.get("release") is None else str(simples["release"]),
                         str(simples.get("donnees", "standard")),
                         None if simples.get("utilisateur") is None else str(simples["utilisateur"]),
                         choix["ecrans"], choix["preconditions"], exercice, bo, courriel)


def _bo(lecteur: _Lecteur, noeud: yaml.Node, cle: str, bac: bool) -> ConfigBO:
    """``bo:`` — url (defaults to the sandbox's own + /biprws), auth, variable NAMES of the login
    and password (default: the campaign's user)."""
    valeurs = lecteur.dictionnaire(noeud, cle) if not _vide(noeud) else {}
    lecteur.cles_connues(valeurs, _CLES_BO, noeud, cle)
    lues = {k: lecteur.scalaire(v, f"{cle}.{k}") for k, v in valeurs.items()}
    simples = {k: str(v) for k, v in lues.items() if v is not None}
    url = simples.get("url")
    if url is None and not bac:
        raise lecteur.erreur("« url » est obligatoire hors bac à sable (ex. https://bo.example:6405/biprws)", noeud,
                             f"{cle}.url")
    if url is not None and not url.startswith(("http://", "https://")):
        raise lecteur.erreur("doit commencer par http:// ou https://", valeurs["url"], f"{cle}.url")
    auth = simples.get("auth", AUTHS_BO[0])
    if auth not in AUTHS_BO:
        raise lecteur.erreur(f"type d'authentification « {auth} » inconnu (valeurs possibles : {', '.join(AUTHS_BO)})",
                             valeurs["auth"], f"{cle}.auth")
    for role in ("identifiant", "mot_de_passe"):
        if role in simples and not _NOM_VARIABLE.fullmatch(simples[role]):
            raise lecteur.erreur("le nom d'une variable d'environnement est attendu (ex. RECETTE_BO_MOT_DE_PASSE), "
                                 "jamais la valeur d'un secret", valeurs[role], f"{cle}.{role}")
    return ConfigBO(url, auth, simples.get("identifiant"), simples.get("mot_de_passe"))


def _courriel(lecteur: _Lecteur, noeud: yaml.Node, cle: str) -> ConfigCourriel:
    """``courriel:`` — hote, port (default 993 with SSL, 143 without), ssl (default true), dossier
    (default INBOX), variable NAMES of the login and password (both required)."""
    valeurs = lecteur.dictionnaire(noeud, cle) if not _vide(noeud) else {}
    lecteur.cles_connues(valeurs, _CLES_COURRIEL, noeud, cle)
    lues = {k: lecteur.scalaire(v, f"{cle}.{k}") for k, v in valeurs.items()}
    for obligatoire in ("hote", "identifiant", "mot_de_passe"):
        if lues.get(obligatoire) in (None, ""):
            raise lecteur.erreur(f"« {obligatoire} » est obligatoire (serveur IMAP de la boîte de courriel)",
                                 valeurs.get(obligatoire, noeud), f"{cle}.{obligatoire}")
    hote = str(lues["hote"])
    if not _HOTE.fullmatch(hote):
        raise lecteur.erreur(f"nom d'hôte invalide « {hote} » (ex. imap.example.gouv.fr, sans schéma ni port)",
                             valeurs["hote"], f"{cle}.hote")
    ssl = lues.get("ssl", True)
    if not isinstance(ssl, bool):
        raise lecteur.erreur("true ou false est attendu", valeurs["ssl"], f"{cle}.ssl")
    port = lues.get("port", 993 if ssl else 143)
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        raise lecteur.erreur("un port de 1 à 65535 est attendu (993 pour IMAPS)", valeurs["port"], f"{cle}.port")
    for role in ("identifiant", "mot_de_passe"):
        if not _NOM_VARIABLE.fullmatch(str(lues[role])):
            raise lecteur.erreur("le nom d'une variable d'environnement est attendu (ex. RECETTE_IMAP_MOT_DE_PASSE), "
                                 "jamais la valeur d'un secret", valeurs[role], f"{cle}.{role}")
    dossier = str(lues.get("dossier") or "INBOX")
    return ConfigCourriel(hote, str(lues["identifiant"]), str(lues["mot_de_passe"]), port, ssl, dossier)


#: The closed choices of an environment, and their allowed values.
_CHOIX = {"ecrans": ("html", "fiori"), "preconditions": ("api", "ecrans")}


def _choix(lecteur: _Lecteur, valeurs: dict[str, yaml.Node], simples: dict[str, Any], cle: str, env: str,
           defaut: str) -> str:
    valeur = str(simples.get(cle, defaut))
    if valeur not in _CHOIX[cle]:
        raise lecteur.erreur(f"valeur « {valeur} » inconnue (valeurs possibles : {', '.join(_CHOIX[cle])})",
                             valeurs[cle], f"{env}.{cle}")
    return valeur


def _vide(noeud: yaml.Node) -> bool:
    return isinstance(noeud, yaml.ScalarNode) and noeud.value in ("", "~", "null")


def _identifiants(lecteur: _Lecteur, noeud: yaml.Node | None, cle: str) -> dict[str, str]:
    if noeud is None:
        return {}
    resultat = {}
    for role, valeur in lecteur.dictionnaire(noeud, cle).items():
        variable = str(lecteur.scalaire(valeur, f"{cle}.{role}"))
        if not _NOM_VARIABLE.fullmatch(variable):
            raise lecteur.erreur(
                "le nom d'une variable d'environnement est attendu (ex. CHORUS_MOT_DE_PASSE), "
                "jamais la valeur d'un secret", valeur, f"{cle}.{role}")
        resultat[role] = variable
    return resultat
