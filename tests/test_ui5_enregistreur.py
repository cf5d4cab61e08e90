"""The recorder of ``recette enregistrer`` on a small OpenUI5 page in headless Chromium: a scripted
sequence of entries and presses gives UI5's exact selectors, the page-object lines that replay
them (the printed selector finds the same control again), a catalogue sentence for a button
whose text matches one and « aucune » otherwise, a page object that runs; and the French errors
of a page without UI5 and of an unreachable or malformed URL."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from aides_ui5 import RUNTIME, pages_ui5
from recette.cli import main
from recette.outils.definitions import charger
from recette.ui5 import (
    Action,
    Enregistreur,
    PhraseCatalogue,
    PiloteUI5,
    phrases_quand,
    session_d_enregistrement,
    squelette,
    suggerer,
)

RACINE = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not (RUNTIME / "sap-ui-core.js").is_file(),
                                reason="OpenUI5 n'est pas construit (.ui5/resources absent : make setup)")

VUE = "essai.Engagement"
MONTANT = {"id": "montant", "viewName": VUE}
REFERENCE = {"controlType": "sap.m.Input", "viewName": VUE,
             "bindingPath": {"path": "", "propertyPath": "/reference"}}
CREER = {"controlType": "sap.m.Button", "viewName": VUE, "properties": {"text": "Créer la fiche"}}
RETIRER = {"controlType": "sap.m.Button", "viewName": VUE, "properties": {"text": "Retirer l'engagement"}}
ETAT = {"id": "etat", "viewName": VUE}




@pytest.fixture(scope="module")
def adresse() -> Iterator[str]:
    with pages_ui5() as url:
        yield url


@pytest.fixture(scope="module")
def phrases() -> list[PhraseCatalogue]:
    return phrases_quand(charger(RACINE))


def _jouer(page: Page) -> PiloteUI5:
    """The tester's sequence: an entry by the driver, an entry typed and validated with Enter, two presses."""
    pilote = PiloteUI5(page, delai_ms=8000)
    pilote.saisir(MONTANT, "120 000,00")
    champ = pilote.trouver(REFERENCE)
    champ.press_sequentially("REF-7")
    champ.press("Enter")
    pilote.appuyer(CREER)
    pilote.appuyer(RETIRER)
    return pilote


def test_sequence_enregistree(adresse: str, phrases: list[PhraseCatalogue]) -> None:
    lignes: list[str] = []
    enregistreur = Enregistreur(phrases, lignes.append)
    with session_d_enregistrement(f"{adresse}/enregistrement.html", enregistreur) as page:
        pilote = _jouer(page)
        actions = enregistreur.attendre_actions(page, 4)
        assert [(a.nature, a.selecteur, a.texte) for a in actions] == [
            ("saisir", MONTANT, "120 000,00"), ("saisir", REFERENCE, "REF-7"),
            ("appuyer", CREER, None), ("appuyer", RETIRER, None)]
        for action in actions:  # the printed selector, fed back to the driver, finds the same control
            element = pilote.trouver(action.selecteur)
            assert element.evaluate("e => sap.ui.require('sap/ui/core/Element').closestTo(e).getId()") == action.id_controle
        assert pilote.valeur(ETAT) == "Retiré"
    assert lignes[:4] == [
        "[1] Saisie « 120 000,00 » dans sap.m.Input « Montant »",
        '    Sélecteur UI5 : {"id": "montant", "viewName": "essai.Engagement"}',
        '    Page object   : self.pilote.saisir({"id": "montant", "viewName": "essai.Engagement"}, "120 000,00")',
        "    Gherkin       : aucune phrase pour une saisie : sa valeur entre dans la phrase de l'appui qui la valide"]
    assert lignes[8:] == [
        "[3] Appui sur sap.m.Button « Créer la fiche »",
        '    Sélecteur UI5 : {"controlType": "sap.m.Button", "viewName": "essai.Engagement", "properties": {"text": "Créer la fiche"}}',
        '    Page object   : self.pilote.appuyer({"controlType": "sap.m.Button", "viewName": "essai.Engagement", "properties": {"text": "Créer la fiche"}})',
        "    Gherkin       : aucune phrase du catalogue ne correspond",
        "[4] Appui sur sap.m.Button « Retirer l'engagement »",
        '    Sélecteur UI5 : {"controlType": "sap.m.Button", "viewName": "essai.Engagement", "properties": {"text": "Retirer l\'engagement"}}',
        '    Page object   : self.pilote.appuyer({"controlType": "sap.m.Button", "viewName": "essai.Engagement", "properties": {"text": "Retirer l\'engagement"}})',
        ("    Gherkin       : Quand je retire cet engagement   (phrase « je retire cet engagement », "
         f"{_lieu(phrases, 'je retire cet engagement')} ; mots retrouvés : retirer, engagement (2 sur 2))")]


def _lieu(phrases: list[PhraseCatalogue], gabarit: str) -> str:
    return next(p.lieu for p in phrases if p.gabarit == gabarit)


def test_page_object_genere_rejoue_la_sequence(adresse: str) -> None:
    enregistreur = Enregistreur(ecrire=lambda _ligne: None)
    with session_d_enregistrement(f"{adresse}/enregistrement.html", enregistreur) as page:
        pilote = PiloteUI5(page)
        pilote.saisir(MONTANT, "5")
        pilote.appuyer(CREER)
        code = squelette(enregistreur.attendre_actions(page, 2), "PageEngagement", adresse)
        assert '    def creer_la_fiche(self, montant: str = "5") -> None:' in code
        espace: dict[str, Any] = {}
        exec(compile(code, "page_engagement.py", "exec"), espace)  # noqa: S102 (the generated file, run as written)
        page.reload()
        espace["PageEngagement"](page).creer_la_fiche("7")
        expect(page.get_by_text("Créé : 7")).to_be_visible()


def test_application_dans_un_cadre(adresse: str) -> None:
    enregistreur = Enregistreur(ecrire=lambda _ligne: None)
    with session_d_enregistrement(f"{adresse}/iframe.html", enregistreur) as page:
        PiloteUI5(page).appuyer({"controlType": "sap.m.Button", "i18NText": {"propertyName": "text", "key": "valider"}})
        [action] = enregistreur.attendre_actions(page, 1)
    assert action.selecteur == {"id": "valider", "viewName": "essai.Saisie"}
    assert action.libelle == "Valider la saisie"


def test_squelette_mot_de_passe_sans_valeur_et_noms_uniques() -> None:
    actions = [Action("saisir", {"id": "mdp"}, "Mot de passe", "sap.m.Input", None, secret=True),
               Action("appuyer", {"id": "a"}, "Créer", "sap.m.Button"),
               Action("appuyer", {"id": "b"}, "Créer", "sap.m.Button"),
               Action("saisir", {"id": "c"}, "", "sap.m.Input", "x")]
    code = squelette(actions)
    compile(code, "page.py", "exec")
    assert "    def creer(self, mot_de_passe: str) -> None:" in code
    assert "    def creer_2(self) -> None:" in code
    assert '    def sequence_3(self, texte: str = "x") -> None:' in code
    assert actions[0].titre == "Saisie « ******** » dans sap.m.Input « Mot de passe »"


def test_phrase_la_plus_proche(phrases: list[PhraseCatalogue]) -> None:
    payer = suggerer("Payer", phrases)
    assert payer is not None and payer.phrase.gabarit == "je paie cette demande de paiement"
    assert suggerer("Créer la fiche", phrases) is None  # one word in two: below the threshold
    assert suggerer("Annuler", phrases) is None  # a dialog's own button names no business action


def test_commande_ecrit_le_page_object(adresse: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)  # no conftest.py here: no catalogue, said once
    sortie = tmp_path / "pages" / "page_engagement.py"
    code = main(["enregistrer", "--url", f"{adresse}/enregistrement.html", "--sans-fenetre", "--duree", "0.2",
                 "--sortie", str(sortie)])
    sortie_standard = capsys.readouterr().out
    assert code == 0
    assert "Catalogue des phrases indisponible" in sortie_standard
    assert f"Enregistrement sur {adresse}/enregistrement.html pendant 0.2 s" in sortie_standard
    assert "0 action(s) enregistrée(s)." in sortie_standard
    assert "class PageEngagement:" in sortie.read_text(encoding="utf-8")


def test_page_sans_ui5_erreur_rapide(adresse: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    debut = time.monotonic()
    code = main(["enregistrer", "--url", f"{adresse}/sans-ui5.html", "--sans-fenetre", "--attente-ui5", "1"])
    assert code == 2 and time.monotonic() - debut < 8
    assert f"Erreur : Aucune application UI5 dans la page {adresse}/sans-ui5.html" in capsys.readouterr().err


def _port_libre() -> int:
    with socket.socket() as prise:
        prise.bind(("127.0.0.1", 0))
        return int(prise.getsockname()[1])


def test_adresse_injoignable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"http://127.0.0.1:{_port_libre()}/fiori"
    assert main(["enregistrer", "--url", url, "--sans-fenetre"]) == 2
    assert f"Erreur : Adresse injoignable : {url} (net::ERR_CONNECTION_REFUSED)" in capsys.readouterr().err
    assert main(["enregistrer", "--url", "chorus.intranet/fiori", "--sans-fenetre"]) == 2
    assert ("Erreur : Adresse injoignable : chorus.intranet/fiori (adresse invalide : attendu http://… ou https://…)"
            in capsys.readouterr().err)
