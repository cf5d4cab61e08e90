"""Server-rendered screens (Jinja2): one screen per operation and per consultation.

A form posts to its screen (or, on a detail page, to a sub-URL of it). A refusal re-renders the
screen with the status of the error (409, 422 or 404), the French message in ``role="alert"``
and what the user typed; a success redirects (303, POST/redirect/GET) to the result with a
``?notice=`` shown in ``role="status"``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from itertools import zip_longest
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine.codes import LIBELLES_TITRES, verifier_code, verifier_titre
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ErreurChorus
from chorus_sandbox.domaine.montants import Centimes, format_montant, vers_centimes
from chorus_sandbox.service import VERSION, Bac

routeur = APIRouter(include_in_schema=False)
gabarits = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))
gabarits.env.filters["montant"] = format_montant
gabarits.env.filters["date_fr"] = lambda d: d.strftime("%d/%m/%Y") if d else ""
gabarits.env.filters["horodatage_fr"] = lambda d: d.strftime("%d/%m/%Y %H:%M:%S") if d else ""
gabarits.env.globals["titres"] = LIBELLES_TITRES

#: Screens of the main menu: path, label, what the screen is for (home page).
ECRANS: tuple[tuple[str, str, str], ...] = (
    ("/referentiel", "Référentiel", "Programmes, BOP, UO, imputations et fournisseurs."),
    ("/lois-de-finances", "Lois de finances", "Crédits votés par programme et titre ; intégration d'une LFI."),
    ("/regulation", "Régulation", "LFR, réserve de précaution, virements, transferts, fongibilité, fonds de concours."),
    ("/mises-a-disposition", "Mises à disposition", "Programme → BOP, BOP → UO."),
    ("/tranches-fonctionnelles", "Tranches fonctionnelles", "Affectation d'AE aux opérations."),
    ("/engagements", "Engagements juridiques", "Création, augmentation, réduction, service fait."),
    ("/demandes-paiement", "Demandes de paiement", "Paiement des demandes, consommation des CP."),
    ("/situation", "Situation budgétaire", "AE et CP d'un programme, d'un BOP ou d'une UO."),
    ("/reports", "Clôture et reports", "Clôture de l'exercice, montants reportables, demandes, avis et arrêtés de report, EJ basculés."),
    ("/restitutions", "Restitutions", "INF-BUD-53, situation budgétaire, Data.Subvention (CSV, XLSX)."),
    ("/historique", "Historique", "Journal des opérations du bac à sable."),
)
gabarits.env.globals["ecrans"] = ECRANS

#: EJ movement types (domain doc §3) as a tester reads them.
LIBELLES_MOUVEMENTS = {
    "100": "Engagement initial",
    "150": "Augmentation",
    "200": "Réduction",
    "350": "Bascule (report de l'exercice précédent)",
    "500": "Ajustement",
    "600": "Changement d'imputation",
    "650": "Changement d'imputation",
}
gabarits.env.globals["libelles_mouvements"] = LIBELLES_MOUVEMENTS
NIVEAUX_SITUATION = {"programme": "Programme", "bop": "BOP", "uo": "UO"}
gabarits.env.globals["niveaux"] = NIVEAUX_SITUATION

Champ = Annotated[str, Form()]
Saisie = dict[str, Any]  # what the user typed in a form, by field name
Donnees = dict[str, Any]  # what a screen reads from the sandbox, by template variable
fm = format_montant


def _bac(requete: Request) -> Bac:
    return requete.app.state.bac


def rendre(requete: Request, gabarit: str, statut: int = 200, **contexte: Any) -> HTMLResponse:
    """Render ``gabarit`` with the common context (exercice, version, notice from the query)."""
    bac = _bac(requete)
    commun = {"exercice": bac.contexte.exercice, "date_du_jour": bac.contexte.date_du_jour,
              "version": VERSION, "jeu": bac.jeu.nom, "notice": requete.query_params.get("notice"),
              "saisie": {}}
    return gabarits.TemplateResponse(requete, gabarit, {**commun, **contexte}, status_code=statut)


def page_erreur(requete: Request, message: str, statut: int) -> Response:
    return rendre(requete, "erreur.html", statut, titre_page="Erreur", erreur=message)


# --- Helpers shared by the screens -----------------------------------------------------------
def _ecran(requete: Request, gabarit: str, titre: str, lecture: Callable[[Depot], Donnees],
           refus: ErreurChorus | None = None, **contexte: Any) -> HTMLResponse:
    """Read the screen's data in one transaction and render it, with the refusal if any."""
    donnees = _bac(requete).lire(lecture)
    statut = refus.statut_http if refus else 200
    erreur = refus.message if refus else None
    return rendre(requete, gabarit, statut, titre_page=titre, erreur=erreur, **donnees, **contexte)


def _traiter(action: Callable[[], tuple[str, str]], refuser: Callable[[ErreurChorus], Response]) -> Response:
    """Run a form's operation: 303 to ``url?notice=`` on success, the re-rendered form on refusal."""
    try:
        url, notice = action()
    except ErreurChorus as exc:
        return refuser(exc)
    return RedirectResponse(f"{url}?notice={quote(notice)}", status_code=303)


#: What a typed amount may contain: ASCII digits, separators, a sign, the euro sign. This keeps
#: ``1e100000``, ``1_000`` or non-Latin digits away from ``Decimal`` (see the report on montants).
_CARACTERES_MONTANT = frozenset("0123456789 \u00a0\u202f,.-+€")


def _centimes(texte: str, champ: str, vide_vaut_zero: bool = False) -> Centimes:
    """An amount typed by a person (``1 234,56``, ``1234.56``, with or without €) in cents."""
    if not texte.strip():
        if vide_vaut_zero:
            return 0
        raise DonneeInvalide(f"{champ} : champ obligatoire")
    if not set(texte.strip()) <= _CARACTERES_MONTANT:
        raise DonneeInvalide(f"{champ} : « {texte.strip()} » n'est pas un montant")
    return vers_centimes(texte, champ)


def _entier(texte: str) -> int | None:
    """A whole number written with ASCII digits only, else None."""
    valeur = texte.strip()
    return int(valeur) if valeur.isascii() and valeur.isdigit() else None


def _obligatoire(texte: str, champ: str) -> str:
    if not texte.strip():
        raise DonneeInvalide(f"{champ} : champ obligatoire")
    return texte.strip()


def _code(texte: str, champ: str) -> str:
    """A code typed by a person: required, trimmed, upper case (codes are upper case in Chorus)."""
    return _obligatoire(texte, champ).upper()


def _numero_poste(texte: str) -> int:
    valeur = _obligatoire(texte, "Poste")
    numero = _entier(valeur)
    if numero is None or not 1 <= numero <= 999:
        raise DonneeInvalide(f"Poste : « {valeur} » n'est pas un numéro de poste (ex. 1)")
    return numero


def _lister(depot: Depot, classe: type[Any], cle: str) -> list[Any]:
    return sorted(depot.lister(classe), key=lambda o: getattr(o, cle))


def _codes_budgetaires(depot: Depot) -> Donnees:
    """Codes offered as suggestions (``<datalist>``) in the forms."""
    return {"programmes": _lister(depot, m.Programme, "numero"), "bops": _lister(depot, m.Bop, "code"),
            "uos": _lister(depot, m.UniteOperationnelle, "code")}


# --- Accueil -----------------------------------------------------------------------------------
def _lire_accueil(exercice: int) -> Callable[[Depot], Donnees]:
    def lecture(depot: Depot) -> Donnees:
        programmes = _lister(depot, m.Programme, "numero")
        situations = [op.situation(depot, exercice, "programme", p.numero) for p in programmes]
        return {
            "situations": [s for s in situations if len(s.lignes) > 1],
            "nb_engagements": len(depot.lister(m.EngagementJuridique)),
            "nb_tranches": len(depot.lister(m.TrancheFonctionnelle)),
            "nb_dp_a_payer": sum(1 for dp in depot.lister(m.DemandePaiement) if dp.statut == "À payer"),
            "lois": depot.lister(m.LoiDeFinances),
        }
    return lecture


@routeur.get("/", response_class=HTMLResponse)
def accueil(requete: Request) -> HTMLResponse:
    exercice = _bac(requete).contexte.exercice
    return _ecran(requete, "accueil.html", "Accueil", _lire_accueil(exercice))


# --- Référentiel ---------------------------------------------------------------------------------
def _lire_referentiel(depot: Depot) -> Donnees:
    return {**_codes_budgetaires(depot), "missions": {x.code: x for x in depot.lister(m.Mission)},
            "domaines": _lister(depot, m.DomaineFonctionnel, "code"),
            "activites": _lister(depot, m.Activite, "code"),
            "fournisseurs": _lister(depot, m.Fournisseur, "code")}


@routeur.get("/referentiel", response_class=HTMLResponse)
def referentiel(requete: Request) -> HTMLResponse:
    return _ecran(requete, "referentiel.html", "Référentiel", _lire_referentiel)


# --- Lois de finances --------------------------------------------------------------------------
COLONNES_LOI = ("programme", "titre", "ae", "cp", "etpt")


def _lire_lois(depot: Depot) -> Donnees:
    return {"lois": sorted(depot.lister(m.LoiDeFinances), key=lambda x: (x.exercice, x.identifiant))}


def _ecran_lois(requete: Request, refus: ErreurChorus | None = None, saisie: Saisie | None = None) -> HTMLResponse:
    return _ecran(requete, "lois.html", "Lois de finances", _lire_lois, refus, saisie=saisie or {})


@routeur.get("/lois-de-finances", response_class=HTMLResponse)
def lois_de_finances(requete: Request) -> HTMLResponse:
    return _ecran_lois(requete)


def _taux(texte: str, champ: str) -> Decimal:
    """A rate typed as ``0,5``, ``5.5`` or ``5 %``."""
    valeur = _obligatoire(texte, champ).removesuffix("%").strip().replace(",", ".")
    try:
        taux = Decimal(valeur)
    except InvalidOperation:
        raise DonneeInvalide(f"{champ} : « {texte.strip()} » n'est pas un pourcentage (ex. 5,5)") from None
    if not taux.is_finite():
        raise DonneeInvalide(f"{champ} : « {texte.strip()} » n'est pas un pourcentage (ex. 5,5)")
    return taux


def _decoder(contenu: bytes) -> str:
    """CSV files come in UTF-8 (with or without BOM) or, from Excel, in cp1252."""
    for encodage in ("utf-8-sig", "cp1252"):
        try:
            return contenu.decode(encodage)
        except UnicodeDecodeError:
            continue
    raise DonneeInvalide("Fichier CSV : encodage non reconnu (UTF-8 ou Windows-1252 attendu)")


def _lignes_csv(contenu: bytes) -> list[tuple[int, dict[str, str]]]:
    """The non-empty rows of ``programme;titre;ae;cp;etpt``, each with its line number."""
    try:
        rangees = list(csv.reader(io.StringIO(_decoder(contenu), newline=""), delimiter=";"))
    except csv.Error as exc:
        raise DonneeInvalide(f"Fichier CSV illisible : {exc}") from None
    lecteur = iter(rangees)
    entete = [c.strip().lower() for c in next(lecteur, [])]
    manquantes = [c for c in COLONNES_LOI[:4] if c not in entete]
    if manquantes:
        raise DonneeInvalide(f"Fichier CSV, ligne 1 : colonne(s) manquante(s) : {', '.join(manquantes)} "
                             f"(en-tête attendu : {';'.join(COLONNES_LOI)})")
    lignes = [(n, dict(zip(entete, (c.strip() for c in cellules), strict=False)))
              for n, cellules in enumerate(lecteur, start=2) if any(c.strip() for c in cellules)]
    if not lignes:
        raise DonneeInvalide("Fichier CSV : aucune ligne de crédits après l'en-tête")
    return lignes


def _ligne_loi(valeurs: dict[str, str], programmes: set[str], negatifs: bool = False) -> op.LigneLoi:
    """One line of a loi de finances file; ``negatifs``: cancellations allowed (LFR)."""
    programme = verifier_code("programme", valeurs.get("programme") or "")
    if programme not in programmes:
        raise DonneeInvalide(f"programme inconnu du référentiel : {programme}")
    titre = verifier_titre(valeurs.get("titre") or "")
    ae, cp = (_centimes(valeurs.get(c) or "", c.upper()) for c in ("ae", "cp"))
    if not negatifs and (ae < 0 or cp < 0):
        raise DonneeInvalide(f"montant négatif (AE {fm(ae)}, CP {fm(cp)})")
    etpt = _entier((valeurs.get("etpt") or "0").replace(" ", "").replace("\u00a0", ""))
    if etpt is None:
        raise DonneeInvalide(f"ETPT : « {valeurs.get('etpt')} » n'est pas un nombre entier positif")
    return op.LigneLoi(programme, titre, ae, cp, etpt)


def _lire_fichier_loi(contenu: bytes, programmes: set[str], negatifs: bool = False) -> list[op.LigneLoi]:
    """Parse the uploaded CSV; every error names the line of the file."""
    lignes: list[op.LigneLoi] = []
    vues: dict[tuple[str, str], int] = {}
    for numero, valeurs in _lignes_csv(contenu):
        try:
            ligne = _ligne_loi(valeurs, programmes, negatifs)
        except DonneeInvalide as exc:
            raise DonneeInvalide(f"Fichier CSV, ligne {numero} : {exc.message}") from None
        cle = (ligne.programme, ligne.titre)
        if cle in vues:
            raise DonneeInvalide(f"Fichier CSV, ligne {numero} : programme {cle[0]} titre {cle[1]} "
                                 f"déjà présent ligne {vues[cle]}")
        vues[cle] = numero
        lignes.append(ligne)
    return lignes


def _contenu(fichier: UploadFile | None) -> bytes:
    """The uploaded file's bytes (read synchronously: the route runs in FastAPI's thread pool)."""
    if fichier is None or not fichier.filename:
        raise DonneeInvalide("Fichier : aucun fichier CSV transmis")
    contenu = fichier.file.read()
    if not contenu.strip():
        raise DonneeInvalide(f"Fichier : « {fichier.filename} » est vide")
    return contenu


def _numeros_programmes(depot: Depot) -> set[str]:
    return {p.numero for p in depot.lister(m.Programme)}


def _identifiant_loi(texte: str) -> str:
    nom = _obligatoire(texte, "Identifiant")
    if len(nom) > 40:
        raise DonneeInvalide("Identifiant : 40 caractères au plus")
    return nom


@routeur.post("/lois-de-finances", response_class=HTMLResponse)
def integrer_loi(requete: Request, identifiant: Champ = "", taux_t2: Champ = "", taux_hors_t2: Champ = "",
                 fichier: Annotated[UploadFile | None, File()] = None) -> Response:
    saisie = {"identifiant": identifiant, "taux_t2": taux_t2, "taux_hors_t2": taux_hors_t2}

    def action() -> tuple[str, str]:
        bac, contenu = _bac(requete), _contenu(fichier)
        nom = _identifiant_loi(identifiant)
        t2, ht2 = _taux(taux_t2, "Taux de réserve T2 (%)"), _taux(taux_hors_t2, "Taux de réserve hors T2 (%)")
        lignes = _lire_fichier_loi(contenu, bac.lire(_numeros_programmes))
        loi = bac.executer(op.integrer_loi_de_finances, nom, "LFI", bac.contexte.exercice, lignes, t2, ht2)
        ae, cp = sum(x.ae for x in loi.lignes), sum(x.cp for x in loi.lignes)
        return "/lois-de-finances", (f"Loi de finances « {loi.identifiant} » intégrée : {len(loi.lignes)} lignes, "
                                     f"AE {fm(ae)}, CP {fm(cp)}")

    return _traiter(action, lambda exc: _ecran_lois(requete, exc, saisie))


# --- Mises à disposition -------------------------------------------------------------------------
def _lire_mad(depot: Depot) -> Donnees:
    mads = sorted(depot.lister(m.MiseADisposition), key=lambda x: (x.id or 0))
    return {**_codes_budgetaires(depot), "mises_a_disposition": mads}


def _ecran_mad(requete: Request, refus: ErreurChorus | None = None, saisie: Saisie | None = None) -> HTMLResponse:
    return _ecran(requete, "mises_a_disposition.html", "Mises à disposition", _lire_mad, refus, saisie=saisie or {})


@routeur.get("/mises-a-disposition", response_class=HTMLResponse)
def mises_a_disposition(requete: Request) -> HTMLResponse:
    return _ecran_mad(requete)


@routeur.post("/mises-a-disposition", response_class=HTMLResponse)
def mettre_a_disposition(requete: Request, source: Champ = "", destination: Champ = "", titre: Champ = "",
                         ae: Champ = "", cp: Champ = "") -> Response:
    saisie = {"source": source, "destination": destination, "titre": titre, "ae": ae, "cp": cp}

    def action() -> tuple[str, str]:
        origine, cible = _code(source, "Source"), _code(destination, "Destination")
        montant_ae = _centimes(ae, "Montant AE", vide_vaut_zero=True)
        montant_cp = _centimes(cp, "Montant CP", vide_vaut_zero=True)
        mad = _bac(requete).executer(op.mettre_a_disposition, origine, cible, titre, montant_ae, montant_cp)
        return "/mises-a-disposition", (f"Mise à disposition enregistrée : {mad.source} → {mad.destination}, "
                                        f"titre {mad.titre}, AE {fm(mad.ae)}, CP {fm(mad.cp)}")

    return _traiter(action, lambda exc: _ecran_mad(requete, exc, saisie))


# --- Tranches fonctionnelles ----------------------------------------------------------------------
def _lire_tranches(depot: Depot) -> Donnees:
    return {**_codes_budgetaires(depot), "tranches": _lister(depot, m.TrancheFonctionnelle, "numero")}


def _ecran_tranches(requete: Request, refus: ErreurChorus | None = None,
                    saisie: Saisie | None = None) -> HTMLResponse:
    return _ecran(requete, "tranches.html", "Tranches fonctionnelles", _lire_tranches, refus, saisie=saisie or {})


@routeur.get("/tranches-fonctionnelles", response_class=HTMLResponse)
def tranches(requete: Request) -> HTMLResponse:
    return _ecran_tranches(requete)


@routeur.post("/tranches-fonctionnelles", response_class=HTMLResponse)
def creer_tranche(requete: Request, uo: Champ = "", titre: Champ = "", libelle: Champ = "",
                  ae: Champ = "") -> Response:
    saisie = {"uo": uo, "titre": titre, "libelle": libelle, "ae": ae}

    def action() -> tuple[str, str]:
        centre_financier, montant = _code(uo, "Centre financier"), _centimes(ae, "AE à affecter")
        tf = _bac(requete).executer(op.creer_tranche_fonctionnelle, centre_financier, titre, libelle, montant)
        return f"/tranches-fonctionnelles/{tf.numero}", (
            f"Tranche fonctionnelle {tf.numero} créée : {fm(tf.ae_affectees)} d'AE affectés sur l'UO {tf.uo}")

    return _traiter(action, lambda exc: _ecran_tranches(requete, exc, saisie))


def _lire_tranche(numero: str) -> Callable[[Depot], Donnees]:
    def lecture(depot: Depot) -> Donnees:
        tf = op.obtenir(depot, m.TrancheFonctionnelle, numero, "Tranche fonctionnelle")
        engagements = [ej for ej in _lister(depot, m.EngagementJuridique, "numero") if ej.tranche == numero]
        return {"tf": tf, "engagements": engagements, "fournisseurs": _noms_fournisseurs(depot)}
    return lecture


def _ecran_tranche(requete: Request, numero: str, refus: ErreurChorus | None = None,
                   formulaire: str = "", saisie: Saisie | None = None) -> HTMLResponse:
    return _ecran(requete, "tranche.html", f"Tranche fonctionnelle {numero}", _lire_tranche(numero), refus,
                  formulaire=formulaire, saisie=saisie or {})


@routeur.get("/tranches-fonctionnelles/{numero}", response_class=HTMLResponse)
def tranche(requete: Request, numero: str) -> HTMLResponse:
    return _ecran_tranche(requete, numero)


def _mouvement_tranche(requete: Request, numero: str, formulaire: str, ae: str,
                       operation: Callable[..., m.TrancheFonctionnelle], verbe: str) -> Response:
    """Affect AE to a TF, or give affected AE back: same form, same refusal handling."""
    def action() -> tuple[str, str]:
        montant = _centimes(ae, "Montant AE")
        tf = _bac(requete).executer(operation, numero, montant)
        return f"/tranches-fonctionnelles/{numero}", (
            f"Tranche fonctionnelle {numero} : {fm(montant)} d'AE {verbe} ; AE affectées {fm(tf.ae_affectees)}, "
            f"AENE {fm(tf.aene)}")

    return _traiter(action, lambda exc: _ecran_tranche(requete, numero, exc, formulaire, {"ae": ae}))


@routeur.post("/tranches-fonctionnelles/{numero}/affectation", response_class=HTMLResponse)
def affecter(requete: Request, numero: str, ae: Champ = "") -> Response:
    return _mouvement_tranche(requete, numero, "affectation", ae, op.affecter, "affectés")


@routeur.post("/tranches-fonctionnelles/{numero}/retrait", response_class=HTMLResponse)
def retirer_affectation(requete: Request, numero: str, ae: Champ = "") -> Response:
    return _mouvement_tranche(requete, numero, "retrait", ae, op.retirer_affectation, "retirés")


# --- Engagements juridiques ------------------------------------------------------------------------
def _noms_fournisseurs(depot: Depot) -> dict[str, str]:
    return {f.code: f.raison_sociale for f in depot.lister(m.Fournisseur)}


def _lire_engagements(depot: Depot) -> Donnees:
    return {"engagements": _lister(depot, m.EngagementJuridique, "numero"),
            "fournisseurs": _noms_fournisseurs(depot)}


@routeur.get("/engagements", response_class=HTMLResponse)
def engagements(requete: Request) -> HTMLResponse:
    return _ecran(requete, "engagements.html", "Engagements juridiques", _lire_engagements)


class SaisieEngagement(BaseModel):
    """The EJ creation form as typed; poste fields come as lists (one entry per poste row)."""

    uo: str = ""
    titre: str = ""
    fournisseur: str = ""
    tranche: str = ""
    objet: str = ""
    montant: list[str] = []
    domaine_fonctionnel: list[str] = []
    activite: list[str] = []

    def postes(self) -> list[Saisie]:
        """Three poste rows (what was typed, padded with empty rows)."""
        lignes = [{"montant": mt, "domaine_fonctionnel": df, "activite": ac}
                  for mt, df, ac in zip_longest(self.montant, self.domaine_fonctionnel, self.activite, fillvalue="")]
        vide = {"montant": "", "domaine_fonctionnel": "", "activite": ""}
        return (lignes + [dict(vide) for _ in range(3)])[:max(3, len(lignes))]

    def postes_demandes(self) -> list[op.PosteDemande]:
        """The non-empty rows as domain postes; amounts parsed, codes trimmed."""
        demandes = []
        for rang, ligne in enumerate(self.postes(), start=1):
            if not any(v.strip() for v in ligne.values()):
                continue
            montant = _centimes(ligne["montant"], f"Poste {rang}, montant")
            demandes.append(op.PosteDemande(montant, ligne["domaine_fonctionnel"].strip().upper(),
                                            ligne["activite"].strip().upper()))
        return demandes


def _lire_formulaire_engagement(depot: Depot) -> Donnees:
    return {"uos": _lister(depot, m.UniteOperationnelle, "code"),
            "fournisseurs": _lister(depot, m.Fournisseur, "code"),
            "domaines": _lister(depot, m.DomaineFonctionnel, "code"),
            "activites": _lister(depot, m.Activite, "code"),
            "tranches": _lister(depot, m.TrancheFonctionnelle, "numero")}


def _ecran_nouvel_engagement(requete: Request, saisie: SaisieEngagement,
                             refus: ErreurChorus | None = None) -> HTMLResponse:
    return _ecran(requete, "engagement_nouveau.html", "Nouvel engagement juridique", _lire_formulaire_engagement,
                  refus, saisie=saisie.model_dump(), postes=saisie.postes())


@routeur.get("/engagements/nouveau", response_class=HTMLResponse)
def nouvel_engagement(requete: Request, uo: str = "", titre: str = "", tranche: str = "") -> HTMLResponse:
    """The creation form, optionally prefilled (link "Engager sur cette tranche")."""
    return _ecran_nouvel_engagement(requete, SaisieEngagement(uo=uo, titre=titre, tranche=tranche))


@routeur.post("/engagements/nouveau", response_class=HTMLResponse)
def engager(requete: Request, saisie: Annotated[SaisieEngagement, Form()]) -> Response:
    def action() -> tuple[str, str]:
        uo = _code(saisie.uo, "Centre financier")
        fournisseur = _obligatoire(saisie.fournisseur, "Fournisseur")
        postes = saisie.postes_demandes()
        ej = _bac(requete).executer(op.engager, uo, saisie.titre, fournisseur, saisie.objet, postes,
                                    saisie.tranche.strip().upper() or None)
        return f"/engagements/{ej.numero}", (f"Engagement juridique {ej.numero} créé : {fm(ej.montant)} "
                                             f"sur l'UO {ej.uo}, titre {ej.titre}")

    return _traiter(action, lambda exc: _ecran_nouvel_engagement(requete, saisie, exc))


def _lire_engagement(numero: str) -> Callable[[Depot], Donnees]:
    def lecture(depot: Depot) -> Donnees:
        ej = op.obtenir(depot, m.EngagementJuridique, numero, "Engagement juridique")
        fournisseur = depot.trouver(m.Fournisseur, ej.fournisseur)
        return {"ej": ej, "fournisseur": fournisseur,
                "services_faits": [x for x in _lister(depot, m.ServiceFait, "numero") if x.engagement == numero],
                "demandes": [x for x in _lister(depot, m.DemandePaiement, "numero") if x.engagement == numero]}
    return lecture


def _ecran_engagement(requete: Request, numero: str, refus: ErreurChorus | None = None,
                      formulaire: str = "", saisie: Saisie | None = None) -> HTMLResponse:
    return _ecran(requete, "engagement.html", f"Engagement juridique {numero}", _lire_engagement(numero), refus,
                  formulaire=formulaire, saisie=saisie or {})


@routeur.get("/engagements/{numero}", response_class=HTMLResponse)
def engagement(requete: Request, numero: str) -> HTMLResponse:
    return _ecran_engagement(requete, numero)


def _operation_engagement(requete: Request, numero: str, formulaire: str, saisie: Saisie,
                          action: Callable[[Bac], str]) -> Response:
    """Run one operation of the EJ page; back to the EJ page with its notice, or its form refused."""
    def executer() -> tuple[str, str]:
        return f"/engagements/{numero}", action(_bac(requete))

    return _traiter(executer, lambda exc: _ecran_engagement(requete, numero, exc, formulaire, saisie))


@routeur.post("/engagements/{numero}/augmentation", response_class=HTMLResponse)
def augmenter(requete: Request, numero: str, poste: Champ = "", montant: Champ = "") -> Response:
    def action(bac: Bac) -> str:
        valeur = _centimes(montant, "Montant")
        ej = bac.executer(op.augmenter_engagement, numero, _numero_poste(poste), valeur)
        return f"Engagement juridique {numero} augmenté de {fm(valeur)} (poste {poste.strip()}) : montant {fm(ej.montant)}"

    return _operation_engagement(requete, numero, "augmentation", {"poste": poste, "montant": montant}, action)


@routeur.post("/engagements/{numero}/reduction", response_class=HTMLResponse)
def reduire(requete: Request, numero: str, poste: Champ = "", montant: Champ = "") -> Response:
    def action(bac: Bac) -> str:
        valeur = _centimes(montant, "Montant")
        ej = bac.executer(op.reduire_engagement, numero, _numero_poste(poste), valeur)
        return f"Engagement juridique {numero} réduit de {fm(valeur)} (poste {poste.strip()}) : montant {fm(ej.montant)}"

    return _operation_engagement(requete, numero, "reduction", {"poste": poste, "montant": montant}, action)


@routeur.post("/engagements/{numero}/retrait", response_class=HTMLResponse)
def retirer(requete: Request, numero: str) -> Response:
    def action(bac: Bac) -> str:
        ej = bac.executer(op.retirer_engagement, numero)
        return f"Engagement juridique {numero} retiré : montant ramené à {fm(ej.montant)} (service fait)"

    return _operation_engagement(requete, numero, "retrait", {}, action)


@routeur.post("/engagements/{numero}/service-fait", response_class=HTMLResponse)
def constater_service_fait(requete: Request, numero: str, poste: Champ = "", montant: Champ = "") -> Response:
    def action(bac: Bac) -> str:
        valeur = _centimes(montant, "Montant du service fait")
        sf = bac.executer(op.constater_service_fait, numero, _numero_poste(poste), valeur)
        return f"Service fait {sf.numero} constaté sur l'engagement juridique {numero}, poste {sf.poste} : {fm(sf.montant)}"

    return _operation_engagement(requete, numero, "service_fait", {"poste": poste, "montant": montant}, action)


@routeur.post("/engagements/{numero}/demande-paiement", response_class=HTMLResponse)
def creer_demande_paiement(requete: Request, numero: str, poste: Champ = "", montant: Champ = "") -> Response:
    def action(bac: Bac) -> str:
        valeur = _centimes(montant, "Montant de la demande")
        dp = bac.executer(op.creer_demande_paiement, numero, _numero_poste(poste), valeur)
        return (f"Demande de paiement {dp.numero} créée sur l'engagement juridique {numero}, poste {dp.poste} : "
                f"{fm(dp.montant)}")

    return _operation_engagement(requete, numero, "demande_paiement", {"poste": poste, "montant": montant}, action)


# --- Demandes de paiement --------------------------------------------------------------------------
def _lire_demandes(depot: Depot) -> Donnees:
    return {"demandes": _lister(depot, m.DemandePaiement, "numero")}


@routeur.get("/demandes-paiement", response_class=HTMLResponse)
def demandes_paiement(requete: Request) -> HTMLResponse:
    return _ecran(requete, "demandes_paiement.html", "Demandes de paiement", _lire_demandes)


@routeur.post("/demandes-paiement/{numero}/paiement", response_class=HTMLResponse)
def payer(requete: Request, numero: str) -> Response:
    def action() -> tuple[str, str]:
        dp = _bac(requete).executer(op.payer, numero)
        return "/demandes-paiement", (f"Demande de paiement {dp.numero} payée : {fm(dp.montant)} "
                                      f"sur l'engagement juridique {dp.engagement}")

    def refuser(exc: ErreurChorus) -> Response:
        return _ecran(requete, "demandes_paiement.html", "Demandes de paiement", _lire_demandes, exc)

    return _traiter(action, refuser)


# --- Situation budgétaire ---------------------------------------------------------------------------
def _annee(texte: str, defaut: int) -> int:
    valeur = texte.strip()
    if not valeur:
        return defaut
    annee = _entier(valeur)
    if annee is None or len(valeur) != 4:
        raise DonneeInvalide(f"Exercice : « {valeur} » n'est pas une année (ex. {defaut})")
    return annee


def _lire_situation(niveau: str, code: str, exercice: int) -> Callable[[Depot], Donnees]:
    def lecture(depot: Depot) -> Donnees:
        donnees = _codes_budgetaires(depot)
        return {**donnees, "situation": op.situation(depot, exercice, niveau, code) if code else None}
    return lecture


@routeur.get("/situation", response_class=HTMLResponse)
def situation(requete: Request, niveau: str = "uo", code: str = "", exercice: str = "") -> HTMLResponse:
    """The situation of one level; the query string is the form (GET), so a result has a URL."""
    bac = _bac(requete)
    saisie = {"niveau": niveau, "code": code, "exercice": exercice or str(bac.contexte.exercice)}
    try:
        annee = _annee(exercice, bac.contexte.exercice)
        return _ecran(requete, "situation.html", "Situation budgétaire",
                      _lire_situation(niveau, code.strip().upper(), annee), saisie=saisie)
    except ErreurChorus as exc:
        return _ecran(requete, "situation.html", "Situation budgétaire", _lire_situation(niveau, "", 0), exc,
                      saisie=saisie)


# --- Historique ------------------------------------------------------------------------------------
def _lien_objet(objet: str) -> str | None:
    """The page of a journal line's object: a TF (``TF…``) or an EJ (10 digits)."""
    if objet.startswith("TF"):
        return f"/tranches-fonctionnelles/{objet}"
    return f"/engagements/{objet}" if objet.isdigit() and len(objet) == 10 else None


def _lire_historique(depot: Depot) -> Donnees:
    evenements = sorted(depot.lister(m.Evenement), key=lambda e: (e.horodatage, e.id or 0), reverse=True)
    return {"evenements": [(e, _lien_objet(e.objet)) for e in evenements]}


@routeur.get("/historique", response_class=HTMLResponse)
def historique(requete: Request) -> HTMLResponse:
    return _ecran(requete, "historique.html", "Historique", _lire_historique)

