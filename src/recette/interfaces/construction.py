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
    return [dict(zip(noms, (str(v) for v in rangee), strict=True)) for rangee in tableau[1:]]


def construire_flux(description: DescriptionInterface, entete: Mapping[str, str],
                    lignes: Sequence[Mapping[str, str]], *, fin: Mapping[str, str] | None = None,
                    avec_entete: bool = True, avec_fin: bool = True, nom: str = "flux.txt") -> FichierFlux:
    """The flow file of ``lignes`` (one mapping per table row: column label → value as written),
    with the header of ``entete`` (computed fields computed unless given) and the trailer computed
    unless forced in ``fin``; ``avec_fin=False`` leaves the trailer out (a truncated file)."""
    connues = frozenset(cle_de_nom(c.nom) for e in description.details for c in e.champs)
    details = tuple(_ligne_de_detail(description, ligne, i, connues) for i, ligne in enumerate(lignes, start=1))
    resultat = []
    if avec_entete and description.entete is not None:
        resultat.append(_ligne_calculee(description, description.entete, entete, details))
    resultat.extend(details)
    if avec_fin and description.fin is not None:
        resultat.append(_ligne_calculee(description, description.fin, fin or {}, details))
    return FichierFlux(description, tuple(resultat), nom)


# --- Detail lines ------------------------------------------------------------------------------------
def _ligne_de_detail(description: DescriptionInterface, ligne: Mapping[str, str], numero: int,
                     connues: frozenset[str]) -> str:
    valeurs = {cle_de_nom(k): v for k, v in ligne.items()}
    brute = valeurs.pop(cle_de_nom(COLONNE_BRUTE), "")
    choix = valeurs.pop(cle_de_nom(COLONNE_ENREGISTREMENT), "")
    if brute.strip():
        return _brut(brute) if brute.strip().startswith(_BRUT) else brute.strip()
    enregistrement = _enregistrement_de_detail(description, choix, numero)
    _refuser_colonnes_inconnues(connues, valeurs, enregistrement, ligne, numero)
    champs = [_valeur(description, champ, valeurs.get(cle_de_nom(champ.nom)), numero) for champ in enregistrement.champs]
    return description.separateur.join((enregistrement.marqueur, *champs))


def _enregistrement_de_detail(description: DescriptionInterface, choix: str, numero: int) -> Enregistrement:
    details = description.details
    if not choix.strip():
        if len(details) > 1:
            noms = ", ".join(e.nom for e in details)
            raise ErreurTableauFlux(f"colonne « {COLONNE_ENREGISTREMENT} » attendue ({noms})", numero)
        return details[0]
    for enregistrement in details:
        if cle_de_nom(choix) in (cle_de_nom(enregistrement.nom), enregistrement.marqueur):
            return enregistrement
    raise ErreurTableauFlux(f"enregistrement de détail inconnu « {choix} » ({', '.join(e.nom for e in details)})",
                            numero, COLONNE_ENREGISTREMENT)


def _refuser_colonnes_inconnues(connues: frozenset[str], valeurs: Mapping[str, str],
                                enregistrement: Enregistrement, ligne: Mapping[str, str], numero: int) -> None:
    for colonne in ligne:
        cle = cle_de_nom(colonne)
        if cle in (cle_de_nom(COLONNE_BRUTE), cle_de_nom(COLONNE_ENREGISTREMENT)):
            continue
        if cle not in connues:
            noms = ", ".join(c.nom for c in enregistrement.champs)
            raise ErreurTableauFlux(f"colonne inconnue (champs de « {enregistrement.nom} » : {noms})", numero, colonne)
        if enregistrement.position(colonne) is None and valeurs[cle].strip():
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
        return _brut(texte)
    try:
        return depuis_saisie(champ, texte, description)
    except ValeurInvalide as exc:
        raise ErreurTableauFlux(f"{exc} ; pour écrire une valeur mal formée exprès : `{texte.strip()}`",
                                numero, champ.nom, enregistrement) from None


def _brut(texte: str) -> str:
    """`` `valeur` `` → ``valeur``, written as is (deliberately malformed input)."""
    propre = texte.strip()
    if len(propre) < 2 or not propre.endswith(_BRUT):
        raise ErreurTableauFlux(f"valeur brute non fermée « {propre} » : écrire `valeur`")
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
