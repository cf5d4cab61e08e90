"""HTTP client of SAP BusinessObjects' RESTful services (``/biprws``: logon, Raylight v1), for
a real BO 4.2/4.3 as for the sandbox's clone (docs/conception/bo-biprws.md).

What the reference marks unconfirmed [NC] is a parameter of :class:`ClientBO`, its default the
sandbox's choice (§9): the token sent quoted, 50 documents a page, the export formats' MIME types,
the element of a report's table, the logon and logoff paths.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self, cast

import httpx

from recette.bo import arbre
from recette.bo.arbre import Arbre, membres, sous, texte
from recette.bo.erreurs import (
    DocumentBOInconnu,
    ErreurBO,
    FormatExportNonOffert,
    IdentifiantsBORefuses,
    InviteBOInvalide,
    InviteBOManquante,
    JetonBOInvalide,
    PlanificationBOEnRetard,
    PlanificationBORefusee,
    ServeurBOIndisponible,
    citation,
)
from recette.bo.invites import Invite, Valeur, corps_reponses, en_texte, invites
from recette.bo.planifications import (
    FORMATS_PLANIFICATION,
    Envoi,
    PlanificationBO,
    corps_planification,
    liste_adresses,
    planification_de,
    planifications_de,
)
from recette.journaux_http import filtre_secrets
from recette.masque import MASQUE

ENTETE_JETON = "X-SAP-LogonToken"
JSON = "application/json"
RAYLIGHT = "/raylight/v1"
AUTH_PAR_DEFAUT = "secEnterprise"
#: [NC] export formats by ``Accept`` (the sandbox produces csv and xlsx; 406 for the others).
FORMATS_EXPORT: dict[str, str] = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "pdf": "application/pdf",
}
LIMITE_PAGE = 50  # Raylight's maximum ``limit`` [DOC]; beyond: 400 WSR 00101 in the sandbox [NC]
ELEMENT_TABLEAU = 1  # [NC] the sandbox's reports hold one vertical table, element 1
CODES_JETON = frozenset({"WSR 00001", "WSR 00002", "FWB 00003", "FWM 02024"})
CODE_FIN_DE_LISTE = "WSR 00400"
_NATURE = re.compile(r'resource of type "(\w+)"', re.IGNORECASE)
journal = logging.getLogger("recette.bo")


@dataclass(frozen=True)
class DocumentBO:
    """A Web Intelligence document as Raylight lists it."""

    id: int
    nom: str
    cuid: str = ""
    etat: str = ""  # Unused, Original or Modified


@dataclass(frozen=True)
class RapportBO:
    id: int
    nom: str


@dataclass(frozen=True)
class JeuDeDonnees:
    """A table's data: its columns (name, BO type) and its rows, cells as BO's text."""

    colonnes: tuple[tuple[str, str], ...]
    lignes: tuple[tuple[str, ...], ...]

    @property
    def entetes(self) -> list[str]:
        return [nom for nom, _type in self.colonnes]


def document_de(noeud: Arbre) -> DocumentBO:
    return DocumentBO(int(texte(noeud.get("id"))), texte(noeud.get("name")), texte(noeud.get("cuid")),
                      texte(noeud.get("state")))


def jeu_de_donnees(contenu: Arbre) -> JeuDeDonnees:
    """``{"dataset": {"metadata": {"value": [...]}, "row": [{"value": [...]}]}}``, folded or not."""
    jeu = contenu.get("dataset") or {}
    colonnes = tuple((texte(v), texte(sous(v, "@type"))) for v in membres(sous(jeu, "metadata", "value")))
    lignes = tuple(tuple(texte(v) for v in membres(sous(ligne, "value")))
                   for ligne in membres(sous(jeu, "row")) if isinstance(ligne, dict))
    return JeuDeDonnees(colonnes, lignes)


class ClientBO:
    """One session of one user on a BO server: ``base_url`` ends with ``/biprws``.

    ``with ClientBO(url) as bo: bo.logon(utilisateur, mot_de_passe); ...`` logs off on leaving,
    even on an error (a session that already expired has nothing to log off: no error then). The token is kept exactly as received (quotes included) and sent on every
    call; neither it nor the password appears in a message, a ``repr`` or a log.
    """

    def __init__(self, base_url: str, auth: str = AUTH_PAR_DEFAUT, *, delai: float = 30.0,
                 jeton_entre_guillemets: bool = True, limite_page: int = LIMITE_PAGE,
                 formats: Mapping[str, str] | None = None, element_tableau: int = ELEMENT_TABLEAU,
                 chemin_logon: str = "/logon/long", chemin_logoff: str = "/logoff", pvl: str | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.url, self.auth, self.delai = base_url.rstrip("/"), auth, delai
        self.jeton_entre_guillemets, self.limite_page = jeton_entre_guillemets, limite_page
        self.formats = dict(FORMATS_EXPORT if formats is None else formats)
        self.element_tableau, self.chemin_logon, self.chemin_logoff = element_tableau, chemin_logon, chemin_logoff
        self.utilisateur: str | None = None
        self._jeton: str | None = None
        entetes = {"X-SAP-PVL": pvl} if pvl else {}
        self._http = httpx.Client(base_url=self.url, timeout=delai, headers=entetes, transport=transport)

    def __repr__(self) -> str:
        return (f"ClientBO(url={self.url!r}, auth={self.auth!r}, utilisateur={self.utilisateur!r}, "
                f"connecte={self.connecte})")

    @property
    def connecte(self) -> bool:
        return self._jeton is not None

    # --- HTTP ------------------------------------------------------------------------------------
    def _masquer(self, message: str, *secrets: str) -> str:
        for secret in (*secrets, self._jeton or "", (self._jeton or "").strip('"')):
            if len(secret) >= 4:
                message = message.replace(secret, MASQUE)
        return message

    def _envoyer(self, methode: str, chemin: str, accept: str = JSON, **options: Any) -> httpx.Response:
        """One call; a transport failure becomes :class:`ServeurBOIndisponible` naming the URL."""
        entetes = {"Accept": accept, **({ENTETE_JETON: self._jeton} if self._jeton else {})}
        url = f"{self.url}{chemin}"
        try:
            reponse = self._http.request(methode, chemin, headers=entetes, **options)
        except httpx.TimeoutException:
            raise ServeurBOIndisponible(f"BusinessObjects ne répond pas dans le délai de {self.delai:g} s : {url}",
                                        url) from None
        except httpx.HTTPError as exc:
            raise ServeurBOIndisponible(f"BusinessObjects injoignable : {url} ({type(exc).__name__})", url) from None
        journal.debug("BusinessObjects %s %s → %s", methode, chemin, reponse.status_code)
        return reponse

    def _refus(self, reponse: httpx.Response, document: str | None = None) -> ErreurBO:
        """A BO refusal in French, with BO's code and message (JSON or XML, wrapped or flat)."""
        code, message = arbre.erreur(reponse.content, reponse.headers.get("content-type", ""))
        message, statut = self._masquer(message), reponse.status_code
        url = str(reponse.request.url.copy_with(query=None))
        bo = citation(code, message)
        if statut >= 500:
            return ServeurBOIndisponible(f"BusinessObjects en erreur {statut} sur {url}{bo}", url, code, statut, message)
        if code in CODES_JETON or statut == 401:
            return JetonBOInvalide(f"Session BusinessObjects refusée sur {url} : jeton absent, invalide ou expiré, "
                                   f"reconnectez-vous{bo}", url, code, statut, message)
        nature = _NATURE.search(message)
        inexistante = code in (CODE_FIN_DE_LISTE, "400")  # "400": the code before 4.1 SP5 [DOC]
        if statut == 404 and inexistante and document is not None and (nature is None or nature[1].lower() == "document"):
            return DocumentBOInconnu(document, url, code, statut, message)
        return ErreurBO(f"BusinessObjects a refusé {reponse.request.method} {url} (HTTP {statut}){bo}", url, code,
                        statut, message)

    def _requete(self, methode: str, chemin: str, document: str | None = None, **options: Any) -> Arbre:
        reponse = self._envoyer(methode, chemin, **options)
        if reponse.status_code >= 400:
            raise self._refus(reponse, document)
        return self._lire(reponse)

    def _lire(self, reponse: httpx.Response) -> Arbre:
        try:
            return arbre.lire(reponse.content, reponse.headers.get("content-type", ""))
        except arbre.CorpsIllisible as exc:
            url = str(reponse.request.url.copy_with(query=None))
            raise ErreurBO(f"Réponse illisible de BusinessObjects ({url}) : {exc}", url,
                           statut=reponse.status_code) from None

    # --- Session ---------------------------------------------------------------------------------
    def logon(self, utilisateur: str, mot_de_passe: str) -> None:
        """``POST /logon/long`` (JSON); the token of the answer's header kept as received."""
        corps = {"userName": utilisateur, "password": mot_de_passe, "auth": self.auth}
        self._jeton = None
        filtre_secrets.installer()
        filtre_secrets.secrets.add(mot_de_passe)
        try:
            reponse = self._envoyer("POST", self.chemin_logon, json=corps)
        finally:
            filtre_secrets.secrets.discard(mot_de_passe)
        jeton_recu = reponse.headers.get(ENTETE_JETON, "").strip('"')
        if jeton_recu:
            filtre_secrets.secrets.add(jeton_recu)  # before anything logs the answer's headers
        code, message = arbre.erreur(reponse.content, reponse.headers.get("content-type", ""))
        if reponse.status_code == 401 or code == "FWB 00008":
            raise IdentifiantsBORefuses(utilisateur, self.url, code, reponse.status_code,
                                        self._masquer(message, mot_de_passe))
        if reponse.status_code >= 400:
            raise self._refus(reponse)
        jeton = reponse.headers.get(ENTETE_JETON) or self._jeton_du_corps(reponse)
        if not jeton:
            raise ErreurBO(f"BusinessObjects n'a pas rendu de jeton {ENTETE_JETON} ({self.url}{self.chemin_logon})",
                           self.url)
        self._jeton = jeton if self.jeton_entre_guillemets else jeton.strip('"')
        filtre_secrets.secrets.add(self._jeton.strip('"'))
        self.utilisateur = utilisateur

    def _jeton_du_corps(self, reponse: httpx.Response) -> str:
        contenu = self._lire(reponse)
        jeton = texte(contenu.get("logonToken"))
        for attr in membres(sous(contenu, "entry", "content", "attrs", "attr")):
            if isinstance(attr, dict) and attr.get("@name") == "logonToken":
                jeton = texte(attr)
        return f'"{jeton}"' if jeton else ""

    def logoff(self) -> None:
        """``POST /logoff``: the token is forgotten whatever BO answers."""
        if self._jeton is None:
            return
        try:
            reponse = self._envoyer("POST", self.chemin_logoff)
            if reponse.status_code >= 400:
                raise self._refus(reponse)
        finally:
            filtre_secrets.secrets.discard(self._jeton.strip('"'))
            self._jeton = None

    def fermer_client(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, type_: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        try:
            self.logoff()
        except JetonBOInvalide:
            journal.info("Session BusinessObjects déjà close (jeton expiré) : rien à déconnecter")
        except ErreurBO as erreur:
            if exc is None:
                raise
            journal.warning("Déconnexion BusinessObjects impossible après une erreur : %s", erreur)
        finally:
            self._http.close()

    # --- Documents ---------------------------------------------------------------------------------
    def documents(self) -> list[DocumentBO]:
        """Every document visible to the user, page by page (BO ends a list with 404 ``WSR 00400``)."""
        trouves: list[DocumentBO] = []
        while True:
            parametres = {"offset": len(trouves), "limit": self.limite_page}
            reponse = self._envoyer("GET", f"{RAYLIGHT}/documents", params=parametres)
            if reponse.status_code == 404 and arbre.erreur(reponse.content)[0] == CODE_FIN_DE_LISTE:
                return trouves
            if reponse.status_code >= 400:
                raise self._refus(reponse)
            vus = {d.id for d in trouves}
            page = [document_de(d) for d in membres(sous(self._lire(reponse), "documents", "document"))]
            trouves += [d for d in page if d.id not in vus]
            if len(page) < self.limite_page or all(d.id in vus for d in page):  # a server ignoring offset: stop
                return trouves

    def document(self, nom: str) -> DocumentBO:
        """The document of that exact name (:class:`DocumentBOInconnu` naming it otherwise)."""
        trouve = next((d for d in self.documents() if d.nom == nom), None)
        if trouve is None:
            raise DocumentBOInconnu(nom, f"{self.url}{RAYLIGHT}/documents")
        return trouve

    def _chemin(self, document: DocumentBO | int) -> tuple[str, str]:
        if isinstance(document, DocumentBO):
            return f"{RAYLIGHT}/documents/{document.id}", document.nom
        return f"{RAYLIGHT}/documents/{int(document)}", str(document)

    def invites(self, document: DocumentBO | int, lov: bool = False) -> list[Invite]:
        """The prompts (``GET …/parameters``; ``lov``: with their lists of values)."""
        chemin, nom = self._chemin(document)
        return invites(self._requete("GET", f"{chemin}/parameters", nom,
                                     params={"lovInfo": "true" if lov else "false"}))

    def _reponses(self, document: DocumentBO | int, reponses: Mapping[int | str, Valeur | Sequence[Valeur]]
                  ) -> tuple[list[Invite], dict[int, list[str]]]:
        """The prompts known, and the answers by prompt id (named by id, name or technical name)."""
        nom = self._chemin(document)[1]
        connues = self.invites(document)
        return connues, {self._invite(connues, cle, nom).id: self._textes(connues, cle, valeur, nom)
                         for cle, valeur in reponses.items()}

    def repondre(self, document: DocumentBO | int, reponses: Mapping[int | str, Valeur | Sequence[Valeur]]) -> None:
        """Answer the prompts (by id or name) and refresh (``PUT …/parameters``)."""
        chemin, nom = self._chemin(document)
        connues, envoyees = self._reponses(document, reponses)
        reponse = self._envoyer("PUT", f"{chemin}/parameters", json=corps_reponses(envoyees))
        if reponse.status_code == 400:
            code, message = arbre.erreur(reponse.content, reponse.headers.get("content-type", ""))
            visees = [i.nom for i in connues if f"« {i.nom} »" in message] or \
                [i.nom for i in connues if i.id in envoyees and i.nom in message] or \
                [i.nom for i in connues if i.id in envoyees]
            raise InviteBOInvalide(visees, nom, "réponse refusée par BusinessObjects", f"{self.url}{chemin}/parameters",
                                   code, 400, self._masquer(message))
        if reponse.status_code >= 400:
            raise self._refus(reponse, nom)
        restantes = invites(self._lire(reponse))
        if restantes:
            raise InviteBOManquante([i.nom for i in restantes], nom, "BusinessObjects demande encore une réponse "
                                    "(invite obligatoire sans valeur)", f"{self.url}{chemin}/parameters")

    @staticmethod
    def _invite(connues: list[Invite], cle: int | str, document: str) -> Invite:
        trouvee = next((i for i in connues if cle in (i.id, i.nom, i.nom_technique)), None)
        if trouvee is None:
            noms = ", ".join(f"{i.id} « {i.nom} »" for i in connues)
            raise InviteBOInvalide([str(cle)], document, f"invite inconnue (invites du document : {noms})")
        return trouvee

    def _textes(self, connues: list[Invite], cle: int | str, valeur: Valeur | Sequence[Valeur],
                document: str) -> list[str]:
        valeurs = cast(list[Valeur], list(valeur) if isinstance(valeur, (list, tuple)) else [valeur])
        try:
            return [en_texte(v) for v in valeurs]
        except (ValueError, TypeError) as exc:
            raise InviteBOInvalide([self._invite(connues, cle, document).nom], document, str(exc)) from None

    # --- Reports ----------------------------------------------------------------------------------
    def rapports(self, document: DocumentBO | int) -> list[RapportBO]:
        chemin, nom = self._chemin(document)
        contenu = self._requete("GET", f"{chemin}/reports", nom)
        return [RapportBO(int(texte(x.get("id"))), texte(x.get("name")))
                for x in membres(sous(contenu, "reports", "report")) if isinstance(x, dict)]

    def exporter(self, document: DocumentBO | int, rapport: RapportBO | int, format_: str = "csv") -> bytes:
        """A report exported by ``Accept`` (``csv``, ``xlsx``… of :attr:`formats`), as BO's bytes."""
        chemin, nom = self._chemin(document)
        chemin = f"{chemin}/reports/{rapport.id if isinstance(rapport, RapportBO) else int(rapport)}"
        type_media = self.formats.get(format_.lower())
        if type_media is None:
            raise FormatExportNonOffert(format_, f"{self.url}{chemin}", sorted(self.formats))
        reponse = self._envoyer("GET", chemin, accept=type_media)
        if reponse.status_code == 406:
            code, message = arbre.erreur(reponse.content, reponse.headers.get("content-type", ""))
            raise FormatExportNonOffert(format_, f"{self.url}{chemin}", sorted(self.formats), code, 406, message)
        if reponse.status_code >= 400:
            raise self._refus(reponse, nom)
        recu = reponse.headers.get("content-type", "")
        # [NC] the Content-Type of a real export: only an object where a file was asked is refused
        objet = any(t in recu.lower() for t in ("json", "xml")) and "xml" not in type_media
        if objet and not recu.lower().startswith(type_media):
            raise ErreurBO(f"BusinessObjects a répondu « {recu} » au lieu de « {type_media} » ({self.url}{chemin})",
                           f"{self.url}{chemin}", statut=reponse.status_code)
        return reponse.content

    def dataset(self, document: DocumentBO | int, rapport: RapportBO | int, element: int | None = None) -> JeuDeDonnees:
        """A block's data (``…/elements/{eid}/dataset``; default element: :attr:`element_tableau`)."""
        chemin, nom = self._chemin(document)
        numero = rapport.id if isinstance(rapport, RapportBO) else int(rapport)
        eid = self.element_tableau if element is None else element
        return jeu_de_donnees(self._requete("GET", f"{chemin}/reports/{numero}/elements/{eid}/dataset", nom))

    def fermer(self, document: DocumentBO | int) -> None:
        """Close the document (``state`` Unused): its refreshed data dropped, never saved."""
        chemin, nom = self._chemin(document)
        self._requete("PUT", chemin, nom, json={"document": {"state": "Unused"}})

    # --- Schedules (docs/conception/bo-biprws.md §4) ------------------------------------------------
    def planifier(self, document: DocumentBO | int, destinataires: str | Sequence[str], sujet: str,
                  format_: str = "csv", *, reponses: Mapping[int | str, Valeur | Sequence[Valeur]] | None = None,
                  nom: str | None = None, expediteur: str | None = None, copies: str | Sequence[str] = (),
                  message: str = "", nom_piece_jointe: str | None = None, rapport: RapportBO | int | None = None,
                  ) -> PlanificationBO:
        """Schedule ``document`` now, sent by e-mail to ``destinataires`` (``POST …/schedules``):
        ``format_`` csv, pdf, xls…, the prompts answered by ``reponses`` (by id or name), ``rapport``
        the report to send (None: BO's default). Returns the schedule created (status Pending)."""
        chemin, nom_document = self._chemin(document)
        if format_.lower() not in FORMATS_PLANIFICATION:
            raise FormatExportNonOffert(format_, f"{self.url}{chemin}/schedules", list(FORMATS_PLANIFICATION))
        parametres = corps_reponses(self._reponses(document, reponses)[1])["parameters"] if reponses else None
        envoi = Envoi(liste_adresses(destinataires), sujet, expediteur, liste_adresses(copies), message,
                      nom_piece_jointe)
        numero = rapport.id if isinstance(rapport, RapportBO) else rapport
        corps = corps_planification(nom or sujet, format_.lower(), envoi, parametres, numero)
        reponse = self._envoyer("POST", f"{chemin}/schedules", json=corps)
        if reponse.status_code in (400, 406):
            code, message_bo = arbre.erreur(reponse.content, reponse.headers.get("content-type", ""))
            raise PlanificationBORefusee(nom_document, f"{self.url}{chemin}/schedules", code, reponse.status_code,
                                         self._masquer(message_bo))
        if reponse.status_code >= 400:
            raise self._refus(reponse, nom_document)
        identifiant = texte(sous(self._lire(reponse), "success", "id"))
        if not identifiant.isdigit():
            raise ErreurBO(f"BusinessObjects n'a pas rendu l'identifiant de la planification du document "
                           f"« {nom_document} » ({self.url}{chemin}/schedules)", f"{self.url}{chemin}/schedules")
        return PlanificationBO(int(identifiant), self._numero(document), nom or sujet)

    def _numero(self, document: DocumentBO | int) -> int:
        return document.id if isinstance(document, DocumentBO) else int(document)

    def planifications(self, document: DocumentBO | int) -> list[PlanificationBO]:
        """The document's schedules (``GET …/schedules``), with their status."""
        chemin, nom = self._chemin(document)
        return planifications_de(self._requete("GET", f"{chemin}/schedules", nom), self._numero(document))

    def planification(self, document: DocumentBO | int, planification: PlanificationBO | int) -> PlanificationBO:
        """A schedule's status now (``GET …/schedules/{sid}``): BO's id and text, its error if failed."""
        chemin, nom = self._chemin(document)
        sid = planification.id if isinstance(planification, PlanificationBO) else int(planification)
        contenu = self._requete("GET", f"{chemin}/schedules/{sid}", nom).get("schedule")
        return planification_de(contenu if isinstance(contenu, dict) else {"id": sid}, self._numero(document))

    def attendre_planification(self, document: DocumentBO | int, planification: PlanificationBO | int,
                               delai: float = 120.0, intervalle: float = 0.5) -> PlanificationBO:
        """Poll the schedule until it is Completed or Failed (returned as such: the caller checks
        :attr:`PlanificationBO.reussie` and reads :attr:`PlanificationBO.erreur`), at most
        ``delai`` seconds (:class:`PlanificationBOEnRetard` naming the document and the schedule)."""
        limite, pause = time.monotonic() + delai, threading.Event()
        while True:
            etat = self.planification(document, planification)
            reste = limite - time.monotonic()
            if etat.terminee:
                return etat
            if reste <= 0:
                chemin, nom = self._chemin(document)
                raise PlanificationBOEnRetard(nom, etat.id, delai, etat.statut, f"{self.url}{chemin}/schedules/{etat.id}")
            pause.wait(min(intervalle, reste))  # never set: a bounded pause between two polls
