"""Budget operations: each checks every rule first, then changes the entities.

A refused operation raises before any change, so it leaves the data as it found it (the SQL
store adds a transaction around each call on top of that).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TypeVar

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import regles
from chorus_sandbox.domaine.codes import (
    groupe_du_titre,
    programme_du_code,
    verifier_code,
    verifier_titre,
)
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ObjetInconnu, RegleDeGestion
from chorus_sandbox.domaine.montants import Centimes, format_montant
from chorus_sandbox.domaine.regles import Contexte, designation

T = TypeVar("T")

NUMEROTATION = {"ej": 2103000000, "sf": 5000000000, "dp": 100000000, "tf": 0}


# --- Look-ups ------------------------------------------------------------------------------
def obtenir(depot: Depot, classe: type[T], cle: str, libelle: str) -> T:
    objet = depot.trouver(classe, cle)
    if objet is None:
        raise ObjetInconnu(f"{libelle} inconnu(e) : {cle}")
    return objet


def journaliser(depot: Depot, ctx: Contexte, operation: str, objet: str, detail: str) -> None:
    """One line of the history (``objet``: a number or a budget code, which the périmètre filters on)."""
    depot.ajouter(m.Evenement(ctx.horodatage(), operation, objet, detail))


_journal = journaliser  # the name regulation.py and reports.py still use


# --- Loi de finances -----------------------------------------------------------------------
@dataclass(frozen=True)
class LigneLoi:
    programme: str
    titre: str
    ae: Centimes
    cp: Centimes
    etpt: int = 0


def integrer_loi_de_finances(
    depot: Depot,
    ctx: Contexte,
    identifiant: str,
    nature: str,
    exercice: int,
    lignes: Sequence[LigneLoi],
    taux_reserve_t2: Decimal,
    taux_reserve_hors_t2: Decimal,
) -> m.LoiDeFinances:
    """Open the credits of an LFI per programme × titre and set the réserve de précaution aside."""
    if nature != "LFI":
        raise DonneeInvalide(f"Nature de loi non prise en charge : {nature} (attendu LFI)")
    if depot.trouver(m.LoiDeFinances, identifiant) is not None:
        raise RegleDeGestion(f"La loi de finances « {identifiant} » est déjà intégrée")
    if any(loi.nature == "LFI" and loi.exercice == exercice for loi in depot.lister(m.LoiDeFinances)):
        raise RegleDeGestion(f"Une loi de finances initiale est déjà intégrée pour l'exercice {exercice}")
    if not lignes:
        raise DonneeInvalide(f"La loi de finances « {identifiant} » ne contient aucune ligne")
    taux = {
        "T2": regles.verifier_taux(taux_reserve_t2, "T2"),
        "HT2": regles.verifier_taux(taux_reserve_hors_t2, "hors T2"),
    }
    lignes = [replace(ligne, titre=verifier_titre(ligne.titre)) for ligne in lignes]
    vues: set[tuple[str, str]] = set()
    for ligne in lignes:
        _verifier_ligne_loi(depot, ligne, vues)
    loi = m.LoiDeFinances(identifiant, nature, exercice, ctx.date_du_jour, taux["T2"], taux["HT2"])
    for ligne in lignes:
        env = depot.enveloppe(exercice, "programme", ligne.programme, ligne.titre)
        taux_groupe = taux[groupe_du_titre(ligne.titre)]
        env.ae_ouverts += ligne.ae
        env.cp_ouverts += ligne.cp
        env.ae_reserves += regles.montant_reserve(ctx, ligne.ae, taux_groupe)
        env.cp_reserves += regles.montant_reserve(ctx, ligne.cp, taux_groupe)
        loi.lignes.append(m.LigneLoiDeFinances(ligne.programme, ligne.titre, ligne.ae, ligne.cp, ligne.etpt))
    depot.ajouter(loi)
    _journal(depot, ctx, "Intégration loi de finances", identifiant, f"{len(lignes)} lignes")
    return loi


def _verifier_ligne_loi(depot: Depot, ligne: LigneLoi, vues: set[tuple[str, str]]) -> None:
    verifier_code("programme", ligne.programme)
    verifier_titre(ligne.titre)
    obtenir(depot, m.Programme, ligne.programme, "Programme")
    cle = (ligne.programme, ligne.titre)
    if cle in vues:
        raise DonneeInvalide(f"Ligne en double : programme {ligne.programme}, titre {ligne.titre}")
    vues.add(cle)
    for nom, montant in (("AE", ligne.ae), ("CP", ligne.cp)):
        if montant < 0:
            raise DonneeInvalide(
                f"Montant {nom} négatif pour le programme {ligne.programme} titre {ligne.titre} : "
                f"{format_montant(montant)}"
            )
    if ligne.etpt < 0:
        # refus non provocable : un ETPT négatif est refusé avant, à l'écran (entier positif) et par le service (ge=0)
        raise DonneeInvalide(f"Plafond d'emplois négatif pour le programme {ligne.programme}")


# --- Mise à disposition --------------------------------------------------------------------
def mettre_a_disposition(
    depot: Depot,
    ctx: Contexte,
    source: str,
    destination: str,
    titre: str,
    ae: Centimes,
    cp: Centimes,
) -> m.MiseADisposition:
    """Programme → BOP, or BOP → UO, for one titre, never above the parent's available amount."""
    titre = verifier_titre(titre)
    niveau_source, niveau_destination = _niveaux_mise_a_disposition(depot, source, destination)
    for nom, montant in (("AE", ae), ("CP", cp)):
        if montant < 0:
            raise DonneeInvalide(f"Le montant {nom} ne peut pas être négatif ({format_montant(montant)})")
    if ae == 0 and cp == 0:
        raise DonneeInvalide("Une mise à disposition porte sur un montant d'AE ou de CP non nul")
    regles.montant_positif(max(ae, cp))
    parent = depot.enveloppe(ctx.exercice, niveau_source, source, titre)
    regles.controler_mise_a_disposition(
        ctx, ae, cp, parent.ae_disponibles, parent.cp_disponibles, designation(niveau_source, source)
    )
    enfant = depot.enveloppe(ctx.exercice, niveau_destination, destination, titre)
    parent.ae_mis_a_disposition += ae
    parent.cp_mis_a_disposition += cp
    enfant.ae_ouverts += ae
    enfant.cp_ouverts += cp
    mad = m.MiseADisposition(ctx.exercice, source, destination, niveau_destination, titre, ae, cp, ctx.date_du_jour)
    depot.ajouter(mad)
    detail = f"T{titre} AE {format_montant(ae)} CP {format_montant(cp)} vers {destination}"
    _journal(depot, ctx, "Mise à disposition", source, detail)
    return mad


def _niveaux_mise_a_disposition(depot: Depot, source: str, destination: str) -> tuple[str, str]:
    if depot.trouver(m.Programme, source) is not None:
        bop = obtenir(depot, m.Bop, destination, "BOP")
        if bop.programme != source:
            raise RegleDeGestion(f"Le BOP {destination} n'appartient pas au programme {source}")
        return "programme", "bop"
    if depot.trouver(m.Bop, source) is not None:
        uo = obtenir(depot, m.UniteOperationnelle, destination, "UO")
        if uo.bop != source:
            raise RegleDeGestion(f"L'UO {destination} n'appartient pas au BOP {source}")
        return "bop", "uo"
    raise ObjetInconnu(f"Programme ou BOP inconnu : {source}")


# --- Tranche fonctionnelle -----------------------------------------------------------------
def creer_tranche_fonctionnelle(
    depot: Depot, ctx: Contexte, uo: str, titre: str, libelle: str, ae: Centimes
) -> m.TrancheFonctionnelle:
    """Create a TF on an UO and affect ``ae`` to it (taken from the UO's available AE)."""
    titre = verifier_titre(titre)
    obtenir(depot, m.UniteOperationnelle, uo, "UO")
    if not libelle.strip():
        raise DonneeInvalide("Le libellé de la tranche fonctionnelle est obligatoire")
    regles.montant_positif(ae, "Le montant affecté")
    env = depot.enveloppe(ctx.exercice, "uo", uo, titre)
    regles.credits_suffisants(ae, env.ae_disponibles, "AE", designation("uo", uo))
    rang = depot.prochain_numero(f"tf-{programme_du_code(uo)}", NUMEROTATION["tf"])
    tf = m.TrancheFonctionnelle(f"TF{programme_du_code(uo)}{rang:06d}", ctx.exercice, uo, titre, libelle.strip())
    tf.ae_affectees = ae
    env.ae_affectes += ae
    depot.ajouter(tf)
    _journal(depot, ctx, "Affectation", tf.numero, f"{format_montant(ae)} affectés sur {uo}")
    return tf


def affecter(depot: Depot, ctx: Contexte, numero: str, ae: Centimes) -> m.TrancheFonctionnelle:
    """Affect more AE to an existing TF."""
    tf = obtenir(depot, m.TrancheFonctionnelle, numero, "Tranche fonctionnelle")
    regles.controler_exercice_ouvert(ctx, tf.exercice, f"La tranche fonctionnelle {numero}")
    regles.montant_positif(ae, "Le montant affecté")
    env = depot.enveloppe(ctx.exercice, "uo", tf.uo, tf.titre)
    regles.credits_suffisants(ae, env.ae_disponibles, "AE", designation("uo", tf.uo))
    tf.ae_affectees += ae
    env.ae_affectes += ae
    _journal(depot, ctx, "Affectation", numero, f"{format_montant(ae)} affectés")
    return tf


def retirer_affectation(depot: Depot, ctx: Contexte, numero: str, ae: Centimes) -> m.TrancheFonctionnelle:
    """Give back AE affected but not engaged (AENE) to the UO."""
    tf = obtenir(depot, m.TrancheFonctionnelle, numero, "Tranche fonctionnelle")
    regles.controler_exercice_ouvert(ctx, tf.exercice, f"La tranche fonctionnelle {numero}")
    regles.montant_positif(ae, "Le montant retiré")
    regles.credits_suffisants(ae, tf.aene, "AE affectées non engagées", designation("tf", numero))
    env = depot.enveloppe(ctx.exercice, "uo", tf.uo, tf.titre)
    tf.ae_affectees -= ae
    env.ae_affectes -= ae
    _journal(depot, ctx, "Retrait d'affectation", numero, f"{format_montant(ae)} désaffectés")
    return tf


# --- Engagement juridique ------------------------------------------------------------------
@dataclass(frozen=True)
class PosteDemande:
    montant: Centimes
    domaine_fonctionnel: str
    activite: str


def engager(
    depot: Depot,
    ctx: Contexte,
    uo: str,
    titre: str,
    fournisseur: str,
    objet: str,
    postes: Sequence[PosteDemande],
    tranche: str | None = None,
    marche: str | None = None,
) -> m.EngagementJuridique:
    """Create an EJ (movement 100 per poste), consuming AE of the UO or of its TF; with ``marche``,
    a bon de commande of that marché or accord-cadre (its dates, UO, titulaire and maximum)."""
    titre = verifier_titre(titre)
    obtenir(depot, m.UniteOperationnelle, uo, "UO")
    obtenir(depot, m.Fournisseur, fournisseur, "Fournisseur")
    if not postes:
        raise DonneeInvalide("Un engagement juridique comporte au moins un poste")
    for rang, poste in enumerate(postes, start=1):
        _verifier_poste(depot, uo, rang, poste)
    total = sum(p.montant for p in postes)
    regles.montant_positif(total, "Le montant de l'engagement")
    contrat = _marche_du_bon_de_commande(depot, ctx, marche, uo, fournisseur, total)
    tf = _tranche_de_l_engagement(depot, ctx, tranche, uo, titre)
    env = depot.enveloppe(ctx.exercice, "uo", uo, titre)
    disponible, ou = (tf.aene, designation("tf", tf.numero)) if tf else (env.ae_disponibles, designation("uo", uo))
    regles.controler_engagement(ctx, total, disponible, ou)
    numero = str(depot.prochain_numero("ej", NUMEROTATION["ej"]))
    ej = m.EngagementJuridique(
        numero, ctx.exercice, ctx.exercice, uo, titre, fournisseur, objet.strip(), ctx.date_du_jour,
        tf.numero if tf else None, marche=contrat.numero if contrat else None,
    )
    for rang, poste in enumerate(postes, start=1):
        ej.postes.append(m.PosteEj(rang, poste.montant, poste.domaine_fonctionnel, poste.activite))
        ej.mouvements.append(m.MouvementEj("100", rang, ctx.exercice, ctx.date_du_jour, poste.montant))
    _consommer_ae(env, tf, total)
    _consommer_marche(contrat, total)
    depot.ajouter(ej)
    detail = f" (bon de commande de {regles.designation_marche(contrat)})" if contrat else ""
    _journal(depot, ctx, "Engagement juridique", numero, f"{format_montant(total)} sur {uo}{detail}")
    return ej


def _marche_du_bon_de_commande(depot: Depot, ctx: Contexte, numero: str | None, uo: str, fournisseur: str,
                               montant: Centimes) -> m.Marche | None:
    """The marché an EJ is a bon de commande of, once every rule of the marché let it through."""
    if not numero:
        return None
    marche = obtenir(depot, m.Marche, numero.strip(), "Marché")
    regles.controler_periode_marche(ctx, marche)
    regles.controler_rattachement_marche(marche, uo, fournisseur)
    regles.controler_maximum_marche(ctx, marche, montant)
    return marche


def _consommer_marche(marche: m.Marche | None, montant: Centimes) -> None:
    if marche is not None:
        marche.montant_engage += montant


_LIBELLES_IMPUTATION = {"domaine_fonctionnel": "domaine fonctionnel", "activite": "activité"}


def _verifier_poste(depot: Depot, uo: str, rang: int, poste: PosteDemande) -> None:
    regles.montant_positif(poste.montant, f"Le montant du poste {rang}")
    programme = programme_du_code(uo)
    for nature, classe, code in (
        ("domaine_fonctionnel", m.DomaineFonctionnel, poste.domaine_fonctionnel),
        ("activite", m.Activite, poste.activite),
    ):
        verifier_code(nature, code)
        libelle = _LIBELLES_IMPUTATION[nature]
        obtenir(depot, classe, code, libelle.capitalize())
        if programme_du_code(code) != programme:
            raise RegleDeGestion(f"Poste {rang} : {libelle} {code} hors du programme {programme} de l'UO {uo}")


def _tranche_de_l_engagement(
    depot: Depot, ctx: Contexte, numero: str | None, uo: str, titre: str
) -> m.TrancheFonctionnelle | None:
    if not numero:
        return None
    tf = obtenir(depot, m.TrancheFonctionnelle, numero, "Tranche fonctionnelle")
    if tf.uo != uo or tf.titre != titre:
        raise RegleDeGestion(
            f"La tranche fonctionnelle {numero} est ouverte sur l'UO {tf.uo} en titre {tf.titre}, "
            f"pas sur l'UO {uo} en titre {titre}"
        )
    regles.controler_exercice_ouvert(ctx, tf.exercice, f"La tranche fonctionnelle {numero}")
    return tf


def _consommer_ae(env: m.Enveloppe, tf: m.TrancheFonctionnelle | None, montant: Centimes) -> None:
    env.ae_engages += montant
    if tf is not None:
        tf.ae_engagees += montant
    else:
        env.ae_engages_hors_tf += montant


def _ej_et_poste(depot: Depot, numero: str, poste: int) -> tuple[m.EngagementJuridique, m.PosteEj]:
    ej = obtenir(depot, m.EngagementJuridique, numero, "Engagement juridique")
    trouve = ej.poste(poste)
    if trouve is None:
        raise ObjetInconnu(f"Poste {poste} inconnu sur l'EJ {numero}")
    return ej, trouve


def augmenter_engagement(
    depot: Depot, ctx: Contexte, numero: str, poste: int, montant: Centimes
) -> m.EngagementJuridique:
    """Movement 150: more AE consumed on the EJ's TF, or on its UO."""
    ej, p = _ej_et_poste(depot, numero, poste)
    regles.controler_exercice_ouvert(ctx, ej.exercice_courant, f"L'EJ {numero}")
    regles.montant_positif(montant, "Le montant de l'augmentation")
    if ej.statut == "Soldé":
        raise RegleDeGestion(f"L'EJ {numero} est soldé : il ne peut plus être augmenté")
    tf = depot.trouver(m.TrancheFonctionnelle, ej.tranche) if ej.tranche else None
    if tf is not None and tf.exercice != ctx.exercice:
        tf = None
    env = depot.enveloppe(ctx.exercice, "uo", ej.uo, ej.titre)
    disponible, ou = (tf.aene, designation("tf", tf.numero)) if tf else (env.ae_disponibles, designation("uo", ej.uo))
    contrat = depot.trouver(m.Marche, ej.marche) if ej.marche else None
    if contrat is not None:
        regles.controler_maximum_marche(ctx, contrat, montant)
    regles.controler_engagement(ctx, montant, disponible, ou)
    p.montant += montant
    ej.mouvements.append(m.MouvementEj("150", poste, ctx.exercice, ctx.date_du_jour, montant))
    _consommer_ae(env, tf, montant)
    _consommer_marche(contrat, montant)
    _journal(depot, ctx, "Augmentation d'EJ", numero, f"poste {poste} : +{format_montant(montant)}")
    return ej


def reduire_engagement(
    depot: Depot, ctx: Contexte, numero: str, poste: int, montant: Centimes
) -> m.EngagementJuridique:
    """Movement 200: frees AE only for an EJ of the current exercice."""
    ej, p = _ej_et_poste(depot, numero, poste)
    regles.controler_exercice_ouvert(ctx, ej.exercice_courant, f"L'EJ {numero}")
    regles.montant_positif(montant, "Le montant de la réduction")
    regles.controler_reduction(p, montant, numero)
    liberees = regles.ae_liberees_par_reduction(ctx, ej, montant)
    p.montant -= montant
    ej.mouvements.append(m.MouvementEj("200", poste, ctx.exercice, ctx.date_du_jour, -montant))
    _consommer_marche(depot.trouver(m.Marche, ej.marche) if ej.marche else None, -montant)  # room again under its maximum
    if liberees:
        env = depot.enveloppe(ctx.exercice, "uo", ej.uo, ej.titre)
        tf = depot.trouver(m.TrancheFonctionnelle, ej.tranche) if ej.tranche else None
        _consommer_ae(env, tf if tf is not None and tf.exercice == ctx.exercice else None, -liberees)
    detail = f"poste {poste} : -{format_montant(montant)}, AE libérées {format_montant(liberees)}"
    _journal(depot, ctx, "Réduction d'EJ", numero, detail)
    return ej


def retirer_engagement(depot: Depot, ctx: Contexte, numero: str) -> m.EngagementJuridique:
    """Reduce every poste to what was received: the rest of the EJ is withdrawn."""
    ej = obtenir(depot, m.EngagementJuridique, numero, "Engagement juridique")
    reductions = [(p.numero, p.montant - max(p.montant_receptionne, p.montant_paye)) for p in ej.postes]
    if not any(r for _, r in reductions):
        raise RegleDeGestion(f"L'EJ {numero} n'a plus de montant à retirer")
    for poste, reduction in reductions:
        if reduction:
            reduire_engagement(depot, ctx, numero, poste, reduction)
    return ej


# --- Service fait, demande de paiement, paiement --------------------------------------------
def constater_service_fait(
    depot: Depot, ctx: Contexte, numero: str, poste: int, montant: Centimes
) -> m.ServiceFait:
    """Movement 101: certify that the work was done, up to the poste's amount."""
    ej, p = _ej_et_poste(depot, numero, poste)
    regles.controler_exercice_ouvert(ctx, ej.exercice_courant, f"L'EJ {numero}")
    regles.montant_positif(montant, "Le montant du service fait")
    regles.controler_service_fait(p, montant, numero)
    sf = m.ServiceFait(str(depot.prochain_numero("sf", NUMEROTATION["sf"])), numero, poste, montant, ctx.date_du_jour)
    p.montant_receptionne += montant
    depot.ajouter(sf)
    _journal(depot, ctx, "Service fait", numero, f"SF {sf.numero} : {format_montant(montant)}")
    return sf


def creer_demande_paiement(
    depot: Depot, ctx: Contexte, numero: str, poste: int, montant: Centimes
) -> m.DemandePaiement:
    """A DP (9-digit number) for certified service not yet asked for."""
    ej, p = _ej_et_poste(depot, numero, poste)
    regles.controler_exercice_ouvert(ctx, ej.exercice_courant, f"L'EJ {numero}")
    regles.montant_positif(montant, "Le montant de la demande de paiement")
    regles.controler_demande_paiement(ctx, p, montant, numero)
    dp = m.DemandePaiement(str(depot.prochain_numero("dp", NUMEROTATION["dp"])), numero, poste, montant, ctx.date_du_jour)
    p.montant_demande += montant
    depot.ajouter(dp)
    _journal(depot, ctx, "Demande de paiement", numero, f"DP {dp.numero} : {format_montant(montant)}")
    return dp


def payer(depot: Depot, ctx: Contexte, numero_dp: str) -> m.DemandePaiement:
    """Pay a DP: consumes CP of the current exercice on the EJ's UO and titre."""
    dp = obtenir(depot, m.DemandePaiement, numero_dp, "Demande de paiement")
    if dp.statut != "À payer":
        raise RegleDeGestion(f"La demande de paiement {numero_dp} est déjà payée")
    ej, p = _ej_et_poste(depot, dp.engagement, dp.poste)
    env = depot.enveloppe(ctx.exercice, "uo", ej.uo, ej.titre)
    regles.controler_paiement(ctx, dp.montant, env.cp_disponibles, designation("uo", ej.uo))
    env.cp_consommes += dp.montant
    p.montant_paye += dp.montant
    dp.statut = "Payée"
    dp.date_paiement = ctx.date_du_jour
    dp.exercice_paiement = ctx.exercice
    _journal(depot, ctx, "Paiement", numero_dp, f"{format_montant(dp.montant)} sur l'EJ {ej.numero}")
    return dp


# --- Situation budgétaire ------------------------------------------------------------------
def situation(depot: Depot, exercice: int, niveau: str, code: str,
              defauts: frozenset[str] = frozenset()) -> m.Situation:
    """AE and CP ouverts, réservés, mis à disposition, affectés, engagés, consommés, disponibles
    (``defauts``: the sandbox's catalogued defects, one of which bends the available figures)."""
    libelle = _libelle_niveau(depot, niveau, code)
    propres = {e.titre: e for e in depot.enveloppes(exercice, niveau) if e.code == code}
    consommation = _consommation_des_uo(depot, exercice, niveau, code)
    titres = sorted(set(propres) | set(consommation))
    lignes = [_ligne(t, propres.get(t), consommation.get(t, (0, 0, 0)), defauts) for t in titres]
    total = m.LigneSituation("Total", *(sum(getattr(lg, f) for lg in lignes) for f in _CHAMPS_SITUATION))
    return m.Situation(exercice, niveau, code, libelle, (*lignes, total))


_CHAMPS_SITUATION = [f for f in m.LigneSituation.__dataclass_fields__ if f != "titre"]


def _libelle_niveau(depot: Depot, niveau: str, code: str) -> str:
    classes = {"programme": m.Programme, "bop": m.Bop, "uo": m.UniteOperationnelle}
    if niveau not in classes:
        raise DonneeInvalide(f"Niveau inconnu : {niveau} (attendu programme, bop ou uo)")
    return obtenir(depot, classes[niveau], code, niveau.upper() if niveau != "programme" else "Programme").libelle


def _consommation_des_uo(depot: Depot, exercice: int, niveau: str, code: str) -> dict[str, tuple[int, int, int]]:
    """Σ affectés, engagés, consommés of the UOs below (or equal to) the level."""
    prefixe = {"programme": f"BG00/{code}-", "bop": f"BG00/{code}-", "uo": code}[niveau]
    cumul: dict[str, tuple[int, int, int]] = {}
    for env in depot.enveloppes(exercice, "uo"):
        if env.code == prefixe or (niveau != "uo" and env.code.startswith(prefixe)):
            a, e, c = cumul.get(env.titre, (0, 0, 0))
            cumul[env.titre] = (a + env.ae_affectes, e + env.ae_engages, c + env.cp_consommes)
    return cumul


def _ligne(titre: str, env: m.Enveloppe | None, consommation: tuple[int, int, int],
           defauts: frozenset[str]) -> m.LigneSituation:
    env = env or m.Enveloppe(0, "", "", titre)
    affectes, engages, consommes = consommation
    ae_disponibles, cp_disponibles = regles.disponibles_affiches(defauts, env)
    return m.LigneSituation(
        titre, env.ae_ouverts, env.ae_reserves, env.ae_mis_a_disposition, affectes, engages,
        ae_disponibles, env.cp_ouverts, env.cp_reserves, env.cp_mis_a_disposition, consommes,
        cp_disponibles,
    )
