"""HTTP client of a Chorus target's API, for fast preconditions (``Étant donné``) and reads.

Connection failures and 5xx become :class:`ErreurEnvironnement` (retriable); a 4xx refusal
becomes :class:`ErreurApi` with the target's French message.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx

from recette.erreurs import ErreurApi, ErreurEnvironnement
from recette.journaux_http import filtre_secrets
from recette.parametres import en_decimal_api

# A request whose answer the caller does not read (the sandbox's recording for the guided mutation)
ENTETE_REPONSE_NON_LUE = "X-Recette-Reponse-Non-Lue"


def _message(reponse: httpx.Response) -> str:
    """The target's French message of a refusal."""
    try:
        return str(reponse.json().get("message", reponse.text))
    except ValueError:
        return reponse.text


class ClientChorus:
    """The API of one target, as one user: ``jeton`` is that user's API token (Bearer)."""

    def __init__(self, url: str, delai: float = 30.0, jeton: str | None = None) -> None:
        self.url = url.rstrip("/")
        self._delai = delai
        entetes = {"Authorization": f"Bearer {jeton}"} if jeton else {}
        filtre_secrets.installer()  # httpcore's DEBUG trace would print the session's Set-Cookie
        self._http = httpx.Client(base_url=self.url, timeout=delai, headers=entetes)

    def avec_jeton(self, jeton: str) -> ClientChorus:
        """The same target, as the user of ``jeton``."""
        return ClientChorus(self.url, self._delai, jeton)

    def appeler(self, methode: str, route: str, corps: dict[str, Any] | None = None, lue: bool = True) -> Any:
        """``lue=False``: the caller reads nothing of the answer but its refusal (a precondition); the
        sandbox's guided mutation then does not count a result that differs as seen by the scenario."""
        entetes = {} if lue else {ENTETE_REPONSE_NON_LUE: "1"}
        try:
            reponse = self._http.request(methode, route, json=corps, headers=entetes)
        except httpx.TransportError as exc:
            raise ErreurEnvironnement(f"{self.url}{route} injoignable : {type(exc).__name__} ({exc})") from exc
        return self._reponse(reponse, route)

    def deposer_fichier(self, route: str, nom: str, contenu: bytes, champ: str = "fichier",
                        type_mime: str = "text/plain") -> Any:
        """POST a file as ``multipart/form-data`` (field ``champ``) and return the JSON answer;
        same errors as :meth:`appeler` (a flow interface's deposit, issue #18)."""
        try:
            reponse = self._http.post(route, files={champ: (nom, contenu, type_mime)})
        except httpx.TransportError as exc:
            raise ErreurEnvironnement(f"{self.url}{route} injoignable : {type(exc).__name__} ({exc})") from exc
        return self._reponse(reponse, route)

    def _reponse(self, reponse: httpx.Response, route: str) -> Any:
        if reponse.status_code >= 500:
            raise ErreurEnvironnement(f"{self.url}{route} : erreur serveur {reponse.status_code}")
        if reponse.status_code >= 400:
            raise ErreurApi(reponse.status_code, _message(reponse), route)
        return reponse.json()

    def fermer(self) -> None:
        self._http.close()

    # --- Authentication ------------------------------------------------------------------
    def connecter(self, identifiant: str, mot_de_passe: str) -> tuple[dict[str, Any], dict[str, str]]:
        """Log in through the API: the answer (API token, user) and the session cookies for a
        browser. The password goes in this request's JSON body only, never in a message."""
        try:
            reponse = httpx.post(f"{self.url}/api/connexion", timeout=self._delai,
                                 json={"identifiant": identifiant, "mot_de_passe": mot_de_passe})
        except httpx.TransportError as exc:
            raise ErreurEnvironnement(f"{self.url}/api/connexion injoignable : {type(exc).__name__}") from exc
        if reponse.status_code >= 500:
            raise ErreurEnvironnement(f"{self.url}/api/connexion : erreur serveur {reponse.status_code}")
        if reponse.status_code >= 400:
            raise ErreurApi(reponse.status_code, _message(reponse), "/api/connexion")
        return reponse.json(), dict(reponse.cookies)

    def moi(self) -> dict[str, Any]:
        return self.appeler("GET", "/api/moi")

    # --- Paramétrage utilisateurs (administrateur) ------------------------------------------
    def utilisateurs(self) -> list[dict[str, Any]]:
        return self.appeler("GET", "/api/utilisateurs")

    def utilisateur(self, identifiant: str) -> dict[str, Any]:
        return self.appeler("GET", f"/api/utilisateurs/{identifiant}")

    def creer_utilisateur(self, identifiant: str, nom: str) -> dict[str, Any]:
        return self.appeler("POST", "/api/utilisateurs",
                            {"identifiant": identifiant, "nom": nom})

    def attribuer_role(self, identifiant: str, role: str, perimetre: str) -> dict[str, Any]:
        return self.appeler("POST", f"/api/utilisateurs/{identifiant}/roles",
                            {"role": role, "perimetre": perimetre})

    def suspendre(self, identifiant: str) -> dict[str, Any]:
        return self.appeler("POST", f"/api/utilisateurs/{identifiant}/suspension")

    # --- Sandbox administration ----------------------------------------------------------
    def sante(self) -> dict[str, Any]:
        return self.appeler("GET", "/api/sante")

    def charger_jeu(self, nom: str) -> None:
        self.appeler("POST", f"/api/jeux/{nom}")

    # --- Operations ------------------------------------------------------------------------
    def mettre_a_disposition(self, source: str, destination: str, titre: str, ae: Decimal, cp: Decimal) -> Any:
        return self.appeler("POST", "/api/mises-a-disposition", {
            "source": source, "destination": destination, "titre": titre,
            "ae": en_decimal_api(ae), "cp": en_decimal_api(cp)})

    def creer_tranche(self, uo: str, titre: str, libelle: str, ae: Decimal) -> dict[str, Any]:
        return self.appeler("POST", "/api/tranches-fonctionnelles",
                            {"uo": uo, "titre": titre, "libelle": libelle, "ae": en_decimal_api(ae)})

    def engager(self, uo: str, titre: str, fournisseur: str, postes: list[dict[str, Any]], objet: str = "",
                tranche: str | None = None) -> dict[str, Any]:
        corps = {"uo": uo, "titre": titre, "fournisseur": fournisseur, "objet": objet, "tranche": tranche,
                 "postes": [{**p, "montant": en_decimal_api(p["montant"])} for p in postes]}
        return self.appeler("POST", "/api/engagements", corps)

    def service_fait(self, engagement: str, poste: int, montant: Decimal) -> dict[str, Any]:
        return self.appeler("POST", f"/api/engagements/{engagement}/services-faits",
                            {"poste": poste, "montant": en_decimal_api(montant)})

    def demande_paiement(self, engagement: str, poste: int, montant: Decimal) -> dict[str, Any]:
        return self.appeler("POST", "/api/demandes-paiement",
                            {"engagement": engagement, "poste": poste, "montant": en_decimal_api(montant)})

    def payer(self, numero_dp: str) -> dict[str, Any]:
        return self.appeler("POST", f"/api/demandes-paiement/{numero_dp}/paiement")

    # --- In-year regulation -------------------------------------------------------------------
    def integrer_lfr(self, identifiant: str, lignes: list[dict[str, Any]]) -> dict[str, Any]:
        corps = {"identifiant": identifiant,
                 "lignes": [{**ligne, "ae": en_decimal_api(ligne["ae"]), "cp": en_decimal_api(ligne["cp"])}
                            for ligne in lignes]}
        return self.appeler("POST", "/api/regulation/lois-rectificatives", corps)

    def virer(self, source: str, destination: str, titre: str, ae: Decimal, cp: Decimal) -> dict[str, Any]:
        return self.appeler("POST", "/api/regulation/virements",
                            {"source": source, "destination": destination, "titre": titre,
                             "ae": en_decimal_api(ae), "cp": en_decimal_api(cp)})

    def surgeler(self, programme: str, titre: str, ae: Decimal, cp: Decimal) -> dict[str, Any]:
        return self.appeler("POST", "/api/regulation/surgel",
                            {"programme": programme, "titre": titre, "ae": en_decimal_api(ae),
                             "cp": en_decimal_api(cp)})

    def rattacher_fonds_de_concours(self, programme: str, titre: str, montant: Decimal,
                                    reference: str = "") -> dict[str, Any]:
        return self.appeler("POST", "/api/regulation/fonds-de-concours",
                            {"programme": programme, "titre": titre, "montant": en_decimal_api(montant),
                             "reference": reference})

    def degeler(self, programme: str, titre: str, ae: Decimal, cp: Decimal) -> dict[str, Any]:
        return self.appeler("POST", "/api/regulation/degel",
                            {"programme": programme, "titre": titre, "ae": en_decimal_api(ae),
                             "cp": en_decimal_api(cp)})

    # --- Closing and campagne des reports (the author of each step is this client's user) -------
    def cloturer(self, exercice: int) -> None:
        """Close ``exercice``, a precondition: nothing of the answer is kept but its refusal."""
        self.appeler("POST", "/api/reports/cloture", {"exercice": exercice}, lue=False)

    def demander_report(self, programme: str, lignes: list[dict[str, Any]]) -> dict[str, Any]:
        """``lignes``: ``{"titre", "nature", "ae", "cp"}`` with Decimal amounts."""
        corps = {"programme": programme,
                 "lignes": [{**x, "ae": en_decimal_api(x["ae"]), "cp": en_decimal_api(x["cp"])} for x in lignes]}
        return self.appeler("POST", "/api/reports/demandes", corps)

    def donner_avis(self, demande: str, avis: str, motif: str = "") -> dict[str, Any]:
        return self.appeler("POST", f"/api/reports/demandes/{demande}/avis",
                            {"avis": avis, "motif": motif})

    def arreter_reports(self, demandes: list[str] | None = None) -> dict[str, Any]:
        return self.appeler("POST", "/api/reports/arretes", {"demandes": demandes})

    def integrer_arrete(self, arrete: str) -> dict[str, Any]:
        return self.appeler("POST", f"/api/reports/arretes/{arrete}/integration")

    # --- Reads -------------------------------------------------------------------------------
    def engagement(self, numero: str) -> dict[str, Any]:
        return self.appeler("GET", f"/api/engagements/{numero}")

    def tranche(self, numero: str) -> dict[str, Any]:
        return self.appeler("GET", f"/api/tranches-fonctionnelles/{numero}")

    def demandes_paiement(self, engagement: str) -> list[dict[str, Any]]:
        return [dp for dp in self.appeler("GET", "/api/demandes-paiement") if dp["engagement"] == engagement]

    def situation(self, niveau: str, code: str, exercice: int | None = None) -> dict[str, Any]:
        suffixe = f"?exercice={exercice}" if exercice else ""
        return self.appeler("GET", f"/api/situation/{niveau}/{code}{suffixe}")

    def referentiel(self, section: str) -> list[dict[str, Any]]:
        return self.appeler("GET", f"/api/referentiel/{section}")
