"""Fiches d'anomalie: one per failed scenario, with what was expected, what was obtained, the
kind of failure, the known ticket if any, and where its evidence lies in the deliverable."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from recette.rapport.anomalies import AnomalieConnue
from recette.rapport.categories import Categorie, classer, erreur_du_scenario
from recette.rapport.resultats import PieceJointe, Resultat

LONGUEUR_MAX = 400
_CLASSE = re.compile(r"^(?:[A-Za-z_][\w.]*\.)?[A-Za-z_]\w*(?:Error|Exception|Erreur\w*): ", re.ASCII)
_PLAYWRIGHT = re.compile(r"expected to (?:have|contain|be) ([^\n]*?)'?\s*\nActual value: ([^\n]*)", re.DOTALL)
_ATTENDU_PW = re.compile(r"^(?:text|value|count|attribute|class|title|URL|id)?\s*'?(.*?)'?$", re.DOTALL)


@dataclass(frozen=True)
class FicheAnomalie:
    numero: str  # FA-01, FA-02…, in the order of the cahier
    resultat: Resultat
    categorie: Categorie | None
    connue: AnomalieConnue | None
    attendu: str
    obtenu: str
    dossier_preuves: str  # folder of the evidence inside the deliverable ("" when none)

    @property
    def preuves(self) -> list[tuple[PieceJointe, str]]:
        """The failing step's attachments (all the scenario's when that step has none), each with
        its path inside the deliverable."""
        pieces = pieces_de_l_echec(self.resultat)
        noms: list[str] = []
        for piece in pieces:
            nom = nom_preuve(piece)
            racine, _, extension = nom.rpartition(".")
            rang = 2
            while nom in noms:
                nom, rang = f"{racine}-{rang}.{extension}", rang + 1
            noms.append(nom)
        return [(p, f"{self.dossier_preuves}/{n}") for p, n in zip(pieces, noms)]


def pieces_de_l_echec(resultat: Resultat) -> list[PieceJointe]:
    pieces = [p for p in resultat.pieces_jointes if resultat.etape_en_echec and p.etape == resultat.etape_en_echec]
    return pieces or list(resultat.pieces_jointes)


def nom_preuve(piece: PieceJointe) -> str:
    """A short file name: ``capture.png``, ``page.html``, ``trace.zip``, ``ecarts.csv``… else the title."""
    extension = piece.source.rsplit(".", 1)[-1].lower() if "." in piece.source else "bin"
    titre = ascii_slug(piece.nom)
    if titre.startswith("ecart"):
        return f"ecarts.{extension}"
    connus = {"png": "capture", "jpg": "capture", "zip": "trace"}
    if extension in connus:
        return f"{connus[extension]}.{extension}"
    return f"{'page' if extension == 'html' else (titre[:30] or 'piece')}.{extension}"


def ascii_slug(texte: str, longueur: int = 60, points: bool = False) -> str:
    """``Un engagement d'un centime…`` -> ``un-engagement-d-un-centime``: safe in a zip on any OS
    (``points`` keeps the dots of a release number: ``2026.2``)."""
    sans_accents = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode("ascii")
    motif = r"[^a-z0-9.]+" if points else r"[^a-z0-9]+"
    return re.sub(motif, "-", sans_accents.lower()).strip("-")[:longueur].strip("-")


def etablir(resultats: Sequence[Resultat], connues: dict[str, AnomalieConnue]) -> list[FicheAnomalie]:
    """One fiche per failed or broken scenario, numbered in reading order; none for a scenario's own
    mistake (« Erreur du scénario »): it is not an anomaly of Chorus."""
    fiches: list[FicheAnomalie] = []
    for resultat in (r for r in resultats if r.en_echec and not erreur_du_scenario(r)):
        numero = f"FA-{len(fiches) + 1:02d}"
        attendu, obtenu = attendu_obtenu(resultat)
        dossier = f"preuves/{numero}-{ascii_slug(resultat.nom, 40)}" if resultat.pieces_jointes else ""
        fiches.append(FicheAnomalie(numero, resultat, classer(resultat), connues.get(resultat.historique),
                                    attendu, obtenu, dossier))
    return fiches


def attendu_obtenu(resultat: Resultat) -> tuple[str, str]:
    """Expected and obtained, as a tester reads them (the failing ``Alors`` step is the expectation)."""
    message = _CLASSE.sub("", resultat.message.strip(), count=1)
    etape = resultat.etape_en_echec or "le scénario se déroule jusqu'au bout"
    correspondance = _PLAYWRIGHT.search(message)
    if correspondance:
        attendu = _ATTENDU_PW.match(correspondance.group(1).strip())
        obtenu = correspondance.group(2).strip()
        obtenu = "élément absent de l'écran" if obtenu in ("None", "") else obtenu
        return _court(attendu.group(1) if attendu else correspondance.group(1)), _court(obtenu)
    if "Verdict : NON CONFORME" in message:
        return _court(etape), _court("restitution non conforme : " + _ecarts(message))
    return _court(etape), _court(message.splitlines()[0] if message else "aucun message d'erreur")


def _ecarts(resume: str) -> str:
    """The non-zero counts of a comparison's summary, and its first example."""
    blocs = resume.split("Verdict : NON CONFORME", 1)[1].split("\n\n")
    comptes = [ligne.strip() for ligne in blocs[0].splitlines()
               if ligne.strip() and re.search(r"[1-9]", ligne) and not ligne.rstrip().endswith("aucune")]
    exemples = [ligne.strip() for bloc in blocs[1:] if bloc.lstrip().startswith("Exemples")
                for ligne in bloc.splitlines()[1:2]]
    return " ; ".join(comptes + [f"par exemple {e}" for e in exemples])


def _court(texte: str) -> str:
    texte = " ".join(texte.split())
    return texte if len(texte) <= LONGUEUR_MAX else texte[: LONGUEUR_MAX - 1] + "…"
