"""Named datasets under ``fixtures/jeux/``: référentiel, suppliers, lois de finances, execution.

A dataset is loaded through the same operations as the UI and the API, so it obeys every rule;
an error names the file and the entry that breaks it.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from chorus_sandbox import jeux_utilisateurs
from chorus_sandbox.domaine import marches as mc
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine import regulation as reg
from chorus_sandbox.domaine import reports
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ErreurChorus
from chorus_sandbox.domaine.montants import vers_centimes
from chorus_sandbox.domaine.regles import Contexte


class ErreurJeu(ErreurChorus):
    """A dataset file is missing, malformed or breaks a rule; the message names file and entry."""

    statut_http = 422


def dossier_fixtures() -> Path:
    """``fixtures/`` of the project (``CHORUS_SANDBOX_FIXTURES`` overrides it)."""
    import os

    return Path(os.environ.get("CHORUS_SANDBOX_FIXTURES", Path(__file__).resolve().parents[2] / "fixtures"))


def jeux_disponibles(dossier: Path | None = None) -> list[str]:
    return sorted(p.stem for p in ((dossier or dossier_fixtures()) / "jeux").glob("*.yaml"))


@dataclass(frozen=True)
class Jeu:
    nom: str
    chemin: Path
    description: str
    exercice: int
    contenu: dict[str, Any]
    date_du_jour: dt.date | None = None

    def fichier(self, cle: str) -> Path:
        return (self.chemin.parent / self.contenu[cle]).resolve()


def lire_jeu(nom: str, dossier: Path | None = None) -> Jeu:
    chemin = (dossier or dossier_fixtures()) / "jeux" / f"{nom}.yaml"
    if not chemin.is_file():
        connus = ", ".join(jeux_disponibles(dossier)) or "aucun"
        raise ErreurJeu(f"Jeu de données inconnu : « {nom} » ({chemin} absent ; jeux disponibles : {connus})")
    contenu = _lire_yaml(chemin)
    exercice = contenu.get("exercice")
    if not isinstance(exercice, int):
        raise ErreurJeu(f"{chemin} : la clé « exercice » doit être une année (ex. 2026)")
    date_jour = contenu.get("date_du_jour")
    if date_jour is not None and (not isinstance(date_jour, dt.date) or date_jour.year != exercice):
        raise ErreurJeu(f"{chemin} : « date_du_jour » doit être une date de l'exercice {exercice} (ex. {exercice}-11-16)")
    return Jeu(nom, chemin, str(contenu.get("description", "")), exercice, contenu, date_jour)


#: libyaml's safe loader when PyYAML was built with it (about ten times faster), else the pure Python one.
_CHARGEUR: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _lire_yaml(chemin: Path) -> dict[str, Any]:
    try:
        contenu = yaml.load(chemin.read_text(encoding="utf-8"), Loader=_CHARGEUR)
    except yaml.YAMLError as exc:
        marque = getattr(exc, "problem_mark", None)
        ligne = f", ligne {marque.line + 1}" if marque else ""
        raise ErreurJeu(f"{chemin}{ligne} : YAML invalide ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(contenu, dict):
        raise ErreurJeu(f"{chemin} : un dictionnaire YAML est attendu")
    return contenu


def _lire_csv(chemin: Path) -> list[dict[str, str]]:
    with chemin.open(encoding="utf-8-sig", newline="") as flux:
        return list(csv.DictReader(flux, delimiter=";"))


def charger(depot: Depot, ctx: Contexte, jeu: Jeu, empreinte: str = "") -> None:
    """Load every section of ``jeu`` in order; the caller's transaction makes it all-or-nothing.

    ``empreinte`` is the hash of the seeded users' password (empty: nobody can log in)."""
    etapes = (
        ("referentiel", _charger_referentiel),
        ("fournisseurs", _charger_fournisseurs),
        ("lois_de_finances", _charger_lois),
        ("fonds_de_concours", _charger_fonds_de_concours),
        ("mises_a_disposition", _charger_mises_a_disposition),
        ("tranches_fonctionnelles", _charger_tranches),
        ("marches", _charger_marches),
        ("engagements", _charger_engagements),
        ("engagements_anterieurs", _charger_engagements_anterieurs),
        ("campagne_reports", _charger_campagne_reports),
    )
    cles_tf: dict[str, str] = {}  # the keys (cle) of the TFs and marchés → their numbers
    for section, fonction in etapes:
        try:
            fonction(depot, ctx, jeu, cles_tf)
        except ErreurJeu:
            raise
        except ErreurChorus as exc:
            raise ErreurJeu(f"{jeu.chemin} : section « {section} » : {exc.message}") from None
        except OSError as exc:
            raise ErreurJeu(f"{jeu.chemin} : section « {section} » : fichier absent ou illisible "
                            f"({exc.filename or exc})") from None
        except (KeyError, TypeError, ValueError) as exc:
            raise ErreurJeu(f"{jeu.chemin} : section « {section} » : entrée invalide ({exc})") from None
    _charger_utilisateurs(depot, jeu, empreinte)


def _charger_utilisateurs(depot: Depot, jeu: Jeu, empreinte: str) -> None:
    """The users and their rôles-territoires (errors name the users file, its line and field)."""
    fichier = jeux_utilisateurs.fichier_des_utilisateurs(jeu.chemin, jeu.contenu.get("utilisateurs"))
    if fichier is None:
        return
    try:
        jeux_utilisateurs.charger(depot, fichier, empreinte)
    except ErreurChorus as exc:
        raise ErreurJeu(f"{jeu.chemin} : section « utilisateurs » : {exc.message}") from None


def _entrees(jeu: Jeu, section: str) -> list[dict[str, Any]]:
    return list(jeu.contenu.get(section) or [])


def _charger_referentiel(depot: Depot, ctx: Contexte, jeu: Jeu, _tf: dict[str, str]) -> None:
    referentiel = _lire_yaml(jeu.fichier("referentiel"))
    classes = {
        "ministeres": m.Ministere, "missions": m.Mission, "programmes": m.Programme, "actions": m.Action,
        "bops": m.Bop, "uos": m.UniteOperationnelle, "domaines_fonctionnels": m.DomaineFonctionnel,
        "activites": m.Activite, "comptes_paye": m.ComptePaye,
    }
    for section, classe in classes.items():
        for entree in referentiel.get(section) or []:
            depot.ajouter(classe(**{k: str(v) for k, v in entree.items()}))


def _charger_fournisseurs(depot: Depot, ctx: Contexte, jeu: Jeu, _tf: dict[str, str]) -> None:
    for ligne in _lire_csv(jeu.fichier("fournisseurs")):
        depot.ajouter(m.Fournisseur(**ligne))


def _charger_lois(depot: Depot, ctx: Contexte, jeu: Jeu, _tf: dict[str, str]) -> None:
    for loi in _entrees(jeu, "lois_de_finances"):
        chemin = (jeu.chemin.parent / loi["fichier"]).resolve()
        lignes = [
            op.LigneLoi(l["programme"], l["titre"], _centimes(l["ae"], chemin, n), _centimes(l["cp"], chemin, n),
                        int(l.get("etpt") or 0))
            for n, l in enumerate(_lire_csv(chemin), start=2)
        ]
        taux = loi.get("taux_reserve", {})
        op.integrer_loi_de_finances(
            depot, ctx, loi["identifiant"], loi.get("nature", "LFI"), jeu.exercice, lignes,
            Decimal(str(taux.get("t2", "0"))), Decimal(str(taux.get("hors_t2", "0"))),
        )


def _centimes(valeur: str, chemin: Path, ligne: int) -> int:
    try:
        return vers_centimes(valeur)
    except DonneeInvalide as exc:
        raise ErreurJeu(f"{chemin}, ligne {ligne} : {exc.message}") from None


def _charger_mises_a_disposition(depot: Depot, ctx: Contexte, jeu: Jeu, _tf: dict[str, str]) -> None:
    for mad in _entrees(jeu, "mises_a_disposition"):
        op.mettre_a_disposition(depot, ctx, mad["source"], mad["destination"], str(mad["titre"]),
                                vers_centimes(str(mad["ae"])), vers_centimes(str(mad["cp"])))


def _charger_tranches(depot: Depot, ctx: Contexte, jeu: Jeu, cles_tf: dict[str, str]) -> None:
    for entree in _entrees(jeu, "tranches_fonctionnelles"):
        tf = op.creer_tranche_fonctionnelle(depot, ctx, entree["uo"], str(entree["titre"]), entree["libelle"],
                                            vers_centimes(str(entree["ae"])))
        cles_tf[str(entree.get("cle", tf.numero))] = tf.numero


def _charger_marches(depot: Depot, ctx: Contexte, jeu: Jeu, cles: dict[str, str]) -> None:
    """Marchés and accords-cadres (no maximum: ``montant_maximum`` absent); a ``cle`` names them for
    the bons de commande below (``marche:`` of an engagement)."""
    for entree in _entrees(jeu, "marches"):
        maximum = entree.get("montant_maximum")
        marche = mc.creer_marche(
            depot, ctx, str(entree["nature"]), str(entree["objet"]), str(entree["titulaire"]), str(entree["uo"]),
            mc.lire_date(str(entree["date_debut"]), "date_debut"), mc.lire_date(str(entree["date_fin"]), "date_fin"),
            vers_centimes(str(maximum)) if maximum is not None else None,
        )
        cles[str(entree.get("cle", marche.numero))] = marche.numero


def _charger_engagements(depot: Depot, ctx: Contexte, jeu: Jeu, cles_tf: dict[str, str]) -> None:
    for entree in _entrees(jeu, "engagements"):
        postes = [op.PosteDemande(vers_centimes(str(p["montant"])), p["domaine_fonctionnel"], p["activite"])
                  for p in entree["postes"]]
        tranche = cles_tf.get(entree["tranche"], entree["tranche"]) if entree.get("tranche") else None
        marche = cles_tf.get(entree["marche"], entree["marche"]) if entree.get("marche") else None
        ej = op.engager(depot, ctx, entree["uo"], str(entree["titre"]), str(entree["fournisseur"]),
                        entree.get("objet", ""), postes, tranche, marche)
        for sf in entree.get("services_faits") or []:
            op.constater_service_fait(depot, ctx, ej.numero, int(sf["poste"]), vers_centimes(str(sf["montant"])))
        for demande in entree.get("demandes_paiement") or []:
            dp = op.creer_demande_paiement(depot, ctx, ej.numero, int(demande["poste"]),
                                           vers_centimes(str(demande["montant"])))
            if demande.get("payer"):
                op.payer(depot, ctx, dp.numero)


def _charger_engagements_anterieurs(depot: Depot, ctx: Contexte, jeu: Jeu, cles_tf: dict[str, str]) -> None:
    """EJs of an earlier exercice, not soldés, carried to this one (movement 350 on 1 January)."""
    bascule = dt.date(ctx.exercice, 1, 1)
    for entree in _entrees(jeu, "engagements_anterieurs"):
        ej = m.EngagementJuridique(
            str(entree["numero"]), int(entree["exercice"]), ctx.exercice, entree["uo"], str(entree["titre"]),
            str(entree["fournisseur"]), entree.get("objet", ""), dt.date.fromisoformat(str(entree["date_creation"])),
        )
        for rang, p in enumerate(entree["postes"], start=1):
            poste = m.PosteEj(rang, vers_centimes(str(p["montant"])), p["domaine_fonctionnel"], p["activite"],
                              vers_centimes(str(p.get("receptionne", "0"))), vers_centimes(str(p.get("paye", "0"))),
                              vers_centimes(str(p.get("paye", "0"))))
            ej.postes.append(poste)
            ej.mouvements.append(m.MouvementEj("100", rang, ej.exercice, ej.date_creation, poste.montant))
            ej.mouvements.append(m.MouvementEj("350", rang, ctx.exercice, bascule, poste.montant - poste.montant_paye))
        if entree.get("marche"):
            mc.rattacher_engagement_anterieur(depot, ej, cles_tf.get(entree["marche"], entree["marche"]))
        depot.ajouter(ej)


def _charger_fonds_de_concours(depot: Depot, ctx: Contexte, jeu: Jeu, _tf: dict[str, str]) -> None:
    """Receipts of fonds de concours: each opens AE = CP = its amount on the programme × titre."""
    for entree in _entrees(jeu, "fonds_de_concours"):
        reg.rattacher_fonds_de_concours(depot, ctx, entree["programme"], str(entree["titre"]),
                                        vers_centimes(str(entree["montant"])), str(entree.get("reference", "")))


_CLES_CAMPAGNE = ("plafond_cp_hors_t2", "plafonds_majores")


def _charger_campagne_reports(depot: Depot, ctx: Contexte, jeu: Jeu, _tf: dict[str, str]) -> None:
    """Hors-T2 CP carry-over caps of the exercice: the general rate and the programmes on the raised list."""
    section = jeu.contenu.get("campagne_reports")
    if section is None:
        return
    if not isinstance(section, dict):
        raise DonneeInvalide(f"un dictionnaire est attendu ({', '.join(_CLES_CAMPAGNE)})")
    inconnues = sorted(str(cle) for cle in set(section) - set(_CLES_CAMPAGNE))
    if inconnues:
        raise DonneeInvalide(f"clé inconnue : {', '.join(inconnues)} (clés possibles : {', '.join(_CLES_CAMPAGNE)})")
    if section.get("plafond_cp_hors_t2") is not None:
        taux = _taux_de_report(section["plafond_cp_hors_t2"], "plafond_cp_hors_t2")
        reports.fixer_plafond_report(depot, ctx, jeu.exercice, taux)
    majores = section.get("plafonds_majores") or {}
    if not isinstance(majores, dict):
        raise DonneeInvalide('plafonds_majores : un dictionnaire programme → taux est attendu (ex. "0172": "10")')
    for programme, valeur in majores.items():
        if not isinstance(programme, str):
            raise DonneeInvalide(f'plafonds_majores : le programme {programme} doit être écrit entre guillemets '
                                 f'(ex. "0172")')
        taux = _taux_de_report(valeur, f"plafonds_majores « {programme} »")
        reports.fixer_plafond_report(depot, ctx, jeu.exercice, taux, programme)


def _taux_de_report(valeur: object, champ: str) -> Decimal:
    """A rate in % written as a string (``"3"``, ``"2.5"``) or an integer; never a float (inexact)."""
    if isinstance(valeur, bool) or not isinstance(valeur, (str, int)):
        raise DonneeInvalide(f'{champ} : taux invalide ({valeur!r}) : écrire le taux entre guillemets, ex. "3"')
    try:
        return Decimal(str(valeur).strip().replace(",", "."))
    except ArithmeticError:
        raise DonneeInvalide(f"{champ} : « {valeur} » n'est pas un taux (ex. \"3\" ou \"2.5\")") from None
