"""Every budget rule of the sandbox, in one place, each with its catalogued defect switch.

Operations call these functions before changing anything; a rule raises a typed French error
naming the amounts. A defect (``Contexte.defauts``) disables or bends exactly one rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal

from chorus_sandbox.domaine.erreurs import CreditsInsuffisants, DonneeInvalide, RegleDeGestion
from chorus_sandbox.domaine.modele import (
    EngagementJuridique,
    Enveloppe,
    Marche,
    PosteEj,
    TrancheFonctionnelle,
)
from chorus_sandbox.domaine.montants import (
    MONTANT_MAXIMUM,
    Centimes,
    appliquer_taux,
    format_montant,
)
from chorus_sandbox.domaine.traces import regle


@dataclass(frozen=True)
class Contexte:
    """What an operation needs to know besides the data: the exercice, today, the defects."""

    exercice: int
    date_du_jour: dt.date
    defauts: frozenset[str] = field(default_factory=frozenset)
    heure: dt.time | None = None  # a dataset's loading: one time for all it stamps (None: the wall clock)

    def defaut(self, nom: str) -> bool:
        return nom in self.defauts

    def horodatage(self) -> dt.datetime:
        """The sandbox's day with the wall-clock time (the loading's own time while a dataset loads),
        as the journal, the audit and the payroll deposits stamp their lines."""
        heure = self.heure or dt.datetime.now().time().replace(microsecond=0)
        return dt.datetime.combine(self.date_du_jour, heure)


@regle()
def designation(niveau: str, code: str) -> str:
    """``l'UO BG00/0150-CSUP-DR75``, ``le BOP 0150-CSUP``… as a French message says it."""
    articles = {
        "programme": "le programme",
        "bop": "le BOP",
        "uo": "l'UO",
        "tf": "la tranche fonctionnelle",
        "ej": "l'EJ",
    }
    return f"{articles[niveau]} {code}"


@regle()
def montant_positif(montant: Centimes, champ: str = "Le montant") -> Centimes:
    """Operation amounts are strictly positive and below the maximum."""
    if isinstance(montant, bool) or not isinstance(montant, int):
        # refus non provocable : les montants arrivent en centimes entiers, convertis par vers_centimes (écrans et API)
        raise DonneeInvalide(f"{champ} doit être un montant en centimes entiers")
    if montant <= 0:
        raise DonneeInvalide(f"{champ} doit être strictement positif ({format_montant(montant)})")
    if montant > MONTANT_MAXIMUM:
        raise DonneeInvalide(f"{champ} dépasse le maximum autorisé ({format_montant(montant)})")
    return montant


@regle()
def montants_ae_cp(ae: Centimes, cp: Centimes, champ: str = "Le montant") -> None:
    """The AE and CP of one movement: integer cents, never negative, each within the maximum; 0 is
    allowed (whether both may be 0 is the caller's rule, with its own message)."""
    for nom, montant in (("AE", ae), ("CP", cp)):
        if isinstance(montant, bool) or not isinstance(montant, int):
            # refus non provocable : les montants arrivent en centimes entiers, convertis par vers_centimes (écrans et API)
            raise DonneeInvalide(f"{champ} {nom} doit être un montant en centimes entiers")
        if montant < 0:
            raise DonneeInvalide(f"{champ} {nom} ne peut pas être négatif ({format_montant(montant)})")
        if montant:
            montant_positif(montant, f"{champ} {nom}")


@regle()
def credits_suffisants(demande: Centimes, disponible: Centimes, nature: str, ou: str, strict: bool = False) -> None:
    """The base rule: what is asked never exceeds what is available (``strict``: the regression of a
    limit written ``<`` instead of ``≤``, which refuses exactly the available amount)."""
    if demande > disponible or (strict and demande == disponible):
        raise CreditsInsuffisants(
            f"Crédits insuffisants : {format_montant(demande)} demandés, "
            f"{format_montant(disponible)} disponibles en {nature} sur {ou}"
        )


@regle("mad-au-dela-du-disponible", "mad-du-disponible-exact-refusee")
def controler_mise_a_disposition(
    ctx: Contexte, ae: Centimes, cp: Centimes, ae_dispo: Centimes, cp_dispo: Centimes, ou: str
) -> None:
    """Invariant 3: Σ mises à disposition ≤ the parent's available amount (all of it may be given)."""
    if ctx.defaut("mad-au-dela-du-disponible"):
        return
    strict = ctx.defaut("mad-du-disponible-exact-refusee")
    credits_suffisants(ae, ae_dispo, "AE", ou, strict=strict and ae > 0)
    credits_suffisants(cp, cp_dispo, "CP", ou, strict=strict and cp > 0)


@regle("ej-au-dela-des-ae", "ej-depassement-d-un-centime")
def controler_engagement(ctx: Contexte, montant: Centimes, disponible: Centimes, ou: str) -> None:
    """Invariants 2 and 6: an EJ consumes available AE (of the UO, or affected on its TF)."""
    if ctx.defaut("ej-au-dela-des-ae"):
        return
    tolerance = 1 if ctx.defaut("ej-depassement-d-un-centime") else 0  # the regression: a one-cent tolerance
    if 0 < montant - disponible <= tolerance:
        return
    credits_suffisants(montant, disponible, "AE", ou)


@regle("reserve-non-appliquee", "reserve-arrondi-bancaire")
def montant_reserve(ctx: Contexte, ouvert: Centimes, taux_pourcent: Decimal) -> Centimes:
    """Réserve de précaution set aside at integration: rate of the titre's group, half-up (a half
    cent goes up; the regression rounds it to the even cent, as Python's ``round`` does)."""
    if ctx.defaut("reserve-non-appliquee"):
        return 0
    arrondi = ROUND_HALF_EVEN if ctx.defaut("reserve-arrondi-bancaire") else ROUND_HALF_UP
    return appliquer_taux(ouvert, taux_pourcent, arrondi)


@regle("situation-disponible-avant-reserve")
def disponibles_affiches(defauts: frozenset[str], env: Enveloppe) -> tuple[Centimes, Centimes]:
    """The AE and CP a situation shows as available: the level's own available credits, réserve
    deducted (the regression shows them before the réserve: the wrong base)."""
    if "situation-disponible-avant-reserve" in defauts:
        return env.ae_disponibles + env.ae_reserves, env.cp_disponibles + env.cp_reserves
    return env.ae_disponibles, env.cp_disponibles


@regle()
def verifier_taux(taux: Decimal, groupe: str) -> Decimal:
    if not Decimal(0) <= taux <= Decimal(100):
        raise DonneeInvalide(f"Taux de réserve {groupe} invalide : {taux} % (entre 0 et 100)")
    return taux


@regle("retrait-anterieur-libere-ae")
def ae_liberees_par_reduction(ctx: Contexte, ej: EngagementJuridique, reduction: Centimes) -> Centimes:
    """A reduction frees AE only for an EJ of the current exercice (no recycling of earlier AE)."""
    if ej.exercice == ctx.exercice or ctx.defaut("retrait-anterieur-libere-ae"):
        return reduction
    return 0


@regle()
def controler_reduction(poste: PosteEj, reduction: Centimes, numero: str) -> None:
    """Invariant 7: an EJ is never reduced below what was already received (service fait)."""
    reductible = poste.montant - max(poste.montant_receptionne, poste.montant_paye)
    if reduction > reductible:
        raise RegleDeGestion(
            f"Réduction impossible : {format_montant(reduction)} demandés, "
            f"{format_montant(reductible)} réductibles sur le poste {poste.numero} de l'EJ {numero} "
            f"(service fait : {format_montant(poste.montant_receptionne)})"
        )


@regle()
def controler_service_fait(poste: PosteEj, montant: Centimes, numero: str) -> None:
    """Invariant 7: Σ SF ≤ EJ amount."""
    reste = poste.montant - poste.montant_receptionne
    if montant > reste:
        raise RegleDeGestion(
            f"Service fait impossible : {format_montant(montant)} constatés, "
            f"{format_montant(reste)} restant à réceptionner sur le poste {poste.numero} de l'EJ {numero}"
        )


@regle("dp-sans-service-fait")
def controler_demande_paiement(ctx: Contexte, poste: PosteEj, montant: Centimes, numero: str) -> None:
    """Invariant 7: Σ DP ≤ Σ SF (a DP pays what was certified)."""
    base = poste.montant if ctx.defaut("dp-sans-service-fait") else poste.montant_receptionne
    reste = base - poste.montant_demande
    if montant > reste:
        raise RegleDeGestion(
            f"Demande de paiement impossible : {format_montant(montant)} demandés, "
            f"{format_montant(reste)} de service fait non encore demandé sur le poste "
            f"{poste.numero} de l'EJ {numero}"
        )


@regle("paiement-au-dela-des-cp")
def controler_paiement(ctx: Contexte, montant: Centimes, cp_disponibles: Centimes, ou: str) -> None:
    """Invariant 2: payments consume available CP of the UO."""
    if ctx.defaut("paiement-au-dela-des-cp"):
        return
    credits_suffisants(montant, cp_disponibles, "CP", ou)


@regle()
def controler_exercice_ouvert(ctx: Contexte, exercice: int, objet: str) -> None:
    """Execution happens in the current exercice only."""
    if exercice != ctx.exercice:
        raise RegleDeGestion(
            f"{objet} relève de l'exercice {exercice} ; l'exercice courant est {ctx.exercice}"
        )


# --- Habilitations: lock-out and bulk files (domaine/utilisateurs.py, domaine/import_habilitations.py) ----
@regle("verrouillage-au-sixieme-echec")
def compte_a_verrouiller(ctx: Contexte, echecs: int, seuil: int) -> bool:
    """Whether ``echecs`` failed logins in a row lock the account: from ``seuil`` on (the regression
    moves the threshold by one)."""
    return echecs >= seuil + (1 if ctx.defaut("verrouillage-au-sixieme-echec") else 0)


@regle("import-habilitations-partiel")
def lignes_a_appliquer(ctx: Contexte, lignes: tuple[int, ...], rejetees: tuple[int, ...]) -> tuple[int, ...]:
    """The lines of a bulk file that are applied: all of them when none is rejected, else none (all
    or nothing; the regression applies the lines above the first rejected one)."""
    if not rejetees:
        return lignes
    if ctx.defaut("import-habilitations-partiel"):
        return tuple(n for n in lignes if n < min(rejetees))
    return ()


# --- Régulation en gestion (domaine/regulation.py) ---------------------------------------------
#: Art. 12-I LOLF: cumulative virements per programme, in % of its LFI credits (model: parameter).
PLAFOND_VIREMENT_POURCENT = Decimal(2)


def _sur(programme: str, titre: str) -> str:
    return f"sur le programme {programme} (titre {titre})"


def _limiter(ctx: Contexte, defaut: str, refus: str, demande: Centimes, limite: Centimes, etat: str,
             nature: str, programme: str, titre: str, verbe: str = "demandés") -> None:
    """The shape of every regulation limit: ``demande`` never above ``limite``, unless the defect is on."""
    if ctx.defaut(defaut) or demande <= limite:
        return
    raise CreditsInsuffisants(
        f"{refus} : {format_montant(demande)} {verbe}, {format_montant(limite)} {etat} en {nature} "
        f"{_sur(programme, titre)}"
    )


@regle("annulation-lfr-au-dela-du-disponible")
def controler_annulation_lfr(
    ctx: Contexte, identifiant: str, nature: str, annule: Centimes, disponible: Centimes, programme: str, titre: str
) -> None:
    """An LFR cancellation never exceeds the programme's available credits."""
    _limiter(ctx, "annulation-lfr-au-dela-du-disponible", f"Annulation par la loi « {identifiant} » refusée",
             annule, disponible, "disponibles", nature, programme, titre, verbe="à annuler")


@regle("degel-au-dela-de-la-reserve")
def controler_degel(ctx: Contexte, demande: Centimes, reserve: Centimes, nature: str, programme: str, titre: str) -> None:
    """A dégel releases at most what is reserved."""
    _limiter(ctx, "degel-au-dela-de-la-reserve", "Dégel refusé", demande, reserve, "réservés", nature, programme, titre)


@regle("surgel-au-dela-du-disponible")
def controler_surgel(ctx: Contexte, demande: Centimes, disponible: Centimes, nature: str, programme: str, titre: str) -> None:
    """A surgel freezes at most what is available."""
    _limiter(ctx, "surgel-au-dela-du-disponible", "Surgel refusé", demande, disponible, "disponibles", nature,
             programme, titre)


@regle("annulation-reserve-au-dela-de-la-reserve")
def controler_annulation_reserve(
    ctx: Contexte, demande: Centimes, reserve: Centimes, nature: str, programme: str, titre: str
) -> None:
    """Cancelling reserved credits cancels at most what is reserved."""
    _limiter(ctx, "annulation-reserve-au-dela-de-la-reserve", "Annulation refusée", demande, reserve, "réservés",
             nature, programme, titre)


@regle("mouvement-au-dela-du-disponible")
def controler_mouvement_disponible(
    ctx: Contexte, libelle: str, demande: Centimes, disponible: Centimes, nature: str, programme: str, titre: str
) -> None:
    """Virement, transfert, fongibilité: never more than the source's available credits.

    ``libelle`` is the refusal as a sentence starts it (``Virement refusé``, ``Fongibilité refusée``).
    """
    _limiter(ctx, "mouvement-au-dela-du-disponible", libelle, demande, disponible, "disponibles", nature,
             programme, titre)


@regle("fongibilite-vers-t2")
def controler_fongibilite_asymetrique(ctx: Contexte, titre_source: str, titre_destination: str, programme: str) -> None:
    """Art. 7 LOLF: T2 may feed other titres, nothing from another titre may feed T2."""
    if ctx.defaut("fongibilite-vers-t2") or titre_destination != "2" or titre_source == "2":
        return
    raise RegleDeGestion(
        f"Fongibilité asymétrique : aucun crédit ne peut abonder le titre 2 (programme {programme})"
    )


@regle()
def plafond_virement(credits_lfi: Centimes) -> Centimes:
    """A programme's cap on cumulative virements: 2 % of its LFI credits, floored to the cent
    (so that the cap is never exceeded by a cent)."""
    return int(Decimal(credits_lfi) * PLAFOND_VIREMENT_POURCENT / 100)


@regle("virement-plafond-ignore")
def controler_plafond_virement(
    ctx: Contexte, programme: str, nature: str, demande: Centimes, cumul: Centimes, credits_lfi: Centimes
) -> None:
    """Art. 12-I LOLF: Σ virements (in and out) of a programme ≤ 2 % of its LFI credits."""
    if ctx.defaut("virement-plafond-ignore"):
        return
    taux = PLAFOND_VIREMENT_POURCENT
    if (cumul + demande) * 100 <= credits_lfi * taux:
        return
    possible = max(plafond_virement(credits_lfi) - cumul, 0)
    fin = f"{format_montant(demande)} demandés, {format_montant(possible)} encore possibles"
    if credits_lfi <= 0:
        raise RegleDeGestion(
            f"Virement refusé : le programme {programme} n'a aucun crédit LFI en {nature} "
            f"(plafond {taux} %) : {fin}"
        )
    part = (Decimal((cumul + demande) * 100) / credits_lfi).quantize(Decimal("0.01"), rounding=ROUND_UP)
    raise RegleDeGestion(
        f"Virement refusé : le cumul des virements du programme {programme} atteindrait "
        f"{str(part).replace('.', ',')} % de ses crédits LFI en {nature} (plafond {taux} %) : {fin}"
    )


# --- Clôture de l'exercice et campagne des reports (domaine/reports.py) -------------------------
#: LOLF art. 15: hors-T2 CP carried ≤ 3 % of the programme's LFI hors-T2 CP (model: a parameter per
#: exercice, PlafondReport; the year's LFI may raise it for a list of programmes).
PLAFOND_REPORT_CP_POURCENT = Decimal(3)


@regle("aene-mauvaise-base")
def aene_reportables(ctx: Contexte, tf: TrancheFonctionnelle) -> Centimes:
    """AENE of a TF at the closing: AE affectées − AE engagées (domaine-chorus.md §3)."""
    if ctx.defaut("aene-mauvaise-base"):
        return tf.ae_affectees
    return tf.aene


@regle()
def ae_reportables_sur_titre(titre: str, ae: Centimes) -> Centimes:
    """Invariant 4: carried AE never land on T2."""
    return 0 if titre == "2" else ae


@regle("plafond-majore-ignore")
def taux_plafond_cp(ctx: Contexte, taux_general: Decimal, taux_majore: Decimal | None) -> tuple[Decimal, bool]:
    """The programme's cap rate: its raised rate when the year's list names it, else the general rate."""
    if taux_majore is None or ctx.defaut("plafond-majore-ignore"):
        return taux_general, False
    return taux_majore, True


@regle()
def plafond_cp_hors_t2(lfi_cp_hors_t2: Centimes, taux: Decimal) -> Centimes:
    """``LFI hors-T2 CP × taux %``, floored to the cent: the cap is never exceeded by a cent."""
    return int(Decimal(lfi_cp_hors_t2) * taux / 100)


@regle("plafond-cp-3-pourcent-ignore")
def plafonner_cp_hors_t2(ctx: Contexte, non_consommes: Centimes, plafond: Centimes) -> Centimes:
    """Invariant 5: hors-T2 CP carried ≤ the programme's cap."""
    if ctx.defaut("plafond-cp-3-pourcent-ignore"):
        return non_consommes
    return min(non_consommes, plafond)


@regle("cp-t2-reportes")
def cp_t2_reportables(ctx: Contexte, non_consommes: Centimes) -> Centimes:
    """Invariant 4: T2 CP are never carried (fonds de concours apart, counted on their own)."""
    return non_consommes if ctx.defaut("cp-t2-reportes") else 0


@regle("bascule-ej-soldes")
def ej_a_basculer(ctx: Contexte, ej: EngagementJuridique, exercice: int) -> bool:
    """An EJ living in the closed exercice moves to N+1 when not soldé (reste à payer > 0) nor retiré."""
    if ej.exercice_courant != exercice or ej.montant == 0:
        return False
    return ej.reste_a_payer > 0 or ctx.defaut("bascule-ej-soldes")


@regle("arrete-integre-deux-fois")
def controler_integration_unique(ctx: Contexte, numero: str, integre_le: dt.date | None, exercice: int) -> None:
    """An arrêté de report opens its credits once: integrating it again opens nothing."""
    if integre_le is None or ctx.defaut("arrete-integre-deux-fois"):
        return
    raise RegleDeGestion(
        f"L'arrêté de report {numero} est déjà intégré (le {integre_le:%d/%m/%Y}) : "
        f"ses crédits sont déjà ouverts sur l'exercice {exercice}"
    )


# --- Marchés publics et accords-cadres (domaine/marches.py, bons de commande in operations.engager) ---
#: What a marché's bons de commande may exceed its montant maximum by, in cents (domain doc §12,
#: model: a parameter; 0: not one cent above).
TOLERANCE_MAXIMUM_MARCHE: Centimes = 0


@regle()
def designation_marche(marche: Marche, en_tete: bool = False) -> str:
    """``l'accord-cadre 2026-0150-00001``, ``le marché 2025-0150-00002`` (``en_tete``: ``L'…``, ``Le…``)."""
    article = "l'accord-cadre" if marche.nature == "accord-cadre" else "le marché"
    return f"{article.capitalize() if en_tete else article} {marche.numero}"


def _de(designation: str) -> str:
    """« de l'accord-cadre … », « du marché … » (French contraction of « de le »)."""
    return f"du {designation[3:]}" if designation.startswith("le ") else f"de {designation}"


@regle()
def controler_periode_marche(ctx: Contexte, marche: Marche) -> None:
    """A bon de commande is attached to a marché only between its start and end dates (inclusive)."""
    if ctx.date_du_jour > marche.date_fin:
        raise RegleDeGestion(
            f"{designation_marche(marche, en_tete=True)} a pris fin le "
            f"{marche.date_fin:%d/%m/%Y} : aucun bon de commande ne peut plus lui être rattaché"
        )
    if ctx.date_du_jour < marche.date_debut:
        raise RegleDeGestion(
            f"{designation_marche(marche, en_tete=True)} ne commence que le "
            f"{marche.date_debut:%d/%m/%Y} : aucun bon de commande ne peut encore lui être rattaché"
        )


@regle()
def controler_rattachement_marche(marche: Marche, uo: str, fournisseur: str) -> None:
    """A bon de commande is an EJ of the marché's own centre financier, to its titulaire."""
    if uo != marche.uo:
        raise RegleDeGestion(
            f"{designation_marche(marche, en_tete=True)} est passé pour l'UO "
            f"{marche.uo} : un bon de commande de l'UO {uo} ne peut pas lui être rattaché"
        )
    if fournisseur != marche.titulaire:
        raise RegleDeGestion(
            f"Le fournisseur {fournisseur} n'est pas le titulaire de {designation_marche(marche)} "
            f"(titulaire : {marche.titulaire})"
        )


@regle("accord-cadre-maximum-ignore")
def controler_maximum_marche(ctx: Contexte, marche: Marche, montant: Centimes,
                             tolerance: Centimes = TOLERANCE_MAXIMUM_MARCHE) -> None:
    """Σ bons de commande (EJ) of a marché ≤ its montant maximum (+ ``tolerance``); no maximum, no cap."""
    if marche.montant_maximum is None or ctx.defaut("accord-cadre-maximum-ignore"):
        return
    reste = marche.montant_maximum - marche.montant_engage
    if montant <= reste + tolerance:
        return
    raise RegleDeGestion(
        f"Montant maximum {_de(designation_marche(marche))} dépassé : {format_montant(montant)} demandés, "
        f"{format_montant(max(reste, 0))} restants sur {format_montant(marche.montant_maximum)}"
    )


# --- BusinessObjects Webi: the reader's périmètre (webi.py) -------------------------------------
@regle("webi-perimetre-ignore")
def webi_sur_le_perimetre(defauts: frozenset[str]) -> bool:
    """Whether a Webi document read by a user with a périmètre is refreshed on it: always (the
    regression reads every périmètre, as a document built without its security filter)."""
    return "webi-perimetre-ignore" not in defauts


# --- BusinessObjects Webi: schedules (web/bo_planifications.py) ---------------------------------
@regle("planification-piece-jointe-vide")
def piece_jointe_livree(ctx: Contexte, document: bytes) -> bytes:
    """What a schedule attaches to its e-mail: the document it produced, whole (the regression
    attaches an empty file)."""
    return b"" if ctx.defaut("planification-piece-jointe-vide") else document


# --- Titre 2, emplois et flux de paye (domaine/paye.py) -------------------------------------------
@regle("flux-paye-fin-non-controlee")
def ecart_fin_de_flux(ctx: Contexte, lignes_annoncees: int, lignes_comptees: int, total_annonce: Centimes,
                      total_calcule: Centimes) -> tuple[str, str, str] | None:
    """The trailer announces the detail lines' count and the Σ of their readable amounts: the first
    that disagrees rejects the whole flow, as (code, champ, motif); None when both agree."""
    if ctx.defaut("flux-paye-fin-non-controlee"):
        return None
    if lignes_annoncees != lignes_comptees:
        return ("nombre-de-lignes-errone", "nombre de lignes",
                (f"Nombre de lignes de l'enregistrement de fin : {lignes_annoncees} annoncé(s), {lignes_comptees} "
                "ligne(s) de détail dans le fichier."))
    if total_annonce != total_calcule:
        return ("montant-total-errone", "montant total",
                (f"Montant total de l'enregistrement de fin : {format_montant(total_annonce)} annoncés, "
                f"{format_montant(total_calcule)} calculés sur les lignes de détail."))
    return None


@regle("flux-paye-integre-deux-fois")
def flux_deja_integre(ctx: Contexte, flux: str, integration: tuple[dt.datetime, str] | None) -> str | None:
    """A flow id is integrated once (until cancelled): the motif refusing it again, or None."""
    if integration is None or ctx.defaut("flux-paye-integre-deux-fois"):
        return None
    le, depot = integration
    return (f"Flux {flux} déjà intégré le {le:%d/%m/%Y à %H:%M} (dépôt {depot}) : un flux n'est intégré "
            "qu'une fois.")


@regle("cas-pensions-impute-hors-cas")
def sous_categorie_imputee(ctx: Contexte, categorie: str, sous_categorie: str) -> str:
    """Catégorie 22 is followed apart for the CAS Pensions: its compte says which (the regression
    imputes the CAS Pensions contribution hors CAS)."""
    if categorie == "22" and sous_categorie == "CAS Pensions" and ctx.defaut("cas-pensions-impute-hors-cas"):
        return "hors CAS"
    return sous_categorie


@regle("etpt-comptes-en-etp")
def etpt_consommes(ctx: Contexte, etpt: int) -> int:
    """ETPT a payroll line counts against the plafond d'emplois: the month's share of the year as
    the file gives it (the regression counts the month's ETP, ×12, as if each month were a year)."""
    return etpt * 12 if ctx.defaut("etpt-comptes-en-etp") else etpt


@regle()
def depassement_credits(impute: Centimes, disponible: Centimes) -> Centimes:
    """How far a payroll flow went beyond the available T2 (0: within). Payroll is due: never refused."""
    if impute <= disponible or impute <= 0:
        return 0
    return impute - max(disponible, 0)
