"""Year-end closing of exercice N and the campagne des reports to N+1 (domaine-chorus.md §5–§6).

Amounts in cents, per programme P × titre t of N. "All levels" means the enveloppes of P, of its
BOPs and of its UOs for t (their ``*_disponibles`` add up to what the programme still holds).

**Clôture** (:func:`cloturer_exercice`) stores, per P × t × nature, the non-consumed base and
the reportable amount (:class:`~chorus_sandbox.domaine.modele.LigneReportable`):

1. ``AENE`` (AE only): Σ over the TFs of N on P × t of ``ae_affectées − ae_engagées``
   (``regles.aene_reportables``, defect ``aene-mauvaise-base``); reportable = that sum, 0 on T2
   (``regles.ae_reportables_sur_titre``). Per-TF detail: ``Cloture.tranches``.
2. ``FDC`` (fonds de concours, outside any cap): receipts R_AE, R_CP = Σ rattachements of N on
   P × t (plus fonds de concours carried into N by an earlier arrêté). FdC credits are spent
   last, so FdC spending = consumption beyond the non-FdC credits, and what is left of them is
   ``FDC CP = min(R_CP, max(U, 0))`` with ``U = Σ cp_disponibles`` over all levels (CP ouverts −
   réservés − consommés), ``FDC AE = min(R_AE, max(D, 0))`` with ``D = Σ ae_disponibles`` over
   all levels (AE neither engaged nor affected: affected AE go through the AENE). Reportable:
   CP as is (also on T2), AE 0 on T2.
3. ``CP``: base ``B(t) = max(U, 0) − FDC CP`` (réserve and fonds de concours excluded).
   T2: reportable 0 (``regles.cp_t2_reportables``, defect ``cp-t2-reportes``). Hors T2: the
   programme's total ``C = min(Σ B(t), plafond)`` (``regles.plafonner_cp_hors_t2``, defect
   ``plafond-cp-3-pourcent-ignore``), ``plafond = floor(LFI_HT2 × taux / 100)`` where LFI_HT2 =
   Σ CP of P's LFI lines of N on titres ≠ 2 and ``taux`` = P's raised rate if the year's list
   (:class:`PlafondReport` with a programme) names it, else the general rate (3 % unless set;
   ``regles.taux_plafond_cp``, defect ``plafond-majore-ignore``). C is split over the hors-T2
   titres in proportion to B(t), largest remainder first, ties by ascending titre
   (:func:`repartir`): the shares add up to C exactly and none exceeds its B(t).
   Available AE outside TFs and fonds de concours are not carried (lost, as in practice).
4. Bascule: every EJ living in N (``exercice_courant`` N, EJ of N or carried into N) whose reste
   à payer is > 0 moves to N+1: ``exercice_courant = N+1`` and one movement 350 dated 01/01/N+1
   per poste whose ``montant − payé`` is > 0, with that amount (``regles.ej_a_basculer``, defect
   ``bascule-ej-soldes``). Soldé or retiré EJs stay in N.
5. N is then closed: the sandbox lives in N+1 (:class:`~chorus_sandbox.domaine.modele.Parametre`
   ``exercice_courant`` and ``date_du_jour``, 01/01/N+1 unless given), so TFs and EJs of N are
   refused by ``regles.controler_exercice_ouvert``. Refused: closing twice, closing an exercice
   that is not the current one, closing before 31/12/N, closing an exercice without LFI.

**Campagne** (states written to :class:`EtapeReport` with author and time, and to the journal):

- :func:`demander_report` (RPROG): lines titre × nature (AENE, CP, FDC) with the AE and CP asked
  for, on the exercice just closed; one live demande per programme (a new one only after an
  avis défavorable). Numbered ``DR`` + N + 6 digits (``DR2026000001``), N = the exercice whose
  credits are carried. States: Déposée → Avis favorable | Avis défavorable → Arrêtée → Intégrée.
- :func:`donner_avis` (contrôleur budgétaire): favorable or défavorable (motif required), once.
- :func:`arreter_reports` (Direction du Budget): takes up demandes with an avis favorable;
  per line ``accordé = min(demandé, reportable)`` for AE and for CP, the three amounts stored.
  Numbered ``AR`` + N + 6 digits. State: Signé → Intégré.
- :func:`integrer_arrete` (AIFE): in N+1 only, opens the granted AE and CP on P's N+1 programme
  enveloppe (``ouverts +=``) with one regulation movement per line ("Report de crédits" or
  "Report de fonds de concours", reference = the arrêté), once
  (``regles.controler_integration_unique``, defect ``arrete-integre-deux-fois``).

Conservation (checked by the property tests), per programme, for CP and AE:
``U_N = reporté + perdu`` where reporté = Σ granted = what the N+1 programme enveloppes hold
beyond their LFI, and perdu = T2 CP base + hors-T2 CP above the cap + non-FdC AE neither engaged
nor affected + AE on T2 (AENE and FdC) + reportable neither asked for nor granted.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import regles
from chorus_sandbox.domaine.codes import programme_du_code, verifier_titre
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ObjetInconnu, RegleDeGestion
from chorus_sandbox.domaine.montants import Centimes, format_montant
from chorus_sandbox.domaine.operations import _journal, obtenir
from chorus_sandbox.domaine.regles import Contexte
from chorus_sandbox.domaine.regulation import FONDS_DE_CONCOURS, _programme

AENE, CP, FDC = "AENE", "CP", "FDC"
NATURES = (AENE, CP, FDC)
REPORT_CREDITS, REPORT_FONDS_DE_CONCOURS = "Report de crédits", "Report de fonds de concours"
PARAMETRE_EXERCICE, PARAMETRE_DATE = "exercice_courant", "date_du_jour"
DEPOSEE, FAVORABLE, DEFAVORABLE = "Déposée", "Avis favorable", "Avis défavorable"
ARRETEE, INTEGREE = "Arrêtée", "Intégrée"
SIGNE, INTEGRE = "Signé", "Intégré"
_AVIS = {"favorable": "favorable", "défavorable": "défavorable", "defavorable": "défavorable"}

Cle = tuple[str, str]  # (programme, titre)


# --- Current exercice ---------------------------------------------------------------------------
def contexte_courant(depot: Depot, defaut: Contexte) -> Contexte:
    """``defaut`` (the dataset's exercice and date) moved to N+1 if a closing happened."""
    exercice = depot.trouver(m.Parametre, PARAMETRE_EXERCICE)
    date = depot.trouver(m.Parametre, PARAMETRE_DATE)
    if exercice is None or date is None:
        return defaut
    return replace(defaut, exercice=int(exercice.valeur), date_du_jour=dt.date.fromisoformat(date.valeur))


def _parametrer(depot: Depot, nom: str, valeur: str) -> None:
    parametre = depot.trouver(m.Parametre, nom)
    if parametre is None:
        depot.ajouter(m.Parametre(nom, valeur))
    else:
        parametre.valeur = valeur


def clotures(depot: Depot) -> list[m.Cloture]:
    return sorted(depot.lister(m.Cloture), key=lambda c: c.exercice)


def cloture(depot: Depot, exercice: int) -> m.Cloture | None:
    return next((c for c in depot.lister(m.Cloture) if c.exercice == exercice), None)


def cloture_de(depot: Depot, exercice: int, programme: str | None = None) -> m.Cloture:
    """The closing of ``exercice`` (refused in French when it is not closed), ``programme`` checked if given."""
    if programme is not None:
        _programme(depot, programme)
    fin = cloture(depot, exercice)
    if fin is None:
        raise ObjetInconnu(f"L'exercice {exercice} n'est pas clos : aucun montant reportable")
    return fin


def _auteur(auteur: str) -> str:
    auteur = (auteur or "").strip()
    if not auteur:
        # refus non provocable : l'auteur est toujours l'utilisateur connecté ; une requête sans session est refusée avant (401)
        raise DonneeInvalide("L'auteur est obligatoire")
    return auteur


def _etape(depot: Depot, ctx: Contexte, objet: str, auteur: str, action: str, statut: str, detail: str) -> None:
    """A state change: one line of the campaign's history and one of the journal."""
    depot.ajouter(m.EtapeReport(objet, ctx.horodatage(), auteur, action, statut, detail))
    _journal(depot, ctx, action, objet, detail)


def historique(depot: Depot, objet: str) -> list[m.EtapeReport]:
    """History of one demande or arrêté, oldest first."""
    return [e for e in depot.lister(m.EtapeReport) if e.objet == objet]


# --- Cap parameters -----------------------------------------------------------------------------
def fixer_plafond_report(
    depot: Depot, ctx: Contexte, exercice: int, taux: Decimal, programme: str = ""
) -> m.PlafondReport:
    """Set the general hors-T2 CP cap rate of ``exercice`` (no programme) or a programme's raised rate."""
    if not isinstance(taux, Decimal) or not taux.is_finite() or not Decimal(0) <= taux <= Decimal(100):
        raise DonneeInvalide(f"Taux de plafond de report invalide : {taux} % (entre 0 et 100)")
    if programme:
        _programme(depot, programme)
    if cloture(depot, exercice) is not None:
        raise RegleDeGestion(f"L'exercice {exercice} est clos : ses plafonds de report ne peuvent plus changer")
    plafond = next((p for p in depot.lister(m.PlafondReport)
                    if p.exercice == exercice and p.programme == programme), None)
    if plafond is None:
        plafond = m.PlafondReport(exercice, programme, taux)
        depot.ajouter(plafond)
    plafond.taux = taux
    objet = f"programme {programme}" if programme else "taux général"
    _journal(depot, ctx, "Plafond de report", str(exercice), f"{objet} : {_taux_texte(taux)} %")
    return plafond


def plafonds_report(depot: Depot, exercice: int) -> list[m.PlafondReport]:
    """The exercice's cap rates, general rate first, then the raised list by programme."""
    return sorted((p for p in depot.lister(m.PlafondReport) if p.exercice == exercice), key=lambda p: p.programme)


def taux_plafond(depot: Depot, ctx: Contexte, exercice: int, programme: str) -> tuple[Decimal, bool]:
    """(rate in %, on the raised list) of the programme's hors-T2 CP cap for ``exercice``."""
    taux = {p.programme: p.taux for p in plafonds_report(depot, exercice)}
    return regles.taux_plafond_cp(ctx, taux.get("", regles.PLAFOND_REPORT_CP_POURCENT), taux.get(programme))


def _taux_texte(taux: Decimal) -> str:
    return format(taux.normalize(), "f").replace(".", ",")


# --- Closing ------------------------------------------------------------------------------------
def cloturer_exercice(
    depot: Depot, ctx: Contexte, exercice: int, auteur: str, date_ouverture: dt.date | None = None
) -> m.Cloture:
    """Close ``exercice`` (the current one): reportable amounts, bascule of EJs, the sandbox moves to N+1."""
    auteur = _auteur(auteur)
    deja = cloture(depot, exercice)
    if deja is not None:
        raise RegleDeGestion(f"L'exercice {exercice} est déjà clos (clôture du {deja.date_cloture:%d/%m/%Y})")
    _controler_cloture(depot, ctx, exercice)
    ouverture = date_ouverture or dt.date(exercice + 1, 1, 1)
    if ouverture.year != exercice + 1:
        raise DonneeInvalide(
            f"La date d'ouverture de l'exercice {exercice + 1} doit être une date de {exercice + 1} "
            f"({ouverture:%d/%m/%Y})"
        )
    fin = m.Cloture(exercice, ctx.date_du_jour, ouverture, auteur, ctx.horodatage())
    fin.tranches = _aene_par_tranche(depot, ctx, exercice)
    sommes = _Sommes(_non_consommes(depot, exercice), recettes_fonds_de_concours(depot, exercice), fin.tranches)
    for programme in sorted({p for p, _ in sommes.non_consommes} | {t.programme for t in fin.tranches}):
        plafond, lignes = _reportables_du_programme(depot, ctx, exercice, programme, sommes)
        fin.plafonds.append(plafond)
        fin.lignes.extend(lignes)
    fin.ej_bascules = len(_basculer(depot, ctx, exercice))
    depot.ajouter(fin)
    _parametrer(depot, PARAMETRE_EXERCICE, str(exercice + 1))
    _parametrer(depot, PARAMETRE_DATE, ouverture.isoformat())
    detail = (f"{fin.ej_bascules} EJ basculés sur {exercice + 1}, exercice {exercice + 1} ouvert le "
              f"{ouverture:%d/%m/%Y} ({auteur})")
    _journal(depot, ctx, "Clôture de l'exercice", str(exercice), detail)
    return fin


def _controler_cloture(depot: Depot, ctx: Contexte, exercice: int) -> None:
    if exercice != ctx.exercice:
        raise RegleDeGestion(f"L'exercice {exercice} ne peut pas être clos : l'exercice courant est {ctx.exercice}")
    if ctx.date_du_jour < dt.date(exercice, 12, 31):
        raise RegleDeGestion(
            f"L'exercice {exercice} ne peut être clos qu'à partir du 31/12/{exercice} "
            f"(date du jour : {ctx.date_du_jour:%d/%m/%Y})"
        )
    if not any(loi.nature == "LFI" and loi.exercice == exercice for loi in depot.lister(m.LoiDeFinances)):
        # refus non provocable : chaque jeu a sa LFI et seul « cloture » est au 31/12 : le bac à sable ne clôt qu'un exercice, sa date n'avance pas
        raise RegleDeGestion(
            f"L'exercice {exercice} ne peut pas être clos : aucune loi de finances initiale n'est intégrée"
        )


def _aene_par_tranche(depot: Depot, ctx: Contexte, exercice: int) -> list[m.AeneTranche]:
    tranches = sorted((t for t in depot.lister(m.TrancheFonctionnelle) if t.exercice == exercice),
                      key=lambda t: t.numero)
    return [m.AeneTranche(t.numero, programme_du_code(t.uo), t.uo, t.titre, t.ae_affectees, t.ae_engagees,
                          regles.aene_reportables(ctx, t)) for t in tranches]


def _non_consommes(depot: Depot, exercice: int) -> dict[Cle, tuple[Centimes, Centimes]]:
    """(Σ ae_disponibles, Σ cp_disponibles) over the programme, its BOPs and its UOs, per titre."""
    cumul: dict[Cle, tuple[Centimes, Centimes]] = defaultdict(lambda: (0, 0))
    for niveau in m.NIVEAUX:
        for env in depot.enveloppes(exercice, niveau):
            cle = (programme_du_code(env.code), env.titre)
            ae, cp = cumul[cle]
            cumul[cle] = (ae + env.ae_disponibles, cp + env.cp_disponibles)
    return dict(cumul)


def recettes_fonds_de_concours(depot: Depot, exercice: int) -> dict[Cle, tuple[Centimes, Centimes]]:
    """(AE, CP) received as fonds de concours in ``exercice`` per programme × titre, carried ones included."""
    cumul: dict[Cle, tuple[Centimes, Centimes]] = defaultdict(lambda: (0, 0))
    for x in depot.lister(m.MouvementRegulation):
        if x.exercice == exercice and x.type_mouvement in (FONDS_DE_CONCOURS, REPORT_FONDS_DE_CONCOURS):
            ae, cp = cumul[x.destination, x.titre_destination]
            cumul[x.destination, x.titre_destination] = (ae + x.ae, cp + x.cp)
    return dict(cumul)


def credits_lfi_cp_hors_t2(depot: Depot, exercice: int, programme: str) -> Centimes:
    """Σ CP of the programme's LFI lines of the exercice on titres other than 2."""
    return sum(x.cp for loi in depot.lister(m.LoiDeFinances) if loi.nature == "LFI" and loi.exercice == exercice
               for x in loi.lignes if x.programme == programme and x.titre != "2")


def repartir(total: Centimes, bases: dict[str, Centimes]) -> dict[str, Centimes]:
    """Split ``total`` over ``bases`` in proportion, largest remainder first (ties: ascending key).

    When ``total`` ≥ Σ bases every key gets its base. The shares add up to ``total`` exactly.
    """
    somme = sum(bases.values())
    if total >= somme:
        return dict(bases)
    parts = {cle: total * base // somme for cle, base in bases.items()}
    ordre = sorted(bases, key=lambda cle: (-(total * bases[cle] % somme), cle))
    for cle in ordre[: total - sum(parts.values())]:
        parts[cle] += 1
    return parts


@dataclass(frozen=True)
class _Sommes:
    """What the closing reads once for every programme."""

    non_consommes: dict[Cle, tuple[Centimes, Centimes]]
    recettes: dict[Cle, tuple[Centimes, Centimes]]
    tranches: list[m.AeneTranche]


def _reportables_du_programme(
    depot: Depot, ctx: Contexte, exercice: int, programme: str, sommes: _Sommes
) -> tuple[m.PlafondCp, list[m.LigneReportable]]:
    non_consommes = {t: v for (p, t), v in sommes.non_consommes.items() if p == programme}
    recettes = {t: v for (p, t), v in sommes.recettes.items() if p == programme}
    aene: dict[str, Centimes] = defaultdict(int)
    for tf in sommes.tranches:
        if tf.programme == programme:
            aene[tf.titre] += tf.aene
    titres = sorted(set(non_consommes) | set(recettes) | set(aene))
    fdc, base_cp = {}, {}
    for titre in titres:
        dispo_ae, dispo_cp = non_consommes.get(titre, (0, 0))
        recu_ae, recu_cp = recettes.get(titre, (0, 0))
        fdc[titre] = (min(recu_ae, max(dispo_ae, 0)), min(recu_cp, max(dispo_cp, 0)))
        base_cp[titre] = max(dispo_cp, 0) - fdc[titre][1]
    plafond = _plafond_cp(depot, ctx, exercice, programme, {t: b for t, b in base_cp.items() if t != "2"})
    parts = repartir(plafond.cp_reportables, {t: b for t, b in base_cp.items() if t != "2"})
    lignes = []
    for titre in titres:
        cp_reportables = regles.cp_t2_reportables(ctx, base_cp[titre]) if titre == "2" else parts[titre]
        candidats = (
            (AENE, aene.get(titre, 0), 0, regles.ae_reportables_sur_titre(titre, aene.get(titre, 0)), 0),
            (CP, 0, base_cp[titre], 0, cp_reportables),
            (FDC, *fdc[titre], regles.ae_reportables_sur_titre(titre, fdc[titre][0]), fdc[titre][1]),
        )
        lignes += [m.LigneReportable(programme, titre, *x) for x in candidats if any(x[1:])]
    return plafond, lignes


def _plafond_cp(
    depot: Depot, ctx: Contexte, exercice: int, programme: str, bases: dict[str, Centimes]
) -> m.PlafondCp:
    lfi = credits_lfi_cp_hors_t2(depot, exercice, programme)
    taux, majore = taux_plafond(depot, ctx, exercice, programme)
    plafond = regles.plafond_cp_hors_t2(lfi, taux)
    non_consommes = sum(bases.values())
    reportables = regles.plafonner_cp_hors_t2(ctx, non_consommes, plafond)
    return m.PlafondCp(programme, lfi, taux, majore, plafond, non_consommes, reportables)


def _basculer(depot: Depot, ctx: Contexte, exercice: int) -> list[m.EngagementJuridique]:
    """Move the EJs not soldé to N+1: movement 350 dated 01/01/N+1 per poste with what is left to pay."""
    suivant = exercice + 1
    bascule = dt.date(suivant, 1, 1)
    a_basculer = [ej for ej in sorted(depot.lister(m.EngagementJuridique), key=lambda e: e.numero)
                  if regles.ej_a_basculer(ctx, ej, exercice)]
    for ej in a_basculer:
        for poste in ej.postes:
            reste = poste.montant - poste.montant_paye
            if reste > 0:
                ej.mouvements.append(m.MouvementEj("350", poste.numero, suivant, bascule, reste))
        ej.exercice_courant = suivant
    return a_basculer


def ej_bascules(depot: Depot, exercice: int) -> list[m.EngagementJuridique]:
    """EJs carried from ``exercice`` into ``exercice + 1`` (a movement 350 into N+1, or living in N+1
    while created earlier), by number; an EJ carried again later stays in this list."""
    def bascule(ej: m.EngagementJuridique) -> bool:
        vers_suivant = any(x.type_mouvement == "350" and x.exercice == exercice + 1 for x in ej.mouvements)
        return vers_suivant or (ej.exercice_courant == exercice + 1 and ej.exercice <= exercice)

    return sorted(filter(bascule, depot.lister(m.EngagementJuridique)), key=lambda e: e.numero)


def montant_bascule(ej: m.EngagementJuridique, exercice: int) -> Centimes:
    """Σ of the EJ's movements 350 into ``exercice + 1``."""
    return sum(x.montant for x in ej.mouvements if x.type_mouvement == "350" and x.exercice == exercice + 1)


# --- Campaign: demande, avis, arrêté, intégration ------------------------------------------------
@dataclass(frozen=True)
class LigneReport:
    """One line of a demande de report: titre × nature, AE and CP asked for."""

    titre: str
    nature: str
    ae: Centimes = 0
    cp: Centimes = 0


def _controler_campagne(depot: Depot, ctx: Contexte, exercice: int) -> m.Cloture:
    """Reports of N are asked for, given an avis and decided while the sandbox lives in N+1."""
    fin = cloture(depot, exercice)
    if fin is None:
        raise RegleDeGestion(f"L'exercice {exercice} n'est pas clos : la campagne des reports commence à sa clôture")
    if exercice != ctx.exercice - 1:
        # refus non provocable : il faudrait un second exercice clos : le bac à sable ne clôt qu'un exercice, sa date n'avance pas
        raise RegleDeGestion(
            f"La campagne des reports de l'exercice {exercice} est terminée : l'exercice courant est {ctx.exercice}"
        )
    return fin


def _lignes_demande(lignes: Sequence[LigneReport]) -> list[m.LigneDemandeReport]:
    if not lignes:
        raise DonneeInvalide("Une demande de report comporte au moins une ligne")
    resultat, vues = [], set()
    for rang, ligne in enumerate(lignes, start=1):
        titre, nature = verifier_titre(ligne.titre), str(ligne.nature).strip().upper()
        if nature not in NATURES:
            raise DonneeInvalide(f"Ligne {rang} : nature de report invalide « {ligne.nature} » (attendu AENE, CP ou FDC)")
        ou = f"Ligne {rang} (titre {titre}, {nature})"
        regles.montants_ae_cp(ligne.ae, ligne.cp, f"{ou} : le montant")
        if ligne.ae == 0 and ligne.cp == 0:
            raise DonneeInvalide(f"{ou} : aucun montant demandé")
        if (nature == AENE and ligne.cp) or (nature == CP and ligne.ae):
            porte = "des AE" if nature == AENE else "des CP"
            raise DonneeInvalide(f"{ou} : une ligne {nature} ne porte que {porte}")
        if (titre, nature) in vues:
            raise DonneeInvalide(f"{ou} : ligne en double")
        vues.add((titre, nature))
        resultat.append(m.LigneDemandeReport(titre, nature, ligne.ae, ligne.cp))
    return resultat


def demandes(depot: Depot, exercice: int | None = None, programme: str | None = None) -> list[m.DemandeReport]:
    return sorted((d for d in depot.lister(m.DemandeReport) if exercice in (None, d.exercice)
                   and programme in (None, d.programme)), key=lambda d: d.numero)


def arretes(depot: Depot, exercice: int | None = None) -> list[m.ArreteReport]:
    return sorted((a for a in depot.lister(m.ArreteReport) if exercice in (None, a.exercice)),
                  key=lambda a: a.numero)


def _detail_montants(lignes: Sequence[m.LigneDemandeReport | m.LigneArreteReport], ae: str, cp: str) -> str:
    total_ae = sum(getattr(x, ae) for x in lignes)
    total_cp = sum(getattr(x, cp) for x in lignes)
    return f"{len(lignes)} ligne(s), AE {format_montant(total_ae)}, CP {format_montant(total_cp)}"


def demander_report(
    depot: Depot, ctx: Contexte, programme: str, lignes: Sequence[LigneReport], auteur: str,
    exercice: int | None = None,
) -> m.DemandeReport:
    """Demande de report of the RPROG of ``programme`` on the exercice just closed (default N = current − 1)."""
    auteur = _auteur(auteur)
    exercice = ctx.exercice - 1 if exercice is None else exercice
    _programme(depot, programme)
    _controler_campagne(depot, ctx, exercice)
    propres = _lignes_demande(lignes)
    en_cours = [d for d in demandes(depot, exercice, programme) if d.statut != DEFAVORABLE]
    if en_cours:
        raise RegleDeGestion(
            f"Le programme {programme} a déjà une demande de report pour l'exercice {exercice} : "
            f"{en_cours[0].numero} ({en_cours[0].statut})"
        )
    numero = f"DR{exercice}{depot.prochain_numero(f'dr-{exercice}', 0):06d}"
    demande = m.DemandeReport(numero, exercice, programme, auteur, ctx.date_du_jour, lignes=propres)
    depot.ajouter(demande)
    _etape(depot, ctx, numero, auteur, "Demande de report", DEPOSEE,
           f"Programme {programme}, {_detail_montants(propres, 'ae', 'cp')}")
    return demande


def donner_avis(depot: Depot, ctx: Contexte, numero: str, avis: str, motif: str, auteur: str) -> m.DemandeReport:
    """Avis of the contrôleur budgétaire on a demande déposée: favorable, or défavorable with a motif."""
    auteur = _auteur(auteur)
    demande = obtenir(depot, m.DemandeReport, numero, "Demande de report")
    _controler_campagne(depot, ctx, demande.exercice)
    sens = _AVIS.get(str(avis).strip().lower())
    if sens is None:
        raise DonneeInvalide(f"Avis invalide : « {avis} » (attendu favorable ou défavorable)")
    motif = (motif or "").strip()
    if demande.statut != DEPOSEE:
        deja = f"a déjà reçu un avis {demande.avis}" if demande.avis else f"est {demande.statut.lower()}"
        raise RegleDeGestion(f"La demande de report {numero} {deja} : un seul avis par demande")
    if sens == "défavorable" and not motif:
        raise DonneeInvalide("Le motif est obligatoire pour un avis défavorable")
    demande.avis, demande.motif_avis, demande.auteur_avis, demande.date_avis = sens, motif, auteur, ctx.date_du_jour
    demande.statut = FAVORABLE if sens == "favorable" else DEFAVORABLE
    _etape(depot, ctx, numero, auteur, "Avis du contrôleur budgétaire", demande.statut,
           f"Avis {sens}" + (f" : {motif}" if motif else ""))
    return demande


def _demandes_a_arreter(
    depot: Depot, exercice: int, numeros: Sequence[str] | None
) -> list[m.DemandeReport]:
    if numeros is None:
        retenues = [d for d in demandes(depot, exercice) if d.statut == FAVORABLE]
        if not retenues:
            raise RegleDeGestion(f"Aucune demande de report avec avis favorable à arrêter pour l'exercice {exercice}")
        return retenues
    if not numeros:
        raise DonneeInvalide("Un arrêté de report reprend au moins une demande")
    if len(set(numeros)) != len(numeros):
        raise DonneeInvalide("Une demande de report figure deux fois dans l'arrêté")
    retenues = [obtenir(depot, m.DemandeReport, n, "Demande de report") for n in numeros]
    for d in retenues:
        if d.exercice != exercice:
            # refus non provocable : il faudrait un second exercice clos : le bac à sable ne clôt qu'un exercice, sa date n'avance pas
            raise RegleDeGestion(f"La demande de report {d.numero} porte sur l'exercice {d.exercice}, pas sur {exercice}")
        if d.statut == DEPOSEE:
            raise RegleDeGestion(f"La demande de report {d.numero} attend l'avis du contrôleur budgétaire")
        if d.statut == DEFAVORABLE:
            raise RegleDeGestion(f"La demande de report {d.numero} a reçu un avis défavorable : elle ne peut pas être arrêtée")
        if d.statut != FAVORABLE:
            raise RegleDeGestion(f"La demande de report {d.numero} est déjà arrêtée ({d.arrete})")
    return retenues


def arreter_reports(
    depot: Depot, ctx: Contexte, auteur: str, exercice: int | None = None, numeros: Sequence[str] | None = None,
) -> m.ArreteReport:
    """Arrêté de report: the demandes with an avis favorable (all, or those named), granted within the reportable."""
    auteur = _auteur(auteur)
    exercice = ctx.exercice - 1 if exercice is None else exercice
    fin = _controler_campagne(depot, ctx, exercice)
    retenues = _demandes_a_arreter(depot, exercice, numeros)
    reportables = {(x.programme, x.titre, x.nature): (x.ae_reportables, x.cp_reportables) for x in fin.lignes}
    numero = f"AR{exercice}{depot.prochain_numero(f'ar-{exercice}', 0):06d}"
    arrete = m.ArreteReport(numero, exercice, ctx.date_du_jour, auteur)
    for demande in retenues:
        for x in demande.lignes:
            ae_max, cp_max = reportables.get((demande.programme, x.titre, x.nature), (0, 0))
            arrete.lignes.append(m.LigneArreteReport(demande.numero, demande.programme, x.titre, x.nature, x.ae, x.cp,
                                                     ae_max, cp_max, min(x.ae, ae_max), min(x.cp, cp_max)))
        demande.statut, demande.arrete = ARRETEE, numero
    depot.ajouter(arrete)
    _etape(depot, ctx, numero, auteur, "Arrêté de report", SIGNE,
           f"{len(retenues)} demande(s) : {_detail_montants(arrete.lignes, 'ae_accordees', 'cp_accordees')} accordés")
    for demande in retenues:
        lignes = [x for x in arrete.lignes if x.demande == demande.numero]
        _etape(depot, ctx, demande.numero, auteur, "Arrêté de report", ARRETEE,
               f"Arrêté {numero} : {_detail_montants(lignes, 'ae_accordees', 'cp_accordees')} accordés")
    return arrete


def _arrete_a_integrer(depot: Depot, numero: str) -> m.ArreteReport:
    arrete = depot.trouver(m.ArreteReport, numero)
    if arrete is not None:
        return arrete
    demande = depot.trouver(m.DemandeReport, numero)
    if demande is not None and demande.arrete:
        raise RegleDeGestion(f"La demande de report {numero} est reprise par l'arrêté {demande.arrete} : "
                             "c'est l'arrêté qui s'intègre")
    if demande is not None:
        raise RegleDeGestion(f"La demande de report {numero} n'a fait l'objet d'aucun arrêté de report : "
                             "rien à intégrer")
    return obtenir(depot, m.ArreteReport, numero, "Arrêté de report")


def integrer_arrete(depot: Depot, ctx: Contexte, numero: str, auteur: str) -> m.ArreteReport:
    """Open the granted credits of an arrêté on N+1 (programme enveloppes), once."""
    auteur = _auteur(auteur)
    arrete = _arrete_a_integrer(depot, numero)
    suivant = arrete.exercice + 1
    if ctx.exercice != suivant:
        # refus non provocable : il faudrait un second exercice clos : le bac à sable ne clôt qu'un exercice, sa date n'avance pas
        raise RegleDeGestion(
            f"L'arrêté de report {numero} ouvre des crédits sur l'exercice {suivant} ; "
            f"l'exercice courant est {ctx.exercice}"
        )
    regles.controler_integration_unique(ctx, numero, arrete.date_integration, suivant)
    for x in arrete.lignes:
        if x.ae_accordees or x.cp_accordees:
            env = depot.enveloppe(suivant, "programme", x.programme, x.titre)
            env.ae_ouverts += x.ae_accordees
            env.cp_ouverts += x.cp_accordees
            genre = REPORT_FONDS_DE_CONCOURS if x.nature == FDC else REPORT_CREDITS
            depot.ajouter(m.MouvementRegulation(genre, suivant, x.programme, x.programme, x.titre, x.titre,
                                                x.ae_accordees, x.cp_accordees, ctx.date_du_jour, numero))
    arrete.statut, arrete.date_integration, arrete.auteur_integration = INTEGRE, ctx.date_du_jour, auteur
    detail = f"{_detail_montants(arrete.lignes, 'ae_accordees', 'cp_accordees')} ouverts sur {suivant}"
    _etape(depot, ctx, numero, auteur, "Intégration de l'arrêté de report", INTEGRE, detail)
    for demande_numero in dict.fromkeys(x.demande for x in arrete.lignes):
        obtenir(depot, m.DemandeReport, demande_numero, "Demande de report").statut = INTEGREE
        _etape(depot, ctx, demande_numero, auteur, "Intégration de l'arrêté de report", INTEGREE,
               f"Arrêté {numero} intégré sur {suivant}")
    return arrete
