"""Entities of budget execution as plain dataclasses (no database, no web).

Every amount is in integer cents. The storage layer maps these classes imperatively, so the
rules in :mod:`chorus_sandbox.domaine.operations` work the same on them in memory and in SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

Centimes = int

NIVEAUX = ("programme", "bop", "uo")


# --- Référentiel ---------------------------------------------------------------------------
@dataclass(eq=False)
class Ministere:
    code: str
    libelle: str


@dataclass(eq=False)
class Mission:
    code: str
    libelle: str
    ministere: str


@dataclass(eq=False)
class Programme:
    numero: str
    libelle: str
    mission: str
    ministere: str


@dataclass(eq=False)
class Action:
    code: str  # "0150-01"
    programme: str
    libelle: str


@dataclass(eq=False)
class Bop:
    code: str  # "0150-CSUP"
    programme: str
    libelle: str


@dataclass(eq=False)
class UniteOperationnelle:
    code: str  # centre financier "BG00/0150-CSUP-DR75"
    bop: str
    libelle: str

    @property
    def programme(self) -> str:
        return self.bop[:4]


@dataclass(eq=False)
class DomaineFonctionnel:
    code: str
    libelle: str


@dataclass(eq=False)
class Activite:
    code: str
    libelle: str


@dataclass(eq=False)
class Fournisseur:
    code: str
    raison_sociale: str
    siret: str
    categorie: str = "Entreprise"


# --- Crédits -------------------------------------------------------------------------------
@dataclass(eq=False)
class LoiDeFinances:
    identifiant: str  # "LFI 2026"
    nature: str  # "LFI" | "LFR"
    exercice: int
    date_integration: dt.date
    taux_reserve_t2: Decimal
    taux_reserve_hors_t2: Decimal
    lignes: list[LigneLoiDeFinances] = field(default_factory=list)


@dataclass(eq=False)
class LigneLoiDeFinances:
    programme: str
    titre: str
    ae: Centimes
    cp: Centimes
    etpt: int = 0
    id: int | None = None


@dataclass(eq=False)
class Enveloppe:
    """Credits of one programme, BOP or UO, for one titre and one exercice.

    ``ouverts`` are the voted credits for a programme and the credits received by mise à
    disposition for a BOP or an UO; consumption (affectation, engagement, paiement) happens on
    UOs. ``disponibles`` is what the level can still distribute or consume.
    """

    exercice: int
    niveau: str
    code: str
    titre: str
    ae_ouverts: Centimes = 0
    cp_ouverts: Centimes = 0
    ae_reserves: Centimes = 0
    cp_reserves: Centimes = 0
    ae_mis_a_disposition: Centimes = 0
    cp_mis_a_disposition: Centimes = 0
    ae_affectes: Centimes = 0
    ae_engages_hors_tf: Centimes = 0
    ae_engages: Centimes = 0
    cp_consommes: Centimes = 0
    id: int | None = None

    @property
    def ae_disponibles(self) -> Centimes:
        return (
            self.ae_ouverts
            - self.ae_reserves
            - self.ae_mis_a_disposition
            - self.ae_affectes
            - self.ae_engages_hors_tf
        )

    @property
    def cp_disponibles(self) -> Centimes:
        return self.cp_ouverts - self.cp_reserves - self.cp_mis_a_disposition - self.cp_consommes


@dataclass(eq=False)
class MiseADisposition:
    exercice: int
    source: str
    destination: str
    niveau_destination: str
    titre: str
    ae: Centimes
    cp: Centimes
    date: dt.date
    id: int | None = None


# --- Exécution -----------------------------------------------------------------------------
@dataclass(eq=False)
class TrancheFonctionnelle:
    numero: str
    exercice: int
    uo: str
    titre: str
    libelle: str
    ae_affectees: Centimes = 0
    ae_engagees: Centimes = 0

    @property
    def aene(self) -> Centimes:
        """AE affectées non engagées."""
        return self.ae_affectees - self.ae_engagees


@dataclass(eq=False)
class PosteEj:
    numero: int
    montant: Centimes
    domaine_fonctionnel: str
    activite: str
    montant_receptionne: Centimes = 0
    montant_demande: Centimes = 0
    montant_paye: Centimes = 0
    id: int | None = None


@dataclass(eq=False)
class MouvementEj:
    type_mouvement: str  # 100 original, 150 augmentation, 200 réduction, 350 bascule
    poste: int
    exercice: int
    date: dt.date
    montant: Centimes
    id: int | None = None


@dataclass(eq=False)
class EngagementJuridique:
    numero: str
    exercice: int  # exercice d'origine
    exercice_courant: int  # exercice where the EJ lives now (after bascule: N+1)
    uo: str
    titre: str
    fournisseur: str
    objet: str
    date_creation: dt.date
    tranche: str | None = None
    postes: list[PosteEj] = field(default_factory=list)
    mouvements: list[MouvementEj] = field(default_factory=list)
    marche: str | None = None  # the marché or accord-cadre it is a bon de commande of

    @property
    def montant(self) -> Centimes:
        return sum(p.montant for p in self.postes)

    @property
    def montant_receptionne(self) -> Centimes:
        return sum(p.montant_receptionne for p in self.postes)

    @property
    def montant_demande(self) -> Centimes:
        return sum(p.montant_demande for p in self.postes)

    @property
    def montant_paye(self) -> Centimes:
        return sum(p.montant_paye for p in self.postes)

    @property
    def reste_a_payer(self) -> Centimes:
        return self.montant - self.montant_paye

    @property
    def statut(self) -> str:
        if self.montant_paye and self.montant_paye == self.montant:
            return "Soldé"
        if self.montant == 0:
            return "Retiré"
        if self.montant_paye:
            return "Partiellement payé"
        if self.montant_receptionne == self.montant:
            return "Réceptionné"
        if self.montant_receptionne:
            return "Partiellement réceptionné"
        return "Engagé"

    def poste(self, numero: int) -> PosteEj | None:
        return next((p for p in self.postes if p.numero == numero), None)


#: Natures of a marché (code → label as the screens and exports write it).
NATURES_MARCHE = {"marche": "Marché", "accord-cadre": "Accord-cadre"}


@dataclass(eq=False)
class Marche:
    """A marché public or an accord-cadre (domain doc §12), passed for one centre financier.

    Its purchases are bons de commande: EJs carrying its number (``EngagementJuridique.marche``).
    ``montant_engage`` is Σ of their amounts, kept by the EJ operations as a TF keeps its AE
    engagées; ``montant_maximum`` None: no maximum (then nothing caps its bons de commande).
    """

    numero: str  # "2026-0150-00001": year of its start, programme, rank
    nature: str  # a key of NATURES_MARCHE
    objet: str
    titulaire: str  # fournisseur code (10 digits)
    uo: str  # centre financier that passed it: its périmètre
    date_debut: dt.date
    date_fin: dt.date
    montant_maximum: Centimes | None = None
    montant_engage: Centimes = 0

    @property
    def libelle_nature(self) -> str:
        return NATURES_MARCHE.get(self.nature, self.nature)

    @property
    def reste(self) -> Centimes | None:
        """Reste sur le maximum (None: no maximum)."""
        return None if self.montant_maximum is None else self.montant_maximum - self.montant_engage


@dataclass(eq=False)
class ServiceFait:
    numero: str
    engagement: str
    poste: int
    montant: Centimes
    date: dt.date
    code_mouvement: str = "101"


@dataclass(eq=False)
class DemandePaiement:
    numero: str
    engagement: str
    poste: int
    montant: Centimes
    date_base: dt.date
    statut: str = "À payer"
    date_paiement: dt.date | None = None
    exercice_paiement: int | None = None


@dataclass(eq=False)
class Evenement:
    """One line of the history: what was done, on what, by which operation."""

    horodatage: dt.datetime
    operation: str
    objet: str
    detail: str
    id: int | None = None


@dataclass(eq=False)
class Compteur:
    nom: str
    valeur: int


# --- Consultation --------------------------------------------------------------------------
@dataclass(frozen=True)
class LigneSituation:
    """Situation budgétaire of one level for one titre (or all titres: ``titre == "Total"``)."""

    titre: str
    ae_ouverts: Centimes
    ae_reserves: Centimes
    ae_mis_a_disposition: Centimes
    ae_affectes: Centimes
    ae_engages: Centimes
    ae_disponibles: Centimes
    cp_ouverts: Centimes
    cp_reserves: Centimes
    cp_mis_a_disposition: Centimes
    cp_consommes: Centimes
    cp_disponibles: Centimes


@dataclass(frozen=True)
class Situation:
    exercice: int
    niveau: str
    code: str
    libelle: str
    lignes: tuple[LigneSituation, ...]

    @property
    def total(self) -> LigneSituation:
        return self.lignes[-1]


# --- Régulation en gestion -------------------------------------------------------------------
@dataclass(eq=False)
class MouvementRegulation:
    """One in-year regulation movement on programme credits (virement, transfert, dégel…).

    ``source`` / ``destination`` are programme numbers ("" when the movement has no such side,
    e.g. a fonds de concours has no source); amounts are positive cents.
    """

    type_mouvement: str
    exercice: int
    source: str
    destination: str
    titre_source: str
    titre_destination: str
    ae: Centimes
    cp: Centimes
    date: dt.date
    reference: str = ""
    id: int | None = None


# --- Clôture de l'exercice et campagne des reports (domaine/reports.py) ----------------------
@dataclass(eq=False)
class Parametre:
    """A setting stored with the data: after a closing, ``exercice_courant`` and ``date_du_jour``
    (absent: the dataset's exercice and date apply)."""

    nom: str
    valeur: str


@dataclass(eq=False)
class PlafondReport:
    """Cap rate (in %) of the hors-T2 CP carry-over of an exercice: ``programme == ""`` is the
    general rate, a programme number is that programme's raised rate (the year's LFI list)."""

    exercice: int
    programme: str
    taux: Decimal
    id: int | None = None


@dataclass(eq=False)
class AeneTranche:
    """AENE of one tranche fonctionnelle at the closing (detail of the AENE carry-over)."""

    tranche: str
    programme: str
    uo: str
    titre: str
    ae_affectees: Centimes
    ae_engagees: Centimes
    aene: Centimes  # the base retained for the carry-over
    id: int | None = None


@dataclass(eq=False)
class PlafondCp:
    """Hors-T2 CP cap of one programme at the closing and what it let through."""

    programme: str
    lfi_cp_hors_t2: Centimes
    taux: Decimal
    majore: bool
    plafond: Centimes
    cp_non_consommes: Centimes  # hors-T2, réserve and fonds de concours excluded
    cp_reportables: Centimes  # after the cap
    id: int | None = None


@dataclass(eq=False)
class LigneReportable:
    """What one programme × titre × nature (AENE, CP, FDC) may carry to N+1."""

    programme: str
    titre: str
    nature: str
    ae_non_consommees: Centimes
    cp_non_consommes: Centimes
    ae_reportables: Centimes
    cp_reportables: Centimes
    id: int | None = None


@dataclass(eq=False)
class Cloture:
    """The closing of an exercice: reportable amounts, per-TF AENE, caps, EJ carried to N+1."""

    exercice: int
    date_cloture: dt.date
    date_ouverture: dt.date  # the sandbox's date in N+1 right after the closing
    auteur: str
    horodatage: dt.datetime
    ej_bascules: int = 0
    tranches: list[AeneTranche] = field(default_factory=list)
    plafonds: list[PlafondCp] = field(default_factory=list)
    lignes: list[LigneReportable] = field(default_factory=list)
    id: int | None = None


@dataclass(eq=False)
class LigneDemandeReport:
    titre: str
    nature: str
    ae: Centimes
    cp: Centimes
    id: int | None = None


@dataclass(eq=False)
class DemandeReport:
    """Demande de report of a programme's credits of ``exercice`` (N) to N+1, by its RPROG."""

    numero: str  # DR + N + 6 digits
    exercice: int
    programme: str
    auteur: str
    date_depot: dt.date
    statut: str = "Déposée"
    avis: str = ""  # "favorable" | "défavorable" once the contrôleur budgétaire gave it
    motif_avis: str = ""
    auteur_avis: str = ""
    date_avis: dt.date | None = None
    arrete: str = ""  # the arrêté that took it up
    lignes: list[LigneDemandeReport] = field(default_factory=list)


@dataclass(eq=False)
class LigneArreteReport:
    demande: str
    programme: str
    titre: str
    nature: str
    ae_demandees: Centimes
    cp_demandees: Centimes
    ae_reportables: Centimes
    cp_reportables: Centimes
    ae_accordees: Centimes
    cp_accordees: Centimes
    id: int | None = None


@dataclass(eq=False)
class ArreteReport:
    """Arrêté de report of the Direction du Budget: credits of N opened on N+1 once integrated."""

    numero: str  # AR + N + 6 digits
    exercice: int
    date_signature: dt.date
    auteur: str
    statut: str = "Signé"
    date_integration: dt.date | None = None
    auteur_integration: str = ""
    lignes: list[LigneArreteReport] = field(default_factory=list)


@dataclass(eq=False)
class EtapeReport:
    """One line of the campaign's history: who did what, when, on which demande or arrêté."""

    objet: str
    horodatage: dt.datetime
    auteur: str
    action: str
    statut: str
    detail: str
    id: int | None = None


# --- Habilitations : utilisateurs, rôles-territoires, audit (domaine/habilitations.py) ---------
@dataclass(eq=False)
class RoleTerritoire:
    """A role granted on one périmètre: a programme (``0150``), a BOP (``0150-CSUP``) or a
    centre financier (``BG00/0150-CSUP-DR75``)."""

    role: str
    perimetre: str
    id: int | None = None


@dataclass(eq=False)
class Utilisateur:
    """A person who logs in. ``empreinte`` is an Argon2id hash, never a password; ``echecs`` counts
    the failed logins since the last success, ``verrouille_jusqu_a`` is the end of a lock-out."""

    identifiant: str
    nom: str
    empreinte: str
    actif: bool = True
    echecs: int = 0
    verrouille_jusqu_a: dt.datetime | None = None
    derniere_connexion: dt.datetime | None = None
    roles: list[RoleTerritoire] = field(default_factory=list)

    def role(self, role: str, perimetre: str) -> RoleTerritoire | None:
        return next((r for r in self.roles if r.role == role and r.perimetre == perimetre), None)


@dataclass(eq=False)
class EvenementAudit:
    """One line of the habilitations audit trail: who (``auteur``) changed what, when."""

    horodatage: dt.datetime
    auteur: str
    action: str
    utilisateur: str
    role: str = ""
    perimetre: str = ""
    detail: str = ""
    id: int | None = None


# --- Titre 2, emplois et flux de paye (domaine/paye.py) -----------------------------------------
@dataclass(eq=False)
class ComptePaye:
    """Référentiel (data, not code): a prefix of comptes PCE and the T2 catégorie it belongs to.

    ``sous_categorie`` splits catégorie 22: ``hors CAS`` or ``CAS Pensions`` ("" for 21 and 23).
    The longest prefix matching a compte wins (``PCE/6453`` CAS Pensions before ``PCE/645``)."""

    prefixe: str
    categorie: str
    sous_categorie: str
    libelle: str


@dataclass(eq=False)
class DepotPaye:
    """One deposit of a payroll flow and its compte rendu d'intégration (amounts in cents, ETPT in
    ten-thousandths). ``uos``: the known centres financiers the file names, comma-separated (the
    périmètre a reader must cover to see it); ``alertes``: JSON list."""

    numero: str  # DEP-2026-000042
    interface: str
    flux: str | None
    fichier: str
    mois: str
    ministere: str
    emetteur: str
    exercice: int
    depose_le: dt.datetime
    depose_par: str
    statut: str
    lignes_fichier: int = 0
    lignes_integrees: int = 0
    lignes_rejetees: int = 0
    montant_fichier: Centimes = 0
    montant_integre: Centimes = 0
    montant_rejete: Centimes = 0
    etpt_fichier: int = 0
    etpt_integre: int = 0
    etpt_rejete: int = 0
    rejet_code: str = ""
    rejet_ligne: int | None = None
    rejet_champ: str = ""
    rejet_motif: str = ""
    alertes: str = "[]"
    uos: str = ""
    annule_le: dt.datetime | None = None
    annule_par: str = ""
    motif_annulation: str = ""


@dataclass(eq=False)
class RejetPaye:
    """One detail line of a flow rejected on its own, with its motif (``montant`` None: unreadable)."""

    depot: str
    ligne: int
    code: str
    champ: str
    valeur: str
    montant: Centimes | None
    motif: str
    id: int | None = None


@dataclass(eq=False)
class ImputationPaye:
    """T2 consumed by the integrated lines of a flow sharing one imputation (AE = CP = ``montant``),
    and the ETPT they count against the plafond d'emplois; a cancellation writes the opposite."""

    depot: str
    flux: str
    exercice: int
    mois: int
    ministere: str
    programme: str
    uo: str
    categorie: str
    sous_categorie: str
    compte: str
    domaine_fonctionnel: str
    activite: str
    montant: Centimes
    etpt: int  # ten-thousandths of an ETPT
    lignes: int
    sens: str = "intégration"  # or "annulation"
    id: int | None = None
