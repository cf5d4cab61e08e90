"""SQLAlchemy 2 storage: the domain dataclasses mapped imperatively, one transaction per operation.

On SQLite (the default, a file in WAL mode) every write transaction starts with
``BEGIN IMMEDIATE``: writers are serialised, so two operations on the same credits can never
both pass the availability check. On other databases the credit rows are read ``FOR UPDATE``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    TypeDecorator,
    UniqueConstraint,
    create_engine,
    event,
    select,
)
from sqlalchemy.orm import Session, registry, relationship, sessionmaker

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine.erreurs import DonneeInvalide

T = TypeVar("T")
metadata = MetaData()
_registre = registry(metadata=metadata)


class DecimalTexte(TypeDecorator[Decimal]):
    """Exact decimals stored as text (SQLite has no exact numeric type)."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Any) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


def _texte(nom: str, longueur: int = 200, **kw: Any) -> Column[Any]:
    return Column(nom, String(longueur), **kw)


def _montant(nom: str) -> Column[Any]:
    return Column(nom, BigInteger, nullable=False, default=0)


def _table_referentiel(nom: str, cle: str, *autres: str) -> Table:
    return Table(nom, metadata, _texte(cle, 40, primary_key=True), *(_texte(c) for c in autres))


tables = {
    "ministeres": _table_referentiel("ministeres", "code", "libelle"),
    "missions": _table_referentiel("missions", "code", "libelle", "ministere"),
    "programmes": _table_referentiel("programmes", "numero", "libelle", "mission", "ministere"),
    "actions": _table_referentiel("actions", "code", "programme", "libelle"),
    "bops": _table_referentiel("bops", "code", "programme", "libelle"),
    "uos": _table_referentiel("uos", "code", "bop", "libelle"),
    "domaines_fonctionnels": _table_referentiel("domaines_fonctionnels", "code", "libelle"),
    "activites": _table_referentiel("activites", "code", "libelle"),
    "fournisseurs": _table_referentiel("fournisseurs", "code", "raison_sociale", "siret", "categorie"),
}
lois = Table(
    "lois_de_finances", metadata,
    _texte("identifiant", 40, primary_key=True), _texte("nature", 8), Column("exercice", Integer),
    Column("date_integration", Date), Column("taux_reserve_t2", DecimalTexte),
    Column("taux_reserve_hors_t2", DecimalTexte),
)
lignes_lois = Table(
    "lignes_lois_de_finances", metadata,
    Column("id", Integer, primary_key=True),
    Column("loi", String(40), ForeignKey("lois_de_finances.identifiant"), nullable=False),
    _texte("programme", 4), _texte("titre", 1), _montant("ae"), _montant("cp"), Column("etpt", Integer),
)
enveloppes = Table(
    "enveloppes", metadata,
    Column("id", Integer, primary_key=True), Column("exercice", Integer, nullable=False),
    _texte("niveau", 10, nullable=False), _texte("code", 40, nullable=False), _texte("titre", 1, nullable=False),
    *(_montant(c) for c in (
        "ae_ouverts", "cp_ouverts", "ae_reserves", "cp_reserves", "ae_mis_a_disposition",
        "cp_mis_a_disposition", "ae_affectes", "ae_engages_hors_tf", "ae_engages", "cp_consommes",
    )),
    UniqueConstraint("exercice", "niveau", "code", "titre"),
)
mises_a_disposition = Table(
    "mises_a_disposition", metadata,
    Column("id", Integer, primary_key=True), Column("exercice", Integer), _texte("source", 40),
    _texte("destination", 40), _texte("niveau_destination", 10), _texte("titre", 1),
    _montant("ae"), _montant("cp"), Column("date", Date),
)
tranches = Table(
    "tranches_fonctionnelles", metadata,
    _texte("numero", 12, primary_key=True), Column("exercice", Integer), _texte("uo", 40),
    _texte("titre", 1), _texte("libelle"), _montant("ae_affectees"), _montant("ae_engagees"),
)
engagements = Table(
    "engagements_juridiques", metadata,
    _texte("numero", 10, primary_key=True), Column("exercice", Integer), Column("exercice_courant", Integer),
    _texte("uo", 40), _texte("titre", 1), _texte("fournisseur", 10), _texte("objet"),
    Column("date_creation", Date), _texte("tranche", 12, nullable=True),
)
postes = Table(
    "postes_ej", metadata,
    Column("id", Integer, primary_key=True),
    Column("engagement", String(10), ForeignKey("engagements_juridiques.numero"), nullable=False),
    Column("numero", Integer), _montant("montant"), _texte("domaine_fonctionnel", 12), _texte("activite", 20),
    _montant("montant_receptionne"), _montant("montant_demande"), _montant("montant_paye"),
)
mouvements = Table(
    "mouvements_ej", metadata,
    Column("id", Integer, primary_key=True),
    Column("engagement", String(10), ForeignKey("engagements_juridiques.numero"), nullable=False),
    _texte("type_mouvement", 3), Column("poste", Integer), Column("exercice", Integer),
    Column("date", Date), _montant("montant"),
)
services_faits = Table(
    "services_faits", metadata,
    _texte("numero", 10, primary_key=True), _texte("engagement", 10), Column("poste", Integer),
    _montant("montant"), Column("date", Date), _texte("code_mouvement", 3),
)
demandes = Table(
    "demandes_paiement", metadata,
    _texte("numero", 9, primary_key=True), _texte("engagement", 10), Column("poste", Integer),
    _montant("montant"), Column("date_base", Date), _texte("statut", 20),
    Column("date_paiement", Date, nullable=True), Column("exercice_paiement", Integer, nullable=True),
)
journal = Table(
    "journal", metadata,
    Column("id", Integer, primary_key=True), Column("horodatage", DateTime), _texte("operation", 60),
    _texte("objet", 40), _texte("detail", 400),
)
compteurs = Table("compteurs", metadata, _texte("nom", 40, primary_key=True), Column("valeur", BigInteger))
mouvements_regulation = Table(
    "mouvements_regulation", metadata,
    Column("id", Integer, primary_key=True), _texte("type_mouvement", 40), Column("exercice", Integer),
    _texte("source", 4), _texte("destination", 4), _texte("titre_source", 1), _texte("titre_destination", 1),
    _montant("ae"), _montant("cp"), Column("date", Date), _texte("reference", 200),
)

_CLASSES_REFERENTIEL = {
    "ministeres": m.Ministere, "missions": m.Mission, "programmes": m.Programme, "actions": m.Action,
    "bops": m.Bop, "uos": m.UniteOperationnelle, "domaines_fonctionnels": m.DomaineFonctionnel,
    "activites": m.Activite, "fournisseurs": m.Fournisseur,
}


def _mapper() -> None:
    """Map the domain dataclasses once (imperative mapping keeps the domain free of SQL)."""
    for nom, classe in _CLASSES_REFERENTIEL.items():
        _registre.map_imperatively(classe, tables[nom])
    _registre.map_imperatively(m.LigneLoiDeFinances, lignes_lois)
    _registre.map_imperatively(m.LoiDeFinances, lois, properties={
        "lignes": relationship(m.LigneLoiDeFinances, lazy="selectin", cascade="all, delete-orphan",
                               order_by=lignes_lois.c.id),
    })
    for classe, table in ((m.Enveloppe, enveloppes), (m.MiseADisposition, mises_a_disposition),
                          (m.TrancheFonctionnelle, tranches), (m.PosteEj, postes),
                          (m.MouvementEj, mouvements), (m.ServiceFait, services_faits),
                          (m.DemandePaiement, demandes), (m.Evenement, journal), (m.Compteur, compteurs),
                          (m.MouvementRegulation, mouvements_regulation)):
        _registre.map_imperatively(classe, table)
    _registre.map_imperatively(m.EngagementJuridique, engagements, properties={
        "postes": relationship(m.PosteEj, lazy="selectin", cascade="all, delete-orphan", order_by=postes.c.numero),
        "mouvements": relationship(m.MouvementEj, lazy="selectin", cascade="all, delete-orphan",
                                   order_by=mouvements.c.id),
    })


_mapper()


def creer_moteur(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and ``BEGIN IMMEDIATE``."""
    if not url.startswith("sqlite"):
        return create_engine(url)
    if url in ("sqlite://", "sqlite:///") or ":memory:" in url or "mode=memory" in url:
        raise DonneeInvalide("Base SQLite en mémoire non prise en charge (le serveur répond depuis plusieurs fils) : "
                             "donnez un fichier, ex. sqlite:///chorus.sqlite")
    moteur = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(moteur, "connect")
    def _a_la_connexion(connexion: Any, _enregistrement: Any) -> None:
        connexion.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN itself
        curseur = connexion.cursor()
        curseur.execute("PRAGMA journal_mode=WAL")
        curseur.execute("PRAGMA synchronous=NORMAL")
        curseur.execute("PRAGMA busy_timeout=30000")
        curseur.close()

    @event.listens_for(moteur, "begin")
    def _au_debut(connexion: Any) -> None:
        connexion.exec_driver_sql("BEGIN IMMEDIATE")

    return moteur


class DepotSql:
    """:class:`chorus_sandbox.domaine.depot.Depot` over one SQLAlchemy session (one transaction)."""

    def __init__(self, session: Session, verrouiller: bool) -> None:
        self.session = session
        self._verrouiller = verrouiller

    def trouver(self, classe: type[T], cle: str) -> T | None:
        return self.session.get(classe, cle, with_for_update=self._verrouiller or None)

    def ajouter(self, objet: object) -> None:
        self.session.add(objet)

    def lister(self, classe: type[T]) -> list[T]:
        return list(self.session.scalars(select(classe)))

    def enveloppe(self, exercice: int, niveau: str, code: str, titre: str) -> m.Enveloppe:
        requete = select(m.Enveloppe).filter_by(exercice=exercice, niveau=niveau, code=code, titre=titre)
        if self._verrouiller:
            requete = requete.with_for_update()
        env = self.session.scalars(requete).first()
        if env is None:
            env = m.Enveloppe(exercice, niveau, code, titre)
            self.session.add(env)
        return env

    def enveloppes(self, exercice: int, niveau: str) -> list[m.Enveloppe]:
        requete = select(m.Enveloppe).filter_by(exercice=exercice, niveau=niveau).order_by(m.Enveloppe.code)  # type: ignore[attr-defined]
        return list(self.session.scalars(requete))

    def vider(self) -> None:
        """Delete every row, inside this transaction."""
        for table in reversed(metadata.sorted_tables):
            self.session.execute(table.delete())

    def prochain_numero(self, sequence: str, depart: int) -> int:
        compteur = self.session.get(m.Compteur, sequence)
        if compteur is None:
            compteur = m.Compteur(sequence, depart)
            self.session.add(compteur)
        compteur.valeur += 1
        return compteur.valeur


class Stockage:
    """The database of one sandbox: schema, sessions, one transaction per operation."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.moteur = creer_moteur(url)
        self._sessions = sessionmaker(self.moteur, expire_on_commit=False)
        metadata.create_all(self.moteur)

    @contextmanager
    def transaction(self) -> Iterator[DepotSql]:
        """Everything inside is committed together, or nothing is (rollback on any error)."""
        with self._sessions() as session, session.begin():
            yield DepotSql(session, verrouiller=self.moteur.dialect.name != "sqlite")

    def fermer(self) -> None:
        self.moteur.dispose()
