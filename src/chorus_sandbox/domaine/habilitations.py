"""Habilitations: who may do what, where. The matrix of the sandbox, in one place.

Model (domain doc §7). A **rôle-territoire** is a role granted on a **périmètre**: a programme
(``0150``), a BOP (``0150-CSUP``) or a centre financier (``BG00/0150-CSUP-DR75``). A programme
covers its BOPs and their UOs, a BOP covers its UOs (the Chorus codes carry the hierarchy). The
périmètre ``national`` covers every programme, present or to come (Direction du Budget, the
campaign's user). A user sees and acts only inside the périmètres of the roles that allow the
operation.

Matrix (role → operations; every role may ``consulter`` its périmètres):

============== ==============================================================================
administrateur paramétrage des utilisateurs (écrans, import en masse, audit), administration du
               bac à sable (jeux, réinitialisation), lois de finances, régulation en gestion,
               clôture, plafonds, arrêtés et intégration des reports (périmètre national : ils
               portent sur tous les programmes), dépôt et annulation des flux de paye,
               opérations non déclarées ci-dessous
RPROG          mises à disposition depuis ses programmes (et leurs BOP), demandes de report de
               ses programmes, dépôt des flux de paye de ses programmes
RBOP           mises à disposition depuis ses BOP vers leurs UO, dépôt des flux de paye des UO
               de ses BOP (un flux qui nomme une UO hors de ses périmètres est rejeté entier)
RUO            tranches fonctionnelles (affectation), engagements, service fait, demandes de
               paiement, paiements sur ses centres financiers
gestionnaire   engagements, service fait, demandes de paiement, paiements sur ses centres
               financiers (l'affectation d'AE à une tranche est une décision du RUO)
controleur     contrôle budgétaire (CBCM) : lecture et avis sur les demandes de report de ses
               programmes
lecteur        lecture seule
============== ==============================================================================

How it is enforced (see ``chorus_sandbox.web.securite`` for the web side):

- **writes**: :meth:`chorus_sandbox.service.Bac.executer` calls :func:`autoriser` before the
  operation, in its transaction: the operation's :class:`Protection` (the table at the end of this
  module, or the ``@protegee`` decorator) names the matrix operation and, through a
  :class:`Liaison`, the parameters holding the codes the call touches, checked against the
  function's signature at import; an operation that declares nothing is reserved to the
  administrateur;
- **reads**: :meth:`~chorus_sandbox.service.Bac.lire` hands the reading code a
  :class:`DepotPerimetre`, which lists only the objects of the user's périmètres and refuses
  (:class:`AccesRefuse`, 403) an object outside them asked for by its number. Every screen, API
  route and restitution reading through ``Bac.lire`` is filtered without doing anything.
"""

from __future__ import annotations

import contextvars
import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar

from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine import paye as pa
from chorus_sandbox.domaine import regulation as reg
from chorus_sandbox.domaine import reports as rp
from chorus_sandbox.domaine.codes import FORMATS
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import AccesRefuse, DonneeInvalide

T = TypeVar("T")

#: Roles, by code (as written in the datasets and the bulk files), with their label.
ROLES: dict[str, str] = {
    "administrateur": "Administrateur (Direction du Budget, paramétrage)",
    "RPROG": "Responsable de programme",
    "RBOP": "Responsable de BOP",
    "RUO": "Responsable d'unité opérationnelle",
    "gestionnaire": "Gestionnaire (service exécutant)",
    "controleur": "Contrôleur budgétaire (CBCM)",
    "lecteur": "Lecteur",
}
_ALIAS_ROLES = {"admin": "administrateur", "contrôleur": "controleur", "controleur budgetaire": "controleur",
                "contrôleur budgétaire": "controleur", "cbcm": "controleur"}

#: Operations of the matrix, each with what it lets one do (as a refusal names it).
OPERATIONS: dict[str, str] = {
    "consulter": "consulter",
    "parametrer_utilisateurs": "paramétrer les utilisateurs et leurs rôles-territoires",
    "administrer_bac": "administrer le bac à sable (jeux de données, réinitialisation)",
    "integrer_loi": "intégrer une loi de finances",
    "reguler": "réguler les crédits en gestion",
    "mettre_a_disposition": "mettre des crédits à disposition",
    "affecter": "affecter des AE à une tranche fonctionnelle",
    "engager": "engager, augmenter, réduire ou retirer un engagement juridique",
    "certifier": "constater le service fait",
    "demander_paiement": "créer une demande de paiement",
    "payer": "payer une demande de paiement",
    "emettre_avis": "émettre un avis de contrôle budgétaire",
    "demander_report": "demander un report de crédits",
    "cloturer_exercice": "clôturer l'exercice",
    "fixer_plafond_report": "fixer les plafonds de report des CP",
    "arreter_report": "prendre un arrêté de report",
    "integrer_report": "intégrer un arrêté de report",
    "deposer_flux_paye": "déposer un flux de paye",
    "annuler_flux_paye": "annuler un flux de paye",
    "operation_non_declaree": "exécuter une opération non déclarée dans la matrice des habilitations",
}

_EXECUTION = frozenset({"engager", "certifier", "demander_paiement", "payer"})
MATRICE: dict[str, frozenset[str]] = {
    "administrateur": frozenset({"consulter", "parametrer_utilisateurs", "administrer_bac", "integrer_loi", "reguler",
                                 "cloturer_exercice", "fixer_plafond_report", "arreter_report", "integrer_report",
                                 "deposer_flux_paye", "annuler_flux_paye", "operation_non_declaree"}),
    "RPROG": frozenset({"consulter", "mettre_a_disposition", "demander_report", "deposer_flux_paye"}),
    "RBOP": frozenset({"consulter", "mettre_a_disposition", "deposer_flux_paye"}),
    "RUO": frozenset({"consulter", "affecter", *_EXECUTION}),
    "gestionnaire": frozenset({"consulter", *_EXECUTION}),
    "controleur": frozenset({"consulter", "emettre_avis"}),
    "lecteur": frozenset({"consulter"}),
}

#: Formats of the codes a périmètre may name, by level.
NIVEAUX_PERIMETRE = {"programme": FORMATS["programme"][0], "bop": FORMATS["bop"][0],
                     "uo": FORMATS["centre_financier"][0]}
#: The périmètre of every programme of the référentiel.
NATIONAL = "national"


# --- Roles and périmètres (pure functions on codes) ---------------------------------------------
def lire_role(texte: str) -> str:
    """A role as written by a person (``RUO``, ``ruo``, ``contrôleur budgétaire``) → its code."""
    valeur = texte.strip()
    for code in ROLES:
        if valeur.lower() == code.lower():
            return code
    alias = _ALIAS_ROLES.get(valeur.lower())
    if alias is None:
        raise DonneeInvalide(f"Rôle inconnu : « {valeur} » (rôles : {', '.join(ROLES)})")
    return alias


def niveau_perimetre(code: str) -> str | None:
    """``programme``, ``bop`` or ``uo`` for a well-formed code, else None."""
    return next((niveau for niveau, motif in NIVEAUX_PERIMETRE.items() if motif.fullmatch(code)), None)


def lire_perimetre(texte: str) -> str:
    """A périmètre typed by a person: ``national``, or a code (trimmed, upper case) of one of the
    three formats."""
    if texte.strip().lower() == NATIONAL:
        return NATIONAL
    code = texte.strip().upper()
    if niveau_perimetre(code) is None:
        raise DonneeInvalide(f"Périmètre invalide : « {texte.strip()} » (national, un programme 0150, un BOP "
                             "0150-CSUP ou un centre financier BG00/0150-CSUP-DR75)")
    return code


def _ascendants(code: str) -> tuple[str, ...]:
    """The code and the codes above it: ``BG00/0150-CSUP-DR75`` → itself, ``0150-CSUP``, ``0150``."""
    niveau = niveau_perimetre(code)
    if niveau == "uo":
        return code, code[5:14], code[5:9]
    if niveau == "bop":
        return code, code[:4]
    return (code,)


def couvre(perimetre: str, code: str) -> bool:
    """Whether ``perimetre`` covers ``code`` (itself, or a BOP / UO below it; national: any code)."""
    if perimetre == NATIONAL:
        return code == NATIONAL or niveau_perimetre(code) is not None
    return perimetre in _ascendants(code)


def _de(infinitif: str) -> str:
    """« de payer », « d'affecter » : the elision before a vowel or a mute h."""
    return f"d'{infinitif}" if infinitif[:1].lower() in "aâeéèêiîoôuyh" else f"de {infinitif}"


# --- The habilitation of one user ---------------------------------------------------------------
@dataclass(frozen=True)
class Habilitation:
    """What a logged-in user may do: their rôles-territoires, as (role, périmètre) pairs."""

    identifiant: str
    nom: str
    roles: tuple[tuple[str, str], ...]

    @classmethod
    def de(cls, utilisateur: m.Utilisateur) -> Habilitation:
        return cls(utilisateur.identifiant, utilisateur.nom,
                   tuple(sorted((r.role, r.perimetre) for r in utilisateur.roles)))

    def perimetres(self, operation: str) -> tuple[str, ...]:
        """Codes on which ``operation`` is allowed."""
        return tuple(sorted({p for role, p in self.roles if operation in MATRICE.get(role, ())}))

    def autorise(self, operation: str, code: str | None = None) -> bool:
        """``operation`` allowed somewhere (``code`` None) or on ``code``."""
        perimetres = self.perimetres(operation)
        return bool(perimetres) if code is None else any(couvre(p, code) for p in perimetres)

    def voit(self, code: str) -> bool:
        return self.autorise("consulter", code)

    @property
    def voit_un_programme(self) -> bool:
        """Whether a whole programme (or every one) is in the user's périmètres."""
        return any(p == NATIONAL or niveau_perimetre(p) == "programme" for p in self.perimetres("consulter"))

    def exiger(self, operation: str, codes: Iterable[tuple[str, str]] = ()) -> None:
        """Refuse (403, French) unless ``operation`` is allowed on every ``(code, designation)``."""
        if not self.autorise(operation):
            raise AccesRefuse(f"Accès refusé : aucun de vos rôles ne permet {_de(OPERATIONS[operation])}")
        for code, objet in codes:
            if not self.autorise(operation, code):
                raise AccesRefuse(f"Accès refusé : {objet} est hors de votre périmètre pour {OPERATIONS[operation]}")


#: The habilitation of the request being served (set by the web layer; None: no restriction, as
#: for the sandbox's own loading code and the unit tests).
habilitation_courante: contextvars.ContextVar[Habilitation | None] = contextvars.ContextVar(
    "habilitation_courante", default=None)


# --- Which codes an object belongs to -----------------------------------------------------------
def _niveau(classe: str) -> Callable[[Any], tuple[str, ...]]:
    return lambda objet: (getattr(objet, classe),)


#: Budget codes of each entity (an object is visible when one of its codes is covered). Entities
#: absent from here and from :data:`CODES_PAR_LIEN` belong to no périmètre (nomenclature, lois de
#: finances, which are public, counters, users): they are not filtered.
CODES: dict[type, Callable[[Any], tuple[str, ...]]] = {
    m.Programme: _niveau("numero"),
    m.Bop: _niveau("code"),
    m.UniteOperationnelle: _niveau("code"),
    m.Enveloppe: _niveau("code"),
    m.TrancheFonctionnelle: _niveau("uo"),
    m.EngagementJuridique: _niveau("uo"),
    m.MiseADisposition: lambda x: (x.source, x.destination),
    m.MouvementRegulation: lambda x: tuple(c for c in (x.source, x.destination) if c),
    m.RoleTerritoire: _niveau("perimetre"),
    m.Utilisateur: lambda x: tuple(r.perimetre for r in x.roles),
    m.EvenementAudit: lambda x: (x.perimetre,) if x.perimetre else (),
    # campagne des reports: a demande, an arrêté (by the programmes of its lines) and the lines a
    # closing or an arrêté holds (filter them with :func:`visibles`); the closing itself is national
    m.DemandeReport: _niveau("programme"),
    m.ArreteReport: lambda x: tuple(sorted({ligne.programme for ligne in x.lignes})),
    m.LigneArreteReport: _niveau("programme"),
    m.LigneReportable: _niveau("programme"),
    m.PlafondCp: _niveau("programme"),
    m.AeneTranche: _niveau("uo"),
    # flux de paye: a compte rendu by the centres financiers its file names (none readable: seen by all)
    m.DepotPaye: lambda x: tuple(x.uos.split(",")) if x.uos else (),
    m.ImputationPaye: _niveau("uo"),
}

#: How the designation of a refused object reads in French.
DESIGNATIONS: dict[type, str] = {
    m.Programme: "le programme", m.Bop: "le BOP", m.UniteOperationnelle: "l'UO",
    m.TrancheFonctionnelle: "la tranche fonctionnelle", m.EngagementJuridique: "l'engagement juridique",
    m.ServiceFait: "le service fait", m.DemandePaiement: "la demande de paiement", m.Utilisateur: "l'utilisateur",
    m.DemandeReport: "la demande de report", m.ArreteReport: "l'arrêté de report",
}


def designation(objet: object, cle: str) -> str:
    return f"{DESIGNATIONS.get(type(objet), 'l’objet')} {cle}"


def designation_code(code: str) -> str:
    """``l'UO BG00/…``, ``le BOP 0150-CSUP``, ``le programme 0150``."""
    if code == NATIONAL:
        return "le périmètre national"
    niveau = niveau_perimetre(code)
    return {"programme": "le programme", "bop": "le BOP", "uo": "l'UO"}.get(niveau or "", "le périmètre") + f" {code}"


_FORMAT_EJ, _FORMAT_DP, _FORMAT_TF = (FORMATS[n][0] for n in ("engagement", "demande_paiement",
                                                              "tranche_fonctionnelle"))
_FORMAT_REPORT = re.compile(r"(DR|AR)\d{10}")  # demande (DR2026000001) or arrêté de report (AR2026000001)


class Resolveur:
    """Finds the centre financier of objects known by a number (EJ, TF, DP, journal lines)."""

    def __init__(self, depot: Depot) -> None:
        self._depot = depot
        self._caches: dict[type, dict[str, str | None]] = {}

    def _uo(self, classe: type, numero: str, lien: Callable[[Any], str | None]) -> str | None:
        cache = self._caches.setdefault(classe, {})
        if numero not in cache:
            objet = self._depot.trouver(classe, numero)
            cache[numero] = lien(objet) if objet is not None else None
        return cache[numero]

    def _existe(self, niveau: str, code: str) -> bool:
        classe = {"programme": m.Programme, "bop": m.Bop, "uo": m.UniteOperationnelle}[niveau]
        return self._uo(classe, code, lambda _objet: code) is not None

    def uo_engagement(self, numero: str) -> str | None:
        return self._uo(m.EngagementJuridique, numero, lambda ej: ej.uo)

    def uo_tranche(self, numero: str) -> str | None:
        return self._uo(m.TrancheFonctionnelle, numero, lambda tf: tf.uo)

    def uo_demande(self, numero: str) -> str | None:
        return self._uo(m.DemandePaiement, numero, lambda dp: self.uo_engagement(dp.engagement))

    def programme_demande_report(self, numero: str) -> str | None:
        return self._uo(m.DemandeReport, numero, lambda d: d.programme)

    def programmes_report(self, numero: str) -> tuple[str, ...]:
        """The programmes of a demande (``DR…``) or of an arrêté de report (``AR…``)."""
        if numero.startswith("DR"):
            return tuple(filter(None, (self.programme_demande_report(numero),)))
        arrete = self._depot.trouver(m.ArreteReport, numero)
        return CODES[m.ArreteReport](arrete) if arrete is not None else ()

    def uo_objet(self, texte: str) -> tuple[str, ...]:
        """The codes of a journal line's object: a budget code, or a TF, EJ, DP, demande or arrêté de
        report number. A well-formed code of nothing known (« 2026 », the exercice a closing or a cap
        is about) is no budget code: the line is then national news, seen by all."""
        if niveau := niveau_perimetre(texte):
            return (texte,) if self._existe(niveau, texte) else ()
        if _FORMAT_REPORT.fullmatch(texte):
            return self.programmes_report(texte)
        for motif, trouver in ((_FORMAT_TF, self.uo_tranche), (_FORMAT_EJ, self.uo_engagement),
                               (_FORMAT_DP, self.uo_demande)):
            if motif.fullmatch(texte):
                uo = trouver(texte)
                return (uo,) if uo else ()
        return ()


#: Entities every user reads: the nomenclature and the lois de finances (published in the Journal officiel).
PUBLIQUES: set[type] = {m.Ministere, m.Mission, m.Action, m.DomaineFonctionnel, m.Activite, m.Fournisseur,
                        m.LoiDeFinances, m.LigneLoiDeFinances}

#: Attributes that hold a budget code in an entity nobody declared (another module's new class).
ATTRIBUTS_CODES = ("uo", "centre_financier", "bop", "programme", "source", "destination", "perimetre")


def codes_des_attributs(objet: object) -> tuple[str, ...] | None:
    """The budget codes an undeclared entity holds in its usual attributes (None: it holds none,
    so it belongs to no périmètre). A new entity with a ``programme`` is thus filtered by default."""
    codes = tuple(valeur for nom in ATTRIBUTS_CODES
                  if isinstance(valeur := getattr(objet, nom, None), str) and niveau_perimetre(valeur))
    return codes or None


#: Entities whose codes are found through the object they hang on (resolver, object).
CODES_PAR_LIEN: dict[type, Callable[[Resolveur, Any], tuple[str, ...]]] = {
    m.ServiceFait: lambda r, x: tuple(filter(None, (r.uo_engagement(x.engagement),))),
    m.DemandePaiement: lambda r, x: tuple(filter(None, (r.uo_engagement(x.engagement),))),
    m.Evenement: lambda r, x: r.uo_objet(x.objet),
    m.EtapeReport: lambda r, x: r.programmes_report(x.objet),
}


class DepotPerimetre:
    """A :class:`Depot` seen by one user: only the objects of their périmètres.

    ``lister`` and ``enveloppes`` drop what is outside; ``trouver`` and ``enveloppe`` refuse it
    (:class:`AccesRefuse`) rather than pretending it does not exist. Objects with no code (see
    :data:`CODES`) are returned as they are. Anything else is delegated to the wrapped depot.
    """

    def __init__(self, depot: Depot, habilitation: Habilitation) -> None:
        self._depot = depot
        self.habilitation = habilitation
        self._resolveur = Resolveur(depot)

    def _codes(self, objet: object) -> tuple[str, ...] | None:
        classe = type(objet)
        if classe in PUBLIQUES:
            return None
        if classe in CODES:
            return CODES[classe](objet)
        if classe in CODES_PAR_LIEN:
            return CODES_PAR_LIEN[classe](self._resolveur, objet)
        return codes_des_attributs(objet)

    def visible(self, objet: object) -> bool:
        codes = self._codes(objet)
        if codes is None or (not codes and type(objet) in (m.Evenement, m.EvenementAudit, m.Utilisateur,
                                                            m.DepotPaye)):
            return True  # not budget-scoped (a journal line about a loi de finances, a user with no role…)
        return any(self.habilitation.voit(code) for code in codes)

    def trouver(self, classe: type[T], cle: str) -> T | None:
        objet = self._depot.trouver(classe, cle)
        if objet is not None and not self.visible(objet):
            raise AccesRefuse(f"Accès refusé : {designation(objet, cle)} est hors de votre périmètre")
        return objet

    def lister(self, classe: type[T]) -> list[T]:
        return [objet for objet in self._depot.lister(classe) if self.visible(objet)]

    def enveloppe(self, exercice: int, niveau: str, code: str, titre: str) -> m.Enveloppe:
        if not self.habilitation.voit(code):
            # refus non provocable : défense en profondeur : chaque opération n'ouvre que les enveloppes des codes que sa protection a déjà contrôlés
            raise AccesRefuse(f"Accès refusé : {designation_code(code)} est hors de votre périmètre")
        return self._depot.enveloppe(exercice, niveau, code, titre)

    def enveloppes(self, exercice: int, niveau: str) -> list[m.Enveloppe]:
        return [e for e in self._depot.enveloppes(exercice, niveau) if self.habilitation.voit(e.code)]

    def ajouter(self, objet: object) -> None:
        self._depot.ajouter(objet)

    def sans_perimetre(self) -> Depot:
        """The whole data behind this view (only a catalogued defect reads it: webi-perimetre-ignore)."""
        return self._depot

    def prochain_numero(self, sequence: str, depart: int) -> int:
        return self._depot.prochain_numero(sequence, depart)

    def __getattr__(self, nom: str) -> Any:
        return getattr(self._depot, nom)


def visibles(depot: Depot, objets: Iterable[T]) -> list[T]:
    """Those of ``objets`` the reading depot shows: for the lines an object holds (a closing's
    reportable amounts, an arrêté's lines), which no ``lister`` filters. A plain depot shows all."""
    if isinstance(depot, DepotPerimetre):
        return [objet for objet in objets if depot.visible(objet)]
    return list(objets)


# --- Protections of the write operations --------------------------------------------------------
Arguments = dict[str, Any]
Codes = Iterable[tuple[str, str]]
F = TypeVar("F", bound=Callable[..., Any])


class LiaisonInvalide(ValueError):
    """A protection that cannot be enforced as declared: an operation outside the matrix, or a
    liaison reading a parameter its domain function does not have. Raised when the protection is
    declared, that is when its module is imported: the sandbox does not start with a rotten check."""


@dataclass(frozen=True)
class Liaison:
    """Where the codes an operation touches come from: the parameters of the domain function it
    reads, and how their values become (code, designation) pairs.

    The names are checked against the function's signature when the protection is declared
    (:func:`proteger`), and ``lire`` is handed those arguments only: a renamed parameter fails at
    import instead of silently turning a périmètre check into a role-only one.
    """

    parametres: tuple[str, ...]
    lire: Callable[[Depot, Arguments], Codes]

    def __call__(self, depot: Depot, arguments: Arguments) -> Codes:
        return self.lire(depot, {nom: arguments[nom] for nom in self.parametres if nom in arguments})


def _aucun(_depot: Depot, _arguments: Arguments) -> Codes:
    return ()


def _national(_depot: Depot, _arguments: Arguments) -> Codes:
    return [(NATIONAL, designation_code(NATIONAL))]


#: No code: the role alone decides (creating a user who has no role yet).
AUCUN_CODE = Liaison((), _aucun)
#: Every programme: a national administrator only (closing, caps, arrêtés de report).
PERIMETRE_NATIONAL = Liaison((), _national)


@dataclass(frozen=True)
class Protection:
    """The matrix operation a domain function performs, and the (code, designation) it touches."""

    operation: str
    codes: Liaison = AUCUN_CODE


_PROTECTIONS: dict[Callable[..., Any], Protection] = {}
#: Domain operation → protection, read only: declare one with :func:`proteger` or :func:`protegee`,
#: which check its liaison against the function's signature.
PROTECTIONS: Mapping[Callable[..., Any], Protection] = MappingProxyType(_PROTECTIONS)
#: An operation nobody declared: a national administrator only, until it is declared.
NON_DECLAREE = Protection("operation_non_declaree", PERIMETRE_NATIONAL)


def parametres_nommes(fonction: Callable[..., Any]) -> tuple[str, ...]:
    """The parameters of a domain operation a liaison may read: those after the depot and the
    context that an argument binds by name (not ``*args`` / ``**kwargs``)."""
    variables = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return tuple(p.name for p in list(inspect.signature(fonction).parameters.values())[2:] if p.kind not in variables)


def _verifier_operation(operation: str) -> None:
    if operation not in OPERATIONS:
        raise LiaisonInvalide(f"opération inconnue de la matrice des habilitations : {operation}")


def verifier_liaison(fonction: Callable[..., Any], protection: Protection) -> None:
    """Raise :class:`LiaisonInvalide` (French, naming the operation and the parameter) unless the
    matrix knows the operation and ``fonction`` has every parameter its liaison reads."""
    _verifier_operation(protection.operation)
    parametres = parametres_nommes(fonction)
    for nom in protection.codes.parametres:
        if nom not in parametres:
            raise LiaisonInvalide(
                f"Liaison de périmètre invalide : l'opération {fonction.__module__}.{fonction.__qualname__} "
                f"(« {protection.operation} ») n'a pas de paramètre « {nom} » "
                f"(ses paramètres : {', '.join(parametres) or 'aucun'})")


def proteger(fonction: F, protection: Protection) -> F:
    """Declare the protection of a domain operation, after checking its liaison."""
    verifier_liaison(fonction, protection)
    _PROTECTIONS[fonction] = protection
    return fonction


def protegee(operation: str, codes: Liaison = AUCUN_CODE) -> Callable[[F], F]:
    """Decorator of a domain operation: ``@protegee("engager", codes_de("uo"))``. The operation is
    checked now, the liaison's parameters when the decorated function is defined (at import)."""
    _verifier_operation(operation)
    return lambda fonction: proteger(fonction, Protection(operation, codes))


_CLASSES_NIVEAUX: dict[str, type] = {"programme": m.Programme, "bop": m.Bop, "uo": m.UniteOperationnelle}


def _connus(depot: Depot, codes: Iterable[str]) -> list[tuple[str, str]]:
    """The codes of the référentiel among ``codes``, with their designation. A malformed or unknown
    code is left to the operation, which refuses it with its own message (422, 404)."""
    connus = []
    for code in dict.fromkeys(codes):
        niveau = niveau_perimetre(code)
        if niveau and depot.trouver(_CLASSES_NIVEAUX[niveau], code) is not None:
            connus.append((code, designation_code(code)))
    return connus


def codes_de(*noms: str) -> Liaison:
    """The codes found in the named parameters (programme, BOP or centre financier)."""
    def lire(depot: Depot, arguments: Arguments) -> list[tuple[str, str]]:
        return _connus(depot, (str(arguments[nom]) for nom in noms if arguments.get(nom)))
    return Liaison(noms, lire)


def _par_numero(nom: str, classe: type, trouver: Callable[[Resolveur, str], str | None]) -> Liaison:
    def lire(depot: Depot, arguments: Arguments) -> list[tuple[str, str]]:
        numero = str(arguments[nom])
        uo = trouver(Resolveur(depot), numero)  # unknown: the operation itself says so (404)
        return [(uo, f"{DESIGNATIONS[classe]} {numero}")] if uo else []
    return Liaison((nom,), lire)


def _roles_de_l_utilisateur(depot: Depot, arguments: Arguments) -> list[tuple[str, str]]:
    utilisateur = depot.trouver(m.Utilisateur, str(arguments["identifiant"]).strip())
    if utilisateur is None:
        return []
    return [(r.perimetre, f"{designation_code(r.perimetre)} (rôle {r.role} de {utilisateur.identifiant})")
            for r in utilisateur.roles]


#: The périmètres of the user an operation changes: an administrator acts on a user only if they
#: cover every rôle-territoire of that user (a user with no role: anyone may).
roles_de_l_utilisateur = Liaison(("identifiant",), _roles_de_l_utilisateur)


def _programmes_des_lignes(depot: Depot, arguments: Arguments) -> list[tuple[str, str]]:
    return _connus(depot, sorted({str(ligne.programme) for ligne in arguments["lignes"]}))


_LIGNES = Liaison(("lignes",), _programmes_des_lignes)
_EJ = _par_numero("numero", m.EngagementJuridique, Resolveur.uo_engagement)
_TF = _par_numero("numero", m.TrancheFonctionnelle, Resolveur.uo_tranche)
_DP = _par_numero("numero_dp", m.DemandePaiement, Resolveur.uo_demande)
_DR = _par_numero("numero", m.DemandeReport, Resolveur.programme_demande_report)

# The protections of the domain modules (those of the users' paramétrage are their decorators).
_DECLARATIONS: dict[Callable[..., Any], Protection] = {
    op.integrer_loi_de_finances: Protection("integrer_loi", _LIGNES),
    op.mettre_a_disposition: Protection("mettre_a_disposition", codes_de("source")),
    op.creer_tranche_fonctionnelle: Protection("affecter", codes_de("uo")),
    op.affecter: Protection("affecter", _TF),
    op.retirer_affectation: Protection("affecter", _TF),
    op.engager: Protection("engager", codes_de("uo")),
    op.augmenter_engagement: Protection("engager", _EJ),
    op.reduire_engagement: Protection("engager", _EJ),
    op.retirer_engagement: Protection("engager", _EJ),
    op.constater_service_fait: Protection("certifier", _EJ),
    op.creer_demande_paiement: Protection("demander_paiement", _EJ),
    op.payer: Protection("payer", _DP),
    reg.integrer_loi_rectificative: Protection("integrer_loi", _LIGNES),
    reg.degeler: Protection("reguler", codes_de("programme")),
    reg.surgeler: Protection("reguler", codes_de("programme")),
    reg.annuler_reserve: Protection("reguler", codes_de("programme")),
    reg.virer: Protection("reguler", codes_de("source", "destination")),
    reg.transferer: Protection("reguler", codes_de("source", "destination")),
    reg.fongibilite: Protection("reguler", codes_de("programme")),
    reg.rattacher_fonds_de_concours: Protection("reguler", codes_de("programme")),
    # campagne des reports: the RPROG asks for their programme, the contrôleur gives the avis on the
    # demandes of theirs; the Direction du Budget closes, sets the caps and signs for every programme
    rp.cloturer_exercice: Protection("cloturer_exercice", PERIMETRE_NATIONAL),
    rp.fixer_plafond_report: Protection("fixer_plafond_report", PERIMETRE_NATIONAL),
    rp.demander_report: Protection("demander_report", codes_de("programme")),
    rp.donner_avis: Protection("emettre_avis", _DR),
    rp.arreter_reports: Protection("arreter_report", PERIMETRE_NATIONAL),
    rp.integrer_arrete: Protection("integrer_report", PERIMETRE_NATIONAL),
    # flux de paye: the role here; the périmètre of each line's centre financier is checked by the
    # integration itself (the file is read there once), which rejects the whole flow (hors-perimetre)
    pa.integrer_flux_paye: Protection("deposer_flux_paye"),
    pa.annuler_flux_paye: Protection("annuler_flux_paye", PERIMETRE_NATIONAL),
}
# Each declaration is checked here, at import: a parameter renamed in the domain stops the sandbox
# from starting, with a message naming the operation and the parameter.
for _fonction, _protection in _DECLARATIONS.items():
    proteger(_fonction, _protection)


def autoriser(depot: Depot, habilitation: Habilitation, operation: Callable[..., Any], args: tuple[Any, ...],
              kwargs: dict[str, Any]) -> None:
    """Refuse ``operation(depot, ctx, *args, **kwargs)`` unless the habilitation allows it."""
    protection = PROTECTIONS.get(operation, NON_DECLAREE)
    liees = inspect.signature(operation).bind_partial(None, None, *args, **kwargs)
    liees.apply_defaults()  # a code parameter left to its default is read too
    habilitation.exiger(protection.operation)  # the role first: an unknown number says nothing
    habilitation.exiger(protection.operation, protection.codes(depot, liees.arguments))


def verifier_identifiant(texte: str) -> str:
    """A login: 3 to 40 lower-case letters, digits, dots, hyphens or underscores."""
    valeur = texte.strip()
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]{2,39}", valeur):
        raise DonneeInvalide(f"Identifiant invalide : « {valeur} » (3 à 40 caractères : minuscules, chiffres, "
                             "point, tiret, souligné ; ex. camille.martin)")
    return valeur
