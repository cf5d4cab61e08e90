"""Plain dicts of the closing and the campagne des reports, for the JSON API (exact decimal
strings, the default ``fm``) and for the screens (pass a French formatter as ``fm``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import reports as rp
from chorus_sandbox.web.vues import Montant, date_iso, engagement, euros_texte


def _horodatage(moment: dt.datetime) -> str:
    return moment.isoformat()


def plafond_report(p: m.PlafondReport) -> dict[str, Any]:
    return {"exercice": p.exercice, "programme": p.programme or None, "taux": str(p.taux)}


def tranche(t: m.AeneTranche, fm: Montant = euros_texte) -> dict[str, Any]:
    return {"tranche": t.tranche, "uo": t.uo, "titre": t.titre, "ae_affectees": fm(t.ae_affectees),
            "ae_engagees": fm(t.ae_engagees), "aene": fm(t.aene)}


def ligne_reportable(x: m.LigneReportable, fm: Montant = euros_texte) -> dict[str, Any]:
    return {"titre": x.titre, "nature": x.nature, "ae_non_consommees": fm(x.ae_non_consommees),
            "cp_non_consommes": fm(x.cp_non_consommes), "ae_reportables": fm(x.ae_reportables),
            "cp_reportables": fm(x.cp_reportables)}


def reportables(c: m.Cloture, programme: str, fm: Montant = euros_texte) -> dict[str, Any]:
    """What one programme may carry from the closed exercice: cap, lines, per-TF AENE."""
    plafond = next((p for p in c.plafonds if p.programme == programme), None)
    lignes = [x for x in c.lignes if x.programme == programme]
    return {
        "exercice": c.exercice, "programme": programme,
        "lfi_cp_hors_t2": fm(plafond.lfi_cp_hors_t2 if plafond else 0),
        "taux_plafond": str(plafond.taux) if plafond else None,
        "plafond_majore": plafond.majore if plafond else False,
        "plafond_cp_hors_t2": fm(plafond.plafond if plafond else 0),
        "cp_hors_t2_non_consommes": fm(plafond.cp_non_consommes if plafond else 0),
        "cp_hors_t2_reportables": fm(plafond.cp_reportables if plafond else 0),
        "ae_reportables": fm(sum(x.ae_reportables for x in lignes)),
        "cp_reportables": fm(sum(x.cp_reportables for x in lignes)),
        "lignes": [ligne_reportable(x, fm) for x in lignes],
        "tranches": [tranche(t, fm) for t in c.tranches if t.programme == programme],
    }


def cloture(c: m.Cloture, fm: Montant = euros_texte, programmes: Collection[str] | None = None) -> dict[str, Any]:
    """The closing, its programmes restricted to ``programmes`` when given (a user's périmètres)."""
    tous = {p.programme for p in c.plafonds} | {x.programme for x in c.lignes}
    programmes = sorted(tous if programmes is None else tous & set(programmes))
    return {"exercice": c.exercice, "date_cloture": date_iso(c.date_cloture), "date_ouverture": date_iso(c.date_ouverture),
            "auteur": c.auteur, "horodatage": _horodatage(c.horodatage), "ej_bascules": c.ej_bascules,
            "programmes": [reportables(c, p, fm) for p in programmes]}


def etape(e: m.EtapeReport) -> dict[str, Any]:
    return {"horodatage": _horodatage(e.horodatage), "auteur": e.auteur, "action": e.action, "statut": e.statut,
            "detail": e.detail}


def demande(d: m.DemandeReport, historique: list[m.EtapeReport], fm: Montant = euros_texte) -> dict[str, Any]:
    return {
        "numero": d.numero, "exercice": d.exercice, "programme": d.programme, "auteur": d.auteur,
        "date_depot": date_iso(d.date_depot), "statut": d.statut, "avis": d.avis or None,
        "motif_avis": d.motif_avis, "auteur_avis": d.auteur_avis or None, "date_avis": date_iso(d.date_avis),
        "arrete": d.arrete or None,
        "lignes": [{"titre": x.titre, "nature": x.nature, "ae": fm(x.ae), "cp": fm(x.cp)} for x in d.lignes],
        "historique": [etape(e) for e in historique],
    }


def ligne_arrete(x: m.LigneArreteReport, fm: Montant = euros_texte) -> dict[str, Any]:
    return {"demande": x.demande, "programme": x.programme, "titre": x.titre, "nature": x.nature,
            **{nom: fm(getattr(x, nom)) for nom in ("ae_demandees", "cp_demandees", "ae_reportables",
                                                     "cp_reportables", "ae_accordees", "cp_accordees")}}


def arrete(a: m.ArreteReport, historique: list[m.EtapeReport], fm: Montant = euros_texte,
           lignes: Sequence[m.LigneArreteReport] | None = None) -> dict[str, Any]:
    """The arrêté with ``lignes`` (default all of them; a user sees those of their périmètres) and their totals."""
    lignes = a.lignes if lignes is None else lignes
    return {
        "numero": a.numero, "exercice": a.exercice, "exercice_ouverture": a.exercice + 1,
        "date_signature": date_iso(a.date_signature), "auteur": a.auteur, "statut": a.statut,
        "date_integration": date_iso(a.date_integration), "auteur_integration": a.auteur_integration or None,
        "demandes": list(dict.fromkeys(x.demande for x in lignes)),
        "ae_accordees": fm(sum(x.ae_accordees for x in lignes)),
        "cp_accordees": fm(sum(x.cp_accordees for x in lignes)),
        "lignes": [ligne_arrete(x, fm) for x in lignes],
        "historique": [etape(e) for e in historique],
    }


def ej_bascule(ej: m.EngagementJuridique, exercice: int, fm: Montant = euros_texte) -> dict[str, Any]:
    """The EJ as everywhere, plus what was carried into ``exercice + 1`` (Σ of its 350 movements)."""
    return {**engagement(ej, fm), "montant_bascule": fm(rp.montant_bascule(ej, exercice)),
            "date_bascule": date_iso(dt.date(exercice + 1, 1, 1))}
