"""Known issues: anomalies already declared, with their ticket, not counted against the release.

Two ways to declare one:

- the YAML file named by ``anomalies_connues`` in ``recette.yaml`` (validated like it: an error
  names the key and the line)::

      anomalies:
        - ticket: ANO-2026-031
          titre: "Refus sans message sur une tranche fonctionnelle"
          scenarios:
            - "Un engagement au-delà des AE affectées non engagées de la tranche est refusé"
          message: "Crédits insuffisants"   # facultatif : expression régulière sur le message d'erreur
          environnements: [recette-aife]     # facultatif : seulement sur ces environnements

- the ``@anomalie:ANO-2026-031`` tag on the scenario itself.

A failed scenario that matches is shown as « anomalie connue » with its ticket, in Allure (a
resolution of type ``issue``) as in the PV and the cahier; a scenario that passes is not
affected (the ticket may then be closed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from recette.config import _Lecteur, composer
from recette.rapport.resultats import Resultat

_CLES = {"ticket", "titre", "scenarios", "message", "environnements", "commentaire"}
PAR_ETIQUETTE = "déclarée par l'étiquette @anomalie du scénario"


@dataclass(frozen=True)
class AnomalieConnue:
    ticket: str
    titre: str = ""
    scenarios: tuple[str, ...] = ()
    message: str | None = None
    environnements: tuple[str, ...] = ()
    commentaire: str = ""

    def couvre(self, resultat: Resultat, environnement: str) -> bool:
        """Does this declared anomaly explain the failure of ``resultat``?"""
        if not resultat.en_echec:
            return False
        if self.environnements and environnement not in self.environnements:
            return False
        if self.message and not re.search(self.message, resultat.message):
            return False
        return any(_designe(s, resultat) for s in self.scenarios)


def _designe(scenario: str, resultat: Resultat) -> bool:
    """A scenario is named by its title, or ``fichier.feature:titre`` when titles repeat."""
    return scenario in (resultat.nom, resultat.nom_complet) or resultat.nom_complet.endswith("/" + scenario)


def lire(chemin: Path | None) -> list[AnomalieConnue]:
    """The declared anomalies; no file (or no key in ``recette.yaml``) means none."""
    if chemin is None or not chemin.exists():
        return []
    lecteur = _Lecteur(chemin)
    racine = composer(chemin)
    if racine is None:
        return []
    valeurs = lecteur.dictionnaire(racine, "")
    lecteur.cles_connues(valeurs, {"anomalies"}, racine, "")
    noeud = valeurs.get("anomalies")
    if noeud is None or (isinstance(noeud, yaml.ScalarNode) and noeud.value in ("", "~", "null")):
        return []
    if not isinstance(noeud, yaml.SequenceNode):
        raise lecteur.erreur("une liste d'anomalies est attendue", noeud, "anomalies")
    anomalies = [_anomalie(lecteur, element, f"anomalies[{i}]") for i, element in enumerate(noeud.value)]
    _uniques(lecteur, anomalies, noeud)
    return anomalies


def _anomalie(lecteur: _Lecteur, noeud: yaml.Node, cle: str) -> AnomalieConnue:
    valeurs = lecteur.dictionnaire(noeud, cle)
    lecteur.cles_connues(valeurs, _CLES, noeud, cle)
    for obligatoire in ("ticket", "scenarios"):
        if obligatoire not in valeurs:
            raise lecteur.erreur("clé obligatoire absente", noeud, f"{cle}.{obligatoire}")
    simples = {k: lecteur.scalaire(v, f"{cle}.{k}") for k, v in valeurs.items() if k not in ("scenarios", "environnements")}
    message = None if simples.get("message") is None else str(simples["message"])
    if message is not None:
        try:
            re.compile(message)
        except re.error as exc:
            raise lecteur.erreur(f"expression régulière invalide ({exc})", valeurs["message"], f"{cle}.message") from None
    return AnomalieConnue(str(simples["ticket"]), str(simples.get("titre") or ""),
                          _liste(lecteur, valeurs["scenarios"], f"{cle}.scenarios"), message,
                          _liste(lecteur, valeurs.get("environnements"), f"{cle}.environnements"),
                          str(simples.get("commentaire") or ""))


def _liste(lecteur: _Lecteur, noeud: yaml.Node | None, cle: str) -> tuple[str, ...]:
    if noeud is None:
        return ()
    if isinstance(noeud, yaml.ScalarNode):
        return (str(lecteur.scalaire(noeud, cle)),)
    if not isinstance(noeud, yaml.SequenceNode) or not noeud.value:
        raise lecteur.erreur("une liste non vide est attendue", noeud, cle)
    return tuple(str(lecteur.scalaire(n, f"{cle}[{i}]")) for i, n in enumerate(noeud.value))


def _uniques(lecteur: _Lecteur, anomalies: Sequence[AnomalieConnue], noeud: yaml.SequenceNode) -> None:
    vus: set[str] = set()
    for anomalie, element in zip(anomalies, noeud.value):
        if anomalie.ticket in vus:
            raise lecteur.erreur(f"ticket « {anomalie.ticket} » déclaré deux fois", element, "anomalies")
        vus.add(anomalie.ticket)


def associer(resultats: Sequence[Resultat], anomalies: Sequence[AnomalieConnue],
             environnement: str) -> dict[str, AnomalieConnue]:
    """historyId -> the known anomaly that explains the failure (the file first, then the tag)."""
    connues: dict[str, AnomalieConnue] = {}
    declarees = {a.ticket: a for a in anomalies}
    for resultat in resultats:
        anomalie = next((a for a in anomalies if a.couvre(resultat, environnement)), None)
        if anomalie is None and resultat.en_echec and resultat.anomalie:
            anomalie = declarees.get(resultat.anomalie) or AnomalieConnue(resultat.anomalie, commentaire=PAR_ETIQUETTE)
        if anomalie is not None:
            connues[resultat.historique] = anomalie
    return connues


def pour_allure(resultats: Sequence[Resultat], connues: dict[str, AnomalieConnue],
                motif_lien: str | None) -> dict[str, Any] | None:
    """The ``resolutions`` entry of the Allure 3 configuration: one ``issue`` rule per ticket."""
    if not connues:
        return None
    cas: dict[str, list[str]] = {}
    tickets: dict[str, AnomalieConnue] = {}
    for resultat in resultats:
        anomalie = connues.get(resultat.historique)
        if anomalie is not None and resultat.cas:
            cas.setdefault(anomalie.ticket, [])
            if resultat.cas not in cas[anomalie.ticket]:
                cas[anomalie.ticket].append(resultat.cas)
            tickets[anomalie.ticket] = anomalie
    modele = (motif_lien or "https://suivi-anomalies.invalid/{}").replace("{}", "%s")
    regles = [_regle(tickets[t], ids) for t, ids in sorted(cas.items())]
    return {"links": {"anomalie": {"urlTemplate": modele, "nameTemplate": "%s"}}, "rules": regles}


def _regle(anomalie: AnomalieConnue, cas: list[str]) -> dict[str, Any]:
    regle: dict[str, Any] = {"resolution": "issue", "issue": {"id": anomalie.ticket, "type": "anomalie"},
                             "testCaseId": cas}
    if anomalie.message:
        regle["messageRegexp"] = anomalie.message
    commentaire = " — ".join(t for t in (anomalie.titre, anomalie.commentaire) if t)
    if commentaire:
        regle["comment"] = commentaire
    return regle
