"""Habilitations in the domain, in memory: the matrix, périmètres, the filtered depot, the
authorisation of every protected operation, paramétrage, authentication and lock-out, audit,
and the users of a dataset (errors with file, line and field)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from chorus_sandbox import jeux
from chorus_sandbox.domaine import habilitations as h
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine import regulation as reg
from chorus_sandbox.domaine import reports as rep
from chorus_sandbox.domaine import utilisateurs as u
from chorus_sandbox.domaine.depot import DepotMemoire
from chorus_sandbox.domaine.erreurs import AccesRefuse, DonneeInvalide, ObjetInconnu, RegleDeGestion
from chorus_sandbox.domaine.regles import Contexte
from chorus_sandbox.jeux import ErreurJeu
from chorus_sandbox.service import Bac

DR75, DR69, ASPR = "BG00/0150-CSUP-DR75", "BG00/0150-CSUP-DR69", "BG00/0217-SGAC-ASPR"
EJ_DR75, TF_DR75, DP_DR75 = "2103000001", "TF0150000001", "100000001"
MAINTENANT = dt.datetime(2026, 6, 15, 10, 30)


def habilitation(*roles: tuple[str, str]) -> h.Habilitation:
    return h.Habilitation("essai", "Essai", tuple(roles))


def verifier(empreinte: str, mot_de_passe: str) -> bool:
    """A stand-in KDF for the rules: the empreinte is ``h:`` + the password."""
    return empreinte == f"h:{mot_de_passe}"


def autoriser(depot: DepotMemoire, hab: h.Habilitation, operation: object, *args: object) -> None:
    h.autoriser(depot, hab, operation, args, {})  # type: ignore[arg-type]


# --- Matrix and périmètres -----------------------------------------------------------------------
def test_la_matrice_est_celle_documentee() -> None:
    execution = {"consulter", "engager", "certifier", "demander_paiement", "payer"}
    assert {r: set(ops) for r, ops in h.MATRICE.items()} == {
        "administrateur": {"consulter", "parametrer_utilisateurs", "administrer_bac", "integrer_loi", "reguler",
                           "cloturer_exercice", "fixer_plafond_report", "arreter_report", "integrer_report",
                           "deposer_flux_paye", "annuler_flux_paye", "operation_non_declaree"},
        "RPROG": {"consulter", "mettre_a_disposition", "demander_report", "deposer_flux_paye"},
        "RBOP": {"consulter", "mettre_a_disposition", "deposer_flux_paye"},
        "RUO": {"affecter", *execution},
        "gestionnaire": execution,
        "controleur": {"consulter", "emettre_avis"},
        "lecteur": {"consulter"},
    }
    assert set(h.ROLES) == set(h.MATRICE) and all(ops <= set(h.OPERATIONS) for ops in h.MATRICE.values())


@pytest.mark.parametrize(("perimetre", "code", "couvert"), [
    ("0150", "0150", True), ("0150", "0150-CSUP", True), ("0150", DR75, True),
    ("0150-CSUP", DR75, True), ("0150-CSUP", "0150", False), (DR75, DR75, True), (DR75, "0150-CSUP", False),
    (DR75, DR69, False), ("0150", "0172", False), ("0150", "BG00/0172-DGRI-CENT", False),
    ("0217-SGAC", "BG00/0217-DREA-DR69", False), ("national", DR75, True), ("national", "0103", True),
    ("national", "n'importe quoi", False), ("0150", "national", False),
])
def test_un_perimetre_couvre_ce_qui_est_sous_lui(perimetre: str, code: str, couvert: bool) -> None:
    assert h.couvre(perimetre, code) is couvert


def test_roles_et_perimetres_saisis_sont_normalises_ou_refuses_en_francais() -> None:
    assert [h.lire_role(x) for x in ("ruo", " RPROG ", "contrôleur budgétaire", "CBCM")] == \
        ["RUO", "RPROG", "controleur", "controleur"]
    assert h.lire_perimetre(" bg00/0150-csup-dr75 ") == DR75 and h.lire_perimetre("National") == "national"
    with pytest.raises(DonneeInvalide) as refus:
        h.lire_role("RUOO")
    assert refus.value.message == ("Rôle inconnu : « RUOO » (rôles : administrateur, RPROG, RBOP, RUO, gestionnaire, "
                                   "controleur, lecteur)")
    with pytest.raises(DonneeInvalide) as refus:
        h.lire_perimetre("150")
    assert refus.value.message == ("Périmètre invalide : « 150 » (national, un programme 0150, un BOP 0150-CSUP ou "
                                   "un centre financier BG00/0150-CSUP-DR75)")


def test_exiger_nomme_l_operation_et_l_objet_refuses() -> None:
    ruo = habilitation(("RUO", DR75))
    ruo.exiger("engager", [(DR75, "l'UO " + DR75)])
    with pytest.raises(AccesRefuse) as refus:
        ruo.exiger("engager", [(DR69, "l'UO " + DR69)])
    assert refus.value.message == (f"Accès refusé : l'UO {DR69} est hors de votre périmètre pour engager, augmenter, "
                                   "réduire ou retirer un engagement juridique")
    assert refus.value.statut_http == 403
    with pytest.raises(AccesRefuse) as refus:
        ruo.exiger("mettre_a_disposition")
    assert refus.value.message == "Accès refusé : aucun de vos rôles ne permet de mettre des crédits à disposition"
    with pytest.raises(AccesRefuse) as refus:
        habilitation(("lecteur", "0150")).exiger("affecter")
    assert refus.value.message == "Accès refusé : aucun de vos rôles ne permet d'affecter des AE à une tranche fonctionnelle"


def test_un_role_ne_donne_ses_operations_que_sur_son_perimetre() -> None:
    mixte = habilitation(("RUO", DR75), ("lecteur", "0217"))
    assert mixte.autorise("engager", DR75) and not mixte.autorise("engager", ASPR)
    assert mixte.voit(ASPR) and mixte.voit(DR75) and not mixte.voit(DR69)
    assert mixte.perimetres("consulter") == ("0217", DR75) and mixte.perimetres("engager") == (DR75,)


# --- The filtered depot ---------------------------------------------------------------------------
def test_le_depot_filtre_liste_et_refuse_hors_perimetre(depot_mini: DepotMemoire) -> None:
    vue = h.DepotPerimetre(depot_mini, habilitation(("RUO", DR69)))
    assert vue.lister(m.EngagementJuridique) == [] and vue.lister(m.TrancheFonctionnelle) == []
    assert vue.lister(m.DemandePaiement) == [] and vue.lister(m.ServiceFait) == []
    assert [x.code for x in vue.lister(m.UniteOperationnelle)] == [DR69]
    assert vue.lister(m.Programme) == [] and vue.enveloppes(2026, "uo") == []
    assert len(vue.lister(m.Fournisseur)) == len(depot_mini.lister(m.Fournisseur))  # nomenclature: not filtered
    with pytest.raises(AccesRefuse) as refus:
        vue.trouver(m.EngagementJuridique, EJ_DR75)
    assert refus.value.message == f"Accès refusé : l'engagement juridique {EJ_DR75} est hors de votre périmètre"
    with pytest.raises(AccesRefuse):
        vue.enveloppe(2026, "uo", DR75, "3")
    assert vue.trouver(m.EngagementJuridique, "2103999999") is None  # unknown stays unknown (404 upstream)


def test_le_journal_est_filtre_par_l_objet_de_chaque_ligne(depot_mini: DepotMemoire) -> None:
    tout = depot_mini.lister(m.Evenement)
    dr75 = h.DepotPerimetre(depot_mini, habilitation(("lecteur", DR75))).lister(m.Evenement)
    aspr = h.DepotPerimetre(depot_mini, habilitation(("lecteur", ASPR))).lister(m.Evenement)
    lois = [e for e in tout if e.operation.startswith("Intégration loi")]
    assert lois and all(e in aspr for e in lois)  # a loi de finances is public
    assert {e.objet for e in aspr} == {e.objet for e in lois}
    assert {e.objet for e in dr75} >= {EJ_DR75, TF_DR75, DP_DR75} and len(dr75) < len(tout)
    assert "0150" not in {e.objet for e in dr75}  # MAD from the programme: outside an UO's périmètre


def test_une_ligne_du_journal_sur_un_exercice_est_vue_de_tous(depot_mini: DepotMemoire) -> None:
    """« 2026 » has the shape of a programme code: the closing and the caps of an exercice are not
    hidden from the users of a périmètre for that."""
    rep.fixer_plafond_report(depot_mini, Contexte(2026, dt.date(2026, 6, 15)), 2026, Decimal(4))
    ligne = depot_mini.lister(m.Evenement)[-1]
    assert (ligne.operation, ligne.objet) == ("Plafond de report", "2026")
    for role in (("lecteur", DR75), ("RPROG", "0217"), ("RBOP", "0150-CSUP")):
        assert ligne in h.DepotPerimetre(depot_mini, habilitation(role)).lister(m.Evenement)


def test_la_situation_d_un_programme_hors_perimetre_est_refusee(depot_mini: DepotMemoire) -> None:
    vue = h.DepotPerimetre(depot_mini, habilitation(("RBOP", "0150-CSUP")))
    assert op.situation(vue, 2026, "bop", "0150-CSUP").total.ae_ouverts == 150_000_000  # type: ignore[arg-type]
    with pytest.raises(AccesRefuse):
        op.situation(vue, 2026, "programme", "0150")  # type: ignore[arg-type]


# --- Authorisation of the write operations -------------------------------------------------------
def test_chaque_operation_protegee_verifie_son_objet(depot_mini: DepotMemoire) -> None:
    ruo = habilitation(("RUO", DR75))
    for operation, args in ((op.creer_tranche_fonctionnelle, (DR75, "5", "x", 1)), (op.affecter, (TF_DR75, 1)),
                            (op.engager, (DR75, "3", "1000012345", "", [])),
                            (op.augmenter_engagement, (EJ_DR75, 1, 1)), (op.constater_service_fait, (EJ_DR75, 1, 1)),
                            (op.creer_demande_paiement, (EJ_DR75, 1, 1)), (op.payer, (DP_DR75,))):
        autoriser(depot_mini, ruo, operation, *args)
        with pytest.raises(AccesRefuse, match="hors de votre périmètre"):
            autoriser(depot_mini, habilitation(("RUO", DR69)), operation, *args)
    with pytest.raises(AccesRefuse, match="aucun de vos rôles ne permet d'affecter"):
        autoriser(depot_mini, habilitation(("gestionnaire", DR75)), op.affecter, TF_DR75, 1)


def test_mise_a_disposition_depuis_la_source_et_regulation_sur_les_deux_programmes(depot_mini: DepotMemoire) -> None:
    rbop = habilitation(("RBOP", "0150-CSUP"))
    autoriser(depot_mini, rbop, op.mettre_a_disposition, "0150-CSUP", DR69, "3", 1, 1)
    with pytest.raises(AccesRefuse) as refus:
        autoriser(depot_mini, rbop, op.mettre_a_disposition, "0150", "0150-CSUP", "3", 1, 1)
    assert refus.value.message == ("Accès refusé : le programme 0150 est hors de votre périmètre pour mettre des "
                                   "crédits à disposition")
    admin_0150 = habilitation(("administrateur", "0150"))
    autoriser(depot_mini, admin_0150, reg.degeler, "0150", "3", 1, 1)
    with pytest.raises(AccesRefuse, match="le programme 0217 est hors"):
        autoriser(depot_mini, admin_0150, reg.virer, "0150", "0217", "3", 1, 1)
    autoriser(depot_mini, habilitation(("administrateur", "national")), reg.virer, "0150", "0217", "3", 1, 1)


def test_un_code_inconnu_est_laisse_a_l_operation(depot_mini: DepotMemoire) -> None:
    """Authorisation checks the role; an unknown or malformed code is refused by the rule itself."""
    ruo = habilitation(("RUO", DR75))
    autoriser(depot_mini, ruo, op.engager, "BG00/0999-XXXX-XXXX", "3", "1000012345", "", [])
    autoriser(depot_mini, ruo, op.augmenter_engagement, "2103999999", 1, 1)
    with pytest.raises(AccesRefuse):
        autoriser(depot_mini, habilitation(("lecteur", DR75)), op.augmenter_engagement, "2103999999", 1, 1)


def test_une_operation_non_declaree_est_reservee_a_l_administrateur(depot_mini: DepotMemoire) -> None:
    def nouvelle_operation(depot: object, ctx: object, programme: str) -> None:
        """An operation another engineer adds without declaring it in the matrix."""

    autoriser(depot_mini, habilitation(("administrateur", "national")), nouvelle_operation, "0150")
    with pytest.raises(AccesRefuse) as refus:
        autoriser(depot_mini, habilitation(("RPROG", "national")), nouvelle_operation, "0150")
    assert refus.value.message == ("Accès refusé : aucun de vos rôles ne permet d'exécuter une opération non déclarée "
                                   "dans la matrice des habilitations")
    with pytest.raises(AccesRefuse) as refus:
        autoriser(depot_mini, habilitation(("administrateur", "0217")), nouvelle_operation, "0217")
    assert refus.value.message == ("Accès refusé : le périmètre national est hors de votre périmètre pour exécuter une "
                                   "opération non déclarée dans la matrice des habilitations")


def test_une_entite_non_declaree_est_filtree_par_ses_attributs(depot_mini: DepotMemoire) -> None:
    """A class another module adds (here a demande de report) is filtered by its ``programme``."""
    from dataclasses import dataclass

    @dataclass
    class Demande:
        numero: str
        programme: str

    @dataclass
    class Note:
        texte: str

    class Depot(DepotMemoire):
        def lister(self, classe: type) -> list:  # type: ignore[override]
            return {Demande: [Demande("DR1", "0150"), Demande("DR2", "0217")], Note: [Note("0150")]}.get(
                classe, super().lister(classe))

    vue = h.DepotPerimetre(Depot(), habilitation(("lecteur", "0217")))
    assert [d.numero for d in vue.lister(Demande)] == ["DR2"]
    assert len(vue.lister(Note)) == 1  # no code attribute: no périmètre


def test_le_decorateur_refuse_une_operation_hors_matrice() -> None:
    with pytest.raises(ValueError, match="opération inconnue"):
        h.protegee("tout_faire")


# --- Paramétrage -----------------------------------------------------------------------------------
def test_creer_attribuer_retirer_suspendre_et_leur_audit(depot_mini: DepotMemoire, ctx: Contexte) -> None:
    cree = u.creer_utilisateur(depot_mini, ctx, "camille.martin", " Camille Martin ", "h:x", "admin.0217")
    assert (cree.nom, cree.actif, cree.roles) == ("Camille Martin", True, [])
    u.attribuer_role(depot_mini, ctx, "camille.martin", "ruo", "bg00/0150-csup-dr69", "admin.0217")
    u.attribuer_role(depot_mini, ctx, "camille.martin", "lecteur", "national", "admin.0217")
    assert h.Habilitation.de(cree).roles == (("RUO", DR69), ("lecteur", "national"))
    u.retirer_role(depot_mini, ctx, "camille.martin", "lecteur", "NATIONAL", "admin.0217")
    u.suspendre_utilisateur(depot_mini, ctx, "camille.martin", "admin.0217")
    u.reactiver_utilisateur(depot_mini, ctx, "camille.martin", "admin.0217")
    lignes = [(e.auteur, e.action, e.utilisateur, e.role, e.perimetre, e.detail) for e in u.journal_audit(depot_mini)]
    assert lignes == [
        ("admin.0217", "Création de l'utilisateur", "camille.martin", "", "", "Camille Martin"),
        ("admin.0217", "Attribution du rôle", "camille.martin", "RUO", DR69, "Responsable d'unité opérationnelle"),
        ("admin.0217", "Attribution du rôle", "camille.martin", "lecteur", "national", "Lecteur"),
        ("admin.0217", "Retrait du rôle", "camille.martin", "lecteur", "national", "Lecteur"),
        ("admin.0217", "Suspension de l'utilisateur", "camille.martin", "", "", ""),
        ("admin.0217", "Réactivation de l'utilisateur", "camille.martin", "", "", ""),
    ]
    assert all(e.horodatage.date() == ctx.date_du_jour for e in u.journal_audit(depot_mini))


@pytest.mark.parametrize(("faire", "erreur", "message"), [
    (lambda d, c: u.creer_utilisateur(d, c, "ruo.dr75", "x", "", "a"), RegleDeGestion, "L'utilisateur ruo.dr75 existe déjà"),
    (lambda d, c: u.creer_utilisateur(d, c, "Camille Martin", "x", "", "a"), DonneeInvalide,
     ("Identifiant invalide : « Camille Martin » (3 à 40 caractères : minuscules, chiffres, point, tiret, souligné ; "
     "ex. camille.martin)")),
    (lambda d, c: u.creer_utilisateur(d, c, "camille.martin", "  ", "", "a"), DonneeInvalide, "Nom : champ obligatoire"),
    (lambda d, c: u.suspendre_utilisateur(d, c, "suspendu.dr75", "a"), RegleDeGestion,
     "L'utilisateur suspendu.dr75 est déjà suspendu"),
    (lambda d, c: u.suspendre_utilisateur(d, c, "admin.0217", "admin.0217"), RegleDeGestion,
     "Vous ne pouvez pas suspendre votre propre compte"),
    (lambda d, c: u.reactiver_utilisateur(d, c, "ruo.dr75", "a"), RegleDeGestion, "L'utilisateur ruo.dr75 est déjà actif"),
    (lambda d, c: u.attribuer_role(d, c, "ruo.dr75", "RUO", DR75, "a"), RegleDeGestion,
     f"L'utilisateur ruo.dr75 a déjà le rôle RUO sur {DR75}"),
    (lambda d, c: u.attribuer_role(d, c, "ruo.dr75", "RUO", "BG00/0150-CSUP-DR99", "a"), ObjetInconnu,
     "Périmètre inconnu du référentiel : BG00/0150-CSUP-DR99"),
    (lambda d, c: u.retirer_role(d, c, "ruo.dr75", "RUO", DR69, "a"), RegleDeGestion,
     f"L'utilisateur ruo.dr75 n'a pas le rôle RUO sur {DR69}"),
    (lambda d, c: u.retirer_role(d, c, "personne", "RUO", DR69, "a"), ObjetInconnu, "Utilisateur inconnu : personne"),
])
def test_les_refus_du_parametrage_sont_francais_et_ne_changent_rien(depot_mini: DepotMemoire, ctx: Contexte, faire,
                                                                     erreur: type, message: str, instantane) -> None:
    avant = instantane(depot_mini), sorted((x.identifiant, x.actif, len(x.roles)) for x in u.utilisateurs(depot_mini))
    with pytest.raises(erreur) as refus:
        faire(depot_mini, ctx)
    assert refus.value.message == message
    assert (instantane(depot_mini), sorted((x.identifiant, x.actif, len(x.roles)) for x in u.utilisateurs(depot_mini))) == avant
    assert u.journal_audit(depot_mini) == []


# --- Authentication and lock-out ---------------------------------------------------------------------
@pytest.fixture
def depot_connexion(depot_mini: DepotMemoire) -> DepotMemoire:
    for utilisateur in depot_mini.lister(m.Utilisateur):
        utilisateur.empreinte = "h:secret-de-test"
    return depot_mini


def connexion(depot: DepotMemoire, ctx: Contexte, identifiant: str, mot_de_passe: str,
              moment: dt.datetime = MAINTENANT) -> u.ResultatConnexion:
    return u.authentifier(depot, ctx, identifiant, mot_de_passe, moment, verifier)


def test_une_connexion_reussie_remet_les_echecs_a_zero(depot_connexion: DepotMemoire, ctx: Contexte) -> None:
    for _ in range(4):
        assert connexion(depot_connexion, ctx, "ruo.dr75", "faux").refus == "Identifiant ou mot de passe incorrect"
    resultat = connexion(depot_connexion, ctx, "ruo.dr75", "secret-de-test")
    assert resultat.refus is None and resultat.utilisateur is not None
    assert (resultat.utilisateur.echecs, resultat.utilisateur.derniere_connexion) == (0, MAINTENANT)


def test_cinq_echecs_verrouillent_un_quart_d_heure(depot_connexion: DepotMemoire, ctx: Contexte) -> None:
    for _ in range(4):
        connexion(depot_connexion, ctx, "ruo.dr75", "faux")
    assert connexion(depot_connexion, ctx, "ruo.dr75", "faux").refus == (
        "Identifiant ou mot de passe incorrect : compte verrouillé jusqu'au 15/06/2026 à 10:45")
    apres = MAINTENANT + dt.timedelta(minutes=14, seconds=59)
    assert connexion(depot_connexion, ctx, "ruo.dr75", "secret-de-test", apres).refus == (
        "Compte verrouillé jusqu'au 15/06/2026 à 10:45 après 5 échecs de connexion")
    fin = MAINTENANT + dt.timedelta(minutes=15)
    assert connexion(depot_connexion, ctx, "ruo.dr75", "secret-de-test", fin).refus is None
    audit = u.journal_audit(depot_connexion)
    assert [(e.auteur, e.action, e.utilisateur) for e in audit] == [("système", "Verrouillage du compte", "ruo.dr75")]


def test_inconnu_suspendu_et_sans_empreinte(depot_connexion: DepotMemoire, depot_mini: DepotMemoire,
                                            ctx: Contexte) -> None:
    assert connexion(depot_connexion, ctx, "personne", "secret-de-test").refus == "Identifiant ou mot de passe incorrect"
    assert connexion(depot_connexion, ctx, "suspendu.dr75", "faux").refus == "Identifiant ou mot de passe incorrect"
    assert connexion(depot_connexion, ctx, "suspendu.dr75", "secret-de-test").refus == "Compte suspendu : connexion refusée"
    depot_connexion.trouver(m.Utilisateur, "lecteur.0217").empreinte = ""  # type: ignore[union-attr]
    assert connexion(depot_connexion, ctx, "lecteur.0217", "").refus == "Identifiant ou mot de passe incorrect"


def test_le_mot_de_passe_argon2_et_le_mot_de_passe_initial(monkeypatch: pytest.MonkeyPatch) -> None:
    from chorus_sandbox import mots_de_passe

    empreinte = mots_de_passe.hacher("Correct-Cheval-Pile-Agrafe")
    assert empreinte.startswith("$argon2id$") and "Correct" not in empreinte
    assert mots_de_passe.verifier(empreinte, "Correct-Cheval-Pile-Agrafe")
    assert not mots_de_passe.verifier(empreinte, "correct-cheval-pile-agrafe")
    assert not mots_de_passe.verifier("", "") and not mots_de_passe.verifier("pas-une-empreinte", "x")
    monkeypatch.setenv(mots_de_passe.VARIABLE, "Valeur-De-La-Variable")
    assert mots_de_passe.mot_de_passe_initial() == ("Valeur-De-La-Variable", False)
    assert mots_de_passe.mot_de_passe_initial("donne") == ("donne", False)
    monkeypatch.delenv(mots_de_passe.VARIABLE)
    premier, second = mots_de_passe.mot_de_passe_initial(), mots_de_passe.mot_de_passe_initial()
    assert premier[1] and second[1] and premier[0] != second[0] and len(premier[0]) == 24


# --- The sandbox service: reads filtered, writes authorised, reset restores users -------------------
def test_le_bac_filtre_les_lectures_et_autorise_les_ecritures(bac: Bac) -> None:
    jeton = h.habilitation_courante.set(habilitation(("RUO", DR69)))
    try:
        assert bac.lire(lambda d: d.lister(m.EngagementJuridique)) == []
        with pytest.raises(AccesRefuse):
            bac.executer(op.augmenter_engagement, EJ_DR75, 1, 100)
    finally:
        h.habilitation_courante.reset(jeton)
    assert len(bac.lire(lambda d: d.lister(m.EngagementJuridique))) == 3  # no habilitation: the sandbox itself


def test_la_reinitialisation_rend_les_utilisateurs_du_jeu(bac: Bac) -> None:
    bac.executer(u.suspendre_utilisateur, "ruo.dr75", "recette.nationale")
    bac.executer(u.retirer_role, "ruo.aspr", "RUO", ASPR, "recette.nationale")
    bac.reinitialiser()
    etat = bac.lire(lambda d: {x.identifiant: (x.actif, len(x.roles)) for x in d.lister(m.Utilisateur)})
    assert etat["ruo.dr75"] == (True, 1) and etat["ruo.aspr"] == (True, 1)
    assert bac.lire(u.journal_audit) == []
    assert bac.lire(lambda d: d.trouver(m.Utilisateur, "ruo.dr75")).empreinte == bac.empreinte_initiale


# --- Users of a dataset -------------------------------------------------------------------------------
def ecrire_utilisateurs(dossier: Path, texte: str) -> None:
    (dossier / "utilisateurs.yaml").write_text(texte, encoding="utf-8")


@pytest.fixture
def copie(tmp_path: Path, dossier_donnees: Path) -> Path:
    import shutil

    shutil.copytree(dossier_donnees, tmp_path / "donnees")
    return tmp_path / "donnees"


@pytest.mark.parametrize(("texte", "erreur"), [
    ("utilisateurs:\n  - {identifiant: x.y, nom: X, roles: [{role: RUOO, perimetre: \"0150\"}]}\n",
     ("ligne 2 : utilisateurs[0].roles[0].role : rôle inconnu : « RUOO » (rôles : administrateur, RPROG, RBOP, RUO, "
     "gestionnaire, controleur, lecteur)")),
    ("utilisateurs:\n  - identifiant: x.y\n    nom: X\n    roles:\n      - {role: RUO, perimetre: \"BG00/0150-CSUP-DR99\"}\n",
     "ligne 5 : utilisateurs[0].roles[0].perimetre : périmètre inconnu du référentiel : BG00/0150-CSUP-DR99"),
    ("utilisateurs:\n  - {identifiant: x.y, nom: X}\n  - {identifiant: x.y, nom: Y}\n",
     "ligne 3 : utilisateurs[1] : identifiant en double : x.y"),
    ("utilisateurs:\n  - {identifiant: X Y, nom: X}\n", "ligne 2 : utilisateurs[0].identifiant : identifiant invalide"),
    ("utilisateurs:\n  - {identifiant: x.y}\n", "ligne 2 : utilisateurs[0] : clé « nom » obligatoire"),
    ("utilisateurs:\n  - {identifiant: x.y, nom: X, mot_de_passe: secret}\n",
     "ligne 2 : utilisateurs[0] : clé inconnue « mot_de_passe » (clés possibles : actif, identifiant, nom, roles)"),
    ("utilisateurs:\n  - {identifiant: x.y, nom: X, actif: peut-etre}\n",
     "ligne 2 : utilisateurs[0].actif : true ou false attendu"),
    ("utilisateurs:\n  - {identifiant: x.y, nom: X, roles: [{role: RUO, perimetre: \"0150\"}, {role: RUO, perimetre: \"0150\"}]}\n",
     "utilisateurs[0].roles[1].perimetre : rôle RUO sur 0150 en double"),
    ("personnes: []\n", "ligne 1 : racine : clé inconnue « personnes » (clés possibles : utilisateurs)"),
    ("utilisateurs: [\n", "YAML invalide"),
])
def test_les_utilisateurs_d_un_jeu_sont_valides_avec_la_ligne_et_le_champ(copie: Path, texte: str, erreur: str) -> None:
    ecrire_utilisateurs(copie, texte)
    with pytest.raises(ErreurJeu) as refus:
        jeux.charger(DepotMemoire(), Contexte(2026, dt.date(2026, 6, 15)), jeux.lire_jeu("mini", copie))
    assert "section « utilisateurs »" in refus.value.message and "utilisateurs.yaml" in refus.value.message
    assert erreur in refus.value.message


def test_un_jeu_sans_cle_utilisateurs_prend_le_fichier_du_dossier(copie: Path) -> None:
    chemin = copie / "jeux" / "mini.yaml"
    chemin.write_text(chemin.read_text(encoding="utf-8").replace("utilisateurs: ../utilisateurs.yaml\n", ""),
                      encoding="utf-8")
    depot = DepotMemoire()
    jeux.charger(depot, Contexte(2026, dt.date(2026, 6, 15)), jeux.lire_jeu("mini", copie), "h:x")
    national = depot.trouver(m.Utilisateur, "recette.nationale")
    assert national is not None and national.empreinte == "h:x" and len(national.roles) == 4
    (copie / "utilisateurs.yaml").unlink()
    sans = DepotMemoire()
    jeux.charger(sans, Contexte(2026, dt.date(2026, 6, 15)), jeux.lire_jeu("mini", copie))
    assert sans.lister(m.Utilisateur) == []


def test_le_jeu_standard_n_a_aucun_mot_de_passe_et_un_utilisateur_national() -> None:
    fichier = Path(__file__).resolve().parents[1] / "fixtures" / "utilisateurs.yaml"
    texte = fichier.read_text(encoding="utf-8")
    assert "mot_de_passe" not in texte and "$argon2" not in texte
    depot = DepotMemoire()
    jeux.charger(depot, Contexte(2026, dt.date(2026, 11, 16)), jeux.lire_jeu("standard"), "h:x")
    national = h.Habilitation.de(depot.trouver(m.Utilisateur, "recette.nationale"))  # type: ignore[arg-type]
    for operation in ("parametrer_utilisateurs", "administrer_bac", "mettre_a_disposition", "affecter", "engager",
                      "payer", "reguler", "emettre_avis"):
        assert national.autorise(operation, "BG00/0103-DGEF-DR69"), operation


def test_le_mot_de_passe_aleatoire_est_affiche_au_demarrage_et_jamais_une_valeur_donnee() -> None:
    from types import SimpleNamespace

    from chorus_sandbox.cli import message_mot_de_passe

    aleatoire = SimpleNamespace(mot_de_passe_aleatoire=True, mot_de_passe_initial="Tire-Au-Sort-0123")
    assert message_mot_de_passe(aleatoire) == (  # type: ignore[arg-type]
        "Mot de passe des utilisateurs du jeu (aléatoire, affiché une seule fois) : Tire-Au-Sort-0123\n"
        "Pour le fixer : CHORUS_SANDBOX_MOT_DE_PASSE=… avant de démarrer. Utilisateur national : recette.nationale.")
    donne = SimpleNamespace(mot_de_passe_aleatoire=False, mot_de_passe_initial="Valeur-Donnee-0123")
    assert "Valeur-Donnee-0123" not in message_mot_de_passe(donne)  # type: ignore[arg-type]
