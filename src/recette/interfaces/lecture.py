"""Read a flow file strictly against its layout: each error names the file, the line (1-based,
as in an editor) and the field.

:func:`lire_flux` stops at the first error and returns the typed lines; :func:`valider_flux`
goes through the whole file and returns every error (at most one per line, plus the checks of
the whole: header, trailer, computed fields). Both accept LF and CRLF line endings and ignore a
UTF-8 byte order mark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from recette.interfaces.calculs import calculer
from recette.interfaces.description import DescriptionInterface, Enregistrement
from recette.interfaces.erreurs import ErreurFlux
from recette.interfaces.valeurs import Lecteur, Valeur, ValeurInvalide, formater, lecteur

CHAMP_TYPE = "type d'enregistrement"
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class LigneFlux:
    """One record read: its line number, its record type and its typed values (field order)."""

    numero: int
    enregistrement: Enregistrement
    valeurs: tuple[Valeur, ...]

    def __getitem__(self, champ: str) -> Valeur:
        position = self.enregistrement.position(champ)
        if position is None:
            raise KeyError(f"pas de champ « {champ} » dans l'enregistrement « {self.enregistrement.nom} »")
        return self.valeurs[position]

    def en_dict(self) -> dict[str, Valeur]:
        return {c.nom: v for c, v in zip(self.enregistrement.champs, self.valeurs, strict=True)}


@dataclass(frozen=True)
class FluxLu:
    """A flow file read against its layout."""

    description: DescriptionInterface
    fichier: str
    entete: LigneFlux | None
    details: tuple[LigneFlux, ...]
    fin: LigneFlux | None

    @property
    def nombre_de_lignes(self) -> int:
        return len(self.details)

    def total(self, champ: str) -> Decimal | int:
        """Sum of detail field ``champ`` over the lines that have it (empty values count for 0)."""
        total: Decimal | int = 0
        for ligne in self.details:
            position = ligne.enregistrement.position(champ)
            valeur = ligne.valeurs[position] if position is not None else None
            if isinstance(valeur, int | Decimal):
                total += valeur
        return total


def lire_flux(source: str | Path | bytes, description: DescriptionInterface, *, nom: str = "") -> FluxLu:
    """The flow of ``source`` (a path, or the file's bytes named ``nom``), read strictly;
    raises :class:`ErreurFlux` at the first error."""
    lecture = _Lecture(description, _nom(source, nom), arreter=True)
    return lecture.lire(_octets(source, lecture.fichier))


def valider_flux(source: str | Path | bytes, description: DescriptionInterface, *, nom: str = "") -> tuple[ErreurFlux, ...]:
    """Every error of the flow of ``source`` (empty: the file matches its layout)."""
    lecture = _Lecture(description, _nom(source, nom), arreter=False)
    try:
        lecture.lire(_octets(source, lecture.fichier))
    except ErreurFlux as exc:  # an error after which nothing can be read (encoding, empty file)
        lecture.erreurs.append(exc)
    return tuple(lecture.erreurs)


def _nom(source: str | Path | bytes, nom: str) -> str:
    return nom or ("" if isinstance(source, bytes) else str(source))


def _octets(source: str | Path | bytes, fichier: str) -> bytes:
    if isinstance(source, bytes):
        return source
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise ErreurFlux(f"fichier illisible ({exc.strerror or exc})", fichier) from None


class _Lecture:
    """One reading: the layout's per-field readers, the errors met, the records kept."""

    def __init__(self, description: DescriptionInterface, fichier: str, arreter: bool) -> None:
        self.description, self.fichier, self.arreter = description, fichier, arreter
        self.erreurs: list[ErreurFlux] = []
        self.par_marqueur = description.par_marqueur()
        self.lecteurs: dict[str, tuple[Lecteur, ...]] = {
            e.marqueur: tuple(lecteur(c, description) for c in e.champs) for e in description.enregistrements}

    def signaler(self, message: str, ligne: int | None = None, champ: str = "") -> None:
        erreur = ErreurFlux(message, self.fichier, ligne, champ)
        if self.arreter:
            raise erreur
        self.erreurs.append(erreur)

    def lire(self, octets: bytes) -> FluxLu:
        separateur = self.description.separateur
        decoupees = [texte.split(separateur) for texte in self.decouper(octets)]
        lues = [self.ligne(numero, champs) for numero, champs in enumerate(decoupees, start=1)]
        entete, details, fin = self.structure(lues, [champs[0] for champs in decoupees])
        flux = FluxLu(self.description, self.fichier, entete, tuple(details), fin)
        for ligne in (entete, fin):
            if ligne is not None:
                self.verifier_calculs(ligne, decoupees)
        return flux

    def decouper(self, octets: bytes) -> list[str]:
        encodage = self.description.encodage
        if encodage.startswith("utf") and octets.startswith(_BOM):
            octets = octets[len(_BOM):]
        try:
            texte = octets.decode(encodage)
        except UnicodeDecodeError as exc:
            ligne = octets.count(b"\n", 0, exc.start) + 1
            raise ErreurFlux(f"encodage invalide : octet 0x{octets[exc.start]:02X} illisible en {encodage}",
                             self.fichier, ligne) from None
        if not texte.strip():
            raise ErreurFlux("fichier vide : aucun enregistrement", self.fichier)
        lignes = texte.split("\n")
        if lignes[-1] == "":
            lignes.pop()
        return [ligne.removesuffix("\r") for ligne in lignes]

    def ligne(self, numero: int, champs: list[str]) -> LigneFlux | None:
        enregistrement = self.par_marqueur.get(champs[0])
        if enregistrement is None:
            self.signaler(f"type d'enregistrement « {champs[0]} » inconnu (types : {self.description.marqueurs()})",
                          numero, CHAMP_TYPE)
            return None
        if len(champs) != enregistrement.nombre_de_champs:
            self.signaler(f"{len(champs)} champs au lieu de {enregistrement.nombre_de_champs} "
                          f"(enregistrement « {enregistrement.nom} », type compris)", numero)
            return None
        valeurs = self.valeurs(numero, enregistrement, champs)
        return None if valeurs is None else LigneFlux(numero, enregistrement, valeurs)

    def valeurs(self, numero: int, enregistrement: Enregistrement, champs: list[str]) -> tuple[Valeur, ...] | None:
        lecteurs = self.lecteurs[enregistrement.marqueur]
        try:
            return tuple([lire(texte) for lire, texte in zip(lecteurs, champs[1:], strict=True)])
        except ValeurInvalide as exc:
            position = next(i for i, (lire, texte) in enumerate(zip(lecteurs, champs[1:], strict=True))
                            if _echoue(lire, texte))
            self.signaler(str(exc), numero, enregistrement.champs[position].nom)
            return None

    # --- The whole: header first, trailer last, computed fields -------------------------------------
    def structure(self, lues: list[LigneFlux | None],
                  marqueurs: list[str]) -> tuple[LigneFlux | None, list[LigneFlux], LigneFlux | None]:
        entete_attendu, fin_attendue = self.description.entete, self.description.fin
        if entete_attendu is not None and marqueurs[0] != entete_attendu.marqueur:
            self.signaler(f"en-tête absent : la ligne 1 est un enregistrement « {marqueurs[0]} », l'en-tête "
                          f"« {entete_attendu.marqueur} » est attendu", 1, CHAMP_TYPE)
        if fin_attendue is not None and (marqueurs[-1] != fin_attendue.marqueur or len(marqueurs) == 1):
            self.signaler(f"fichier tronqué : l'enregistrement de fin « {fin_attendue.marqueur} » est absent "
                          f"(dernière ligne lue : {len(marqueurs)})", len(marqueurs))
        self.verifier_places(marqueurs)
        entete = lues[0] if entete_attendu is not None and lues[0] and lues[0].enregistrement is entete_attendu else None
        fin = lues[-1] if fin_attendue is not None and lues[-1] and lues[-1].enregistrement is fin_attendue else None
        details = [ligne for ligne in lues if ligne is not None and ligne.enregistrement.role == "detail"]
        return entete, details, fin

    def verifier_places(self, marqueurs: list[str]) -> None:
        for role, place, raison in (("entete", 0, "l'en-tête n'est qu'en ligne 1"),
                                    ("fin", len(marqueurs) - 1, "la fin n'est qu'en dernière ligne")):
            attendu = self.description.entete if role == "entete" else self.description.fin
            if attendu is None:
                continue
            for numero, marqueur in enumerate(marqueurs, start=1):
                if marqueur == attendu.marqueur and numero - 1 != place:
                    self.signaler(f"enregistrement « {marqueur} » mal placé ({raison})", numero, CHAMP_TYPE)

    def verifier_calculs(self, ligne: LigneFlux, decoupees: list[list[str]]) -> None:
        entete, derniere = self.description.entete, self.description.fin
        debut = 1 if entete is not None and decoupees[0][0] == entete.marqueur else 0
        fin = len(decoupees) - (1 if derniere is not None and len(decoupees) > debut
                                and decoupees[-1][0] == derniere.marqueur else 0)
        details = decoupees[debut:fin]
        for champ, annonce in zip(ligne.enregistrement.champs, ligne.valeurs, strict=True):
            if champ.calcul is None or not isinstance(annonce, int | Decimal):
                continue
            calcule = calculer(self.description, champ, details)
            if annonce != calcule:
                self.signaler(f"{formater(champ, annonce, self.description)} annoncé, "
                              f"{formater(champ, calcule, self.description)} calculé sur les lignes de détail",
                              ligne.numero, champ.nom)


def _echoue(lire: Callable[[str], Valeur], texte: str) -> bool:
    try:
        lire(texte)
    except ValeurInvalide:
        return True
    return False
