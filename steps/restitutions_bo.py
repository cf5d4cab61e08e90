"""Étapes BusinessObjects Webi : rafraîchir un document avec ses invites, exporter un rapport.

Le document rafraîchi et le refus éventuel de BusinessObjects passent par le contexte du scénario ;
le rapport exporté devient « la restitution extraite », comparée par les étapes d'extraction
(steps/donnees.py) au fichier attendu et à sa spécification.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_bdd import then, when

from recette import extractions
from recette.bo import (
    ClientBO,
    DocumentBO,
    ErreurBO,
    InviteBOInvalide,
    PlanificationBO,
    PlanificationBORefusee,
    client_bo,
)
from recette.cible import CLE_IDENTIFIANTS, Cible
from recette.contextes import contexte as besoins
from recette.courriel import BoiteCourriel, PieceJointe
from recette.identifiants import Identifiants
from recette.parametres import resoudre_exercices
from steps.communs import ContexteScenario, phrase

#: Formats of a report export, as a tester writes them → the client's format.
FORMATS_BO = {"CSV": "csv", "XLSX": "xlsx", "EXCEL": "xlsx", "PDF": "pdf"}


@pytest.fixture
def sessions_bo() -> Iterator[dict[str, ClientBO]]:
    """The scenario's BusinessObjects sessions (one per user), logged off at its end."""
    clients: dict[str, ClientBO] = {}
    yield clients
    for client in clients.values():
        client.__exit__(None, None, None)


def _bo(request: pytest.FixtureRequest, cible: Cible, contexte: ContexteScenario,
        sessions_bo: dict[str, ClientBO]) -> ClientBO:
    """BO as the user an earlier step logged in (on the sandbox: same password as the campaign's
    users), else as the environment's BO user (``bo:`` of recette.yaml) or the campaign's."""
    session = contexte.valeurs.get("session")
    identifiant = session.identifiant if session is not None else ""
    if identifiant not in sessions_bo:
        campagne = request.config.stash[CLE_IDENTIFIANTS]
        if session is not None:
            campagne = Identifiants(identifiant, campagne.mot_de_passe)
        sessions_bo[identifiant] = client_bo(cible.environnement, cible.url, campagne)
    return sessions_bo[identifiant]


def _reponses(datatable: list[list[str]], exercice: int) -> dict[int | str, str]:
    entetes, *lignes = datatable
    if [e.strip() for e in entetes] != ["Invite", "Valeur"]:
        raise AssertionError(f"Le tableau des invites doit avoir les colonnes « Invite | Valeur » (reçu : "
                             f"« {' | '.join(entetes)} »)")
    return {invite.strip(): resoudre_exercices(valeur.strip(), exercice) for invite, valeur in lignes}


def _rafraichir(request: pytest.FixtureRequest, cible: Cible, contexte: ContexteScenario,
                sessions_bo: dict[str, ClientBO], nom: str, reponses: dict[int | str, str]) -> ContexteScenario:
    client = _bo(request, cible, contexte, sessions_bo)
    document = client.document(nom)
    contexte.valeurs.pop("refus_bo", None)
    try:
        client.repondre(document, reponses)
    except InviteBOInvalide as exc:
        contexte.valeurs["refus_bo"] = exc
    contexte.valeurs["document_bo"] = document
    contexte.valeurs["invites_bo"] = reponses
    return contexte


@when(phrase('je rafraîchis le document Webi "{nom}" avec les invites :'), target_fixture="contexte")
@besoins(produit=["document_bo"])
def rafraichir(request: pytest.FixtureRequest, cible: Cible, contexte: ContexteScenario,
               sessions_bo: dict[str, ClientBO], nom: str, datatable: list[list[str]]) -> ContexteScenario:
    """Rafraîchit un document Web Intelligence de BusinessObjects en répondant à ses invites (par leur
    nom) ; {N} désigne l'année de l'exercice de la cible. Un refus de BusinessObjects est gardé pour
    l'étape « Alors le rafraîchissement est refusé… ».

    Exemple : Quand je rafraîchis le document Webi "Suivi de la consommation des crédits" avec les invites :
      | Invite    | Valeur |
      | Exercice  | {N}    |
      | Programme | 0150   |
    """
    return _rafraichir(request, cible, contexte, sessions_bo, nom, _reponses(datatable, cible.exercice))


@when(phrase('je rafraîchis le document Webi "{nom}" sans répondre à ses invites'), target_fixture="contexte")
@besoins(produit=["document_bo"])
def rafraichir_sans_reponse(request: pytest.FixtureRequest, cible: Cible, contexte: ContexteScenario,
                            sessions_bo: dict[str, ClientBO], nom: str) -> ContexteScenario:
    """Rafraîchit un document Web Intelligence sans répondre à aucune de ses invites.

    Exemple : Quand je rafraîchis le document Webi "Suivi de la consommation des crédits" sans répondre à ses invites
    """
    return _rafraichir(request, cible, contexte, sessions_bo, nom, {})


def _document_rafraichi(contexte: ContexteScenario) -> DocumentBO:
    document: DocumentBO = contexte.exiger("document_bo")
    refus = contexte.valeurs.get("refus_bo")
    if refus is not None:
        raise AssertionError(f"Le document « {document.nom} » n'a pas été rafraîchi : {refus}")
    return document


def nom_de_fichier_bo(*parties: str) -> str:
    """``suivi-de-la-consommation-des-credits-par-uo``: a file name from a document and report."""
    sans_accents = unicodedata.normalize("NFKD", "-".join(parties).lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", sans_accents).strip("-")


@when(phrase('j\'exporte le rapport "{rapport}" au format {format_}'), target_fixture="contexte")
@besoins(requiert=["document_bo"], produit=["extraction"])
def exporter(request: pytest.FixtureRequest, cible: Cible, contexte: ContexteScenario,
             sessions_bo: dict[str, ClientBO], dossier_scenario: Path, rapport: str, format_: str) -> ContexteScenario:
    """Exporte un rapport du document Webi rafraîchi, au format CSV, XLSX ou PDF, comme le fait
    l'utilisateur depuis BusinessObjects ; l'export devient la restitution extraite.

    Exemple : Quand j'exporte le rapport "Par UO" au format CSV
    """
    document = _document_rafraichi(contexte)
    if format_.upper() not in FORMATS_BO:
        raise AssertionError(f"Format d'export inconnu « {format_} » (formats : {', '.join(FORMATS_BO)})")
    client = _bo(request, cible, contexte, sessions_bo)
    choisi = next((r for r in client.rapports(document) if r.nom == rapport), None)
    if choisi is None:
        noms = ", ".join(f"« {r.nom} »" for r in client.rapports(document))
        raise AssertionError(f"Le document « {document.nom} » n'a pas de rapport « {rapport} » (rapports : {noms})")
    extension = FORMATS_BO[format_.upper()]
    chemin = dossier_scenario / f"{nom_de_fichier_bo(document.nom, rapport)}.{extension}"
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_bytes(client.exporter(document, choisi, extension))
    extractions.attacher_fichier(chemin, f"Rapport « {rapport} » exporté ({format_.upper()})")
    contexte.valeurs["extraction"] = str(chemin)
    return contexte


@then(phrase('le rafraîchissement est refusé avec le message "{message}"'))
@besoins(requiert=["document_bo"])
def rafraichissement_refuse(cible: Cible, contexte: ContexteScenario, message: str) -> None:
    """BusinessObjects a refusé les réponses aux invites avec ce message (celui de BusinessObjects,
    ou celui de la recette quand une invite obligatoire reste sans réponse) ; {N} désigne l'année.

    Exemple : Alors le rafraîchissement est refusé avec le message "Invite « Programme » : une réponse est obligatoire (ex. 0150)"
    """
    document: DocumentBO = contexte.exiger("document_bo")
    refus: ErreurBO | None = contexte.valeurs.get("refus_bo")
    if refus is None:
        raise AssertionError(f"Le document « {document.nom} » a été rafraîchi alors qu'un refus était attendu")
    attendu = resoudre_exercices(message, cible.exercice)
    assert attendu in str(refus), f"Refus reçu : « {refus} »"


# --- Planifications : l'envoi d'un document par courriel ------------------------------------------
@when(phrase('je planifie l\'envoi par courriel du rapport "{rapport}" du document Webi "{nom}" au format '
             '{format_} à "{destinataires}" avec le sujet "{sujet}" et les invites :'), target_fixture="contexte")
@besoins(produit=["planification"])
def planifier(request: pytest.FixtureRequest, cible: Cible, contexte: ContexteScenario,
              sessions_bo: dict[str, ClientBO], rapport: str, nom: str, format_: str, destinataires: str,
              sujet: str, datatable: list[list[str]]) -> ContexteScenario:
    """Planifie dans BusinessObjects l'envoi immédiat d'un rapport d'un document Webi, rafraîchi avec
    ces invites, par courriel aux destinataires indiqués (séparés par des virgules), au format CSV,
    XLSX ou PDF ; {N} désigne l'année de l'exercice de la cible. Un refus de la planification est gardé
    pour l'étape « Alors la planification est refusée… ».

    Exemple : Quand je planifie l'envoi par courriel du rapport "Par UO" du document Webi "Suivi de la consommation des crédits" au format CSV à "cb.0150@finances.gouv.fr, rbop.0150@education.gouv.fr" avec le sujet "Suivi des crédits du 0150" et les invites :
      | Invite    | Valeur |
      | Exercice  | {N}    |
      | Programme | 0150   |
    """
    if format_.upper() not in FORMATS_BO:
        raise AssertionError(f"Format d'envoi inconnu « {format_} » (formats : {', '.join(FORMATS_BO)})")
    client = _bo(request, cible, contexte, sessions_bo)
    document = client.document(nom)
    choisi = next((r for r in client.rapports(document) if r.nom == rapport), None)
    if choisi is None:
        raise AssertionError(f"Le document « {nom} » n'a pas de rapport « {rapport} »")
    adresses = [a.strip() for a in destinataires.split(",") if a.strip()]
    contexte.valeurs.pop("refus_planification", None)
    try:
        planification = client.planifier(document, adresses, sujet, FORMATS_BO[format_.upper()],
                                         reponses=_reponses(datatable, cible.exercice), rapport=choisi)
    except PlanificationBORefusee as exc:
        contexte.valeurs["refus_planification"] = exc
        planification = None
    contexte.valeurs["planification"] = Envoi(document, planification, adresses, sujet)
    return contexte


@dataclass(frozen=True)
class Envoi:
    """A schedule the scenario made: its document, BO's schedule (None when refused), recipients, subject."""

    document: DocumentBO
    planification: PlanificationBO | None
    destinataires: list[str]
    sujet: str


def _envoi_termine(request: pytest.FixtureRequest, cible: Cible, contexte: ContexteScenario,
                   sessions_bo: dict[str, ClientBO]) -> tuple[Envoi, PlanificationBO]:
    envoi: Envoi = contexte.exiger("planification")
    if envoi.planification is None:
        raise AssertionError(f"La planification du document « {envoi.document.nom} » a été refusée : "
                             f"{contexte.valeurs.get('refus_planification')}")
    client = _bo(request, cible, contexte, sessions_bo)
    return envoi, client.attendre_planification(envoi.document, envoi.planification)


@then(phrase('la planification se termine avec succès'))
@besoins(requiert=["planification"])
def planification_reussie(request: pytest.FixtureRequest, cible: Cible, contexte: ContexteScenario,
                          sessions_bo: dict[str, ClientBO]) -> None:
    """Attend la fin de la planification (délai borné) : BusinessObjects la dit terminée sans erreur.

    Exemple : Alors la planification se termine avec succès
    """
    envoi, finale = _envoi_termine(request, cible, contexte, sessions_bo)
    assert finale.reussie, (f"La planification {finale.id} du document « {envoi.document.nom} » a échoué : "
                            f"{finale.erreur or finale.statut}")


@then(phrase('la planification échoue avec le motif "{motif}"'))
@besoins(requiert=["planification"])
def planification_echouee(request: pytest.FixtureRequest, cible: Cible, contexte: ContexteScenario,
                          sessions_bo: dict[str, ClientBO], motif: str) -> None:
    """Attend la fin de la planification (délai borné) : BusinessObjects la dit en échec, et son motif
    contient ce texte.

    Exemple : Alors la planification échoue avec le motif "invite obligatoire sans réponse"
    """
    envoi, finale = _envoi_termine(request, cible, contexte, sessions_bo)
    assert finale.echouee, f"La planification {finale.id} du document « {envoi.document.nom} » a réussi"
    assert motif in finale.erreur, f"Motif de l'échec : « {finale.erreur} »"


@then(phrase('la planification est refusée avec le message "{message}"'))
@besoins(requiert=["planification"])
def planification_refusee(contexte: ContexteScenario, message: str) -> None:
    """BusinessObjects a refusé de créer la planification, avec un message contenant ce texte.

    Exemple : Alors la planification est refusée avec le message "Adresse de courriel invalide"
    """
    envoi: Envoi = contexte.exiger("planification")
    refus = contexte.valeurs.get("refus_planification")
    if refus is None:
        raise AssertionError(f"La planification du document « {envoi.document.nom} » a été acceptée alors qu'un "
                             "refus était attendu")
    assert message in str(refus), f"Refus reçu : « {refus} »"


@then(phrase('chaque destinataire reçoit un seul courriel dont la pièce jointe est conforme à "{attendu}"'))
@besoins(requiert=["planification"])
def courriels_conformes(request: pytest.FixtureRequest, contexte: ContexteScenario, boite_courriel: BoiteCourriel,
                        dossier_scenario: Path, attendu: str) -> None:
    """Chaque destinataire de la planification reçoit, dans le délai du courriel, exactement un message
    avec le sujet de la planification et une pièce jointe, comparée exactement au fichier attendu : un
    CSV ou un XLSX selon la spécification placée à côté, un PDF par son texte (fichier .txt attendu).

    Exemple : Alors chaque destinataire reçoit un seul courriel dont la pièce jointe est conforme à "expected/bo-suivi-consommation/par_uo_0150.csv"
    """
    envoi: Envoi = contexte.exiger("planification")
    regenerer = request.config.option.recette_regenerer
    chemin_attendu = extractions.exiger_attendu_fichier(attendu, regenerer)
    for destinataire in envoi.destinataires:
        piece = _piece_recue(boite_courriel, destinataire, envoi.sujet)
        obtenu = dossier_scenario / nom_de_fichier_bo(destinataire) / piece.nom
        obtenu.parent.mkdir(parents=True, exist_ok=True)
        obtenu.write_bytes(piece.contenu)
        extractions.attacher_fichier(obtenu, f"Pièce jointe reçue par {destinataire} : {piece.nom}")
        extractions.verifier_fichier(obtenu, chemin_attendu, obtenu.parent, regenerer)


def _piece_recue(boite: BoiteCourriel, destinataire: str, sujet: str) -> PieceJointe:
    boite.attendre(destinataire, sujet)
    recus = boite.recus(destinataire, sujet)
    assert len(recus) == 1, f"{destinataire} a reçu {len(recus)} courriels « {sujet} » au lieu d'un seul"
    piece = recus[0].piece_jointe()
    assert piece.taille > 0, f"La pièce jointe « {piece.nom} » reçue par {destinataire} est vide (0 octet)"
    return piece
