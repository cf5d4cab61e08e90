"""Screens of the marchés publics and accords-cadres: the list with its suivi figures and the
creation form, one marché with its bons de commande. A bon de commande is created on the EJ
creation screen (its « Marché » field), reached from the marché's page already filled in.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from chorus_sandbox.domaine import marches as mc
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import ErreurChorus
from chorus_sandbox.domaine.montants import format_montant as fm
from chorus_sandbox.web.formulaires import (
    Champ,
    Saisie,
    code_saisi,
    montant_saisi,
    texte_obligatoire,
)
from chorus_sandbox.web.lectures import lister
from chorus_sandbox.web.operations_ecran import Donnees, rendre_ecran, traiter_formulaire
from chorus_sandbox.web.rendu import gabarits, rendre
from chorus_sandbox.web.requetes import bac_courant

routeur = APIRouter(include_in_schema=False)

TITRE = "Marchés et accords-cadres"
gabarits.env.globals["natures_marche"] = m.NATURES_MARCHE
gabarits.env.globals["etat_marche"] = mc.etat
gabarits.env.filters["taux_consommation"] = lambda taux: mc.format_taux(taux) or "—"


def _lire_marches(depot: Depot) -> Donnees:
    return {"suivis": mc.suivis(depot), "uos": lister(depot, m.UniteOperationnelle, "code"),
            "fournisseurs": lister(depot, m.Fournisseur, "code")}


def _ecran_marches(requete: Request, refus: ErreurChorus | None = None, saisie: Saisie | None = None) -> HTMLResponse:
    return rendre_ecran(requete, "marches.html", TITRE, _lire_marches, refus, saisie=saisie or {})


@routeur.get("/marches", response_class=HTMLResponse)
def marches(requete: Request) -> HTMLResponse:
    return _ecran_marches(requete)


@routeur.post("/marches", response_class=HTMLResponse)
def creer_marche(requete: Request, nature: Champ = "", objet: Champ = "", titulaire: Champ = "", uo: Champ = "",
                 date_debut: Champ = "", date_fin: Champ = "", montant_maximum: Champ = "") -> Response:
    saisie = {"nature": nature, "objet": objet, "titulaire": titulaire, "uo": uo, "date_debut": date_debut,
              "date_fin": date_fin, "montant_maximum": montant_maximum}

    def action() -> tuple[str, str]:
        centre, fournisseur = code_saisi(uo, "Centre financier"), texte_obligatoire(titulaire, "Titulaire")
        debut = mc.lire_date(texte_obligatoire(date_debut, "Date de début"), "Date de début")
        fin = mc.lire_date(texte_obligatoire(date_fin, "Date de fin"), "Date de fin")
        maximum = montant_saisi(montant_maximum, "Montant maximum") if montant_maximum.strip() else None
        marche = bac_courant(requete).executer(mc.creer_marche, texte_obligatoire(nature, "Nature"), objet, fournisseur,
                                               centre, debut, fin, maximum)
        plafond = f"montant maximum {fm(maximum)}" if maximum is not None else "sans montant maximum"
        return f"/marches/{marche.numero}", (f"{marche.libelle_nature} {marche.numero} enregistré : titulaire "
                                             f"{marche.titulaire}, {plafond}")

    return traiter_formulaire(action, lambda exc: _ecran_marches(requete, exc, saisie))


@routeur.get("/marches/{numero}", response_class=HTMLResponse)
def marche(requete: Request, numero: str) -> HTMLResponse:
    """One marché (titled by its nature: « Accord-cadre 2026-0150-00001 ») and its bons de commande."""
    suivi = bac_courant(requete).lire(lambda depot: mc.suivi(depot, numero))
    return rendre(requete, "marche.html", titre_page=f"{suivi.marche.libelle_nature} {suivi.marche.numero}",
                  erreur=None, suivi=suivi)
