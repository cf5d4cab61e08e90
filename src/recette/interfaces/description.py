"""Layout descriptions of Chorus file interfaces: one YAML file per interface (``interfaces/``).

A description says how a flow file is written: encoding, separator, line ending, and its
records (en-tête, détail, fin), each recognised by the marker in its first field, with its
fields in order and their types. Header and trailer fields may be computed from the detail lines
(a count, a sum). Another Chorus interface is another YAML file, not new code.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from recette.interfaces.erreurs import ErreurDescription

TYPES = ("texte", "code", "montant", "entier", "decimal", "mois", "date")
ROLES = ("entete", "detail", "fin")
#: Date formats of the ``date`` type: as written in the YAML → strptime format, strict pattern.
FORMATS_DATE: dict[str, tuple[str, str]] = {
    "AAAAMMJJ": ("%Y%m%d", r"\d{8}"),
    "JJ/MM/AAAA": ("%d/%m/%Y", r"\d{2}/\d{2}/\d{4}"),
    "JJ.MM.AAAA": ("%d.%m.%Y", r"\d{2}\.\d{2}\.\d{4}"),
    "AAAA-MM-JJ": ("%Y-%m-%d", r"\d{4}-\d{2}-\d{2}"),
}
FINS_DE_LIGNE = {"LF": "\n", "CRLF": "\r\n"}
DOSSIER = "interfaces"
_NUMERIQUES = ("montant", "entier", "decimal")
_CLES_RACINE = {"interface", "libelle", "route", "encodage", "separateur", "separateur_decimal", "fin_de_ligne",
                "enregistrements"}
_CLES_ENREGISTREMENT = {"nom", "role", "marqueur", "champs"}
_CLES_CHAMP = {"nom", "type", "obligatoire", "motif", "longueur_max", "negatif", "decimales", "format", "calcul"}
_TAG_TEXTE = "tag:yaml.org,2002:str"


@functools.lru_cache(maxsize=4096)
def cle_de_nom(nom: str) -> str:
    """A field's label as a lookup key: case, accents and repeated spaces do not matter
    (« Catégorie », « categorie » and « CATÉGORIE » are one column)."""
    sans_accents = "".join(c for c in unicodedata.normalize("NFKD", nom) if not unicodedata.combining(c))
    return " ".join(sans_accents.casefold().split())


@dataclass(frozen=True)
class Calcul:
    """A header or trailer field computed from the detail lines: ``nombre`` of lines (of the record
    ``cible``, or of all detail records when empty), or ``somme`` of the detail field ``cible``."""

    nature: str
    cible: str = ""


@dataclass(frozen=True)
class Champ:
    """One field of a record, after the marker."""

    nom: str
    type: str
    obligatoire: bool = True
    motif: re.Pattern[str] | None = None
    longueur_max: int | None = None
    negatif: bool = False
    decimales: int = 2
    format: str = "AAAAMMJJ"
    calcul: Calcul | None = None


@dataclass(frozen=True)
class Enregistrement:
    """A record type: its name, its role in the file, its marker (first field) and its fields."""

    nom: str
    role: str
    marqueur: str
    champs: tuple[Champ, ...]
    _index: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {cle_de_nom(c.nom): i for i, c in enumerate(self.champs)})

    @property
    def nombre_de_champs(self) -> int:
        """Fields of a line of this record, the marker included."""
        return len(self.champs) + 1

    def position(self, nom: str) -> int | None:
        """Index of field ``nom`` in :attr:`champs` (any case or accents), None if absent."""
        return self._index.get(cle_de_nom(nom))

    def champ(self, nom: str) -> Champ | None:
        position = self.position(nom)
        return None if position is None else self.champs[position]


@dataclass(frozen=True)
class DescriptionInterface:
    """The layout of one file interface, read from ``fichier``."""

    interface: str
    enregistrements: tuple[Enregistrement, ...]
    fichier: str = ""
    libelle: str = ""
    route: str | None = None
    encodage: str = "utf-8"
    separateur: str = ";"
    separateur_decimal: str = ","
    fin_de_ligne: str = "\n"

    @property
    def entete(self) -> Enregistrement | None:
        return next((e for e in self.enregistrements if e.role == "entete"), None)

    @property
    def details(self) -> tuple[Enregistrement, ...]:
        return tuple(e for e in self.enregistrements if e.role == "detail")

    @property
    def fin(self) -> Enregistrement | None:
        return next((e for e in self.enregistrements if e.role == "fin"), None)

    def par_marqueur(self) -> dict[str, Enregistrement]:
        return {e.marqueur: e for e in self.enregistrements}

    def marqueurs(self) -> str:
        """The markers, for a message: ``00, 10, 99``."""
        return ", ".join(e.marqueur for e in self.enregistrements)


def lire_description(chemin: str | Path) -> DescriptionInterface:
    """Read and validate a layout description; every error names the file, the line and the key."""
    chemin = Path(chemin)
    try:
        texte = chemin.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ErreurDescription("description d'interface introuvable", str(chemin)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ErreurDescription(f"description d'interface illisible ({exc})", str(chemin)) from None
    try:
        racine = yaml.compose(texte)
    except yaml.YAMLError as exc:
        marque = getattr(exc, "problem_mark", None)
        raise ErreurDescription(f"YAML invalide ({getattr(exc, 'problem', None) or exc})", str(chemin),
                                marque.line + 1 if marque else None) from None
    return _Lecteur(str(chemin)).description(racine)


def trouver_description(nom: str, racine: str | Path = ".") -> DescriptionInterface:
    """The description named ``nom`` (``flux-paye``, or a path to a YAML file) under
    ``<racine>/interfaces/``."""
    chemin = Path(nom)
    if chemin.suffix not in (".yaml", ".yml"):
        chemin = Path(racine) / DOSSIER / f"{nom}.yaml"
    elif not chemin.is_absolute() and not chemin.exists():
        chemin = Path(racine) / chemin
    return lire_description(chemin)


# --- Reading the YAML node tree, every error with its line -------------------------------------
class _Noeuds(dict[str, tuple[yaml.Node, yaml.Node]]):
    """A YAML mapping read: key → (key node, value node); ``noeud`` is the mapping itself (the line
    of a missing key)."""

    def __init__(self, noeud: yaml.Node) -> None:
        super().__init__()
        self.noeud = noeud


class _Lecteur:
    def __init__(self, fichier: str) -> None:
        self.fichier = fichier

    def erreur(self, message: str, noeud: yaml.Node | None, cle: str) -> ErreurDescription:
        ligne = noeud.start_mark.line + 1 if noeud is not None else None
        return ErreurDescription(message, self.fichier, ligne, cle)

    def dictionnaire(self, noeud: yaml.Node | None, cle: str, connues: set[str]) -> _Noeuds:
        if not isinstance(noeud, yaml.MappingNode):
            raise self.erreur("un dictionnaire est attendu", noeud, cle)
        resultat = _Noeuds(noeud)
        for k, v in noeud.value:
            chemin = f"{cle}.{k.value}" if cle else str(k.value)
            if str(k.value) not in connues:
                raise self.erreur(f"clé inconnue (clés possibles : {', '.join(sorted(connues))})", k, chemin)
            if str(k.value) in resultat:
                raise self.erreur("clé en double", k, chemin)
            resultat[str(k.value)] = (k, v)
        return resultat

    def liste(self, noeud: yaml.Node, cle: str) -> list[yaml.Node]:
        if not isinstance(noeud, yaml.SequenceNode):
            raise self.erreur("une liste est attendue", noeud, cle)
        return list(noeud.value)

    def valeur(self, noeud: yaml.Node, cle: str) -> Any:
        if not isinstance(noeud, yaml.ScalarNode):
            raise self.erreur("une valeur simple est attendue", noeud, cle)
        return yaml.safe_load(yaml.serialize(noeud))

    def texte(self, noeuds: _Noeuds, nom: str, cle: str, defaut: str | None = None) -> str:
        if nom not in noeuds:
            if defaut is None:
                raise self.erreur(f"clé obligatoire « {nom} » absente", noeuds.noeud, cle)
            return defaut
        noeud = noeuds[nom][1]
        valeur = self.valeur(noeud, f"{cle}.{nom}" if cle else nom)
        if not isinstance(valeur, str) or noeud.tag != _TAG_TEXTE or not valeur:
            raise self.erreur("un texte non vide est attendu (entre guillemets s'il commence par un chiffre)",
                              noeud, f"{cle}.{nom}" if cle else nom)
        return valeur

    def booleen(self, noeuds: _Noeuds, nom: str, cle: str, defaut: bool) -> bool:
        if nom not in noeuds:
            return defaut
        valeur = self.valeur(noeuds[nom][1], f"{cle}.{nom}")
        if not isinstance(valeur, bool):
            raise self.erreur("true ou false est attendu", noeuds[nom][1], f"{cle}.{nom}")
        return valeur

    def entier(self, noeuds: _Noeuds, nom: str, cle: str, bornes: tuple[int, int]) -> int | None:
        if nom not in noeuds:
            return None
        valeur = self.valeur(noeuds[nom][1], f"{cle}.{nom}")
        if not isinstance(valeur, int) or isinstance(valeur, bool) or not bornes[0] <= valeur <= bornes[1]:
            raise self.erreur(f"un entier de {bornes[0]} à {bornes[1]} est attendu", noeuds[nom][1], f"{cle}.{nom}")
        return valeur

    # --- The description --------------------------------------------------------------------
    def description(self, racine: yaml.Node | None) -> DescriptionInterface:
        noeuds = self.dictionnaire(racine, "", _CLES_RACINE)
        separateur = self.separateur(noeuds)
        decimal = self.texte(noeuds, "separateur_decimal", "", ",")
        if decimal not in (",", ".") or decimal == separateur:
            raise self.erreur("« , » ou « . » est attendu, différent du séparateur",
                              noeuds["separateur_decimal"][1], "separateur_decimal")
        if "enregistrements" not in noeuds:
            raise self.erreur("clé obligatoire « enregistrements » absente", racine, "enregistrements")
        enregistrements = self.enregistrements(noeuds["enregistrements"][1], separateur)
        return DescriptionInterface(
            interface=self.texte(noeuds, "interface", ""), enregistrements=enregistrements, fichier=self.fichier,
            libelle=self.texte(noeuds, "libelle", "", ""), route=self.texte(noeuds, "route", "", "") or None,
            encodage=self.encodage(noeuds), separateur=separateur, separateur_decimal=decimal,
            fin_de_ligne=self.fin_de_ligne(noeuds))

    def encodage(self, noeuds: _Noeuds) -> str:
        nom = self.texte(noeuds, "encodage", "", "utf-8")
        try:
            return codecs.lookup(nom).name
        except LookupError:
            raise self.erreur(f"encodage inconnu « {nom} » (ex. utf-8, cp1252, iso-8859-15)",
                              noeuds["encodage"][1], "encodage") from None

    def separateur(self, noeuds: _Noeuds) -> str:
        valeur = self.texte(noeuds, "separateur", "", ";")
        if len(valeur) != 1 or valeur in "\r\n`":
            raise self.erreur("un seul caractère est attendu (ex. « ; »)", noeuds["separateur"][1], "separateur")
        return valeur

    def fin_de_ligne(self, noeuds: _Noeuds) -> str:
        valeur = self.texte(noeuds, "fin_de_ligne", "", "LF")
        if valeur not in FINS_DE_LIGNE:
            raise self.erreur("LF ou CRLF est attendu", noeuds["fin_de_ligne"][1], "fin_de_ligne")
        return FINS_DE_LIGNE[valeur]

    def enregistrements(self, noeud: yaml.Node, separateur: str) -> tuple[Enregistrement, ...]:
        lus = tuple(self.enregistrement(n, f"enregistrements[{i}]", separateur)
                    for i, n in enumerate(self.liste(noeud, "enregistrements")))
        self.verifier_ordre(lus, noeud)
        for i, enregistrement in enumerate(lus):
            for j, champ in enumerate(enregistrement.champs):
                self.verifier_calcul(champ, lus, _noeud_champ(noeud, i, j), f"enregistrements[{i}].champs[{j}]")
        return lus

    def enregistrement(self, noeud: yaml.Node, cle: str, separateur: str) -> Enregistrement:
        noeuds = self.dictionnaire(noeud, cle, _CLES_ENREGISTREMENT)
        role = self.texte(noeuds, "role", cle)
        if role not in ROLES:
            raise self.erreur(f"rôle inconnu « {role} » (rôles : {', '.join(ROLES)})", noeuds["role"][1], f"{cle}.role")
        marqueur = self.texte(noeuds, "marqueur", cle)
        if separateur in marqueur:
            raise self.erreur("le marqueur contient le séparateur", noeuds["marqueur"][1], f"{cle}.marqueur")
        if "champs" not in noeuds:
            raise self.erreur("clé obligatoire « champs » absente", noeud, f"{cle}.champs")
        champs = tuple(self.champ(n, f"{cle}.champs[{i}]", role)
                       for i, n in enumerate(self.liste(noeuds["champs"][1], f"{cle}.champs")))
        self.verifier_noms(champs, noeuds["champs"][1], f"{cle}.champs")
        return Enregistrement(self.texte(noeuds, "nom", cle), role, marqueur, champs)

    def verifier_noms(self, champs: tuple[Champ, ...], noeud: yaml.Node, cle: str) -> None:
        vus: set[str] = set()
        for i, champ in enumerate(champs):
            if cle_de_nom(champ.nom) in vus:
                raise self.erreur(f"champ « {champ.nom} » en double", noeud.value[i], f"{cle}[{i}].nom")
            vus.add(cle_de_nom(champ.nom))

    def verifier_ordre(self, lus: tuple[Enregistrement, ...], noeud: yaml.Node) -> None:
        roles = [e.role for e in lus]
        if "detail" not in roles:
            raise self.erreur("au moins un enregistrement de rôle « detail » est attendu", noeud, "enregistrements")
        for role, place, ou in (("entete", 0, "premier"), ("fin", len(lus) - 1, "dernier")):
            mal_places = [i for i, r in enumerate(roles) if r == role and i != place]
            if mal_places:
                raise self.erreur(f"un seul enregistrement « {role} », en {ou}", noeud.value[mal_places[0]],
                                  f"enregistrements[{mal_places[0]}].role")
        self.verifier_unicite([e.marqueur for e in lus], "marqueur", noeud)
        self.verifier_unicite([cle_de_nom(e.nom) for e in lus], "nom", noeud)

    def verifier_unicite(self, valeurs: list[str], cle: str, noeud: yaml.Node) -> None:
        for i, valeur in enumerate(valeurs):
            if valeur in valeurs[:i]:
                raise self.erreur(f"{cle} en double « {valeur} »", noeud.value[i], f"enregistrements[{i}].{cle}")

    def champ(self, noeud: yaml.Node, cle: str, role: str) -> Champ:
        noeuds = self.dictionnaire(noeud, cle, _CLES_CHAMP)
        type_ = self.texte(noeuds, "type", cle)
        if type_ not in TYPES:
            raise self.erreur(f"type inconnu « {type_} » (types : {', '.join(TYPES)})", noeuds["type"][1], f"{cle}.type")
        self.verifier_cles_du_type(noeuds, type_, cle)
        decimales = self.entier(noeuds, "decimales", cle, (0, 6))
        return Champ(
            nom=self.texte(noeuds, "nom", cle), type=type_, obligatoire=self.booleen(noeuds, "obligatoire", cle, True),
            motif=self.motif(noeuds, cle), longueur_max=self.entier(noeuds, "longueur_max", cle, (1, 10_000)),
            negatif=self.booleen(noeuds, "negatif", cle, False), decimales=2 if decimales is None else decimales,
            format=self.format_date(noeuds, cle), calcul=self.calcul(noeuds, cle, role))

    def verifier_cles_du_type(self, noeuds: _Noeuds, type_: str, cle: str) -> None:
        permises = {"motif": ("texte", "code"), "longueur_max": ("texte", "code"), "negatif": _NUMERIQUES,
                    "decimales": ("montant", "decimal"), "format": ("date",)}
        for nom, types in permises.items():
            if nom in noeuds and type_ not in types:
                raise self.erreur(f"« {nom} » ne s'applique pas au type « {type_} » (types : {', '.join(types)})",
                                  noeuds[nom][0], f"{cle}.{nom}")

    def motif(self, noeuds: _Noeuds, cle: str) -> re.Pattern[str] | None:
        if "motif" not in noeuds:
            return None
        texte = self.texte(noeuds, "motif", cle)
        try:
            return re.compile(texte)
        except re.error as exc:
            raise self.erreur(f"expression régulière invalide ({exc})", noeuds["motif"][1], f"{cle}.motif") from None

    def format_date(self, noeuds: _Noeuds, cle: str) -> str:
        valeur = self.texte(noeuds, "format", cle, "AAAAMMJJ")
        if valeur not in FORMATS_DATE:
            raise self.erreur(f"format de date inconnu « {valeur} » (formats : {', '.join(FORMATS_DATE)})",
                              noeuds["format"][1], f"{cle}.format")
        return valeur

    def calcul(self, noeuds: _Noeuds, cle: str, role: str) -> Calcul | None:
        if "calcul" not in noeuds:
            return None
        noeud = noeuds["calcul"][1]
        if role == "detail":
            raise self.erreur("seuls les champs d'en-tête et de fin sont calculés", noeud, f"{cle}.calcul")
        if isinstance(noeud, yaml.ScalarNode) and noeud.value == "nombre":
            return Calcul("nombre")
        sous = self.dictionnaire(noeud, f"{cle}.calcul", {"nombre", "somme"}) if isinstance(
            noeud, yaml.MappingNode) else _Noeuds(noeud)
        if len(sous) != 1:
            raise self.erreur("« nombre », « {nombre: <enregistrement>} » ou « {somme: <champ>} » est attendu",
                              noeud, f"{cle}.calcul")
        nature = next(iter(sous))
        return Calcul(nature, self.texte(sous, nature, f"{cle}.calcul"))

    def verifier_calcul(self, champ: Champ, lus: tuple[Enregistrement, ...], noeud: yaml.Node, cle: str) -> None:
        calcul = champ.calcul
        if calcul is None:
            return
        details = [e for e in lus if e.role == "detail"]
        if calcul.nature == "nombre":
            if champ.type != "entier":
                raise self.erreur("un nombre de lignes est de type « entier »", noeud, f"{cle}.type")
            if calcul.cible and not any(cle_de_nom(e.nom) == cle_de_nom(calcul.cible) for e in details):
                raise self.erreur(f"enregistrement de détail inconnu « {calcul.cible} »", noeud, f"{cle}.calcul")
            return
        sommes = [c for e in details for c in e.champs if cle_de_nom(c.nom) == cle_de_nom(calcul.cible)]
        if not sommes:
            raise self.erreur(f"champ de détail inconnu « {calcul.cible} »", noeud, f"{cle}.calcul")
        if any(c.type not in _NUMERIQUES for c in sommes) or champ.type not in _NUMERIQUES:
            raise self.erreur(f"une somme porte sur un champ numérique ({', '.join(_NUMERIQUES)})", noeud,
                              f"{cle}.calcul")


def _noeud_champ(enregistrements: yaml.Node, i: int, j: int) -> yaml.Node:
    """The YAML node of field ``j`` of record ``i`` (already read: the shape is known to be right)."""
    champs = next(v for k, v in enregistrements.value[i].value if k.value == "champs")
    return champs.value[j]
