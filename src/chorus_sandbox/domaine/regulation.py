"""In-year regulation of programme credits (LOLF art. 7, 12, 14, 17; domaine-chorus.md §4).

LFR, réserve de précaution (dégel, surgel, annulation), virements, transferts, fongibilité
asymétrique, fonds de concours. Same shape as :mod:`operations`: every rule is checked through
:mod:`regles` first, then the programme enveloppes change and a line is journaled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import regles
from chorus_sandbox.domaine.codes import verifier_code, verifier_titre
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide, RegleDeGestion
from chorus_sandbox.domaine.montants import Centimes, format_montant
from chorus_sandbox.domaine.operations import LigneLoi, _journal, obtenir
from chorus_sandbox.domaine.regles import Contexte

VIREMENT, TRANSFERT, FONGIBILITE = "Virement", "Transfert", "Fongibilité"
DEGEL, SURGEL, ANNULATION_RESERVE = "Dégel", "Surgel", "Annulation de réserve"
FONDS_DE_CONCOURS = "Fonds de concours"
_REFUS = {VIREMENT: "Virement refusé", TRANSFERT: "Transfert refusé", FONGIBILITE: "Fongibilité refusée"}


# --- Shared checks ---------------------------------------------------------------------------
def _programme(depot: Depot, numero: str) -> m.Programme:
    verifier_code("programme", numero)
    return obtenir(depot, m.Programme, numero, "Programme")


def _montants(ae: Centimes, cp: Centimes) -> None:
    """Both amounts ≥ 0, at least one non-zero, each within the maximum."""
    regles.montants_ae_cp(ae, cp)
    if ae == 0 and cp == 0:
        raise DonneeInvalide("Le mouvement porte sur un montant d'AE ou de CP non nul")


def _enveloppe(depot: Depot, ctx: Contexte, programme: str, titre: str) -> m.Enveloppe:
    return depot.enveloppe(ctx.exercice, "programme", programme, titre)


def _detail(ae: Centimes, cp: Centimes) -> str:
    return f"AE {format_montant(ae)} CP {format_montant(cp)}"


def _enregistrer(depot: Depot, ctx: Contexte, type_mouvement: str, source: str, destination: str,
                 titres: tuple[str, str], ae: Centimes, cp: Centimes, reference: str = "") -> m.MouvementRegulation:
    mouvement = m.MouvementRegulation(type_mouvement, ctx.exercice, source, destination, titres[0], titres[1],
                                      ae, cp, ctx.date_du_jour, reference)
    depot.ajouter(mouvement)
    return mouvement


def mouvements(depot: Depot, exercice: int) -> list[m.MouvementRegulation]:
    """Regulation movements of the exercice, in the order they were made."""
    return [x for x in depot.lister(m.MouvementRegulation) if x.exercice == exercice]


# --- Loi de finances rectificative -----------------------------------------------------------
def integrer_loi_rectificative(
    depot: Depot, ctx: Contexte, identifiant: str, lignes: Sequence[LigneLoi]
) -> m.LoiDeFinances:
    """Open (positive amounts) or cancel (negative amounts) credits per programme × titre, once."""
    identifiant = identifiant.strip()
    if not identifiant:
        raise DonneeInvalide("L'identifiant de la loi de finances rectificative est obligatoire")
    if depot.trouver(m.LoiDeFinances, identifiant) is not None:
        raise RegleDeGestion(f"La loi de finances « {identifiant} » est déjà intégrée")
    if not lignes:
        # refus non provocable : une LFR sans ligne est refusée avant, à l'écran (fichier CSV sans ligne) et par le service (min_length=1)
        raise DonneeInvalide(f"La loi de finances « {identifiant} » ne contient aucune ligne")
    lignes = [replace(ligne, titre=verifier_titre(ligne.titre)) for ligne in lignes]
    vues: set[tuple[str, str]] = set()
    for ligne in lignes:
        _verifier_ligne_rectificative(depot, ctx, identifiant, ligne, vues)
    loi = m.LoiDeFinances(identifiant, "LFR", ctx.exercice, ctx.date_du_jour, Decimal(0), Decimal(0))
    for ligne in lignes:
        env = _enveloppe(depot, ctx, ligne.programme, ligne.titre)
        env.ae_ouverts += ligne.ae
        env.cp_ouverts += ligne.cp
        loi.lignes.append(m.LigneLoiDeFinances(ligne.programme, ligne.titre, ligne.ae, ligne.cp, ligne.etpt))
    depot.ajouter(loi)
    _journal(depot, ctx, "Intégration loi de finances rectificative", identifiant, f"{len(lignes)} lignes")
    return loi


def _verifier_ligne_rectificative(
    depot: Depot, ctx: Contexte, identifiant: str, ligne: LigneLoi, vues: set[tuple[str, str]]
) -> None:
    _programme(depot, ligne.programme)
    cle = (ligne.programme, ligne.titre)
    if cle in vues:
        raise DonneeInvalide(f"Ligne en double : programme {ligne.programme}, titre {ligne.titre}")
    vues.add(cle)
    for nom, montant in (("AE", ligne.ae), ("CP", ligne.cp)):
        if isinstance(montant, bool) or not isinstance(montant, int):
            # refus non provocable : une ligne de LFR arrive en centimes entiers (fichier : montant_saisi ; API : type Montant)
            raise DonneeInvalide(f"Le montant {nom} doit être un montant en centimes entiers")
        if montant:
            regles.montant_positif(abs(montant), f"Le montant {nom}")
    if ligne.ae == 0 and ligne.cp == 0:
        raise DonneeInvalide(f"Ligne sans montant : programme {ligne.programme}, titre {ligne.titre}")
    env = _enveloppe(depot, ctx, ligne.programme, ligne.titre)
    for nom, montant, disponible in (("AE", ligne.ae, env.ae_disponibles), ("CP", ligne.cp, env.cp_disponibles)):
        if montant < 0:
            regles.controler_annulation_lfr(ctx, identifiant, nom, -montant, disponible, ligne.programme, ligne.titre)


# --- Réserve de précaution -------------------------------------------------------------------
def degeler(depot: Depot, ctx: Contexte, programme: str, titre: str, ae: Centimes, cp: Centimes) -> m.MouvementRegulation:
    """Release reserved credits: réservés → disponibles, never more than reserved."""
    env = _preparer_reserve(depot, ctx, programme, titre, ae, cp)
    regles.controler_degel(ctx, ae, env.ae_reserves, "AE", programme, env.titre)
    regles.controler_degel(ctx, cp, env.cp_reserves, "CP", programme, env.titre)
    env.ae_reserves -= ae
    env.cp_reserves -= cp
    return _tracer_reserve(depot, ctx, DEGEL, programme, env.titre, ae, cp)


def surgeler(depot: Depot, ctx: Contexte, programme: str, titre: str, ae: Centimes, cp: Centimes) -> m.MouvementRegulation:
    """Freeze more credits: disponibles → réservés, never more than available."""
    env = _preparer_reserve(depot, ctx, programme, titre, ae, cp)
    regles.controler_surgel(ctx, ae, env.ae_disponibles, "AE", programme, env.titre)
    regles.controler_surgel(ctx, cp, env.cp_disponibles, "CP", programme, env.titre)
    env.ae_reserves += ae
    env.cp_reserves += cp
    return _tracer_reserve(depot, ctx, SURGEL, programme, env.titre, ae, cp)


def annuler_reserve(
    depot: Depot, ctx: Contexte, programme: str, titre: str, ae: Centimes, cp: Centimes
) -> m.MouvementRegulation:
    """Cancel reserved credits: ouverts and réservés both go down, never more than reserved."""
    env = _preparer_reserve(depot, ctx, programme, titre, ae, cp)
    regles.controler_annulation_reserve(ctx, ae, env.ae_reserves, "AE", programme, env.titre)
    regles.controler_annulation_reserve(ctx, cp, env.cp_reserves, "CP", programme, env.titre)
    env.ae_reserves -= ae
    env.cp_reserves -= cp
    env.ae_ouverts -= ae
    env.cp_ouverts -= cp
    return _tracer_reserve(depot, ctx, ANNULATION_RESERVE, programme, env.titre, ae, cp)


def _preparer_reserve(
    depot: Depot, ctx: Contexte, programme: str, titre: str, ae: Centimes, cp: Centimes
) -> m.Enveloppe:
    titre = verifier_titre(titre)
    _programme(depot, programme)
    _montants(ae, cp)
    return _enveloppe(depot, ctx, programme, titre)


def _tracer_reserve(depot: Depot, ctx: Contexte, type_mouvement: str, programme: str, titre: str,
                    ae: Centimes, cp: Centimes) -> m.MouvementRegulation:
    mouvement = _enregistrer(depot, ctx, type_mouvement, programme, programme, (titre, titre), ae, cp)
    _journal(depot, ctx, type_mouvement, programme, f"T{titre} {_detail(ae, cp)}")
    return mouvement


# --- Virements, transferts, fongibilité ------------------------------------------------------
def credits_lfi(depot: Depot, exercice: int, programme: str) -> tuple[Centimes, Centimes]:
    """Σ over titres of the programme's LFI lines for the exercice: (AE, CP)."""
    lignes = [x for loi in depot.lister(m.LoiDeFinances) if loi.nature == "LFI" and loi.exercice == exercice
              for x in loi.lignes if x.programme == programme]
    return sum(x.ae for x in lignes), sum(x.cp for x in lignes)


def cumul_virements(depot: Depot, exercice: int, programme: str) -> tuple[Centimes, Centimes]:
    """Σ of the programme's virements of the exercice, in and out: (AE, CP)."""
    lignes = [x for x in mouvements(depot, exercice)
              if x.type_mouvement == VIREMENT and programme in (x.source, x.destination)]
    return sum(x.ae for x in lignes), sum(x.cp for x in lignes)


def virer(depot: Depot, ctx: Contexte, source: str, destination: str, titre: str, ae: Centimes, cp: Centimes,
          titre_destination: str | None = None) -> m.MouvementRegulation:
    """Virement (art. 12-I) between programmes of one ministry, within 2 % of each one's LFI."""
    titres = _titres(titre, titre_destination)
    src, dst = _deux_programmes(depot, source, destination)
    if src.ministere != dst.ministere:
        raise RegleDeGestion(
            f"Virement refusé : les programmes {source} ({src.ministere}) et {destination} ({dst.ministere}) "
            f"relèvent de ministères différents (utiliser un transfert)"
        )
    _montants(ae, cp)
    _controler_mouvement(depot, ctx, VIREMENT, source, destination, titres, ae, cp)
    for programme in (source, destination):
        lfi_ae, lfi_cp = credits_lfi(depot, ctx.exercice, programme)
        cumul_ae, cumul_cp = cumul_virements(depot, ctx.exercice, programme)
        regles.controler_plafond_virement(ctx, programme, "AE", ae, cumul_ae, lfi_ae)
        regles.controler_plafond_virement(ctx, programme, "CP", cp, cumul_cp, lfi_cp)
    return _deplacer(depot, ctx, VIREMENT, source, destination, titres, ae, cp)


def transferer(depot: Depot, ctx: Contexte, source: str, destination: str, titre: str, ae: Centimes, cp: Centimes,
               titre_destination: str | None = None) -> m.MouvementRegulation:
    """Transfert (art. 12-II) between programmes of different ministries (model: no cap)."""
    titres = _titres(titre, titre_destination)
    src, dst = _deux_programmes(depot, source, destination)
    if src.ministere == dst.ministere:
        raise RegleDeGestion(
            f"Transfert refusé : les programmes {source} et {destination} relèvent du même ministère "
            f"{src.ministere} (utiliser un virement)"
        )
    _montants(ae, cp)
    _controler_mouvement(depot, ctx, TRANSFERT, source, destination, titres, ae, cp)
    return _deplacer(depot, ctx, TRANSFERT, source, destination, titres, ae, cp)


def fongibilite(depot: Depot, ctx: Contexte, programme: str, titre_source: str, titre_destination: str,
                ae: Centimes, cp: Centimes) -> m.MouvementRegulation:
    """Fongibilité asymétrique (art. 7): credits move between titres of one programme, never into T2."""
    titres = (verifier_titre(titre_source), verifier_titre(titre_destination))
    _programme(depot, programme)
    if titres[0] == titres[1]:
        raise DonneeInvalide(f"Fongibilité : le titre source et le titre destination sont identiques ({titres[0]})")
    _montants(ae, cp)
    _controler_mouvement(depot, ctx, FONGIBILITE, programme, programme, titres, ae, cp)
    return _deplacer(depot, ctx, FONGIBILITE, programme, programme, titres, ae, cp)


def _titres(titre: str, titre_destination: str | None) -> tuple[str, str]:
    source = verifier_titre(titre)
    return source, verifier_titre(titre_destination) if titre_destination else source


def _deux_programmes(depot: Depot, source: str, destination: str) -> tuple[m.Programme, m.Programme]:
    src, dst = _programme(depot, source), _programme(depot, destination)
    if source == destination:
        raise RegleDeGestion(f"Le programme source et le programme destination sont identiques ({source})")
    return src, dst


def _controler_mouvement(depot: Depot, ctx: Contexte, libelle: str, source: str, destination: str,
                         titres: tuple[str, str], ae: Centimes, cp: Centimes) -> None:
    regles.controler_fongibilite_asymetrique(ctx, titres[0], titres[1], destination)
    env = _enveloppe(depot, ctx, source, titres[0])
    refus = _REFUS[libelle]
    regles.controler_mouvement_disponible(ctx, refus, ae, env.ae_disponibles, "AE", source, titres[0])
    regles.controler_mouvement_disponible(ctx, refus, cp, env.cp_disponibles, "CP", source, titres[0])


def _deplacer(depot: Depot, ctx: Contexte, type_mouvement: str, source: str, destination: str,
              titres: tuple[str, str], ae: Centimes, cp: Centimes) -> m.MouvementRegulation:
    depart = _enveloppe(depot, ctx, source, titres[0])
    arrivee = _enveloppe(depot, ctx, destination, titres[1])
    depart.ae_ouverts -= ae
    depart.cp_ouverts -= cp
    arrivee.ae_ouverts += ae
    arrivee.cp_ouverts += cp
    mouvement = _enregistrer(depot, ctx, type_mouvement, source, destination, titres, ae, cp)
    detail = f"T{titres[0]} → {destination} T{titres[1]} : {_detail(ae, cp)}"
    _journal(depot, ctx, type_mouvement, source, detail)
    return mouvement


# --- Fonds de concours -----------------------------------------------------------------------
def rattacher_fonds_de_concours(
    depot: Depot, ctx: Contexte, programme: str, titre: str, montant: Centimes, reference: str = ""
) -> m.MouvementRegulation:
    """A receipt opens AE = CP = the amount received on the programme × titre."""
    titre = verifier_titre(titre)
    _programme(depot, programme)
    regles.montant_positif(montant, "Le montant du fonds de concours")
    env = _enveloppe(depot, ctx, programme, titre)
    env.ae_ouverts += montant
    env.cp_ouverts += montant
    mouvement = _enregistrer(depot, ctx, FONDS_DE_CONCOURS, "", programme, (titre, titre), montant, montant,
                             reference.strip())
    _journal(depot, ctx, FONDS_DE_CONCOURS, programme, f"T{titre} : {format_montant(montant)} rattachés")
    return mouvement


def cumul_fonds_de_concours(depot: Depot, exercice: int, programme: str, titre: str) -> Centimes:
    """Σ receipts of fonds de concours on the programme × titre in the exercice (for carry-over)."""
    return sum(x.ae for x in mouvements(depot, exercice)
               if x.type_mouvement == FONDS_DE_CONCOURS and x.destination == programme and x.titre_destination == titre)
