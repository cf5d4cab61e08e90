"""Steps of the year-end closing and the campagne des reports: preconditions through the API,
actions through the campaign's screens, verdicts on what the user sees (refusals and notices:
steps.communs; extractions: steps.donnees; situation budgétaire: steps.budget)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from playwright.sync_api import Locator, Page, expect
from pytest_bdd import given, then, when

from recette.cible import Cible
from recette.contextes import contexte as besoins
from recette.pages import (
    PageArretesReport,
    PageCloture,
    PageDemandesReport,
    PageEjBascules,
    PageEngagement,
    PageLoisDeFinances,
)
from recette.pages.reports import COLONNES_MONTANTS, LigneDemande
from recette.parametres import Exercice, format_montant, montant, resoudre_exercices
from steps.communs import ContexteScenario, phrase

DEMANDE, ARRETE = "demande_report", "arrete"


def _lignes(datatable: list[list[str]]) -> list[LigneDemande]:
    """A table Titre | Nature | AE | CP (an empty amount is 0)."""
    entetes, *lignes = datatable
    valeurs = [dict(zip(entetes, ligne, strict=True)) for ligne in lignes]
    return [LigneDemande(x["Titre"].removeprefix("T"), x["Nature"], montant(x.get("AE") or "0"),
                         montant(x.get("CP") or "0")) for x in valeurs]


def _affiche(colonne: str, valeur: str, cible: Cible) -> str:
    """A cell as the screen shows it: amounts ``1 234,56 €`` with non-breaking spaces, titres ``T3``,
    ``{N}`` / ``{N+1}`` as the target's years, other text as written."""
    if colonne in COLONNES_MONTANTS:
        return format_montant(montant(valeur))
    if colonne == "Titre" and valeur.isdigit():
        return f"T{valeur}"
    return resoudre_exercices(valeur, cible.exercice)


def _verifier_tableau(page: PageCloture | PageDemandesReport | PageArretesReport | PageEjBascules,
                      tableau: Locator, cles: tuple[str, ...], datatable: list[list[str]], cible: Cible) -> None:
    """Each row of ``datatable`` (found by its ``cles`` columns) shows each of its cells."""
    expect(tableau).to_be_visible()
    entetes, *lignes = datatable
    for ligne in lignes:
        cellules = {c: _affiche(c, v, cible) for c, v in zip(entetes, ligne, strict=True)}
        cle = {c: cellules[c] for c in cles}
        for colonne, valeur in cellules.items():
            if colonne not in cles:
                expect(page.cellule_ligne(tableau, cle, colonne)).to_have_text(valeur)


# --- Étant donné : préconditions par l'API ----------------------------------------------------------


@given(phrase("l'exercice {exercice:Exercice} est clos"))
@besoins(bac_a_sable_seulement=True)
def exercice_clos(cible: Cible, exercice: Exercice) -> None:
    """L'exercice a déjà été clôturé (montants reportables calculés, EJ non soldés basculés) : le bac à
    sable vit dans l'exercice suivant.

    Exemple : Étant donné l'exercice N est clos
    """
    cible.client.cloturer(exercice.resoudre(cible.exercice))


@given(phrase("un dégel de {ae:Montant} d'AE et {cp:Montant} de CP de la réserve du programme "
              '"{programme:Code}" en titre {titre:d}'))
@besoins(bac_a_sable_seulement=True)
def degel_existant(cible: Cible, ae: Decimal, cp: Decimal, programme: str, titre: int) -> None:
    """Des crédits mis en réserve déjà dégelés : ils redeviennent disponibles (et non consommés à la clôture).

    Exemple : Étant donné un dégel de 0,00 € d'AE et 4 629 386,04 € de CP de la réserve du programme "0103" en titre 6
    """
    cible.client.degeler(programme, str(titre), ae, cp)


@given(phrase('une demande de report du programme "{programme:Code}" :'), target_fixture="contexte")
@besoins(produit=["demande_report"], bac_a_sable_seulement=True)
def demande_existante(cible: Cible, contexte: ContexteScenario, programme: str,
                      datatable: list[list[str]]) -> ContexteScenario:
    """Une demande de report déjà déposée par le responsable de programme (colonnes Titre | Nature | AE | CP ;
    nature AENE, CP ou FDC), sur l'exercice qui vient d'être clos.

    Exemple : Étant donné une demande de report du programme "0103" :
    """
    lignes = [vars(x) for x in _lignes(datatable)]
    contexte.valeurs[DEMANDE] = cible.client.demander_report(programme, lignes)["numero"]
    return contexte


@given(phrase("un avis favorable du contrôleur budgétaire sur cette demande de report"))
@besoins(requiert=["demande_report"], bac_a_sable_seulement=True)
def avis_favorable_existant(cible: Cible, contexte: ContexteScenario) -> None:
    """Le contrôleur budgétaire a déjà donné un avis favorable à la demande de report du scénario.

    Exemple : Étant donné un avis favorable du contrôleur budgétaire sur cette demande de report
    """
    cible.client.donner_avis(str(contexte.exiger(DEMANDE)), "favorable")


@given(phrase("un arrêté de report pris sur cette demande de report"), target_fixture="contexte")
@besoins(requiert=["demande_report"], produit=["arrete"], bac_a_sable_seulement=True)
def arrete_existant(cible: Cible, contexte: ContexteScenario) -> ContexteScenario:
    """La Direction du Budget a déjà signé un arrêté reprenant la demande de report du scénario.

    Exemple : Étant donné un arrêté de report pris sur cette demande de report
    """
    demande = str(contexte.exiger(DEMANDE))
    contexte.valeurs[ARRETE] = cible.client.arreter_reports([demande])["numero"]
    return contexte


@given(phrase("cet arrêté de report est intégré"))
@besoins(requiert=["arrete"], bac_a_sable_seulement=True)
def arrete_integre(cible: Cible, contexte: ContexteScenario) -> None:
    """L'arrêté de report du scénario a déjà ouvert ses crédits sur l'exercice suivant.

    Exemple : Étant donné cet arrêté de report est intégré
    """
    cible.client.integrer_arrete(str(contexte.exiger(ARRETE)))


@given(phrase('l\'engagement juridique "{numero:Code}" du jeu de données'), target_fixture="contexte")
@besoins(produit=["engagement"], bac_a_sable_seulement=True)
def ej_du_jeu(cible: Cible, contexte: ContexteScenario, numero: str) -> ContexteScenario:
    """Un engagement juridique du jeu chargé devient « cet engagement » pour les étapes suivantes.

    Exemple : Étant donné l'engagement juridique "2103000002" du jeu de données
    """
    contexte.engagement = cible.client.engagement(numero)
    return contexte


# --- Quand : actions par les écrans --------------------------------------------------------------------


@when(phrase("je clôture l'exercice {exercice:Exercice}"))
def cloturer(ecran: Page, cible: Cible, exercice: Exercice) -> None:
    """Clôture de l'exercice sur son écran (l'auteur est l'utilisateur connecté).

    Exemple : Quand je clôture l'exercice N
    """
    PageCloture(ecran).cloturer(exercice.resoudre(cible.exercice))


@when(phrase('je fixe à {taux:Taux} % le plafond de report majoré du programme "{programme:Code}" '
             "pour l'exercice {exercice:Exercice}"))
def fixer_plafond_majore(ecran: Page, cible: Cible, taux: Decimal, programme: str, exercice: Exercice) -> None:
    """Inscrit un programme sur la liste des plafonds de report majorés de l'année, sur l'écran de clôture.

    Exemple : Quand je fixe à 3,5 % le plafond de report majoré du programme "0150" pour l'exercice N
    """
    PageCloture(ecran).fixer_plafond(exercice.resoudre(cible.exercice), programme, str(taux).replace(".", ","))


@when(phrase('je consulte les montants reportables du programme "{programme:Code}" de l\'exercice '
             "{exercice:Exercice}"))
def consulter_reportables_programme(ecran: Page, cible: Cible, programme: str, exercice: Exercice) -> None:
    """Ouvre les montants reportables d'un programme (plafond, lignes, AENE par tranche) d'un exercice clos.

    Exemple : Quand je consulte les montants reportables du programme "0150" de l'exercice N
    """
    PageCloture(ecran).consulter(exercice.resoudre(cible.exercice), programme)


@when(phrase('je demande le report de crédits du programme "{programme:Code}" :'), target_fixture="contexte")
@besoins(produit=["demande_report"])
def demander_report(ecran: Page, contexte: ContexteScenario, programme: str,
                    datatable: list[list[str]]) -> ContexteScenario:
    """Dépôt d'une demande de report par le responsable de programme, sur son écran (colonnes Titre | Nature |
    AE | CP ; nature AENE, CP ou FDC) ; la demande déposée devient « cette demande de report ».

    Exemple : Quand je demande le report de crédits du programme "0103" :
    """
    page = PageDemandesReport(ecran)
    page.deposer(programme, _lignes(datatable))
    contexte.valeurs[DEMANDE] = page.identifiant_affiche(r"/reports/demandes/(DR\d{10})")
    return contexte


@when(phrase("je donne un avis favorable à cette demande de report"))
@besoins(requiert=["demande_report"])
def avis_favorable(ecran: Page, contexte: ContexteScenario) -> None:
    """Avis favorable du contrôleur budgétaire, sur la page de la demande.

    Exemple : Quand je donne un avis favorable à cette demande de report
    """
    PageDemandesReport(ecran).donner_avis(str(contexte.exiger(DEMANDE)), "favorable")


@when(phrase('je donne un avis défavorable à cette demande de report pour le motif "{motif}"'))
@besoins(requiert=["demande_report"])
def avis_defavorable(ecran: Page, contexte: ContexteScenario, motif: str) -> None:
    """Avis défavorable motivé du contrôleur budgétaire, sur la page de la demande.

    Exemple : Quand je donne un avis défavorable à cette demande de report pour le motif "Crédits déjà redéployés"
    """
    PageDemandesReport(ecran).donner_avis(str(contexte.exiger(DEMANDE)), "défavorable", motif)


def _arrete_signe(page: PageArretesReport, contexte: ContexteScenario) -> ContexteScenario:
    """After a signature on screen, the arrêté shown becomes « cet arrêté de report »."""
    numero = page.identifiant_affiche(r"/reports/arretes/(AR\d{10})")
    if numero:
        contexte.valeurs[ARRETE] = numero
    return contexte


@when(phrase("je prends un arrêté de report sur cette demande de report"), target_fixture="contexte")
@besoins(requiert=["demande_report"], produit=["arrete"])
def arreter(ecran: Page, contexte: ContexteScenario) -> ContexteScenario:
    """Arrêté de report de la Direction du Budget sur la demande du scénario, sur son écran.

    Exemple : Quand je prends un arrêté de report sur cette demande de report
    """
    page = PageArretesReport(ecran)
    page.arreter([str(contexte.exiger(DEMANDE))])
    return _arrete_signe(page, contexte)


@when(phrase("je prends un arrêté de report sur les demandes avec avis favorable"), target_fixture="contexte")
@besoins(produit=["arrete"])
def arreter_tout(ecran: Page, contexte: ContexteScenario) -> ContexteScenario:
    """Arrêté de report reprenant toutes les demandes ayant reçu un avis favorable, sur son écran.

    Exemple : Quand je prends un arrêté de report sur les demandes avec avis favorable
    """
    page = PageArretesReport(ecran)
    page.arreter([])
    return _arrete_signe(page, contexte)


@when(phrase("j'intègre cet arrêté de report"))
@besoins(requiert=["arrete"])
def integrer(ecran: Page, contexte: ContexteScenario) -> None:
    """Intégration de l'arrêté du scénario dans l'exercice suivant, depuis la page de l'arrêté.

    Exemple : Quand j'intègre cet arrêté de report
    """
    PageArretesReport(ecran).integrer(str(contexte.exiger(ARRETE)))


@when(phrase("je tente d'intégrer cette demande de report avant tout arrêté"))
@besoins(requiert=["demande_report"])
def integrer_demande(ecran: Page, contexte: ContexteScenario) -> None:
    """Saisit le numéro de la demande du scénario dans le formulaire d'intégration des arrêtés.

    Exemple : Quand je tente d'intégrer cette demande de report avant tout arrêté
    """
    PageArretesReport(ecran).integrer_numero(str(contexte.exiger(DEMANDE)))


@when(phrase('j\'intègre la loi de finances "{identifiant}" du fichier "{fichier}" avec une réserve de {taux_t2:Taux} % '
             "en T2 et {taux_hors_t2:Taux} % hors T2"))
def integrer_loi_fichier(ecran: Page, identifiant: str, fichier: str, taux_t2: Decimal, taux_hors_t2: Decimal) -> None:
    """Intègre sur l'exercice courant une LFI tirée d'un fichier du projet (programme;titre;ae;cp;etpt), sur
    l'écran des lois de finances.

    Exemple : Quand j'intègre la loi de finances "LFI 2027" du fichier "fixtures/lfi_2027.csv" avec une réserve de 0,5 % en T2 et 5,5 % hors T2
    """
    contenu = Path(fichier).read_text(encoding="utf-8")
    PageLoisDeFinances(ecran).integrer(identifiant, taux_t2, taux_hors_t2, contenu)


# --- Alors : ce que voit l'utilisateur -------------------------------------------------------------------


@then(phrase("le plafond des reports de CP hors titre 2 affiche :"))
def plafonds_affiches(ecran: Page, cible: Cible, datatable: list[list[str]]) -> None:
    """Chaque cellule du tableau, ligne trouvée par son Programme (colonnes de l'écran : CP LFI hors T2,
    Taux (%), Liste majorée, Plafond, CP hors T2 non consommés, CP hors T2 reportables).

    Exemple : Alors le plafond des reports de CP hors titre 2 affiche :
    """
    page = PageCloture(ecran)
    _verifier_tableau(page, page.plafonds, ("Programme",), datatable, cible)


@then(phrase('les montants reportables du programme "{programme:Code}" sont exactement :'))
def reportables_affiches(ecran: Page, cible: Cible, programme: str, datatable: list[list[str]]) -> None:
    """Les lignes du programme (Titre | Nature | AE non consommées | CP non consommés | AE reportables |
    CP reportables, colonnes au choix), ni plus ni moins, chacune trouvée par son titre et sa nature.

    Exemple : Alors les montants reportables du programme "0217" sont exactement :
    """
    page = PageCloture(ecran)
    entetes, *lignes = datatable
    _verifier_tableau(page, page.reportables, ("Programme", "Titre", "Nature"),
                      [["Programme", *entetes], *([programme, *ligne] for ligne in lignes)], cible)
    expect(page.rangees(page.reportables, programme)).to_have_count(len(lignes))


@then(phrase("l'AENE par tranche fonctionnelle affiche :"))
def aene_affichee(ecran: Page, cible: Cible, datatable: list[list[str]]) -> None:
    """Chaque cellule du tableau, ligne trouvée par son N° TF (colonnes de l'écran : Centre financier,
    Titre, AE affectées, AE engagées, AENE).

    Exemple : Alors l'AENE par tranche fonctionnelle affiche :
    """
    page = PageCloture(ecran)
    _verifier_tableau(page, page.tranches, ("N° TF",), datatable, cible)


@then(phrase('le statut de cette demande de report est "{statut:StatutDemandeReport}"'))
@besoins(requiert=["demande_report"])
def statut_demande(ecran: Page, contexte: ContexteScenario, statut: str) -> None:
    """Le statut affiché sur la page de la demande de report du scénario.

    Exemple : Alors le statut de cette demande de report est "Avis favorable"
    """
    page = PageDemandesReport(ecran)
    page.ouvrir_demande(str(contexte.exiger(DEMANDE)))
    expect(page.champ("Statut")).to_have_text(statut)


@then(phrase("l'historique de cette demande de report affiche, dans l'ordre :"))
@besoins(requiert=["demande_report"])
def historique_demande(ecran: Page, cible: Cible, contexte: ContexteScenario, datatable: list[list[str]]) -> None:
    """Exactement ces étapes, de la plus ancienne à la plus récente (colonnes au choix : Auteur, Action,
    Statut, Détail ; ``{N}`` : l'année de l'exercice).

    Exemple : Alors l'historique de cette demande de report affiche, dans l'ordre :
    """
    numero = str(contexte.exiger(DEMANDE))
    page = PageDemandesReport(ecran)
    page.ouvrir_demande(numero)
    tableau = page.historique(numero)
    entetes, *lignes = datatable
    expect(page.rangees(tableau)).to_have_count(len(lignes))
    for rang, ligne in enumerate(lignes):
        for colonne, valeur in zip(entetes, ligne, strict=True):
            expect(page.cellule_rang(tableau, rang, colonne)).to_have_text(_affiche(colonne, valeur, cible))


@then(phrase('le statut de cet arrêté de report est "{statut:StatutArrete}"'))
@besoins(requiert=["arrete"])
def statut_arrete(ecran: Page, contexte: ContexteScenario, statut: str) -> None:
    """Le statut affiché sur la page de l'arrêté de report du scénario.

    Exemple : Alors le statut de cet arrêté de report est "Intégré"
    """
    page = PageArretesReport(ecran)
    page.ouvrir_arrete(str(contexte.exiger(ARRETE)))
    expect(page.champ("Statut")).to_have_text(statut)


@then(phrase("les lignes de cet arrêté de report affichent :"))
@besoins(requiert=["arrete"])
def lignes_arrete(ecran: Page, cible: Cible, contexte: ContexteScenario, datatable: list[list[str]]) -> None:
    """Chaque cellule du tableau, ligne trouvée par Programme, Titre et Nature (colonnes de l'écran : AE
    demandées, AE reportables, AE accordées, CP demandés, CP reportables, CP accordés).

    Exemple : Alors les lignes de cet arrêté de report affichent :
    """
    numero = str(contexte.exiger(ARRETE))
    page = PageArretesReport(ecran)
    page.ouvrir_arrete(numero)
    _verifier_tableau(page, page.lignes(numero), ("Programme", "Titre", "Nature"), datatable, cible)


@then(phrase("les EJ basculés de l'exercice {exercice:Exercice} affichent :"))
def ej_bascules_affiches(ecran: Page, cible: Cible, exercice: Exercice, datatable: list[list[str]]) -> None:
    """Chaque cellule du tableau, ligne trouvée par son N° EJ (colonnes de l'écran : Centre financier,
    Exercice de l'EJ, Date de bascule, Montant, Montant payé, Montant basculé, Reste à payer, Statut).

    Exemple : Alors les EJ basculés de l'exercice N affichent :
    """
    annee = exercice.resoudre(cible.exercice)
    page = PageEjBascules(ecran)
    page.consulter(annee)
    _verifier_tableau(page, page.engagements(annee), ("N° EJ",), datatable, cible)


@then(phrase('l\'engagement juridique "{numero:Code}" ne figure pas parmi les EJ basculés de l\'exercice '
             "{exercice:Exercice}"))
def ej_non_bascule(ecran: Page, cible: Cible, numero: str, exercice: Exercice) -> None:
    """L'EJ (soldé, ou retiré) n'est pas passé sur l'exercice suivant.

    Exemple : Alors l'engagement juridique "2103000001" ne figure pas parmi les EJ basculés de l'exercice N
    """
    annee = exercice.resoudre(cible.exercice)
    page = PageEjBascules(ecran)
    page.consulter(annee)
    expect(page.titre).to_have_text("Engagements juridiques basculés")
    expect(page.lien_engagement(numero)).to_have_count(0)


def _page_ej(ecran: Page, contexte: ContexteScenario) -> tuple[PageEngagement, str]:
    """The scenario's EJ page, open (its number shown), and that number."""
    numero = contexte.exiger("engagement")["numero"]
    page = PageEngagement(ecran)
    page.ouvrir(numero)
    expect(page.champ("N° EJ")).to_have_text(numero)
    return page, numero


@then(phrase("cet engagement porte un mouvement de bascule de {montant_bascule:Montant} daté du 1er janvier "
             "de l'exercice {exercice:Exercice}"))
@besoins(requiert=["engagement"])
def mouvement_bascule(ecran: Page, cible: Cible, contexte: ContexteScenario, montant_bascule: Decimal,
                      exercice: Exercice) -> None:
    """La page de l'EJ du scénario montre un mouvement 350 sur l'exercice, daté du 1er janvier, de ce montant.

    Exemple : Alors cet engagement porte un mouvement de bascule de 0,01 € daté du 1er janvier de l'exercice N+1
    """
    annee = exercice.resoudre(cible.exercice)
    page, numero = _page_ej(ecran, contexte)
    expect(page.mouvements(numero, "350", annee)).to_have_count(1)
    expect(page.cellules_mouvements(numero, "350", annee, "Date")).to_have_text(f"01/01/{annee}")
    expect(page.cellules_mouvements(numero, "350", annee, "Montant")).to_have_text(format_montant(montant_bascule))


@then(phrase("cet engagement ne porte aucun mouvement de bascule sur l'exercice {exercice:Exercice}"))
@besoins(requiert=["engagement"])
def aucun_mouvement_bascule(ecran: Page, cible: Cible, contexte: ContexteScenario, exercice: Exercice) -> None:
    """La page de l'EJ du scénario ne montre aucun mouvement 350 sur l'exercice.

    Exemple : Alors cet engagement ne porte aucun mouvement de bascule sur l'exercice N+1
    """
    page, numero = _page_ej(ecran, contexte)
    expect(page.mouvements(numero, "350", exercice.resoudre(cible.exercice))).to_have_count(0)
