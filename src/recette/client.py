"""HTTP client of a Chorus target's API, for fast preconditions (``Étant donné``) and reads.

Connection failures and 5xx become :class:`ErreurEnvironnement` (retriable); a 4xx refusal
becomes :class:`ErreurApi` with the target's French message.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx

from recette.erreurs import ErreurApi, ErreurEnvironnement
from recette.parametres import en_decimal_api


class ClientChorus:
    def __init__(self, url: str, delai: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self._http = httpx.Client(base_url=self.url, timeout=delai)

    def appeler(self, methode: str, route: str, corps: dict[str, Any] | None = None) -> Any:
        try:
            reponse = self._http.request(methode, route, json=corps)
        except httpx.TransportError as exc:
            raise ErreurEnvironnement(f"{self.url}{route} injoignable : {type(exc).__name__} ({exc})") from exc
        if reponse.status_code >= 500:
            raise ErreurEnvironnement(f"{self.url}{route} : erreur serveur {reponse.status_code}")
        if reponse.status_code >= 400:
            try:
                message = reponse.json().get("message", reponse.text)
            except ValueError:
                message = reponse.text
            raise ErreurApi(reponse.status_code, message, route)
        return reponse.json()

    def fermer(self) -> None:
        self._http.close()

    # --- Sandbox administration ----------------------------------------------------------
    def sante(self) -> dict[str, Any]:
        return self.appeler("GET", "/api/sante")  # type: ignore[no-any-return]

    def reinitialiser(self) -> None:
        self.appeler("POST", "/api/reinitialisation")

    def charger_jeu(self, nom: str) -> None:
        self.appeler("POST", f"/api/jeux/{nom}")

    # --- Operations ------------------------------------------------------------------------
    def mettre_a_disposition(self, source: str, destination: str, titre: str, ae: Decimal, cp: Decimal) -> Any:
        return self.appeler("POST", "/api/mises-a-disposition", {
            "source": source, "destination": destination, "titre": titre,
            "ae": en_decimal_api(ae), "cp": en_decimal_api(cp)})

    def creer_tranche(self, uo: str, titre: str, libelle: str, ae: Decimal) -> dict[str, Any]:
        return self.appeler("POST", "/api/tranches-fonctionnelles",  # type: ignore[no-any-return]
                            {"uo": uo, "titre": titre, "libelle": libelle, "ae": en_decimal_api(ae)})

    def engager(self, uo: str, titre: str, fournisseur: str, postes: list[dict[str, Any]], objet: str = "",
                tranche: str | None = None) -> dict[str, Any]:
        corps = {"uo": uo, "titre": titre, "fournisseur": fournisseur, "objet": objet, "tranche": tranche,
                 "postes": [{**p, "montant": en_decimal_api(p["montant"])} for p in postes]}
        return self.appeler("POST", "/api/engagements", corps)  # type: ignore[no-any-return]

    def service_fait(self, engagement: str, poste: int, montant: Decimal) -> dict[str, Any]:
        return self.appeler("POST", f"/api/engagements/{engagement}/services-faits",  # type: ignore[no-any-return]
                            {"poste": poste, "montant": en_decimal_api(montant)})

    def demande_paiement(self, engagement: str, poste: int, montant: Decimal) -> dict[str, Any]:
        return self.appeler("POST", "/api/demandes-paiement",  # type: ignore[no-any-return]
                            {"engagement": engagement, "poste": poste, "montant": en_decimal_api(montant)})

    def payer(self, numero_dp: str) -> dict[str, Any]:
        return self.appeler("POST", f"/api/demandes-paiement/{numero_dp}/paiement")  # type: ignore[no-any-return]

    # --- Reads -------------------------------------------------------------------------------
    def engagement(self, numero: str) -> dict[str, Any]:
        return self.appeler("GET", f"/api/engagements/{numero}")  # type: ignore[no-any-return]

    def demandes_paiement(self, engagement: str) -> list[dict[str, Any]]:
        return [dp for dp in self.appeler("GET", "/api/demandes-paiement") if dp["engagement"] == engagement]

    def situation(self, niveau: str, code: str, exercice: int | None = None) -> dict[str, Any]:
        suffixe = f"?exercice={exercice}" if exercice else ""
        return self.appeler("GET", f"/api/situation/{niveau}/{code}{suffixe}")  # type: ignore[no-any-return]

    def referentiel(self, section: str) -> list[dict[str, Any]]:
        return self.appeler("GET", f"/api/referentiel/{section}")  # type: ignore[no-any-return]
