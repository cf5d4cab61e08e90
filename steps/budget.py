"""Étapes de l'exécution budgétaire : préconditions posées par l'API, actions faites à l'écran,
verdicts sur ce que voit l'utilisateur."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from playwright.sync_api import Locator, Page, expect
from pytest_bdd import given, then, when

from recette import budget
from recette.cible import Cible
from recette.contextes import contexte as besoins
from recette.erreurs import ErreurScenario
from recette.pages import (
    PageDemandesPaiement,
    PageEngagement,
    PageEngagements,
    PageLoisDeFinances,
    PageMiseADisposition,
    PageNouvelEngagement,
    PageSituation,
    PageTranche,
    PageTranches,
)
from recette.pages.engagement import Poste
from recette.pages.marches import PageMarches
from recette.parametres import Exercice, format_montant, montant, resoudre_exercices
from recette.preconditions import Preconditions
from recette.vocabulaire import niveau_ecrit
from steps.communs import ContexteScenario, phrase

# --- Étant donné: preconditions through the sandbox's API, or the screens of a real Chorus --------


@given(phrase('le programme "{programme:Code}" doté en titre {titre:Titre} de {ae:Montant} d\'AE et {cp:Montant} de CP'))
def programme_dote(preconditions: Preconditions, programme: str, titre: str, ae: Decimal, cp: Decimal) -> None:
    """Crédits ouverts sur le programme par une loi de finances rectificative d'une ligne (précondition).

    Exemple : Étant donné le programme "0150" doté en titre 3 de 500 000,00 € d'AE et 400 000,00 € de CP
    """
    preconditions.doter("programme", programme, titre, ae, cp)


@given(phrase('le BOP "{bop:Code}" doté en titre {titre:Titre} de {ae:Montant} d\'AE et {cp:Montant} de CP'))
def bop_dote(preconditions: Preconditions, bop: str, titre: str, ae: Decimal, cp: Decimal) -> None:
    """Crédits mis à disposition du BOP depuis son programme.

    Exemple : Étant donné le BOP "0150-CSUP" doté en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    """
    preconditions.doter("BOP", bop, titre, ae, cp)


@given(phrase('l\'UO "{uo:Code}" dotée en titre {titre:Titre} de {ae:Montant} d\'AE et {cp:Montant} de CP'))
def uo_dotee(preconditions: Preconditions, uo: str, titre: str, ae: Decimal, cp: Decimal) -> None:
    """Crédits mis à disposition de l'UO depuis son programme, en passant par son BOP.

    Exemple : Étant donné l'UO "BG00/0150-CSUP-DR75" dotée en titre 3 de 200 000,00 € d'AE et 100 000,00 € de CP
    """
    preconditions.doter("UO", uo, titre, ae, cp)


@given(phrase('un engagement juridique de {montant:Montant} sur l\'UO "{uo}" en titre {titre:Titre}'),
       target_fixture="contexte")
@besoins(produit=["engagement"])
def ej_existant(preconditions: Preconditions, contexte: ContexteScenario, montant: Decimal, uo: str,
                titre: str) -> ContexteScenario:
    """Un engagement juridique (EJ) sur l'UO, avec le fournisseur et l'imputation par défaut ;
    il devient « cet engagement » pour les étapes suivantes.

    Exemple : Étant donné un engagement juridique de 50 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3
    """
    contexte.engagement = preconditions.engager(uo, titre, budget.FOURNISSEUR_PAR_DEFAUT, montant)
    return contexte


@given(phrase('un engagement juridique de {montant:Montant} sur l\'UO "{uo}" en titre {titre:Titre} '
              'auprès du fournisseur "{fournisseur}"'), target_fixture="contexte")
@besoins(produit=["engagement"])
def ej_existant_fournisseur(preconditions: Preconditions, contexte: ContexteScenario, montant: Decimal, uo: str,
                            titre: str, fournisseur: str) -> ContexteScenario:
    """Un EJ sur l'UO auprès du fournisseur indiqué, avec l'imputation par défaut ;
    il devient « cet engagement » pour les étapes suivantes.

    Exemple : Étant donné un engagement juridique de 120 000,00 € sur l'UO "BG00/0102-DRET-DR75" en titre 6 auprès du fournisseur "1000162184"
    """
    contexte.engagement = preconditions.engager(uo, titre, fournisseur, montant)
    return contexte


@given(phrase('une tranche fonctionnelle "{libelle}" de {ae:Montant} sur l\'UO "{uo}" en titre {titre:Titre}'),
       target_fixture="contexte")
@besoins(produit=["tranche"])
def tf_existante(preconditions: Preconditions, contexte: ContexteScenario, libelle: str, ae: Decimal, uo: str,
                 titre: str) -> ContexteScenario:
    """Une tranche fonctionnelle (TF) à laquelle ce montant d'AE est affecté ;
    elle devient « cette tranche fonctionnelle » pour les étapes suivantes.

    Exemple : Étant donné une tranche fonctionnelle "Rénovation du campus" de 300 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 5
    """
    contexte.tranche = preconditions.creer_tranche(uo, titre, libelle, ae)
    return contexte


@given(phrase("un engagement juridique de {montant:Montant} sur cette tranche fonctionnelle"),
       target_fixture="contexte")
@besoins(requiert=["tranche"], produit=["engagement"])
def ej_sur_tf(preconditions: Preconditions, contexte: ContexteScenario, montant: Decimal) -> ContexteScenario:
    """Un EJ qui consomme les AE affectées sur la tranche fonctionnelle du scénario ;
    il devient « cet engagement » pour les étapes suivantes.

    Exemple : Étant donné un engagement juridique de 100 000,00 € sur cette tranche fonctionnelle
    """
    tf = contexte.exiger("tranche")
    contexte.engagement = preconditions.engager(tf["uo"], tf["titre"], budget.FOURNISSEUR_PAR_DEFAUT, montant,
                                                tf["numero"])
    return contexte


@given(phrase("un service fait de {montant:Montant} sur cet engagement"))
@besoins(requiert=["engagement"])
def sf_existant(preconditions: Preconditions, contexte: ContexteScenario, montant: Decimal) -> None:
    """Un service fait constaté sur le poste 1 de l'EJ du scénario.

    Exemple : Étant donné un service fait de 20 000,00 € sur cet engagement
    """
    preconditions.service_fait(contexte.exiger("engagement")["numero"], 1, montant)


@given(phrase("une demande de paiement de {montant:Montant} sur cet engagement"), target_fixture="contexte")
@besoins(requiert=["engagement"], produit=["demande"])
def dp_existante(preconditions: Preconditions, contexte: ContexteScenario, montant: Decimal) -> ContexteScenario:
    """Une demande de paiement (DP) sur le poste 1 de l'EJ du scénario (le service fait doit couvrir
    son montant) ; elle devient « cette demande de paiement » pour les étapes suivantes.

    Exemple : Étant donné une demande de paiement de 20 000,00 € sur cet engagement
    """
    contexte.demande = preconditions.demande_paiement(contexte.exiger("engagement")["numero"], 1, montant)
    return contexte


@given(phrase('l\'engagement juridique "{numero}" de l\'exercice précédent'), target_fixture="contexte")
@besoins(produit=["engagement"])
def ej_anterieur(preconditions: Preconditions, contexte: ContexteScenario, numero: str) -> ContexteScenario:
    """Un EJ du jeu de données reporté de l'exercice N-1 (mouvement 350) ;
    il devient « cet engagement » pour les étapes suivantes.

    Exemple : Étant donné l'engagement juridique "2103105755" de l'exercice précédent
    """
    contexte.engagement = preconditions.engagement(numero)
    return contexte


# --- Quand: actions through the screens ---------------------------------------------------------


@when(phrase('je mets à disposition {ae:Montant} d\'AE et {cp:Montant} de CP en titre {titre:Titre} '
             'de "{source}" vers "{destination}"'))
def mettre_a_disposition(ecran: Page, ae: Decimal, cp: Decimal, titre: str, source: str, destination: str) -> None:
    """Mise à disposition de crédits d'un programme vers un BOP, ou d'un BOP vers une UO,
    sur l'écran de mise à disposition.

    Exemple : Quand je mets à disposition 100 000,00 € d'AE et 50 000,00 € de CP en titre 3 de "0150-CSUP" vers "BG00/0150-CSUP-DR75"
    """
    PageMiseADisposition(ecran).mettre_a_disposition(source, destination, titre, ae, cp)


def _ej_cree(ecran: Page, preconditions: Preconditions, contexte: ContexteScenario) -> ContexteScenario:
    """After a creation on screen, the EJ shown becomes "cet engagement" for the next steps."""
    numero = PageEngagement(ecran).identifiant_affiche(r"/engagements/(\d{10})")
    if numero:
        contexte.engagement = preconditions.engagement(numero)
    return contexte


@when(phrase('j\'engage {montant:Montant} sur l\'UO "{uo}" en titre {titre:Titre} auprès du fournisseur "{fournisseur}"'),
      target_fixture="contexte")
@besoins(produit=["engagement"])
def engager(ecran: Page, preconditions: Preconditions, contexte: ContexteScenario, montant: Decimal, uo: str, titre: str,
            fournisseur: str) -> ContexteScenario:
    """Crée à l'écran un EJ d'un seul poste, avec l'imputation par défaut du programme ;
    il devient « cet engagement » pour les étapes suivantes.

    Exemple : Quand j'engage 120 000,00 € sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000012345"
    """
    domaine, activite = preconditions.imputation_par_defaut(uo)
    PageNouvelEngagement(ecran).engager(uo, titre, fournisseur, [Poste(montant, domaine, activite)],
                                        "Engagement de recette")
    return _ej_cree(ecran, preconditions, contexte)


@when(phrase('j\'enregistre le marché suivant :'))
@besoins(non_jouable_sur={"fiori": "les marchés n'ont pas d'application Fiori dans le bac à sable"})
def enregistrer_marche(ecran: Page, cible: Cible, datatable: list[list[str]]) -> None:
    """Enregistre à l'écran « Marchés et accords-cadres » un marché ou un accord-cadre, avec les valeurs
    du tableau (colonnes Champ | Valeur : Nature, Objet, Titulaire, Centre financier, Date de début,
    Date de fin, Montant maximum) ; un champ absent reste vide ; {N} désigne l'année de l'exercice.

    Exemple : Quand j'enregistre le marché suivant :
      | Champ            | Valeur                  |
      | Nature           | accord-cadre            |
      | Objet            | Fournitures de bureau   |
      | Titulaire        | 1000228740              |
      | Centre financier | BG00/0150-CSUP-DR75     |
      | Date de début    | 01/01/{N}               |
      | Date de fin      | 31/12/{N+1}             |
      | Montant maximum  | 50 000,00               |
    """
    _entetes, *lignes = datatable
    PageMarches(ecran).enregistrer({champ.strip(): resoudre_exercices(valeur.strip(), cible.exercice)
                                    for champ, valeur in lignes})


@when(phrase('je passe un bon de commande de {montant:Montant} au titre du marché "{marche}" sur l\'UO "{uo}" '
             'en titre {titre:Titre} auprès du fournisseur "{fournisseur}"'), target_fixture="contexte")
@besoins(produit=["engagement"],
         non_jouable_sur={"fiori": "l'application Fiori « Engagements juridiques » n'a pas de champ Marché"})
def engager_sur_marche(ecran: Page, cible: Cible, preconditions: Preconditions, contexte: ContexteScenario,
                       montant: Decimal, uo: str, titre: str, fournisseur: str, marche: str) -> ContexteScenario:
    """Crée à l'écran un bon de commande : un EJ d'un seul poste rattaché à un marché ou à un
    accord-cadre (son numéro, où {N} désigne l'année de l'exercice), avec l'imputation par défaut ;
    il devient « cet engagement ».

    Exemple : Quand je passe un bon de commande de 50 000,00 € au titre du marché "2026-0150-00001" sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000228740"
    """
    domaine, activite = preconditions.imputation_par_defaut(uo)
    PageNouvelEngagement(ecran).engager(uo, titre, fournisseur, [Poste(montant, domaine, activite)],
                                        "Bon de commande de recette", marche=resoudre_exercices(marche, cible.exercice))
    return _ej_cree(ecran, preconditions, contexte)


@when(phrase('j\'engage sur l\'UO "{uo}" en titre {titre:Titre} auprès du fournisseur "{fournisseur}" les postes :'),
      target_fixture="contexte")
@besoins(produit=["engagement"])
def engager_postes(ecran: Page, preconditions: Preconditions, contexte: ContexteScenario, uo: str, titre: str, fournisseur: str,
                   datatable: list[list[str]]) -> ContexteScenario:
    """Crée à l'écran un EJ avec un poste par ligne du tableau ;
    colonnes : Montant | Domaine fonctionnel | Activité.
    L'EJ créé devient « cet engagement » pour les étapes suivantes.

    Exemple : Quand j'engage sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000012345" les postes :
    """
    entetes, *lignes = datatable
    postes = [Poste(montant(ligne[entetes.index("Montant")]), ligne[entetes.index("Domaine fonctionnel")],
                    ligne[entetes.index("Activité")]) for ligne in lignes]
    PageNouvelEngagement(ecran).engager(uo, titre, fournisseur, postes, "Engagement multi-postes")
    return _ej_cree(ecran, preconditions, contexte)


@when(phrase('j\'engage {montant:Montant} sur cette tranche fonctionnelle auprès du fournisseur "{fournisseur}"'),
      target_fixture="contexte")
@besoins(requiert=["tranche"], produit=["engagement"])
def engager_sur_tf(ecran: Page, preconditions: Preconditions, contexte: ContexteScenario, montant: Decimal,
                   fournisseur: str) -> ContexteScenario:
    """Crée à l'écran un EJ sur la tranche fonctionnelle du scénario, avec l'imputation par défaut ;
    il devient « cet engagement » pour les étapes suivantes.

    Exemple : Quand j'engage 100 000,00 € sur cette tranche fonctionnelle auprès du fournisseur "1000012345"
    """
    tf = contexte.exiger("tranche")
    domaine, activite = preconditions.imputation_par_defaut(tf["uo"])
    PageNouvelEngagement(ecran).engager(tf["uo"], tf["titre"], fournisseur, [Poste(montant, domaine, activite)],
                                        "Engagement sur tranche", tf["numero"])
    return _ej_cree(ecran, preconditions, contexte)


@when(phrase('j\'affecte {ae:Montant} d\'AE à une nouvelle tranche fonctionnelle "{libelle}" '
             'de l\'UO "{uo}" en titre {titre:Titre}'), target_fixture="contexte")
@besoins(produit=["tranche"])
def affecter_nouvelle_tf(ecran: Page, preconditions: Preconditions, contexte: ContexteScenario, ae: Decimal, libelle: str, uo: str,
                         titre: str) -> ContexteScenario:
    """Crée une tranche fonctionnelle et lui affecte ce montant d'AE, sur l'écran des tranches fonctionnelles ;
    elle devient « cette tranche fonctionnelle » pour les étapes suivantes.

    Exemple : Quand j'affecte 300 000,00 € d'AE à une nouvelle tranche fonctionnelle "Campus" de l'UO "BG00/0150-CSUP-DR75" en titre 5
    """
    page = PageTranches(ecran)
    page.affecter_nouvelle(uo, titre, libelle, ae)
    numero = page.identifiant_affiche(r"/tranches-fonctionnelles/([^/?#]+)$")
    if numero:
        contexte.tranche = preconditions.tranche(numero)
    return contexte


@when(phrase("j'affecte {ae:Montant} d'AE de plus à cette tranche fonctionnelle"))
@besoins(requiert=["tranche"])
def affecter_tf(ecran: Page, contexte: ContexteScenario, ae: Decimal) -> None:
    """Affecte des AE supplémentaires à la tranche fonctionnelle du scénario.

    Exemple : Quand j'affecte 50 000,00 € d'AE de plus à cette tranche fonctionnelle
    """
    PageTranche(ecran).affecter(contexte.exiger("tranche")["numero"], ae)


@when(phrase("je retire {ae:Montant} d'AE affectées de cette tranche fonctionnelle"))
@besoins(requiert=["tranche"])
def retirer_affectation(ecran: Page, contexte: ContexteScenario, ae: Decimal) -> None:
    """Rend à l'UO des AE affectées mais non engagées (AENE) de la tranche fonctionnelle du scénario.

    Exemple : Quand je retire 50 000,00 € d'AE affectées de cette tranche fonctionnelle
    """
    PageTranche(ecran).retirer(contexte.exiger("tranche")["numero"], ae)


@when(phrase("j'augmente cet engagement de {montant:Montant}"))
@besoins(requiert=["engagement"])
def augmenter(ecran: Page, contexte: ContexteScenario, montant: Decimal) -> None:
    """Augmente le poste 1 de l'EJ du scénario (mouvement 150).

    Exemple : Quand j'augmente cet engagement de 10 000,00 €
    """
    PageEngagement(ecran).augmenter(contexte.exiger("engagement")["numero"], 1, montant)


@when(phrase("je réduis cet engagement de {montant:Montant}"))
@besoins(requiert=["engagement"])
def reduire(ecran: Page, contexte: ContexteScenario, montant: Decimal) -> None:
    """Réduit le poste 1 de l'EJ du scénario (mouvement 200).

    Exemple : Quand je réduis cet engagement de 10 000,00 €
    """
    PageEngagement(ecran).reduire(contexte.exiger("engagement")["numero"], 1, montant)


@when("je retire cet engagement")
@besoins(requiert=["engagement"])
def retirer(ecran: Page, contexte: ContexteScenario) -> None:
    """Retire de l'EJ du scénario toute la part non encore réceptionnée.

    Exemple : Quand je retire cet engagement
    """
    PageEngagement(ecran).retirer(contexte.exiger("engagement")["numero"])


@when(phrase("je constate le service fait de {montant:Montant} sur cet engagement"))
@besoins(requiert=["engagement"])
def constater_sf(ecran: Page, contexte: ContexteScenario, montant: Decimal) -> None:
    """Constate le service fait sur le poste 1, depuis l'écran de l'EJ du scénario.

    Exemple : Quand je constate le service fait de 20 000,00 € sur cet engagement
    """
    PageEngagement(ecran).constater_service_fait(contexte.exiger("engagement")["numero"], 1, montant)


@when(phrase("je crée une demande de paiement de {montant:Montant} sur cet engagement"), target_fixture="contexte")
@besoins(requiert=["engagement"], produit=["demande"])
def creer_dp(ecran: Page, preconditions: Preconditions, contexte: ContexteScenario,
             montant: Decimal) -> ContexteScenario:
    """Crée une demande de paiement sur le poste 1, depuis l'écran de l'EJ du scénario ;
    elle devient « cette demande de paiement » pour les étapes suivantes.

    Exemple : Quand je crée une demande de paiement de 20 000,00 € sur cet engagement
    """
    numero = contexte.exiger("engagement")["numero"]
    avant = set(preconditions.demandes_paiement(numero))
    PageEngagement(ecran).demander_paiement(numero, 1, montant)
    nouvelles = [dp for dp in preconditions.demandes_paiement(numero) if dp not in avant]
    if nouvelles:
        contexte.demande = {"numero": nouvelles[-1], "engagement": numero}
    return contexte


@when("je paie cette demande de paiement")
@besoins(requiert=["demande"])
def payer(ecran: Page, contexte: ContexteScenario) -> None:
    """Paie la demande de paiement du scénario depuis la liste des demandes de paiement.

    Exemple : Quand je paie cette demande de paiement
    """
    PageDemandesPaiement(ecran).payer(contexte.exiger("demande")["numero"])


@when(phrase('j\'intègre la loi de finances "{identifiant}" avec une réserve de {taux_t2:Taux} % en T2 et {taux_hors_t2:Taux} % hors T2 :'))
def integrer_loi(ecran: Page, identifiant: str, taux_t2: Decimal, taux_hors_t2: Decimal, datatable: list[list[str]]) -> None:
    """Intègre une loi de finances (LFI) à partir des lignes du tableau, déposées sous forme de fichier CSV ;
    colonnes : Programme | Titre | AE | CP | ETPT.

    Exemple : Quand j'intègre la loi de finances "LFI 2026" avec une réserve de 0,5 % en T2 et 5,5 % hors T2 :
    """
    PageLoisDeFinances(ecran).integrer(identifiant, taux_t2, taux_hors_t2, budget.csv_loi(datatable))


@when(phrase('je consulte la situation budgétaire {niveau:Niveau} "{code:Code}" pour l\'exercice {exercice:Exercice}'))
def consulter_situation(ecran: Page, cible: Cible, niveau: str, code: str, exercice: Exercice) -> None:
    """Ouvre la situation budgétaire d'un programme, d'un BOP ou d'une UO pour l'exercice indiqué
    (N, N+1, N-1, relatifs à l'exercice de la cible, ou une année).

    Exemple : Quand je consulte la situation budgétaire de l'UO "BG00/0150-CSUP-DR75" pour l'exercice N
    """
    PageSituation(ecran).consulter(niveau, code, exercice.resoudre(cible.exercice))


@when(phrase("j'ouvre la page de cet engagement"))
@besoins(requiert=["engagement"])
def ouvrir_ej(ecran: Page, contexte: ContexteScenario) -> None:
    """Ouvre la page de l'EJ du scénario, par son numéro (sans l'écrire dans le scénario).

    Exemple : Quand j'ouvre la page de cet engagement
    """
    PageEngagement(ecran).ouvrir(contexte.exiger("engagement")["numero"])


@when(phrase("j'ouvre la page de cette tranche fonctionnelle"))
@besoins(requiert=["tranche"])
def ouvrir_tf(ecran: Page, contexte: ContexteScenario) -> None:
    """Ouvre la page de la tranche fonctionnelle du scénario.

    Exemple : Quand j'ouvre la page de cette tranche fonctionnelle
    """
    PageTranche(ecran).ouvrir(contexte.exiger("tranche")["numero"])


@when(phrase("j'ouvre la liste des engagements juridiques"))
def ouvrir_liste_ej(ecran: Page) -> None:
    """Ouvre la liste des engagements juridiques que l'utilisateur connecté peut voir.

    Exemple : Quand j'ouvre la liste des engagements juridiques
    """
    PageEngagements(ecran).ouvrir()


def _tenter(action: Callable[[], None]) -> None:
    """Do what a person would try; a page that refuses it (access refused, error page) is the expected
    outcome, left on screen for the « Alors » that checks it, and answered at once (no 30 s wait)."""
    try:
        action()
    except ErreurScenario:
        pass


@when(phrase("je tente d'ouvrir la page de cet engagement"))
@besoins(requiert=["engagement"])
def tenter_ouvrir_ej(ecran: Page, contexte: ContexteScenario) -> None:
    """Essaie d'ouvrir la page de l'EJ du scénario, quand le refus est attendu (habilitations, périmètre) :
    le refus reste affiché pour l'étape « Alors » qui le vérifie.

    Exemple : Quand je tente d'ouvrir la page de cet engagement
    """
    numero = contexte.exiger("engagement")["numero"]
    _tenter(lambda: PageEngagement(ecran).ouvrir(numero))


@when(phrase("je tente de constater le service fait de {montant:Montant} sur cet engagement"))
@besoins(requiert=["engagement"])
def tenter_constater_sf(ecran: Page, contexte: ContexteScenario, montant: Decimal) -> None:
    """Essaie de constater le service fait sur le poste 1 de l'EJ du scénario, quand le refus est attendu ;
    le refus (page ou message) reste affiché pour l'étape « Alors » qui le vérifie.

    Exemple : Quand je tente de constater le service fait de 20 000,00 € sur cet engagement
    """
    numero = contexte.exiger("engagement")["numero"]
    _tenter(lambda: PageEngagement(ecran).constater_service_fait(numero, 1, montant))


@when(phrase("je tente de créer une demande de paiement de {montant:Montant} sur cet engagement"))
@besoins(requiert=["engagement"])
def tenter_creer_dp(ecran: Page, contexte: ContexteScenario, montant: Decimal) -> None:
    """Essaie de créer une demande de paiement sur le poste 1 de l'EJ du scénario, quand le refus est attendu.

    Exemple : Quand je tente de créer une demande de paiement de 20 000,00 € sur cet engagement
    """
    numero = contexte.exiger("engagement")["numero"]
    _tenter(lambda: PageEngagement(ecran).demander_paiement(numero, 1, montant))


@when(phrase("je tente de payer cette demande de paiement"))
@besoins(requiert=["demande"])
def tenter_payer(ecran: Page, contexte: ContexteScenario) -> None:
    """Essaie de payer la demande de paiement du scénario, quand le refus est attendu.

    Exemple : Quand je tente de payer cette demande de paiement
    """
    numero = contexte.exiger("demande")["numero"]
    _tenter(lambda: PageDemandesPaiement(ecran).payer(numero))


@when(phrase('je tente d\'engager {montant:Montant} sur l\'UO "{uo:Code}" en titre {titre:Titre} '
             'auprès du fournisseur "{fournisseur:Code}"'))
def tenter_engager(ecran: Page, preconditions: Preconditions, montant: Decimal, uo: str, titre: str, fournisseur: str) -> None:
    """Essaie de créer à l'écran un EJ d'un seul poste, quand le refus est attendu (crédits, habilitations).

    Exemple : Quand je tente d'engager 12 000,00 € sur l'UO "BG00/0161-DGSC-AERO" en titre 3 auprès du fournisseur "1000012345"
    """
    domaine, activite = preconditions.imputation_par_defaut(uo)
    _tenter(lambda: PageNouvelEngagement(ecran).engager(uo, titre, fournisseur, [Poste(montant, domaine, activite)],
                                                        "Engagement de recette"))


# --- Alors: what the user sees --------------------------------------------------------------------


@then(phrase("la situation budgétaire affiche :"))
def situation_affiche(ecran: Page, datatable: list[list[str]]) -> None:
    """La situation budgétaire affichée contient chaque montant du tableau. Première colonne : Titre ;
    colonnes suivantes : les en-têtes des colonnes de l'écran, tels qu'affichés.

    Exemple : Alors la situation budgétaire affiche :
    """
    page = PageSituation(ecran)
    expect(page.tableau).to_be_visible()
    entetes, *lignes = datatable
    for ligne in lignes:
        for colonne, valeur in zip(entetes[1:], ligne[1:], strict=True):
            expect(page.cellule(ligne[0], colonne)).to_have_text(format_montant(montant(valeur)))


def _figure_affichee(ecran: Page, cible: Cible, niveau: str, code: str, titre: str, colonne: str) -> Locator:
    """The cell of the situation of ``code`` at ``niveau`` for the target's exercice, as displayed."""
    page = PageSituation(ecran)
    page.consulter(niveau, code, cible.exercice)
    expect(page.tableau).to_be_visible()
    return page.cellule(titre, colonne)


@then(phrase('les {colonne:Colonne} {niveau:Niveau} "{code:Code}" en titre {titre:Titre} sont de {valeur:Montant}'))
def figure_situation(ecran: Page, cible: Cible, colonne: str, niveau: str, code: str, titre: str,
                     valeur: Decimal) -> None:
    """Un montant de la situation budgétaire d'un programme, d'un BOP ou d'une UO pour l'exercice de la cible,
    tel qu'il est affiché (la colonne est nommée comme à l'écran, par exemple AE disponibles).

    Exemple : Alors les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 3 sont de 80 000,00 €
    """
    expect(_figure_affichee(ecran, cible, niveau, code, titre, colonne)).to_have_text(format_montant(valeur))


@then(phrase('l\'engagement juridique est créé avec le statut "{statut:StatutEJ}"'))
def ej_cree(ecran: Page, statut: str) -> None:
    """La page du nouvel EJ confirme sa création et affiche ce statut.

    Exemple : Alors l'engagement juridique est créé avec le statut "Engagé"
    """
    page = PageEngagement(ecran)
    expect(page.notice).to_contain_text("créé")
    expect(page.champ("Statut")).to_have_text(statut)


@then(phrase('le statut de cet engagement est "{statut:StatutEJ}"'))
@besoins(requiert=["engagement"])
def statut_ej(ecran: Page, contexte: ContexteScenario, statut: str) -> None:
    """Le statut affiché sur la page de l'EJ du scénario.

    Exemple : Alors le statut de cet engagement est "Soldé"
    """
    page = PageEngagement(ecran)
    page.ouvrir(contexte.exiger("engagement")["numero"])
    expect(page.champ("Statut")).to_have_text(statut)


@then(phrase("le {champ} de cet engagement est de {valeur:Montant}"))
@besoins(requiert=["engagement"])
def montant_ej(ecran: Page, contexte: ContexteScenario, champ: str, valeur: Decimal) -> None:
    """Un montant affiché sur la page de l'EJ du scénario (Montant, Montant payé, Reste à payer…).

    Exemple : Alors le Montant de cet engagement est de 60 000,00 €
    """
    page = PageEngagement(ecran)
    page.ouvrir(contexte.exiger("engagement")["numero"])
    expect(page.champ(champ)).to_have_text(format_montant(valeur))


@then(phrase("l'AENE de cette tranche fonctionnelle est de {valeur:Montant}"))
@besoins(requiert=["tranche"])
def aene(ecran: Page, contexte: ContexteScenario, valeur: Decimal) -> None:
    """Les AE affectées non engagées (AENE) affichées sur la page de la tranche fonctionnelle du scénario.

    Exemple : Alors l'AENE de cette tranche fonctionnelle est de 200 000,00 €
    """
    page = PageTranche(ecran)
    page.ouvrir(contexte.exiger("tranche")["numero"])
    expect(page.champ("AENE")).to_have_text(format_montant(valeur))


@then(phrase('la demande de paiement est au statut "{statut:StatutDP}"'))
@besoins(requiert=["demande"])
def statut_dp(ecran: Page, contexte: ContexteScenario, statut: str) -> None:
    """Le statut de la demande de paiement du scénario dans la liste des demandes de paiement.

    Exemple : Alors la demande de paiement est au statut "Payée"
    """
    page = PageDemandesPaiement(ecran)
    page.ouvrir()
    expect(page.ligne(contexte.exiger("demande")["numero"])).to_contain_text(statut)


@given(phrase('les {colonne:Colonne} {niveau:Niveau} "{code:Code}" en titre {titre:Titre} sont notées'),
       target_fixture="contexte")
@besoins(produit=["figures"])
def noter_figure(preconditions: Preconditions, contexte: ContexteScenario, colonne: str, niveau: str, code: str,
                 titre: str) -> ContexteScenario:
    """Note un montant de la situation budgétaire d'un programme, d'un BOP ou d'une UO (lu par l'API), pour le
    comparer plus loin avec « … ont augmenté de … » ou « … ont diminué de … ».

    Exemple : Étant donné les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 5 sont notées
    """
    figures = contexte.valeurs.setdefault("figures", {})
    figures[(colonne, niveau, code, titre)] = preconditions.figure(niveau, code, titre, colonne)
    return contexte


def _ecart_affiche(ecran: Page, cible: Cible, contexte: ContexteScenario, figure: tuple[str, str, str, str],
                   ecart: Decimal) -> None:
    """The figure shown now is the one noted plus ``ecart`` (a figure never noted is a scenario mistake)."""
    notees = contexte.exiger("figures")
    if figure not in notees:
        colonne, niveau, code, titre = figure
        raise ErreurScenario(f"les {colonne} {niveau_ecrit(niveau)} « {code} » en titre {titre} n'ont pas été notées "
                             "par une étape précédente (« Étant donné les … sont notées »)")
    expect(_figure_affichee(ecran, cible, figure[1], figure[2], figure[3], figure[0])).to_have_text(
        format_montant(notees[figure] + ecart))


@then(phrase('les {colonne:Colonne} {niveau:Niveau} "{code:Code}" en titre {titre:Titre} ont augmenté de '
             '{ecart:Montant}'))
@besoins(requiert=["figures"])
def figure_augmentee(ecran: Page, cible: Cible, contexte: ContexteScenario, colonne: str, niveau: str, code: str,
                     titre: str, ecart: Decimal) -> None:
    """Le montant affiché maintenant est égal au montant noté plus l'écart indiqué
    (0,00 € : montant inchangé).

    Exemple : Alors les AE disponibles de l'UO "BG00/0150-CSUP-DR75" en titre 5 ont augmenté de 0,00 €
    """
    _ecart_affiche(ecran, cible, contexte, (colonne, niveau, code, titre), ecart)


@then(phrase('les {colonne:Colonne} {niveau:Niveau} "{code:Code}" en titre {titre:Titre} ont diminué de '
             '{ecart:Montant}'))
@besoins(requiert=["figures"])
def figure_diminuee(ecran: Page, cible: Cible, contexte: ContexteScenario, colonne: str, niveau: str, code: str,
                    titre: str, ecart: Decimal) -> None:
    """Le montant affiché maintenant est égal au montant noté moins l'écart indiqué.

    Exemple : Alors les CP disponibles du BOP "0150-CSUP" en titre 3 ont diminué de 50 000,00 €
    """
    _ecart_affiche(ecran, cible, contexte, (colonne, niveau, code, titre), -ecart)


@given(phrase("la dernière demande de paiement de cet engagement"), target_fixture="contexte")
@besoins(requiert=["engagement"], produit=["demande"])
def derniere_dp(preconditions: Preconditions, contexte: ContexteScenario) -> ContexteScenario:
    """La demande de paiement la plus récente de l'EJ du scénario ;
    elle devient « cette demande de paiement » pour les étapes suivantes.

    Exemple : Étant donné la dernière demande de paiement de cet engagement
    """
    numero = contexte.exiger("engagement")["numero"]
    contexte.demande = {"numero": preconditions.demandes_paiement(numero)[-1], "engagement": numero}
    return contexte


@then(phrase("je ne vois aucun engagement juridique"))
def aucun_ej(ecran: Page) -> None:
    """La liste des engagements juridiques de l'utilisateur connecté est vide.

    Exemple : Alors je ne vois aucun engagement juridique
    """
    page = PageEngagements(ecran)
    page.ouvrir()
    expect(page.liste_vide).to_be_visible()
    expect(page.lignes).to_have_count(0)


@then(phrase("cet engagement figure dans la liste des engagements juridiques"))
@besoins(requiert=["engagement"])
def ej_dans_liste(ecran: Page, contexte: ContexteScenario) -> None:
    """L'EJ du scénario est une ligne de la liste des engagements juridiques de l'utilisateur connecté.

    Exemple : Alors cet engagement figure dans la liste des engagements juridiques
    """
    page = PageEngagements(ecran)
    page.ouvrir()
    expect(page.ligne(contexte.exiger("engagement")["numero"])).to_have_count(1)


@then(phrase("cet engagement ne figure pas dans la liste des engagements juridiques"))
@besoins(requiert=["engagement"])
def ej_absent_liste(ecran: Page, contexte: ContexteScenario) -> None:
    """L'EJ du scénario n'est pas dans la liste des engagements juridiques de l'utilisateur connecté
    (hors de son périmètre, par exemple).

    Exemple : Alors cet engagement ne figure pas dans la liste des engagements juridiques
    """
    numero = contexte.exiger("engagement")["numero"]
    page = PageEngagements(ecran)
    page.ouvrir()
    expect(page.titre).to_have_text("Engagements juridiques")
    expect(page.ligne(numero)).to_have_count(0)


@then(phrase("cette demande de paiement ne figure pas dans la liste des demandes de paiement"))
@besoins(requiert=["demande"])
def dp_absente_liste(ecran: Page, contexte: ContexteScenario) -> None:
    """La demande de paiement du scénario n'est pas dans la liste des demandes de paiement de l'utilisateur
    connecté.

    Exemple : Alors cette demande de paiement ne figure pas dans la liste des demandes de paiement
    """
    numero = contexte.exiger("demande")["numero"]
    page = PageDemandesPaiement(ecran)
    page.ouvrir()
    expect(page.titre).to_have_text("Demandes de paiement")
    expect(page.ligne(numero)).to_have_count(0)


@then(phrase("les {colonne:ColonneTF} de cette tranche fonctionnelle sont de {valeur:Montant}"))
@besoins(requiert=["tranche"])
def montant_tf(ecran: Page, contexte: ContexteScenario, colonne: str, valeur: Decimal) -> None:
    """Un montant affiché sur la page de la tranche fonctionnelle du scénario (AE affectées, AE engagées).

    Exemple : Alors les AE engagées de cette tranche fonctionnelle sont de 100 000,00 €
    """
    page = PageTranche(ecran)
    page.ouvrir(contexte.exiger("tranche")["numero"])
    expect(page.champ(colonne)).to_have_text(format_montant(valeur))
