"""The cahier de recette: one line per scenario, in a workbook made to be filtered and annotated.

Sheet « Cahier de recette »: domain, feature, scenario, evolution, criticality, status, nature of
the failure, duration, retries, anomaly (fiche number, ticket when known, what was obtained), with
filters, a frozen header, readable widths and the status coloured; a scenario's own mistake has
the status « À corriger » and no fiche. Sheet « Scénarios à corriger »: those, with the step and
the cause (only when there are some). Sheet « Synthèse »: counts per domain and criticality and
the decision of the quality gate.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from recette.rapport.categories import classer, erreur_du_scenario
from recette.rapport.fiches import FicheAnomalie
from recette.rapport.resultats import Resultat
from recette.rapport.synthese import Bilan

COLONNES = (("Domaine", 24), ("Fonctionnalité", 40), ("Scénario", 60), ("Paramètres", 28), ("Évolution", 15),
            ("Criticité", 11), ("Statut", 11), ("Nature de l'échec", 24), ("Durée (s)", 10), ("Réessais", 9),
            ("Fiche", 8), ("Anomalie connue", 16), ("Anomalie (obtenu)", 60), ("Preuves", 40))
ENTETE = PatternFill("solid", fgColor="000091")
COULEURS_STATUT = {"Réussi": "B8FEC9", "Échoué": "FFBDBD", "Cassé": "FFD8B1", "Ignoré": "E5E5E5",
                   "Anomalie connue": "FEECC2", "À corriger": "E8EDFF"}
A_CORRIGER = "À corriger"


def ligne(resultat: Resultat, fiche: FicheAnomalie | None) -> list[object]:
    statut = "Anomalie connue" if fiche is not None and fiche.connue is not None else resultat.statut_fr
    statut = A_CORRIGER if resultat.en_echec and erreur_du_scenario(resultat) else statut
    categorie = classer(resultat)
    return [resultat.domaine, resultat.fonctionnalite, resultat.nom,
            " ; ".join(f"{n} = {v}" for n, v in resultat.parametres), resultat.evolution, resultat.criticite, statut,
            categorie.nom if categorie else "", round(resultat.duree_ms / 1000, 1),
            resultat.reessais, fiche.numero if fiche else "", fiche.connue.ticket if fiche and fiche.connue else "",
            fiche.obtenu if fiche else "", fiche.dossier_preuves if fiche else ""]


def ecrire(bilan: Bilan, destination: Path) -> Path:
    classeur = Workbook()
    feuille = classeur.active
    assert feuille is not None
    feuille.title = "Cahier de recette"
    _cahier(feuille, bilan)
    if bilan.a_corriger:
        _a_corriger(classeur.create_sheet("Scénarios à corriger"), bilan)
    _synthese(classeur.create_sheet("Synthèse"), bilan)
    classeur.properties.title = f"Cahier de recette — Chorus {bilan.release}"
    classeur.properties.creator = "recette-chorus"
    destination.parent.mkdir(parents=True, exist_ok=True)
    classeur.save(destination)
    return destination


def _cahier(feuille: Worksheet, bilan: Bilan) -> None:
    feuille.append([nom for nom, _ in COLONNES])
    for resultat in bilan.resultats:
        feuille.append(ligne(resultat, bilan.fiche(resultat)))
    _entete(feuille, len(COLONNES))
    for index, (_, largeur) in enumerate(COLONNES, start=1):
        feuille.column_dimensions[get_column_letter(index)].width = largeur
    feuille.freeze_panes = "A2"
    feuille.auto_filter.ref = f"A1:{get_column_letter(len(COLONNES))}{feuille.max_row}"
    colonne_statut = [nom for nom, _ in COLONNES].index("Statut") + 1
    for rangee in feuille.iter_rows(min_row=2):
        for cellule in rangee:
            cellule.alignment = Alignment(vertical="top", wrap_text=True)
        statut = rangee[colonne_statut - 1]
        if statut.value in COULEURS_STATUT:
            statut.fill = PatternFill("solid", fgColor=COULEURS_STATUT[str(statut.value)])
        rangee[8].number_format = "0.0"


def _entete(feuille: Worksheet, largeur: int) -> None:
    for cellule in feuille[1][:largeur]:
        cellule.font = Font(bold=True, color="FFFFFF")
        cellule.fill = ENTETE
        cellule.alignment = Alignment(vertical="center", wrap_text=True)
    feuille.row_dimensions[1].height = 30


def _a_corriger(feuille: Worksheet, bilan: Bilan) -> None:
    """Scenario errors: not anomalies of Chorus, to be corrected by the team and run again."""
    feuille.append(["Domaine", "Fonctionnalité", "Scénario", "Étape", "Cause"])
    for scenario in bilan.a_corriger:
        r = scenario.resultat
        feuille.append([r.domaine, r.fonctionnalite, r.libelle, scenario.etape, scenario.cause])
    _entete(feuille, 5)
    for index, largeur in enumerate((24, 40, 60, 60, 90), start=1):
        feuille.column_dimensions[get_column_letter(index)].width = largeur
    feuille.freeze_panes = "A2"


def _synthese(feuille: Worksheet, bilan: Bilan) -> None:
    feuille.append(["Domaine", "Criticité", "Scénarios", "Réussis", "Anomalies ouvertes", "Anomalies connues",
                    "Ignorés", "À corriger"])
    for compte in [*bilan.par_domaine_et_criticite(), bilan.total]:
        feuille.append([compte.domaine, compte.criticite, compte.total, compte.reussis, compte.ouverts,
                        compte.connues, compte.ignores, compte.a_corriger])
    feuille.append([])
    feuille.append(["Release", bilan.release])
    feuille.append(["Décision de la porte qualité", f"recette {bilan.decision.decision}"])
    feuille.append(["Motifs", " ; ".join(bilan.decision.motifs)])
    for cle, valeur in bilan.environnement.items():
        feuille.append([cle, valeur])
    _entete(feuille, 8)
    for index, largeur in enumerate((30, 16, 11, 10, 12, 12, 10, 11), start=1):
        feuille.column_dimensions[get_column_letter(index)].width = largeur
    feuille.freeze_panes = "A2"
