"""Property-based tests of the closing and the campagne des reports (hypothesis, DepotMemoire).

A random year 2026 on ``mini`` (the execution operations and generators of ``test_proprietes``, plus
fonds de concours, surgels and dégels), random cap parameters (general rate, raised list), the closing
on 31/12/2026, then random demandes (amounts around each reportable: limit ± a cent, fractions, zero,
far above), random avis, one arrêté, its integration in 2027, the LFI 2027. An oracle computed from
first principles (not from the sandbox's sums of ``*_disponibles``) checks:

- every cap: Σ hors-T2 CP carried of P = min(Σ B(t), floor(LFI_HT2(P) × taux / 100)); each titre ≤ B(t);
- T2 never receives AE, nor CP other than fonds de concours (closing lines and 2027 enveloppes);
- fonds de concours carried = receipts − spending; AENE = Σ (affectées − engagées) of the TFs;
- bascule: an EJ moves ⇔ it lived in 2026 with reste à payer > 0; its 350 lines = what is left;
- granted = min(asked, reportable) per line; nothing is carried twice (second integration, second
  closing and second arrêté refused with their exact message, nothing changed);
- **conservation**, per programme P, with U_CP(P,t) = CP ouverts − réservés − consommés and
  D_AE(P,t) = AE ouverts − réservés − affectées − engagées hors TF (all of P, BOPs and UOs included):

      Σ_t U_CP(P,t) = reporté_CP(P) + B(P,2) + (Σ_{t≠2} B(P,t) − C(P)) + non_accordé_CP(P)
      Σ_t [D_AE(P,t) + AENE(P,t)] = reporté_AE(P) + Σ_t (D_AE(P,t) − FDC_AE(P,t))
                                    + AENE(P,2) + FDC_AE(P,2) + non_accordé_AE(P)

  where reporté(P) = what P's 2027 enveloppes hold beyond the LFI 2027 (read in the sandbox),
  B(P,t) = U_CP − FDC_CP, FDC_CP = min(R_CP, U_CP), FDC_AE = min(R_AE, D_AE), R = receipts,
  C(P) = the capped hors-T2 CP, non_accordé = Σ (reportable − min(asked, reportable)) over the
  oracle's reportable lines (0 for a programme without an avis favorable).

``test_annees_aleatoires``: 150 random years (≈ 2 s on 2 cores). Sanity check done while writing it:
with any one of the six defects of ``CATALOGUE_REPORTS`` in the closing and campaign contexts, the
test fails (cap, T2, AENE, integration twice, bascule, raised rate).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine import regulation as reg
from chorus_sandbox.domaine import reports as rp
from chorus_sandbox.domaine.depot import DepotMemoire
from chorus_sandbox.domaine.erreurs import ErreurChorus
from chorus_sandbox.domaine.montants import MONTANT_MAXIMUM, appliquer_taux
from chorus_sandbox.domaine.regles import Contexte
from test_proprietes import OPERATIONS, depot_initial, preparer

DEFAUTS: frozenset[str] = frozenset()  # put a defect here to see the test catch it
EN_COURS = Contexte(2026, dt.date(2026, 6, 15), DEFAUTS)
FIN = Contexte(2026, dt.date(2026, 12, 31), DEFAUTS)
SUIVANT = Contexte(2027, dt.date(2027, 1, 1), DEFAUTS)
PROGRAMMES = ("0150", "0217")
CREDITS = [("0150", "2"), ("0150", "3"), ("0150", "5"), ("0217", "3")]
Cle = tuple[str, str]

REGULATION = st.one_of(
    st.tuples(st.just("fdc"), st.sampled_from(CREDITS), st.integers(1, 60_000_000)),
    st.tuples(st.just("surgel"), st.sampled_from(CREDITS), st.integers(0, 40_000_000), st.integers(0, 40_000_000)),
    st.tuples(st.just("degel"), st.sampled_from(CREDITS), st.integers(0, 6_000_000), st.integers(0, 6_000_000)),
)
ANNEE = st.lists(st.one_of(OPERATIONS, OPERATIONS, REGULATION), min_size=5, max_size=30)
TAUX = st.sampled_from(["0", "1", "3", "3", "5", "100"])
PARAMETRES = st.tuples(st.one_of(st.none(), TAUX), st.dictionaries(st.sampled_from(PROGRAMMES), TAUX, max_size=2))
DEMANDE = st.one_of(  # an amount asked for, from the line's reportable amount
    st.tuples(st.just("limite"), st.sampled_from([-1, 0, 0, 1])),
    st.tuples(st.just("fraction"), st.integers(0, 150)),
    st.tuples(st.just("fixe"), st.sampled_from([0, 1, MONTANT_MAXIMUM])),
)
DECISION = st.sampled_from(["favorable", "favorable", "favorable", "défavorable", "aucune"])


# --- The year --------------------------------------------------------------------------------------
def vivre_l_annee(depot: DepotMemoire, operations: list[tuple[Any, ...]]) -> dict[Cle, int]:
    """Run the operations (refusals are fine: test_proprietes checks them); return the FdC receipts."""
    recettes: dict[Cle, int] = defaultdict(int)
    for operation in operations:
        try:
            if operation[0] == "fdc":
                reg.rattacher_fonds_de_concours(depot, EN_COURS, *operation[1], operation[2])
                recettes[operation[1]] += operation[2]
            elif operation[0] in ("surgel", "degel"):
                fonction = reg.surgeler if operation[0] == "surgel" else reg.degeler
                fonction(depot, EN_COURS, *operation[1], operation[2], operation[3])
            elif operation[0] == "chaine":
                _, i, poste, spec_sf, spec_dp = operation
                for etape in (("service_fait", i, poste, spec_sf), ("demande_paiement", i, poste, spec_dp)):
                    _essayer(preparer(depot, etape)[0])
                _essayer(preparer(depot, ("payer", len(depot.lister(m.DemandePaiement)) - 1))[0])
            else:
                preparer(depot, operation)[0]()
        except ErreurChorus:
            pass
    return recettes


def _essayer(appel: Callable[[], Any]) -> None:
    try:
        appel()
    except ErreurChorus:
        pass


def parametrer(depot: DepotMemoire, parametres: tuple[str | None, dict[str, str]]) -> dict[str, Decimal]:
    """Set the caps; return the rate the oracle expects per programme."""
    general, majores = parametres
    if general is not None:
        rp.fixer_plafond_report(depot, EN_COURS, 2026, Decimal(general))
    for programme, taux in majores.items():
        rp.fixer_plafond_report(depot, EN_COURS, 2026, Decimal(taux), programme)
    return {p: Decimal(majores.get(p, general or "3")) for p in PROGRAMMES}


# --- The oracle, from first principles -----------------------------------------------------------------
@dataclasses.dataclass
class Oracle:
    u_cp: dict[Cle, int]  # CP ouverts − réservés − consommés (programme and everything below)
    d_ae: dict[Cle, int]  # AE ouverts − réservés − affectées − engagées hors TF
    aene: dict[Cle, int]
    recettes: dict[Cle, int]
    taux: dict[str, Decimal]
    lfi_ht2: dict[str, int]

    def fdc(self, cle: Cle) -> tuple[int, int]:
        return min(self.recettes.get(cle, 0), self.d_ae.get(cle, 0)), min(self.recettes.get(cle, 0), self.u_cp.get(cle, 0))

    def base_cp(self, cle: Cle) -> int:
        return self.u_cp.get(cle, 0) - self.fdc(cle)[1]

    def titres(self, programme: str) -> list[str]:
        return sorted({t for p, t in (*self.u_cp, *self.aene, *self.recettes) if p == programme})

    def plafond(self, programme: str) -> int:
        return int(Decimal(self.lfi_ht2[programme]) * self.taux[programme] / 100)

    def cp_hors_t2(self, programme: str) -> int:
        base = sum(self.base_cp((programme, t)) for t in self.titres(programme) if t != "2")
        return min(base, self.plafond(programme))

    def reportables(self, programme: str) -> dict[tuple[str, str], tuple[int, int]]:
        """(titre, nature) → (AE, CP) reportable, lines the oracle expects."""
        attendu: dict[tuple[str, str], tuple[int, int]] = {}
        for t in self.titres(programme):
            fdc_ae, fdc_cp = self.fdc((programme, t))
            attendu[t, "AENE"] = (0 if t == "2" else self.aene.get((programme, t), 0), 0)
            attendu[t, "FDC"] = (0 if t == "2" else fdc_ae, fdc_cp)
        return attendu


def observer(depot: DepotMemoire, recettes: dict[Cle, int], taux: dict[str, Decimal]) -> Oracle:
    uos = {u.code: u for u in depot.lister(m.UniteOperationnelle)}
    u_cp: dict[Cle, int] = defaultdict(int)
    d_ae: dict[Cle, int] = defaultdict(int)
    for e in depot.enveloppes(2026, "programme"):
        u_cp[e.code, e.titre] += e.cp_ouverts - e.cp_reserves
        d_ae[e.code, e.titre] += e.ae_ouverts - e.ae_reserves
    for e in depot.enveloppes(2026, "uo"):
        cle = (uos[e.code].programme, e.titre)
        u_cp[cle] -= e.cp_consommes
        d_ae[cle] -= e.ae_affectes + e.ae_engages_hors_tf
    aene: dict[Cle, int] = defaultdict(int)
    for tf in depot.lister(m.TrancheFonctionnelle):
        aene[uos[tf.uo].programme, tf.titre] += tf.ae_affectees - tf.ae_engagees
    lfi = depot.trouver(m.LoiDeFinances, "LFI 2026")
    lfi_ht2 = {p: sum(x.cp for x in lfi.lignes if x.programme == p and x.titre != "2") for p in PROGRAMMES}
    return Oracle(dict(u_cp), dict(d_ae), dict(aene), dict(recettes), taux, lfi_ht2)


# --- Checks ------------------------------------------------------------------------------------------
def verifier_cloture(c: m.Cloture, o: Oracle) -> None:
    lignes = {(x.programme, x.titre, x.nature): x for x in c.lignes}
    for p in PROGRAMMES:
        plafond = next(x for x in c.plafonds if x.programme == p)
        assert (plafond.taux, plafond.plafond, plafond.cp_reportables) == (o.taux[p], o.plafond(p), o.cp_hors_t2(p))
        portes = 0
        for t in o.titres(p):
            cp = lignes.get((p, t, "CP"))
            base = o.base_cp((p, t))
            assert (cp.cp_non_consommes if cp else 0) == base, (p, t)
            reporte = cp.cp_reportables if cp else 0
            assert 0 <= reporte <= (0 if t == "2" else base), (p, t)  # T2: never
            portes += reporte
        assert portes == o.cp_hors_t2(p) <= o.plafond(p)
        for (t, nature), attendu in o.reportables(p).items():  # AENE and fonds de concours
            x = lignes.get((p, t, nature))
            assert ((x.ae_reportables, x.cp_reportables) if x else (0, 0)) == attendu, (p, t, nature)
    assert all(x.ae_reportables == 0 for x in c.lignes if x.titre == "2")


def verifier_bascule(depot: DepotMemoire, avant: dict[str, tuple[int, int, list[int]]]) -> None:
    for ej in depot.lister(m.EngagementJuridique):
        courant, montant, restes = avant[ej.numero]
        doit = courant == 2026 and montant > 0 and sum(restes) > 0
        assert ej.exercice_courant == (2027 if doit else courant), ej.numero
        lignes = [(x.poste, x.montant, x.date) for x in ej.mouvements if x.type_mouvement == "350" and x.exercice == 2027]
        attendues = [(p.numero, r, dt.date(2027, 1, 1)) for p, r in zip(ej.postes, restes) if r > 0] if doit else []
        assert lignes == attendues, ej.numero


def demander(depot: DepotMemoire, data: st.DataObject, o: Oracle) -> dict[str, dict[tuple[str, str], tuple[int, int]]]:
    """Random demandes and avis; return what each programme with an avis favorable asked for."""
    favorables = {}
    for p in PROGRAMMES:
        decision = data.draw(DECISION)
        lignes = []
        candidats = {**{(t, "CP"): (0, o.base_cp((p, t))) for t in o.titres(p)}, **o.reportables(p), ("6", "CP"): (0, 0)}
        for (titre, nature), (ae, cp) in sorted(candidats.items()):
            montants = [_montant(data.draw(DEMANDE), limite) for limite in (ae, cp)]
            if nature == "AENE":
                montants[1] = 0
            if nature == "CP":
                montants[0] = 0
            if any(montants):
                lignes.append(rp.LigneReport(titre, nature, *montants))
        if decision == "aucune" or not lignes:
            continue
        demande = rp.demander_report(depot, SUIVANT, p, lignes, f"RPROG {p}")
        motif = "" if decision == "favorable" else "Justification insuffisante"
        rp.donner_avis(depot, SUIVANT, demande.numero, decision, motif, "CBCM")
        if decision == "favorable":
            favorables[p] = {(x.titre, x.nature): (x.ae, x.cp) for x in lignes}
    return favorables


def _montant(spec: tuple[str, int], limite: int) -> int:
    genre, valeur = spec
    montant = limite + valeur if genre == "limite" else limite * valeur // 100 if genre == "fraction" else valeur
    return max(montant, 0)


def conserver(depot: DepotMemoire, o: Oracle, demandes: dict[str, dict[tuple[str, str], tuple[int, int]]],
              c: m.Cloture) -> None:
    """The conservation equations of the module docstring, per programme, for CP and AE."""
    reportables = {(x.programme, x.titre, x.nature): (x.ae_reportables, x.cp_reportables) for x in c.lignes}
    for p in PROGRAMMES:
        envs = {e.titre: e for e in depot.enveloppes(2027, "programme") if e.code == p}
        lfi = {x.titre: x for x in depot.trouver(m.LoiDeFinances, "LFI 2027").lignes if x.programme == p}
        reporte_ae = sum(e.ae_ouverts - (lfi[t].ae if t in lfi else 0) for t, e in envs.items())
        reporte_cp = sum(e.cp_ouverts - (lfi[t].cp if t in lfi else 0) for t, e in envs.items())
        demande = demandes.get(p)
        non_accorde_ae = non_accorde_cp = 0
        for (pp, t, nature), (ae, cp) in reportables.items():
            if pp == p:
                ae_dem, cp_dem = demande.get((t, nature), (0, 0)) if demande is not None else (0, 0)
                non_accorde_ae += ae - min(ae_dem, ae)
                non_accorde_cp += cp - min(cp_dem, cp)
        titres = o.titres(p)
        base_ht2 = sum(o.base_cp((p, t)) for t in titres if t != "2")
        assert sum(o.u_cp.get((p, t), 0) for t in titres) == (
            reporte_cp + o.base_cp((p, "2")) + (base_ht2 - o.cp_hors_t2(p)) + non_accorde_cp), p
        assert sum(o.d_ae.get((p, t), 0) + o.aene.get((p, t), 0) for t in titres) == (
            reporte_ae + sum(o.d_ae.get((p, t), 0) - o.fdc((p, t))[0] for t in titres)
            + o.aene.get((p, "2"), 0) + o.fdc((p, "2"))[0] + non_accorde_ae), p
        t2 = envs.get("2")
        if t2 is not None:  # T2: the LFI, plus fonds de concours CP only, never AE
            lfi_t2 = lfi.get("2")
            assert t2.ae_ouverts == (lfi_t2.ae if lfi_t2 else 0), p
            fdc_t2 = min(demande.get(("2", "FDC"), (0, 0))[1], o.fdc((p, "2"))[1]) if demande else 0
            assert t2.cp_ouverts - (lfi_t2.cp if lfi_t2 else 0) == fdc_t2, p


def refuse_sans_rien_changer(depot: DepotMemoire, message: str, appel: Callable[[], Any]) -> None:
    avant = _etat(depot)
    try:
        appel()
    except ErreurChorus as exc:
        assert exc.message == message
    else:
        raise AssertionError(f"accepté à tort : {message}")
    assert _etat(depot) == avant


def _etat(depot: DepotMemoire) -> list[str]:
    classes = (m.Enveloppe, m.MouvementRegulation, m.ArreteReport, m.DemandeReport, m.Cloture, m.EtapeReport,
               m.EngagementJuridique, m.Evenement, m.Parametre)
    return [repr(dataclasses.asdict(x)) for classe in classes for x in depot.lister(classe)]


# --- The test ------------------------------------------------------------------------------------------
def test_annees_aleatoires() -> None:
    stats: Counter[str] = Counter()

    @settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(annee=ANNEE, parametres=PARAMETRES, data=st.data())
    def annee_puis_campagne(annee: list[tuple[Any, ...]], parametres: Any, data: st.DataObject) -> None:
        depot = depot_initial()
        recettes = vivre_l_annee(depot, annee)
        oracle = observer(depot, recettes, parametrer(depot, parametres))
        avant = {ej.numero: (ej.exercice_courant, ej.montant, [p.montant - p.montant_paye for p in ej.postes])
                 for ej in depot.lister(m.EngagementJuridique)}
        c = rp.cloturer_exercice(depot, FIN, 2026, "Direction du Budget")
        verifier_cloture(c, oracle)
        verifier_bascule(depot, avant)
        refuse_sans_rien_changer(depot, "L'exercice 2026 est déjà clos (clôture du 31/12/2026)",
                                 lambda: rp.cloturer_exercice(depot, SUIVANT, 2026, "DB"))
        demandes = demander(depot, data, oracle)
        if demandes:
            arrete = rp.arreter_reports(depot, SUIVANT, "Direction du Budget")
            for x in arrete.lignes:
                assert (x.ae_accordees, x.cp_accordees) == (min(x.ae_demandees, x.ae_reportables),
                                                            min(x.cp_demandees, x.cp_reportables))
            rp.integrer_arrete(depot, SUIVANT, arrete.numero, "AIFE")
            refuse_sans_rien_changer(
                depot, f"L'arrêté de report {arrete.numero} est déjà intégré (le 01/01/2027) : ses crédits sont "
                       "déjà ouverts sur l'exercice 2027", lambda: rp.integrer_arrete(depot, SUIVANT, arrete.numero, "X"))
            stats["arrêtés intégrés"] += 1
            stats["crédits reportés"] += sum(1 for x in arrete.lignes if x.ae_accordees or x.cp_accordees)
        refuse_sans_rien_changer(depot, "Aucune demande de report avec avis favorable à arrêter pour l'exercice 2026",
                                 lambda: rp.arreter_reports(depot, SUIVANT, "DB"))
        lfi = depot.trouver(m.LoiDeFinances, "LFI 2026")
        lignes = [op.LigneLoi(x.programme, x.titre, x.ae, x.cp) for x in lfi.lignes]
        op.integrer_loi_de_finances(depot, SUIVANT, "LFI 2027", "LFI", 2027, lignes, Decimal("0.5"), Decimal(5))
        for x in lfi.lignes:  # the réserve of 2027 is taken on the LFI part only, never on reports
            env = depot.enveloppe(2027, "programme", x.programme, x.titre)
            assert env.cp_reserves == appliquer_taux(x.cp, Decimal("0.5") if x.titre == "2" else Decimal(5))
        conserver(depot, oracle, demandes, c)
        stats["exemples"] += 1
        stats["EJ basculés"] += c.ej_bascules
        stats["plafonds atteints"] += sum(1 for x in c.plafonds if x.cp_reportables < x.cp_non_consommes)
        stats["fonds de concours reportables"] += sum(1 for x in c.lignes if x.nature == "FDC" and x.cp_reportables)

    annee_puis_campagne()
    print("\nhypothesis (clôture et reports) : " + ", ".join(f"{k} {v}" for k, v in sorted(stats.items())))
    assert stats["exemples"] >= 150
    for cle in ("arrêtés intégrés", "crédits reportés", "EJ basculés", "plafonds atteints",
                "fonds de concours reportables"):
        assert stats[cle] > 0, cle
