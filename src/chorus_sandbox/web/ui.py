"""Server-rendered screens of budget execution (Jinja2): one per operation and per consultation.

Référentiel, lois de finances, mises à disposition, tranches fonctionnelles, engagements
juridiques, demandes de paiement, situation budgétaire, historique. A form posts to its screen
(or, on a detail page, to a sub-URL of it). A refusal re-renders the screen with the status of
the error (409, 422 or 404), the French message in ``role="alert"`` and what the user typed; a
success redirects (303, POST/redirect/GET) to the result with a ``?notice=`` shown in
``role="status"`` (web/operations_ecran.py). Other screens live beside it (ui_*.py).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import zip_longest
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import ErreurChorus
from chorus_sandbox.domaine.montants import format_montant as fm
from chorus_sandbox.service import Bac
from chorus_sandbox.web.fichiers_csv import contenu_televerse, lire_fichier_loi
from chorus_sandbox.web.formulaires import (
    Champ,
    Saisie,
    annee_saisie,
    code_saisi,
    identifiant_loi_saisi,
    montant_saisi,
    numero_poste_saisi,
    taux_saisi,
    texte_obligatoire,
)
from chorus_sandbox.web.lectures import lister, noms_fournisseurs, numeros_programmes
from chorus_sandbox.web.operations_ecran import Donnees, rendre_ecran, traiter_formulaire
from chorus_sandbox.web.requetes import bac_courant

routeur = APIRouter(include_in_schema=False)



def _codes_budgetaires(depot: Depot) -> Donnees:
    """Codes offered as suggestions (``<datalist>``) in the forms."""
    return {"programmes": lister(depot, m.Programme, "numero"), "bops": lister(depot, m.Bop, "code"),
            "uos": lister(depot, m.UniteOperationnelle, "code")}



# --- Accueil -----------------------------------------------------------------------------------
def _lire_accueil(exercice: int, defauts: frozenset[str]) -> Callable[[Depot], Donnees]:
    def lecture(depot: Depot) -> Donnees:
        programmes = lister(depot, m.Programme, "numero")
        situations = [op.situation(depot, exercice, "programme", p.numero, defauts) for p in programmes]
        return {
            "situations": [s for s in situations if len(s.lignes) > 1],
            "nb_engagements": len(depot.lister(m.EngagementJuridique)),
            "nb_tranches": len(depot.lister(m.TrancheFonctionnelle)),
            "nb_dp_a_payer": sum(1 for dp in depot.lister(m.DemandePaiement) if dp.statut == "À payer"),
            "lois": depot.lister(m.LoiDeFinances),
        }
    return lecture


@routeur.get("/", response_class=HTMLResponse)
def accueil(requete: Request) -> HTMLResponse:
    bac = bac_courant(requete)
    return rendre_ecran(requete, "accueil.html", "Accueil", _lire_accueil(bac.contexte.exercice, bac.defauts))


# --- Référentiel ---------------------------------------------------------------------------------
def _lire_referentiel(depot: Depot) -> Donnees:
    return {**_codes_budgetaires(depot), "missions": {x.code: x for x in depot.lister(m.Mission)},
            "domaines": lister(depot, m.DomaineFonctionnel, "code"),
            "activites": lister(depot, m.Activite, "code"),
            "fournisseurs": lister(depot, m.Fournisseur, "code")}


@routeur.get("/referentiel", response_class=HTMLResponse)
def referentiel(requete: Request) -> HTMLResponse:
    return rendre_ecran(requete, "referentiel.html", "Référentiel", _lire_referentiel)


# --- Lois de finances --------------------------------------------------------------------------
def _lire_lois(depot: Depot) -> Donnees:
    return {"lois": sorted(depot.lister(m.LoiDeFinances), key=lambda x: (x.exercice, x.identifiant))}


def _ecran_lois(requete: Request, refus: ErreurChorus | None = None, saisie: Saisie | None = None) -> HTMLResponse:
    return rendre_ecran(requete, "lois.html", "Lois de finances", _lire_lois, refus, saisie=saisie or {})


@routeur.get("/lois-de-finances", response_class=HTMLResponse)
def lois_de_finances(requete: Request) -> HTMLResponse:
    return _ecran_lois(requete)


@routeur.post("/lois-de-finances", response_class=HTMLResponse)
def integrer_loi(requete: Request, identifiant: Champ = "", taux_t2: Champ = "", taux_hors_t2: Champ = "",
                 fichier: Annotated[UploadFile | None, File()] = None) -> Response:
    saisie = {"identifiant": identifiant, "taux_t2": taux_t2, "taux_hors_t2": taux_hors_t2}

    def action() -> tuple[str, str]:
        bac, contenu = bac_courant(requete), contenu_televerse(fichier)
        nom = identifiant_loi_saisi(identifiant)
        t2, ht2 = taux_saisi(taux_t2, "Taux de réserve T2 (%)"), taux_saisi(taux_hors_t2, "Taux de réserve hors T2 (%)")
        lignes = lire_fichier_loi(contenu, bac.lire(numeros_programmes))
        loi = bac.executer(op.integrer_loi_de_finances, nom, "LFI", bac.contexte.exercice, lignes, t2, ht2)
        ae, cp = sum(x.ae for x in loi.lignes), sum(x.cp for x in loi.lignes)
        return "/lois-de-finances", (f"Loi de finances « {loi.identifiant} » intégrée : {len(loi.lignes)} lignes, "
                                     f"AE {fm(ae)}, CP {fm(cp)}")

    return traiter_formulaire(action, lambda exc: _ecran_lois(requete, exc, saisie))


# --- Mises à disposition -------------------------------------------------------------------------
def _lire_mad(depot: Depot) -> Donnees:
    mads = sorted(depot.lister(m.MiseADisposition), key=lambda x: (x.id or 0))
    return {**_codes_budgetaires(depot), "mises_a_disposition": mads}


def _ecran_mad(requete: Request, refus: ErreurChorus | None = None, saisie: Saisie | None = None) -> HTMLResponse:
    return rendre_ecran(requete, "mises_a_disposition.html", "Mises à disposition", _lire_mad, refus, saisie=saisie or {})


@routeur.get("/mises-a-disposition", response_class=HTMLResponse)
def mises_a_disposition(requete: Request) -> HTMLResponse:
    return _ecran_mad(requete)


@routeur.post("/mises-a-disposition", response_class=HTMLResponse)
def mettre_a_disposition(requete: Request, source: Champ = "", destination: Champ = "", titre: Champ = "",
                         ae: Champ = "", cp: Champ = "") -> Response:
    saisie = {"source": source, "destination": destination, "titre": titre, "ae": ae, "cp": cp}

    def action() -> tuple[str, str]:
        origine, cible = code_saisi(source, "Source"), code_saisi(destination, "Destination")
        montant_ae = montant_saisi(ae, "Montant AE", vide_vaut_zero=True)
        montant_cp = montant_saisi(cp, "Montant CP", vide_vaut_zero=True)
        mad = bac_courant(requete).executer(op.mettre_a_disposition, origine, cible, titre, montant_ae, montant_cp)
        return "/mises-a-disposition", (f"Mise à disposition enregistrée : {mad.source} → {mad.destination}, "
                                        f"titre {mad.titre}, AE {fm(mad.ae)}, CP {fm(mad.cp)}")

    return traiter_formulaire(action, lambda exc: _ecran_mad(requete, exc, saisie))


# --- Tranches fonctionnelles ----------------------------------------------------------------------
def _lire_tranches(depot: Depot) -> Donnees:
    return {**_codes_budgetaires(depot), "tranches": lister(depot, m.TrancheFonctionnelle, "numero")}


def _ecran_tranches(requete: Request, refus: ErreurChorus | None = None,
                    saisie: Saisie | None = None) -> HTMLResponse:
    return rendre_ecran(requete, "tranches.html", "Tranches fonctionnelles", _lire_tranches, refus, saisie=saisie or {})


@routeur.get("/tranches-fonctionnelles", response_class=HTMLResponse)
def tranches(requete: Request) -> HTMLResponse:
    return _ecran_tranches(requete)


@routeur.post("/tranches-fonctionnelles", response_class=HTMLResponse)
def creer_tranche(requete: Request, uo: Champ = "", titre: Champ = "", libelle: Champ = "",
                  ae: Champ = "") -> Response:
    saisie = {"uo": uo, "titre": titre, "libelle": libelle, "ae": ae}

    def action() -> tuple[str, str]:
        centre_financier, montant = code_saisi(uo, "Centre financier"), montant_saisi(ae, "AE à affecter")
        tf = bac_courant(requete).executer(op.creer_tranche_fonctionnelle, centre_financier, titre, libelle, montant)
        return f"/tranches-fonctionnelles/{tf.numero}", (
            f"Tranche fonctionnelle {tf.numero} créée : {fm(tf.ae_affectees)} d'AE affectés sur l'UO {tf.uo}")

    return traiter_formulaire(action, lambda exc: _ecran_tranches(requete, exc, saisie))


def _lire_tranche(numero: str) -> Callable[[Depot], Donnees]:
    def lecture(depot: Depot) -> Donnees:
        tf = op.obtenir(depot, m.TrancheFonctionnelle, numero, "Tranche fonctionnelle")
        engagements = [ej for ej in lister(depot, m.EngagementJuridique, "numero") if ej.tranche == numero]
        return {"tf": tf, "engagements": engagements, "fournisseurs": noms_fournisseurs(depot)}
    return lecture


def _ecran_tranche(requete: Request, numero: str, refus: ErreurChorus | None = None,
                   formulaire: str = "", saisie: Saisie | None = None) -> HTMLResponse:
    return rendre_ecran(requete, "tranche.html", f"Tranche fonctionnelle {numero}", _lire_tranche(numero), refus,
                  formulaire=formulaire, saisie=saisie or {})


@routeur.get("/tranches-fonctionnelles/{numero}", response_class=HTMLResponse)
def tranche(requete: Request, numero: str) -> HTMLResponse:
    return _ecran_tranche(requete, numero)


def _mouvement_tranche(requete: Request, numero: str, formulaire: str, ae: str,
                       operation: Callable[..., m.TrancheFonctionnelle], verbe: str) -> Response:
    """Affect AE to a TF, or give affected AE back: same form, same refusal handling."""
    def action() -> tuple[str, str]:
        montant = montant_saisi(ae, "Montant AE")
        tf = bac_courant(requete).executer(operation, numero, montant)
        return f"/tranches-fonctionnelles/{numero}", (
            f"Tranche fonctionnelle {numero} : {fm(montant)} d'AE {verbe} ; AE affectées {fm(tf.ae_affectees)}, "
            f"AENE {fm(tf.aene)}")

    return traiter_formulaire(action, lambda exc: _ecran_tranche(requete, numero, exc, formulaire, {"ae": ae}))


@routeur.post("/tranches-fonctionnelles/{numero}/affectation", response_class=HTMLResponse)
def affecter(requete: Request, numero: str, ae: Champ = "") -> Response:
    return _mouvement_tranche(requete, numero, "affectation", ae, op.affecter, "affectés")


@routeur.post("/tranches-fonctionnelles/{numero}/retrait", response_class=HTMLResponse)
def retirer_affectation(requete: Request, numero: str, ae: Champ = "") -> Response:
    return _mouvement_tranche(requete, numero, "retrait", ae, op.retirer_affectation, "retirés")


# --- Engagements juridiques ------------------------------------------------------------------------
def _lire_engagements(depot: Depot) -> Donnees:
    return {"engagements": lister(depot, m.EngagementJuridique, "numero"),
            "fournisseurs": noms_fournisseurs(depot)}


@routeur.get("/engagements", response_class=HTMLResponse)
def engagements(requete: Request) -> HTMLResponse:
    return rendre_ecran(requete, "engagements.html", "Engagements juridiques", _lire_engagements)


class SaisieEngagement(BaseModel):
    """The EJ creation form as typed; poste fields come as lists (one entry per poste row)."""

    uo: str = ""
    titre: str = ""
    fournisseur: str = ""
    tranche: str = ""
    marche: str = ""
    objet: str = ""
    montant: list[str] = []
    domaine_fonctionnel: list[str] = []
    activite: list[str] = []

    def postes(self) -> list[Saisie]:
        """Three poste rows (what was typed, padded with empty rows)."""
        lignes = [{"montant": mt, "domaine_fonctionnel": df, "activite": ac}
                  for mt, df, ac in zip_longest(self.montant, self.domaine_fonctionnel, self.activite, fillvalue="")]
        vide = {"montant": "", "domaine_fonctionnel": "", "activite": ""}
        return (lignes + [dict(vide) for _ in range(3)])[:max(3, len(lignes))]

    def postes_demandes(self) -> list[op.PosteDemande]:
        """The non-empty rows as domain postes; amounts parsed, codes trimmed."""
        demandes = []
        for rang, ligne in enumerate(self.postes(), start=1):
            if not any(v.strip() for v in ligne.values()):
                continue
            montant = montant_saisi(ligne["montant"], f"Poste {rang}, montant")
            demandes.append(op.PosteDemande(montant, ligne["domaine_fonctionnel"].strip().upper(),
                                            ligne["activite"].strip().upper()))
        return demandes


def _lire_formulaire_engagement(depot: Depot) -> Donnees:
    return {"uos": lister(depot, m.UniteOperationnelle, "code"),
            "fournisseurs": lister(depot, m.Fournisseur, "code"),
            "domaines": lister(depot, m.DomaineFonctionnel, "code"),
            "activites": lister(depot, m.Activite, "code"),
            "tranches": lister(depot, m.TrancheFonctionnelle, "numero"),
            "marches": lister(depot, m.Marche, "numero")}


def _ecran_nouvel_engagement(requete: Request, saisie: SaisieEngagement,
                             refus: ErreurChorus | None = None) -> HTMLResponse:
    return rendre_ecran(requete, "engagement_nouveau.html", "Nouvel engagement juridique", _lire_formulaire_engagement,
                  refus, saisie=saisie.model_dump(), postes=saisie.postes())


@routeur.get("/engagements/nouveau", response_class=HTMLResponse)
def nouvel_engagement(requete: Request, uo: str = "", titre: str = "", tranche: str = "", fournisseur: str = "",
                      marche: str = "") -> HTMLResponse:
    """The creation form, optionally prefilled (links "Engager sur cette tranche", "Nouveau bon de commande")."""
    saisie = SaisieEngagement(uo=uo, titre=titre, tranche=tranche, fournisseur=fournisseur, marche=marche)
    return _ecran_nouvel_engagement(requete, saisie)


@routeur.post("/engagements/nouveau", response_class=HTMLResponse)
def engager(requete: Request, saisie: Annotated[SaisieEngagement, Form()]) -> Response:
    def action() -> tuple[str, str]:
        uo = code_saisi(saisie.uo, "Centre financier")
        fournisseur = texte_obligatoire(saisie.fournisseur, "Fournisseur")
        postes = saisie.postes_demandes()
        ej = bac_courant(requete).executer(op.engager, uo, saisie.titre, fournisseur, saisie.objet, postes,
                                    saisie.tranche.strip().upper() or None, saisie.marche.strip() or None)
        bon = f", bon de commande du marché {ej.marche}" if ej.marche else ""
        return f"/engagements/{ej.numero}", (f"Engagement juridique {ej.numero} créé : {fm(ej.montant)} "
                                             f"sur l'UO {ej.uo}, titre {ej.titre}{bon}")

    return traiter_formulaire(action, lambda exc: _ecran_nouvel_engagement(requete, saisie, exc))


def _lire_engagement(numero: str) -> Callable[[Depot], Donnees]:
    def lecture(depot: Depot) -> Donnees:
        ej = op.obtenir(depot, m.EngagementJuridique, numero, "Engagement juridique")
        fournisseur = depot.trouver(m.Fournisseur, ej.fournisseur)
        return {"ej": ej, "fournisseur": fournisseur,
                "services_faits": [x for x in lister(depot, m.ServiceFait, "numero") if x.engagement == numero],
                "demandes": [x for x in lister(depot, m.DemandePaiement, "numero") if x.engagement == numero]}
    return lecture


def _ecran_engagement(requete: Request, numero: str, refus: ErreurChorus | None = None,
                      formulaire: str = "", saisie: Saisie | None = None) -> HTMLResponse:
    return rendre_ecran(requete, "engagement.html", f"Engagement juridique {numero}", _lire_engagement(numero), refus,
                  formulaire=formulaire, saisie=saisie or {})


@routeur.get("/engagements/{numero}", response_class=HTMLResponse)
def engagement(requete: Request, numero: str) -> HTMLResponse:
    return _ecran_engagement(requete, numero)


def _operation_engagement(requete: Request, numero: str, formulaire: str, saisie: Saisie,
                          action: Callable[[Bac], str]) -> Response:
    """Run one operation of the EJ page; back to the EJ page with its notice, or its form refused."""
    def executer() -> tuple[str, str]:
        return f"/engagements/{numero}", action(bac_courant(requete))

    return traiter_formulaire(executer, lambda exc: _ecran_engagement(requete, numero, exc, formulaire, saisie))


@routeur.post("/engagements/{numero}/augmentation", response_class=HTMLResponse)
def augmenter(requete: Request, numero: str, poste: Champ = "", montant: Champ = "") -> Response:
    def action(bac: Bac) -> str:
        valeur = montant_saisi(montant, "Montant")
        ej = bac.executer(op.augmenter_engagement, numero, numero_poste_saisi(poste), valeur)
        return f"Engagement juridique {numero} augmenté de {fm(valeur)} (poste {poste.strip()}) : montant {fm(ej.montant)}"

    return _operation_engagement(requete, numero, "augmentation", {"poste": poste, "montant": montant}, action)


@routeur.post("/engagements/{numero}/reduction", response_class=HTMLResponse)
def reduire(requete: Request, numero: str, poste: Champ = "", montant: Champ = "") -> Response:
    def action(bac: Bac) -> str:
        valeur = montant_saisi(montant, "Montant")
        ej = bac.executer(op.reduire_engagement, numero, numero_poste_saisi(poste), valeur)
        return f"Engagement juridique {numero} réduit de {fm(valeur)} (poste {poste.strip()}) : montant {fm(ej.montant)}"

    return _operation_engagement(requete, numero, "reduction", {"poste": poste, "montant": montant}, action)


@routeur.post("/engagements/{numero}/retrait", response_class=HTMLResponse)
def retirer(requete: Request, numero: str) -> Response:
    def action(bac: Bac) -> str:
        ej = bac.executer(op.retirer_engagement, numero)
        return f"Engagement juridique {numero} retiré : montant ramené à {fm(ej.montant)} (service fait)"

    return _operation_engagement(requete, numero, "retrait", {}, action)


@routeur.post("/engagements/{numero}/service-fait", response_class=HTMLResponse)
def constater_service_fait(requete: Request, numero: str, poste: Champ = "", montant: Champ = "") -> Response:
    def action(bac: Bac) -> str:
        valeur = montant_saisi(montant, "Montant du service fait")
        sf = bac.executer(op.constater_service_fait, numero, numero_poste_saisi(poste), valeur)
        return f"Service fait {sf.numero} constaté sur l'engagement juridique {numero}, poste {sf.poste} : {fm(sf.montant)}"

    return _operation_engagement(requete, numero, "service_fait", {"poste": poste, "montant": montant}, action)


@routeur.post("/engagements/{numero}/demande-paiement", response_class=HTMLResponse)
def creer_demande_paiement(requete: Request, numero: str, poste: Champ = "", montant: Champ = "") -> Response:
    def action(bac: Bac) -> str:
        valeur = montant_saisi(montant, "Montant de la demande")
        dp = bac.executer(op.creer_demande_paiement, numero, numero_poste_saisi(poste), valeur)
        return (f"Demande de paiement {dp.numero} créée sur l'engagement juridique {numero}, poste {dp.poste} : "
                f"{fm(dp.montant)}")

    return _operation_engagement(requete, numero, "demande_paiement", {"poste": poste, "montant": montant}, action)


# --- Demandes de paiement --------------------------------------------------------------------------
def _lire_demandes(depot: Depot) -> Donnees:
    return {"demandes": lister(depot, m.DemandePaiement, "numero")}


@routeur.get("/demandes-paiement", response_class=HTMLResponse)
def demandes_paiement(requete: Request) -> HTMLResponse:
    return rendre_ecran(requete, "demandes_paiement.html", "Demandes de paiement", _lire_demandes)


@routeur.post("/demandes-paiement/{numero}/paiement", response_class=HTMLResponse)
def payer(requete: Request, numero: str) -> Response:
    def action() -> tuple[str, str]:
        dp = bac_courant(requete).executer(op.payer, numero)
        return "/demandes-paiement", (f"Demande de paiement {dp.numero} payée : {fm(dp.montant)} "
                                      f"sur l'engagement juridique {dp.engagement}")

    def refuser(exc: ErreurChorus) -> Response:
        return rendre_ecran(requete, "demandes_paiement.html", "Demandes de paiement", _lire_demandes, exc)

    return traiter_formulaire(action, refuser)


# --- Situation budgétaire ---------------------------------------------------------------------------
def _lire_situation(niveau: str, code: str, exercice: int,
                    defauts: frozenset[str] = frozenset()) -> Callable[[Depot], Donnees]:
    def lecture(depot: Depot) -> Donnees:
        donnees = _codes_budgetaires(depot)
        return {**donnees, "situation": op.situation(depot, exercice, niveau, code, defauts) if code else None}
    return lecture


@routeur.get("/situation", response_class=HTMLResponse)
def situation(requete: Request, niveau: str = "uo", code: str = "", exercice: str = "") -> HTMLResponse:
    """The situation of one level; the query string is the form (GET), so a result has a URL."""
    bac = bac_courant(requete)
    saisie = {"niveau": niveau, "code": code, "exercice": exercice or str(bac.contexte.exercice)}
    try:
        annee = annee_saisie(exercice, bac.contexte.exercice)
        return rendre_ecran(requete, "situation.html", "Situation budgétaire",
                      _lire_situation(niveau, code.strip().upper(), annee, bac.defauts), saisie=saisie)
    except ErreurChorus as exc:
        return rendre_ecran(requete, "situation.html", "Situation budgétaire", _lire_situation(niveau, "", 0), exc,
                      saisie=saisie)


# --- Historique ------------------------------------------------------------------------------------
def _lien_objet(objet: str) -> str | None:
    """The page of a journal line's object: a TF (``TF…``) or an EJ (10 digits)."""
    if objet.startswith("TF"):
        return f"/tranches-fonctionnelles/{objet}"
    return f"/engagements/{objet}" if objet.isdigit() and len(objet) == 10 else None


def _lire_historique(depot: Depot) -> Donnees:
    evenements = sorted(depot.lister(m.Evenement), key=lambda e: (e.horodatage, e.id or 0), reverse=True)
    return {"evenements": [(e, _lien_objet(e.objet)) for e in evenements]}


@routeur.get("/historique", response_class=HTMLResponse)
def historique(requete: Request) -> HTMLResponse:
    return rendre_ecran(requete, "historique.html", "Historique", _lire_historique)

