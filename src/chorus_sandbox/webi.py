"""The sandbox's Web Intelligence documents, as BusinessObjects (Raylight) serves them (issue #17).

Three documents over the sandbox's own data, each refreshed with the reading user's périmètre (the
caller reads through ``Bac.lire``, which filters): « Suivi de la consommation des crédits »
(figures of :func:`operations.situation`, the situation screens' own), « Paiements aux
associations (Data.Subvention) » (rows of :func:`restitutions.lignes_data_subvention` for one ISO
week) and « Suivi des accords-cadres et des marchés » (rows of the restitution SUIVI-MARCHES).
Whether a refresh keeps to the reader's périmètre is decided in one place, :func:`rafraichir`
(rule ``regles.webi_sur_le_perimetre``, catalogued defect ``webi-perimetre-ignore``). A refreshed report is a :class:`restitutions.Tableau`, so that its CSV and XLSX exports are
the infocentre's (restitutions.py). Nothing here knows HTTP: web/api_bo.py serves it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from chorus_sandbox import restitutions as r
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine import regles
from chorus_sandbox.domaine.codes import programme_du_code, verifier_code
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide
from chorus_sandbox.domaine.habilitations import DepotPerimetre
from chorus_sandbox.domaine.montants import ESPACE_INSECABLE

TEXTE_BO, NUMERIQUE_BO, DATE_BO = "String", "Numeric", "Date"  # column types of a BO dataset
SEMAINE = re.compile(r"(\d{4})-W(\d{2})", re.ASCII)

Reponses = dict[int, str]  # prompt id → the answer (one value: every prompt is Single)


class ReponseInvalide(DonneeInvalide):
    """A prompt answered with a malformed value (or with several values)."""


class ReponseManquante(DonneeInvalide):
    """A mandatory prompt answered with an empty value."""


@dataclass(frozen=True)
class Invite:
    """A prompt of a document: BO's ``<parameter type="prompt">``, answered with one text value."""

    id: int
    nom: str
    nom_technique: str
    optionnelle: bool
    lire: Callable[[str], str]  # checks an answer (French DonneeInvalide), returns it normalised
    exemple: str


@dataclass(frozen=True)
class Rapport:
    """A report (tab) of a document: one vertical table, as an infocentre restitution."""

    id: int
    nom: str
    restitution: r.Restitution
    lignes: Callable[[Depot, Reponses, frozenset[str]], list[r.Ligne]]
    exercice: Callable[[Reponses], int]


@dataclass(frozen=True)
class DocumentWebi:
    id: int
    cuid: str
    nom: str
    description: str
    invites: tuple[Invite, ...]
    rapports: tuple[Rapport, ...]

    def invite(self, id_: int) -> Invite | None:
        return next((i for i in self.invites if i.id == id_), None)

    def rapport(self, id_: int) -> Rapport | None:
        return next((x for x in self.rapports if x.id == id_), None)


# --- Answers of the prompts -----------------------------------------------------------------------
def lire_exercice(texte: str) -> str:
    valeur = texte.strip()
    if not (len(valeur) == 4 and valeur.isascii() and valeur.isdigit()):
        raise DonneeInvalide(f"« {texte} » n'est pas une année sur 4 chiffres (ex. 2026)")
    return valeur


def lire_programme(texte: str) -> str:
    return verifier_code("programme", texte.strip())


def lire_semaine(texte: str) -> str:
    """An ISO week ``2026-W12`` (week 53 only in the years that have one)."""
    valeur = texte.strip()
    trouve = SEMAINE.fullmatch(valeur)
    try:
        if trouve is None:
            raise ValueError(valeur)
        dt.date.fromisocalendar(int(trouve[1]), int(trouve[2]), 1)
    except ValueError:
        raise DonneeInvalide(f"« {texte} » n'est pas une semaine ISO (format attendu : 2026-W12)") from None
    return valeur


def jours_de_la_semaine(semaine: str) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of an ISO week already checked by :func:`lire_semaine`."""
    annee, numero = int(semaine[:4]), int(semaine[6:])
    return dt.date.fromisocalendar(annee, numero, 1), dt.date.fromisocalendar(annee, numero, 7)


def verifier_reponses(document: DocumentWebi, brutes: dict[int, list[str]]) -> tuple[Reponses, list[Invite]]:
    """The answers checked (French errors naming the prompt) and the mandatory prompts left unanswered."""
    reponses: Reponses = {}
    for id_, valeurs in brutes.items():
        invite = document.invite(id_)
        if invite is None:
            raise ReponseInvalide(f"Invite inconnue : {id_} (invites du document : "
                                  f"{', '.join(f'{i.id} {i.nom}' for i in document.invites)})")
        reponse = _reponse(invite, valeurs)
        if reponse is not None:
            reponses[id_] = reponse
    manquantes = [i for i in document.invites if not i.optionnelle and i.id not in reponses]
    return reponses, manquantes


def _reponse(invite: Invite, valeurs: list[str]) -> str | None:
    renseignees = [v for v in valeurs if v.strip()]
    if not renseignees:
        if invite.optionnelle:
            return None
        raise ReponseManquante(f"Invite « {invite.nom} » : une réponse est obligatoire (ex. {invite.exemple})")
    if len(renseignees) > 1:
        raise ReponseInvalide(f"Invite « {invite.nom} » : une seule valeur attendue ({len(renseignees)} reçues)")
    try:
        return invite.lire(renseignees[0])
    except DonneeInvalide as exc:
        raise ReponseInvalide(f"Invite « {invite.nom} » : {exc.message}") from None


# --- Refresh ------------------------------------------------------------------------------------------
def rafraichir(depot: Depot, document: DocumentWebi, reponses: Reponses, date_du_jour: dt.date,
               defauts: frozenset[str]) -> dict[int, r.Tableau]:
    """Every report of ``document`` computed for ``reponses`` on ``depot`` (the reader's périmètre),
    as the infocentre would export it (catalogued defects of the exports applied)."""
    depot = depot_du_rafraichissement(depot, defauts)
    mise_a_jour = dt.datetime.combine(date_du_jour, r.HEURE_MISE_A_JOUR)
    return {x.id: r.degrader(r.Tableau(x.restitution, x.exercice(reponses), mise_a_jour,
                                       tuple(x.lignes(depot, reponses, defauts))), defauts)
            for x in document.rapports}


def depot_du_rafraichissement(depot: Depot, defauts: frozenset[str]) -> Depot:
    """The data a refresh reads: the reader's périmètre (``Bac.lire`` filtered it), unless the
    catalogued defect ``webi-perimetre-ignore`` drops the filter."""
    if not isinstance(depot, DepotPerimetre) or regles.webi_sur_le_perimetre(defauts):
        return depot
    return depot.sans_perimetre()


def tableau_vide(rapport: Rapport, date_du_jour: dt.date, exercice: int) -> r.Tableau:
    """A report never refreshed: its layout without rows (BO exports it so, with a 200)."""
    return r.Tableau(rapport.restitution, exercice, dt.datetime.combine(date_du_jour, r.HEURE_MISE_A_JOUR), ())


def type_colonne(colonne: r.Colonne) -> str:
    return {r.MONTANT: NUMERIQUE_BO, r.DATE: DATE_BO}.get(colonne.nature, TEXTE_BO)


# --- « Suivi de la consommation des crédits » --------------------------------------------------------
INVITE_EXERCICE, INVITE_PROGRAMME, INVITE_SEMAINE = 0, 1, 0
MONTANTS_SUIVI = (("AE ouvertes", "ae_ouverts"), ("AE engagées", "ae_engages"), ("AE disponibles", "ae_disponibles"),
                  ("CP ouverts", "cp_ouverts"), ("CP payés", "cp_consommes"), ("CP disponibles", "cp_disponibles"))


def _exercice_repondu(reponses: Reponses) -> int:
    return int(reponses.get(INVITE_EXERCICE, "0"))


def lignes_suivi(depot: Depot, niveau: str, reponses: Reponses, defauts: frozenset[str]) -> list[r.Ligne]:
    """One row per ``niveau`` (programme or uo) × titre of the reader's périmètre, with the figures
    of the situation screens (:func:`operations.situation`), filtered on the Programme prompt."""
    exercice, programme = _exercice_repondu(reponses), reponses.get(INVITE_PROGRAMME)
    codes = sorted({e.code for e in depot.enveloppes(exercice, niveau)})
    lignes: list[r.Ligne] = []
    for code in codes:
        if programme is not None and programme_du_code(code) != programme:
            continue
        situation = op.situation(depot, exercice, niveau, code, defauts)
        lignes += [_ligne_suivi(situation, ligne) for ligne in situation.lignes[:-1]
                   if any(getattr(ligne, champ) for _entete, champ in MONTANTS_SUIVI)]
    return lignes


def _ligne_suivi(situation: m.Situation, ligne: m.LigneSituation) -> r.Ligne:
    return (situation.code, situation.libelle, f"T{ligne.titre}",
            *(getattr(ligne, champ) for _entete, champ in MONTANTS_SUIVI))


def _restitution(code: str, libelle: str, entete: Sequence[str], mesure: str, milliers: str = ESPACE_INSECABLE,
                 notes: tuple[tuple[str, ...], ...] = ()) -> r.Restitution:
    colonnes = (*(r.Colonne(e) for e in entete), *(r.Colonne(e, r.MONTANT) for e, _champ in MONTANTS_SUIVI))
    return r.Restitution(code, libelle, libelle, colonnes, lambda _depot, _exercice: [], milliers, mesure, notes)


SUIVI = DocumentWebi(
    17001, "AcHorusSuiviConsoCredits01", "Suivi de la consommation des crédits",
    "AE et CP ouverts, engagés, payés et disponibles par programme et titre, et par UO, sur votre périmètre.",
    (Invite(INVITE_EXERCICE, "Exercice", "pExercice", False, lire_exercice, "2026"),
     Invite(INVITE_PROGRAMME, "Programme", "pProgramme", True, lire_programme, "0150")),
    (Rapport(1, "Par programme et titre",
             _restitution("SUIVI-PROGRAMME", "Suivi de la consommation des crédits - Par programme et titre",
                          ("Programme", "Programme", "Titre"), "AE et CP"),
             lambda d, rep, dfs: lignes_suivi(d, "programme", rep, dfs), _exercice_repondu),
     Rapport(2, "Par UO",
             _restitution("SUIVI-UO", "Suivi de la consommation des crédits - Par UO",
                          ("Centre financier", "Centre financier", "Titre"), "AE et CP"),
             lambda d, rep, dfs: lignes_suivi(d, "uo", rep, dfs), _exercice_repondu)),
)


# --- « Paiements aux associations (Data.Subvention) » -------------------------------------------------
def lignes_semaine(depot: Depot, reponses: Reponses, _defauts: frozenset[str]) -> list[r.Ligne]:
    """The Data.Subvention rows (restitutions.py) of the payments dated in the answered ISO week."""
    lundi, dimanche = jours_de_la_semaine(reponses[INVITE_SEMAINE])
    date = [c.entete for c in r.COLONNES_DATA_SUBVENTION].index("Date de dernière opération sur la DP")
    return [ligne for exercice in sorted({lundi.year, dimanche.year})
            for ligne in r.lignes_data_subvention(depot, exercice)
            if isinstance(jour := ligne[date], dt.date) and lundi <= jour <= dimanche]


def _exercice_semaine(reponses: Reponses) -> int:
    semaine = reponses.get(INVITE_SEMAINE)
    return jours_de_la_semaine(semaine)[1].year if semaine else 0


DATA_SUBVENTION = DocumentWebi(
    17002, "AcHorusDataSubvention0001", "Paiements aux associations (Data.Subvention)",
    "Paiements aux associations (branche Z039) d'une semaine ISO, au format de l'extraction Data.Subvention.",
    (Invite(INVITE_SEMAINE, "Semaine", "pSemaine", False, lire_semaine, "2026-W12"),),
    (Rapport(1, "Paiements aux associations",
             replace(r.RESTITUTIONS["DATA-SUBVENTION"], libelle="Data.Subvention - Paiements de la semaine"),
             lignes_semaine, _exercice_semaine),),
)

# --- « Suivi des accords-cadres et des marchés » (restitution SUIVI-MARCHES) ----------------------------
def lignes_marches(depot: Depot, reponses: Reponses, _defauts: frozenset[str]) -> list[r.Ligne]:
    """The rows of the restitution SUIVI-MARCHES for the answered exercice, filtered on the Programme
    prompt (the programme of the marché's centre financier)."""
    programme = reponses.get(INVITE_PROGRAMME)
    centre = [c.entete for c in r.COLONNES_SUIVI_MARCHES].index("Centre financier")
    return [ligne for ligne in r.lignes_suivi_marches(depot, _exercice_repondu(reponses))
            if programme is None or programme_du_code(str(ligne[centre])) == programme]


MARCHES = DocumentWebi(
    17003, "AcHorusSuiviMarches000001", "Suivi des accords-cadres et des marchés",
    "Par marché ou accord-cadre de votre périmètre en cours dans l'exercice : montant maximum, engagé, payé, "
    "reste sur le maximum et taux de consommation.",
    (Invite(INVITE_EXERCICE, "Exercice", "pExercice", False, lire_exercice, "2026"),
     Invite(INVITE_PROGRAMME, "Programme", "pProgramme", True, lire_programme, "0150")),
    (Rapport(1, "Par marché",
             replace(r.RESTITUTIONS["SUIVI-MARCHES"], libelle="Suivi des accords-cadres et des marchés - Par marché"),
             lignes_marches, _exercice_repondu),),
)

#: The documents, sorted by name as Raylight lists them.
DOCUMENTS: tuple[DocumentWebi, ...] = tuple(sorted((SUIVI, DATA_SUBVENTION, MARCHES), key=lambda d: d.nom))


def document(id_: int) -> DocumentWebi | None:
    return next((d for d in DOCUMENTS if d.id == id_), None)


def valeurs_possibles(depot: Depot, invite: Invite, exercices: Sequence[int]) -> list[str]:
    """The list of values (LOV) of a prompt, for the reader: exercices, or their programmes."""
    if invite.nom_technique == "pExercice":
        return [str(x) for x in exercices]
    if invite.nom_technique == "pProgramme":
        return sorted(p.numero for p in depot.lister(m.Programme))
    return []
