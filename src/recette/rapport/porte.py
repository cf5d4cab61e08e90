"""The quality gate: from the campaign's open anomalies to the PV's decision and the exit code.

- **ajournée** (no-go, exit code 1): a threshold of ``porte_qualite`` is exceeded, or nothing ran;
- **non concluante** (exit code 3): more scenarios to correct (« Erreur du scénario ») than
  ``erreurs_scenario`` tolerates (0 by default): the campaign cannot conclude on the release, since
  those scenarios verified nothing; it is neither a go nor a verdict against Chorus. Its own code
  (not 1) lets a pipeline tell « correct the scenarios and relaunch » from « the release is
  rejected »; non-zero, because nobody may sign a PV on a campaign that did not run;
- **prononcée avec réserves** (go, 0): within the thresholds, but anomalies remain open or known;
- **prononcée** (go, 0): every scenario run has passed.

Known issues are listed as reserves and never counted against the thresholds; scenario errors are
never anomalies. A scenario without a criticality tag counts as ``@majeur`` (a gate must not be
passed by forgetting a tag). Exceeded anomaly thresholds win over scenario errors: the release is
then ajournée whatever the scenarios to correct.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from recette.config import PorteQualite
from recette.rapport.anomalies import AnomalieConnue
from recette.rapport.categories import erreur_du_scenario
from recette.rapport.resultats import NON_QUALIFIEE, Resultat

PRONONCEE = "prononcée"
AVEC_RESERVES = "prononcée avec réserves"
AJOURNEE = "ajournée"
NON_CONCLUANTE = "non concluante"
CRITICITES = ("critique", "majeur", "mineur")
CODES = {AJOURNEE: 1, NON_CONCLUANTE: 3}


@dataclass(frozen=True)
class Decision:
    decision: str
    motifs: tuple[str, ...]
    echecs: dict[str, int]  # open failures per criticality (known issues excluded)
    connues: int
    reussis: int
    executes: int  # run and concluded (skipped and known issues excluded)
    seuils: PorteQualite = field(default_factory=PorteQualite)
    a_corriger: int = 0  # scenario errors: not anomalies, not concluded

    @property
    def code(self) -> int:
        """Exit code of ``recette rapport``: 0 go, 1 no-go (ajournée), 3 non concluante."""
        return CODES.get(self.decision, 0)

    @property
    def taux(self) -> float:
        return 100.0 * self.reussis / self.executes if self.executes else 0.0

    def resume(self) -> str:
        verdict = "" if self.decision == NON_CONCLUANTE else (" (GO)" if self.code == 0 else " (NO-GO)")
        return f"Recette {self.decision.upper()}{verdict} : " + " ; ".join(self.motifs)


def criticite_porte(resultat: Resultat) -> str:
    return "majeur" if resultat.criticite == NON_QUALIFIEE else resultat.criticite


def evaluer(resultats: Sequence[Resultat], connues: dict[str, AnomalieConnue], seuils: PorteQualite) -> Decision:
    """Apply ``seuils`` to the campaign's results."""
    a_corriger = sum(1 for r in resultats if r.en_echec and erreur_du_scenario(r))
    ouverts = [r for r in resultats if r.en_echec and r.historique not in connues and not erreur_du_scenario(r)]
    echecs = {c: sum(1 for r in ouverts if criticite_porte(r) == c) for c in CRITICITES}
    reussis = sum(1 for r in resultats if r.statut == "passed")
    executes = reussis + len(ouverts)
    depassements = _depassements(echecs, seuils)
    taux = 100.0 * reussis / executes if executes else 0.0
    if seuils.taux_reussite is not None and executes and taux < seuils.taux_reussite:
        depassements.append(f"taux de réussite {_pourcent(taux)} sous le minimum de {seuils.taux_reussite} %")
    limite = seuils.erreurs_scenario
    if depassements:
        decision, motifs = AJOURNEE, depassements + ([_a_corriger(a_corriger)] if a_corriger else [])
    elif limite is not None and a_corriger > limite:
        decision, motifs = NON_CONCLUANTE, [f"{_a_corriger(a_corriger)} pour {limite} toléré{'s' if limite > 1 else ''}"]
    elif not executes:
        decision, motifs = AJOURNEE, ["aucun scénario exécuté"]
    else:
        decision = AVEC_RESERVES if ouverts or connues or a_corriger else PRONONCEE
        motifs = _reserves(echecs, len(connues), reussis, executes)
        if a_corriger:
            motifs = [m for m in motifs if "réussi" not in m] + [f"{_a_corriger(a_corriger)} dans la tolérance"]
    return Decision(decision, tuple(motifs), echecs, len(connues), reussis, executes, seuils, a_corriger)


def _a_corriger(nombre: int) -> str:
    return f"{nombre} scénario{'s' if nombre > 1 else ''} à corriger"


def _depassements(echecs: dict[str, int], seuils: PorteQualite) -> list[str]:
    motifs = []
    for criticite in CRITICITES:
        limite = getattr(seuils, criticite)
        if limite is not None and echecs[criticite] > limite:
            motifs.append(f"{_echecs(echecs[criticite])} @{criticite} pour {limite} toléré{'s' if limite > 1 else ''}")
    return motifs


def _reserves(echecs: dict[str, int], connues: int, reussis: int, executes: int) -> list[str]:
    motifs = [f"{_echecs(n)} @{c} dans la tolérance" for c, n in echecs.items() if n]
    if connues:
        motifs.append(f"{connues} anomalie{'s' if connues > 1 else ''} connue{'s' if connues > 1 else ''} "
                      "(déjà déclarée{0}, non comptée{0})".format("s" if connues > 1 else ""))
    return motifs or [f"{reussis} scénario{'s' if reussis > 1 else ''} sur {executes} réussi{'s' if reussis > 1 else ''}"]


def _echecs(nombre: int) -> str:
    return f"{nombre} échec{'s' if nombre > 1 else ''}"


def _pourcent(valeur: float) -> str:
    return f"{valeur:.1f} %".replace(".", ",")
