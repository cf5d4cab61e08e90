"""The compte rendu d'intégration of a deposited flow, as the target returns it
(docs/conception/flux-paye.md §4): statut, counts and totals, rejected lines with their motif,
whole-file rejection, alerts. Amounts are exact (Decimal from the JSON's decimal strings).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from recette.interfaces.erreurs import ErreurCompteRendu

INTEGRE = "intégré"
INTEGRE_PARTIELLEMENT = "intégré partiellement"
REJETE = "rejeté"
ANNULE = "annulé"
STATUTS = (INTEGRE, INTEGRE_PARTIELLEMENT, REJETE, ANNULE)


@dataclass(frozen=True)
class Comptes:
    """Lines of the file, integrated, rejected."""

    fichier: int
    integrees: int
    rejetees: int


@dataclass(frozen=True)
class Totaux:
    """A total (amounts, ETPT) of the file, integrated, rejected."""

    fichier: Decimal
    integre: Decimal
    rejete: Decimal


@dataclass(frozen=True)
class LigneRejetee:
    """One detail line rejected on its own: its line in the file, the rule's code and French motif."""

    ligne: int
    code: str
    motif: str
    champ: str | None = None
    valeur: str | None = None
    montant: Decimal | None = None  # None: the line's amount could not be read


@dataclass(frozen=True)
class RejetFichier:
    """The whole file rejected: the rule's code, its French motif, where (when it has a place)."""

    code: str
    motif: str
    ligne: int | None = None
    champ: str | None = None


@dataclass(frozen=True)
class Alerte:
    """Something integrated but worth a look (T2 overrun…): nothing was refused."""

    code: str
    message: str
    details: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Annulation:
    le: str
    par: str
    motif: str = ""


@dataclass(frozen=True)
class CompteRendu:
    """One deposit's compte rendu d'intégration."""

    interface: str
    depot: str
    flux: str | None
    fichier: str
    statut: str
    lignes: Comptes
    montants: Totaux
    etpt: Totaux | None = None
    rejet_fichier: RejetFichier | None = None
    rejets: tuple[LigneRejetee, ...] = ()
    alertes: tuple[Alerte, ...] = ()
    entete: Mapping[str, str] = field(default_factory=dict)
    depose_le: str = ""
    depose_par: str = ""
    annulation: Annulation | None = None

    @classmethod
    def depuis_json(cls, donnees: Any) -> CompteRendu:
        """The compte rendu of the target's JSON answer; :class:`ErreurCompteRendu` names the key
        that does not follow the contract."""
        return _Lecteur(donnees).compte_rendu()

    def rejet(self, ligne: int) -> LigneRejetee | None:
        """The rejection of file line ``ligne``, if that line was rejected."""
        return next((r for r in self.rejets if r.ligne == ligne), None)

    def alertes_de_code(self, code: str) -> tuple[Alerte, ...]:
        return tuple(a for a in self.alertes if a.code == code)

    def ecarts_de_rapprochement(self) -> tuple[str, ...]:
        """What does not reconcile, in French (empty: the compte rendu is consistent): integrated +
        rejected = file, for lines, amounts and ETPT; the rejected lines listed; the statut."""
        ecarts = [*_ecart("lignes", self.lignes.fichier, self.lignes.integrees, self.lignes.rejetees),
                  *_ecart("montants", self.montants.fichier, self.montants.integre, self.montants.rejete)]
        if self.etpt is not None:
            ecarts += _ecart("ETPT", self.etpt.fichier, self.etpt.integre, self.etpt.rejete)
        if self.rejet_fichier is None:
            ecarts += self._ecarts_des_rejets()
        return tuple(ecarts + self._ecarts_du_statut())

    def _ecarts_des_rejets(self) -> list[str]:
        ecarts = []
        if len(self.rejets) != self.lignes.rejetees:
            ecarts.append(f"{self.lignes.rejetees} ligne(s) rejetée(s) annoncée(s), {len(self.rejets)} listée(s)")
        if all(r.montant is not None for r in self.rejets):
            somme = sum((r.montant for r in self.rejets if r.montant is not None), Decimal(0))
            if somme != self.montants.rejete:
                ecarts.append(f"montant rejeté {self.montants.rejete} ≠ somme des lignes rejetées {somme}")
        return ecarts

    def _ecarts_du_statut(self) -> list[str]:
        attendu = REJETE if self.rejet_fichier is not None or self.lignes.integrees == 0 else (
            INTEGRE if self.lignes.rejetees == 0 else INTEGRE_PARTIELLEMENT)
        if self.statut in (attendu, ANNULE):
            return []
        return [f"statut « {self.statut} » alors que les comptes donnent « {attendu} »"]

    def resume(self) -> str:
        """One French paragraph for a report: statut, counts, amounts, rejections, alerts."""
        morceaux = [f"Flux {self.flux or '(sans identifiant)'} — dépôt {self.depot} : {self.statut}.",
                    (f"Lignes : {self.lignes.fichier} dans le fichier, {self.lignes.integrees} intégrée(s), "
                     f"{self.lignes.rejetees} rejetée(s)."),
                    (f"Montants : {_euros(self.montants.fichier)} dans le fichier, {_euros(self.montants.integre)} "
                     f"intégrés, {_euros(self.montants.rejete)} rejetés.")]
        if self.rejet_fichier is not None:
            morceaux.append(f"Fichier rejeté : {self.rejet_fichier.motif}")
        morceaux += [f"Ligne {r.ligne} rejetée : {r.motif}" for r in self.rejets]
        morceaux += [f"Alerte : {a.message}" for a in self.alertes]
        return "\n".join(morceaux)


def _ecart(quoi: str, fichier: Decimal | int, integre: Decimal | int, rejete: Decimal | int) -> list[str]:
    if integre + rejete == fichier:
        return []
    return [f"{quoi} : intégré {integre} + rejeté {rejete} ≠ {fichier} dans le fichier"]


def _euros(valeur: Decimal) -> str:
    signe = "-" if valeur < 0 else ""
    entier, _, dec = f"{abs(valeur):.2f}".partition(".")
    return f"{signe}{int(entier):,}".replace(",", "\u00a0") + f",{dec}\u00a0€"


# --- Reading the JSON, every error naming its key -----------------------------------------------------
class _Lecteur:
    def __init__(self, donnees: Any) -> None:
        if not isinstance(donnees, Mapping):
            raise ErreurCompteRendu("un objet JSON est attendu")
        self.donnees = donnees

    def compte_rendu(self) -> CompteRendu:
        d = self.donnees
        statut = self.texte(d, "statut")
        if statut not in STATUTS:
            raise ErreurCompteRendu(f"statut inconnu « {statut} » (statuts : {', '.join(STATUTS)})", "statut")
        return CompteRendu(
            interface=self.texte(d, "interface"), depot=self.texte(d, "depot"), flux=self.texte_ou_nul(d, "flux", obligatoire=True),
            fichier=self.texte(d, "fichier"), statut=statut, lignes=self.comptes(d), montants=self.totaux(d, "montants"),
            etpt=self.totaux(d, "etpt") if d.get("etpt") is not None else None,
            rejet_fichier=self.rejet_fichier(d.get("rejet_fichier")), rejets=self.rejets(d),
            alertes=self.alertes(d), entete=self.entete(d), depose_le=str(d.get("depose_le") or ""),
            depose_par=str(d.get("depose_par") or ""), annulation=self.annulation(d.get("annulation")))

    @staticmethod
    def objet(d: Mapping[str, Any], cle: str, ou: str = "") -> Mapping[str, Any]:
        valeur = d.get(cle)
        if not isinstance(valeur, Mapping):
            raise ErreurCompteRendu("un objet est attendu" if cle in d else "clé absente", ou or cle)
        return valeur

    @staticmethod
    def texte(d: Mapping[str, Any], cle: str, ou: str = "") -> str:
        valeur = d.get(cle)
        if not isinstance(valeur, str):
            raise ErreurCompteRendu("un texte est attendu" if cle in d else "clé absente", ou or cle)
        return valeur

    def texte_ou_nul(self, d: Mapping[str, Any], cle: str, ou: str = "", obligatoire: bool = False) -> str | None:
        """A text or null; ``obligatoire``: the key must be there, even if null."""
        if d.get(cle) is None:
            if obligatoire and cle not in d:
                raise ErreurCompteRendu("clé absente", ou or cle)
            return None
        return self.texte(d, cle, ou)

    @staticmethod
    def entier(d: Mapping[str, Any], cle: str, ou: str) -> int:
        valeur = d.get(cle)
        if not isinstance(valeur, int) or isinstance(valeur, bool):
            raise ErreurCompteRendu("un entier est attendu" if cle in d else "clé absente", ou)
        return valeur

    @staticmethod
    def decimal(d: Mapping[str, Any], cle: str, ou: str) -> Decimal:
        """Money and ETPT are decimal strings (``"1234.56"``); a JSON number (a float) is refused."""
        valeur = d.get(cle)
        try:
            if isinstance(valeur, str) and valeur.strip():
                resultat = Decimal(valeur)
                if resultat.is_finite():
                    return resultat
        except InvalidOperation:
            pass
        raise ErreurCompteRendu(f"une chaîne décimale exacte est attendue (« 1234.56 »), reçu {valeur!r}", ou)

    def comptes(self, d: Mapping[str, Any]) -> Comptes:
        o = self.objet(d, "lignes")
        return Comptes(*(self.entier(o, k, f"lignes.{k}") for k in ("fichier", "integrees", "rejetees")))

    def totaux(self, d: Mapping[str, Any], cle: str) -> Totaux:
        o = self.objet(d, cle)
        return Totaux(*(self.decimal(o, k, f"{cle}.{k}") for k in ("fichier", "integre", "rejete")))

    def rejet_fichier(self, valeur: Any) -> RejetFichier | None:
        if valeur is None:
            return None
        o = self.objet({"rejet_fichier": valeur}, "rejet_fichier")
        ligne = o.get("ligne")
        if ligne is not None:
            ligne = self.entier(o, "ligne", "rejet_fichier.ligne")
        return RejetFichier(self.texte(o, "code", "rejet_fichier.code"), self.texte(o, "motif", "rejet_fichier.motif"),
                            ligne, self.texte_ou_nul(o, "champ", "rejet_fichier.champ"))

    def liste(self, d: Mapping[str, Any], cle: str) -> list[Any]:
        valeur = d.get(cle, [])
        if not isinstance(valeur, list):
            raise ErreurCompteRendu("une liste est attendue", cle)
        return valeur

    def rejets(self, d: Mapping[str, Any]) -> tuple[LigneRejetee, ...]:
        return tuple(self.rejet(r, f"rejets[{i}]") for i, r in enumerate(self.liste(d, "rejets")))

    def rejet(self, r: Any, ou: str) -> LigneRejetee:
        o = self.objet({"r": r}, "r", ou)
        montant = self.decimal(o, "montant", f"{ou}.montant") if o.get("montant") is not None else None
        return LigneRejetee(self.entier(o, "ligne", f"{ou}.ligne"), self.texte(o, "code", f"{ou}.code"),
                            self.texte(o, "motif", f"{ou}.motif"), self.texte_ou_nul(o, "champ", f"{ou}.champ"),
                            self.texte_ou_nul(o, "valeur", f"{ou}.valeur"), montant)

    def alertes(self, d: Mapping[str, Any]) -> tuple[Alerte, ...]:
        resultat = []
        for i, a in enumerate(self.liste(d, "alertes")):
            o = self.objet({"a": a}, "a", f"alertes[{i}]")
            details = {str(k): str(v) for k, v in o.items() if k not in ("code", "message")}
            resultat.append(Alerte(self.texte(o, "code", f"alertes[{i}].code"),
                                   self.texte(o, "message", f"alertes[{i}].message"), details))
        return tuple(resultat)

    def entete(self, d: Mapping[str, Any]) -> dict[str, str]:
        if d.get("entete") is None:
            return {}
        return {str(k): str(v) for k, v in self.objet(d, "entete").items() if v is not None}

    def annulation(self, valeur: Any) -> Annulation | None:
        if valeur is None:
            return None
        o = self.objet({"annulation": valeur}, "annulation")
        return Annulation(self.texte(o, "le", "annulation.le"), self.texte(o, "par", "annulation.par"),
                          str(o.get("motif") or ""))
