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
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    create_engine,
    event,
    insert,
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
    "comptes_paye": _table_referentiel("comptes_paye", "prefixe", "categorie", "sous_categorie", "libelle"),
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
    Column("date_creation", Date), _texte("tranche", 12, nullable=True), _texte("marche", 20, nullable=True),
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
marches = Table(
    "marches", metadata,
    _texte("numero", 20, primary_key=True), _texte("nature", 20), _texte("objet"), _texte("titulaire", 10),
    _texte("uo", 40), Column("date_debut", Date), Column("date_fin", Date),
    Column("montant_maximum", BigInteger, nullable=True), _montant("montant_engage"),
)
compteurs = Table("compteurs", metadata, _texte("nom", 40, primary_key=True), Column("valeur", BigInteger))
mouvements_regulation = Table(
    "mouvements_regulation", metadata,
    Column("id", Integer, primary_key=True), _texte("type_mouvement", 40), Column("exercice", Integer),
    _texte("source", 4), _texte("destination", 4), _texte("titre_source", 1), _texte("titre_destination", 1),
    _montant("ae"), _montant("cp"), Column("date", Date), _texte("reference", 200),
)

# --- Clôture et campagne des reports (domaine/reports.py) ---
parametres = Table("parametres", metadata, _texte("nom", 40, primary_key=True), _texte("valeur", 200))
plafonds_report = Table(
    "plafonds_report", metadata,
    Column("id", Integer, primary_key=True), Column("exercice", Integer, nullable=False),
    _texte("programme", 4, nullable=False), Column("taux", DecimalTexte, nullable=False),
    UniqueConstraint("exercice", "programme"),
)
clotures = Table(
    "clotures", metadata,
    Column("id", Integer, primary_key=True), Column("exercice", Integer, nullable=False, unique=True),
    Column("date_cloture", Date), Column("date_ouverture", Date), _texte("auteur", 100),
    Column("horodatage", DateTime), Column("ej_bascules", Integer),
)


def _table_de_cloture(nom: str, *colonnes: Column[Any]) -> Table:
    return Table(nom, metadata, Column("id", Integer, primary_key=True),
                 Column("cloture", Integer, ForeignKey("clotures.id"), nullable=False), *colonnes)


clotures_tranches = _table_de_cloture(
    "clotures_tranches", _texte("tranche", 12), _texte("programme", 4), _texte("uo", 40), _texte("titre", 1),
    _montant("ae_affectees"), _montant("ae_engagees"), _montant("aene"),
)
clotures_plafonds = _table_de_cloture(
    "clotures_plafonds", _texte("programme", 4), _montant("lfi_cp_hors_t2"), Column("taux", DecimalTexte),
    Column("majore", Boolean), _montant("plafond"), _montant("cp_non_consommes"), _montant("cp_reportables"),
)
clotures_lignes = _table_de_cloture(
    "clotures_lignes", _texte("programme", 4), _texte("titre", 1), _texte("nature", 4),
    *(_montant(c) for c in ("ae_non_consommees", "cp_non_consommes", "ae_reportables", "cp_reportables")),
)
demandes_report = Table(
    "demandes_report", metadata,
    _texte("numero", 12, primary_key=True), Column("exercice", Integer), _texte("programme", 4),
    _texte("auteur", 100), Column("date_depot", Date), _texte("statut", 20), _texte("avis", 12),
    _texte("motif_avis", 400), _texte("auteur_avis", 100), Column("date_avis", Date, nullable=True),
    _texte("arrete", 12),
)
lignes_demandes_report = Table(
    "lignes_demandes_report", metadata,
    Column("id", Integer, primary_key=True),
    Column("demande", String(12), ForeignKey("demandes_report.numero"), nullable=False),
    _texte("titre", 1), _texte("nature", 4), _montant("ae"), _montant("cp"),
)
arretes_report = Table(
    "arretes_report", metadata,
    _texte("numero", 12, primary_key=True), Column("exercice", Integer), Column("date_signature", Date),
    _texte("auteur", 100), _texte("statut", 20), Column("date_integration", Date, nullable=True),
    _texte("auteur_integration", 100),
)
lignes_arretes_report = Table(
    "lignes_arretes_report", metadata,
    Column("id", Integer, primary_key=True),
    Column("arrete", String(12), ForeignKey("arretes_report.numero"), nullable=False),
    _texte("demande", 12), _texte("programme", 4), _texte("titre", 1), _texte("nature", 4),
    *(_montant(c) for c in ("ae_demandees", "cp_demandees", "ae_reportables", "cp_reportables",
                            "ae_accordees", "cp_accordees")),
)
historique_reports = Table(
    "historique_reports", metadata,
    Column("id", Integer, primary_key=True), _texte("objet", 12), Column("horodatage", DateTime),
    _texte("auteur", 100), _texte("action", 60), _texte("statut", 20), _texte("detail", 400),
)

# --- Habilitations (domaine/habilitations.py, domaine/utilisateurs.py) ---
utilisateurs = Table(
    "utilisateurs", metadata,
    _texte("identifiant", 40, primary_key=True), _texte("nom", 120), _texte("empreinte", 200),
    Column("actif", Boolean, nullable=False, default=True), Column("echecs", Integer, nullable=False, default=0),
    Column("verrouille_jusqu_a", DateTime, nullable=True), Column("derniere_connexion", DateTime, nullable=True),
)
roles_territoires = Table(
    "roles_territoires", metadata,
    Column("id", Integer, primary_key=True),
    Column("utilisateur", String(40), ForeignKey("utilisateurs.identifiant"), nullable=False),
    _texte("role", 20), _texte("perimetre", 40), UniqueConstraint("utilisateur", "role", "perimetre"),
)
audit_habilitations = Table(
    "audit_habilitations", metadata,
    Column("id", Integer, primary_key=True), Column("horodatage", DateTime), _texte("auteur", 40),
    _texte("action", 60), _texte("utilisateur", 40), _texte("role", 20), _texte("perimetre", 40),
    _texte("detail", 400),
)

# --- Titre 2, emplois et flux de paye (domaine/paye.py) ---
depots_paye = Table(
    "depots_paye", metadata,
    _texte("numero", 20, primary_key=True), _texte("interface", 20), _texte("flux", 200, nullable=True),
    _texte("fichier", 255), _texte("mois", 40), _texte("ministere", 40), _texte("emetteur", 200),
    Column("exercice", Integer), Column("depose_le", DateTime), _texte("depose_par", 40), _texte("statut", 30),
    *(Column(c, Integer, nullable=False, default=0) for c in ("lignes_fichier", "lignes_integrees", "lignes_rejetees")),
    *(_montant(c) for c in ("montant_fichier", "montant_integre", "montant_rejete", "etpt_fichier", "etpt_integre",
                            "etpt_rejete")),
    _texte("rejet_code", 40), Column("rejet_ligne", Integer, nullable=True), _texte("rejet_champ", 40),
    Column("rejet_motif", Text), Column("alertes", Text), Column("uos", Text),
    Column("annule_le", DateTime, nullable=True), _texte("annule_par", 40), _texte("motif_annulation", 400),
)
rejets_paye = Table(
    "rejets_paye", metadata,
    Column("id", Integer, primary_key=True), Column("depot", String(20), index=True, nullable=False),
    Column("ligne", Integer), _texte("code", 40), _texte("champ", 40), Column("valeur", Text),
    Column("montant", BigInteger, nullable=True), Column("motif", Text),
)
imputations_paye = Table(
    "imputations_paye", metadata,
    Column("id", Integer, primary_key=True), _texte("depot", 20, index=True), _texte("flux", 200),
    Column("exercice", Integer), Column("mois", Integer), _texte("ministere", 10), _texte("programme", 4),
    _texte("uo", 40), _texte("categorie", 2), _texte("sous_categorie", 20), _texte("compte", 20),
    _texte("domaine_fonctionnel", 12), _texte("activite", 20), _montant("montant"), _montant("etpt"),
    Column("lignes", Integer), _texte("sens", 20),
)

_CLASSES_REFERENTIEL = {
    "ministeres": m.Ministere, "missions": m.Mission, "programmes": m.Programme, "actions": m.Action,
    "bops": m.Bop, "uos": m.UniteOperationnelle, "domaines_fonctionnels": m.DomaineFonctionnel,
    "activites": m.Activite, "fournisseurs": m.Fournisseur, "comptes_paye": m.ComptePaye,
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
                          (m.MouvementRegulation, mouvements_regulation), (m.Marche, marches)):
        _registre.map_imperatively(classe, table)
    _registre.map_imperatively(m.EngagementJuridique, engagements, properties={
        "postes": relationship(m.PosteEj, lazy="selectin", cascade="all, delete-orphan", order_by=postes.c.numero),
        "mouvements": relationship(m.MouvementEj, lazy="selectin", cascade="all, delete-orphan",
                                   order_by=mouvements.c.id),
    })
    _mapper_reports()
    _mapper_habilitations()
    for classe, table in ((m.DepotPaye, depots_paye), (m.RejetPaye, rejets_paye),
                          (m.ImputationPaye, imputations_paye)):
        _registre.map_imperatively(classe, table)


def _lignes(classe: type, table: Table) -> Any:
    return relationship(classe, lazy="selectin", cascade="all, delete-orphan", order_by=table.c.id)


def _mapper_reports() -> None:
    for classe, table in ((m.Parametre, parametres), (m.PlafondReport, plafonds_report),
                          (m.AeneTranche, clotures_tranches), (m.PlafondCp, clotures_plafonds),
                          (m.LigneReportable, clotures_lignes), (m.LigneDemandeReport, lignes_demandes_report),
                          (m.LigneArreteReport, lignes_arretes_report), (m.EtapeReport, historique_reports)):
        _registre.map_imperatively(classe, table)
    _registre.map_imperatively(m.Cloture, clotures, properties={
        "tranches": _lignes(m.AeneTranche, clotures_tranches), "plafonds": _lignes(m.PlafondCp, clotures_plafonds),
        "lignes": _lignes(m.LigneReportable, clotures_lignes),
    })
    _registre.map_imperatively(m.DemandeReport, demandes_report,
                               properties={"lignes": _lignes(m.LigneDemandeReport, lignes_demandes_report)})
    _registre.map_imperatively(m.ArreteReport, arretes_report,
                               properties={"lignes": _lignes(m.LigneArreteReport, lignes_arretes_report)})



def _mapper_habilitations() -> None:
    _registre.map_imperatively(m.RoleTerritoire, roles_territoires)
    _registre.map_imperatively(m.EvenementAudit, audit_habilitations)
    _registre.map_imperatively(m.Utilisateur, utilisateurs, properties={
        "roles": relationship(m.RoleTerritoire, lazy="selectin", cascade="all, delete-orphan",
                              order_by=roles_territoires.c.id),
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
        requete = select(m.Enveloppe).filter_by(exercice=exercice, niveau=niveau).order_by(m.Enveloppe.code)  # type: ignore[misc]
        return list(self.session.scalars(requete))

    def inserer_en_masse(self, classe: type, lignes: list[dict[str, Any]]) -> None:
        """Many rows of a mapped class in one executemany (no identity map, no per-object round trip)."""
        if lignes:
            self.session.execute(insert(classe), lignes)

    def selectionner(self, classe: type[T], ordre: str = "id", /, **criteres: Any) -> list[T]:
        """The rows of ``classe`` equal to ``criteres`` (a SQL WHERE, not a scan in Python)."""
        requete = select(classe).filter_by(**criteres).order_by(getattr(classe, ordre))
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
