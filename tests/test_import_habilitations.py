"""Bulk update of the habilitations from a CSV file: validated as a whole, all or nothing, a French
report of every rejected line; fuzzed with malformed lines (hypothesis): never a partial update."""

from __future__ import annotations

import datetime as dt
import pickle
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from chorus_sandbox.domaine import import_habilitations as imp
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import utilisateurs as u
from chorus_sandbox.domaine.depot import DepotMemoire
from chorus_sandbox.domaine.erreurs import ErreurChorus
from chorus_sandbox.domaine.regles import Contexte

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "hypothesis-chorus-sandbox")
DR75, DR69, ASPR = "BG00/0150-CSUP-DR75", "BG00/0150-CSUP-DR69", "BG00/0217-SGAC-ASPR"
ENTETE = "action;identifiant;nom;role;perimetre"
CTX = Contexte(2026, dt.date(2026, 6, 15))


def etat(depot: DepotMemoire) -> dict[str, Any]:
    """Every user with their state and rôles-territoires, and the audit trail's length."""
    return {"utilisateurs": {x.identifiant: (x.nom, x.actif, sorted((r.role, r.perimetre) for r in x.roles))
                             for x in depot.lister(m.Utilisateur)},
            "audit": len(depot.lister(m.EvenementAudit))}


def importer(depot: DepotMemoire, texte: str, auteur: str = "recette.nationale", **options: Any) -> imp.RapportImport:
    return imp.importer(depot, CTX, imp.lire_fichier(texte), auteur, "h:x", **options)


def refus(depot: DepotMemoire, texte: str, **options: Any) -> list[tuple[int, str]]:
    avant = etat(depot)
    with pytest.raises(imp.ImportRefuse) as exc:
        importer(depot, texte, **options)
    assert etat(depot) == avant, "un fichier refusé ne doit rien changer"
    return [(r.ligne, r.message) for r in exc.value.rejets]


# --- Examples ------------------------------------------------------------------------------------------
def test_un_fichier_valide_est_applique_en_entier_et_audite(depot_mini: DepotMemoire) -> None:
    texte = "\n".join([
        "Action;Identifiant;Nom;Rôle;Périmètre",  # header: any case, accents
        f"créer;camille.martin;Camille Martin;RUO;{DR69}",
        "attribuer;camille.martin;;lecteur;0217",
        "",
        f"retirer;ruo.dr75;;RUO;{DR75}",
        "suspendre;lecteur.0217;;;",
        "réactiver;suspendu.dr75;;;",
    ])
    rapport = importer(depot_mini, texte + "\n")
    assert rapport.message == ("Import appliqué : 5 ligne(s) (1 création, 1 attribution, 1 retrait, 1 suspension, "
                               "1 réactivation)")
    utilisateurs = etat(depot_mini)["utilisateurs"]
    assert utilisateurs["camille.martin"] == ("Camille Martin", True, [("RUO", DR69), ("lecteur", "0217")])
    assert utilisateurs["ruo.dr75"][2] == [] and not utilisateurs["lecteur.0217"][1] and utilisateurs["suspendu.dr75"][1]
    actions = [(e.action, e.utilisateur) for e in u.journal_audit(depot_mini)]
    assert actions == [("Import en masse", ""), ("Création de l'utilisateur", "camille.martin"),
                       ("Attribution du rôle", "camille.martin"), ("Attribution du rôle", "camille.martin"),
                       ("Retrait du rôle", "ruo.dr75"), ("Suspension de l'utilisateur", "lecteur.0217"),
                       ("Réactivation de l'utilisateur", "suspendu.dr75")]


def test_chaque_ligne_rejetee_est_nommee_et_rien_n_est_applique(depot_mini: DepotMemoire) -> None:
    texte = "\n".join([
        ENTETE,
        "creer;camille.martin;Camille Martin;;",          # 2 valid alone
        "attribuer;camille.martin;;RUOO;0150",            # 3
        f"attribuer;camille.martin;;RUO;{DR75};en trop",  # 4
        "creer;ruo.dr75;Doublon;;",                       # 5
        "suspendre;recette.nationale;;;",                 # 6 the author himself
        f"suspendre;lecteur.0217;;RUO;{DR75}",            # 7
        "creer;x;;;",                                     # 8
        "creer;nouveau.venu;Nouveau;RUO;",                # 9
        "attribuer;ruo.dr75;;RUO;BG00/0150-CSUP-DR99",    # 10
        f"retirer;gestionnaire.dr75;;RUO;{DR75}",         # 11
        "reactiver;ruo.dr75;;;",                          # 12
        "suspendre;suspendu.dr75;;;",                     # 13
    ])
    assert refus(depot_mini, texte) == [
        (3, "rôle inconnu : « RUOO » (rôles : administrateur, RPROG, RBOP, RUO, gestionnaire, controleur, lecteur)"),
        (4, "6 colonne(s) au lieu de 5"),
        (5, "l'utilisateur ruo.dr75 existe déjà"),
        (6, "vous ne pouvez pas suspendre votre propre compte"),
        (7, "rôle et périmètre ne s'appliquent pas à l'action « suspendre »"),
        (8, ("identifiant invalide : « x » (3 à 40 caractères : minuscules, chiffres, point, tiret, souligné ; "
            "ex. camille.martin)")),
        (9, "rôle et périmètre obligatoires pour cette action"),
        (10, "périmètre inconnu du référentiel : BG00/0150-CSUP-DR99"),
        (11, f"l'utilisateur gestionnaire.dr75 n'a pas le rôle RUO sur {DR75}"),
        (12, "l'utilisateur ruo.dr75 est déjà actif"),
        (13, "l'utilisateur suspendu.dr75 est déjà suspendu"),
    ]


def test_les_lignes_se_valident_dans_l_ordre_du_fichier(depot_mini: DepotMemoire) -> None:
    assert refus(depot_mini, f"{ENTETE}\nattribuer;camille.martin;;RUO;{DR69}\ncreer;camille.martin;C;;\n") == [
        (2, "utilisateur inconnu : camille.martin")]
    assert refus(depot_mini, f"{ENTETE}\nattribuer;ruo.dr75;;RUO;{DR69}\nattribuer;ruo.dr75;;ruo;{DR69.lower()}\n") \
        == [(3, f"l'utilisateur ruo.dr75 a déjà le rôle RUO sur {DR69}")]
    importer(depot_mini, f"{ENTETE}\nretirer;ruo.dr75;;RUO;{DR75}\nattribuer;ruo.dr75;;RUO;{DR75}\n")
    assert etat(depot_mini)["utilisateurs"]["ruo.dr75"][2] == [("RUO", DR75)]


def test_l_administrateur_n_agit_que_sur_son_perimetre(depot_mini: DepotMemoire) -> None:
    dans_0217 = {"couvre": lambda code: code.startswith(("0217", "BG00/0217"))}
    assert refus(depot_mini, f"{ENTETE}\nattribuer;ruo.aspr;;lecteur;0217\nattribuer;ruo.aspr;;lecteur;{DR75}\n"
                             "suspendre;ruo.dr75;;;\nsuspendre;ruo.aspr;;;\n", **dans_0217) == [
        (3, f"périmètre {DR75} hors de votre périmètre d'administration"),
        (4, f"rôle RUO sur {DR75} de ruo.dr75 hors de votre périmètre d'administration")]


@pytest.mark.parametrize(("texte", "rejet"), [
    ("", (1, "fichier vide : en-tête attendu action;identifiant;nom;role;perimetre")),
    ("action;identifiant;role;perimetre\ncreer;a.b;;\n",
     (1, "colonne(s) manquante(s) : nom (en-tête attendu : action;identifiant;nom;role;perimetre)")),
    ("action;identifiant;nom;role;perimetre;nom\n",
     (1, "colonne en double (en-tête attendu : action;identifiant;nom;role;perimetre)")),
    (f"{ENTETE}\n\n;;;;\n", (2, "aucune ligne de modification après l'en-tête")),
])
def test_un_fichier_sans_en_tete_ni_ligne_est_refuse(depot_mini: DepotMemoire, texte: str, rejet: tuple[int, str]) -> None:
    assert refus(depot_mini, texte) == [rejet]


def test_un_fichier_trop_long_est_refuse(depot_mini: DepotMemoire, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imp, "LIGNES_MAXIMUM", 3)
    lignes = "\n".join(f"creer;personne.{i};P{i};;" for i in range(4))
    assert refus(depot_mini, f"{ENTETE}\n{lignes}\n") == [(5, "plus de 3 lignes : découpez le fichier")]


def test_le_message_de_refus_resume_le_rapport(depot_mini: DepotMemoire) -> None:
    with pytest.raises(imp.ImportRefuse) as exc:
        importer(depot_mini, f"{ENTETE}\ncreer;a.b.c;A;;\nsupprimer;a.b.c;;;\n")
    assert exc.value.message == ("Import refusé : 1 ligne(s) rejetée(s) sur 2, aucune modification appliquée — "
                                 "ligne 3 : action inconnue « supprimer » (actions : creer, attribuer, retirer, "
                                 "suspendre, reactiver)")
    assert exc.value.statut_http == 422


# --- Fuzzing: never a partial update ----------------------------------------------------------------
IDENTIFIANTS = st.sampled_from(["ruo.dr75", "lecteur.0217", "suspendu.dr75", "camille.martin", "jean.dupont",
                                "recette.nationale", "X", "a", "bad id", ""])
ROLES = st.sampled_from(["RUO", "gestionnaire", "lecteur", "rbop", "administrateur", "RUOO", ""])
PERIMETRES = st.sampled_from([DR75, DR69, ASPR, "0150", "0217-SGAC", "national", "BG00/0150-CSUP-DR99", "150",
                              "BG00-0150", ""])
ACTIONS = st.sampled_from(["creer", "créer", "attribuer", "retirer", "suspendre", "reactiver", "RÉACTIVER",
                           "supprimer", ""])
NOMS = st.sampled_from(["", "Camille Martin", "x" * 121, 'Nom; "cité"'])


@st.composite
def lignes_csv(draw: st.DrawFn) -> str:
    """A line: usually five cells, sometimes too few or too many, or quotes and separators inside."""
    cellules = [draw(ACTIONS), draw(IDENTIFIANTS), draw(NOMS), draw(ROLES), draw(PERIMETRES)]
    forme = draw(st.sampled_from(["normale"] * 6 + ["courte", "longue", "guillemets", "texte"]))
    if forme == "courte":
        cellules = cellules[:draw(st.integers(1, 4))]
    elif forme == "longue":
        cellules.append("en trop")
    elif forme == "texte":
        return draw(st.text(alphabet=st.sampled_from(list('ab;"\t é,')), max_size=12))
    texte = ";".join(f'"{c.replace(chr(34), chr(34) * 2)}"' if forme == "guillemets" or '"' in c or ";" in c else c
                     for c in cellules)
    return texte


INITIAUX = {"recette.nationale": True, "ruo.dr75": True, "lecteur.0217": True, "suspendu.dr75": False,
            "ruo.aspr": True}
VALIDES_ROLES = ["RUO", "gestionnaire", "lecteur", "RBOP", "controleur"]
VALIDES_PERIMETRES = [DR75, DR69, ASPR, "0150", "0217-SGAC", "national"]


@st.composite
def fichiers_valides(draw: st.DrawFn) -> list[str]:
    """Lines a careful administrator writes: each valid given the ones above it (the users of
    ``mini`` it relies on are listed in :data:`INITIAUX`; roles granted here only)."""
    actifs, roles, lignes = dict(INITIAUX), set(), []
    for rang in range(draw(st.integers(1, 6))):
        choix = draw(st.sampled_from(["creer", "attribuer", "attribuer", "retirer", "suspendre", "reactiver"]))
        if choix == "creer":
            identifiant = f"nouveau.{rang}"
            actifs[identifiant] = True
            lignes.append(f"creer;{identifiant};Personne {rang};;")
        elif choix == "attribuer":
            identifiant = draw(st.sampled_from(sorted(actifs)))
            role, perimetre = draw(st.sampled_from(VALIDES_ROLES)), draw(st.sampled_from(VALIDES_PERIMETRES))
            if (identifiant, role, perimetre) in roles or identifiant in ("ruo.dr75", "ruo.aspr"):
                continue  # mini's own grants are not tracked here: keep to users the file controls
            roles.add((identifiant, role, perimetre))
            lignes.append(f"attribuer;{identifiant};;{role};{perimetre}")
        elif choix == "retirer" and roles:
            identifiant, role, perimetre = draw(st.sampled_from(sorted(roles)))
            roles.discard((identifiant, role, perimetre))
            lignes.append(f"retirer;{identifiant};;{role};{perimetre}")
        elif choix in ("suspendre", "reactiver"):
            candidats = sorted(i for i, a in actifs.items() if a == (choix == "suspendre") and i != "recette.nationale")
            if candidats:
                identifiant = draw(st.sampled_from(candidats))
                actifs[identifiant] = choix != "suspendre"
                lignes.append(f"{choix};{identifiant};;;")
    return lignes or ["creer;nouveau.seul;Personne seule;;"]


@st.composite
def fichiers(draw: st.DrawFn) -> list[str]:
    """A valid file, half the time spoilt by one to three malformed or out-of-place lines."""
    lignes = draw(fichiers_valides())
    if draw(st.booleans()):
        for _ in range(draw(st.integers(1, 3))):
            lignes.insert(draw(st.integers(0, len(lignes))), draw(lignes_csv()))
    return lignes


def oracle(depot: DepotMemoire, texte: str) -> bool:
    """Whether the file must be accepted: every line, applied alone and in order by the single
    paramétrage operations, succeeds, and none has a cell the bulk format forbids."""
    try:
        lignes = imp.lire_fichier(texte)
    except imp.ImportRefuse:
        return False
    for ligne in lignes:
        if ligne.valeurs is None:
            return False
        action = imp._sans_accents(ligne["action"])
        if action in ("suspendre", "reactiver") and (ligne["role"] or ligne["perimetre"]):
            return False
        if action == "creer" and bool(ligne["role"]) != bool(ligne["perimetre"]):
            return False
        if action == "suspendre" and ligne["identifiant"] == "recette.nationale":
            return False
        try:
            if action not in imp.ACTIONS:
                return False
            imp._appliquer(depot, CTX, ligne, "recette.nationale", "h:x")
        except ErreurChorus:
            return False
    return True


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(lignes=fichiers())
def test_l_import_fuzze_n_applique_jamais_une_partie_du_fichier(lignes: list[str], _depot_mini_modele: bytes) -> None:
    texte = ENTETE + "\n" + "\n".join(lignes) + "\n"
    depot: DepotMemoire = pickle.loads(_depot_mini_modele)
    temoin: DepotMemoire = pickle.loads(_depot_mini_modele)
    avant = etat(depot)
    attendu = oracle(temoin, texte)
    try:
        importer(depot, texte)
    except imp.ImportRefuse as exc:
        assert not attendu, f"refusé à tort : {exc.message}"
        assert etat(depot) == avant
        assert exc.rejets and all(r.ligne >= 1 for r in exc.rejets)
        return
    assert attendu, "accepté alors qu'une ligne aurait dû être rejetée"
    assert etat(depot)["utilisateurs"] == etat(temoin)["utilisateurs"]  # every line applied, as applied one by one
    assert etat(depot)["audit"] == etat(temoin)["audit"] + 1  # plus the « Import en masse » line
