"""Plain dicts of the entities, shared by the JSON API (exact decimal strings) and the screens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine.montants import vers_euros

Montant = Callable[[int], Any]


def euros_texte(centimes: int) -> str:
    """JSON amounts are exact decimal strings: ``"1234567.89"``."""
    return str(vers_euros(centimes))


def date_iso(valeur: dt.date | None) -> str | None:
    return valeur.isoformat() if valeur else None


def loi(l: m.LoiDeFinances, fm: Montant = euros_texte) -> dict[str, Any]:
    return {
        "identifiant": l.identifiant, "nature": l.nature, "exercice": l.exercice,
        "date_integration": date_iso(l.date_integration),
        "taux_reserve_t2": str(l.taux_reserve_t2), "taux_reserve_hors_t2": str(l.taux_reserve_hors_t2),
        "lignes": [{"programme": x.programme, "titre": x.titre, "ae": fm(x.ae), "cp": fm(x.cp), "etpt": x.etpt}
                   for x in l.lignes],
    }


def mise_a_disposition(x: m.MiseADisposition, fm: Montant = euros_texte) -> dict[str, Any]:
    return {"exercice": x.exercice, "source": x.source, "destination": x.destination,
            "niveau_destination": x.niveau_destination, "titre": x.titre, "ae": fm(x.ae), "cp": fm(x.cp),
            "date": date_iso(x.date)}


def tranche(tf: m.TrancheFonctionnelle, fm: Montant = euros_texte) -> dict[str, Any]:
    return {"numero": tf.numero, "exercice": tf.exercice, "uo": tf.uo, "titre": tf.titre, "libelle": tf.libelle,
            "ae_affectees": fm(tf.ae_affectees), "ae_engagees": fm(tf.ae_engagees), "aene": fm(tf.aene)}


def engagement(ej: m.EngagementJuridique, fm: Montant = euros_texte) -> dict[str, Any]:
    return {
        "numero": ej.numero, "exercice": ej.exercice, "exercice_courant": ej.exercice_courant, "uo": ej.uo,
        "titre": ej.titre, "fournisseur": ej.fournisseur, "objet": ej.objet,
        "date_creation": date_iso(ej.date_creation), "tranche": ej.tranche, "marche": ej.marche, "statut": ej.statut,
        "montant": fm(ej.montant), "montant_receptionne": fm(ej.montant_receptionne),
        "montant_demande": fm(ej.montant_demande), "montant_paye": fm(ej.montant_paye),
        "reste_a_payer": fm(ej.reste_a_payer),
        "postes": [
            {"numero": p.numero, "montant": fm(p.montant), "domaine_fonctionnel": p.domaine_fonctionnel,
             "activite": p.activite, "montant_receptionne": fm(p.montant_receptionne),
             "montant_demande": fm(p.montant_demande), "montant_paye": fm(p.montant_paye)}
            for p in ej.postes
        ],
        "mouvements": [
            {"type": x.type_mouvement, "poste": x.poste, "exercice": x.exercice, "date": date_iso(x.date),
             "montant": fm(x.montant)}
            for x in ej.mouvements
        ],
    }


def service_fait(sf: m.ServiceFait, fm: Montant = euros_texte) -> dict[str, Any]:
    return {"numero": sf.numero, "engagement": sf.engagement, "poste": sf.poste, "montant": fm(sf.montant),
            "date": date_iso(sf.date), "code_mouvement": sf.code_mouvement}


def demande_paiement(dp: m.DemandePaiement, fm: Montant = euros_texte) -> dict[str, Any]:
    return {"numero": dp.numero, "engagement": dp.engagement, "poste": dp.poste, "montant": fm(dp.montant),
            "date_base": date_iso(dp.date_base), "statut": dp.statut, "date_paiement": date_iso(dp.date_paiement),
            "exercice_paiement": dp.exercice_paiement}


def situation(s: m.Situation, fm: Montant = euros_texte) -> dict[str, Any]:
    champs = [f for f in m.LigneSituation.__dataclass_fields__ if f != "titre"]
    return {
        "exercice": s.exercice, "niveau": s.niveau, "code": s.code, "libelle": s.libelle,
        "lignes": [{"titre": lg.titre, **{c: fm(getattr(lg, c)) for c in champs}} for lg in s.lignes],
    }


def evenement(e: m.Evenement) -> dict[str, Any]:
    return {"horodatage": e.horodatage.isoformat(), "operation": e.operation, "objet": e.objet, "detail": e.detail}


def referentiel(objet: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(objet).items() if not k.startswith("_")}
