"""JSON API of the sandbox: the same operations as the screens, for fast preconditions and reads.

Amounts travel as exact decimal strings (``"1234.56"``); integers are accepted, and JSON numbers
with at most two decimals too. Every refusal is a 4xx JSON body ``{"erreur", "message"}`` in French.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from chorus_sandbox import jeux
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine import traces
from chorus_sandbox.domaine.defauts import lire_defauts
from chorus_sandbox.domaine.depot import CLES
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ObjetInconnu
from chorus_sandbox.domaine.habilitations import NATIONAL
from chorus_sandbox.domaine.montants import vers_centimes
from chorus_sandbox.service import VERSION, Bac
from chorus_sandbox.web import vues
from chorus_sandbox.web.securite import exiger

routeur = APIRouter(prefix="/api", tags=["API"])


def _en_centimes(valeur: Any) -> int:
    if isinstance(valeur, float):
        valeur = repr(valeur)
    if not isinstance(valeur, (str, int)) or isinstance(valeur, bool):
        # pydantic turns a ValueError (not a TypeError) into the 422 naming the field
        raise ValueError("montant attendu (chaîne décimale « 1234.56 » ou entier)")  # noqa: TRY004
    try:
        return vers_centimes(valeur, "montant")
    except DonneeInvalide as exc:
        raise ValueError(exc.message) from None


Montant = Annotated[int, BeforeValidator(_en_centimes)]


class Corps(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class LigneLoiEntree(Corps):
    programme: str
    titre: str
    ae: Montant
    cp: Montant
    etpt: int = Field(default=0, ge=0, le=10_000_000)


class LoiEntree(Corps):
    identifiant: str = Field(min_length=1, max_length=40)
    nature: str = "LFI"
    taux_reserve_t2: Decimal = Field(ge=0, le=100)
    taux_reserve_hors_t2: Decimal = Field(ge=0, le=100)
    lignes: list[LigneLoiEntree]


class MiseADispositionEntree(Corps):
    source: str
    destination: str
    titre: str
    ae: Montant
    cp: Montant


class TrancheEntree(Corps):
    uo: str
    titre: str
    libelle: str = Field(min_length=1, max_length=200)
    ae: Montant


class MontantAeEntree(Corps):
    ae: Montant


class PosteEntree(Corps):
    montant: Montant
    domaine_fonctionnel: str
    activite: str


class EngagementEntree(Corps):
    uo: str
    titre: str
    fournisseur: str
    objet: str = Field(default="", max_length=200)
    tranche: str | None = None
    marche: str | None = Field(default=None, max_length=20, description="N° du marché ou de l'accord-cadre dont "
                               "l'EJ est un bon de commande (facultatif), ex. 2026-0150-00001")
    postes: list[PosteEntree] = Field(min_length=1, max_length=99)


class MouvementPosteEntree(Corps):
    poste: int = Field(ge=1, le=999, strict=True)
    montant: Montant


class DemandePaiementEntree(MouvementPosteEntree):
    engagement: str


def _bac(requete: Request) -> Bac:
    return requete.app.state.bac


def _introuvable(libelle: str, cle: str) -> ObjetInconnu:
    return ObjetInconnu(f"{libelle} inconnu(e) : {cle}")


# --- Sandbox administration ------------------------------------------------------------------
@routeur.get("/sante", summary="État du bac à sable")
def sante(requete: Request) -> dict[str, Any]:
    bac = _bac(requete)
    return {"statut": "ok", "version": VERSION, "jeu": bac.jeu.nom, "exercice": bac.contexte.exercice,
            "date_du_jour": bac.contexte.date_du_jour.isoformat(), "defauts": sorted(bac.defauts)}


@routeur.get("/jeux", summary="Jeux de données disponibles")
def lister_jeux(requete: Request) -> list[str]:
    return jeux.jeux_disponibles(_bac(requete).fixtures)


@routeur.post("/jeux/{nom}", summary="Charger un jeu de données (remplace toutes les données)")
def charger_jeu(nom: str, requete: Request) -> dict[str, Any]:
    exiger("administrer_bac", NATIONAL)  # the whole sandbox: a national administrator only
    with traces.jeu(nom):
        duree = _bac(requete).charger(nom)
    return {"jeu": nom, "duree_ms": round(duree * 1000, 1)}


@routeur.post("/reinitialisation", summary="Revenir à l'état initial du jeu chargé")
def reinitialiser(requete: Request) -> dict[str, Any]:
    exiger("administrer_bac", NATIONAL)
    bac = _bac(requete)
    with traces.jeu(bac.jeu.nom):
        duree = bac.reinitialiser()
    return {"jeu": bac.jeu.nom, "duree_ms": round(duree * 1000, 1)}


class ScenarioEntree(Corps):
    scenario: str = Field(min_length=1, max_length=1000)


@routeur.post("/trace/scenario", summary="Annoncer le scénario en cours (bac à sable démarré avec CHORUS_SANDBOX_TRACE_REGLES)")
def annoncer_scenario(entree: ScenarioEntree) -> dict[str, Any]:
    exiger("administrer_bac", NATIONAL)
    if not traces.actif():
        raise ObjetInconnu(f"Trace des règles inactive : démarrer le bac à sable avec {traces.VARIABLE}=<fichier>")
    traces.commencer_scenario(entree.scenario)
    return {"scenario": entree.scenario}


class DefautsEntree(Corps):
    defauts: list[str] = Field(max_length=100)


@routeur.post("/mutation/defauts", summary="Changer les défauts catalogués actifs et recharger le jeu "
              "(bac à sable démarré pour la mutation guidée)")
def changer_defauts(entree: DefautsEntree, requete: Request) -> dict[str, Any]:
    exiger("administrer_bac", NATIONAL)
    bac = _bac(requete)
    with traces.jeu(bac.jeu_de_depart):
        bac.changer_defauts(lire_defauts(",".join(entree.defauts)))
    return {"defauts": sorted(bac.defauts), "jeu": bac.jeu.nom}


_REFERENTIEL = {
    "ministeres": m.Ministere, "missions": m.Mission, "programmes": m.Programme, "actions": m.Action,
    "bops": m.Bop, "uos": m.UniteOperationnelle, "domaines-fonctionnels": m.DomaineFonctionnel,
    "activites": m.Activite, "fournisseurs": m.Fournisseur,
}


@routeur.get("/referentiel/{section}", summary="Lire une section du référentiel")
def referentiel(section: str, requete: Request) -> list[dict[str, Any]]:
    if section not in _REFERENTIEL:
        raise ObjetInconnu(f"Section du référentiel inconnue : {section} ({', '.join(_REFERENTIEL)})")
    classe = _REFERENTIEL[section]
    objets: list[Any] = _bac(requete).lire(lambda d: d.lister(classe))
    return [vues.referentiel(o) for o in sorted(objets, key=lambda o: getattr(o, CLES[classe]))]


# --- Lois de finances, mises à disposition ---------------------------------------------------
@routeur.post("/lois-de-finances", status_code=201, summary="Intégrer une loi de finances")
def integrer_loi(corps: LoiEntree, requete: Request) -> dict[str, Any]:
    bac = _bac(requete)
    lignes = [op.LigneLoi(x.programme, x.titre, x.ae, x.cp, x.etpt) for x in corps.lignes]
    loi = bac.executer(op.integrer_loi_de_finances, corps.identifiant, corps.nature, bac.contexte.exercice,
                       lignes, corps.taux_reserve_t2, corps.taux_reserve_hors_t2)
    return vues.loi(loi)


@routeur.get("/lois-de-finances", summary="Lois de finances intégrées")
def lister_lois(requete: Request) -> list[dict[str, Any]]:
    return [vues.loi(x) for x in _bac(requete).lire(lambda d: d.lister(m.LoiDeFinances))]


@routeur.post("/mises-a-disposition", status_code=201, summary="Mettre des crédits à disposition")
def mettre_a_disposition(corps: MiseADispositionEntree, requete: Request) -> dict[str, Any]:
    mad = _bac(requete).executer(op.mettre_a_disposition, corps.source, corps.destination, corps.titre,
                                 corps.ae, corps.cp)
    return vues.mise_a_disposition(mad)


@routeur.get("/mises-a-disposition", summary="Mises à disposition de l'exercice")
def lister_mises_a_disposition(requete: Request) -> list[dict[str, Any]]:
    return [vues.mise_a_disposition(x) for x in _bac(requete).lire(lambda d: d.lister(m.MiseADisposition))]


# --- Tranches fonctionnelles -------------------------------------------------------------------
@routeur.post("/tranches-fonctionnelles", status_code=201, summary="Créer une TF et y affecter des AE")
def creer_tranche(corps: TrancheEntree, requete: Request) -> dict[str, Any]:
    tf = _bac(requete).executer(op.creer_tranche_fonctionnelle, corps.uo, corps.titre, corps.libelle, corps.ae)
    return vues.tranche(tf)


@routeur.get("/tranches-fonctionnelles", summary="Tranches fonctionnelles")
def lister_tranches(requete: Request) -> list[dict[str, Any]]:
    return [vues.tranche(x) for x in _bac(requete).lire(lambda d: d.lister(m.TrancheFonctionnelle))]


@routeur.get("/tranches-fonctionnelles/{numero}", summary="Une tranche fonctionnelle")
def lire_tranche(numero: str, requete: Request) -> dict[str, Any]:
    tf = _bac(requete).lire(lambda d: d.trouver(m.TrancheFonctionnelle, numero))
    if tf is None:
        raise _introuvable("Tranche fonctionnelle", numero)
    return vues.tranche(tf)


@routeur.post("/tranches-fonctionnelles/{numero}/affectations", summary="Affecter des AE à une TF")
def affecter(numero: str, corps: MontantAeEntree, requete: Request) -> dict[str, Any]:
    return vues.tranche(_bac(requete).executer(op.affecter, numero, corps.ae))


@routeur.post("/tranches-fonctionnelles/{numero}/retraits", summary="Retirer des AE affectées non engagées")
def retirer_affectation(numero: str, corps: MontantAeEntree, requete: Request) -> dict[str, Any]:
    return vues.tranche(_bac(requete).executer(op.retirer_affectation, numero, corps.ae))


# --- Engagements juridiques ----------------------------------------------------------------------
@routeur.post("/engagements", status_code=201, summary="Créer un engagement juridique")
def engager(corps: EngagementEntree, requete: Request) -> dict[str, Any]:
    postes = [op.PosteDemande(p.montant, p.domaine_fonctionnel, p.activite) for p in corps.postes]
    ej = _bac(requete).executer(op.engager, corps.uo, corps.titre, corps.fournisseur, corps.objet, postes,
                                corps.tranche, corps.marche)
    return vues.engagement(ej)


@routeur.get("/engagements", summary="Engagements juridiques")
def lister_engagements(requete: Request) -> list[dict[str, Any]]:
    return [vues.engagement(x) for x in _bac(requete).lire(lambda d: d.lister(m.EngagementJuridique))]


@routeur.get("/engagements/{numero}", summary="Un engagement juridique")
def lire_engagement(numero: str, requete: Request) -> dict[str, Any]:
    ej = _bac(requete).lire(lambda d: d.trouver(m.EngagementJuridique, numero))
    if ej is None:
        raise _introuvable("Engagement juridique", numero)
    return vues.engagement(ej)


@routeur.post("/engagements/{numero}/augmentations", summary="Augmenter un poste d'EJ (mouvement 150)")
def augmenter(numero: str, corps: MouvementPosteEntree, requete: Request) -> dict[str, Any]:
    return vues.engagement(_bac(requete).executer(op.augmenter_engagement, numero, corps.poste, corps.montant))


@routeur.post("/engagements/{numero}/reductions", summary="Réduire un poste d'EJ (mouvement 200)")
def reduire(numero: str, corps: MouvementPosteEntree, requete: Request) -> dict[str, Any]:
    return vues.engagement(_bac(requete).executer(op.reduire_engagement, numero, corps.poste, corps.montant))


@routeur.post("/engagements/{numero}/retrait", summary="Retirer le reste non réceptionné d'un EJ")
def retirer(numero: str, requete: Request) -> dict[str, Any]:
    return vues.engagement(_bac(requete).executer(op.retirer_engagement, numero))


@routeur.post("/engagements/{numero}/services-faits", status_code=201, summary="Constater le service fait")
def constater_service_fait(numero: str, corps: MouvementPosteEntree, requete: Request) -> dict[str, Any]:
    return vues.service_fait(_bac(requete).executer(op.constater_service_fait, numero, corps.poste, corps.montant))


# --- Demandes de paiement --------------------------------------------------------------------------
@routeur.post("/demandes-paiement", status_code=201, summary="Créer une demande de paiement")
def creer_demande(corps: DemandePaiementEntree, requete: Request) -> dict[str, Any]:
    dp = _bac(requete).executer(op.creer_demande_paiement, corps.engagement, corps.poste, corps.montant)
    return vues.demande_paiement(dp)


@routeur.get("/demandes-paiement", summary="Demandes de paiement")
def lister_demandes(requete: Request) -> list[dict[str, Any]]:
    return [vues.demande_paiement(x) for x in _bac(requete).lire(lambda d: d.lister(m.DemandePaiement))]


@routeur.get("/demandes-paiement/{numero}", summary="Une demande de paiement")
def lire_demande(numero: str, requete: Request) -> dict[str, Any]:
    dp = _bac(requete).lire(lambda d: d.trouver(m.DemandePaiement, numero))
    if dp is None:
        raise _introuvable("Demande de paiement", numero)
    return vues.demande_paiement(dp)


@routeur.post("/demandes-paiement/{numero}/paiement", summary="Payer une demande de paiement")
def payer(numero: str, requete: Request) -> dict[str, Any]:
    return vues.demande_paiement(_bac(requete).executer(op.payer, numero))


# --- Consultation -----------------------------------------------------------------------------------
@routeur.get("/situation/{niveau}/{code:path}", summary="Situation budgétaire d'un programme, BOP ou UO")
def situation(niveau: str, code: str, requete: Request,
              exercice: int | None = Query(default=None, ge=1900, le=2999)) -> dict[str, Any]:
    bac = _bac(requete)
    annee = exercice or bac.contexte.exercice
    return vues.situation(bac.lire(lambda d: op.situation(d, annee, niveau, code, bac.defauts)))


@routeur.get("/journal", summary="Historique des opérations")
def lister_journal(requete: Request) -> list[dict[str, Any]]:
    return [vues.evenement(e) for e in _bac(requete).lire(lambda d: d.lister(m.Evenement))]
