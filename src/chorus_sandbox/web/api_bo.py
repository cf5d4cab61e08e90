"""A BusinessObjects-like service under ``/biprws`` (issue #17): logon, Raylight v1, Webi documents,
their schedules delivered by e-mail (web/bo_planifications.py).

Shapes from docs/conception/bo-biprws.md (what it marks [NC] is a parameter here: constants
below). The users, passwords, lock-out and périmètres are the sandbox's; the documents are
chorus_sandbox/webi.py's. Every refusal is BO's ``<error>`` (JSON: wrapped for Raylight, flat
for the platform) with BO's code; the message is French where the sandbox speaks (a prompt's
answer), BO's English where BO's. Parameters are read by hand, so no input ever reaches FastAPI's
validation (no 422, no 5xx).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from chorus_sandbox import restitutions as r
from chorus_sandbox import webi
from chorus_sandbox.domaine.erreurs import (
    AccesRefuse,
    AuthentificationRequise,
    DonneeInvalide,
    ErreurChorus,
    ObjetInconnu,
)
from chorus_sandbox.domaine.montants import vers_euros
from chorus_sandbox.service import Bac
from chorus_sandbox.web import bo_planifications as bp
from chorus_sandbox.web import bo_rendu as br
from chorus_sandbox.web.api_habilitations import connecter
from chorus_sandbox.web.bo_sessions import (
    ENTETE_JETON,
    EtatDocument,
    SessionBO,
    SessionsBO,
    jeton_de,
)
from chorus_sandbox.web.securite import utilisateur_courant

routeur = APIRouter(prefix="/biprws", tags=["BusinessObjects (biprws)"])

AUTH_ENTERPRISE = "secEnterprise"
AUTHS = ("secEnterprise", "secLDAP", "secWinAD", "secSAPR3")
#: [NC] the message of an auth type that is not configured: BO's wrong-credentials one (FWB 00008).
ECHEC_LOGON = "Account information not recognized: Please make sure your logon information is correct. (FWB 00008)"
LIMITE_DEFAUT, LIMITE_MAXIMUM = 10, 50
CSV = "text/csv"
XLSX = r.FORMATS["xlsx"]
#: [NC] what a real BO offers by Accept on a report, that the sandbox does not produce (→ 406 WSR 00501).
EXPORTS_NON_PRODUITS = ("application/pdf", "application/vnd.ms-excel", "text/html", "text/plain", "application/zip",
                        "text/xml")
ENCODAGE_CSV = "utf-8"  # [NC] the interactive CSV export's encoding (UTF-8 with BOM here)
DOSSIER = {"folderId": 17000, "path": "Documents publics/Chorus/Restitutions"}
NS_ATOM, NS_BIP = "http://www.w3.org/2005/Atom", "http://www.sap.com/rws/bip"


# --- Helpers ------------------------------------------------------------------------------------------
def _bac(requete: Request) -> Bac:
    bac: Bac = requete.app.state.bac
    return bac


def sessions_de(requete: Request) -> SessionsBO:
    sessions: SessionsBO = requete.app.state.sessions_bo
    return sessions


def _session(requete: Request) -> SessionBO:
    session = sessions_de(requete).session(jeton_de(requete))
    if session is None:  # logged off between the middleware and here
        raise br.ErreurBO(401, "WSR 00002", "Invalid or expired logon token.")
    return session


def _format(requete: Request) -> str:
    return br.negocier(requete.headers.get("accept", ""))


def introuvable(nature: str, identifiant: str) -> br.ErreurBO:
    return br.ErreurBO(404, "WSR 00400", f'The resource of type "{nature}" with identifier "{identifiant}" '
                                         "does not exist.")


def _entier(texte: str | None, nom: str, defaut: int) -> int:
    if texte is None or texte == "":
        return defaut
    if not (texte.isascii() and texte.isdigit() and len(texte) <= 9):
        raise br.ErreurBO(400, "WSR 00101", f'Argument "{nom}" has an invalid value "{texte[:40]}".')
    return int(texte)


def _document(id_texte: str) -> webi.DocumentWebi:
    """A document the current user may read (else 404, as BO hides what one cannot see)."""
    habilitation = utilisateur_courant()
    trouve = webi.document(int(id_texte)) if id_texte.isascii() and id_texte.isdigit() and len(id_texte) <= 9 else None
    if trouve is None or habilitation is None or not habilitation.autorise("consulter"):
        raise introuvable("Document", id_texte[:40])
    return trouve


def _rapport(document: webi.DocumentWebi, id_texte: str) -> webi.Rapport:
    trouve = document.rapport(int(id_texte)) if id_texte.isascii() and id_texte.isdigit() and len(id_texte) <= 9 else None
    if trouve is None:
        raise introuvable("Report", id_texte[:40])
    return trouve


def succes(document: webi.DocumentWebi, modifie: bool, details: dict[str, Any] | None = None) -> br.Arbre:
    verbe = "has been successfully updated" if modifie else "has not been modified"
    contenu: dict[str, Any] = {"message": f'The resource of type "Document" with identifier "{document.id}" {verbe}.',
                               "id": str(document.id)}
    return {"success": {**contenu, **(details or {})}}


async def _corps(requete: Request) -> br.Arbre | None:
    return br.lire_corps(await requete.body(), requete.headers.get("content-type", ""))


# --- Errors of /biprws (app.py's handlers ask here) ---------------------------------------------------
def est_biprws(chemin: str) -> bool:
    return chemin == "/biprws" or chemin.startswith("/biprws/")


def erreur_bo(exc: Exception) -> br.ErreurBO:
    """Any refusal met under ``/biprws`` in BO's shape (the sandbox's French message kept)."""
    if isinstance(exc, br.ErreurBO):
        return exc
    if isinstance(exc, webi.ReponseManquante):
        return br.ErreurBO(400, "WSR 00100", exc.message)
    if isinstance(exc, br.CorpsIllisible):
        return br.ErreurBO(400, "WSR 00102", exc.message)
    if isinstance(exc, DonneeInvalide):
        return br.ErreurBO(400, "WSR 00101", exc.message)
    if isinstance(exc, ObjetInconnu):
        return br.ErreurBO(404, "WSR 00400", exc.message)
    if isinstance(exc, AuthentificationRequise):
        return br.ErreurBO(401, "WSR 00002", exc.message)
    if isinstance(exc, AccesRefuse):
        return br.ErreurBO(403, "WSR 00402", exc.message)
    if isinstance(exc, ErreurChorus):
        return br.ErreurBO(exc.statut_http, "WSR 00100", exc.message)
    if isinstance(exc, StarletteHTTPException) and exc.status_code == 405:
        return br.ErreurBO(405, "WSR 00501", "The method is not supported on this resource.")
    if isinstance(exc, StarletteHTTPException) and exc.status_code == 404:
        return br.ErreurBO(404, "RWS 00005", "Not found: no service at this address. (RWS 00005)", plate=True)
    return br.ErreurBO(400, "WSR 00102", "Malformed request.")


def reponse_refus(requete: Request, exc: Exception) -> Response:
    return br.reponse_erreur(erreur_bo(exc), requete.headers.get("accept", ""))


# --- Logon / logoff (BIP) -----------------------------------------------------------------------------
MODELE_LOGON_XML = (f'<attrs xmlns="{NS_BIP}"><attr name="userName" type="string"/>'
                    '<attr name="password" type="string"/>'
                    f'<attr name="auth" type="string" possibilities="{",".join(AUTHS)}">{AUTH_ENTERPRISE}</attr></attrs>')


@routeur.get("/logon/long", summary="Modèle de connexion BusinessObjects (userName, password, auth)")
@routeur.get("/v1/logon/long", summary="Modèle de connexion BusinessObjects (chemin versionné)")
def modele_logon(requete: Request) -> Response:
    if _format(requete) == br.JSON:
        return br.reponse({"userName": "", "password": "", "auth": AUTH_ENTERPRISE}, br.JSON)
    return Response('<?xml version="1.0" encoding="UTF-8"?>' + MODELE_LOGON_XML, media_type=br.XML)


def identifiants_logon(arbre: br.Arbre | None) -> tuple[str, str, str]:
    """(userName, password, auth) of a JSON object or an XML ``<attrs><attr name=…>`` body."""
    if arbre is None:
        raise br.ErreurBO(401, "FWB 00008", ECHEC_LOGON, plate=True)
    attrs = arbre.get("attrs")
    if isinstance(attrs, dict):
        arbre = {str(a.get("@name")): a.get("$", "") for a in br.membres(attrs.get("attr")) if isinstance(a, dict)}
    valeurs = [arbre.get(cle, defaut) for cle, defaut in (("userName", ""), ("password", ""), ("auth", AUTH_ENTERPRISE))]
    if not all(isinstance(v, str) for v in valeurs):
        raise br.ErreurBO(400, "WSR 00102", "Malformed logon body: userName, password and auth are strings.", plate=True)
    return valeurs[0], valeurs[1], valeurs[2] or AUTH_ENTERPRISE


def _logon_xml(jeton: str) -> str:
    instant = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    return (f'<?xml version="1.0" encoding="UTF-8"?><entry xmlns="{NS_ATOM}"><author><name>@chorus-sandbox:6400</name>'
            f'</author><title type="text">Logon Result</title><updated>{instant}</updated>'
            f'<content type="application/xml"><attrs xmlns="{NS_BIP}">'
            f'<attr name="logonToken" type="string">{escape(jeton)}</attr></attrs></content></entry>')


@routeur.post("/logon/long", summary="Connexion BusinessObjects : jeton X-SAP-LogonToken")
@routeur.post("/v1/logon/long", summary="Connexion BusinessObjects (chemin versionné)")
async def logon(requete: Request) -> Response:
    utilisateur, mot_de_passe, auth = identifiants_logon(await _corps(requete))
    if auth != AUTH_ENTERPRISE or not utilisateur or not mot_de_passe:
        raise br.ErreurBO(401, "FWB 00008", ECHEC_LOGON, plate=True)
    try:
        identifiant = (await run_in_threadpool(connecter, _bac(requete), utilisateur, mot_de_passe)).identifiant
    except AuthentificationRequise:  # wrong password, unknown, suspended or locked: BO says one thing
        raise br.ErreurBO(401, "FWB 00008", ECHEC_LOGON, plate=True) from None
    jeton = sessions_de(requete).ouvrir(identifiant)
    entetes = {ENTETE_JETON: f'"{jeton}"'}
    if _format(requete) == br.JSON:
        return br.reponse({"logonToken": jeton}, br.JSON, entetes=entetes)
    return Response(_logon_xml(jeton), media_type=br.XML, headers=entetes)


@routeur.post("/logoff", summary="Déconnexion BusinessObjects (le jeton est aussitôt refusé)")
@routeur.post("/v1/logoff", summary="Déconnexion BusinessObjects (chemin versionné)")
def logoff(requete: Request) -> Response:
    sessions_de(requete).fermer(jeton_de(requete))
    return Response(status_code=200)


# --- Raylight: documents ------------------------------------------------------------------------------
def _documents_visibles() -> list[webi.DocumentWebi]:
    habilitation = utilisateur_courant()
    return list(webi.DOCUMENTS) if habilitation is not None and habilitation.autorise("consulter") else []


def _resume(document: webi.DocumentWebi, session: SessionBO) -> dict[str, Any]:
    etat = session.documents.get(document.id)
    return {"id": document.id, "cuid": document.cuid, "name": document.nom, "description": document.description,
            "folderId": DOSSIER["folderId"], "state": etat.etat if etat else "Unused"}


@routeur.get("/raylight/v1/documents", summary="Documents Web Intelligence (offset, limit ≤ 50)")
def documents(requete: Request) -> Response:
    offset = _entier(requete.query_params.get("offset"), "offset", 0)
    limite = _entier(requete.query_params.get("limit"), "limit", LIMITE_DEFAUT)
    if limite > LIMITE_MAXIMUM:
        raise br.ErreurBO(400, "WSR 00101", f'Argument "limit" must be between 0 and {LIMITE_MAXIMUM}.')
    visibles = _documents_visibles()
    if offset >= len(visibles):
        raise introuvable("Document", str(offset))  # BO ends a listing so (clients stop on it)
    session = _session(requete)
    page = [_resume(d, session) for d in visibles[offset:offset + limite]]
    return br.reponse({"documents": {"document": page}}, _format(requete))


@routeur.get("/raylight/v1/documents/{id_document}", summary="Détail d'un document (et ouverture)")
def detail_document(id_document: str, requete: Request) -> Response:
    document, session = _document(id_document), _session(requete)
    _refuser_export(requete)
    etat = session.documents.setdefault(document.id, EtatDocument())
    contenu = {**_resume(document, session), "path": DOSSIER["path"], "updated": _maintenant_bo(),
               "scheduled": False, "state": etat.etat, "createdBy": "Administrator",
               "lastAuthor": "Administrator", "refreshOnOpen": False}
    return br.reponse({"document": contenu}, _format(requete))


def _maintenant_bo() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="milliseconds")


def _refuser_export(requete: Request) -> None:
    """A document itself is not exported here (its reports are): a file type in Accept → 406."""
    accept = requete.headers.get("accept", "").lower()
    if any(t in accept for t in (CSV, XLSX, *EXPORTS_NON_PRODUITS)) and br.JSON not in accept \
            and br.XML not in accept:
        raise _non_produit(accept)


def _non_produit(accept: str) -> br.ErreurBO:
    return br.ErreurBO(406, "WSR 00501", f"Format d'export non produit par le bac à sable : « {accept[:80]} » "
                                         f"(formats disponibles : {CSV}, {XLSX}, {br.JSON}, {br.XML})")


@routeur.put("/raylight/v1/documents/{id_document}", summary="Fermer un document (state Unused)")
async def fermer_document(id_document: str, requete: Request) -> Response:
    document, session = _document(id_document), _session(requete)
    arbre = await _corps(requete)
    contenu = arbre.get("document") if arbre else None
    etat = contenu.get("state") if isinstance(contenu, dict) else None
    if isinstance(etat, dict):
        etat = etat.get("$")
    if etat != "Unused":
        raise br.ErreurBO(400, "WSR 00501", "Seule la fermeture d'un document (state Unused) est prise en charge "
                                            "par le bac à sable : un document n'y est jamais enregistré")
    ouvert = session.documents.pop(document.id, None)
    return br.reponse(succes(document, ouvert is not None), _format(requete))


# --- Raylight: parameters (prompts) and refresh -------------------------------------------------------
def _valeurs(valeurs: list[str]) -> dict[str, Any]:
    return {"value": [{"@id": v, "$": v} for v in valeurs]}


def parametre(invite: webi.Invite, lov: list[str] | None, precedente: str | None) -> dict[str, Any]:
    """One prompt as BO's ``<parameter>`` (grammar of the doc §3.3)."""
    info: dict[str, Any] = {"@cardinality": "Single"}
    if lov:
        info["lov"] = {"@hierarchical": "false", "@partial": "false", "@refreshable": "true",
                       "@searchable": "false", "id": f"UNIVERSELOV_DS0.{invite.nom_technique}", "values": _valeurs(lov)}
    answer: dict[str, Any] = {"@constrained": "false", "@type": "Text", "info": info}
    if precedente is not None:
        info["previous"] = _valeurs([precedente])
        answer["values"] = _valeurs([precedente])
    return {"@optional": "true" if invite.optionnelle else "false", "@type": "prompt", "@dpId": "DP0",
            "id": invite.id, "technicalName": invite.nom_technique, "name": invite.nom, "answer": answer}


def _parametres(requete: Request, document: webi.DocumentWebi, invites: list[webi.Invite],
                etat: EtatDocument) -> br.Arbre:
    bac = _bac(requete)
    avec_lov = requete.query_params.get("lovInfo", "true").lower() != "false"
    exercice = bac.contexte.exercice
    lovs = bac.lire(lambda d: {i.id: webi.valeurs_possibles(d, i, r.exercices_disponibles(d, exercice))
                               for i in invites}) if avec_lov else {}
    return {"parameters": {"parameter": [parametre(i, lovs.get(i.id), etat.reponses.get(i.id)) for i in invites]}}


@routeur.get("/raylight/v1/documents/{id_document}/parameters", summary="Invites d'un document (lovInfo)")
def parametres(id_document: str, requete: Request) -> Response:
    document, session = _document(id_document), _session(requete)
    etat = session.documents.setdefault(document.id, EtatDocument())
    return br.reponse(_parametres(requete, document, list(document.invites), etat), _format(requete))


def _texte_valeur(valeur: Any) -> str:
    if isinstance(valeur, dict):
        valeur = valeur.get("$", valeur.get("@id", ""))
    if isinstance(valeur, bool) or not isinstance(valeur, (str, int)):
        raise br.CorpsIllisible("Réponse d'invite illisible : valeur texte attendue")
    return str(valeur)


def _sous(arbre: Any, *cles: str) -> Any:
    for cle in cles:
        arbre = arbre.get(cle) if isinstance(arbre, dict) else None
    return arbre


def reponses_envoyees(arbre: br.Arbre | None) -> dict[int, list[str]]:
    """Answers of a PUT body: ``{id: [values]}`` (scalar, ``{"$"}``/``{"@id"}`` or a list of them)."""
    brutes: dict[int, list[str]] = {}
    for membre in br.membres(_sous(arbre, "parameters", "parameter")):
        identifiant = _sous(membre, "id")
        if isinstance(identifiant, bool) or not isinstance(identifiant, (int, str)) or not str(identifiant).isascii() \
                or not str(identifiant).isdigit() or len(str(identifiant)) > 9:
            raise br.CorpsIllisible("Réponse d'invite illisible : « id » de l'invite (entier) attendu")
        brutes[int(identifiant)] = [_texte_valeur(v) for v in br.membres(_sous(membre, "answer", "values", "value"))]
    return brutes


def tableaux_rafraichis(bac: Bac, document: webi.DocumentWebi, reponses: webi.Reponses) -> dict[int, r.Tableau]:
    """The document refreshed for ``reponses`` as the current user (their périmètre): the same
    for an interactive refresh and for a schedule's run."""
    date, defauts = bac.contexte.date_du_jour, bac.defauts
    return bac.lire(lambda d: webi.rafraichir(d, document, reponses, date, defauts))


@routeur.put("/raylight/v1/documents/{id_document}/parameters",
             summary="Répondre aux invites et rafraîchir le document")
async def rafraichir(id_document: str, requete: Request) -> Response:
    document, session = _document(id_document), _session(requete)
    reponses, manquantes = webi.verifier_reponses(document, reponses_envoyees(await _corps(requete)))
    etat = session.documents.setdefault(document.id, EtatDocument())
    if manquantes:  # BO lists the prompts still to answer, with a 200 (not an error)
        return br.reponse(_parametres(requete, document, manquantes, etat), _format(requete))
    tableaux = await run_in_threadpool(tableaux_rafraichis, _bac(requete), document, reponses)
    etat.reponses, etat.tableaux = reponses, tableaux
    details = {"details": {"property": [{"@key": "allDataprovidersRefreshed", "$": "true"}]}}
    return br.reponse(succes(document, True, details), _format(requete))


# --- Raylight: reports, exports, elements, datasets ---------------------------------------------------
@routeur.get("/raylight/v1/documents/{id_document}/reports", summary="Rapports (onglets) d'un document")
def rapports(id_document: str, requete: Request) -> Response:
    document = _document(id_document)
    liste = [{"id": x.id, "name": x.nom, "reference": f"R{x.id}"} for x in document.rapports]
    return br.reponse({"reports": {"report": liste}}, _format(requete))


def tableau_du_rapport(requete: Request, document: webi.DocumentWebi, rapport: webi.Rapport) -> r.Tableau:
    """The report as last refreshed in this session; never refreshed: its layout without rows."""
    etat = _session(requete).documents.get(document.id)
    if etat is not None and etat.tableaux is not None:
        return etat.tableaux[rapport.id]
    contexte = _bac(requete).contexte
    return webi.tableau_vide(rapport, contexte.date_du_jour, contexte.exercice)


@routeur.get("/raylight/v1/documents/{id_document}/reports/{id_rapport}",
             summary="Un rapport : détail (XML/JSON) ou export selon Accept (text/csv, xlsx)")
def rapport(id_document: str, id_rapport: str, requete: Request) -> Response:
    document = _document(id_document)
    choisi = _rapport(document, id_rapport)
    accept = requete.headers.get("accept", "").lower()
    if CSV in accept or XLSX in accept:
        fichier = r.fichier(tableau_du_rapport(requete, document, choisi), "csv" if CSV in accept else "xlsx",
                            ENCODAGE_CSV)
        return Response(fichier.contenu, media_type=fichier.type_media,
                        headers={"Content-Disposition": f'attachment; filename="{fichier.nom}"'})
    if accept.strip() in ("", "*/*") or br.JSON in accept or br.XML in accept:
        return br.reponse({"report": {"id": choisi.id, "name": choisi.nom, "reference": f"R{choisi.id}"}},
                          _format(requete))
    raise _non_produit(accept)


ELEMENT = 1  # each report holds one vertical table


@routeur.get("/raylight/v1/documents/{id_document}/reports/{id_rapport}/elements",
             summary="Éléments d'un rapport (un tableau vertical)")
def elements(id_document: str, id_rapport: str, requete: Request) -> Response:
    choisi = _rapport(_document(id_document), id_rapport)
    element = {"@type": "VTable", "id": ELEMENT, "name": choisi.nom, "reference": f"R{choisi.id}.T{ELEMENT}"}
    return br.reponse({"elements": {"element": [element]}}, _format(requete))


def valeur_dataset(valeur: r.Cellule, colonne: r.Colonne) -> str:
    """A dataset cell: amounts in euros with a decimal point (``1234.56``), ISO dates, empty for ``#``."""
    if valeur is None:
        return ""
    if colonne.nature == r.MONTANT and isinstance(valeur, int):
        return str(vers_euros(valeur).quantize(Decimal("0.01")))
    if isinstance(valeur, dt.date):
        return valeur.isoformat()
    return str(valeur)


def dataset(tableau: r.Tableau) -> br.Arbre:
    metadata = [{"@type": webi.type_colonne(c), "$": c.entete} for c in tableau.colonnes]
    lignes = [{"value": [valeur_dataset(v, c) for v, c in zip(ligne, tableau.colonnes, strict=True)]}
              for ligne in tableau.lignes]
    return {"dataset": {"metadata": {"value": metadata}, "row": lignes}}


@routeur.get("/raylight/v1/documents/{id_document}/reports/{id_rapport}/elements/{id_element}/dataset",
             summary="Données d'un tableau (métadonnées et lignes)")
def donnees(id_document: str, id_rapport: str, id_element: str, requete: Request) -> Response:
    document = _document(id_document)
    choisi = _rapport(document, id_rapport)
    if id_element != str(ELEMENT):
        raise introuvable("Element", id_element[:40])
    return br.reponse(dataset(tableau_du_rapport(requete, document, choisi)), _format(requete))



# --- Raylight: schedules (web/bo_planifications.py) ---------------------------------------------------
@routeur.post("/raylight/v1/documents/{id_document}/schedules",
              summary="Planifier un document maintenant : format (csv, pdf, xls) et envoi par courriel")
async def planifier(id_document: str, requete: Request) -> Response:
    document, session = _document(id_document), _session(requete)
    demande = bp.lire_demande(await _corps(requete), document, reponses_envoyees)
    registre, bac = bp.planifications_de(requete.app), _bac(requete)
    planification = registre.creer(document, session.identifiant, demande)
    bp.lancer(registre, planification, lambda: tableaux_rafraichis(bac, document, demande.reponses),
              lambda: bac.contexte, bp.smtp_de(requete.app))
    return br.reponse(bp.succes(planification, "created"), _format(requete))


@routeur.get("/raylight/v1/documents/{id_document}/schedules", summary="Planifications d'un document")
def planifications(id_document: str, requete: Request) -> Response:
    document, session = _document(id_document), _session(requete)
    trouvees = bp.planifications_de(requete.app).du_document(document, session.identifiant)
    return br.reponse(bp.liste(trouvees), _format(requete))


def _planification(requete: Request, id_document: str, id_planification: str) -> bp.Planification:
    document, session = _document(id_document), _session(requete)
    trouvee = bp.planifications_de(requete.app).trouver(document, session.identifiant, id_planification)
    if trouvee is None:
        raise introuvable("Schedule", id_planification[:40])
    return trouvee


@routeur.get("/raylight/v1/documents/{id_document}/schedules/{id_planification}",
             summary="Détail et statut d'une planification (Pending, Running, Completed, Failed)")
def planification(id_document: str, id_planification: str, requete: Request) -> Response:
    return br.reponse(bp.detail(_planification(requete, id_document, id_planification)), _format(requete))


@routeur.delete("/raylight/v1/documents/{id_document}/schedules/{id_planification}",
                summary="Supprimer une planification")
def supprimer_planification(id_document: str, id_planification: str, requete: Request) -> Response:
    trouvee = _planification(requete, id_document, id_planification)
    bp.planifications_de(requete.app).supprimer(trouvee)
    return br.reponse(bp.succes(trouvee, "deleted"), _format(requete))
