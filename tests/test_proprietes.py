"""Property-based tests of the budget rules on DepotMemoire (hypothesis).

Random sequences of valid and invalid operations (MAD, TF creation/affectation/retrait, EJ with and
without TF, augmentation, réduction, retrait, SF, DP, paiement) start from the ``mini`` dataset, with
amounts drawn around the limit each rule enforces (limit − 1, limit, limit + 1, fractions, zero,
negative, above the maximum). After every operation:

- an oracle, written independently from the sandbox, predicts acceptance or refusal: they must agree;
- a refused operation (ErreurChorus) must leave every entity exactly as it was (full snapshot);
- every invariant of domain doc §6 that the sandbox models holds (see ``verifier_invariants``).

Example counts (printed with ``-s``; measured on 2 cores): ``test_sequences_aleatoires`` 400 sequences
of 10 to 40 operations (≈ 8 400 operations checked, each kind both accepted and refused, asserted),
``test_machine_a_etats`` 120 runs of up to 30 steps (≈ 4 400 operations); the file runs in ≈ 10 s.
Sanity check done while writing it: with any one of the defects ej-au-dela-des-ae,
mad-au-dela-du-disponible, retrait-anterieur-libere-ae, dp-sans-service-fait, paiement-au-dela-des-cp
in ``CTX``, ``test_sequences_aleatoires`` fails (oracle or invariant), and so does a rule that mutates
before refusing (snapshot).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import pickle
import tempfile
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from chorus_sandbox import jeux
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine.depot import DepotMemoire
from chorus_sandbox.domaine.erreurs import ErreurChorus
from chorus_sandbox.domaine.montants import MONTANT_MAXIMUM
from chorus_sandbox.domaine.regles import Contexte

# hypothesis caches what it learns in ./.hypothesis: keep the project tree clean (and database=None below)
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "hypothesis-chorus-sandbox")

EXERCICE = 2026
CTX = Contexte(EXERCICE, dt.date(2026, 6, 15))
DR75, DR69, ASPR = "BG00/0150-CSUP-DR75", "BG00/0150-CSUP-DR69", "BG00/0217-SGAC-ASPR"
UOS = [DR75, DR69, ASPR, "BG00/0150-CSUP-XXXX"]  # the last one is unknown
UO_VALIDES = set(UOS[:3])
PAIRES_MAD = [
    ("0150", "0150-CSUP"), ("0150-CSUP", DR75), ("0150-CSUP", DR69), ("0217", "0217-SGAC"), ("0217-SGAC", ASPR),
    ("0150", "0217-SGAC"), ("0150-CSUP", ASPR), ("0999", "0150-CSUP"),  # wrong parent ×2, unknown source
]
PAIRES_VALIDES = set(PAIRES_MAD[:5])
IMPUTATIONS = {"0150": ("0150-01-02", "BG00/015001010101"), "0217": ("0217-07-05", "BG00/021701010523")}
TITRES = ["3", "5", "2"]


@lru_cache(maxsize=1)
def _depot_mini() -> bytes:
    depot = DepotMemoire()
    jeux.charger(depot, CTX, jeux.lire_jeu("mini", Path(__file__).parent / "donnees"))
    return pickle.dumps(depot)


def depot_initial() -> DepotMemoire:
    return pickle.loads(_depot_mini())  # a fresh copy, 20× faster than deepcopy


# --- Amounts around the limits -----------------------------------------------------------------
PETIT_ECART = st.sampled_from([-1, 0, 0, 1, -100, 100])
ECART = st.one_of(PETIT_ECART, PETIT_ECART, PETIT_ECART, st.integers(-1_000_000, 1_000_000))
LIMITE = st.tuples(st.just("limite"), ECART)  # limit + a few cents (the interesting edge)
SPEC = st.one_of(
    LIMITE, LIMITE,
    st.tuples(st.just("fraction"), st.integers(0, 110)),  # percentage of the limit
    st.tuples(st.just("fixe"), st.one_of(
        st.sampled_from([0, -1, -10_000, 1, MONTANT_MAXIMUM, MONTANT_MAXIMUM + 1]), st.integers(1, 50_000_000))),
)


def montant(spec: tuple[str, int], limite: int) -> int:
    genre, valeur = spec
    if genre == "limite":
        return limite + valeur
    if genre == "fraction":
        return limite * valeur // 100
    return valeur


def positif(x: int) -> bool:
    return 0 < x <= MONTANT_MAXIMUM


def choisir(liste: list[Any], indice: int | None) -> Any:
    """Pick in ``liste``; one index in ``len + 1`` designates an unknown object (``None``)."""
    if indice is None:
        return None
    rang = indice % (len(liste) + 1)
    return liste[rang] if rang < len(liste) else None


# --- Operations as data --------------------------------------------------------------------------
INDICE = st.integers(0, 12)
POSTE = st.sampled_from([1, 1, 1, 2])
OPERATIONS = st.one_of(
    st.tuples(st.just("mad"), st.integers(0, len(PAIRES_MAD) - 1), st.sampled_from(TITRES), SPEC, SPEC),
    st.tuples(st.just("creer_tf"), st.integers(0, len(UOS) - 1), st.sampled_from(TITRES), SPEC),
    st.tuples(st.just("affecter"), INDICE, SPEC),
    st.tuples(st.just("retirer_affectation"), INDICE, SPEC),
    st.tuples(st.just("engager"), st.sampled_from([0, 0, 0, 0, 1, 2, 3]), st.sampled_from(["3", "5", "3", "5", "2"]),
              st.one_of(st.none(), st.none(), INDICE), SPEC, st.integers(1, 2),
              st.sampled_from(["ok"] * 6 + ["autre_programme", "inconnu"]), st.sampled_from([True] * 5 + [False])),
    st.tuples(st.just("augmenter"), INDICE, POSTE, SPEC),
    st.tuples(st.just("reduire"), INDICE, POSTE, SPEC),
    st.tuples(st.just("retirer_engagement"), INDICE),
    st.tuples(st.just("service_fait"), INDICE, POSTE, SPEC),
    st.tuples(st.just("demande_paiement"), INDICE, POSTE, SPEC),
    st.tuples(st.just("payer"), INDICE),
    # service fait, then a DP, then its payment, on one EJ: makes the end of the chain frequent
    st.tuples(st.just("chaine"), INDICE, POSTE, SPEC, SPEC),
)


def _env(depot: DepotMemoire, niveau: str, code: str, titre: str) -> m.Enveloppe:
    """Read an enveloppe without creating it (``depot.enveloppe`` would add an empty one)."""
    for e in depot.enveloppes(EXERCICE, niveau):
        if (e.code, e.titre) == (code, titre):
            return e
    return m.Enveloppe(EXERCICE, niveau, code, titre)


def _uo(depot: DepotMemoire, uo: str, titre: str) -> m.Enveloppe:
    return _env(depot, "uo", uo, titre)


def _tfs(depot: DepotMemoire) -> list[m.TrancheFonctionnelle]:
    return sorted(depot.lister(m.TrancheFonctionnelle), key=lambda t: t.numero)


def _ejs(depot: DepotMemoire) -> list[m.EngagementJuridique]:
    return sorted(depot.lister(m.EngagementJuridique), key=lambda e: e.numero)


def _tf_courante(depot: DepotMemoire, ej: m.EngagementJuridique) -> m.TrancheFonctionnelle | None:
    tf = depot.trouver(m.TrancheFonctionnelle, ej.tranche) if ej.tranche else None
    return tf if tf is not None and tf.exercice == EXERCICE else None


def preparer(depot: DepotMemoire, operation: tuple[Any, ...]) -> tuple[Callable[[], Any], bool]:
    """The call to make and the oracle's verdict (True: must be accepted), from the state *before*."""
    genre = operation[0]
    if genre == "mad":
        _, i, titre, spec_ae, spec_cp = operation
        source, destination = PAIRES_MAD[i]
        niveau = "programme" if len(source) == 4 else "bop"
        parent = _env(depot, niveau, source, titre)
        ae, cp = montant(spec_ae, parent.ae_disponibles), montant(spec_cp, parent.cp_disponibles)
        ok = ((source, destination) in PAIRES_VALIDES and ae >= 0 and cp >= 0 and (ae or cp)
              and max(ae, cp) <= MONTANT_MAXIMUM and ae <= parent.ae_disponibles and cp <= parent.cp_disponibles)
        return (lambda: op.mettre_a_disposition(depot, CTX, source, destination, titre, ae, cp)), bool(ok)
    if genre == "creer_tf":
        _, i, titre, spec = operation
        uo = UOS[i]
        limite = _uo(depot, uo, titre).ae_disponibles
        ae = montant(spec, limite)
        ok = uo in UO_VALIDES and positif(ae) and ae <= limite
        return (lambda: op.creer_tranche_fonctionnelle(depot, CTX, uo, titre, "Opération", ae)), ok
    if genre in ("affecter", "retirer_affectation"):
        _, i, spec = operation
        tf = choisir(_tfs(depot), i)
        numero = tf.numero if tf else "TF0150999999"
        if genre == "affecter":
            limite = _uo(depot, tf.uo, tf.titre).ae_disponibles if tf else 0
            fonction = op.affecter
        else:
            limite = tf.aene if tf else 0
            fonction = op.retirer_affectation
        ae = montant(spec, limite)
        return (lambda: fonction(depot, CTX, numero, ae)), bool(tf) and positif(ae) and ae <= limite
    if genre == "engager":
        _, i, titre, i_tf, spec, n_postes, imputation, fournisseur_connu = operation
        uo = UOS[i]
        tf = choisir(_tfs(depot), i_tf)
        tranche = None if i_tf is None else (tf.numero if tf else "TF0150999999")
        limite = tf.aene if tf else _uo(depot, uo, titre).ae_disponibles
        total = montant(spec, limite)
        programme = uo[5:9]
        autre = "0217" if programme == "0150" else "0150"
        df, activite = {"ok": IMPUTATIONS[programme], "autre_programme": IMPUTATIONS[autre],
                        "inconnu": (f"{programme}-09-09", IMPUTATIONS[programme][1])}[imputation]
        montants = [total] if n_postes == 1 else [total // 2, total - total // 2]
        postes = [op.PosteDemande(x, df, activite) for x in montants]
        ok = (uo in UO_VALIDES and fournisseur_connu and imputation == "ok" and all(positif(x) for x in montants)
              and positif(total) and total <= limite
              and (tranche is None or (tf is not None and tf.uo == uo and tf.titre == titre)))
        fournisseur = "1000012345" if fournisseur_connu else "9999999999"
        return (lambda: op.engager(depot, CTX, uo, titre, fournisseur, "Objet", postes, tranche)), bool(ok)
    if genre in ("augmenter", "reduire", "service_fait", "demande_paiement"):
        _, i, numero_poste, spec = operation
        ej = choisir(_ejs(depot), i)
        numero = ej.numero if ej else "2103999999"
        p = ej.poste(numero_poste) if ej else None
        limite = 0
        if p is not None:
            if genre == "augmenter":
                tf = _tf_courante(depot, ej)
                limite = tf.aene if tf else _uo(depot, ej.uo, ej.titre).ae_disponibles
            elif genre == "reduire":
                limite = p.montant - max(p.montant_receptionne, p.montant_paye)
            elif genre == "service_fait":
                limite = p.montant - p.montant_receptionne
            else:
                limite = p.montant_receptionne - p.montant_demande
        x = montant(spec, limite)
        ok = p is not None and positif(x) and x <= limite and not (genre == "augmenter" and ej.statut == "Soldé")
        fonction = {"augmenter": op.augmenter_engagement, "reduire": op.reduire_engagement,
                    "service_fait": op.constater_service_fait, "demande_paiement": op.creer_demande_paiement}[genre]
        return (lambda: fonction(depot, CTX, numero, numero_poste, x)), ok
    if genre == "retirer_engagement":
        ej = choisir(_ejs(depot), operation[1])
        numero = ej.numero if ej else "2103999999"
        ok = ej is not None and any(p.montant - max(p.montant_receptionne, p.montant_paye) for p in ej.postes)
        return (lambda: op.retirer_engagement(depot, CTX, numero)), ok
    if genre == "payer":
        dp = choisir(sorted(depot.lister(m.DemandePaiement), key=lambda d: d.numero), operation[1])
        numero = dp.numero if dp else "999999999"
        ok = False
        if dp is not None:
            ej = depot.trouver(m.EngagementJuridique, dp.engagement)
            ok = dp.statut == "À payer" and dp.montant <= _uo(depot, ej.uo, ej.titre).cp_disponibles
        return (lambda: op.payer(depot, CTX, numero)), ok
    raise AssertionError(genre)


# --- Snapshot and invariants -----------------------------------------------------------------------
def _lecteur(classe: type, exclus: tuple[str, ...] = ()) -> Callable[[Any], tuple[Any, ...]]:
    return operator.attrgetter(*(f.name for f in dataclasses.fields(classe) if f.name not in exclus))


_ENVELOPPE = _lecteur(m.Enveloppe)
_MONTANTS_ENVELOPPE = operator.attrgetter(*(f.name for f in dataclasses.fields(m.Enveloppe)
                                            if f.name.startswith(("ae_", "cp_"))))
_EJ = _lecteur(m.EngagementJuridique, ("postes", "mouvements"))
_POSTE, _MOUVEMENT = _lecteur(m.PosteEj), _lecteur(m.MouvementEj)
_AUTRES = [(c, _lecteur(c)) for c in (m.TrancheFonctionnelle, m.ServiceFait, m.DemandePaiement, m.MiseADisposition,
                                      m.Evenement)]


def instantane(depot: DepotMemoire) -> dict[str, Any]:
    """Every field of every execution entity (the référentiel is never written by an operation),
    the numbering counters, and the enveloppes (an all-zero one, created by a mere read, = absent)."""
    etat: dict[str, Any] = {c.__name__: sorted(map(repr, map(lire, depot.lister(c)))) for c, lire in _AUTRES}
    etat["EngagementJuridique"] = sorted(
        repr((_EJ(e), [_POSTE(p) for p in e.postes], [_MOUVEMENT(x) for x in e.mouvements]))
        for e in depot.lister(m.EngagementJuridique))
    etat["Enveloppe"] = sorted(repr(_ENVELOPPE(e)) for e in depot.lister(m.Enveloppe) if any(_MONTANTS_ENVELOPPE(e)))
    etat["LoiDeFinances"] = len(depot.lister(m.LoiDeFinances))
    etat["compteurs"] = dict(depot._compteurs)
    return etat


@dataclasses.dataclass
class Reference:
    """What the initial dataset holds outside the records (an EJ carried from 2025 arrives with SF/paid)."""

    base_postes: dict[tuple[str, int], tuple[int, int, int]]
    nombres: Counter[str]

    @classmethod
    def de(cls, depot: DepotMemoire) -> Reference:
        sf, dp, paye = _sommes_par_poste(depot)
        base = {(e.numero, p.numero): (p.montant_receptionne - sf[e.numero, p.numero],
                                       p.montant_demande - dp[e.numero, p.numero],
                                       p.montant_paye - paye[e.numero, p.numero])
                for e in depot.lister(m.EngagementJuridique) for p in e.postes}
        return cls(base, _nombres(depot))


def _sommes_par_poste(depot: DepotMemoire) -> tuple[Counter[tuple[str, int]], ...]:
    sf: Counter[tuple[str, int]] = Counter()
    dp: Counter[tuple[str, int]] = Counter()
    paye: Counter[tuple[str, int]] = Counter()
    for s in depot.lister(m.ServiceFait):
        sf[s.engagement, s.poste] += s.montant
    for d in depot.lister(m.DemandePaiement):
        dp[d.engagement, d.poste] += d.montant
        if d.statut == "Payée":
            paye[d.engagement, d.poste] += d.montant
    return sf, dp, paye


def _nombres(depot: DepotMemoire) -> Counter[str]:
    return Counter({c.__name__: len(depot.lister(c)) for c in
                    (m.EngagementJuridique, m.TrancheFonctionnelle, m.ServiceFait, m.DemandePaiement,
                     m.MiseADisposition)})


def verifier_invariants(depot: DepotMemoire, ref: Reference) -> None:
    bops = {b.code: b for b in depot.lister(m.Bop)}
    uos = {u.code: u for u in depot.lister(m.UniteOperationnelle)}
    envs = {(e.niveau, e.code, e.titre): e for e in depot.enveloppes(EXERCICE, "programme")
            + depot.enveloppes(EXERCICE, "bop") + depot.enveloppes(EXERCICE, "uo")}
    mads = depot.lister(m.MiseADisposition)
    tfs = depot.lister(m.TrancheFonctionnelle)
    ejs = depot.lister(m.EngagementJuridique)

    # §6.2 consumed ≤ available, AE and CP, programme / BOP / UO
    connus = {"programme": {p.numero for p in depot.lister(m.Programme)}, "bop": set(bops), "uo": set(uos)}
    for cle, e in envs.items():
        assert cle[1] in connus[cle[0]], f"enveloppe sur un code inconnu : {cle}"
        assert e.ae_disponibles >= 0 and e.cp_disponibles >= 0, (cle, e)
    # §6.3 Σ MAD to children = what the parent made available ≤ what it had
    for (niveau, code, titre), e in envs.items():
        if niveau == "programme":
            enfants = [v for (n, c, t), v in envs.items() if n == "bop" and t == titre and bops[c].programme == code]
        elif niveau == "bop":
            enfants = [v for (n, c, t), v in envs.items() if n == "uo" and t == titre and uos[c].bop == code]
        else:
            enfants = []
        if niveau != "uo":
            assert e.ae_mis_a_disposition == sum(x.ae_ouverts for x in enfants), (niveau, code, titre)
            assert e.cp_mis_a_disposition == sum(x.cp_ouverts for x in enfants), (niveau, code, titre)
            assert e.ae_mis_a_disposition <= e.ae_ouverts - e.ae_reserves
            assert e.cp_mis_a_disposition <= e.cp_ouverts - e.cp_reserves
            assert e.ae_mis_a_disposition == sum(x.ae for x in mads if x.source == code and x.titre == titre)
            assert e.cp_mis_a_disposition == sum(x.cp for x in mads if x.source == code and x.titre == titre)
        else:
            assert e.ae_ouverts == sum(x.ae for x in mads if x.destination == code and x.titre == titre)
            assert e.cp_ouverts == sum(x.cp for x in mads if x.destination == code and x.titre == titre)

    # §6.6 TF: Σ EJ ≤ affected, AENE ≥ 0
    for tf in tfs:
        engages = sum(e.montant for e in ejs if e.tranche == tf.numero and e.exercice == EXERCICE)
        assert tf.ae_engagees == engages, tf
        assert tf.aene >= 0 and engages <= tf.ae_affectees, tf

    # UO: ae_affectes = Σ TF, ae_engages = Σ current-year commitments, cp_consommes = Σ paid DP
    dps = depot.lister(m.DemandePaiement)
    par_ej = {e.numero: e for e in ejs}
    for (niveau, code, titre), e in envs.items():
        if niveau != "uo":
            assert e.ae_affectes == e.ae_engages == e.ae_engages_hors_tf == e.cp_consommes == 0
            continue
        assert e.ae_affectes == sum(t.ae_affectees for t in tfs if (t.uo, t.titre) == (code, titre))
        engages = hors_tf = 0
        for ej in ejs:
            if (ej.uo, ej.titre) != (code, titre):
                continue
            if ej.exercice == EXERCICE:
                courant = ej.montant  # 100 + 150 − 200 of the year
            else:  # carried EJ: only this year's increases consumed this year's AE; reductions free nothing
                courant = sum(x.montant for x in ej.mouvements if x.type_mouvement == "150" and x.exercice == EXERCICE)
            engages += courant
            if _tf_courante(depot, ej) is None:
                hors_tf += courant
        assert e.ae_engages == engages, (code, titre)
        assert e.ae_engages_hors_tf == hors_tf, (code, titre)
        paye = sum(d.montant for d in dps if d.statut == "Payée" and d.exercice_paiement == EXERCICE
                   and (par_ej[d.engagement].uo, par_ej[d.engagement].titre) == (code, titre))
        assert e.cp_consommes == paye, (code, titre)

    # §6.7 EJ: Σ SF ≤ amount, Σ DP ≤ Σ SF, Σ paid ≤ amount, soldé when paid = amount
    sf, dp, paye = _sommes_par_poste(depot)
    for ej in ejs:
        assert len(ej.numero) == 10 and ej.numero.isdigit()
        for p in ej.postes:
            b_sf, b_dp, b_paye = ref.base_postes.get((ej.numero, p.numero), (0, 0, 0))
            assert p.montant_receptionne == b_sf + sf[ej.numero, p.numero]
            assert p.montant_demande == b_dp + dp[ej.numero, p.numero]
            assert p.montant_paye == b_paye + paye[ej.numero, p.numero]
            assert 0 <= p.montant_paye <= p.montant_demande <= p.montant_receptionne <= p.montant, (ej.numero, p)
        assert (ej.statut == "Soldé") == (ej.montant_paye > 0 and ej.montant_paye == ej.montant)
    for d in dps:
        assert len(d.numero) == 9 and d.numero.isdigit()
        assert d.statut in ("À payer", "Payée")
    for s in depot.lister(m.ServiceFait):
        assert len(s.numero) == 10 and s.numero.isdigit()
    for tf in tfs:
        assert len(tf.numero) == 12 and tf.numero.startswith("TF") and tf.numero[2:].isdigit()


CREE = {"mad": "MiseADisposition", "creer_tf": "TrancheFonctionnelle", "engager": "EngagementJuridique",
        "service_fait": "ServiceFait", "demande_paiement": "DemandePaiement"}


def executer(depot: DepotMemoire, ref: Reference, operation: tuple[Any, ...], stats: Counter[str]) -> None:
    """Run one operation, compare with the oracle, check no-change-on-refusal and the invariants."""
    if operation[0] == "chaine":
        _, i, poste, spec_sf, spec_dp = operation
        executer(depot, ref, ("service_fait", i, poste, spec_sf), stats)
        executer(depot, ref, ("demande_paiement", i, poste, spec_dp), stats)
        executer(depot, ref, ("payer", len(depot.lister(m.DemandePaiement)) - 1), stats)  # the newest DP
        return
    appel, attendu = preparer(depot, operation)
    avant = instantane(depot) if not attendu else None  # an unexpected refusal fails anyway
    nombres_avant = _nombres(depot)
    try:
        appel()
    except ErreurChorus as exc:
        assert not attendu, f"{operation} refusée à tort : {exc.message}"
        assert exc.message and exc.type in ("DonneeInvalide", "ObjetInconnu", "CreditsInsuffisants", "RegleDeGestion")
        assert instantane(depot) == avant, f"{operation} refusée mais a modifié des données"
        stats[f"{operation[0]} refusée"] += 1
    else:
        assert attendu, f"{operation} acceptée à tort"
        stats[f"{operation[0]} acceptée"] += 1
        attendus = nombres_avant.copy()
        if operation[0] in CREE:
            attendus[CREE[operation[0]]] += 1
        assert _nombres(depot) == attendus, operation  # created exactly one object, overwrote none
    stats["operations"] += 1
    verifier_invariants(depot, ref)


# --- Random sequences -------------------------------------------------------------------------------
def test_sequences_aleatoires() -> None:
    stats: Counter[str] = Counter()

    @settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(operations=st.lists(OPERATIONS, min_size=10, max_size=40))
    def sequence(operations: list[tuple[Any, ...]]) -> None:
        stats["exemples"] += 1
        depot = depot_initial()
        ref = Reference.de(depot)
        verifier_invariants(depot, ref)
        for operation in operations:
            executer(depot, ref, operation, stats)

    sequence()
    print(f"\nhypothesis: {stats['exemples']} séquences, {stats['operations']} opérations : "
          + ", ".join(f"{k} {v}" for k, v in sorted(stats.items()) if k not in ("exemples", "operations")))
    assert stats["exemples"] >= 400
    # the generator does reach both sides of every rule
    for genre in ("mad", "creer_tf", "affecter", "retirer_affectation", "engager", "augmenter", "reduire",
                  "service_fait", "demande_paiement", "payer", "retirer_engagement"):
        assert stats[f"{genre} acceptée"] > 0, genre
        assert stats[f"{genre} refusée"] > 0, genre


# --- Stateful -------------------------------------------------------------------------------------
class ChaineDeLaDepense(RuleBasedStateMachine):
    """Same operations as rules of a state machine, invariants checked after every step."""

    stats: Counter[str] = Counter()  # noqa: RUF012 - shared on purpose: counts every run

    def __init__(self) -> None:
        super().__init__()
        self.depot = depot_initial()
        self.ref = Reference.de(self.depot)
        ChaineDeLaDepense.stats["exemples"] += 1

    def _faire(self, *operation: Any) -> None:
        executer(self.depot, self.ref, operation, ChaineDeLaDepense.stats)

    @rule(i=st.integers(0, len(PAIRES_MAD) - 1), titre=st.sampled_from(TITRES), ae=SPEC, cp=SPEC)
    def mise_a_disposition(self, i: int, titre: str, ae: Any, cp: Any) -> None:
        self._faire("mad", i, titre, ae, cp)

    @rule(i=st.integers(0, len(UOS) - 1), titre=st.sampled_from(TITRES), ae=SPEC)
    def creer_tf(self, i: int, titre: str, ae: Any) -> None:
        self._faire("creer_tf", i, titre, ae)

    @rule(i=INDICE, ae=SPEC, retrait=st.booleans())
    def affectation(self, i: int, ae: Any, retrait: bool) -> None:
        self._faire("retirer_affectation" if retrait else "affecter", i, ae)

    @rule(i=st.integers(0, 2), titre=st.sampled_from(["3", "5"]), i_tf=st.one_of(st.none(), INDICE), spec=SPEC,
          n=st.integers(1, 2))
    def engager(self, i: int, titre: str, i_tf: int | None, spec: Any, n: int) -> None:
        self._faire("engager", i, titre, i_tf, spec, n, "ok", True)

    @rule(genre=st.sampled_from(["augmenter", "reduire", "service_fait", "demande_paiement"]), i=INDICE,
          poste=POSTE, spec=SPEC)
    def mouvement(self, genre: str, i: int, poste: int, spec: Any) -> None:
        self._faire(genre, i, poste, spec)

    @rule(i=INDICE)
    def payer(self, i: int) -> None:
        self._faire("payer", i)

    @rule(i=INDICE, poste=POSTE, sf=SPEC, dp=SPEC)
    def chaine(self, i: int, poste: int, sf: Any, dp: Any) -> None:
        self._faire("chaine", i, poste, sf, dp)

    @rule(i=INDICE)
    def retirer_engagement(self, i: int) -> None:
        self._faire("retirer_engagement", i)

    @invariant()
    def invariants(self) -> None:
        verifier_invariants(self.depot, self.ref)


def test_machine_a_etats() -> None:
    ChaineDeLaDepense.stats = Counter()
    run_state_machine_as_test(ChaineDeLaDepense, settings=settings(
        max_examples=120, stateful_step_count=30, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow]))
    stats = ChaineDeLaDepense.stats
    print(f"\nhypothesis (machine à états): {stats['exemples']} exécutions, {stats['operations']} opérations : "
          + ", ".join(f"{k} {v}" for k, v in sorted(stats.items()) if k not in ("exemples", "operations")))
    assert stats["exemples"] >= 120
    assert stats["payer acceptée"] > 0 and stats["engager acceptée"] > 0
