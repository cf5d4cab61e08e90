"""Screens of the in-year regulation: one screen per operation (LFR, dégel, surgel, annulation
de réserve, virement, transfert, fongibilité, fonds de concours) and the consultation of the
exercice's movements with each programme's cumulative virements against its 2 % cap.

Same conventions as :mod:`chorus_sandbox.web.ui`: a refused form is re-rendered with the status
of the error, the domain's French message in ``role="alert"`` and what the user typed; a success
redirects (303) to the screen with a ``?notice=`` naming the exact amounts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import regles
from chorus_sandbox.domaine import regulation as reg
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ErreurChorus
from chorus_sandbox.domaine.montants import Centimes
from chorus_sandbox.domaine.montants import format_montant as fm
from chorus_sandbox.web.fichiers_csv import contenu_televerse, lire_fichier_loi
from chorus_sandbox.web.formulaires import (
    Champ,
    Saisie,
    annee_saisie,
    code_saisi,
    identifiant_loi_saisi,
    montant_saisi,
)
from chorus_sandbox.web.lectures import lister, numeros_programmes
from chorus_sandbox.web.operations_ecran import Donnees, rendre_ecran, traiter_formulaire
from chorus_sandbox.web.rendu import gabarits
from chorus_sandbox.web.requetes import bac_courant

routeur = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Operation:
    """One regulation screen: its address, title, menu label, the movements it lists, its form."""

    chemin: str
    titre: str
    libelle: str
    gabarit: str
    type_mouvement: str  # the movements listed under the form ("" : none, the LFR lists its lois)
    bouton: str
    aide: str
    tableaux: tuple[str, ...] = ()  # extra tables of the screen (keys of LECTURES)


LFR = Operation("/regulation/lois-rectificatives", "Loi de finances rectificative", "Loi rectificative",
                "regulation_lfr.html", "", "Intégrer",
                "Montants positifs : ouvertures ; négatifs : annulations, jamais au-delà du disponible. "
                "Les crédits ouverts par une LFR ne sont pas mis en réserve.", ("lois",))
DEGEL = Operation("/regulation/degel", "Dégel de la réserve de précaution", "Dégel", "regulation_reserve.html",
                  reg.DEGEL, "Dégeler",
                  "Les crédits mis en réserve redeviennent disponibles, jamais au-delà de la réserve.", ("reserves",))
SURGEL = Operation("/regulation/surgel", "Surgel de crédits", "Surgel", "regulation_reserve.html", reg.SURGEL,
                   "Surgeler", "Des crédits disponibles sont mis en réserve, jamais au-delà du disponible.",
                   ("reserves",))
ANNULATION = Operation("/regulation/annulation-reserve", "Annulation de crédits mis en réserve",
                       "Annulation de réserve", "regulation_reserve.html", reg.ANNULATION_RESERVE,
                       "Annuler les crédits",
                       "Les crédits ouverts et la réserve baissent du même montant, jamais au-delà de la réserve.",
                       ("reserves",))
VIREMENT = Operation("/regulation/virements", "Virement de crédits", "Virement", "regulation_mouvement.html",
                     reg.VIREMENT, "Virer",
                     "Entre programmes d'un même ministère (art. 12-I de la LOLF) : le cumul des virements de chaque "
                     f"programme reste dans {regles.PLAFOND_VIREMENT_POURCENT} % de ses crédits LFI, en AE et en CP.",
                     ("plafonds",))
TRANSFERT = Operation("/regulation/transferts", "Transfert de crédits", "Transfert", "regulation_mouvement.html",
                      reg.TRANSFERT, "Transférer",
                      "Entre programmes de ministères différents (art. 12-II de la LOLF), dans la limite du "
                      "disponible de la source, sans abonder le titre 2 depuis un autre titre.")
FONGIBILITE = Operation("/regulation/fongibilite", "Fongibilité asymétrique", "Fongibilité",
                        "regulation_fongibilite.html", reg.FONGIBILITE, "Déplacer les crédits",
                        "Entre titres d'un même programme (art. 7 de la LOLF) : le titre 2 peut abonder les autres "
                        "titres, aucun titre ne peut abonder le titre 2.", ("reserves",))
FONDS_DE_CONCOURS = Operation("/regulation/fonds-de-concours", "Rattachement d'un fonds de concours",
                              "Fonds de concours", "regulation_fonds_de_concours.html", reg.FONDS_DE_CONCOURS,
                              "Rattacher", "Le montant reçu ouvre autant d'AE que de CP sur le programme et le titre.")
OPERATIONS = (LFR, DEGEL, SURGEL, ANNULATION, VIREMENT, TRANSFERT, FONGIBILITE, FONDS_DE_CONCOURS)
gabarits.env.globals["operations_regulation"] = OPERATIONS
gabarits.env.globals["plafond_virements"] = regles.PLAFOND_VIREMENT_POURCENT
TITRE_CONSULTATION = "Régulation budgétaire"
LONGUEUR_REFERENCE = 200  # as the API and the storage column


# --- What the screens read ---------------------------------------------------------------------
@dataclass(frozen=True)
class PlafondVirement:
    """A programme's cumulative virements (in and out) against its cap, for AE and CP."""

    programme: str
    libelle: str
    lfi_ae: Centimes
    cumul_ae: Centimes
    lfi_cp: Centimes
    cumul_cp: Centimes

    @property
    def plafond_ae(self) -> Centimes:
        return regles.plafond_virement(self.lfi_ae)

    @property
    def plafond_cp(self) -> Centimes:
        return regles.plafond_virement(self.lfi_cp)

    @property
    def reste_ae(self) -> Centimes:
        return max(self.plafond_ae - self.cumul_ae, 0)

    @property
    def reste_cp(self) -> Centimes:
        return max(self.plafond_cp - self.cumul_cp, 0)


def _plafonds(depot: Depot, exercice: int) -> list[PlafondVirement]:
    """Every programme with LFI credits or virements in the exercice."""
    lignes = []
    for p in lister(depot, m.Programme, "numero"):
        lfi, cumul = reg.credits_lfi(depot, exercice, p.numero), reg.cumul_virements(depot, exercice, p.numero)
        if any(lfi) or any(cumul):
            lignes.append(PlafondVirement(p.numero, p.libelle, lfi[0], cumul[0], lfi[1], cumul[1]))
    return lignes


def _reserves(depot: Depot, exercice: int) -> list[m.Enveloppe]:
    """The programme × titre enveloppes of the exercice that hold credits (réserve and disponible)."""
    enveloppes = [e for e in depot.enveloppes(exercice, "programme") if e.ae_ouverts or e.cp_ouverts]
    return sorted(enveloppes, key=lambda e: (e.code, e.titre))


def _lois_rectificatives(depot: Depot, exercice: int) -> list[m.LoiDeFinances]:
    lois = [x for x in depot.lister(m.LoiDeFinances) if x.nature == "LFR" and x.exercice == exercice]
    return sorted(lois, key=lambda x: x.identifiant)


LECTURES: dict[str, Callable[[Depot, int], list[Any]]] = {
    "plafonds": _plafonds, "reserves": _reserves, "lois": _lois_rectificatives}


def _lire(operation: Operation | None, exercice: int) -> Callable[[Depot], Donnees]:
    """What a regulation screen shows: the movements (of its type), its extra tables, the programmes."""
    def lecture(depot: Depot) -> Donnees:
        mouvements = reg.mouvements(depot, exercice)
        if operation is not None:
            mouvements = [x for x in mouvements if x.type_mouvement == operation.type_mouvement]
        noms = operation.tableaux if operation is not None else ("plafonds",)
        return {"programmes": lister(depot, m.Programme, "numero"), "mouvements": mouvements,
                **{nom: LECTURES[nom](depot, exercice) for nom in noms}}
    return lecture


def _ecran_operation(requete: Request, operation: Operation, refus: ErreurChorus | None = None,
                     saisie: Saisie | None = None) -> HTMLResponse:
    exercice = bac_courant(requete).contexte.exercice
    return rendre_ecran(requete, operation.gabarit, operation.titre, _lire(operation, exercice), refus,
                  saisie=saisie or {}, operation=operation, exercice_consulte=exercice)


def _soumettre(requete: Request, operation: Operation, saisie: Saisie, executer: Callable[[], str]) -> Response:
    """Run the screen's operation: back to the screen with its notice, or the form refused."""
    def action() -> tuple[str, str]:
        return operation.chemin, executer()

    return traiter_formulaire(action, lambda exc: _ecran_operation(requete, operation, exc, saisie))


def _montants(ae: str, cp: str) -> tuple[Centimes, Centimes]:
    """AE and CP typed in the form; an empty field is 0 (the domain refuses 0 AE and 0 CP)."""
    return montant_saisi(ae, "Montant AE", vide_vaut_zero=True), montant_saisi(cp, "Montant CP", vide_vaut_zero=True)


def _detail(x: m.MouvementRegulation) -> str:
    return f"AE {fm(x.ae)}, CP {fm(x.cp)}"


def _route_ecran(operation: Operation) -> None:
    """The screen of an operation (GET): its form, the movements of its type, its tables."""
    def ecran(requete: Request) -> HTMLResponse:
        return _ecran_operation(requete, operation)

    routeur.add_api_route(operation.chemin, ecran, methods=["GET"], response_class=HTMLResponse)


for _operation in OPERATIONS:
    _route_ecran(_operation)


# --- Consultation ------------------------------------------------------------------------------------
@routeur.get("/regulation", response_class=HTMLResponse)
def regulation(requete: Request, exercice: str = "") -> HTMLResponse:
    """Movements and virement caps of an exercice; the query string is the form (GET)."""
    courant = bac_courant(requete).contexte.exercice
    saisie = {"exercice": exercice or str(courant)}
    try:
        annee = annee_saisie(exercice, courant)
    except ErreurChorus as exc:
        return rendre_ecran(requete, "regulation.html", TITRE_CONSULTATION, _lire(None, courant), exc, saisie=saisie,
                      exercice_consulte=courant)
    return rendre_ecran(requete, "regulation.html", TITRE_CONSULTATION, _lire(None, annee), saisie=saisie,
                  exercice_consulte=annee)


# --- Loi de finances rectificative --------------------------------------------------------------------
@routeur.post(LFR.chemin, response_class=HTMLResponse)
def integrer_loi_rectificative(requete: Request, identifiant: Champ = "",
                               fichier: Annotated[UploadFile | None, File()] = None) -> Response:
    def executer() -> str:
        bac, contenu = bac_courant(requete), contenu_televerse(fichier)
        nom = identifiant_loi_saisi(identifiant)
        lignes = lire_fichier_loi(contenu, bac.lire(numeros_programmes), negatifs=True)
        loi = bac.executer(reg.integrer_loi_rectificative, nom, lignes)
        montants = [x.ae for x in loi.lignes], [x.cp for x in loi.lignes]
        ouvert = [sum(v for v in liste if v > 0) for liste in montants]
        annule = [-sum(v for v in liste if v < 0) for liste in montants]
        return (f"Loi de finances rectificative « {loi.identifiant} » intégrée : {len(loi.lignes)} lignes ; "
                f"ouvertures AE {fm(ouvert[0])}, CP {fm(ouvert[1])} ; annulations AE {fm(annule[0])}, "
                f"CP {fm(annule[1])}")

    return _soumettre(requete, LFR, {"identifiant": identifiant}, executer)


# --- Réserve de précaution : dégel, surgel, annulation ------------------------------------------------
def _route_reserve(operation: Operation, fonction: Callable[..., m.MouvementRegulation], accord: str) -> None:
    """The three réserve screens share one form: programme, titre, AE, CP (``accord``: « enregistré(e) »)."""
    def soumettre(requete: Request, programme: Champ = "", titre: Champ = "", ae: Champ = "",
                  cp: Champ = "") -> Response:
        def executer() -> str:
            numero, (montant_ae, montant_cp) = code_saisi(programme, "Programme"), _montants(ae, cp)
            x = bac_courant(requete).executer(fonction, numero, titre, montant_ae, montant_cp)
            return f"{x.type_mouvement} {accord} : programme {x.source}, titre {x.titre_source}, {_detail(x)}"

        saisie = {"programme": programme, "titre": titre, "ae": ae, "cp": cp}
        return _soumettre(requete, operation, saisie, executer)

    routeur.add_api_route(operation.chemin, soumettre, methods=["POST"], response_class=HTMLResponse)


_route_reserve(DEGEL, reg.degeler, "enregistré")
_route_reserve(SURGEL, reg.surgeler, "enregistré")
_route_reserve(ANNULATION, reg.annuler_reserve, "enregistrée")


# --- Virements et transferts ------------------------------------------------------------------------------
def _route_mouvement(operation: Operation, fonction: Callable[..., m.MouvementRegulation]) -> None:
    """Virement and transfert share one form: programmes and titres source / destination, AE, CP."""
    def soumettre(requete: Request, source: Champ = "", destination: Champ = "", titre: Champ = "",
                  titre_destination: Champ = "", ae: Champ = "", cp: Champ = "") -> Response:
        def executer() -> str:
            origine = code_saisi(source, "Programme source")
            cible = code_saisi(destination, "Programme destination")
            montant_ae, montant_cp = _montants(ae, cp)
            x = bac_courant(requete).executer(fonction, origine, cible, titre, montant_ae, montant_cp,
                                       titre_destination or None)
            return (f"{x.type_mouvement} enregistré : programme {x.source} titre {x.titre_source} → programme "
                    f"{x.destination} titre {x.titre_destination}, {_detail(x)}")

        saisie = {"source": source, "destination": destination, "titre": titre,
                  "titre_destination": titre_destination, "ae": ae, "cp": cp}
        return _soumettre(requete, operation, saisie, executer)

    routeur.add_api_route(operation.chemin, soumettre, methods=["POST"], response_class=HTMLResponse)


_route_mouvement(VIREMENT, reg.virer)
_route_mouvement(TRANSFERT, reg.transferer)


# --- Fongibilité asymétrique -----------------------------------------------------------------------------
@routeur.post(FONGIBILITE.chemin, response_class=HTMLResponse)
def fongibilite(requete: Request, programme: Champ = "", titre_source: Champ = "", titre_destination: Champ = "",
                ae: Champ = "", cp: Champ = "") -> Response:
    def executer() -> str:
        numero, (montant_ae, montant_cp) = code_saisi(programme, "Programme"), _montants(ae, cp)
        x = bac_courant(requete).executer(reg.fongibilite, numero, titre_source, titre_destination, montant_ae, montant_cp)
        return (f"Fongibilité enregistrée : programme {x.source}, titre {x.titre_source} → titre "
                f"{x.titre_destination}, {_detail(x)}")

    saisie = {"programme": programme, "titre_source": titre_source, "titre_destination": titre_destination,
              "ae": ae, "cp": cp}
    return _soumettre(requete, FONGIBILITE, saisie, executer)


# --- Fonds de concours -----------------------------------------------------------------------------------
@routeur.post(FONDS_DE_CONCOURS.chemin, response_class=HTMLResponse)
def rattacher_fonds_de_concours(requete: Request, programme: Champ = "", titre: Champ = "", montant: Champ = "",
                                reference: Champ = "") -> Response:
    def executer() -> str:
        numero, valeur = code_saisi(programme, "Programme"), montant_saisi(montant, "Montant")
        if len(reference.strip()) > LONGUEUR_REFERENCE:
            raise DonneeInvalide(f"Référence : {LONGUEUR_REFERENCE} caractères au plus")
        x = bac_courant(requete).executer(reg.rattacher_fonds_de_concours, numero, titre, valeur, reference)
        suffixe = f" (référence {x.reference})" if x.reference else ""
        return (f"Fonds de concours rattaché : programme {x.destination}, titre {x.titre_destination}, "
                f"{_detail(x)}{suffixe}")

    saisie = {"programme": programme, "titre": titre, "montant": montant, "reference": reference}
    return _soumettre(requete, FONDS_DE_CONCOURS, saisie, executer)
