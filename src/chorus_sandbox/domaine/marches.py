"""Marchés publics and accords-cadres (domain doc §12): creation, bons de commande, suivi.

A marché (or accord-cadre) is passed for one centre financier, with a titulaire, a start and an
end date and, when it has one, a montant maximum. Its bons de commande are EJs created with its
number (``operations.engager(..., marche=...)``), where the rules of ``regles.py`` apply: only
between its dates, only on its UO and to its titulaire, never beyond its maximum (Σ EJ ≤ maximum,
tolerance ``regles.TOLERANCE_MAXIMUM_MARCHE``; catalogued defect ``accord-cadre-maximum-ignore``).
An augmentation of a bon de commande is checked against the maximum too, a reduction makes room.

Creating a marché is the matrix operation ``engager`` on its centre financier (RUO, gestionnaire):
the service exécutant that places the orders records the contract it places them under.

Suivi (screens, API, restitution ``SUIVI-MARCHES``, Webi document 17003): engagé = Σ of its
bons de commande, payé = Σ paid on them (every year: amounts since the marché began), reste sur
le maximum = maximum − engagé, taux de consommation = engagé / maximum, in % with two decimals
rounded half up (``42,50 %``); no maximum: no reste, no taux.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import regles
from chorus_sandbox.domaine.codes import programme_du_code, verifier_code
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide
from chorus_sandbox.domaine.habilitations import codes_de, protegee
from chorus_sandbox.domaine.montants import ESPACE_INSECABLE, Centimes, format_montant
from chorus_sandbox.domaine.operations import journaliser, obtenir
from chorus_sandbox.domaine.regles import Contexte

#: The number of a marché: year of its start, programme, rank (``2026-0150-00001``).
FORMAT_NUMERO = re.compile(r"\d{4}-\d{4}-\d{5}", re.ASCII)
_DATE_FR = re.compile(r"(\d{2})/(\d{2})/(\d{4})", re.ASCII)
_DATE_ISO = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
LONGUEUR_OBJET = 200


# --- Reading what a user typed -------------------------------------------------------------------
def lire_nature(texte: str) -> str:
    """``marche`` or ``accord-cadre`` (also written « Marché », « accord cadre », « Accord-cadre »)."""
    valeur = texte.strip().lower().replace("é", "e").replace(" ", "-")
    if valeur not in m.NATURES_MARCHE:
        raise DonneeInvalide(f"Nature du marché inconnue : « {texte.strip()} » (marche ou accord-cadre)")
    return valeur


def lire_date(texte: str, champ: str) -> dt.date:
    """A date typed ``31/12/2026`` (screens) or ``2026-12-31`` (API)."""
    valeur = texte.strip()
    try:
        if trouve := _DATE_FR.fullmatch(valeur):
            return dt.date(int(trouve[3]), int(trouve[2]), int(trouve[1]))
        if _DATE_ISO.fullmatch(valeur):
            return dt.date.fromisoformat(valeur)
    except ValueError:
        pass
    raise DonneeInvalide(f"{champ} : « {valeur} » n'est pas une date (ex. 31/12/2026 ou 2026-12-31)")


# --- Creation ------------------------------------------------------------------------------------------
@protegee("engager", codes_de("uo"))
def creer_marche(depot: Depot, ctx: Contexte, nature: str, objet: str, titulaire: str, uo: str,
                 date_debut: dt.date, date_fin: dt.date, montant_maximum: Centimes | None = None) -> m.Marche:
    """Record a marché or an accord-cadre; its number is ``<year of its start>-<programme>-<rank>``."""
    nature = lire_nature(nature)
    obtenir(depot, m.UniteOperationnelle, uo, "UO")
    verifier_code("fournisseur", titulaire)
    obtenir(depot, m.Fournisseur, titulaire, "Fournisseur")
    objet = _objet(objet)
    if date_fin < date_debut:
        raise DonneeInvalide(f"La date de fin ({date_fin:%d/%m/%Y}) précède la date de début "
                             f"({date_debut:%d/%m/%Y})")
    if montant_maximum is not None:
        regles.montant_positif(montant_maximum, "Le montant maximum")
    programme = programme_du_code(uo)
    rang = depot.prochain_numero(f"marche-{date_debut.year}-{programme}", 0)
    marche = m.Marche(f"{date_debut.year}-{programme}-{rang:05d}", nature, objet, titulaire, uo, date_debut,
                      date_fin, montant_maximum)
    depot.ajouter(marche)
    plafond = f", maximum {format_montant(montant_maximum)}" if montant_maximum is not None else ", sans maximum"
    journaliser(depot, ctx, "Marché", uo, f"{marche.libelle_nature} {marche.numero} : titulaire {titulaire}{plafond}")
    return marche


def _objet(objet: str) -> str:
    texte = objet.strip()
    if not texte:
        raise DonneeInvalide("L'objet du marché est obligatoire")
    if len(texte) > LONGUEUR_OBJET:
        raise DonneeInvalide(f"L'objet du marché dépasse {LONGUEUR_OBJET} caractères")
    return texte


def rattacher_engagement_anterieur(depot: Depot, ej: m.EngagementJuridique, numero: str) -> None:
    """An EJ of an earlier exercice loaded as it stands (datasets): a bon de commande of ``numero``.
    The rules applied when it was created (N−1), not now: only its place and titulaire are checked."""
    marche = obtenir(depot, m.Marche, numero, "Marché")
    regles.controler_rattachement_marche(marche, ej.uo, ej.fournisseur)
    ej.marche = marche.numero
    marche.montant_engage += ej.montant


# --- Suivi ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Suivi:
    """The suivi of one marché: its bons de commande and what they consumed of its maximum."""

    marche: m.Marche
    titulaire: str  # raison sociale
    bons_de_commande: tuple[m.EngagementJuridique, ...]

    @property
    def engage(self) -> Centimes:
        return self.marche.montant_engage

    @property
    def paye(self) -> Centimes:
        return sum(ej.montant_paye for ej in self.bons_de_commande)

    @property
    def reste(self) -> Centimes | None:
        return self.marche.reste

    @property
    def taux(self) -> Decimal | None:
        """Taux de consommation in %, two decimals half up (None: no maximum)."""
        maximum = self.marche.montant_maximum
        if not maximum:
            return None
        return (Decimal(self.engage) * 100 / maximum).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def taux_texte(self) -> str | None:
        return format_taux(self.taux)


def format_taux(taux: Decimal | None) -> str | None:
    """``42,50 %`` (a non-breaking space before %, as amounts before €); None stays None."""
    return None if taux is None else f"{taux:.2f}".replace(".", ",") + f"{ESPACE_INSECABLE}%"


def suivi(depot: Depot, numero: str) -> Suivi:
    """The suivi of marché ``numero`` (404 unknown, 403 outside the reader's périmètre)."""
    marche = obtenir(depot, m.Marche, numero, "Marché")
    return _suivi(marche, _fournisseurs(depot), _bons_de_commande(depot))


def suivis(depot: Depot, exercice: int | None = None) -> list[Suivi]:
    """Every marché of the reader's périmètre by number (``exercice``: those running that year)."""
    fournisseurs, bons = _fournisseurs(depot), _bons_de_commande(depot)
    marches = sorted(depot.lister(m.Marche), key=lambda x: x.numero)
    return [_suivi(x, fournisseurs, bons) for x in marches
            if exercice is None or x.date_debut.year <= exercice <= x.date_fin.year]


def _fournisseurs(depot: Depot) -> dict[str, str]:
    return {f.code: f.raison_sociale for f in depot.lister(m.Fournisseur)}


def _bons_de_commande(depot: Depot) -> dict[str, list[m.EngagementJuridique]]:
    bons: dict[str, list[m.EngagementJuridique]] = {}
    for ej in sorted(depot.lister(m.EngagementJuridique), key=lambda x: x.numero):
        if ej.marche:
            bons.setdefault(ej.marche, []).append(ej)
    return bons


def _suivi(marche: m.Marche, fournisseurs: dict[str, str], bons: dict[str, list[m.EngagementJuridique]]) -> Suivi:
    return Suivi(marche, fournisseurs.get(marche.titulaire, ""), tuple(bons.get(marche.numero, [])))


def etat(marche: m.Marche, jour: dt.date) -> str:
    """« À venir », « En cours » or « Échu » on ``jour``."""
    if jour < marche.date_debut:
        return "À venir"
    return "Échu" if jour > marche.date_fin else "En cours"
