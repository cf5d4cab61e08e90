"""How the « Étant donné » put the target in the state a scenario needs, on any environment.

On the sandbox, a precondition goes through its JSON API (:class:`ParApi`: fast). A real Chorus
has no such API: there, the same precondition goes through the screens, with the same page
objects as the « Quand » (:class:`ParEcrans`: slower, the way a person would prepare the test).
The environment chooses (``preconditions: api | ecrans`` in ``recette.yaml``); a sentence that has
no path through the screens is declared ``bac_a_sable_seulement`` and its scenarios are skipped,
with that reason, where there is no sandbox API (never a false failure). Likewise a sentence with
no path on one face of the screens (``non_jouable_sur={"fiori": "raison"}``: what it says cannot be
done in the Fiori apps) skips its scenarios on the environments of that face.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any, Protocol

import pytest
from playwright.sync_api import Page

from recette import budget
from recette.cible import CLE_ENVIRONNEMENT, Cible
from recette.config import Environnement
from recette.contextes import Besoins, besoins_de
from recette.erreurs import ErreurRecette
from recette.pages.base import PageChorus
from recette.pages.engagement import PageEngagement, PageNouvelEngagement, Poste
from recette.pages.faces import FIORI, HTML
from recette.pages.habilitations import PageReferentiel
from recette.pages.mise_a_disposition import PageMiseADisposition
from recette.pages.regulation import PageLoiRectificative
from recette.pages.situation import PageSituation
from recette.pages.tranche import PageTranche, PageTranches
from recette.parametres import format_montant, montant

_NUMEROS = itertools.count(1)
#: How the reasons name the faces of the screens.
_NOMS_DES_FACES = {HTML: "HTML", FIORI: "Fiori"}


class ErreurPrecondition(ErreurRecette):
    """The target refused a precondition set through its screens (its own French message)."""


class Preconditions(Protocol):
    """What the « Étant donné » of the budget ask of the target, whatever the way."""

    def doter(self, niveau: str, code: str, titre: str, ae: Decimal, cp: Decimal) -> None: ...
    def imputation_par_defaut(self, uo: str) -> tuple[str, str]: ...
    def engager(self, uo: str, titre: str, fournisseur: str, montant: Decimal, tranche: str | None = None) -> dict[str, Any]: ...
    def engagement(self, numero: str) -> dict[str, Any]: ...
    def service_fait(self, engagement: str, poste: int, montant: Decimal) -> None: ...
    def demande_paiement(self, engagement: str, poste: int, montant: Decimal) -> dict[str, Any]: ...
    def demandes_paiement(self, engagement: str) -> list[str]: ...
    def creer_tranche(self, uo: str, titre: str, libelle: str, ae: Decimal) -> dict[str, Any]: ...
    def tranche(self, numero: str) -> dict[str, Any]: ...
    def figure(self, niveau: str, code: str, titre: str, colonne: str) -> Decimal: ...


class ParApi:
    """Preconditions through the sandbox's JSON API."""

    def __init__(self, cible: Cible) -> None:
        self.client = cible.client

    def doter(self, niveau: str, code: str, titre: str, ae: Decimal, cp: Decimal) -> None:
        {"programme": budget.doter_programme, "BOP": budget.doter_bop, "UO": budget.doter_uo}[niveau](
            self.client, code, titre, ae, cp)

    def imputation_par_defaut(self, uo: str) -> tuple[str, str]:
        return budget.imputation_par_defaut(self.client, uo)

    def engager(self, uo: str, titre: str, fournisseur: str, montant: Decimal,
                tranche: str | None = None) -> dict[str, Any]:
        postes = [budget.poste(self.client, uo, montant)]
        return self.client.engager(uo, titre, fournisseur, postes, "Précondition", tranche)

    def engagement(self, numero: str) -> dict[str, Any]:
        return self.client.engagement(numero)

    def service_fait(self, engagement: str, poste: int, montant: Decimal) -> None:
        self.client.service_fait(engagement, poste, montant)

    def demande_paiement(self, engagement: str, poste: int, montant: Decimal) -> dict[str, Any]:
        return self.client.demande_paiement(engagement, poste, montant)

    def demandes_paiement(self, engagement: str) -> list[str]:
        return [dp["numero"] for dp in self.client.demandes_paiement(engagement)]

    def creer_tranche(self, uo: str, titre: str, libelle: str, ae: Decimal) -> dict[str, Any]:
        return self.client.creer_tranche(uo, titre, libelle, ae)

    def tranche(self, numero: str) -> dict[str, Any]:
        return self.client.tranche(numero)

    def figure(self, niveau: str, code: str, titre: str, colonne: str) -> Decimal:
        return budget.figure_situation(self.client, niveau, code, titre, colonne)


class ParEcrans:
    """The same preconditions through the screens, as a person would prepare the test."""

    def __init__(self, page: Page, exercice: int) -> None:
        self.page, self.exercice = page, exercice

    def _accepte(self, ecran: PageChorus, quoi: str) -> None:
        """A precondition refused by the screen stops the scenario with the screen's message."""
        if ecran.alerte.count():
            raise ErreurPrecondition(f"Précondition refusée par l'écran ({quoi}) : {ecran.alerte.first.inner_text()}")

    def _cree(self, ecran: PageChorus, motif: str, quoi: str, uo: str, titre: str) -> dict[str, Any]:
        """The object ``ecran`` has just created (its number from the address the screen shows)."""
        self._accepte(ecran, quoi)
        numero = ecran.identifiant_affiche(motif)
        if numero is None:
            raise ErreurPrecondition(f"Création refusée ou incomplète ({quoi}) : l'écran montre {self.page.url}")
        return {"numero": numero, "uo": uo, "titre": titre}

    def doter(self, niveau: str, code: str, titre: str, ae: Decimal, cp: Decimal) -> None:
        if niveau == "programme":
            page = PageLoiRectificative(self.page)
            lignes = f"programme;titre;ae;cp\n{code};{titre};{_saisie(ae)};{_saisie(cp)}\n"
            page.integrer(f"LFR précondition {code} T{titre} {next(_NUMEROS)}", lignes)
            self._accepte(page, "loi de finances rectificative")
            return
        chaine = [budget.programme_de(code), budget.bop_de(code), code] if niveau == "UO" else [budget.programme_de(code), code]
        for source, destination in itertools.pairwise(chaine):
            page_mad = PageMiseADisposition(self.page)
            page_mad.mettre_a_disposition(source, destination, titre, ae, cp)
            self._accepte(page_mad, f"mise à disposition {source} → {destination}")

    def imputation_par_defaut(self, uo: str) -> tuple[str, str]:
        programme = budget.programme_de(uo)
        referentiel = PageReferentiel(self.page)
        domaines = [c for c in referentiel.codes("Domaines fonctionnels") if c.startswith(programme)]
        activites = [c for c in referentiel.codes("Activités") if c.startswith(f"BG00/{programme}")]
        if not domaines or not activites:
            raise ErreurPrecondition(f"Aucun domaine fonctionnel ou aucune activité du programme {programme} "
                                     "dans le référentiel")
        return domaines[0], activites[0]

    def engager(self, uo: str, titre: str, fournisseur: str, montant: Decimal,
                tranche: str | None = None) -> dict[str, Any]:
        domaine, activite = self.imputation_par_defaut(uo)
        page = PageNouvelEngagement(self.page)
        page.engager(uo, titre, fournisseur, [Poste(montant, domaine, activite)], "Précondition", tranche)
        return self._cree(page, r"/engagements/(\d{10})", "engagement juridique", uo, titre)

    def engagement(self, numero: str) -> dict[str, Any]:
        page = PageEngagement(self.page)
        page.ouvrir(numero)
        return {"numero": numero, "uo": page.champ("Centre financier").inner_text().strip(),
                "titre": page.champ("Titre").inner_text().strip().removeprefix("T")}

    def service_fait(self, engagement: str, poste: int, montant: Decimal) -> None:
        page = PageEngagement(self.page)
        page.constater_service_fait(engagement, poste, montant)
        self._accepte(page, "service fait")

    def demande_paiement(self, engagement: str, poste: int, montant: Decimal) -> dict[str, Any]:
        page = PageEngagement(self.page)
        page.demander_paiement(engagement, poste, montant)
        self._accepte(page, "demande de paiement")
        return {"numero": self.demandes_paiement(engagement)[-1], "engagement": engagement}

    def demandes_paiement(self, engagement: str) -> list[str]:
        return PageEngagement(self.page).demandes_paiement(engagement)

    def creer_tranche(self, uo: str, titre: str, libelle: str, ae: Decimal) -> dict[str, Any]:
        page = PageTranches(self.page)
        page.affecter_nouvelle(uo, titre, libelle, ae)
        return self._cree(page, r"/tranches-fonctionnelles/([^/?#]+)$", "tranche fonctionnelle", uo, titre)

    def tranche(self, numero: str) -> dict[str, Any]:
        page = PageTranche(self.page)
        page.ouvrir(numero)
        return {"numero": numero, "uo": page.champ("Centre financier").inner_text().strip(),
                "titre": page.champ("Titre").inner_text().strip().removeprefix("T")}

    def figure(self, niveau: str, code: str, titre: str, colonne: str) -> Decimal:
        page = PageSituation(self.page)
        page.consulter(niveau, code, self.exercice)
        cellule = page.cellule(titre, colonne)
        return montant(cellule.inner_text()) if cellule.count() else Decimal("0.00")


def _saisie(valeur: Decimal) -> str:
    """An amount as a person types it in a file or a field: ``500 000,00``."""
    return format_montant(valeur).removesuffix("\u00a0€")


@pytest.fixture
def preconditions(cible: Cible, request: pytest.FixtureRequest) -> Preconditions:
    """The way this environment sets the scenario's preconditions (API or screens)."""
    if cible.environnement.api_du_bac_a_sable:
        return ParApi(cible)
    return ParEcrans(request.getfixturevalue("ecran"), cible.exercice)


def raison_hors_bac_a_sable(nom_env: str, texte: str) -> str:
    """Why a scenario cannot run on ``nom_env``: the sentence that needs the sandbox's API."""
    return (f"Scénario réservé au bac à sable : l'étape « {texte} » passe par l'API du bac à sable, que "
            f"l'environnement « {nom_env} » n'a pas")


def raison_non_jouable(env: Environnement, besoins: Besoins, texte: str) -> str | None:
    """Why the sentence ``texte`` (declared ``besoins``) cannot be played on ``env``: it needs the
    sandbox's API that ``env`` lacks, or it has no path on ``env``'s face; None when it can."""
    if besoins.bac_a_sable_seulement and not env.api_du_bac_a_sable:
        return raison_hors_bac_a_sable(env.nom, texte)
    pourquoi = besoins.sans_chemin(env.ecrans)
    if pourquoi is None:
        return None
    return (f"Scénario non jouable sur les écrans {_NOMS_DES_FACES[env.ecrans]} de l'environnement « {env.nom} » : "
            f"l'étape « {texte} » n'y a pas de chemin ({pourquoi})")


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_before_step(request: pytest.FixtureRequest, step: Any, step_func: Any, **_: Any) -> None:
    """A sentence that cannot be played on this environment (it needs the sandbox's API, or has no
    path on its face of the screens) skips its scenario, with the reason, before it acts (never a
    false failure)."""
    env = request.config.stash.get(CLE_ENVIRONNEMENT, None)
    raison = None if env is None else raison_non_jouable(env, besoins_de(step_func), step.name)
    if raison is not None:
        pytest.skip(raison)
