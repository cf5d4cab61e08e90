"""Screens of the year-end closing and of the campagne des reports (operations of
:mod:`chorus_sandbox.domaine.reports`): clôture of the exercice with its reportable amounts
(cap used, per-TF AENE), cap rates, demandes de report (deposit, list, detail with history,
avis du contrôleur budgétaire), arrêtés de report and their integration in N+1, EJ basculés.

Same conventions as :mod:`chorus_sandbox.web.ui`: a refused form is re-rendered with the status
of the error, the domain's French message in ``role="alert"`` and what the user typed; a success
redirects (303) to the result with a ``?notice=`` naming the exact amounts. The author of each
step is the logged-in user. Lists show only the programmes of the user's périmètres (``Bac.lire``
filters the programmes); a detail page of a programme outside them is refused (403).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import zip_longest
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from chorus_sandbox.domaine import habilitations as hb
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import reports as rp
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ErreurChorus
from chorus_sandbox.domaine.montants import Centimes
from chorus_sandbox.domaine.montants import format_montant as fm
from chorus_sandbox.domaine.operations import obtenir
from chorus_sandbox.domaine.regles import PLAFOND_REPORT_CP_POURCENT
from chorus_sandbox.restitutions import LIBELLES_NATURES_REPORT
from chorus_sandbox.web import vues_reports as vr
from chorus_sandbox.web.formulaires import (
    Champ,
    Saisie,
    annee_saisie,
    code_saisi,
    montant_saisi,
    taux_saisi,
)
from chorus_sandbox.web.lectures import lister, noms_fournisseurs
from chorus_sandbox.web.operations_ecran import Donnees, rendre_ecran, traiter_formulaire
from chorus_sandbox.web.rendu import gabarits, rendre
from chorus_sandbox.web.requetes import bac_courant
from chorus_sandbox.web.securite import auteur_courant

routeur = APIRouter(include_in_schema=False)

#: The campaign's screens, in the sub-menu of every one of them.
ECRANS_REPORTS: tuple[tuple[str, str], ...] = (
    ("/reports", "Clôture et montants reportables"),
    ("/reports/demandes", "Demandes de report"),
    ("/reports/arretes", "Arrêtés de report"),
    ("/reports/ej-bascules", "EJ basculés"),
)
gabarits.env.globals["ecrans_reports"] = ECRANS_REPORTS
gabarits.env.globals["natures_report"] = LIBELLES_NATURES_REPORT
gabarits.env.filters["taux"] = lambda valeur: rp._taux_texte(Decimal(str(valeur))) if valeur is not None else ""
TITRE_CLOTURE = "Clôture de l'exercice et montants reportables"
TITRE_DEMANDES, TITRE_ARRETES = "Demandes de report", "Arrêtés de report"
TITRE_EJ_BASCULES = "Engagements juridiques basculés"
LIGNES_FORMULAIRE = 4  # rows of the demande form (empty rows are ignored)
AVIS = {"favorable": "Favorable", "défavorable": "Défavorable"}


# --- Shared helpers ----------------------------------------------------------------------------
def _visibles(depot: Depot) -> set[str]:
    """Programmes of the user's périmètres (the reading depot filters them)."""
    return {p.numero for p in depot.lister(m.Programme)}


def _date_saisie(texte: str, champ: str) -> dt.date | None:
    """A date typed ``jj/mm/aaaa``; empty means none."""
    valeur = texte.strip()
    if not valeur:
        return None
    try:
        return dt.datetime.strptime(valeur, "%d/%m/%Y").date()
    except ValueError:
        raise DonneeInvalide(f"{champ} : « {valeur} » n'est pas une date (jj/mm/aaaa, ex. 01/01/2027)") from None


def _total(lignes: Sequence[Any], ae: str, cp: str) -> str:
    return f"AE {fm(sum(getattr(x, ae) for x in lignes))} et CP {fm(sum(getattr(x, cp) for x in lignes))}"


# --- Clôture, plafonds, montants reportables ----------------------------------------------------
def _exercice_consulte(depot: Depot, courant: int) -> int:
    """By default the last closed exercice (the one the campaign is about), else the current one."""
    clos = rp.clotures(depot)
    return clos[-1].exercice if clos else courant


def _lire_cloture(exercice: int | None, programme: str, courant: int) -> Callable[[Depot], Donnees]:
    """The closing of ``exercice`` (its programmes visible to the user, or ``programme`` alone)."""
    def lecture(depot: Depot) -> Donnees:
        annee = _exercice_consulte(depot, courant) if exercice is None else exercice
        fin = rp.cloture(depot, annee)
        if programme:
            rp.cloture_de(depot, annee, programme)  # refuses an unknown programme or an open exercice
        visibles = _visibles(depot)
        programmes = [p for p in vr.cloture(fin, fm)["programmes"] if p["programme"] in visibles
                      and programme in ("", p["programme"])] if fin else []
        return {"cloture": fin, "exercice_consulte": annee, "reportables": programmes,
                "clotures": rp.clotures(depot), "programmes": lister(depot, m.Programme, "numero"),
                "plafonds_report": rp.plafonds_report(depot, courant)}
    return lecture


def _ecran_cloture(requete: Request, exercice: int | None = None, programme: str = "",
                   refus: ErreurChorus | None = None, saisie: Saisie | None = None) -> HTMLResponse:
    courant = bac_courant(requete).contexte.exercice
    try:
        lecture = bac_courant(requete).lire(_lire_cloture(exercice, programme, courant))
    except ErreurChorus as exc:  # an unknown programme, an exercice not closed: the screen says so
        refus, lecture = refus or exc, bac_courant(requete).lire(_lire_cloture(None, "", courant))
    valeurs = {"exercice": str(courant), "plafond_exercice": str(courant),
               "consulte": str(lecture["exercice_consulte"]), "programme": programme, **(saisie or {})}
    return rendre(requete, "reports_cloture.html", refus.statut_http if refus else 200, titre_page=TITRE_CLOTURE,
                  erreur=refus.message if refus else None, saisie=valeurs, formulaire=valeurs.get("formulaire", ""),
                  taux_general_defaut=PLAFOND_REPORT_CP_POURCENT, **lecture)


@routeur.get("/reports", response_class=HTMLResponse)
def cloture(requete: Request, exercice: str = "", programme: str = "") -> HTMLResponse:
    """The closing screen; the query string is the consultation form (GET)."""
    courant = bac_courant(requete).contexte.exercice
    try:
        annee = annee_saisie(exercice, courant) if exercice.strip() else None
    except ErreurChorus as exc:
        return _ecran_cloture(requete, refus=exc, saisie={"consulte": exercice, "programme": programme})
    return _ecran_cloture(requete, annee, programme.strip().upper())


@routeur.post("/reports/cloture", response_class=HTMLResponse)
def cloturer(requete: Request, exercice: Champ = "", date_ouverture: Champ = "") -> Response:
    saisie = {"formulaire": "cloture", "exercice": exercice, "date_ouverture": date_ouverture}

    def action() -> tuple[str, str]:
        bac = bac_courant(requete)
        annee = annee_saisie(exercice, bac.contexte.exercice)
        ouverture = _date_saisie(date_ouverture, "Date d'ouverture")
        fin = bac.executer(rp.cloturer_exercice, annee, auteur_courant(), ouverture)
        return "/reports", (f"Exercice {fin.exercice} clos : {fin.ej_bascules} EJ basculés sur {fin.exercice + 1}, "
                            f"exercice {fin.exercice + 1} ouvert le {fin.date_ouverture:%d/%m/%Y}")

    return traiter_formulaire(action, lambda exc: _ecran_cloture(requete, refus=exc, saisie=saisie))


@routeur.post("/reports/plafonds", response_class=HTMLResponse)
def fixer_plafond(requete: Request, plafond_exercice: Champ = "", plafond_programme: Champ = "",
                  taux: Champ = "") -> Response:
    saisie = {"formulaire": "plafond", "plafond_exercice": plafond_exercice,
              "plafond_programme": plafond_programme, "taux": taux}

    def action() -> tuple[str, str]:
        bac = bac_courant(requete)
        annee = annee_saisie(plafond_exercice, bac.contexte.exercice)
        programme, valeur = plafond_programme.strip().upper(), taux_saisi(taux, "Taux (%)")
        p = bac.executer(rp.fixer_plafond_report, annee, valeur, programme)
        objet = f"programme {p.programme} (liste majorée)" if p.programme else "taux général"
        return "/reports", (f"Plafond de report des CP hors titre 2 de l'exercice {p.exercice} fixé : {objet}, "
                            f"{rp._taux_texte(p.taux)} %")

    return traiter_formulaire(action, lambda exc: _ecran_cloture(requete, refus=exc, saisie=saisie))


# --- Demandes de report et avis ------------------------------------------------------------------
class SaisieDemande(BaseModel):
    """The demande form as typed; line fields come as lists (one entry per row)."""

    programme: str = ""
    titre: list[str] = []
    nature: list[str] = []
    ae: list[str] = []
    cp: list[str] = []

    def lignes(self) -> list[Saisie]:
        """The rows as typed, padded with empty rows up to the form's size."""
        rangees = zip_longest(self.titre, self.nature, self.ae, self.cp, fillvalue="")
        lignes = [{"titre": t, "nature": n, "ae": a, "cp": c} for t, n, a, c in rangees]
        return lignes + [{"titre": "", "nature": "", "ae": "", "cp": ""} for _ in range(LIGNES_FORMULAIRE - len(lignes))]

    def lignes_demandees(self) -> list[rp.LigneReport]:
        """The non-empty rows as domain lines; amounts parsed (an empty amount is 0)."""
        return [rp.LigneReport(x["titre"], x["nature"], montant_saisi(x["ae"], f"Ligne {rang}, AE", vide_vaut_zero=True),
                               montant_saisi(x["cp"], f"Ligne {rang}, CP", vide_vaut_zero=True))
                for rang, x in enumerate(self.lignes(), start=1) if any(v.strip() for v in x.values())]


def _lire_demandes(depot: Depot) -> Donnees:
    visibles = _visibles(depot)
    return {"demandes": [d for d in rp.demandes(depot) if d.programme in visibles],
            "programmes": lister(depot, m.Programme, "numero")}


def _ecran_demandes(requete: Request, saisie: SaisieDemande | None = None,
                    refus: ErreurChorus | None = None) -> HTMLResponse:
    saisie = saisie or SaisieDemande()
    exercice = bac_courant(requete).contexte.exercice - 1
    return rendre_ecran(requete, "reports_demandes.html", TITRE_DEMANDES, _lire_demandes, refus,
                  saisie=saisie.model_dump(), lignes_saisies=saisie.lignes(), exercice_reporte=exercice)


@routeur.get("/reports/demandes", response_class=HTMLResponse)
def demandes(requete: Request) -> HTMLResponse:
    return _ecran_demandes(requete)


@routeur.post("/reports/demandes", response_class=HTMLResponse)
def deposer_demande(requete: Request, saisie: Annotated[SaisieDemande, Form()]) -> Response:
    def action() -> tuple[str, str]:
        d = bac_courant(requete).executer(rp.demander_report, code_saisi(saisie.programme, "Programme"),
                                   saisie.lignes_demandees(), auteur_courant())
        return f"/reports/demandes/{d.numero}", (f"Demande de report {d.numero} déposée : programme {d.programme}, "
                                                 f"{len(d.lignes)} ligne(s), {_total(d.lignes, 'ae', 'cp')}")

    return traiter_formulaire(action, lambda exc: _ecran_demandes(requete, saisie, exc))


def _lire_demande(numero: str) -> Callable[[Depot], Donnees]:
    def lecture(depot: Depot) -> Donnees:
        d = obtenir(depot, m.DemandeReport, numero, "Demande de report")
        depot.trouver(m.Programme, d.programme)  # refused (403) outside the user's périmètres
        fin = rp.cloture(depot, d.exercice)
        reportables = {(x.titre, x.nature): x for x in fin.lignes if x.programme == d.programme} if fin else {}
        return {"demande": d, "historique": rp.historique(depot, numero), "reportables": reportables}
    return lecture


def _ecran_demande(requete: Request, numero: str, refus: ErreurChorus | None = None,
                   saisie: Saisie | None = None) -> HTMLResponse:
    valeurs = saisie or {"avis": "", "motif": ""}
    return rendre_ecran(requete, "reports_demande.html", f"Demande de report {numero}", _lire_demande(numero), refus,
                  saisie=valeurs, avis_possibles=AVIS)


@routeur.get("/reports/demandes/{numero}", response_class=HTMLResponse)
def demande(requete: Request, numero: str) -> HTMLResponse:
    return _ecran_demande(requete, numero)


@routeur.post("/reports/demandes/{numero}/avis", response_class=HTMLResponse)
def donner_avis(requete: Request, numero: str, avis: Champ = "", motif: Champ = "") -> Response:
    saisie = {"avis": avis, "motif": motif}

    def action() -> tuple[str, str]:
        if not avis.strip():
            raise DonneeInvalide("Avis : champ obligatoire (favorable ou défavorable)")
        d = bac_courant(requete).executer(rp.donner_avis, numero, avis, motif, auteur_courant())
        suffixe = f" : {d.motif_avis}" if d.motif_avis else ""
        return f"/reports/demandes/{numero}", f"Avis {d.avis} enregistré sur la demande de report {numero}{suffixe}"

    return traiter_formulaire(action, lambda exc: _ecran_demande(requete, numero, exc, saisie))


# --- Arrêtés de report et intégration -------------------------------------------------------------
def _lire_arretes(depot: Depot) -> Donnees:
    """Arrêtés with a programme of the user's périmètres (the reading depot filters them), each with
    the lines of those programmes only."""
    arretes = rp.arretes(depot)
    return {"arretes": arretes, "lignes_visibles": {a.numero: hb.visibles(depot, a.lignes) for a in arretes},
            "a_arreter": [d for d in rp.demandes(depot) if d.statut == rp.FAVORABLE]}


def _ecran_arretes(requete: Request, refus: ErreurChorus | None = None, saisie: Saisie | None = None) -> HTMLResponse:
    valeurs = {"demandes": "", "numero": "", **(saisie or {})}
    return rendre_ecran(requete, "reports_arretes.html", TITRE_ARRETES, _lire_arretes, refus, saisie=valeurs,
                  formulaire=valeurs.get("formulaire", ""))


def _numeros(texte: str) -> list[str] | None:
    """Demande numbers typed as ``DR2026000001, DR2026000002``; empty means every demande with an avis favorable."""
    numeros = [x.upper() for x in re.split(r"[\s,;]+", texte.strip()) if x]
    return numeros or None


@routeur.get("/reports/arretes", response_class=HTMLResponse)
def arretes(requete: Request) -> HTMLResponse:
    return _ecran_arretes(requete)


@routeur.post("/reports/arretes", response_class=HTMLResponse)
def arreter(requete: Request, demandes: Champ = "") -> Response:
    saisie = {"formulaire": "arrete", "demandes": demandes}

    def action() -> tuple[str, str]:
        a = bac_courant(requete).executer(rp.arreter_reports, auteur_courant(), None, _numeros(demandes))
        nombre = len(dict.fromkeys(x.demande for x in a.lignes))
        return f"/reports/arretes/{a.numero}", (f"Arrêté de report {a.numero} signé : {nombre} demande(s), "
                                                f"{_total(a.lignes, 'ae_accordees', 'cp_accordees')} accordés")

    return traiter_formulaire(action, lambda exc: _ecran_arretes(requete, exc, saisie))


def _integrer(requete: Request, numero: str) -> tuple[str, str]:
    a = bac_courant(requete).executer(rp.integrer_arrete, numero.strip().upper(), auteur_courant())
    return f"/reports/arretes/{a.numero}", (f"Arrêté de report {a.numero} intégré : "
                                            f"{_total(a.lignes, 'ae_accordees', 'cp_accordees')} ouverts sur "
                                            f"l'exercice {a.exercice + 1}")


@routeur.post("/reports/integration", response_class=HTMLResponse)
def integrer_par_numero(requete: Request, numero: Champ = "") -> Response:
    """Integration from the list: the number is typed (an arrêté's; a demande's is refused in French)."""
    saisie = {"formulaire": "integration", "numero": numero}

    def action() -> tuple[str, str]:
        return _integrer(requete, code_saisi(numero, "N° d'arrêté"))

    return traiter_formulaire(action, lambda exc: _ecran_arretes(requete, exc, saisie))


def _lire_arrete(numero: str) -> Callable[[Depot], Donnees]:
    def lecture(depot: Depot) -> Donnees:
        a = obtenir(depot, m.ArreteReport, numero, "Arrêté de report")  # refused (403) if none of its programmes is the user's
        return {"arrete": a, "lignes": hb.visibles(depot, a.lignes), "historique": rp.historique(depot, numero)}
    return lecture


def _ecran_arrete(requete: Request, numero: str, refus: ErreurChorus | None = None) -> HTMLResponse:
    return rendre_ecran(requete, "reports_arrete.html", f"Arrêté de report {numero}", _lire_arrete(numero), refus)


@routeur.get("/reports/arretes/{numero}", response_class=HTMLResponse)
def arrete(requete: Request, numero: str) -> HTMLResponse:
    return _ecran_arrete(requete, numero)


@routeur.post("/reports/arretes/{numero}/integration", response_class=HTMLResponse)
def integrer(requete: Request, numero: str) -> Response:
    return traiter_formulaire(lambda: _integrer(requete, numero), lambda exc: _ecran_arrete(requete, numero, exc))


# --- EJ basculés -----------------------------------------------------------------------------------
def _lire_ej_bascules(exercice: int) -> Callable[[Depot], Donnees]:
    def lecture(depot: Depot) -> Donnees:
        engagements = rp.ej_bascules(depot, exercice)
        bascules: dict[str, Centimes] = {ej.numero: rp.montant_bascule(ej, exercice) for ej in engagements}
        return {"engagements": engagements, "bascules": bascules,
                "fournisseurs": noms_fournisseurs(depot)}
    return lecture


@routeur.get("/reports/ej-bascules", response_class=HTMLResponse)
def ej_bascules(requete: Request, exercice: str = "") -> HTMLResponse:
    """EJs carried from an exercice into the next; the query string is the form (GET)."""
    precedent = bac_courant(requete).contexte.exercice - 1
    saisie = {"exercice": exercice or str(precedent)}
    try:
        annee = annee_saisie(exercice, precedent)
    except ErreurChorus as exc:
        return rendre_ecran(requete, "reports_ej_bascules.html", TITRE_EJ_BASCULES, _lire_ej_bascules(precedent), exc,
                      saisie=saisie, exercice_consulte=precedent)
    return rendre_ecran(requete, "reports_ej_bascules.html", TITRE_EJ_BASCULES, _lire_ej_bascules(annee), saisie=saisie,
                  exercice_consulte=annee)
