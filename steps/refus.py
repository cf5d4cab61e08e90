"""Steps that provoke the sandbox's refusals a tester meets on its screens (bad input, a state
that forbids the operation) and check their messages.

The refusal itself is checked by the common sentence « Alors l'opération est refusée avec le
message "…" » (steps.communs), or, for a file of habilitations, « Alors l'import est refusé et le
rapport signale : » (steps.habilitations). The step docstrings are in French: the step catalogue
(``recette etapes``) shows them to testers."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from playwright.sync_api import Page
from pytest_bdd import then, when

from recette.cible import Cible
from recette.contextes import contexte as besoins
from recette.erreurs import ErreurApi
from recette.pages import (
    PageArretesReport,
    PageCloture,
    PageDemandesPaiement,
    PageDemandesReport,
    PageEngagement,
    PageImportHabilitations,
    PageMiseADisposition,
    PageNouvelEngagement,
)
from recette.pages.engagement import Poste
from recette.parametres import Exercice, espaces_lus, montant, resoudre_exercices
from recette.preconditions import Preconditions
from steps.communs import ContexteScenario, phrase

DEMANDE, ARRETE = "demande_report", "arrete"
#: Header of a habilitations file (domaine/import_habilitations.py).
ENTETE_HABILITATIONS = "action;identifiant;nom;role;perimetre"
#: What Excel writes for a CSV file saved « UTF-8 » with nothing in it: the byte order mark alone.
BOM_UTF8 = b"\xef\xbb\xbf"


# --- Exécution budgétaire -----------------------------------------------------------------------------
@when(phrase('je tente de mettre à disposition "{ae}" d\'AE et "{cp}" de CP en titre {titre:Titre} '
             'de "{source}" vers "{destination}"'))
def tenter_mise_a_disposition(ecran: Page, ae: str, cp: str, titre: str, source: str, destination: str) -> None:
    """Saisit une mise à disposition avec les montants tels quels, même mal écrits (« 1.234,56 »,
    « -100,00 », « 0 »), quand le refus est attendu ; le refus reste affiché pour l'étape « Alors ».

    Exemple : Quand je tente de mettre à disposition "1.234,56" d'AE et "0" de CP en titre 3 de "0150" vers "0150-CSUP"
    """
    PageMiseADisposition(ecran).saisir_mise_a_disposition(source, destination, titre, ae, cp)


@when(phrase('je tente d\'engager sans aucun poste sur l\'UO "{uo:Code}" en titre {titre:Titre} '
             'auprès du fournisseur "{fournisseur:Code}"'))
def tenter_engager_sans_poste(ecran: Page, uo: str, titre: str, fournisseur: str) -> None:
    """Valide le formulaire d'engagement juridique sans remplir aucune ligne de poste.

    Exemple : Quand je tente d'engager sans aucun poste sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000012345"
    """
    PageNouvelEngagement(ecran).engager(uo, titre, fournisseur, [], "Engagement sans poste")


@when(phrase('je tente d\'engager les postes suivants sur l\'UO "{uo:Code}" en titre {titre:Titre} '
             'auprès du fournisseur "{fournisseur:Code}" :'))
def tenter_engager_postes(ecran: Page, uo: str, titre: str, fournisseur: str, datatable: list[list[str]]) -> None:
    """Saisit un engagement juridique d'un poste par ligne du tableau (Montant | Domaine fonctionnel |
    Activité), quand le refus est attendu.

    Exemple : Quand je tente d'engager les postes suivants sur l'UO "BG00/0150-CSUP-DR75" en titre 3 auprès du fournisseur "1000012345" :
    """
    entetes, *lignes = datatable
    postes = [Poste(montant(ligne[entetes.index("Montant")]), ligne[entetes.index("Domaine fonctionnel")],
                    ligne[entetes.index("Activité")]) for ligne in lignes]
    PageNouvelEngagement(ecran).engager(uo, titre, fournisseur, postes, "Engagement multi-postes")


@when(phrase("je tente d'engager {montant:Montant} sur cette tranche fonctionnelle en titre {titre:Titre}"))
@besoins(requiert=["tranche"])
def tenter_engager_tf_autre_titre(ecran: Page, preconditions: Preconditions, contexte: ContexteScenario,
                                  montant: Decimal, titre: str) -> None:
    """Saisit un engagement juridique sur la tranche fonctionnelle du scénario, sur son UO mais dans
    le titre indiqué (qui n'est pas forcément celui de la tranche), quand le refus est attendu.

    Exemple : Quand je tente d'engager 10 000,00 € sur cette tranche fonctionnelle en titre 3
    """
    tf = contexte.exiger("tranche")
    domaine, activite = preconditions.imputation_par_defaut(tf["uo"])
    PageNouvelEngagement(ecran).engager(tf["uo"], titre, "1000012345", [Poste(montant, domaine, activite)],
                                        "Engagement sur tranche", tf["numero"])


@when(phrase("je tente d'augmenter le poste {poste:d} de cet engagement de {montant:Montant}"))
@besoins(requiert=["engagement"], non_jouable_sur={
    "fiori": "dans l'application Fiori, le poste se choisit dans la liste des postes de l'engagement : "
             "un poste qui n'existe pas ne peut pas y être nommé"})
def tenter_augmenter_poste(ecran: Page, contexte: ContexteScenario, poste: int, montant: Decimal) -> None:
    """Augmente le poste indiqué de l'EJ du scénario (qui peut ne pas exister), quand le refus est attendu.

    Exemple : Quand je tente d'augmenter le poste 2 de cet engagement de 1 000,00 €
    """
    PageEngagement(ecran).augmenter(contexte.exiger("engagement")["numero"], poste, montant)


@when(phrase("je tente de payer cette demande de paiement qu'un autre gestionnaire vient de payer"))
@besoins(requiert=["demande"], bac_a_sable_seulement=True)
def tenter_payer_deja_payee(ecran: Page, cible: Cible, contexte: ContexteScenario) -> None:
    """Ouvre la liste des demandes de paiement ; pendant qu'elle est affichée, un autre gestionnaire
    paie la demande du scénario (par l'API) ; puis « Payer » est pressé sur la liste restée à l'écran.

    Exemple : Quand je tente de payer cette demande de paiement qu'un autre gestionnaire vient de payer
    """
    numero = contexte.exiger("demande")["numero"]
    page = PageDemandesPaiement(ecran)
    page.ouvrir()
    page.ligne(numero).wait_for()
    cible.client.payer(numero)
    page.cliquer_payer(numero)


# --- Campagne des reports ----------------------------------------------------------------------------
@when(phrase("je clôture l'exercice {exercice:Exercice} en ouvrant l'exercice suivant le 1er janvier "
             "de l'exercice {ouverture:Exercice}"))
def cloturer_avec_ouverture(ecran: Page, cible: Cible, exercice: Exercice, ouverture: Exercice) -> None:
    """Clôture de l'exercice sur son écran, avec la date d'ouverture de l'exercice suivant saisie.

    Exemple : Quand je clôture l'exercice N en ouvrant l'exercice suivant le 1er janvier de l'exercice N
    """
    PageCloture(ecran).cloturer(exercice.resoudre(cible.exercice), f"01/01/{ouverture.resoudre(cible.exercice)}")


@when(phrase("je donne un avis défavorable à cette demande de report sans motif"))
@besoins(requiert=["demande_report"])
def avis_defavorable_sans_motif(ecran: Page, contexte: ContexteScenario) -> None:
    """Avis défavorable du contrôleur budgétaire, le motif laissé vide, sur la page de la demande.

    Exemple : Quand je donne un avis défavorable à cette demande de report sans motif
    """
    PageDemandesReport(ecran).donner_avis(str(contexte.exiger(DEMANDE)), "défavorable", "")


@when(phrase("je tente de prendre un arrêté de report reprenant deux fois cette demande de report"))
@besoins(requiert=["demande_report"])
def arreter_deux_fois(ecran: Page, contexte: ContexteScenario) -> None:
    """Saisit deux fois le numéro de la demande du scénario dans le formulaire de l'arrêté de report.

    Exemple : Quand je tente de prendre un arrêté de report reprenant deux fois cette demande de report
    """
    numero = str(contexte.exiger(DEMANDE))
    PageArretesReport(ecran).arreter([numero, numero])


@when(phrase("je tente d'intégrer cette demande de report à la place de son arrêté"))
@besoins(requiert=["demande_report"])
def integrer_demande_arretee(ecran: Page, contexte: ContexteScenario) -> None:
    """Saisit le numéro de la demande du scénario (déjà reprise par un arrêté) dans le formulaire
    d'intégration des arrêtés, au lieu du numéro de l'arrêté.

    Exemple : Quand je tente d'intégrer cette demande de report à la place de son arrêté
    """
    PageArretesReport(ecran).integrer_numero(str(contexte.exiger(DEMANDE)))


# --- Habilitations : fichiers d'import ----------------------------------------------------------------
def _deposer(ecran: Page, dossier_scenario: Path, nom: str, contenu: bytes) -> None:
    dossier_scenario.mkdir(parents=True, exist_ok=True)
    fichier = dossier_scenario / nom
    fichier.write_bytes(contenu)
    PageImportHabilitations(ecran).importer(fichier)


@when(phrase('j\'importe le fichier d\'habilitations "{nom}" enregistré vide par Excel'))
def importer_fichier_vide(ecran: Page, dossier_scenario: Path, nom: str) -> None:
    """Dépose un fichier CSV sans aucune ligne, pas même l'en-tête, tel qu'Excel l'enregistre en
    « CSV UTF-8 » (la marque d'ordre des octets seule).

    Exemple : Quand j'importe le fichier d'habilitations "vide.csv" enregistré vide par Excel
    """
    _deposer(ecran, dossier_scenario, nom, BOM_UTF8)


@when(phrase('j\'importe le fichier d\'habilitations "{nom}" de {nombre:d} lignes suspendant '
             'l\'utilisateur "{identifiant}"'))
def importer_fichier_long(ecran: Page, dossier_scenario: Path, nom: str, nombre: int, identifiant: str) -> None:
    """Dépose un fichier d'habilitations de ce nombre de lignes (après l'en-tête), chacune suspendant
    le même utilisateur : un fichier trop long pour un seul import.

    Exemple : Quand j'importe le fichier d'habilitations "massif.csv" de 5001 lignes suspendant l'utilisateur "paul.lambert"
    """
    lignes = [ENTETE_HABILITATIONS, *([f"suspendre;{identifiant};;;"] * nombre)]
    _deposer(ecran, dossier_scenario, nom, ("\n".join(lignes) + "\n").encode("utf-8"))


@when(phrase('j\'importe le fichier d\'habilitations "{nom}" créant l\'utilisateur "{identifiant}" '
             'avec un nom de {nombre:d} caractères'))
def importer_fichier_cellule_geante(ecran: Page, dossier_scenario: Path, nom: str, identifiant: str,
                                    nombre: int) -> None:
    """Dépose un fichier d'habilitations d'une ligne de création dont la cellule du nom compte ce
    nombre de caractères (un copier-coller raté, par exemple).

    Exemple : Quand j'importe le fichier d'habilitations "geant.csv" créant l'utilisateur "camille.martin" avec un nom de 200000 caractères
    """
    lignes = [ENTETE_HABILITATIONS, f"creer;{identifiant};{'x' * nombre};;"]
    _deposer(ecran, dossier_scenario, nom, ("\n".join(lignes) + "\n").encode("utf-8"))


# --- Services de Chorus (API), quand aucun écran ne permet la saisie --------------------------------------
@when(phrase('j\'appelle le service "{appel}" avec :'), target_fixture="contexte")
@besoins(produit=["api"], bac_a_sable_seulement=True)
def appeler_service(cible: Cible, contexte: ContexteScenario, appel: str, docstring: str) -> ContexteScenario:
    """Appelle un service de la cible (« MÉTHODE /chemin ») en tant que l'utilisateur de la campagne,
    avec le corps JSON écrit sous la phrase (entre deux lignes de trois guillemets) ; {N}, {N+1} et
    {N-1} y désignent les années de l'exercice de la cible.

    Exemple : Quand j'appelle le service "POST /api/lois-de-finances" avec :
    """
    methode, _, route = appel.partition(" ")
    try:
        corps = json.loads(resoudre_exercices(docstring, cible.exercice))
        contexte.valeurs["api"] = (200, cible.client.appeler(methode.upper(), route.strip(), corps))
    except ErreurApi as exc:
        contexte.valeurs["api"] = (exc.statut, exc.message)
    return contexte


@then(phrase('le service refuse la demande avec le statut {statut:d} et le message "{message}"'))
@besoins(requiert=["api"])
def service_refuse(contexte: ContexteScenario, statut: int, message: str) -> None:
    """Le dernier appel au service est refusé avec ce statut HTTP et exactement ce message.

    Les espaces insécables des montants s'écrivent comme des espaces.

    Exemple : Alors le service refuse la demande avec le statut 422 et le message "Nature de loi non prise en charge : LFR (attendu LFI)"
    """
    obtenu_statut, obtenu_message = contexte.exiger("api")
    assert (obtenu_statut, espaces_lus(str(obtenu_message))) == (statut, espaces_lus(message)), \
        f"Réponse du service : {obtenu_statut} « {obtenu_message} »"

