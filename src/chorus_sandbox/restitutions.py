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
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby

from chorus_sandbox.domaine import marches as mc
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine import paye as pa
from chorus_sandbox.domaine import reports as rp
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ObjetInconnu
from chorus_sandbox.domaine.montants import ESPACE_INSECABLE, Centimes, format_montant, vers_euros
from chorus_sandbox.domaine.traces import regle
from chorus_sandbox.domaine.utilisateurs import journal_audit

TEXTE, MONTANT, DATE = "texte", "montant", "date"
ETPT = "etpt"  # ETPT in ten-thousandths (domaine/paye.py), written with four decimals
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
    operation: str = "consulter"  # what the matrix of domaine/habilitations.py must allow to download it

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
    virgule: str = ","  # decimal separator of its CSV amounts (the infocentre writes a comma)

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
    cellules: list[Cellule] = [_somme(lignes, i) if c.nature in (MONTANT, ETPT) else "" for i, c in enumerate(colonnes)]
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


# --- Audit of the habilitations: who changed what, when ------------------------------------------
def lignes_audit_habilitations(depot: Depot, exercice: int) -> list[Ligne]:
    """One row per change of a user or a rôle-territoire in ``exercice``, in the order written."""
    return [(str(e.id), e.horodatage.date(), e.horodatage.strftime("%H:%M:%S"), e.auteur, e.action,
             e.utilisateur or None, e.role or None, e.perimetre or None, e.detail or None)
            for e in journal_audit(depot, exercice)]


# --- Campagne des reports: état des reports and EJ basculés --------------------------------------
LIBELLES_NATURES_REPORT = {rp.AENE: "AE affectées non engagées", rp.CP: "Crédits de paiement",
                           rp.FDC: "Fonds de concours"}


def lignes_etat_des_reports(depot: Depot, exercice: int) -> list[Ligne]:
    """One row per programme × titre × nature of the closing of ``exercice`` (and per line asked for
    outside it): non-consumed base, reportable after the cap, asked for in the programme's last
    demande, granted by its arrêté. A ``Résultat`` row per programme; nothing before the closing."""
    fin = rp.cloture(depot, exercice)
    if fin is None:
        return []
    programmes = {p.numero: p.libelle for p in depot.lister(m.Programme)}  # the user's périmètres only
    taux = {p.programme: p.taux for p in fin.plafonds}
    derniere = {d.programme: d for d in rp.demandes(depot, exercice)}  # by number: the live one is the last
    accordees = {(x.demande, x.titre, x.nature): x for a in rp.arretes(depot, exercice) for x in a.lignes}
    reportables: dict[tuple[str, str, str], m.LigneReportable | None] = {
        (x.programme, x.titre, x.nature): x for x in fin.lignes}
    for d in derniere.values():
        for x in d.lignes:
            reportables.setdefault((d.programme, x.titre, x.nature), None)
    detail = []
    for programme, titre, nature in sorted(reportables, key=lambda c: (c[0], c[1], rp.NATURES.index(c[2]))):
        if programme not in programmes:
            continue
        base, demande = reportables[programme, titre, nature], derniere.get(programme)
        demandee = next((x for x in demande.lignes if (x.titre, x.nature) == (titre, nature)), None) if demande else None
        accordee = accordees.get((demande.numero, titre, nature)) if demande else None
        plafond = rp._taux_texte(taux[programme]) if nature == rp.CP and titre != "2" and programme in taux else None
        detail.append((
            programme, programmes[programme], f"T{titre}", nature, LIBELLES_NATURES_REPORT[nature], plafond,
            demande.numero if demande else None, demande.statut if demande else None,
            (demande.arrete or None) if demande else None,
            *((base.ae_non_consommees, base.cp_non_consommes, base.ae_reportables, base.cp_reportables) if base
              else (0, 0, 0, 0)),
            demandee.ae if demandee else 0, demandee.cp if demandee else 0,
            accordee.ae_accordees if accordee else 0, accordee.cp_accordees if accordee else 0))
    return avec_sous_totaux(detail, COLONNES_ETAT_DES_REPORTS)


def lignes_ej_bascules(depot: Depot, exercice: int) -> list[Ligne]:
    """One row per poste of each EJ carried from ``exercice`` into the next (domaine/reports.py):
    engaged, paid, carried (its movements 350 into N+1, dated 01/01/N+1) and still to pay; grouped
    by centre financier with a ``Résultat`` row after each group and a final ``Résultat global``."""
    uos = {u.code: u.libelle for u in depot.lister(m.UniteOperationnelle)}
    fournisseurs = {f.code: f.raison_sociale for f in depot.lister(m.Fournisseur)}
    bascule = dt.date(exercice + 1, 1, 1)
    detail: list[Ligne] = []
    for ej in sorted(rp.ej_bascules(depot, exercice), key=lambda e: (e.uo, e.numero)):
        for poste in sorted(ej.postes, key=lambda p: p.numero):
            basculee = sum(x.montant for x in ej.mouvements if x.type_mouvement == "350"
                           and x.exercice == exercice + 1 and x.poste == poste.numero)
            detail.append((ej.uo, uos.get(ej.uo), ej.numero, str(poste.numero), ej.fournisseur,
                           fournisseurs.get(ej.fournisseur), f"T{ej.titre}", str(ej.exercice), ej.tranche or None,
                           poste.domaine_fonctionnel, poste.activite, bascule, poste.montant, poste.montant_paye,
                           basculee, poste.montant - poste.montant_paye))
    return avec_sous_totaux(detail, COLONNES_EJ_BASCULES)


# --- Suivi des accords-cadres et des marchés (domaine/marches.py, domain doc §12) ---------------
def lignes_suivi_marches(depot: Depot, exercice: int) -> list[Ligne]:
    """One row per marché of the reader's périmètre running in ``exercice`` (its start year ≤
    exercice ≤ its end year), by number: amounts since the marché began; no maximum: ``#`` for the
    maximum, the reste and the taux (``42,50 %``)."""
    return [ligne_suivi_marche(s) for s in mc.suivis(depot, exercice)]


def ligne_suivi_marche(suivi: mc.Suivi) -> Ligne:
    x = suivi.marche
    return (x.numero, x.objet, x.libelle_nature, x.uo, x.titulaire, suivi.titulaire or None, x.date_debut,
            x.date_fin, x.montant_maximum, suivi.engage, suivi.paye, suivi.reste, suivi.taux_texte)


# --- Titre 2 by catégorie and the emplois (domaine/paye.py, domain doc §11) -----------------------
LIBELLES_RUBRIQUES = {(c, s): libelle.split(" – ", 1)[1] for c, s, libelle in pa.RUBRIQUES}
ORDRE_RUBRIQUES = {(c, s): rang for rang, (c, s, _libelle) in enumerate(pa.RUBRIQUES)}


def lignes_t2_par_categorie(depot: Depot, exercice: int) -> list[Ligne]:
    """One row per centre financier × catégorie (22 split hors CAS / CAS Pensions) × month with a
    net consumption (cancellations deducted), AE = CP; a ``Résultat`` row per centre financier."""
    cumul: dict[tuple[str, str, str, int], Centimes] = defaultdict(int)
    for i in depot.lister(m.ImputationPaye):
        if i.exercice == exercice:
            cumul[(i.uo, i.categorie, i.sous_categorie, i.mois)] += i.montant
    libelles = {u.code: u.libelle for u in depot.lister(m.UniteOperationnelle)}
    cles = sorted((k for k, v in cumul.items() if v), key=lambda k: (k[0], ORDRE_RUBRIQUES.get(k[1:3], 9), k[3]))
    detail = [(uo, libelles.get(uo) or None, uo[5:9], categorie, LIBELLES_RUBRIQUES.get((categorie, sous), None),
               f"{mois:02d}.{exercice}", cumul[(uo, categorie, sous, mois)], cumul[(uo, categorie, sous, mois)])
              for uo, categorie, sous, mois in cles]
    return avec_sous_totaux(detail, COLONNES_T2_PAR_CATEGORIE)


def lignes_suivi_emplois(depot: Depot, exercice: int) -> list[Ligne]:
    """One row per programme with a plafond d'emplois or a consumption, then one per ministère
    (programme ``#``): plafond, ETPT consumed month by month, consumed, écart (plafond − consumed)."""
    libelles = {p.numero: p.libelle for p in depot.lister(m.Programme)}
    return [(x.ministere, x.programme or None, libelles.get(x.programme) if x.programme else "Total du ministère",
             x.plafond, *(x.par_mois.get(mois, 0) for mois in range(1, 13)), x.consomme, x.ecart)
            for x in pa.suivi_emplois(depot, exercice)]


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
COLONNES_AUDIT_HABILITATIONS = _colonnes(
    "N° d'ordre", ("Date", DATE), "Heure", "Auteur", "Action", "Utilisateur", "Rôle", "Périmètre", "Détail",
)
COLONNES_ETAT_DES_REPORTS = _colonnes(
    "Programme", "Programme", "Titre", "Nature du report", "Nature du report", "Taux du plafond (%)",
    "N° demande de report", "Statut de la demande", "N° arrêté de report",
    *((libelle, MONTANT) for libelle in ("AE non consommées", "CP non consommés", "AE reportables", "CP reportables",
                                         "AE demandées", "CP demandés", "AE accordées", "CP accordés")),
)
COLONNES_EJ_BASCULES = _colonnes(
    "Centre financier", "Centre financier", "N° EJ", "N° poste EJ", "Fournisseur", "Fournisseur", "Titre",
    "Exercice de l'EJ", "Tranche fonctionnelle", "Domaine fonctionnel", "Activité", ("Date de bascule", DATE),
    ("Montant engagé", MONTANT), ("Montant payé", MONTANT), ("Montant basculé", MONTANT), ("Reste à payer", MONTANT),
)
COLONNES_SUIVI_MARCHES = _colonnes(
    "N° marché", "Objet", "Nature", "Centre financier", "Titulaire", "Titulaire", ("Date de début", DATE),
    ("Date de fin", DATE), ("Montant maximum", MONTANT), ("Montant engagé", MONTANT), ("Montant payé", MONTANT),
    ("Reste sur le maximum", MONTANT), "Taux de consommation",
)
COLONNES_T2_PAR_CATEGORIE = _colonnes(
    "Centre financier", "Centre financier", "Programme", "Catégorie", "Catégorie", "Mois",
    ("AE consommées", MONTANT), ("CP consommés", MONTANT),
)
MOIS_EMPLOIS = ("Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre", "Octobre",
                "Novembre", "Décembre")
COLONNES_SUIVI_EMPLOIS = _colonnes(
    "Ministère", "Programme", "Programme", ("Plafond d'emplois (ETPT)", ETPT),
    *((f"ETPT {mois.lower()}", ETPT) for mois in MOIS_EMPLOIS), ("ETPT consommés", ETPT), ("Écart au plafond", ETPT),
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
    Restitution("AUDIT-HABILITATIONS", "Journal des habilitations - Qui a modifié quoi, quand",
                "Créations, suspensions et réactivations d'utilisateurs, attributions et retraits de rôles-territoires, "
                "imports en masse et verrouillages, avec leur auteur et leur date (réservée à l'administrateur).",
                COLONNES_AUDIT_HABILITATIONS, lignes_audit_habilitations, " ", "Modifications",
                operation="parametrer_utilisateurs"),
    Restitution("ETAT-DES-REPORTS", "État des reports - Reports de crédits par programme, titre et nature",
                "Montants non consommés, reportables (plafond des CP hors titre 2), demandés et accordés par arrêté, "
                "par programme, titre et nature (AENE, CP, fonds de concours) de l'exercice clos.",
                COLONNES_ETAT_DES_REPORTS, lignes_etat_des_reports, ESPACE_INSECABLE, "Reports de crédits",
                (AFFICHAGE,)),
    Restitution("EJ-BASCULES", "Engagements juridiques basculés - Bascule des EJ non soldés",
                "Postes des engagements juridiques non soldés de l'exercice basculés sur l'exercice suivant "
                "(mouvement 350 du 1er janvier) : montants engagé, payé, basculé et reste à payer.",
                COLONNES_EJ_BASCULES, lignes_ej_bascules, ESPACE_FINE, "Montant basculé", (AFFICHAGE,)),
    Restitution("SUIVI-MARCHES", "Suivi des accords-cadres et des marchés",
                "Par marché ou accord-cadre en cours dans l'exercice : titulaire, dates, montant maximum, montants "
                "engagé et payé sur ses bons de commande depuis son début, reste sur le maximum et taux de "
                "consommation.",
                COLONNES_SUIVI_MARCHES, lignes_suivi_marches, ESPACE_INSECABLE, "Montant engagé",
                (AFFICHAGE, ("Montants :", "cumulés depuis le début du marché"))),
    Restitution("T2-CATEGORIE", "Consommation du titre 2 par catégorie",
                "Titre 2 consommé par les flux de paye (AE = CP, sans engagement préalable), par centre financier, "
                "catégorie (21, 22 hors CAS Pensions, 22 CAS Pensions, 23) et mois, annulations déduites.",
                COLONNES_T2_PAR_CATEGORIE, lignes_t2_par_categorie, ESPACE_INSECABLE, "AE et CP consommés",
                (AFFICHAGE,)),
    Restitution("SUIVI-EMPLOIS", "Suivi des emplois (ETPT consommés / plafond)",
                "Plafond d'emplois voté en LFI (ETPT) par ministère et programme, ETPT consommés par les flux de paye "
                "mois par mois, cumul et écart au plafond.",
                COLONNES_SUIVI_EMPLOIS, lignes_suivi_emplois, ESPACE_INSECABLE, "ETPT",
                (("Affichage :", "ETPT (équivalents temps plein travaillés)"),)),
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


@regle()
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
def montant_csv(centimes: Centimes, milliers: str, virgule: str = ",") -> str:
    """``-1 234 567,89`` with ``milliers`` between groups, quoted when it holds a separator."""
    texte = format_montant(centimes, devise=False).replace(ESPACE_INSECABLE, milliers).replace(",", virgule)
    return f'"{texte}"' if milliers in texte else texte


def etpt_csv(etpt: int, milliers: str, virgule: str = ",") -> str:
    """Ten-thousandths of an ETPT: ``6 892,0000`` (four decimals), quoted when it holds a separator."""
    entier, reste = divmod(abs(etpt), pa.ETPT_UNITE)
    texte = ("-" if etpt < 0 else "") + f"{entier:,}".replace(",", milliers) + f"{virgule}{reste:04d}"
    return f'"{texte}"' if milliers in texte else texte


def _echapper(texte: str) -> str:
    if any(c in texte for c in ';"\r\n'):
        return '"' + texte.replace('"', '""') + '"'
    return texte


def cellule_csv(valeur: Cellule, nature: str, milliers: str, virgule: str = ",") -> str:
    if valeur is None:
        return NON_AFFECTE
    if nature == MONTANT and isinstance(valeur, int):
        return montant_csv(valeur, milliers, virgule)
    if nature == ETPT and isinstance(valeur, int):
        return etpt_csv(valeur, milliers, virgule)
    if isinstance(valeur, dt.date):
        return valeur.strftime("%d.%m.%Y")
    return _echapper(str(valeur))


def texte_csv(tableau: Tableau) -> str:
    """The CSV as text: preamble, header (repeated names kept), rows; CRLF line ends."""
    milliers = tableau.restitution.milliers
    lignes = [";".join(_echapper(c) for c in ligne) for ligne in tableau.preambule()]
    lignes.append(";".join(_echapper(c.entete) for c in tableau.colonnes))
    lignes += [";".join(cellule_csv(v, c.nature, milliers, tableau.virgule)
                        for v, c in zip(ligne, tableau.colonnes, strict=True))
               for ligne in tableau.lignes]
    return "\r\n".join(lignes) + "\r\n"


@regle()
def ecrire_csv(tableau: Tableau, encodage: str = "cp1252") -> bytes:
    """Encode the CSV. cp1252 has no narrow NBSP: it becomes a NBSP there (0xA0), and any other
    character outside cp1252 a ``?``, as a Windows export does; UTF-8 starts with a BOM."""
    texte = texte_csv(tableau)
    codec = ENCODAGES[lire_encodage(encodage)][0]
    if codec == "cp1252":
        return texte.replace(ESPACE_FINE, ESPACE_INSECABLE).encode("cp1252", errors="replace")
    return texte.encode(codec)


# --- XLSX --------------------------------------------------------------------------------------------
FORMAT_MONTANT_XLSX, FORMAT_DATE_XLSX, FORMAT_ETPT_XLSX = "#,##0.00", "dd/mm/yyyy", "#,##0.0000"


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
    if nature == ETPT and isinstance(valeur, int):
        return (Decimal(valeur) / pa.ETPT_UNITE).quantize(Decimal("0.0001"))
    return valeur


@regle()
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
    formats = {MONTANT: FORMAT_MONTANT_XLSX, DATE: FORMAT_DATE_XLSX, ETPT: FORMAT_ETPT_XLSX}
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


# --- Catalogued defects of the exports (domaine/defauts.py, CATALOGUE_RESTITUTIONS) ---------------------
#: The restitution a regressed infocentre computes on every périmètre (defect perimetre-absent-restitution).
RESTITUTION_SANS_PERIMETRE = "INF-BUD-53"


@regle("perimetre-absent-restitution")
def lue_sans_perimetre(code: str, defauts: frozenset[str]) -> bool:
    """Whether restitution ``code`` is read without the user's périmètre filter: never, except
    INF-BUD-53 under the catalogued defect ``perimetre-absent-restitution`` (CATALOGUE_HABILITATIONS)."""
    return "perimetre-absent-restitution" in defauts and restitution(code).code == RESTITUTION_SANS_PERIMETRE


@regle("restitution-zeros-non-significatifs", "restitution-arrondie-a-l-euro", "data-subvention-sans-siret",
       "csv-point-decimal", "csv-dates-a-barres")
def degrader(tableau: Tableau, defauts: frozenset[str]) -> Tableau:
    """The restitution as a regressed export would write it, one switch per catalogued defect."""
    colonnes = tableau.colonnes
    lignes = [list(ligne) for ligne in tableau.lignes]
    for ligne in lignes:
        for i, (valeur, colonne) in enumerate(zip(ligne, colonnes, strict=True)):
            if ("restitution-zeros-non-significatifs" in defauts and colonne.nature == TEXTE
                    and isinstance(valeur, str) and valeur.isdigit() and valeur.startswith("0")):
                ligne[i] = valeur.lstrip("0") or "0"  # a code read as a number: "0150" → "150"
            elif "restitution-arrondie-a-l-euro" in defauts and colonne.nature == MONTANT and isinstance(valeur, int):
                ligne[i] = int((Decimal(valeur) / 100).quantize(Decimal(1), ROUND_HALF_UP)) * 100
            elif "csv-dates-a-barres" in defauts and colonne.nature == DATE and isinstance(valeur, dt.date):
                ligne[i] = valeur.strftime("%d/%m/%Y")  # a date written by hand, as text
            elif ("data-subvention-sans-siret" in defauts and tableau.restitution.code == "DATA-SUBVENTION"
                  and colonne.entete == "Code taxe 1"):
                ligne[i] = None
    virgule = "." if "csv-point-decimal" in defauts else tableau.virgule
    return replace(tableau, lignes=tuple(tuple(ligne) for ligne in lignes), virgule=virgule)
