"""Schedules of Web Intelligence documents as the client reads and writes them
(docs/conception/bo-biprws.md §4): the POST body of a "now" schedule sent by e-mail, and a
schedule's status (BO's ids 9 Pending, 0 Running, 1 Completed, 3 Failed; its ``<error>`` on failure).

[NC] the ``<mail>`` destination's tag names, the address separator (``;``) and the sandbox's
``reportId`` format property are parameters of the sandbox's choice, to check on the Chorus BO.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from recette.bo.arbre import Arbre, membres, sous, texte

EN_COURS, TERMINEE, ECHOUEE, EN_PAUSE, EN_ATTENTE = "0", "1", "3", "8", "9"
STATUTS_FINAUX = frozenset({TERMINEE, ECHOUEE})
#: [NC] BO's schedule format names (the sandbox produces csv, pdf, and xls/xlsx as Excel 2007).
FORMATS_PLANIFICATION = ("csv", "pdf", "xls", "xlsx", "webi")
SEPARATEUR_ADRESSES = ";"  # [NC]


@dataclass(frozen=True)
class PlanificationBO:
    """A schedule: its id, its document's id, and its last known status (BO's id and text), with
    BO's code and reason when it failed."""

    id: int
    document: int
    nom: str = ""
    statut_id: str = EN_ATTENTE
    statut: str = ""
    code_erreur: str = ""
    erreur: str = ""

    @property
    def terminee(self) -> bool:
        """Finished one way or the other (Completed or Failed)."""
        return self.statut_id in STATUTS_FINAUX

    @property
    def reussie(self) -> bool:
        return self.statut_id == TERMINEE

    @property
    def echouee(self) -> bool:
        return self.statut_id == ECHOUEE


@dataclass(frozen=True)
class Envoi:
    """What a "now" schedule sends by e-mail: recipients, subject, and the rest optional."""

    destinataires: tuple[str, ...]
    sujet: str
    expediteur: str | None = None
    copies: tuple[str, ...] = ()
    message: str = ""
    nom_piece_jointe: str | None = None  # None: BO's default (the document's name)
    joindre: bool = True


def corps_planification(nom: str, format_: str, envoi: Envoi, parametres: Arbre | None,
                        rapport: int | None = None) -> Arbre:
    """``{"schedule": {name, format, destination: {useSpecificName, mail}, parameters}}`` (no
    recurrence: BO runs it now)."""
    format_noeud: dict[str, Any] = {"@type": format_}
    if rapport is not None:
        format_noeud["properties"] = {"property": [{"@key": "reportId", "$": str(rapport)}]}
    mail: dict[str, Any] = {"to": SEPARATEUR_ADRESSES.join(envoi.destinataires), "subject": envoi.sujet,
                            "message": envoi.message, "addAttachment": "true" if envoi.joindre else "false"}
    if envoi.expediteur:
        mail["from"] = envoi.expediteur
    if envoi.copies:
        mail["cc"] = SEPARATEUR_ADRESSES.join(envoi.copies)
    destination: dict[str, Any] = {"mail": mail}
    if envoi.nom_piece_jointe:
        destination = {"useSpecificName": {"@fileExtension": "true", "$": envoi.nom_piece_jointe}, **destination}
    schedule: dict[str, Any] = {"name": nom, "format": format_noeud, "destination": destination}
    if parametres:
        schedule["parameters"] = parametres
    return {"schedule": schedule}


def planification_de(noeud: Arbre, document: int) -> PlanificationBO:
    """A ``<schedule>`` (detail or list member) read: ``status/@id`` and text, ``error``."""
    statut = noeud.get("status")
    trouvee = noeud.get("error")
    erreur: Arbre = trouvee if isinstance(trouvee, dict) else {}
    return PlanificationBO(int(texte(noeud.get("id")) or 0), document, texte(noeud.get("name")),
                           texte(sous(statut, "@id")) if isinstance(statut, dict) else "", texte(statut),
                           texte(erreur.get("error_code")), texte(erreur.get("message")))


def planifications_de(contenu: Arbre, document: int) -> list[PlanificationBO]:
    return [planification_de(x, document) for x in membres(sous(contenu, "schedules", "schedule"))
            if isinstance(x, dict)]


def liste_adresses(valeur: str | Sequence[str]) -> tuple[str, ...]:
    """``"a@x.fr, b@y.fr"`` or ``["a@x.fr", "b@y.fr"]`` as a tuple of stripped addresses."""
    morceaux = valeur.replace(";", ",").split(",") if isinstance(valeur, str) else list(valeur)
    return tuple(a.strip() for a in morceaux if a.strip())
