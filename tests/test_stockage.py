"""SQL store: one transaction per operation (a failure writes nothing), exact and fast reset."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from chorus_sandbox import jeux
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine.depot import DepotMemoire
from chorus_sandbox.domaine.erreurs import (
    CreditsInsuffisants,
    DonneeInvalide,
    ErreurChorus,
    RegleDeGestion,
)
from chorus_sandbox.domaine.regles import Contexte
from chorus_sandbox.service import Bac
from chorus_sandbox.stockage import metadata

DR75 = "BG00/0150-CSUP-DR75"
POSTE = ("0150-01-02", "BG00/015001010101")


def vidage(bac: Bac) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: the whole database as a value."""
    with bac.stockage.moteur.connect() as connexion:
        return {t.name: sorted(map(tuple, connexion.execute(select(t))), key=repr) for t in metadata.sorted_tables}


def poste(montant: int) -> op.PosteDemande:
    return op.PosteDemande(montant, *POSTE)


def modifier_beaucoup(bac: Bac) -> None:
    ej = bac.executer(op.engager, DR75, "3", "1000012345", "Objet", [poste(1_000_000), poste(2_000_000)])
    bac.executer(op.constater_service_fait, ej.numero, 1, 1_000_000)
    dp = bac.executer(op.creer_demande_paiement, ej.numero, 1, 1_000_000)
    bac.executer(op.payer, dp.numero)
    bac.executer(op.reduire_engagement, ej.numero, 2, 500_000)
    bac.executer(op.mettre_a_disposition, "0150", "0150-CSUP", "5", 100, 100)
    bac.executer(op.mettre_a_disposition, "0150-CSUP", "BG00/0150-CSUP-DR69", "3", 100, 100)
    tf = bac.executer(op.creer_tranche_fonctionnelle, DR75, "5", "Nouvelle", 1_000)
    bac.executer(op.engager, DR75, "5", "1000012345", "Sur TF", [poste(500)], tf.numero)
    bac.executer(op.retirer_affectation, "TF0150000001", 100)
    bac.executer(op.retirer_engagement, "2103000001")
    bac.executer(op.reduire_engagement, "2103105755", 1, 100)


# --- One transaction per operation -----------------------------------------------------------
def test_operation_refusee_n_ecrit_rien(bac: Bac) -> None:
    avant = vidage(bac)
    with pytest.raises(CreditsInsuffisants):
        bac.executer(op.engager, DR75, "3", "1000012345", "Trop", [poste(15_000_001)])
    with pytest.raises(RegleDeGestion):
        bac.executer(op.payer, "100000001")
    assert vidage(bac) == avant


def test_echec_au_milieu_d_une_transaction_annule_tout(bac: Bac) -> None:
    """A first operation succeeds, the second fails inside the same transaction: nothing is kept,
    not even the numbering counter."""
    avant = vidage(bac)

    def deux_engagements(depot: Any, ctx: Contexte) -> None:
        op.engager(depot, ctx, DR75, "3", "1000012345", "Premier", [poste(10_000_000)])
        op.engager(depot, ctx, DR75, "3", "1000012345", "Second", [poste(5_000_001)])  # 50 000,00 left

    with pytest.raises(CreditsInsuffisants) as exc:
        bac.executer(deux_engagements)
    assert "50\u00a0000,01\u00a0€ demandés, 50\u00a0000,00\u00a0€ disponibles" in exc.value.message
    assert vidage(bac) == avant
    ej = bac.executer(op.engager, DR75, "3", "1000012345", "Après", [poste(100)])
    assert ej.numero == "2103000003"


def test_exception_quelconque_annule_la_transaction(bac: Bac) -> None:
    avant = vidage(bac)
    with pytest.raises(RuntimeError, match="panne"), bac.stockage.transaction() as depot:
        ctx = bac.contexte
        op.mettre_a_disposition(depot, ctx, "0150", "0150-CSUP", "3", 100, 100)
        op.constater_service_fait(depot, ctx, "2103000001", 1, 100)
        raise RuntimeError("panne")
    assert vidage(bac) == avant


def test_une_operation_reussie_est_ecrite(bac: Bac) -> None:
    avant = vidage(bac)
    bac.executer(op.engager, DR75, "3", "1000012345", "Écrit", [poste(100)])
    apres = vidage(bac)
    assert len(apres["engagements_juridiques"]) == len(avant["engagements_juridiques"]) + 1
    assert len(apres["journal"]) == len(avant["journal"]) + 1
    env = bac.lire(lambda d: d.enveloppe(2026, "uo", DR75, "3"))
    assert env.ae_disponibles == 14_999_900


def test_meme_resultat_en_memoire_et_en_sql(bac: Bac, depot_mini: DepotMemoire) -> None:
    """The operations give the same figures on DepotMemoire and on the SQL store."""
    ctx = bac.contexte
    memoire = _BacMemoire(depot_mini, ctx)
    modifier_beaucoup(bac)
    modifier_beaucoup(memoire)  # type: ignore[arg-type]
    for niveau, code in (("programme", "0150"), ("bop", "0150-CSUP"), ("uo", DR75), ("uo", "BG00/0150-CSUP-DR69")):
        en_sql = bac.lire(lambda d, n=niveau, c=code: op.situation(d, 2026, n, c))
        assert en_sql == op.situation(depot_mini, 2026, niveau, code)
    sql = {e.numero: (e.montant, e.montant_receptionne, e.montant_paye, e.statut)
           for e in bac.lire(lambda d: d.lister(m.EngagementJuridique))}
    mem = {e.numero: (e.montant, e.montant_receptionne, e.montant_paye, e.statut)
           for e in depot_mini.lister(m.EngagementJuridique)}
    assert sql == mem


class _BacMemoire:
    def __init__(self, depot: DepotMemoire, ctx: Contexte) -> None:
        self.depot, self.ctx = depot, ctx

    def executer(self, operation: Any, *args: Any) -> Any:
        return operation(self.depot, self.ctx, *args)


# --- Reset ------------------------------------------------------------------------------------------
def test_reinitialisation_exacte_et_rapide(bac: Bac) -> None:
    initial = vidage(bac)
    durees = []
    for _ in range(5):
        modifier_beaucoup(bac)
        assert vidage(bac) != initial
        debut = time.perf_counter()
        annoncee = bac.reinitialiser()
        durees.append(time.perf_counter() - debut)
        assert annoncee <= durees[-1]
        assert vidage(bac) == initial
    print(f"\nbac.reinitialiser() : {max(durees) * 1000:.1f} ms au plus, "
          f"{sorted(durees)[2] * 1000:.1f} ms en médiane (5 mesures)")
    assert max(durees) < 0.5


def test_reinitialisation_remet_les_compteurs(bac: Bac) -> None:
    premier = bac.executer(op.engager, DR75, "3", "1000012345", "A", [poste(100)]).numero
    bac.reinitialiser()
    assert bac.executer(op.engager, DR75, "3", "1000012345", "B", [poste(100)]).numero == premier == "2103000003"


def test_premier_chargement_puis_restauration_du_meme_jeu(bac_neuf: Bac, dossier_donnees: Path) -> None:
    """Loading ``mini`` again (snapshot restore) gives what loading it from the files gave."""
    initial = vidage(bac_neuf)
    modifier_beaucoup(bac_neuf)
    duree = bac_neuf.charger("mini")
    assert duree < 0.5
    assert vidage(bac_neuf) == initial
    depot = DepotMemoire()
    jeux.charger(depot, Contexte(2026, dt.date(2026, 6, 15)), jeux.lire_jeu("mini", dossier_donnees))
    assert bac_neuf.lire(lambda d: op.situation(d, 2026, "programme", "0150")) == op.situation(
        depot, 2026, "programme", "0150")


def test_base_sqlite_en_wal(bac_neuf: Bac) -> None:
    with bac_neuf.stockage.moteur.connect() as connexion:
        assert connexion.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_base_en_memoire_refusee_clairement(dossier_donnees: Path) -> None:
    """The server answers from several threads: an in-memory SQLite base would be empty for all
    but one of them, so it is refused with a French message rather than half working."""
    for url in ("sqlite://", "sqlite:///:memory:"):
        with pytest.raises(DonneeInvalide, match="Base SQLite en mémoire non prise en charge"):
            Bac(url=url, jeu="mini", fixtures=dossier_donnees)



def test_bac_sur_fichier_nomme_reinitialise(dossier_donnees: Path, tmp_path: Path) -> None:
    bac = Bac(url=f"sqlite:///{tmp_path / 'nomme.sqlite'}", jeu="mini", fixtures=dossier_donnees)
    try:
        avant = bac.lire(lambda d: op.situation(d, 2026, "programme", "0150"))
        bac.executer(op.engager, DR75, "3", "1000012345", "X", [poste(100)])
        assert bac.reinitialiser() < 0.5
        assert bac.lire(lambda d: op.situation(d, 2026, "programme", "0150")) == avant
    finally:
        bac.fermer()


def test_erreurs_de_domaine_restent_typees_a_travers_le_stockage(bac: Bac) -> None:
    with pytest.raises(ErreurChorus) as exc:
        bac.executer(op.affecter, "TF0150999999", 100)
    assert (exc.value.type, exc.value.statut_http) == ("ObjetInconnu", 404)
