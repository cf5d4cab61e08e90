"""Schedules of Web Intelligence documents (``/raylight/v1/documents/{id}/schedules``, issue #17).

Shapes from docs/conception/bo-biprws.md §4. A schedule runs **now** (the only recurrence the
sandbox serves), in a thread of its own: it refreshes the document as the user who scheduled it
(their périmètre: the request's context is carried into the thread), produces the chosen report in
the chosen format (livraison.py) and sends it by e-mail through the SMTP server the sandbox was
started with (``--smtp`` / ``CHORUS_SANDBOX_SMTP``, see :func:`configurer_smtp`). Its status is BO's:
9 Pending, 0 Running, 1 Completed, 3 Failed with an ``<error>`` giving the French reason.

[NC] values chosen here (constants below): the ``<mail>`` destination's tag names (``from``, ``to``,
``cc``, ``subject``, ``message``, ``addAttachment``; addresses separated by ``;`` or ``,``), the
attachment's name (``useSpecificName``, else the document's name), the report scheduled (format
property ``reportId``, else the first report), ``xls`` producing an Excel 2007 workbook, the error
code of a failed delivery (``FWB 00031``), the schedule ids (from 18001).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from starlette.applications import Starlette

from chorus_sandbox import livraison, webi
from chorus_sandbox import restitutions as r
from chorus_sandbox.domaine import regles
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ErreurChorus
from chorus_sandbox.web import bo_rendu as br

journal = logging.getLogger("chorus_sandbox.planifications")

EN_COURS, TERMINEE, ECHOUEE, EN_ATTENTE = "0", "1", "3", "9"
STATUTS = {EN_COURS: "Running", TERMINEE: "Completed", ECHOUEE: "Failed", EN_ATTENTE: "Pending"}
#: BO's format names → what the sandbox produces ([NC] ``xls``: an Excel 2007 workbook here).
FORMATS = {"csv": "csv", "pdf": "pdf", "xls": "xlsx", "xlsx": "xlsx"}
EXTENSIONS = {"csv": "csv", "pdf": "pdf", "xlsx": "xlsx"}
CODE_ECHEC_LIVRAISON = "FWB 00031"  # [DÉDUIT] « Destination disabled » for FTP; SMTP's own code [NC]
CODE_ERREUR_INTERNE = "WSR 00999"
ERREUR_INTERNE = "Erreur interne du bac à sable pendant la planification (voir son journal)"
EXPEDITEUR_DEFAUT = "bo-chorus@chorus-sandbox.invalid"
PREMIER_ID = 18001
RECURRENCES_NON_SERVIES = ("once", "hourly", "daily", "weekly", "monthly", "nthDayOfMonth", "firstMonday",
                           "lastDayOfMonth", "calendar")
LONGUEUR_SUJET, LONGUEUR_MESSAGE, LONGUEUR_NOM = 255, 10_000, 200
ENCODAGE_CSV = "utf-8"  # the interactive export's (api_bo.ENCODAGE_CSV): the same bytes

Production = Callable[[], dict[int, r.Tableau]]  # the document refreshed as its scheduler


@dataclass(frozen=True)
class Demande:
    """A schedule as posted: what to produce and where to send it."""

    nom: str
    format_bo: str
    rapport: int
    reponses: webi.Reponses
    expediteur: str
    destinataires: tuple[str, ...]
    copies: tuple[str, ...]
    sujet: str
    message: str
    joindre: bool
    nom_piece_jointe: str


@dataclass
class Planification:
    id: int
    document: webi.DocumentWebi
    proprietaire: str
    demande: Demande
    statut: str = EN_ATTENTE
    mis_a_jour: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())
    erreur: tuple[str, str] | None = None  # (BO code, French reason) of a failed run


class Planifications:
    """The schedules of one application (BO keeps them in its CMS: they outlive the session)."""

    def __init__(self) -> None:
        self._verrou = threading.Lock()
        self._numeros = itertools.count(PREMIER_ID)
        self._planifications: dict[int, Planification] = {}

    def creer(self, document: webi.DocumentWebi, proprietaire: str, demande: Demande) -> Planification:
        with self._verrou:
            planification = Planification(next(self._numeros), document, proprietaire, demande)
            self._planifications[planification.id] = planification
            return planification

    def du_document(self, document: webi.DocumentWebi, proprietaire: str) -> list[Planification]:
        with self._verrou:
            return [p for p in self._planifications.values()
                    if p.document.id == document.id and p.proprietaire == proprietaire]

    def trouver(self, document: webi.DocumentWebi, proprietaire: str, id_texte: str) -> Planification | None:
        identifiant = int(id_texte) if id_texte.isascii() and id_texte.isdigit() and len(id_texte) <= 9 else -1
        with self._verrou:
            trouvee = self._planifications.get(identifiant)
        ok = trouvee is not None and trouvee.document.id == document.id and trouvee.proprietaire == proprietaire
        return trouvee if ok else None

    def supprimer(self, planification: Planification) -> None:
        with self._verrou:
            self._planifications.pop(planification.id, None)

    def changer(self, planification: Planification, statut: str, erreur: tuple[str, str] | None = None) -> None:
        with self._verrou:
            planification.statut, planification.erreur = statut, erreur
            planification.mis_a_jour = dt.datetime.now().astimezone()


# --- State of the application (no hook in app.py: set here, on first use) -----------------------------
_verrou_etat = threading.Lock()


def planifications_de(application: Starlette) -> Planifications:
    with _verrou_etat:
        registre = getattr(application.state, "planifications_bo", None)
        if registre is None:
            registre = application.state.planifications_bo = Planifications()
        return registre


def configurer_smtp(application: Starlette, serveur: livraison.ServeurSMTP | None) -> None:
    """The SMTP server the schedules of ``application`` deliver through (None: none, they fail)."""
    application.state.smtp_bo = serveur


def smtp_de(application: Starlette) -> livraison.ServeurSMTP | None:
    serveur: livraison.ServeurSMTP | None = getattr(application.state, "smtp_bo", None)
    return serveur


# --- Reading a POSTed schedule ------------------------------------------------------------------------
def _texte(valeur: Any, champ: str, maximum: int, obligatoire: bool = False, une_ligne: bool = True) -> str:
    """A text field (a string, a number, ``{"$": …}``), stripped; French 400 when it is not one."""
    if isinstance(valeur, dict) and all(k == "$" or k.startswith("@") for k in valeur):
        valeur = valeur.get("$", "")
    if isinstance(valeur, bool):
        valeur = "true" if valeur else "false"
    if valeur is None:
        valeur = ""
    if not isinstance(valeur, (str, int)):
        raise DonneeInvalide(f"Planification : « {champ} » doit être un texte")
    texte = str(valeur).strip()
    if obligatoire and not texte:
        raise DonneeInvalide(f"Planification : « {champ} » est obligatoire")
    if len(texte) > maximum:
        raise DonneeInvalide(f"Planification : « {champ} » trop long ({maximum} caractères au plus)")
    if "\x00" in texte or (une_ligne and any(c in texte for c in "\r\n")):
        raise DonneeInvalide(f"Planification : « {champ} » doit tenir sur une ligne")
    return texte


def _liste_adresses(valeur: Any, champ: str) -> tuple[str, ...]:
    """Addresses (a text, or a list of texts): each checked, a line break is an invalid address."""
    if isinstance(valeur, list):
        return livraison.adresses([_texte(v, champ, 320, une_ligne=False) for v in valeur], champ)
    return livraison.adresses(_texte(valeur, champ, 4000, une_ligne=False), champ)


def _sous(arbre: Any, *cles: str) -> Any:
    for cle in cles:
        arbre = arbre.get(cle) if isinstance(arbre, dict) else None
    return arbre


def _format(schedule: dict[str, Any]) -> tuple[str, int | None]:
    """BO's ``<format type="csv">`` (default webi) and the sandbox's ``reportId`` property [NC]."""
    noeud = schedule.get("format")
    type_ = _texte(noeud.get("@type", "") if isinstance(noeud, dict) else noeud, "format", 20) or "webi"
    if type_.lower() not in FORMATS:
        raise br.ErreurBO(400, "WSR 00501", f"Format de planification non produit par le bac à sable : "
                                            f"« {type_} » (formats : {', '.join(FORMATS)})")
    rapport = None
    for propriete in br.membres(_sous(noeud, "properties", "property")):
        if isinstance(propriete, dict) and propriete.get("@key") == "reportId":
            texte = _texte(propriete, "reportId", 9)
            if not (texte.isascii() and texte.isdigit()):
                raise DonneeInvalide(f"Planification : « reportId » doit être un numéro de rapport (reçu « {texte} »)")
            rapport = int(texte)
    return type_.lower(), rapport


def _verifier_recurrence(schedule: dict[str, Any]) -> None:
    servies = [cle for cle in RECURRENCES_NON_SERVIES if cle in schedule]
    if servies:
        raise br.ErreurBO(400, "WSR 00501", f"Récurrence « {servies[0]} » non prise en charge par le bac à sable : "
                                            "seules les planifications immédiates (now, ou sans récurrence)")


def _nom_piece_jointe(destination: dict[str, Any], document: webi.DocumentWebi, format_: str) -> str:
    noeud = destination.get("useSpecificName")
    nom = _texte(noeud, "useSpecificName", LONGUEUR_NOM) or document.nom
    if any(c in nom for c in '/\\:*?"<>|') or nom.startswith("."):
        raise DonneeInvalide(f"Planification : nom de pièce jointe invalide « {nom} » (caractères / \\ : * ? \" < > | "
                             "interdits)")
    avec_extension = not (isinstance(noeud, dict) and str(noeud.get("@fileExtension", "true")).lower() == "false")
    extension = f".{EXTENSIONS[FORMATS[format_]]}"
    return nom + extension if avec_extension and not nom.lower().endswith(extension) else nom


def _mail(destination: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(destination, its ``<mail>``): only the e-mail destination is served."""
    if not isinstance(destination, dict) or not isinstance(destination.get("mail"), dict):
        autre = next((k for k in destination if not k.startswith("@") and k != "useSpecificName"), None) \
            if isinstance(destination, dict) else None
        raise br.ErreurBO(400, "WSR 00501", f"Destination « {autre or 'absente'} » non prise en charge par le bac à "
                                            "sable : seule la destination courriel (mail) est servie")
    return destination, destination["mail"]


def lire_demande(arbre: br.Arbre | None, document: webi.DocumentWebi,
                 reponses_de: Callable[[br.Arbre], dict[int, list[str]]]) -> Demande:
    """A ``{"schedule": {...}}`` body (JSON or XML) checked: French 400s naming the field, the
    address or the prompt; ``reponses_de`` reads the ``parameters`` as the refresh does."""
    schedule = arbre.get("schedule") if arbre else None
    if not isinstance(schedule, dict):
        raise br.CorpsIllisible("Corps de planification illisible : élément « schedule » attendu")
    _verifier_recurrence(schedule)
    format_, rapport = _format(schedule)
    if format_ == "webi":
        raise br.ErreurBO(400, "WSR 00501", "Format de planification « webi » non produit par le bac à sable "
                                            f"(formats : {', '.join(FORMATS)})")
    rapport = document.rapports[0].id if rapport is None else rapport
    if document.rapport(rapport) is None:
        raise DonneeInvalide(f"Planification : le document « {document.nom} » n'a pas de rapport {rapport} "
                             f"(rapports : {', '.join(f'{x.id} {x.nom}' for x in document.rapports)})")
    destination, mail = _mail(schedule.get("destination"))
    destinataires = _liste_adresses(mail.get("to"), "destinataire (to)")
    if not destinataires:
        raise DonneeInvalide("Planification : aucun destinataire (to) pour le courriel")
    reponses = _reponses(document, reponses_de({"parameters": schedule.get("parameters")}))
    joindre = _texte(mail.get("addAttachment"), "addAttachment", 5).lower() != "false"
    return Demande(_texte(schedule.get("name"), "name", LONGUEUR_NOM, obligatoire=True), format_, rapport, reponses,
                   livraison.verifier_adresse(_texte(mail.get("from"), "from", 320) or EXPEDITEUR_DEFAUT,
                                              "expéditeur (from)"),
                   destinataires, _liste_adresses(mail.get("cc"), "copie (cc)"),
                   _texte(mail.get("subject"), "subject", LONGUEUR_SUJET, obligatoire=True),
                   _texte(mail.get("message"), "message", LONGUEUR_MESSAGE, une_ligne=False), joindre,
                   _nom_piece_jointe(destination, document, format_))


def _reponses(document: webi.DocumentWebi, brutes: dict[int, list[str]]) -> webi.Reponses:
    reponses, manquantes = webi.verifier_reponses(document, brutes)
    if manquantes:  # [NC] BO's own behaviour; here refused at once rather than a failed run
        noms = ", ".join(f"« {i.nom} »" for i in manquantes)
        raise br.ErreurBO(400, "WSR 00100", f"Planification du document « {document.nom} » : invite obligatoire "
                                            f"sans réponse : {noms}")
    return reponses


# --- Running ------------------------------------------------------------------------------------------
def lancer(registre: Planifications, planification: Planification, production: Production,
           contexte_bac: Callable[[], regles.Contexte], smtp: livraison.ServeurSMTP | None) -> threading.Thread:
    """Run the schedule now, in its own thread, in the context of the request that posted it (its
    user, hence their périmètre)."""
    contexte = contextvars.copy_context()
    fil = threading.Thread(target=contexte.run, args=(executer, registre, planification, production, contexte_bac, smtp),
                           name=f"planification-{planification.id}", daemon=True)
    fil.start()
    return fil


def executer(registre: Planifications, planification: Planification, production: Production,
             contexte: Callable[[], regles.Contexte], smtp: livraison.ServeurSMTP | None) -> None:
    registre.changer(planification, EN_COURS)
    try:
        livraison.envoyer(smtp, courriel(planification, production(), contexte()), dt.datetime.now().astimezone())
    except livraison.EchecLivraison as exc:
        registre.changer(planification, ECHOUEE, (CODE_ECHEC_LIVRAISON, exc.message))
    except ErreurChorus as exc:
        registre.changer(planification, ECHOUEE, ("WSR 00100", exc.message))
    except Exception:  # noqa: BLE001 - a run never dies silently: failed, the trace in the sandbox's log
        journal.exception("Planification %s du document %s en erreur", planification.id, planification.document.id)
        registre.changer(planification, ECHOUEE, (CODE_ERREUR_INTERNE, ERREUR_INTERNE))
    else:
        registre.changer(planification, TERMINEE)


def courriel(planification: Planification, tableaux: dict[int, r.Tableau], contexte: regles.Contexte
             ) -> livraison.Courriel:
    """The e-mail of a run: the report produced, attached through the rule of the delivered
    attachment (the catalogued defect planification-piece-jointe-vide empties it)."""
    demande = planification.demande
    fichier = livraison.produire(tableaux[demande.rapport], FORMATS[demande.format_bo], ENCODAGE_CSV)
    piece_jointe = replace(fichier, nom=demande.nom_piece_jointe,
                           contenu=regles.piece_jointe_livree(contexte, fichier.contenu)) if demande.joindre else None
    return livraison.Courriel(demande.expediteur, demande.destinataires, demande.copies, demande.sujet,
                              demande.message, piece_jointe)


# --- Rendering ----------------------------------------------------------------------------------------
def _date_bo(instant: dt.datetime) -> str:
    return instant.isoformat(timespec="milliseconds")


def resume(planification: Planification) -> dict[str, Any]:
    return {"id": planification.id, "name": planification.demande.nom,
            "status": {"@id": planification.statut, "$": STATUTS[planification.statut]},
            "updated": _date_bo(planification.mis_a_jour)}


def detail(planification: Planification) -> br.Arbre:
    """``<schedule>`` with its status, destination and, when it failed, the ``<error>`` saying why."""
    demande = planification.demande
    mail = {"from": demande.expediteur, "to": ";".join(demande.destinataires), "cc": ";".join(demande.copies),
            "subject": demande.sujet, "message": demande.message, "addAttachment": demande.joindre}
    contenu: dict[str, Any] = {
        **resume(planification), "format": {"@type": demande.format_bo},
        "destination": {"useSpecificName": {"@fileExtension": "false", "$": demande.nom_piece_jointe}, "mail": mail},
        "now": {"@retriesAllowed": "0", "@retryIntervalInSeconds": "0"}, "serverGroup": {"@id": "0", "@required": "false"},
        "parameters": {"parameter": [{"id": i, "answer": {"values": {"value": [v]}}}
                                     for i, v in sorted(demande.reponses.items())]},
        "reportId": demande.rapport}
    if planification.erreur is not None:
        contenu["error"] = {"error_code": planification.erreur[0], "message": planification.erreur[1]}
    return {"schedule": contenu}


def liste(planifications: list[Planification]) -> br.Arbre:
    return {"schedules": {"schedule": [resume(p) for p in planifications]}}


def succes(planification: Planification, verbe: str) -> br.Arbre:
    return {"success": {"message": f'The resource of type "Schedule" with identifier "{planification.id}" '
                                   f"has been successfully {verbe}.", "id": str(planification.id)}}
