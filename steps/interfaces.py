"""Étapes des interfaces par fichier (flux de paye, ou toute autre interface décrite dans
``interfaces/<nom>.yaml``) : préparer un flux à partir d'un tableau, le déposer, lire son compte
rendu d'intégration et son rapprochement.

Le flux se prépare en plusieurs étapes (l'en-tête, puis les lignes, puis, au besoin, une fin
délibérément fausse ou absente) ; le dépôt le construit avec le dessin de l'interface : la fin
(nombre de lignes, montant total) est calculée, sauf si le scénario l'a forcée.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import allure
from playwright.sync_api import Page, expect
from pytest_bdd import given, then, when

from recette.cible import Cible
from recette.client import ClientChorus
from recette.contextes import contexte as besoins
from recette.erreurs import ErreurApi
from recette.interfaces import (
    CompteRendu,
    DescriptionInterface,
    FichierFlux,
    annuler_flux,
    compte_rendu_du_flux,
    construire_flux,
    deposer_flux,
    lignes_du_tableau,
    trouver_description,
)
from recette.pages.paye import PageFluxPaye
from recette.parametres import espaces_lus, montant, resoudre_exercices
from recette.titre2 import emplois_du_programme, titre2_par_categorie
from steps.communs import ContexteScenario, phrase


@dataclass
class FluxPrepare:
    """The flow a scenario prepares: its layout, header, lines, and the trailer it forces."""

    description: DescriptionInterface
    entete: dict[str, str]
    lignes: list[dict[str, str]] = field(default_factory=list)
    fin: dict[str, str] = field(default_factory=dict)
    avec_fin: bool = True
    avec_entete: bool = True
    encodage: str | None = None  # None: the layout's


def _champs(datatable: list[list[str]], exercice: int) -> dict[str, str]:
    entetes, *lignes = datatable
    if [e.strip() for e in entetes] != ["Champ", "Valeur"]:
        raise AssertionError(f"Le tableau doit avoir les colonnes « Champ | Valeur » (reçu : « {' | '.join(entetes)} »)")
    return {champ.strip(): resoudre_exercices(valeur.strip(), exercice) for champ, valeur in lignes}


@given(phrase('un flux "{interface}" d\'en-tête :'), target_fixture="contexte")
@besoins(produit=["flux"])
def flux_entete(cible: Cible, contexte: ContexteScenario, interface: str, datatable: list[list[str]]) -> ContexteScenario:
    """Prépare un flux de l'interface décrite par « interfaces/<interface>.yaml », avec cet en-tête
    (colonnes Champ | Valeur) ; {N} désigne l'année de l'exercice de la cible.

    Exemple : Étant donné un flux "flux-paye" d'en-tête :
      | Champ              | Valeur             |
      | identifiant de flux | PAY-MESR-{N}03-01 |
      | mois               | {N}03              |
      | ministère          | MESR               |
      | émetteur           | DGFIP PAY          |
    """
    contexte.valeurs["flux"] = FluxPrepare(trouver_description(interface), _champs(datatable, cible.exercice))
    return contexte


@given(phrase('les lignes du flux :'), target_fixture="contexte")
@besoins(requiert=["flux"], produit=["flux"])
def flux_lignes(contexte: ContexteScenario, datatable: list[list[str]]) -> ContexteScenario:
    """Les lignes de détail du flux préparé, une par ligne du tableau ; les colonnes sont les champs du
    dessin de l'interface, les valeurs écrites comme on les lit (« 1 234,56 », codes avec leurs zéros).

    Exemple : Et les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant      | ETPT  |
      | BG00/0150-CSUP-DR75 | 0150-01             | 015001010101 | 21        | PCE/6411100000 | 1 200 000,00 | 171,5 |
    """
    flux: FluxPrepare = contexte.exiger("flux")
    flux.lignes.extend(lignes_du_tableau(datatable))
    return contexte


@given(phrase('la fin du flux annonce "{valeur}" pour le champ "{champ}"'), target_fixture="contexte")
@besoins(requiert=["flux"], produit=["flux"])
def flux_fin_forcee(contexte: ContexteScenario, valeur: str, champ: str) -> ContexteScenario:
    """Force une valeur de l'enregistrement de fin au lieu de la valeur calculée (pour un flux
    délibérément faux : nombre de lignes ou montant total erronés).

    Exemple : Et la fin du flux annonce "2" pour le champ "nombre de lignes"
    """
    flux: FluxPrepare = contexte.exiger("flux")
    flux.fin[champ] = valeur
    return contexte


@given(phrase('le flux est tronqué avant sa fin'), target_fixture="contexte")
@besoins(requiert=["flux"], produit=["flux"])
def flux_tronque(contexte: ContexteScenario) -> ContexteScenario:
    """Le flux préparé n'a pas d'enregistrement de fin (fichier tronqué).

    Exemple : Et le flux est tronqué avant sa fin
    """
    flux: FluxPrepare = contexte.exiger("flux")
    flux.avec_fin = False
    return contexte


@given(phrase('un flux "{interface}" vide'), target_fixture="contexte")
@besoins(produit=["flux"])
def flux_vide(contexte: ContexteScenario, interface: str) -> ContexteScenario:
    """Prépare un fichier vide pour l'interface : ni en-tête, ni ligne, ni fin.

    Exemple : Étant donné un flux "flux-paye" vide
    """
    contexte.valeurs["flux"] = FluxPrepare(trouver_description(interface), {}, avec_fin=False, avec_entete=False)
    return contexte


@given(phrase('le flux est écrit en "{encodage}"'), target_fixture="contexte")
@besoins(requiert=["flux"], produit=["flux"])
def flux_encodage(contexte: ContexteScenario, encodage: str) -> ContexteScenario:
    """Le fichier du flux est écrit dans cet encodage au lieu de celui du dessin de l'interface
    (« cp1252 », « latin-1 »…), pour un flux délibérément mal encodé.

    Exemple : Et le flux est écrit en "cp1252"
    """
    flux: FluxPrepare = contexte.exiger("flux")
    flux.encodage = encodage
    return contexte


def _client(cible: Cible, contexte: ContexteScenario) -> ClientChorus:
    """The target's API as the user an earlier step logged in, else as the campaign's user."""
    session = contexte.valeurs.get("session")
    return cible.client_de(session) if session is not None else cible.client


def _garder(contexte: ContexteScenario, compte_rendu: CompteRendu, nom: str) -> ContexteScenario:
    """The compte rendu attached to the step (as a person reads it) and kept for the next steps."""
    allure.attach(compte_rendu.resume(), name=nom, attachment_type=allure.attachment_type.TEXT)
    contexte.valeurs["compte_rendu"] = compte_rendu
    return contexte


def _fichier(flux: FluxPrepare) -> FichierFlux:
    return construire_flux(flux.description, flux.entete, flux.lignes, fin=flux.fin, avec_fin=flux.avec_fin,
                           avec_entete=flux.avec_entete,
                           nom=f"{flux.entete.get('identifiant de flux', flux.description.interface)}.txt")


def _deposer(cible: Cible, contexte: ContexteScenario, dossier: Path) -> ContexteScenario:
    flux: FluxPrepare = contexte.exiger("flux")
    fichier = _fichier(flux)
    client = _client(cible, contexte)
    dossier.mkdir(parents=True, exist_ok=True)
    fichier.ecrire(dossier / fichier.nom, flux.encodage)
    allure.attach(fichier.texte(), name=f"Flux déposé : {fichier.nom}", attachment_type=allure.attachment_type.TEXT)
    contexte.valeurs.pop("refus_depot", None)
    try:
        compte_rendu = deposer_flux(client, fichier, encodage=flux.encodage)
    except ErreurApi as exc:
        contexte.valeurs["refus_depot"] = exc
        return contexte
    return _garder(contexte, compte_rendu, "Compte rendu d'intégration")


@given(phrase('le flux est déposé'), target_fixture="contexte")
@when(phrase('je dépose le flux'), target_fixture="contexte")
@besoins(requiert=["flux"], produit=["compte_rendu"], bac_a_sable_seulement=True)
def deposer(cible: Cible, contexte: ContexteScenario, dossier_scenario: Path) -> ContexteScenario:
    """Construit le fichier du flux préparé selon le dessin de son interface (fin calculée, sauf valeur
    forcée) et le dépose, en tant que l'utilisateur connecté ; le fichier et le compte rendu
    d'intégration sont joints à l'étape du rapport. En précondition : « Et le flux est déposé ».

    Exemple : Quand je dépose le flux
    """
    return _deposer(cible, contexte, dossier_scenario)


@when(phrase('je dépose le flux à l\'écran « Flux de paye »'), target_fixture="contexte")
@besoins(requiert=["flux"], produit=["compte_rendu"], bac_a_sable_seulement=True,
         non_jouable_sur={"fiori": "le dépôt d'un flux de paye n'a pas d'application Fiori dans le bac à sable"})
def deposer_ecran(ecran: Page, cible: Cible, contexte: ContexteScenario, dossier_scenario: Path) -> ContexteScenario:
    """Dépose le fichier du flux préparé comme une personne le ferait : écran « Flux de paye », champ
    « Fichier du flux », bouton « Déposer le flux » ; le statut affiché est vérifié, puis le compte
    rendu d'intégration est relu pour les étapes suivantes.

    Exemple : Quand je dépose le flux à l'écran « Flux de paye »
    """
    flux: FluxPrepare = contexte.exiger("flux")
    fichier = _fichier(flux)
    chemin = fichier.ecrire(dossier_scenario / fichier.nom, flux.encodage)
    page = PageFluxPaye(ecran)
    page.deposer(chemin)
    compte_rendu = compte_rendu_du_flux(cible.client, flux.description, flux.entete["identifiant de flux"])
    expect(page.statut).to_have_text(compte_rendu.statut)
    return _garder(contexte, compte_rendu, "Compte rendu d'intégration")


@when(phrase('je dépose le même flux une seconde fois'), target_fixture="contexte")
@besoins(requiert=["flux"], produit=["compte_rendu"], bac_a_sable_seulement=True)
def deposer_encore(cible: Cible, contexte: ContexteScenario, dossier_scenario: Path) -> ContexteScenario:
    """Dépose à nouveau le flux préparé, tel quel (même identifiant de flux).

    Exemple : Quand je dépose le même flux une seconde fois
    """
    return _deposer(cible, contexte, dossier_scenario / "second-depot")


@when(phrase('j\'annule le flux "{flux}" avec le motif "{motif}"'), target_fixture="contexte")
@besoins(requiert=["flux"], produit=["compte_rendu"], bac_a_sable_seulement=True)
def annuler(cible: Cible, contexte: ContexteScenario, flux: str, motif: str) -> ContexteScenario:
    """Annule un flux intégré (ses imputations sont contre-passées), en tant que l'utilisateur connecté ;
    {N} désigne l'année de l'exercice. Un refus est gardé pour « Alors l'annulation est refusée… ».

    Exemple : Quand j'annule le flux "PAY-MESR-{N}03-01" avec le motif "Flux envoyé par erreur"
    """
    prepare: FluxPrepare = contexte.exiger("flux")
    client = _client(cible, contexte)
    contexte.valeurs.pop("refus_annulation", None)
    try:
        compte_rendu = annuler_flux(client, prepare.description, resoudre_exercices(flux, cible.exercice), motif)
    except ErreurApi as exc:
        contexte.valeurs["refus_annulation"] = exc
        return contexte
    return _garder(contexte, compte_rendu, "Compte rendu après annulation")


@then(phrase('l\'annulation est refusée avec le statut {statut:d} et le message "{message}"'))
@besoins(requiert=["flux"])
def annulation_refusee(cible: Cible, contexte: ContexteScenario, statut: int, message: str) -> None:
    """L'annulation du flux est refusée avec ce statut et un message contenant ce texte ({N} : l'année).

    Exemple : Alors l'annulation est refusée avec le statut 409 et le message "n'a rien intégré : rien à annuler"
    """
    refus = contexte.valeurs.get("refus_annulation")
    assert refus is not None, "L'annulation du flux a été acceptée"
    attendu = resoudre_exercices(message, cible.exercice)
    assert refus.statut == statut and attendu in espaces_lus(refus.message), f"Refus de l'annulation : {refus}"


def _compte_rendu(contexte: ContexteScenario) -> CompteRendu:
    refus = contexte.valeurs.get("refus_depot")
    if refus is not None:
        raise AssertionError(f"Le dépôt du flux a été refusé sans compte rendu : {refus}")
    compte_rendu: CompteRendu = contexte.exiger("compte_rendu")
    return compte_rendu


@then(phrase('le compte rendu d\'intégration indique le statut "{statut}"'))
@besoins(requiert=["compte_rendu"])
def statut(contexte: ContexteScenario, statut: str) -> None:
    """Le statut du dernier flux déposé : « intégré », « intégré partiellement », « rejeté » ou « annulé ».

    Exemple : Alors le compte rendu d'intégration indique le statut "intégré partiellement"
    """
    compte_rendu = _compte_rendu(contexte)
    assert compte_rendu.statut == statut, (f"Statut du compte rendu : « {compte_rendu.statut} » "
                                           f"({espaces_lus(compte_rendu.resume())})")


@then(phrase('le compte rendu d\'intégration compte {integrees:d} ligne(s) intégrée(s) et {rejetees:d} ligne(s) rejetée(s)'))
@besoins(requiert=["compte_rendu"])
def comptes(contexte: ContexteScenario, integrees: int, rejetees: int) -> None:
    """Le nombre de lignes de détail intégrées et rejetées du dernier flux déposé.

    Exemple : Alors le compte rendu d'intégration compte 2 ligne(s) intégrée(s) et 1 ligne(s) rejetée(s)
    """
    lignes = _compte_rendu(contexte).lignes
    assert (lignes.integrees, lignes.rejetees) == (integrees, rejetees), (
        f"{lignes.integrees} ligne(s) intégrée(s) et {lignes.rejetees} rejetée(s) sur {lignes.fichier}")


@then(phrase('le compte rendu d\'intégration rejette les lignes :'))
@besoins(requiert=["compte_rendu"])
def lignes_rejetees(contexte: ContexteScenario, datatable: list[list[str]]) -> None:
    """Exactement ces lignes du fichier sont rejetées, chacune avec ce motif (colonnes Ligne | Motif ;
    la ligne est celle du fichier : l'en-tête est la ligne 1).

    Exemple : Alors le compte rendu d'intégration rejette les lignes :
      | Ligne | Motif                                           |
      | 3     | Centre financier inconnu : « BG00/0150-XXXX-DR99 » |
    """
    compte_rendu = _compte_rendu(contexte)
    entetes, *lignes = datatable
    attendues = {int(ligne[entetes.index("Ligne")]): ligne[entetes.index("Motif")] for ligne in lignes}
    obtenues = {r.ligne: espaces_lus(r.motif) for r in compte_rendu.rejets}
    assert obtenues == attendues, "Lignes rejetées : " + ("; ".join(f"ligne {n} : {m}" for n, m in sorted(obtenues.items()))
                                                          or "aucune")


@then(phrase('le flux est rejeté en entier avec le motif "{motif}"'))
@besoins(requiert=["compte_rendu"])
def rejet_entier(cible: Cible, contexte: ContexteScenario, motif: str) -> None:
    """Le dernier flux déposé est rejeté en entier (rien n'est intégré), avec un motif contenant ce texte ;
    {N} désigne l'année de l'exercice de la cible.

    Exemple : Alors le flux est rejeté en entier avec le motif "Montant total erroné"
    """
    compte_rendu = _compte_rendu(contexte)
    assert compte_rendu.rejet_fichier is not None, f"Le flux n'est pas rejeté en entier : {espaces_lus(compte_rendu.resume())}"
    assert compte_rendu.lignes.integrees == 0, f"{compte_rendu.lignes.integrees} ligne(s) intégrée(s) malgré le rejet"
    recu = espaces_lus(compte_rendu.rejet_fichier.motif)
    assert resoudre_exercices(motif, cible.exercice) in recu, f"Motif du rejet : « {recu} »"


@then(phrase('le rapprochement du compte rendu donne {fichier:Montant} au fichier, {integre:Montant} intégrés et '
             '{rejete:Montant} rejetés'))
@besoins(requiert=["compte_rendu"])
def rapprochement(contexte: ContexteScenario, fichier: Decimal, integre: Decimal, rejete: Decimal) -> None:
    """Les montants du compte rendu, au centime : total du fichier, intégré, rejeté ; et le compte rendu
    se rapproche (intégré + rejeté = fichier, en lignes, montants et ETPT ; lignes rejetées listées).

    Exemple : Alors le rapprochement du compte rendu donne 7 206 018,52 € au fichier, 7 187 478,52 € intégrés et 18 540,00 € rejetés
    """
    compte_rendu = _compte_rendu(contexte)
    montants = compte_rendu.montants
    assert (montants.fichier, montants.integre, montants.rejete) == (fichier, integre, rejete), (
        f"Montants du compte rendu : {montants.fichier} au fichier, {montants.integre} intégrés, {montants.rejete} rejetés")
    ecarts = compte_rendu.ecarts_de_rapprochement()
    assert not ecarts, "Le compte rendu ne se rapproche pas : " + " ; ".join(ecarts)


@then(phrase('le compte rendu d\'intégration signale l\'alerte "{message}"'))
@besoins(requiert=["compte_rendu"])
def alerte(contexte: ContexteScenario, message: str) -> None:
    """Une alerte du compte rendu (rien n'est refusé pour autant) contient ce texte.

    Exemple : Alors le compte rendu d'intégration signale l'alerte "Dépassement du titre 2 disponible"
    """
    compte_rendu = _compte_rendu(contexte)
    messages = [espaces_lus(a.message) for a in compte_rendu.alertes]
    assert any(message in m for m in messages), "Alertes du compte rendu : " + ("; ".join(messages) or "aucune")


@then(phrase('le compte rendu d\'intégration ne signale aucune alerte'))
@besoins(requiert=["compte_rendu"])
def sans_alerte(contexte: ContexteScenario) -> None:
    """Le compte rendu du dernier flux déposé n'a aucune alerte.

    Exemple : Alors le compte rendu d'intégration ne signale aucune alerte
    """
    messages = [espaces_lus(a.message) for a in _compte_rendu(contexte).alertes]
    assert not messages, "Alertes du compte rendu : " + "; ".join(messages)


@then(phrase('le dépôt du flux est refusé avec le statut {statut:d}'))
@besoins(requiert=["flux"])
def depot_refuse(contexte: ContexteScenario, statut: int) -> None:
    """Le dépôt lui-même est refusé (droits, fichier absent ou trop volumineux), sans compte rendu.

    Exemple : Alors le dépôt du flux est refusé avec le statut 403
    """
    refus = contexte.valeurs.get("refus_depot")
    assert refus is not None, "Le dépôt du flux a été accepté"
    assert refus.statut == statut, f"Refus du dépôt : {refus}"



# --- Titre 2 par catégorie et emplois ---------------------------------------------------------------
@then(phrase('le titre 2 consommé {niveau} "{code}" par catégorie est :'))
@besoins(bac_a_sable_seulement=True)
def t2_par_categorie(cible: Cible, niveau: str, code: str, datatable: list[list[str]]) -> None:
    """Le titre 2 consommé (AE = CP) par catégorie, au centime, sur le programme, le BOP ou l'UO
    (« du programme », « du BOP », « de l'UO ») ; colonnes Catégorie | Sous-catégorie | Consommé.

    Exemple : Alors le titre 2 consommé de l'UO "BG00/0150-CSUP-DR75" par catégorie est :
      | Catégorie | Sous-catégorie | Consommé     |
      | 21        |                | 4 104 066,34 |
      | 22        | hors CAS       | 0,00         |
      | 22        | CAS Pensions   | 3 083 412,18 |
      | 23        |                | 18 540,00    |
    """
    niveaux = {"du programme": "programme", "du BOP": "bop", "de l'UO": "uo"}
    if niveau not in niveaux:
        raise AssertionError(f"Niveau « {niveau} » inconnu (niveaux : {', '.join(niveaux)})")
    _entetes, *lignes = datatable
    attendu = {(ligne[0].strip(), ligne[1].strip()): montant(ligne[2]) for ligne in lignes}
    obtenu = {(r.categorie, r.sous_categorie): r.consomme
              for r in titre2_par_categorie(cible.client, niveaux[niveau], code)}
    ecarts = [f"{c} {s}".strip() + f" : {obtenu.get((c, s))} au lieu de {v}" for (c, s), v in attendu.items()
              if obtenu.get((c, s)) != v]
    assert not ecarts, "Titre 2 par catégorie : " + " ; ".join(ecarts)


@then(phrase('les emplois du programme "{programme}" sont de {consomme} ETPT consommés pour un plafond de '
             '{plafond} ETPT'))
@besoins(bac_a_sable_seulement=True)
def emplois(cible: Cible, programme: str, consomme: str, plafond: str) -> None:
    """Le plafond d'emplois du programme (LFI) et les ETPT consommés dans l'année par les flux de paye.

    Exemple : Alors les emplois du programme "0150" sont de 171,5 ETPT consommés pour un plafond de 6 892 ETPT
    """
    suivi = emplois_du_programme(cible.client, programme)
    voulu = (_etpt(consomme), _etpt(plafond))
    assert (suivi.consomme, suivi.plafond) == voulu, (f"Emplois du programme {programme} : {suivi.consomme} ETPT "
                                                      f"consommés pour un plafond de {suivi.plafond}")


def _etpt(texte: str) -> Decimal:
    return Decimal(texte.replace("\u00a0", "").replace(" ", "").replace(",", "."))
