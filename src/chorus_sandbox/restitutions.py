"""Infocentre restitutions of the sandbox, written in the real Chorus export formats.

Three restitutions are computed from a :class:`~chorus_sandbox.domaine.depot.Depot` for one
exercice (pure functions returning rows), then written as CSV or XLSX with the quirks of the real
infocentre (domain doc §8), so that the framework's readers meet them in recette:

- a preamble of 2 to 8 lines before the header (title, date of the data, display, exercice);
- code + label column pairs sharing one header (``Centre financier`` twice);
- ``;`` separator, decimal comma, thousands separated by a narrow NBSP (INF-BUD-53), a NBSP
  (situation) or a plain space (Data.Subvention), amounts with a separator quoted;
- dates ``dd.mm.yyyy``, ``#`` for "not assigned", ``Résultat`` / ``Résultat global`` subtotals;
- cp1252 (the infocentre's default) or UTF-8 with a BOM, CRLF line ends.

Amounts are integer cents in the rows, text or numbers only in the writers.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ObjetInconnu
from chorus_sandbox.domaine.montants import ESPACE_INSECABLE, Centimes, format_montant, vers_euros

TEXTE, MONTANT, DATE = "texte", "montant", "date"
NON_AFFECTE = "#"
SOUS_TOTAL, TOTAL_GENERAL = "Résultat", "Résultat global"
ESPACE_FINE = "\u202f"
#: The time printed in "Dernière MàJ des données": fixed, so that two downloads are identical.
HEURE_MISE_A_JOUR = dt.time(5, 32, 9)

Cellule = str | int | dt.date | None  # None is written "#"; "" is an empty cell (subtotal rows)
Ligne = tuple[Cellule, ...]


@dataclass(frozen=True)
class Colonne:
    entete: str
    nature: str = TEXTE


@dataclass(frozen=True)
class Restitution:
    """What a restitution is: its columns, how its rows are computed, how its CSV looks."""

    code: str
    libelle: str
    description: str
    colonnes: tuple[Colonne, ...]
    lignes: Callable[[Depot, int], list[Ligne]]
    milliers: str  # thousands separator of its CSV
    mesure: str  # measure named on the preamble's "Exercice comptable" line
    notes: tuple[tuple[str, ...], ...] = ()  # preamble lines between the date and the exercice

    @property
    def titre(self) -> str:
        return f"{self.code} : {self.libelle}"


@dataclass(frozen=True)
class Tableau:
    """A restitution computed for one exercice: rows ready to be written."""

    restitution: Restitution
    exercice: int
    mise_a_jour: dt.datetime
    lignes: tuple[Ligne, ...]

    @property
    def colonnes(self) -> tuple[Colonne, ...]:
        return self.restitution.colonnes

    def preambule(self) -> list[tuple[str, ...]]:
        """CSV lines above the header: title, date of the data, notes, exercice and measure."""
        r = self.restitution
        date = self.mise_a_jour.strftime("%d.%m.%Y %H:%M:%S")
        return [(r.titre,), ("Dernière MàJ des données :", date), *r.notes,
                ("Exercice comptable", str(self.exercice), r.mesure)]


@dataclass(frozen=True)
class Fichier:
    nom: str
    type_media: str
    contenu: bytes


# --- INF-BUD-53: Pilotage de la gestion - Vue détaillée ----------------------------------------
@dataclass(frozen=True)
class _Execution:
    """What the INF-BUD-53 rows need besides the EJs, read once."""

    uos: dict[str, str]
    fournisseurs: dict[str, str]
    services_faits: dict[tuple[str, int], list[m.ServiceFait]]
    demandes: dict[tuple[str, int], list[m.DemandePaiement]]

    @classmethod
    def lire(cls, depot: Depot, exercice: int) -> _Execution:
        sfs: dict[tuple[str, int], list[m.ServiceFait]] = defaultdict(list)
        for sf in sorted(depot.lister(m.ServiceFait), key=lambda x: x.numero):
            if sf.date.year == exercice:
                sfs[(sf.engagement, sf.poste)].append(sf)
        dps: dict[tuple[str, int], list[m.DemandePaiement]] = defaultdict(list)
        for dp in sorted(depot.lister(m.DemandePaiement), key=lambda x: x.numero):
            if dp.date_base.year == exercice:
                dps[(dp.engagement, dp.poste)].append(dp)
        return cls({u.code: u.libelle for u in depot.lister(m.UniteOperationnelle)},
                   {f.code: f.raison_sociale for f in depot.lister(m.Fournisseur)}, sfs, dps)


def lignes_inf_bud_53(depot: Depot, exercice: int) -> list[Ligne]:
    """One row per EJ poste living in ``exercice`` (per SF / DP when it has several), grouped by
    centre financier with a ``Résultat`` row after each group and a final ``Résultat global``."""
    execution = _Execution.lire(depot, exercice)
    engagements = sorted((ej for ej in depot.lister(m.EngagementJuridique)
                          if any(mv.exercice == exercice for mv in ej.mouvements)),
                         key=lambda ej: (ej.uo, ej.numero))
    detail = [ligne for ej in engagements for poste in sorted(ej.postes, key=lambda p: p.numero)
              for ligne in _lignes_poste(ej, poste, execution, exercice)]
    return avec_sous_totaux(detail, COLONNES_INF_BUD_53)


def _lignes_poste(ej: m.EngagementJuridique, poste: m.PosteEj, execution: _Execution,
                  exercice: int) -> list[Ligne]:
    """The poste's rows: the i-th row carries its i-th SF and i-th DP (model: SF and DP are not
    linked in the sandbox); the poste's own amounts are on its first row only, so sums are right."""
    sfs = execution.services_faits.get((ej.numero, poste.numero), [])
    dps = execution.demandes.get((ej.numero, poste.numero), [])
    tete = (ej.uo, execution.uos.get(ej.uo), ej.numero, str(poste.numero), ej.fournisseur,
            execution.fournisseurs.get(ej.fournisseur))
    bascule = "X" if any(mv.type_mouvement == "350" and mv.exercice == exercice for mv in ej.mouvements) else None
    lignes: list[Ligne] = []
    for rang in range(max(1, len(sfs), len(dps))):
        sf = sfs[rang] if rang < len(sfs) else None
        dp = dps[rang] if rang < len(dps) else None
        propres = _montants_poste(ej, poste, exercice) if rang == 0 else (0, 0)
        lignes.append((*tete, *_colonnes_sf(sf), *_colonnes_dp(dp), bascule, poste.domaine_fonctionnel,
                       poste.activite, propres[0], sf.montant if sf else 0, propres[1], *_montants_dp(dp, exercice)))
    return lignes


def _montants_poste(ej: m.EngagementJuridique, poste: m.PosteEj, exercice: int) -> tuple[Centimes, Centimes]:
    """Montant engagé (movements of the exercice, bascule 350 included) and certifié non soldé
    (model: service certified and not paid yet, whatever its year)."""
    engage = sum(mv.montant for mv in ej.mouvements if mv.poste == poste.numero and mv.exercice == exercice)
    return engage, poste.montant_receptionne - poste.montant_paye


def _colonnes_sf(sf: m.ServiceFait | None) -> tuple[Cellule, Cellule]:
    return (sf.date, sf.numero) if sf else (None, None)


def _colonnes_dp(dp: m.DemandePaiement | None) -> tuple[Cellule, Cellule]:
    return (dp.numero, dp.date_base) if dp else (None, None)


def _montants_dp(dp: m.DemandePaiement | None, exercice: int) -> tuple[Centimes, Centimes, Centimes]:
    """Pré-enregistré (DP not paid in the exercice), facturé (the DP), payé (in the exercice)."""
    if dp is None:
        return 0, 0, 0
    paye = dp.montant if dp.statut == "Payée" and dp.exercice_paiement == exercice else 0
    return dp.montant - paye, dp.montant, paye


def avec_sous_totaux(lignes: Sequence[Ligne], colonnes: Sequence[Colonne]) -> list[Ligne]:
    """``lignes`` (sorted by their first column) with a ``Résultat`` row after each group of equal
    first column and a ``Résultat global`` row at the end (amounts summed, text cells empty)."""
    resultat: list[Ligne] = []
    for _cle, groupe in groupby(lignes, key=lambda ligne: ligne[0]):
        membres = list(groupe)
        resultat += [*membres, _total(SOUS_TOTAL, membres, colonnes)]
    return [*resultat, _total(TOTAL_GENERAL, lignes, colonnes)]


def _total(libelle: str, lignes: Sequence[Ligne], colonnes: Sequence[Colonne]) -> Ligne:
    cellules: list[Cellule] = [_somme(lignes, i) if c.nature == MONTANT else "" for i, c in enumerate(colonnes)]
    cellules[0] = libelle
    return tuple(cellules)


def _somme(lignes: Sequence[Ligne], position: int) -> Centimes:
    return sum(v for ligne in lignes if isinstance(v := ligne[position], int))


# --- Situation budgétaire by programme / BOP / UO -------------------------------------------------
LIBELLES_NIVEAUX = {"programme": "Programme", "bop": "BOP", "uo": "UO"}
CHAMPS_SITUATION = ("ae_ouverts", "ae_reserves", "ae_mis_a_disposition", "ae_affectes", "ae_engages",
                    "ae_disponibles", "cp_ouverts", "cp_reserves", "cp_mis_a_disposition", "cp_consommes",
                    "cp_disponibles")


def lignes_situation(depot: Depot, exercice: int) -> list[Ligne]:
    """One row per level × titre with credits, the figures of :func:`operations.situation` (the
    situation screen's), programme first, then each BOP followed by its UOs."""
    niveaux = sorted({(env.niveau, env.code) for niveau in LIBELLES_NIVEAUX
                      for env in depot.enveloppes(exercice, niveau)}, key=lambda nc: _hierarchie(*nc))
    return [ligne for niveau, code in niveaux
            for ligne in _lignes_niveau(op.situation(depot, exercice, niveau, code))]


def _hierarchie(niveau: str, code: str) -> tuple[str, str, str]:
    """(programme, BOP, UO) codes of a level, ``""`` below it: sorts a programme before its BOPs."""
    if niveau == "programme":
        return code, "", ""
    if niveau == "bop":
        return code[:4], code, ""
    return code[5:9], code[5:14], code


def _lignes_niveau(situation: m.Situation) -> list[Ligne]:
    programme, bop, uo = _hierarchie(situation.niveau, situation.code)
    codes = (LIBELLES_NIVEAUX[situation.niveau], programme, bop or None, uo or None)
    return [(*codes, f"T{ligne.titre}", *(getattr(ligne, champ) for champ in CHAMPS_SITUATION))
            for ligne in situation.lignes[:-1] if any(getattr(ligne, c) for c in CHAMPS_SITUATION)]


# --- Data.Subvention: payments to associations ----------------------------------------------------
CATEGORIE_ASSOCIATION = "Association"
BRANCHE_ASSOCIATIONS = ("Z039", "Associations")
SOCIETE = "ADCE"


def lignes_data_subvention(depot: Depot, exercice: int) -> list[Ligne]:
    """The DPs paid in ``exercice`` to associations (domain doc §9), by EJ then DP."""
    associations = {f.code: f for f in depot.lister(m.Fournisseur) if f.categorie == CATEGORIE_ASSOCIATION}
    engagements = {ej.numero: ej for ej in depot.lister(m.EngagementJuridique) if ej.fournisseur in associations}
    payees = [dp for dp in depot.lister(m.DemandePaiement) if dp.engagement in engagements
              and dp.statut == "Payée" and dp.exercice_paiement == exercice]
    payees.sort(key=lambda dp: (dp.engagement, dp.numero))
    return [_ligne_subvention(dp, engagements[dp.engagement], associations, exercice) for dp in payees]


def _ligne_subvention(dp: m.DemandePaiement, ej: m.EngagementJuridique, associations: dict[str, m.Fournisseur],
                      exercice: int) -> Ligne:
    poste = ej.poste(dp.poste)
    structure = associations[ej.fournisseur]
    return (ej.numero, str(dp.poste), structure.siret, None, *BRANCHE_ASSOCIATIONS,
            poste.activite if poste else None, dp.numero, "1", SOCIETE, str(exercice), structure.code,
            structure.raison_sociale, ej.uo, poste.domaine_fonctionnel if poste else None, dp.montant,
            dp.date_paiement)


# --- The catalogue --------------------------------------------------------------------------------
def _colonnes(*specs: str | tuple[str, str]) -> tuple[Colonne, ...]:
    return tuple(Colonne(s) if isinstance(s, str) else Colonne(*s) for s in specs)


COLONNES_INF_BUD_53 = _colonnes(
    "Centre financier", "Centre financier", "N° EJ", "N° poste EJ", "Fournisseur payé (DP)",
    "Fournisseur payé (DP)", ("Date comptable du SF", DATE), "N° SF", "N° DP", ("Date de base de la DP", DATE),
    "Bascule des EJ non soldés", "Domaine fonctionnel", "Activité", ("Montant engagé", MONTANT),
    ("Montant réceptionné", MONTANT), ("Montant certifié non soldé", MONTANT), ("Montant pré-enregistré", MONTANT),
    ("Montant facturé", MONTANT), ("Montant payé", MONTANT),
)
COLONNES_SITUATION = _colonnes(
    "Niveau", "Programme", "BOP", "Centre financier", "Titre", *((libelle, MONTANT) for libelle in (
        "AE ouvertes", "AE réservées", "AE mises à disposition", "AE affectées", "AE engagées", "AE disponibles",
        "CP ouverts", "CP réservés", "CP mis à disposition", "CP consommés", "CP disponibles")),
)
COLONNES_DATA_SUBVENTION = _colonnes(
    "N° EJ", "N° poste EJ", "Code taxe 1", "No TVA 3", "Branche code", "Branche", "Référentiel de programmation",
    "N° DP", "N° poste DP", "Société", "Exercice comptable", "Fournisseur payé (DP)", "Désignation de la structure",
    "Centre financier", "Domaine fonctionnel", ("Montant payé", MONTANT), ("Date de dernière opération sur la DP", DATE),
)
AFFICHAGE = ("Affichage :", "Montants en euros")

RESTITUTIONS: dict[str, Restitution] = {r.code: r for r in (
    Restitution("INF-BUD-53", "Pilotage de la gestion - Vue détaillée",
                "Exécution des engagements juridiques par centre financier : services faits, demandes de "
                "paiement, montants engagés, réceptionnés, facturés et payés.",
                COLONNES_INF_BUD_53, lignes_inf_bud_53, ESPACE_FINE, "Montant engagé", (AFFICHAGE,)),
    Restitution("SITUATION-BUDGETAIRE", "Situation budgétaire - Programme, BOP et UO",
                "AE et CP ouverts, réservés, mis à disposition, affectés, engagés, consommés et disponibles, "
                "par programme, BOP et UO et par titre.",
                COLONNES_SITUATION, lignes_situation, ESPACE_INSECABLE, "AE et CP",
                (AFFICHAGE, ("Niveaux :", "Programme, BOP, UO (tous titres)"), ())),
    Restitution("DATA-SUBVENTION", "Data.Subvention - Paiements aux associations",
                "Paiements de l'exercice aux associations (branche Z039), clé SIRET-EJ-exercice.",
                COLONNES_DATA_SUBVENTION, lignes_data_subvention, " ", "Montant payé"),
)}


def restitution(code: str) -> Restitution:
    """The restitution named ``code`` (case-insensitive), or a French :class:`ObjetInconnu`."""
    trouvee = RESTITUTIONS.get(code.strip().upper())
    if trouvee is None:
        raise ObjetInconnu(f"Restitution inconnue : {code} (restitutions disponibles : {', '.join(RESTITUTIONS)})")
    return trouvee


def exercices_disponibles(depot: Depot, exercice_courant: int) -> list[int]:
    """The current exercice and those of the integrated lois de finances."""
    return sorted({exercice_courant} | {loi.exercice for loi in depot.lister(m.LoiDeFinances)})


def produire(depot: Depot, code: str, exercice: int, date_du_jour: dt.date, exercice_courant: int) -> Tableau:
    """Compute restitution ``code`` for ``exercice`` (refused when the sandbox has no such exercice)."""
    choisie = restitution(code)
    disponibles = exercices_disponibles(depot, exercice_courant)
    if exercice not in disponibles:
        raise ObjetInconnu(f"Aucune donnée pour l'exercice {exercice} "
                           f"(exercices disponibles : {', '.join(map(str, disponibles))})")
    lignes = tuple(choisie.lignes(depot, exercice))
    return Tableau(choisie, exercice, dt.datetime.combine(date_du_jour, HEURE_MISE_A_JOUR), lignes)


# --- Parameters as typed by a user ---------------------------------------------------------------
FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
#: Encoding parameter → (Python codec, IANA charset of the HTTP response).
ENCODAGES = {"cp1252": ("cp1252", "windows-1252"), "utf-8": ("utf-8-sig", "utf-8")}
_ALIAS_ENCODAGES = {"windows-1252": "cp1252", "utf8": "utf-8", "utf-8-sig": "utf-8"}


def lire_exercice(texte: str | None, defaut: int) -> int:
    """An exercice typed as four ASCII digits; empty means ``defaut``."""
    valeur = (texte or "").strip()
    if not valeur:
        return defaut
    if not (len(valeur) == 4 and valeur.isascii() and valeur.isdigit()):
        raise DonneeInvalide(f"Exercice : « {valeur} » n'est pas une année (ex. {defaut})")
    return int(valeur)


def lire_format(texte: str | None) -> str:
    valeur = (texte or "csv").strip().lower()
    if valeur not in FORMATS:
        raise DonneeInvalide(f"Format : « {texte} » inconnu (formats disponibles : {', '.join(FORMATS)})")
    return valeur


def lire_encodage(texte: str | None) -> str:
    valeur = (texte or "cp1252").strip().lower()
    valeur = _ALIAS_ENCODAGES.get(valeur, valeur)
    if valeur not in ENCODAGES:
        raise DonneeInvalide(f"Encodage : « {texte} » inconnu (encodages disponibles : {', '.join(ENCODAGES)})")
    return valeur


# --- CSV ---------------------------------------------------------------------------------------------
def montant_csv(centimes: Centimes, milliers: str) -> str:
    """``-1 234 567,89`` with ``milliers`` between groups, quoted when it holds a separator."""
    texte = format_montant(centimes, devise=False).replace(ESPACE_INSECABLE, milliers)
    return f'"{texte}"' if milliers in texte else texte


def _echapper(texte: str) -> str:
    if any(c in texte for c in ';"\r\n'):
        return '"' + texte.replace('"', '""') + '"'
    return texte


def cellule_csv(valeur: Cellule, nature: str, milliers: str) -> str:
    if valeur is None:
        return NON_AFFECTE
    if nature == MONTANT and isinstance(valeur, int):
        return montant_csv(valeur, milliers)
    if isinstance(valeur, dt.date):
        return valeur.strftime("%d.%m.%Y")
    return _echapper(str(valeur))


def texte_csv(tableau: Tableau) -> str:
    """The CSV as text: preamble, header (repeated names kept), rows; CRLF line ends."""
    milliers = tableau.restitution.milliers
    lignes = [";".join(_echapper(c) for c in ligne) for ligne in tableau.preambule()]
    lignes.append(";".join(_echapper(c.entete) for c in tableau.colonnes))
    lignes += [";".join(cellule_csv(v, c.nature, milliers) for v, c in zip(ligne, tableau.colonnes, strict=True))
               for ligne in tableau.lignes]
    return "\r\n".join(lignes) + "\r\n"


def ecrire_csv(tableau: Tableau, encodage: str = "cp1252") -> bytes:
    """Encode the CSV. cp1252 has no narrow NBSP: it becomes a NBSP there (0xA0), and any other
    character outside cp1252 a ``?``, as a Windows export does; UTF-8 starts with a BOM."""
    texte = texte_csv(tableau)
    codec = ENCODAGES[lire_encodage(encodage)][0]
    if codec == "cp1252":
        return texte.replace(ESPACE_FINE, ESPACE_INSECABLE).encode("cp1252", errors="replace")
    return texte.encode(codec)


# --- XLSX --------------------------------------------------------------------------------------------
FORMAT_MONTANT_XLSX, FORMAT_DATE_XLSX = "#,##0.00", "dd/mm/yyyy"


def entete_xlsx(colonnes: Sequence[Colonne]) -> list[str | None]:
    """The header as the infocentre writes it in XLSX: a label column repeating the header of its
    code column (a code + label pair) gets an empty header cell."""
    return [c.entete if i == 0 or c.entete != colonnes[i - 1].entete else None for i, c in enumerate(colonnes)]


def _cellule_xlsx(valeur: Cellule, nature: str) -> object:
    if valeur is None:
        return NON_AFFECTE
    if valeur == "":
        return None
    if nature == MONTANT and isinstance(valeur, int):
        return vers_euros(valeur)
    return valeur


def ecrire_xlsx(tableau: Tableau) -> bytes:
    """Two preamble rows (title; exercice), the header, the rows: amounts as numbers, dates as
    Excel dates, codes as text (leading zeros kept)."""
    from openpyxl import Workbook

    classeur = Workbook()
    feuille = classeur.active
    feuille.title = tableau.restitution.code
    feuille.append([tableau.restitution.titre])
    feuille.append(["Exercice comptable", str(tableau.exercice)])
    feuille.append(entete_xlsx(tableau.colonnes))
    formats = {MONTANT: FORMAT_MONTANT_XLSX, DATE: FORMAT_DATE_XLSX}
    for ligne in tableau.lignes:
        feuille.append([_cellule_xlsx(v, c.nature) for v, c in zip(ligne, tableau.colonnes, strict=True)])
        for cellule, colonne in zip(feuille[feuille.max_row], tableau.colonnes, strict=True):
            if colonne.nature in formats and cellule.value not in (None, NON_AFFECTE):
                cellule.number_format = formats[colonne.nature]
    classeur.properties.creator = "Chorus (bac à sable)"
    classeur.properties.created = tableau.mise_a_jour
    flux = io.BytesIO()
    classeur.save(flux)
    return flux.getvalue()


# --- Files ---------------------------------------------------------------------------------------------
def fichier(tableau: Tableau, format_: str = "csv", encodage: str = "cp1252") -> Fichier:
    """The downloadable file: ``INF-BUD-53_2026.csv`` and its media type (with its charset)."""
    format_ = lire_format(format_)
    nom = f"{tableau.restitution.code}_{tableau.exercice}.{format_}"
    if format_ == "xlsx":
        return Fichier(nom, FORMATS["xlsx"], ecrire_xlsx(tableau))
    encodage = lire_encodage(encodage)
    return Fichier(nom, f"text/csv; charset={ENCODAGES[encodage][1]}", ecrire_csv(tableau, encodage))
