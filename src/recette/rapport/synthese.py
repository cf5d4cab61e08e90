"""The campaign's balance sheet, computed once and rendered by the PV, the cahier and the console."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from recette.rapport.anomalies import AnomalieConnue
from recette.rapport.categories import CATEGORIES, ERREUR_SCENARIO, erreur_du_scenario
from recette.rapport.echecs_scenario import ScenarioACorriger, a_corriger
from recette.rapport.fiches import FicheAnomalie
from recette.rapport.porte import CRITICITES, Decision
from recette.rapport.resultats import NON_QUALIFIEE, Campagne, Resultat


@dataclass(frozen=True)
class Compte:
    """Counts of one slice of the campaign (a domain, a domain × criticality, or everything)."""

    domaine: str
    criticite: str
    total: int = 0
    reussis: int = 0
    ouverts: int = 0  # failed or broken, not known, not a scenario error
    connues: int = 0
    ignores: int = 0
    a_corriger: int = 0  # « Erreur du scénario »: not an anomaly


@dataclass(frozen=True)
class Bilan:
    campagne: Campagne
    release: str
    environnement: dict[str, str]
    decision: Decision
    fiches: list[FicheAnomalie]
    connues: dict[str, AnomalieConnue] = field(default_factory=dict)

    @property
    def resultats(self) -> list[Resultat]:
        return self.campagne.resultats

    @property
    def total(self) -> Compte:
        return compter(self.resultats, self.connues, "Total", "")

    @property
    def ouvertes(self) -> list[FicheAnomalie]:
        return [f for f in self.fiches if f.connue is None]

    @property
    def reconnues(self) -> list[FicheAnomalie]:
        return [f for f in self.fiches if f.connue is not None]

    def domaines(self) -> list[str]:
        return sorted({r.domaine for r in self.resultats})

    def par_domaine(self) -> list[Compte]:
        return [compter([r for r in self.resultats if r.domaine == d], self.connues, d, "") for d in self.domaines()]

    def par_domaine_et_criticite(self) -> list[Compte]:
        lignes = []
        for domaine in self.domaines():
            for criticite in (*CRITICITES, NON_QUALIFIEE):
                choisis = [r for r in self.resultats if r.domaine == domaine and r.criticite == criticite]
                if choisis:
                    lignes.append(compter(choisis, self.connues, domaine, criticite))
        return lignes

    def par_categorie(self) -> list[tuple[str, int, int]]:
        """(category, open, known) for every category of anomaly, in the order of the categories
        (« Erreur du scénario » is not one: see :attr:`a_corriger`)."""
        return [(c.nom, sum(1 for f in self.ouvertes if f.categorie == c),
                 sum(1 for f in self.reconnues if f.categorie == c)) for c in CATEGORIES if c is not ERREUR_SCENARIO]

    def evolutions(self) -> list[str]:
        return sorted({r.evolution for r in self.resultats if r.evolution})

    def fonctionnalites(self) -> list[str]:
        return sorted({r.fonctionnalite for r in self.resultats if r.fonctionnalite})

    def fiche(self, resultat: Resultat) -> FicheAnomalie | None:
        return next((f for f in self.fiches if f.resultat is resultat), None)

    @property
    def a_corriger(self) -> list[ScenarioACorriger]:
        """The scenarios to correct (« Erreur du scénario »), apart from the anomalies."""
        return a_corriger(self.resultats)


def compter(resultats: Sequence[Resultat], connues: dict[str, AnomalieConnue], domaine: str, criticite: str) -> Compte:
    scenario = [r for r in resultats if r.en_echec and erreur_du_scenario(r)]
    anomalies = [r for r in resultats if r.en_echec and not erreur_du_scenario(r)]
    return Compte(domaine, criticite, len(resultats), sum(1 for r in resultats if r.statut == "passed"),
                  sum(1 for r in anomalies if r.historique not in connues),
                  sum(1 for r in anomalies if r.historique in connues),
                  sum(1 for r in resultats if r.statut == "skipped"), len(scenario))
