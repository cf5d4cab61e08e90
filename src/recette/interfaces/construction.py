"""Build a flow file from a scenario: header values, a Gherkin table of detail lines, and a
trailer computed from those lines — or deliberately forced wrong, or left out (truncated file).

Values are written as a tester writes them (« 1 234,56 », « -0,4 », « mars 2026 », codes with
their leading zeros) and converted to the layout's format. Deliberately bad input stays possible:

- a value between backquotes (`` `12,345` ``) is written as is, unchecked;
- a column « ligne brute » replaces the whole line (extra or missing fields, unknown record).

The trailer is computed as the target must compute it (:mod:`recette.interfaces.calculs`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from recette.interfaces.calculs import calculer
from recette.interfaces.description import Champ, DescriptionInterface, Enregistrement, cle_de_nom
from recette.interfaces.erreurs import ErreurTableauFlux
from recette.interfaces.valeurs import ValeurInvalide, depuis_saisie, formater

COLONNE_BRUTE = "ligne brute"
COLONNE_ENREGISTREMENT = "enregistrement"
_BRUT = "`"


@dataclass(frozen=True)
class FichierFlux:
    """A built flow: its lines (without line endings), in the order of the file."""

    description: DescriptionInterface
    lignes: tuple[str, ...]
    nom: str = "flux.txt"

    def texte(self) -> str:
        fin = self.description.fin_de_ligne
        return fin.join(self.lignes) + fin if self.lignes else ""

    def en_octets(self, encodage: str | None = None) -> bytes:
        """The file's bytes in the layout's encoding, or deliberately in ``encodage``."""
        choisi = encodage or self.description.encodage
        try:
            return self.texte().encode(choisi)
        except UnicodeEncodeError as exc:
            ligne = self.texte().count("\n", 0, exc.start) + 1
            raise ErreurTableauFlux(f"« {exc.object[exc.start:exc.end]} » ne s'écrit pas en {choisi} "
                                    f"(ligne {ligne} du fichier)") from None

    def ecrire(self, chemin: str | Path, encodage: str | None = None) -> Path:
        chemin = Path(chemin)
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_bytes(self.en_octets(encodage))
        return chemin

    @property
    def nombre_de_lignes(self) -> int:
        """Detail lines: every line that is neither the header nor the trailer."""
        entete = self.description.entete
        fin = self.description.fin
        premier = 1 if entete and self.lignes and self._marqueur(0) == entete.marqueur else 0
        dernier = 1 if fin and len(self.lignes) > premier and self._marqueur(-1) == fin.marqueur else 0
        return len(self.lignes) - premier - dernier

    def _marqueur(self, indice: int) -> str:
        return self.lignes[indice].split(self.description.separateur, 1)[0]


def lignes_du_tableau(tableau: Sequence[Sequence[str]]) -> list[dict[str, str]]:
    """A Gherkin data table (first row: the column names) → one dict per data row."""
    if not tableau:
        raise ErreurTableauFlux("tableau vide : la première ligne nomme les colonnes")
    noms = [str(n).strip() for n in tableau[0]]
    for numero, rangee in enumerate(tableau[1:], start=1):
        if len(rangee) != len(noms):
            raise ErreurTableauFlux(f"{len(rangee)} cellules pour {len(noms)} colonnes", numero)
    return [dict(zip(noms, (str(v) for v in rangee), strict=True)) for rangee in tableau[1:]]


def construire_flux(description: DescriptionInterface, entete: Mapping[str, str],
                    lignes: Sequence[Mapping[str, str]], *, fin: Mapping[str, str] | None = None,
                    avec_entete: bool = True, avec_fin: bool = True, nom: str = "flux.txt") -> FichierFlux:
    """The flow file of ``lignes`` (one mapping per table row: column label → value as written),
    with the header of ``entete`` (computed fields computed unless given) and the trailer computed
    unless forced in ``fin``; ``avec_fin=False`` leaves the trailer out (a truncated file)."""
    constructeur = _Details(description)
    details = tuple(constructeur.ligne(ligne, i) for i, ligne in enumerate(lignes, start=1))
    resultat = []
    if avec_entete and description.entete is not None:
        resultat.append(_ligne_calculee(description, description.entete, entete, details))
    resultat.extend(details)
    if avec_fin and description.fin is not None:
        resultat.append(_ligne_calculee(description, description.fin, fin or {}, details))
    return FichierFlux(description, tuple(resultat), nom)


# --- Detail lines ------------------------------------------------------------------------------------
_CLE_BRUTE = cle_de_nom(COLONNE_BRUTE)
_CLE_ENREGISTREMENT = cle_de_nom(COLONNE_ENREGISTREMENT)
_NUMERIQUES = ("montant", "decimal", "entier")
_MEMOIRE = 50_000  # repeated values (codes, mostly) converted once; a bound, for tables of unique texts


class _Details:
    """The detail lines of one table: the columns are checked once per set of columns, and a
    repeated code or text is converted once (a large table repeats its codes on every row)."""

    def __init__(self, description: DescriptionInterface) -> None:
        self.description = description
        self.connues = frozenset(cle_de_nom(c.nom) for e in description.details for c in e.champs)
        self.plans: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.deja: dict[tuple[int, str], str] = {}
        self.seul = description.details[0] if len(description.details) == 1 else None
        self.cles_des_champs = {e.marqueur: tuple((cle_de_nom(c.nom), c) for c in e.champs)
                                for e in description.details}

    def ligne(self, ligne: Mapping[str, str], numero: int) -> str:
        colonnes = tuple(ligne)
        cles = self.plans.get(colonnes) or self.planifier(colonnes, numero)
        valeurs = dict(zip(cles, ligne.values(), strict=True))
        brute = valeurs.pop(_CLE_BRUTE, "")
        if brute.strip():
            return _brut(brute, numero, COLONNE_BRUTE) if brute.strip().startswith(_BRUT) else brute.strip()
        choix = valeurs.pop(_CLE_ENREGISTREMENT, "")
        enregistrement = self.seul if self.seul is not None and not choix.strip() else (
            _enregistrement_de_detail(self.description, choix, numero))
        if self.seul is None:
            _refuser_champs_etrangers(enregistrement, ligne, numero)
        champs = [self.valeur(champ, valeurs.get(cle), numero) for cle, champ in self.cles_des_champs[enregistrement.marqueur]]
        return self.description.separateur.join((enregistrement.marqueur, *champs))

    def planifier(self, colonnes: tuple[str, ...], numero: int) -> tuple[str, ...]:
        cles = tuple(cle_de_nom(c) for c in colonnes)
        for colonne, cle in zip(colonnes, cles, strict=True):
            if cle not in self.connues and cle not in (_CLE_BRUTE, _CLE_ENREGISTREMENT):
                noms = ", ".join(dict.fromkeys(c.nom for e in self.description.details for c in e.champs))
                raise ErreurTableauFlux(f"colonne inconnue (champs du détail : {noms})", numero, colonne)
        self.plans[colonnes] = cles
        return cles

    def valeur(self, champ: Champ, texte: str | None, numero: int) -> str:
        if texte is None or champ.type in _NUMERIQUES:
            return _valeur(self.description, champ, texte, numero)
        cle = (id(champ), texte)
        ecrit = self.deja.get(cle)
        if ecrit is None:
            ecrit = _valeur(self.description, champ, texte, numero)
            if len(self.deja) < _MEMOIRE:
                self.deja[cle] = ecrit
        return ecrit


def _enregistrement_de_detail(description: DescriptionInterface, choix: str, numero: int) -> Enregistrement:
    details = description.details
    if not choix.strip():
        if len(details) > 1:
            noms = ", ".join(e.nom for e in details)
            raise ErreurTableauFlux(f"colonne « {COLONNE_ENREGISTREMENT} » attendue ({noms})", numero)
        return details[0]
    for enregistrement in details:
        if cle_de_nom(choix) == cle_de_nom(enregistrement.nom) or choix.strip() == enregistrement.marqueur:
            return enregistrement
    raise ErreurTableauFlux(f"enregistrement de détail inconnu « {choix} » ({', '.join(e.nom for e in details)})",
                            numero, COLONNE_ENREGISTREMENT)


def _refuser_champs_etrangers(enregistrement: Enregistrement, ligne: Mapping[str, str], numero: int) -> None:
    """With several detail records, a row fills only the columns of its own record."""
    for colonne, valeur in ligne.items():
        cle = cle_de_nom(colonne)
        if cle not in (_CLE_BRUTE, _CLE_ENREGISTREMENT) and enregistrement.position(colonne) is None and valeur.strip():
            raise ErreurTableauFlux(f"pas de champ « {colonne} » dans l'enregistrement « {enregistrement.nom} »",
                                    numero, colonne)


def _valeur(description: DescriptionInterface, champ: Champ, texte: str | None, numero: int | None,
           enregistrement: str = "") -> str:
    """``numero``: the table's row; ``enregistrement``: the header or trailer whose values are given."""
    if texte is None:
        if champ.obligatoire:
            raise ErreurTableauFlux("valeur obligatoire absente", numero, champ.nom, enregistrement)
        return ""
    if texte.strip().startswith(_BRUT):
        return _brut(texte, numero, champ.nom, enregistrement)
    try:
        return depuis_saisie(champ, texte, description)
    except ValeurInvalide as exc:
        raise ErreurTableauFlux(f"{exc} ; pour écrire une valeur mal formée exprès : `{texte.strip()}`",
                                numero, champ.nom, enregistrement) from None


def _brut(texte: str, numero: int | None, colonne: str, enregistrement: str = "") -> str:
    """`` `valeur` `` → ``valeur``, written as is (deliberately malformed input)."""
    propre = texte.strip()
    if len(propre) < 2 or not propre.endswith(_BRUT):
        raise ErreurTableauFlux(f"valeur brute non fermée « {propre} » : écrire `valeur`", numero, colonne,
                                enregistrement)
    return propre[1:-1]


# --- Header and trailer --------------------------------------------------------------------------------
def _ligne_calculee(description: DescriptionInterface, enregistrement: Enregistrement, donnees: Mapping[str, str],
                    details: tuple[str, ...]) -> str:
    valeurs = {cle_de_nom(k): v for k, v in donnees.items()}
    for colonne in donnees:
        if enregistrement.position(colonne) is None:
            noms = ", ".join(c.nom for c in enregistrement.champs)
            raise ErreurTableauFlux(f"champ inconnu (champs : {noms})", None, colonne, enregistrement.nom)
    champs = []
    for champ in enregistrement.champs:
        donne = valeurs.get(cle_de_nom(champ.nom))
        if donne is None and champ.calcul is not None:
            decoupees = [ligne.split(description.separateur) for ligne in details]
            champs.append(formater(champ, calculer(description, champ, decoupees), description))
        else:
            champs.append(_valeur(description, champ, donne, None, enregistrement.nom))
    return description.separateur.join((enregistrement.marqueur, *champs))
