"""In-year regulation steps: preconditions through the API, actions through the regulation
screens, verdicts on what the user sees (refusals and situation: steps.communs, steps.budget)."""

from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import Page, expect
from pytest_bdd import given, then, when

from recette import budget
from recette.cible import Cible
from recette.contextes import contexte as besoins
from recette.pages import (
    PageAnnulationReserve,
    PageDegel,
    PageFondsDeConcours,
    PageFongibilite,
    PageLoiRectificative,
    PageRegulation,
    PageSurgel,
    PageTransfert,
    PageVirement,
)
from recette.pages.regulation import COLONNES_MONTANTS
from recette.parametres import Exercice, format_montant, montant
from steps.communs import phrase

# --- Étant donné : préconditions par l'API ----------------------------------------------------------


@given(phrase('un virement de {ae:Montant} d\'AE et {cp:Montant} de CP du programme "{source:Code}" '
              'vers le programme "{destination:Code}" en titre {titre:d}'))
@besoins(bac_a_sable_seulement=True)
def virement_existant(cible: Cible, ae: Decimal, cp: Decimal, source: str, destination: str, titre: int) -> None:
    """Un virement déjà fait entre deux programmes d'un même ministère (il compte dans le cumul des virements).

    Exemple : Étant donné un virement de 12 000 000,00 € d'AE et 10 000 000,00 € de CP du programme "0216" vers le programme "0161" en titre 3
    """
    cible.client.virer(source, destination, str(titre), ae, cp)


@given(phrase('un surgel de {ae:Montant} d\'AE et {cp:Montant} de CP sur le programme "{programme:Code}" '
              'en titre {titre:d}'))
@besoins(bac_a_sable_seulement=True)
def surgel_existant(cible: Cible, ae: Decimal, cp: Decimal, programme: str, titre: int) -> None:
    """Des crédits disponibles déjà mis en réserve par un surgel.

    Exemple : Étant donné un surgel de 1 000 000,00 € d'AE et 1 000 000,00 € de CP sur le programme "0217" en titre 2
    """
    cible.client.surgeler(programme, str(titre), ae, cp)


@given(phrase('un fonds de concours de {montant:Montant} rattaché au programme "{programme:Code}" en titre {titre:d}'))
@besoins(bac_a_sable_seulement=True)
def fonds_de_concours_existant(cible: Cible, montant: Decimal, programme: str, titre: int) -> None:
    """Un fonds de concours déjà rattaché (AE = CP = montant reçu).

    Exemple : Étant donné un fonds de concours de 750 000,00 € rattaché au programme "0216" en titre 2
    """
    cible.client.rattacher_fonds_de_concours(programme, str(titre), montant)


# --- Quand : actions par les écrans ---------------------------------------------------------------------


@when(phrase('j\'intègre la loi de finances rectificative "{identifiant}" :'))
def integrer_lfr(ecran: Page, identifiant: str, datatable: list[list[str]]) -> None:
    """Intègre une LFR à partir de ses lignes (Programme | Titre | AE | CP), envoyées en fichier CSV ;
    un montant négatif est une annulation.

    Exemple : Quand j'intègre la loi de finances rectificative "LFR 2026-1" :
    """
    PageLoiRectificative(ecran).integrer(identifiant, budget.csv_loi(datatable))


@when(phrase('je dégèle {ae:Montant} d\'AE et {cp:Montant} de CP de la réserve du programme "{programme:Code}" '
             'en titre {titre:d}'))
def degeler(ecran: Page, ae: Decimal, cp: Decimal, programme: str, titre: int) -> None:
    """Dégel de crédits mis en réserve, sur son écran.

    Exemple : Quand je dégèle 766 857 932,72 € d'AE et 766 857 932,72 € de CP de la réserve du programme "0150" en titre 3
    """
    PageDegel(ecran).operer(programme, str(titre), ae, cp)


@when(phrase('je surgèle {ae:Montant} d\'AE et {cp:Montant} de CP du programme "{programme:Code}" en titre {titre:d}'))
def surgeler(ecran: Page, ae: Decimal, cp: Decimal, programme: str, titre: int) -> None:
    """Surgel de crédits disponibles, sur son écran.

    Exemple : Quand je surgèle 10 000 000,00 € d'AE et 10 000 000,00 € de CP du programme "0150" en titre 2
    """
    PageSurgel(ecran).operer(programme, str(titre), ae, cp)


@when(phrase('j\'annule {ae:Montant} d\'AE et {cp:Montant} de CP mis en réserve sur le programme "{programme:Code}" '
             'en titre {titre:d}'))
def annuler_reserve(ecran: Page, ae: Decimal, cp: Decimal, programme: str, titre: int) -> None:
    """Annulation de crédits mis en réserve (crédits ouverts et réserve baissent d'autant), sur son écran.

    Exemple : Quand j'annule 13 561 947,28 € d'AE et 13 561 947,28 € de CP mis en réserve sur le programme "0217" en titre 2
    """
    PageAnnulationReserve(ecran).operer(programme, str(titre), ae, cp)


@when(phrase('je vire {ae:Montant} d\'AE et {cp:Montant} de CP du programme "{source:Code}" '
             'vers le programme "{destination:Code}" en titre {titre:d}'))
def virer(ecran: Page, ae: Decimal, cp: Decimal, source: str, destination: str, titre: int) -> None:
    """Virement entre deux programmes d'un même ministère, même titre, sur son écran.

    Exemple : Quand je vire 10 292 891,20 € d'AE et 7 379 691,20 € de CP du programme "0216" vers le programme "0161" en titre 3
    """
    PageVirement(ecran).deplacer(source, str(titre), destination, str(titre), ae, cp)


@when(phrase('je transfère {ae:Montant} d\'AE et {cp:Montant} de CP du programme "{source:Code}" '
             'vers le programme "{destination:Code}" en titre {titre:d}'))
def transferer(ecran: Page, ae: Decimal, cp: Decimal, source: str, destination: str, titre: int) -> None:
    """Transfert entre programmes de ministères différents, même titre, sur son écran.

    Exemple : Quand je transfère 5 000 000,00 € d'AE et 4 000 000,00 € de CP du programme "0217" vers le programme "0216" en titre 3
    """
    PageTransfert(ecran).deplacer(source, str(titre), destination, str(titre), ae, cp)


@when(phrase('je transfère {ae:Montant} d\'AE et {cp:Montant} de CP du programme "{source:Code}" en titre '
             '{titre:d} vers le programme "{destination:Code}" en titre {titre_destination:d}'))
def transferer_vers_titre(ecran: Page, ae: Decimal, cp: Decimal, source: str, titre: int, destination: str,
                          titre_destination: int) -> None:
    """Transfert entre programmes de ministères différents, d'un titre vers un autre, sur son écran.

    Exemple : Quand je transfère 1 000 000,00 € d'AE et 1 000 000,00 € de CP du programme "0217" en titre 3 vers le programme "0216" en titre 2
    """
    PageTransfert(ecran).deplacer(source, str(titre), destination, str(titre_destination), ae, cp)


@when(phrase('je déplace {ae:Montant} d\'AE et {cp:Montant} de CP du titre {titre_source:d} vers le titre '
             '{titre_destination:d} du programme "{programme:Code}"'))
def deplacer_entre_titres(ecran: Page, ae: Decimal, cp: Decimal, titre_source: int, titre_destination: int,
                          programme: str) -> None:
    """Fongibilité asymétrique entre deux titres d'un programme, sur son écran.

    Exemple : Quand je déplace 1 000 000,00 € d'AE et 1 000 000,00 € de CP du titre 2 vers le titre 3 du programme "0150"
    """
    PageFongibilite(ecran).deplacer(programme, str(titre_source), str(titre_destination), ae, cp)


@when(phrase('je rattache un fonds de concours de {montant:Montant} au programme "{programme:Code}" en titre '
             '{titre:d} sous la référence "{reference}"'))
def rattacher_fonds_de_concours(ecran: Page, montant: Decimal, programme: str, titre: int, reference: str) -> None:
    """Rattachement d'un fonds de concours reçu, sur son écran.

    Exemple : Quand je rattache un fonds de concours de 1 234 567,89 € au programme "0217" en titre 2 sous la référence "FDC 1-2-00123"
    """
    PageFondsDeConcours(ecran).rattacher(programme, str(titre), montant, reference)


@when(phrase("je consulte la régulation budgétaire de l'exercice {exercice:Exercice}"))
def consulter_regulation(ecran: Page, cible: Cible, exercice: Exercice) -> None:
    """Ouvre la consultation des mouvements de régulation et du plafond des virements d'un exercice.

    Exemple : Quand je consulte la régulation budgétaire de l'exercice N
    """
    PageRegulation(ecran).consulter(exercice.resoudre(cible.exercice))


# --- Alors : ce que voit l'utilisateur --------------------------------------------------------------------


def _affiche(colonne: str, valeur: str) -> str:
    """A cell as the screen shows it: amounts ``1 234,56 €`` with non-breaking spaces, other text as written."""
    return format_montant(montant(valeur)) if colonne in COLONNES_MONTANTS else valeur


@then(phrase("le plafond des virements affiche :"))
def plafond_affiche(ecran: Page, datatable: list[list[str]]) -> None:
    """Chaque cellule du tableau (première colonne : Programme, puis les colonnes de l'écran :
    AE LFI, Plafond AE, Virements AE, Reste AE, et de même en CP).

    Exemple : Alors le plafond des virements affiche :
    """
    page = PageRegulation(ecran)
    expect(page.plafonds).to_be_visible()
    entetes, *lignes = datatable
    for ligne in lignes:
        for colonne, valeur in zip(entetes[1:], ligne[1:], strict=True):
            expect(page.plafond(ligne[0], colonne)).to_have_text(_affiche(colonne, valeur))


@then(phrase("les mouvements de régulation affichent, dans l'ordre :"))
def mouvements_affiches(ecran: Page, datatable: list[list[str]]) -> None:
    """Exactement ces mouvements, dans l'ordre où ils ont été faits (colonnes de l'écran au choix :
    Mouvement, Programme source, Titre source, Programme destination, Titre destination, AE, CP, Référence).

    Exemple : Alors les mouvements de régulation affichent, dans l'ordre :
    """
    page = PageRegulation(ecran)
    expect(page.mouvements).to_be_visible()
    entetes, *lignes = datatable
    expect(page.lignes_mouvements).to_have_count(len(lignes))
    for rang, ligne in enumerate(lignes, start=1):
        for colonne, valeur in zip(entetes, ligne, strict=True):
            expect(page.mouvement(rang, colonne)).to_have_text(_affiche(colonne, valeur))
