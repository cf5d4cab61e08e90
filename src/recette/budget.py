"""Budget preconditions through the target's API, in the words of the steps.

Steps stay glue: what it takes to give an UO credits (programme → BOP → UO) lives here.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from recette.client import ClientChorus

FOURNISSEUR_PAR_DEFAUT = "1000012345"
_NUMEROS_LFR = itertools.count(1)


def bop_de(uo: str) -> str:
    """``BG00/0150-CSUP-DR75`` → ``0150-CSUP``."""
    return uo.removeprefix("BG00/").rsplit("-", 1)[0]


def programme_de(code: str) -> str:
    return code.removeprefix("BG00/")[:4]


def doter_uo(client: ClientChorus, uo: str, titre: str, ae: Decimal, cp: Decimal) -> None:
    """Put ``ae``/``cp`` at the UO's disposal, through its BOP, from its programme."""
    bop = bop_de(uo)
    client.mettre_a_disposition(programme_de(uo), bop, titre, ae, cp)
    client.mettre_a_disposition(bop, uo, titre, ae, cp)


def doter_bop(client: ClientChorus, bop: str, titre: str, ae: Decimal, cp: Decimal) -> None:
    """Put ``ae``/``cp`` at the BOP's disposal from its programme."""
    client.mettre_a_disposition(programme_de(bop), bop, titre, ae, cp)


def doter_programme(client: ClientChorus, programme: str, titre: str, ae: Decimal, cp: Decimal) -> None:
    """Open ``ae``/``cp`` on the programme: a programme's credits come from a loi de finances, here a
    loi de finances rectificative of one line (numbered so that each precondition is its own LFR)."""
    identifiant = f"LFR précondition {programme} T{titre} {next(_NUMEROS_LFR)}"
    client.integrer_lfr(identifiant, [{"programme": programme, "titre": titre, "ae": ae, "cp": cp}])


def imputation_par_defaut(client: ClientChorus, uo: str) -> tuple[str, str]:
    """First domaine fonctionnel and activité of the UO's programme in the référentiel."""
    programme = programme_de(uo)
    domaines = [d["code"] for d in client.referentiel("domaines-fonctionnels") if d["code"].startswith(programme)]
    activites = [a["code"] for a in client.referentiel("activites") if a["code"].startswith(f"BG00/{programme}")]
    return domaines[0], activites[0]


def poste(client: ClientChorus, uo: str, montant: Decimal) -> dict[str, Any]:
    domaine, activite = imputation_par_defaut(client, uo)
    return {"montant": montant, "domaine_fonctionnel": domaine, "activite": activite}


#: Screen column → field of the situation API.
COLONNES_SITUATION = {
    "AE ouvertes": "ae_ouverts", "AE réservées": "ae_reserves", "AE mises à disposition": "ae_mis_a_disposition",
    "AE affectées": "ae_affectes", "AE engagées": "ae_engages", "AE disponibles": "ae_disponibles",
    "CP ouverts": "cp_ouverts", "CP réservés": "cp_reserves", "CP mis à disposition": "cp_mis_a_disposition",
    "CP consommés": "cp_consommes", "CP disponibles": "cp_disponibles",
}


def figure_situation(client: ClientChorus, niveau: str, code: str, titre: str, colonne: str) -> Decimal:
    """One figure of the situation of a programme, BOP or UO (``niveau``) for the titre, read through the API."""
    lignes = client.situation(niveau.lower(), code)["lignes"]
    ligne = next((lg for lg in lignes if lg["titre"] == titre), None)
    return Decimal(ligne[COLONNES_SITUATION[colonne]]) if ligne else Decimal("0.00")


def csv_loi(tableau: list[list[str]]) -> str:
    """A loi de finances table (Programme | Titre | AE | CP | ETPT) as the CSV the screen takes."""
    entetes, *lignes = tableau
    colonnes = [e.strip().lower() for e in entetes]
    return "\n".join(";".join(ligne) for ligne in [colonnes, *lignes]) + "\n"


def taux(texte: str) -> Decimal:
    """A rate written the French way (``5,5``) as a Decimal percentage."""
    return Decimal(texte.strip().replace(",", "."))
