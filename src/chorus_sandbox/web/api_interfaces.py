"""JSON API of the file interfaces: the monthly payroll flow PAY → Chorus (``docs/conception/flux-paye.md`` §3).

``POST /api/interfaces/paye`` takes the file in the multipart field ``fichier`` and answers 201 with
the compte rendu d'intégration whether the flow was integrated or rejected (a rejection is a business
result); the other routes read the comptes rendus (filtered by the reader's périmètre) and cancel a
flow. Titre 2 by catégorie and the emplois are read under ``/api/titre-2`` and ``/api/emplois``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from pydantic import Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from chorus_sandbox.domaine import paye as pa
from chorus_sandbox.domaine.erreurs import DonneeInvalide, FichierTropVolumineux, RequeteInvalide
from chorus_sandbox.domaine.habilitations import NATIONAL, Habilitation
from chorus_sandbox.service import Bac
from chorus_sandbox.web.api import Corps
from chorus_sandbox.web.requetes import bac_courant
from chorus_sandbox.web.securite import auteur_courant, utilisateur_courant

routeur = APIRouter(tags=["Interfaces"])
AUCUN_FICHIER = "Aucun fichier déposé : champ « fichier » attendu (multipart/form-data)."


class AnnulationEntree(Corps):
    motif: str = Field(default="", max_length=400)


async def fichier_depose(requete: Request, champ: str = "fichier") -> tuple[bytes, str]:
    """The deposited file's bytes and name, or a French 400 / 413 (nothing is recorded then)."""
    try:
        formulaire = await requete.form()
    except (HTTPException, ValueError, KeyError, AssertionError):  # no form at all (malformed multipart…)
        raise RequeteInvalide(AUCUN_FICHIER) from None
    fichier = formulaire.get(champ)
    if not isinstance(fichier, UploadFile) or (not fichier.filename and not fichier.size):
        raise RequeteInvalide(AUCUN_FICHIER)  # a form sent with no file chosen has an empty, unnamed part
    taille = fichier.size or 0
    if taille > pa.LIMITE_MIO * 2**20:
        raise FichierTropVolumineux(pa.motif_trop_volumineux(taille))
    return await fichier.read(), fichier.filename or ""


def perimetres_de_depot(habilitation: Habilitation | None) -> tuple[str, ...] | None:
    """Where the depositor may deposit a flow for (None: anywhere, a national role or no session)."""
    if habilitation is None:
        return None
    perimetres = habilitation.perimetres("deposer_flux_paye")
    return None if NATIONAL in perimetres else perimetres


def deposer(bac: Bac, contenu: bytes, nom: str) -> dict[str, Any]:
    """Integrate the flow (its own transaction) and read back its compte rendu with its rejets."""
    perimetres = perimetres_de_depot(utilisateur_courant())
    compte_rendu = bac.executer(pa.integrer_flux_paye, contenu, nom, auteur_courant(), perimetres)
    return bac.lire(lambda d: pa.vue_compte_rendu(compte_rendu, pa.rejets(d, compte_rendu.numero)))


@routeur.post("/api/interfaces/paye", status_code=201, summary="Déposer un flux de paye (multipart, champ « fichier »)")
async def deposer_flux(requete: Request) -> dict[str, Any]:
    contenu, nom = await fichier_depose(requete)
    return await run_in_threadpool(deposer, bac_courant(requete), contenu, nom)


@routeur.get("/api/interfaces/paye", summary="Comptes rendus des flux de paye, du plus récent au plus ancien")
def lister_flux(requete: Request, mois: str = Query(default="", max_length=6),
                ministere: str = Query(default="", max_length=6)) -> list[dict[str, Any]]:
    return bac_courant(requete).lire(lambda d: [pa.vue_compte_rendu(x) for x in pa.depots_paye(d, mois, ministere)])


@routeur.get("/api/interfaces/paye/depots/{depot}", summary="Le compte rendu d'un dépôt")
def lire_depot(depot: str, requete: Request) -> dict[str, Any]:
    return bac_courant(requete).lire(lambda d: _vue_complete(d, pa.depot_paye(d, depot)))


@routeur.get("/api/interfaces/paye/flux/{flux}", summary="Le compte rendu du dépôt qui a intégré ce flux")
def lire_flux(flux: str, requete: Request) -> dict[str, Any]:
    return bac_courant(requete).lire(lambda d: _vue_complete(d, pa.depot_du_flux(d, flux)))


@routeur.post("/api/interfaces/paye/flux/{flux}/annulation", summary="Annuler un flux de paye intégré")
def annuler_flux(flux: str, requete: Request, corps: Annotated[AnnulationEntree | None, Body()] = None) -> dict[str, Any]:
    bac = bac_courant(requete)
    annule = bac.executer(pa.annuler_flux_paye, flux, corps.motif if corps else "", auteur_courant())
    return bac.lire(lambda d: _vue_complete(d, annule))


def _vue_complete(depot: Any, compte_rendu: Any) -> dict[str, Any]:
    return pa.vue_compte_rendu(compte_rendu, pa.rejets(depot, compte_rendu.numero))


# --- Titre 2 by catégorie and the emplois ---------------------------------------------------------
NIVEAUX = ("programme", "bop", "uo")


def vue_t2(conso: pa.ConsommationT2) -> dict[str, Any]:
    rubriques = [{"categorie": c, "sous_categorie": s, "libelle": libelle, "consomme": pa.euros(conso.total((c, s))),
                  "par_mois": {f"{mois:02d}": pa.euros(v) for mois, v in sorted(conso.par_rubrique.get((c, s), {}).items())}}
                 for c, s, libelle in pa.RUBRIQUES]
    return {"niveau": conso.niveau, "code": conso.code, "ae_ouverts": pa.euros(conso.ae_ouverts),
            "cp_ouverts": pa.euros(conso.cp_ouverts), "consomme": pa.euros(conso.consomme),
            "cp_disponibles": pa.euros(conso.cp_ouverts - conso.consomme), "rubriques": rubriques}


@routeur.get("/api/titre-2", summary="Titre 2 d'un programme, d'un BOP ou d'une UO, par catégorie et par mois")
def lire_t2(requete: Request, niveau: str = Query(default="uo", max_length=10),
            code: str = Query(max_length=40, description="programme, BOP ou centre financier (BG00/programme-BOP-UO)")) -> dict[str, Any]:
    if niveau not in NIVEAUX:
        raise DonneeInvalide(f"Niveau inconnu : {niveau} (attendu programme, bop ou uo)")
    bac = bac_courant(requete)
    return vue_t2(bac.lire(lambda d: pa.consommation_t2(d, bac.contexte.exercice, niveau, code.strip().upper())))


def vue_emplois(x: pa.SuiviEmplois) -> dict[str, Any]:
    return {"ministere": x.ministere, "programme": x.programme or None, "plafond": pa.etpt_texte(x.plafond),
            "consomme": pa.etpt_texte(x.consomme), "ecart": pa.etpt_texte(x.ecart),
            "par_mois": {f"{mois:02d}": pa.etpt_texte(v) for mois, v in sorted(x.par_mois.items())}}


@routeur.get("/api/emplois", summary="Plafond d'emplois (ETPT) par ministère et programme, consommation par mois")
def lire_emplois(requete: Request) -> list[dict[str, Any]]:
    bac = bac_courant(requete)
    return [vue_emplois(x) for x in bac.lire(lambda d: pa.suivi_emplois(d, bac.contexte.exercice))]
