"""Titre 2 by catégorie, the plafond d'emplois and the monthly payroll flow PAY → Chorus (issue 18).

The contract is ``docs/conception/flux-paye.md``: the file's layout, the whole-file checks and the
line-by-line rejections (their order and French motifs), the compte rendu, the statuts. In short:

- whole-file checks first (the first that fails rejects the flow, nothing is integrated);
- then each detail line is checked on its own: a line that fails is rejected with one motif, the
  others are integrated; a valid line consumes the T2 AE and CP of its UO at once (no prior
  engagement), on its catégorie (22 split hors CAS / CAS Pensions by its compte PCE), in the month
  of the flow, and its ETPT count against its programme's plafond d'emplois;
- totals always reconcile: intégré + rejeté = fichier (lines, amounts, ETPT);
- a consumption beyond the available T2 is not refused (payroll is due): it raises an alert.

Speed (300 000 lines in a few seconds): the codes of a line are checked once per distinct
imputation (a cache), the référentiel is read once, the integrated lines are aggregated by
imputation before they are written, and rejected lines are written in one executemany.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import regles
from chorus_sandbox.domaine.codes import programme_du_code
from chorus_sandbox.domaine.depot import Depot, inserer_en_masse, selectionner
from chorus_sandbox.domaine.erreurs import ObjetInconnu, RegleDeGestion
from chorus_sandbox.domaine.montants import Centimes, format_montant
from chorus_sandbox.domaine.regles import Contexte

INTERFACE = "paye"
#: Largest file accepted, in Mio (model; ``CHORUS_SANDBOX_FLUX_MAX_MIO`` overrides it).
LIMITE_MIO = int(os.environ.get("CHORUS_SANDBOX_FLUX_MAX_MIO", "64"))
ENTETE, DETAIL, FIN = "00", "10", "99"
TYPES = (ENTETE, DETAIL, FIN)
NOMS_ENREGISTREMENTS = {ENTETE: "en-tête", DETAIL: "détail", FIN: "fin"}

INTEGRE, PARTIEL, REJETE, ANNULE = "intégré", "intégré partiellement", "rejeté", "annulé"
INTEGRATIONS = (INTEGRE, PARTIEL)

#: T2 catégories (domain doc §11) and the rubriques they are followed on (22 split by the CAS).
CATEGORIES: dict[str, str] = {
    "21": "Rémunérations d'activité",
    "22": "Cotisations et contributions sociales",
    "23": "Prestations sociales et allocations diverses",
}
HORS_CAS, CAS_PENSIONS = "hors CAS", "CAS Pensions"
RUBRIQUES: tuple[tuple[str, str, str], ...] = (
    ("21", "", "21 – Rémunérations d'activité"),
    ("22", HORS_CAS, "22 – Cotisations et contributions sociales, hors CAS Pensions"),
    ("22", CAS_PENSIONS, "22 – Contribution au CAS Pensions"),
    ("23", "", "23 – Prestations sociales et allocations diverses"),
)
ETPT_UNITE = 10_000  # ETPT are stored in ten-thousandths (4 decimals at most in the file)

_MONTANT = re.compile(r"-?\d{1,13},\d{2}")
_ENTIER = re.compile(r"\d{1,9}")
_ETPT = re.compile(r"-?\d{1,7}(?:,\d{1,4})?")
_MOIS = re.compile(r"\d{4}(0[1-9]|1[0-2])")
ATTENDU_MONTANT = "attendu un montant à deux décimales et virgule décimale, ex. « -1234,56 »"

#: Fields of the header and the trailer after the record type: (name, format, what is expected).
CHAMPS_ENTETE: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("identifiant de flux", re.compile(r"[A-Z0-9][A-Z0-9_-]{0,34}"),
     "attendu 1 à 35 majuscules, chiffres, « - » ou « _ », ex. « PAY-MESR-202603-01 »"),
    ("mois", _MOIS, "attendu un mois AAAAMM, ex. « 202603 »"),
    ("ministère", re.compile(r"[A-Z]{2,6}"), "attendu 2 à 6 majuscules, ex. « MESR »"),
    ("émetteur", re.compile(r".{1,30}"), "attendu un texte de 1 à 30 caractères"),
)
CHAMPS_FIN: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("nombre de lignes", _ENTIER, "attendu un nombre entier, ex. « 3 »"),
    ("montant total", _MONTANT, ATTENDU_MONTANT),
)
#: Fields of a detail line after the record type, in the file's order.
CHAMPS_DETAIL: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("centre financier", re.compile(r"BG00/\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"),
     "attendu BG00/programme-BOP-UO, ex. « BG00/0150-CSUP-DR75 »"),
    ("domaine fonctionnel", re.compile(r"\d{4}-\d{2}(-\d{2})?"), "attendu PPPP-AA ou PPPP-AA-SS, ex. « 0150-01-01 »"),
    ("activité", re.compile(r"[0-9A-Z]{12}"), "attendu 12 chiffres ou majuscules sans BG00/, ex. « 015001010101 »"),
    ("catégorie", re.compile(r"\d{2}"), "attendu 2 chiffres, ex. « 21 »"),
    ("compte PCE", re.compile(r"PCE/\d{10}"), "attendu PCE/ et 10 chiffres, ex. « PCE/6411100000 »"),
    ("montant", _MONTANT, ATTENDU_MONTANT),
    ("ETPT", _ETPT, "attendu un décimal à virgule, 4 décimales au plus, ex. « 171,5 »"),
)
_N_ENTETE, _N_DETAIL, _N_FIN = 1 + len(CHAMPS_ENTETE), 1 + len(CHAMPS_DETAIL), 1 + len(CHAMPS_FIN)


# --- Results --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RejetFichier:
    code: str
    motif: str
    ligne: int | None = None
    champ: str = ""


class _Rejet(Exception):
    """A whole-file check failed (a business result, not an error of the sandbox)."""

    def __init__(self, rejet: RejetFichier) -> None:
        super().__init__(rejet.motif)
        self.rejet = rejet


def court(valeur: str, longueur: int = 60) -> str:
    """A value quoted in a motif, cut when it is long (a malformed line may be megabytes long)."""
    return valeur if len(valeur) <= longueur else valeur[:longueur] + "…"


def _rejeter(code: str, motif: str, ligne: int | None = None, champ: str = "") -> _Rejet:
    return _Rejet(RejetFichier(code, motif, ligne, champ))


@dataclass(slots=True)
class _Detail:
    """A detail line once split: its fields, its readable amount and ETPT (None: unreadable)."""

    numero: int
    champs: list[str] | None
    montant: Centimes | None = None
    etpt: int | None = None
    n_champs: int = 0


@dataclass
class _Fichier:
    """The file as read: physical lines, the header and trailer fields, the detail lines."""

    lignes: list[str]
    entete: list[str] = field(default_factory=list)
    fin: list[str] = field(default_factory=list)
    details: list[_Detail] = field(default_factory=list)

    @functools.cached_property
    def montant(self) -> Centimes:
        return sum(d.montant for d in self.details if d.montant is not None)

    @functools.cached_property
    def etpt(self) -> int:
        return sum(d.etpt for d in self.details if d.etpt is not None)


# --- Reading the file -----------------------------------------------------------------------------
def mio(octets: int) -> str:
    """A size in Mio as a French screen writes it: ``200,0``."""
    return f"{octets / 2**20:.1f}".replace(".", ",")


def motif_trop_volumineux(taille: int) -> str:
    return f"Fichier trop volumineux : {mio(taille)} Mio pour {LIMITE_MIO} Mio au plus."


def decouper(contenu: bytes) -> list[str]:
    """The file's physical lines (LF or CRLF, a final line end optional, a BOM ignored)."""
    if not contenu.strip():
        raise _rejeter("fichier-vide", "Fichier vide : aucun enregistrement.")
    try:
        texte = contenu.decode("utf-8")
    except UnicodeDecodeError as exc:
        ligne = contenu.count(b"\n", 0, exc.start) + 1
        raise _rejeter("encodage", f"Encodage invalide ligne {ligne} : le fichier doit être en UTF-8 "
                                   f"(octet 0x{contenu[exc.start]:02X} illisible).", ligne) from None
    lignes = texte.removeprefix("\ufeff").split("\n")
    if lignes[-1] == "":
        lignes.pop()
    return [ligne.removesuffix("\r") for ligne in lignes]


def _type(ligne: str) -> str:
    return ligne.split(";", 1)[0]


def controler_structure(lignes: list[str]) -> _Fichier:
    """Record types, their places, the trailer's presence; then the header and trailer fields."""
    types = [_type(ligne) for ligne in lignes]
    for numero, genre in enumerate(types, start=1):
        if genre not in TYPES:
            raise _rejeter("type-inconnu", f"Ligne {numero} : type d'enregistrement « {court(genre)} » inconnu "
                                           "(types : 00, 10, 99).", numero, "type d'enregistrement")
    if types[0] != ENTETE:
        raise _rejeter("en-tete-absent", f"En-tête absent : la ligne 1 est un enregistrement « {types[0]} », "
                                         "l'en-tête (00) est attendu.", 1)
    _controler_places(types)
    if types[-1] != FIN:
        raise _rejeter("fichier-tronque", "Fichier tronqué : l'enregistrement de fin (99) est absent "
                                          f"(dernière ligne lue : {len(lignes)}).", len(lignes))
    fichier = _Fichier(lignes)
    fichier.details = [_lire_detail(n, lignes[n - 1]) for n in range(2, len(lignes))]
    fichier.entete = _champs_controles(lignes[0], 1, ENTETE, _N_ENTETE, CHAMPS_ENTETE)
    fichier.fin = _champs_controles(lignes[-1], len(lignes), FIN, _N_FIN, CHAMPS_FIN)
    return fichier


def _controler_places(types: list[str]) -> None:
    fin_vue = False
    for numero, genre in enumerate(types[1:], start=2):
        raison = ("second en-tête" if genre == ENTETE else "seconde fin" if fin_vue and genre == FIN
                  else "après l'enregistrement de fin" if fin_vue else "")
        if raison:
            raise _rejeter("enregistrement-mal-place",
                           f"Ligne {numero} : enregistrement « {genre} » mal placé ({raison}).", numero)
        fin_vue = fin_vue or genre == FIN


def _champs_controles(ligne: str, numero: int, genre: str, attendus: int,
                      formats: tuple[tuple[str, re.Pattern[str], str], ...]) -> list[str]:
    champs = ligne.split(";")
    if len(champs) != attendus:
        raise _rejeter("nombre-de-champs", f"Ligne {numero} ({NOMS_ENREGISTREMENTS[genre]}) : {len(champs)} champs "
                                           f"au lieu de {attendus}.", numero)
    for (nom, motif, attendu), valeur in zip(formats, champs[1:], strict=True):
        if not motif.fullmatch(valeur):
            raise _rejeter("champ-mal-forme", f"Ligne {numero}, {nom} : valeur « {court(valeur)} » mal formée ({attendu}).",
                           numero, nom)
    return champs[1:]


def centimes_du_fichier(texte: str) -> Centimes:
    """``-1250,00`` → -125000 (the format was checked before)."""
    return int(texte[:-3] + texte[-2:])


def etpt_du_fichier(texte: str) -> int:
    """``171,5`` → 1 715 000 ten-thousandths (the format was checked before)."""
    if texte == "0":  # most lines (catégories 22 and 23 carry no ETPT)
        return 0
    entier, _, decimales = texte.partition(",")
    signe = -1 if entier.startswith("-") else 1
    return signe * (abs(int(entier)) * ETPT_UNITE + int(decimales.ljust(4, "0")))


def _lire_detail(numero: int, ligne: str) -> _Detail:
    champs = ligne.split(";")
    if len(champs) != _N_DETAIL:
        return _Detail(numero, None, n_champs=len(champs))
    montant, etpt = champs[6], champs[7]
    return _Detail(numero, champs, centimes_du_fichier(montant) if _MONTANT.fullmatch(montant) else None,
                   etpt_du_fichier(etpt) if _ETPT.fullmatch(etpt) else None)


# --- The référentiel a flow is checked against, read once ------------------------------------------
@dataclass
class Referentiel:
    ministere: str
    exercice: int
    uos: dict[str, str]  # centre financier → programme
    ministeres: dict[str, str]  # programme → ministère
    uos_t2: set[str]
    domaines: set[str]
    activites: set[str]
    comptes: list[m.ComptePaye]  # longest prefix first

    @classmethod
    def lire(cls, depot: Depot, ministere: str, exercice: int) -> Referentiel:
        uos_t2 = {e.code for e in depot.enveloppes(exercice, "uo") if e.titre == "2" and (e.ae_ouverts or e.cp_ouverts)}
        return cls(ministere, exercice, {u.code: u.programme for u in depot.lister(m.UniteOperationnelle)},
                   {p.numero: p.ministere for p in depot.lister(m.Programme)}, uos_t2,
                   {d.code for d in depot.lister(m.DomaineFonctionnel)}, {a.code for a in depot.lister(m.Activite)},
                   sorted(depot.lister(m.ComptePaye), key=lambda c: -len(c.prefixe)))

    def compte(self, code: str) -> m.ComptePaye | None:
        return next((c for c in self.comptes if code.startswith(c.prefixe)), None)


@dataclass(frozen=True)
class Imputation:
    programme: str
    uo: str
    categorie: str
    sous_categorie: str


@dataclass(frozen=True)
class RejetLigne:
    code: str
    champ: str
    valeur: str
    motif: str


Cle = tuple[str, str, str, str, str]


def controler_codes(ref: Referentiel, cle: Cle) -> Imputation | RejetLigne:
    """The checks of a line's codes in the contract's order (§2.2), the same for every line sharing them."""
    for (nom, motif, attendu), valeur in zip(CHAMPS_DETAIL, cle, strict=False):
        if not motif.fullmatch(valeur):
            return RejetLigne("champ-mal-forme", nom, valeur, f"Valeur mal formée pour « {nom} » : « {valeur} » ({attendu}).")
    cf, _df, _activite, _categorie, _compte = cle
    programme = ref.uos.get(cf)
    if programme is None:
        return RejetLigne("centre-financier-inconnu", "centre financier", cf, f"Centre financier inconnu : « {cf} ».")
    autre = ref.ministeres.get(programme, "")
    if autre != ref.ministere:
        return RejetLigne("centre-financier-autre-ministere", "centre financier", cf,
                          f"Le centre financier « {cf} » relève du ministère « {autre} », pas de « {ref.ministere} » "
                          "(en-tête).")
    if cf not in ref.uos_t2:
        return RejetLigne("uo-sans-titre-2", "centre financier", cf, f"L'UO « {cf} » ne porte pas de crédits de titre 2.")
    return _controler_imputation(ref, programme, cle)


def _controler_imputation(ref: Referentiel, programme: str, cle: Cle) -> Imputation | RejetLigne:
    cf, df, activite, categorie, compte = cle
    if df not in ref.domaines or programme_du_code(df) != programme:
        return RejetLigne("domaine-fonctionnel-inconnu", "domaine fonctionnel", df,
                          f"Domaine fonctionnel inconnu ou d'un autre programme : « {df} » (programme {programme}).")
    if f"BG00/{activite}" not in ref.activites or programme_du_code(activite) != programme:
        return RejetLigne("activite-inconnue", "activité", activite,
                          f"Activité inconnue ou d'un autre programme : « {activite} » (programme {programme}).")
    if categorie not in CATEGORIES:
        return RejetLigne("categorie-inconnue", "catégorie", categorie,
                          f"Catégorie inconnue : « {categorie} » (catégories du titre 2 : 21, 22, 23).")
    trouve = ref.compte(compte)
    if trouve is None:
        return RejetLigne("compte-pce-inconnu", "compte PCE", compte, f"Compte PCE inconnu ou hors paye : « {compte} ».")
    if trouve.categorie != categorie:
        return RejetLigne("categorie-compte-incoherents", "catégorie", categorie,
                          f"Catégorie {categorie} et compte PCE « {compte} » incohérents : ce compte relève de la "
                          f"catégorie {trouve.categorie}.")
    return Imputation(programme, cf, categorie, trouve.sous_categorie)


def _rejet_des_valeurs(detail: _Detail, champs: list[str]) -> RejetLigne | None:
    """Malformed amount or ETPT (after the codes' formats, before their meaning: §2.2's order)."""
    for position, (nom, _motif, attendu) in ((6, CHAMPS_DETAIL[5]), (7, CHAMPS_DETAIL[6])):
        lue = detail.montant if position == 6 else detail.etpt
        if lue is None:
            valeur = champs[position]
            return RejetLigne("champ-mal-forme", nom, court(valeur, 200),
                              f"Valeur mal formée pour « {nom} » : « {court(valeur)} » ({attendu}).")
    return None


def _rejet_etpt(imputation: Imputation, etpt: int, valeur: str) -> RejetLigne | None:
    if etpt and imputation.categorie != "21":
        return RejetLigne("etpt-hors-categorie-21", "ETPT", valeur,
                          f"ETPT non nul sur la catégorie {imputation.categorie} : seules les rémunérations "
                          "d'activité (21) portent des ETPT.")
    return None


# --- Line by line ---------------------------------------------------------------------------------
CleAgregat = tuple[str, str, str, str, str, str, str]  # programme, UO, catégorie, sous-catégorie, compte, DF, activité


@dataclass
class Tri:
    """The detail lines sorted: integrated (aggregated by imputation) and rejected (with their motif)."""

    agregats: dict[CleAgregat, list[int]] = field(default_factory=dict)  # [montant, etpt, lignes]
    rejets: list[dict[str, Any]] = field(default_factory=list)
    integrees: int = 0
    montant: Centimes = 0
    etpt: int = 0


def trier(ctx: Contexte, ref: Referentiel, details: list[_Detail]) -> Tri:
    """Check each detail line; a valid one is added to its imputation's aggregate."""
    tri = Tri()
    cache: dict[Cle, Imputation | RejetLigne] = {}
    for detail in details:
        champs = detail.champs
        if champs is None:
            motif = f"{detail.n_champs} champs au lieu de {_N_DETAIL}."
            _rejeter_ligne(tri, detail, RejetLigne("nombre-de-champs", "", "", motif))
            continue
        cle = (champs[1], champs[2], champs[3], champs[4], champs[5])
        verdict = cache.get(cle)
        if verdict is None:
            verdict = cache[cle] = _verdict(ctx, ref, cle)
        rejet = _premier_rejet(verdict, detail, champs)
        if rejet is not None:
            _rejeter_ligne(tri, detail, rejet)
        elif isinstance(verdict, Imputation):
            _integrer_ligne(tri, verdict, champs, detail)
    return tri


def _verdict(ctx: Contexte, ref: Referentiel, cle: Cle) -> Imputation | RejetLigne:
    verdict = controler_codes(ref, cle)
    if isinstance(verdict, RejetLigne):
        return verdict
    imputee = regles.sous_categorie_imputee(ctx, verdict.categorie, verdict.sous_categorie)
    return Imputation(verdict.programme, verdict.uo, verdict.categorie, imputee)


def _premier_rejet(verdict: Imputation | RejetLigne, detail: _Detail, champs: list[str]) -> RejetLigne | None:
    """The contract's order: the codes' formats, the amount's and ETPT's, the codes' meaning, the ETPT's."""
    if isinstance(verdict, RejetLigne) and verdict.code == "champ-mal-forme":
        return verdict
    rejet = _rejet_des_valeurs(detail, champs)
    if rejet is not None or isinstance(verdict, RejetLigne):
        return rejet or verdict  # type: ignore[return-value]
    return _rejet_etpt(verdict, detail.etpt or 0, champs[7])


def _rejeter_ligne(tri: Tri, detail: _Detail, rejet: RejetLigne) -> None:
    tri.rejets.append({"ligne": detail.numero, "code": rejet.code, "champ": rejet.champ, "valeur": rejet.valeur,
                       "montant": detail.montant, "motif": rejet.motif})


def _integrer_ligne(tri: Tri, imputation: Imputation, champs: list[str], detail: _Detail) -> None:
    montant, etpt = detail.montant or 0, detail.etpt or 0
    cle = (imputation.programme, imputation.uo, imputation.categorie, imputation.sous_categorie, champs[5],
           champs[2], f"BG00/{champs[3]}")
    agregat = tri.agregats.get(cle)
    if agregat is None:
        tri.agregats[cle] = [montant, etpt, 1]
    else:
        agregat[0] += montant
        agregat[1] += etpt
        agregat[2] += 1
    tri.integrees += 1
    tri.montant += montant
    tri.etpt += etpt


# --- The operation: deposit a flow ----------------------------------------------------------------
def integrer_flux_paye(depot: Depot, ctx: Contexte, contenu: bytes, fichier: str = "", auteur: str = "",
                       perimetres: tuple[str, ...] | None = None) -> m.DepotPaye:
    """Deposit a payroll flow: the compte rendu is recorded whatever the outcome (a rejection is a
    business result). ``perimetres``: the codes the depositor may deposit for (None: everywhere)."""
    numero = f"DEP-{ctx.exercice}-{depot.prochain_numero(f'depot-paye-{ctx.exercice}', 0):06d}"
    compte_rendu = m.DepotPaye(numero, INTERFACE, None, fichier[:255], "", "", "", ctx.exercice, ctx.horodatage(),
                               auteur, REJETE)
    lu: _Fichier | None = None
    try:
        lignes = decouper(contenu)
        lu = _Fichier(lignes, details=[])
        _lire_entete_brut(compte_rendu, lignes[0])
        lu = controler_structure(lignes)
        _controler_fichier(depot, ctx, lu, perimetres)
    except _Rejet as rejet:
        _rejeter_fichier(compte_rendu, rejet.rejet, lu)
    else:
        _integrer(depot, ctx, compte_rendu, lu)
    compte_rendu.uos = ",".join(sorted(_uos_connues(depot, lu))) if lu else ""
    depot.ajouter(compte_rendu)
    detail = f"{compte_rendu.statut} : {compte_rendu.lignes_integrees}/{compte_rendu.lignes_fichier} lignes"
    depot.ajouter(m.Evenement(compte_rendu.depose_le, "Intégration d'un flux de paye", numero, detail))
    return compte_rendu


def _lire_entete_brut(compte_rendu: m.DepotPaye, ligne: str) -> None:
    """What the header says, read before it is checked (the compte rendu shows it even when rejected)."""
    champs = ligne.split(";")
    if champs[0] != ENTETE:
        return
    valeurs = [*champs[1:5], "", "", "", ""]
    compte_rendu.flux = court(valeurs[0], 200) or None
    compte_rendu.mois, compte_rendu.ministere = court(valeurs[1], 40), court(valeurs[2], 40)
    compte_rendu.emetteur = court(valeurs[3], 200)


def _controler_fichier(depot: Depot, ctx: Contexte, lu: _Fichier, perimetres: tuple[str, ...] | None) -> None:
    """The whole-file checks after the structure (§2.1), in the contract's order."""
    if not lu.details:
        raise _rejeter("sans-detail", "Flux sans ligne de détail.")
    numero_fin = len(lu.lignes)
    ecart = regles.ecart_fin_de_flux(ctx, int(lu.fin[0]), len(lu.details), centimes_du_fichier(lu.fin[1]), lu.montant)
    if ecart is not None:
        raise _rejeter(ecart[0], ecart[2], numero_fin, ecart[1])
    flux, mois, ministere = lu.entete[0], lu.entete[1], lu.entete[2]
    if depot.trouver(m.Ministere, ministere) is None:
        raise _rejeter("ministere-inconnu", f"Ministère inconnu : « {ministere} ».", 1, "ministère")
    if int(mois[:4]) != ctx.exercice:
        raise _rejeter("mois-hors-exercice", f"Mois {mois[4:]}/{mois[:4]} hors de l'exercice {ctx.exercice} : la paye "
                                             "s'impute sur l'exercice en cours.", 1, "mois")
    motif = regles.flux_deja_integre(ctx, flux, _integration(depot, flux))
    if motif is not None:
        raise _rejeter("flux-deja-integre", motif, 1, "identifiant de flux")
    if perimetres is not None:
        _controler_perimetres(depot, lu, perimetres)


def _integration(depot: Depot, flux: str) -> tuple[dt.datetime, str] | None:
    """When and by which deposit ``flux`` is integrated now (a cancelled one no longer is)."""
    integres = [d for d in selectionner(depot, m.DepotPaye, "numero", flux=flux) if d.statut in INTEGRATIONS]
    return (integres[-1].depose_le, integres[-1].numero) if integres else None


def _controler_perimetres(depot: Depot, lu: _Fichier, perimetres: tuple[str, ...]) -> None:
    from chorus_sandbox.domaine.habilitations import couvre  # habilitations imports this module

    connues = {u.code for u in depot.lister(m.UniteOperationnelle)}
    permis: dict[str, bool] = {}
    for detail in lu.details:
        cf = detail.champs[1] if detail.champs else ""
        if cf not in connues:
            continue  # malformed or unknown: the line's own rejection says so
        if cf not in permis:
            permis[cf] = any(couvre(p, cf) for p in perimetres)
        if not permis[cf]:
            raise _rejeter("hors-perimetre", f"Ligne {detail.numero} : le centre financier « {cf} » est hors de vos "
                                             "périmètres ; le flux n'est pas intégré.", detail.numero, "centre financier")


def _uos_connues(depot: Depot, lu: _Fichier) -> set[str]:
    connues = {u.code for u in depot.lister(m.UniteOperationnelle)}
    return {d.champs[1] for d in lu.details if d.champs and d.champs[1] in connues}


def _rejeter_fichier(compte_rendu: m.DepotPaye, rejet: RejetFichier, lu: _Fichier | None) -> None:
    compte_rendu.statut = REJETE
    compte_rendu.rejet_code, compte_rendu.rejet_motif = rejet.code, rejet.motif
    compte_rendu.rejet_ligne, compte_rendu.rejet_champ = rejet.ligne, rejet.champ
    if lu is not None and not lu.details:  # split into lines, the details not read yet
        lu.details = [_lire_detail(n, lu.lignes[n - 1]) for n in range(1, len(lu.lignes) + 1)
                      if _type(lu.lignes[n - 1]) == DETAIL]
    details = lu.details if lu else []
    compte_rendu.lignes_fichier = compte_rendu.lignes_rejetees = len(details)
    compte_rendu.montant_fichier = compte_rendu.montant_rejete = lu.montant if lu else 0
    compte_rendu.etpt_fichier = compte_rendu.etpt_rejete = lu.etpt if lu else 0


def _integrer(depot: Depot, ctx: Contexte, compte_rendu: m.DepotPaye, lu: _Fichier) -> None:
    """Line by line: valid lines consume T2 (aggregated), rejected ones are kept with their motif."""
    flux, mois, ministere = lu.entete[0], lu.entete[1], lu.entete[2]
    tri = trier(ctx, Referentiel.lire(depot, ministere, ctx.exercice), lu.details)
    compte_rendu.lignes_fichier, compte_rendu.lignes_integrees = len(lu.details), tri.integrees
    compte_rendu.lignes_rejetees = len(tri.rejets)
    compte_rendu.montant_fichier, compte_rendu.montant_integre = lu.montant, tri.montant
    compte_rendu.montant_rejete = lu.montant - tri.montant
    compte_rendu.etpt_fichier, compte_rendu.etpt_integre, compte_rendu.etpt_rejete = lu.etpt, tri.etpt, lu.etpt - tri.etpt
    compte_rendu.statut = INTEGRE if not tri.rejets else PARTIEL if tri.integrees else REJETE
    for rejet in tri.rejets:
        rejet["depot"] = compte_rendu.numero
    inserer_en_masse(depot, m.RejetPaye, tri.rejets)
    alertes = _imputer(depot, ctx, compte_rendu.numero, flux, int(mois[4:]), ministere, tri.agregats)
    compte_rendu.alertes = json.dumps(alertes, ensure_ascii=False)


def _imputer(depot: Depot, ctx: Contexte, numero: str, flux: str, mois: int, ministere: str,
             agregats: dict[CleAgregat, list[int]], sens: str = "intégration") -> list[dict[str, str]]:
    """Consume T2 AE = CP on each UO, write the imputations; the alerts of what went beyond."""
    par_uo: dict[str, int] = {}
    lignes = []
    for (programme, uo, categorie, sous_categorie, compte, df, activite), (montant, etpt, n) in agregats.items():
        par_uo[uo] = par_uo.get(uo, 0) + montant
        etpt_compte = regles.etpt_consommes(ctx, etpt) if sens == "intégration" else etpt
        lignes.append({"depot": numero, "flux": flux, "exercice": ctx.exercice, "mois": mois, "ministere": ministere,
                       "programme": programme, "uo": uo, "categorie": categorie, "sous_categorie": sous_categorie,
                       "compte": compte, "domaine_fonctionnel": df, "activite": activite, "montant": montant,
                       "etpt": etpt_compte, "lignes": n, "sens": sens})
    alertes = [a for uo, montant in sorted(par_uo.items()) for a in _consommer_t2(depot, ctx, uo, montant)]
    inserer_en_masse(depot, m.ImputationPaye, lignes)
    if sens == "intégration":
        programmes = sorted({cle[0] for cle, valeurs in agregats.items() if valeurs[1]})
        alertes += [a for p in programmes if (a := _alerte_plafond(depot, ctx, ministere, p)) is not None]
    return alertes


def _consommer_t2(depot: Depot, ctx: Contexte, uo: str, montant: Centimes) -> list[dict[str, str]]:
    env = depot.enveloppe(ctx.exercice, "uo", uo, "2")
    disponibles = {"AE": env.ae_disponibles, "CP": env.cp_disponibles}
    env.ae_engages += montant
    env.ae_engages_hors_tf += montant
    env.cp_consommes += montant
    return [a for credits, disponible in disponibles.items()
            if (a := alerte_t2(uo, credits, disponible, montant)) is not None]


def alerte_t2(uo: str, credits: str, disponible: Centimes, impute: Centimes) -> dict[str, str] | None:
    depassement = regles.depassement_credits(impute, disponible)
    if not depassement:
        return None
    message = (f"Dépassement du titre 2 disponible sur l'UO {uo} ({credits}) : {format_montant(impute)} imputés "
               f"pour {format_montant(disponible)} disponibles, dépassement de {format_montant(depassement)}.")
    return {"code": "depassement-t2", "centre_financier": uo, "credits": credits, "disponible": euros(disponible),
            "impute": euros(impute), "depassement": euros(depassement), "message": message}


def _alerte_plafond(depot: Depot, ctx: Contexte, ministere: str, programme: str) -> dict[str, str] | None:
    plafond = plafonds_emplois(depot, ctx.exercice).get(programme, 0) * ETPT_UNITE
    consomme = sum(i.etpt for i in selectionner(depot, m.ImputationPaye, programme=programme, exercice=ctx.exercice))
    if consomme <= plafond:
        return None
    message = (f"Plafond d'emplois du programme {programme} dépassé : {etpt_fr(consomme)} ETPT consommés pour un "
               f"plafond de {etpt_fr(plafond)} ETPT.")
    return {"code": "depassement-plafond-emplois", "ministere": ministere, "programme": programme,
            "plafond": etpt_texte(plafond), "consomme": etpt_texte(consomme),
            "depassement": etpt_texte(consomme - plafond), "message": message}


# --- Cancelling a flow ----------------------------------------------------------------------------
def annuler_flux_paye(depot: Depot, ctx: Contexte, flux: str, motif: str = "", auteur: str = "") -> m.DepotPaye:
    """Reverse every integrated line of ``flux`` (AE, CP and ETPT given back, in its month)."""
    cible = depot_du_flux(depot, flux)
    if cible.statut == ANNULE:
        raise RegleDeGestion(f"Le flux « {flux} » est déjà annulé.")
    if cible.statut not in INTEGRATIONS:
        raise RegleDeGestion(f"Le flux « {flux} » n'a rien intégré : rien à annuler.")
    imputations = selectionner(depot, m.ImputationPaye, depot=cible.numero, sens="intégration")
    agregats = {(i.programme, i.uo, i.categorie, i.sous_categorie, i.compte, i.domaine_fonctionnel, i.activite):
                [-i.montant, -i.etpt, i.lignes] for i in imputations}
    mois = imputations[0].mois if imputations else int(cible.mois[4:] or 1)
    _imputer(depot, ctx, cible.numero, flux, mois, cible.ministere, agregats, sens="annulation")
    cible.statut, cible.annule_le, cible.annule_par = ANNULE, ctx.horodatage(), auteur
    cible.motif_annulation = motif.strip()[:400]
    depot.ajouter(m.Evenement(cible.annule_le, "Annulation d'un flux de paye", cible.numero, f"flux {flux}"))
    return cible


# --- Reading ---------------------------------------------------------------------------------------
def depots_paye(depot: Depot, mois: str = "", ministere: str = "") -> list[m.DepotPaye]:
    """The deposits the reader sees, most recent first."""
    trouves = [d for d in depot.lister(m.DepotPaye) if (not mois or d.mois == mois)
               and (not ministere or d.ministere == ministere)]
    return sorted(trouves, key=lambda d: (d.depose_le, d.numero), reverse=True)


def depot_paye(depot: Depot, numero: str) -> m.DepotPaye:
    trouve = depot.trouver(m.DepotPaye, numero)
    if trouve is None:
        raise ObjetInconnu(f"Dépôt « {numero} » inconnu.")
    return trouve


def depot_du_flux(depot: Depot, flux: str) -> m.DepotPaye:
    """The deposit that integrated ``flux`` (intégré, partiellement, annulé), else its last one."""
    tous = sorted(selectionner(depot, m.DepotPaye, "numero", flux=flux), key=lambda d: d.numero)
    integres = [d for d in tous if d.statut in (*INTEGRATIONS, ANNULE)]
    if not tous:
        raise ObjetInconnu(f"Flux « {flux} » inconnu.")
    choisi = (integres or tous)[-1]
    return depot.trouver(m.DepotPaye, choisi.numero) or choisi  # through the reader's périmètre


def rejets(depot: Depot, numero: str) -> list[m.RejetPaye]:
    return selectionner(depot, m.RejetPaye, "ligne", depot=numero)


def euros(centimes: Centimes) -> str:
    signe = "-" if centimes < 0 else ""
    return f"{signe}{abs(centimes) // 100}.{abs(centimes) % 100:02d}"


def etpt_texte(etpt: int) -> str:
    """Ten-thousandths → ``"171.5000"`` (the API's ETPT strings)."""
    signe = "-" if etpt < 0 else ""
    return f"{signe}{abs(etpt) // ETPT_UNITE}.{abs(etpt) % ETPT_UNITE:04d}"


def etpt_fr(etpt: int) -> str:
    """Ten-thousandths → ``171,5`` (French, no useless zero, thousands by a NBSP)."""
    signe = "-" if etpt < 0 else ""
    entier, reste = divmod(abs(etpt), ETPT_UNITE)
    decimales = f"{reste:04d}".rstrip("0")
    groupes = f"{entier:,}".replace(",", "\u00a0")
    return f"{signe}{groupes}{',' + decimales if decimales else ''}"


def vue_compte_rendu(cr: m.DepotPaye, lignes_rejetees: Iterable[m.RejetPaye] | None = None) -> dict[str, Any]:
    """The compte rendu as the contract writes it (§4); without ``rejets`` and ``alertes`` for a list."""
    vue: dict[str, Any] = {
        "interface": cr.interface, "depot": cr.numero, "flux": cr.flux, "fichier": cr.fichier,
        "entete": {k: v for k, v in (("mois", cr.mois), ("ministere", cr.ministere), ("emetteur", cr.emetteur)) if v},
        "depose_le": cr.depose_le.isoformat(timespec="seconds"), "depose_par": cr.depose_par, "statut": cr.statut,
        "lignes": {"fichier": cr.lignes_fichier, "integrees": cr.lignes_integrees, "rejetees": cr.lignes_rejetees},
        "montants": {"fichier": euros(cr.montant_fichier), "integre": euros(cr.montant_integre),
                     "rejete": euros(cr.montant_rejete)},
        "etpt": {"fichier": etpt_texte(cr.etpt_fichier), "integre": etpt_texte(cr.etpt_integre),
                 "rejete": etpt_texte(cr.etpt_rejete)},
        "rejet_fichier": {"code": cr.rejet_code, "ligne": cr.rejet_ligne, "champ": cr.rejet_champ or None,
                          "motif": cr.rejet_motif} if cr.rejet_code else None,
        "annulation": {"le": cr.annule_le.isoformat(timespec="seconds"), "par": cr.annule_par,
                       "motif": cr.motif_annulation} if cr.annule_le else None,
    }
    if lignes_rejetees is not None:
        vue["rejets"] = [{"ligne": r.ligne, "code": r.code, "champ": r.champ or None, "valeur": r.valeur,
                          "montant": None if r.montant is None else euros(r.montant), "motif": r.motif}
                         for r in lignes_rejetees]
        vue["alertes"] = json.loads(cr.alertes or "[]")
    return vue


# --- Titre 2 by catégorie and the emplois -----------------------------------------------------------
def plafonds_emplois(depot: Depot, exercice: int) -> dict[str, int]:
    """Plafond d'emplois (ETPT) of each programme: the T2 lines of the exercice's lois de finances."""
    plafonds: dict[str, int] = {}
    for loi in depot.lister(m.LoiDeFinances):
        if loi.exercice == exercice:
            for ligne in loi.lignes:
                if ligne.titre == "2" and ligne.etpt:
                    plafonds[ligne.programme] = plafonds.get(ligne.programme, 0) + ligne.etpt
    return plafonds


@dataclass(frozen=True)
class ConsommationT2:
    """T2 consumed (AE = CP) by rubrique and month on one level (programme, BOP or UO)."""

    niveau: str
    code: str
    ae_ouverts: Centimes
    cp_ouverts: Centimes
    par_rubrique: dict[tuple[str, str], dict[int, Centimes]]

    def total(self, rubrique: tuple[str, str]) -> Centimes:
        return sum(self.par_rubrique.get(rubrique, {}).values())

    def du_mois(self, mois: int) -> Centimes:
        return sum(par_mois.get(mois, 0) for par_mois in self.par_rubrique.values())

    @property
    def consomme(self) -> Centimes:
        return sum(self.total((c, s)) for c, s, _ in RUBRIQUES)


def consommation_t2(depot: Depot, exercice: int, niveau: str, code: str) -> ConsommationT2:
    """T2 of a programme, BOP or UO: credits received and consumption by rubrique and month."""
    classes: dict[str, tuple[type, str]] = {"programme": (m.Programme, "Programme"), "bop": (m.Bop, "BOP"),
                                            "uo": (m.UniteOperationnelle, "UO")}
    classe, libelle = classes[niveau]
    if depot.trouver(classe, code) is None:  # outside the reader's périmètre: AccesRefuse (403)
        raise ObjetInconnu(f"{libelle} inconnu(e) : {code}")
    prefixe = code if niveau == "uo" else f"BG00/{code}-"
    par_rubrique: dict[tuple[str, str], dict[int, Centimes]] = {}
    for i in depot.lister(m.ImputationPaye):
        if i.exercice == exercice and (i.uo == code or (niveau != "uo" and i.uo.startswith(prefixe))):
            par_mois = par_rubrique.setdefault((i.categorie, i.sous_categorie), {})
            par_mois[i.mois] = par_mois.get(i.mois, 0) + i.montant
    propre = next((e for e in depot.enveloppes(exercice, niveau) if e.code == code and e.titre == "2"), None)
    ae, cp = (propre.ae_ouverts - propre.ae_reserves, propre.cp_ouverts - propre.cp_reserves) if propre else (0, 0)
    return ConsommationT2(niveau, code, ae, cp, par_rubrique)


@dataclass(frozen=True)
class SuiviEmplois:
    """Plafond d'emplois of a programme (or a whole ministère) and its ETPT consumed month by month."""

    ministere: str
    programme: str  # "" for the ministère's total
    plafond: int  # ten-thousandths
    par_mois: dict[int, int]

    @property
    def consomme(self) -> int:
        return sum(self.par_mois.values())

    @property
    def ecart(self) -> int:
        """Plafond − consumed: negative when over the plafond."""
        return self.plafond - self.consomme


def suivi_emplois(depot: Depot, exercice: int) -> list[SuiviEmplois]:
    """Per ministère: one line per programme with a plafond or a consumption, then the ministère's
    total (programme "")."""
    plafonds = plafonds_emplois(depot, exercice)
    ministeres = {p.numero: p.ministere for p in depot.lister(m.Programme)}
    par_programme: dict[str, dict[int, int]] = {}
    for i in depot.lister(m.ImputationPaye):
        if i.exercice == exercice and i.etpt:
            par_mois = par_programme.setdefault(i.programme, {})
            par_mois[i.mois] = par_mois.get(i.mois, 0) + i.etpt
    programmes = sorted((set(plafonds) | set(par_programme)) & set(ministeres))
    lignes = [SuiviEmplois(ministeres[p], p, plafonds.get(p, 0) * ETPT_UNITE, par_programme.get(p, {}))
              for p in programmes]
    totaux = []
    for ministere in sorted({x.ministere for x in lignes}):
        siens = [x for x in lignes if x.ministere == ministere]
        cumul: dict[int, int] = {}
        for x in siens:
            for mois, etpt in x.par_mois.items():
                cumul[mois] = cumul.get(mois, 0) + etpt
        totaux.append(SuiviEmplois(ministere, "", sum(x.plafond for x in siens), cumul))
    return sorted(lignes + totaux, key=lambda x: (x.ministere, not x.programme, x.programme))

