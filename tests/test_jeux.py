"""Dataset loading: a broken dataset raises ErreurJeu naming the file and the section or line."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient  # (its warning about httpx2 is silenced in conftest)

from chorus_sandbox import jeux
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine.erreurs import ObjetInconnu
from chorus_sandbox.jeux import ErreurJeu
from chorus_sandbox.service import Bac
from chorus_sandbox.web.app import creer_application

NBSP = "\u00a0"


@pytest.fixture
def copie(tmp_path: Path, dossier_donnees: Path) -> Path:
    """A writable copy of ``tests/donnees``."""
    dossier = tmp_path / "donnees"
    shutil.copytree(dossier_donnees, dossier)
    return dossier


def ecrire_jeu(copie: Path, nom: str, transformer: Callable[[str], str]) -> Path:
    mini = (copie / "jeux" / "mini.yaml").read_text(encoding="utf-8")
    modifie = transformer(mini)
    assert modifie != mini
    chemin = copie / "jeux" / f"{nom}.yaml"
    chemin.write_text(modifie, encoding="utf-8")
    return chemin


def charger(copie: Path, nom: str) -> str:
    with pytest.raises(ErreurJeu) as exc:
        Bac(jeu=nom, fixtures=copie)
    assert exc.value.statut_http == 422
    return exc.value.message


def test_le_jeu_mini_se_charge(dossier_donnees: Path) -> None:
    jeu = jeux.lire_jeu("mini", dossier_donnees)
    assert (jeu.nom, jeu.exercice) == ("mini", 2026)
    assert jeu.description == "Jeu de test : deux programmes, montants ronds."
    assert jeu.fichier("referentiel") == (dossier_donnees / "referentiel.yaml").resolve()
    assert jeux.jeux_disponibles(dossier_donnees) == ["mini"]


def test_jeu_inconnu(dossier_donnees: Path) -> None:
    with pytest.raises(ErreurJeu) as exc:
        jeux.lire_jeu("inexistant", dossier_donnees)
    assert exc.value.message == (
        f"Jeu de données inconnu : « inexistant » ({dossier_donnees / 'jeux' / 'inexistant.yaml'} absent ; "
        "jeux disponibles : mini)")
    assert charger(dossier_donnees, "inexistant") == exc.value.message


def test_mad_au_dela_du_disponible(copie: Path) -> None:
    chemin = ecrire_jeu(copie, "casse", lambda t: t.replace(
        'destination: "BG00/0150-CSUP-DR75", titre: "3", ae: "200000.00"',
        'destination: "BG00/0150-CSUP-DR75", titre: "3", ae: "500000.01"'))
    assert charger(copie, "casse") == (
        f"{chemin} : section « mises_a_disposition » : Crédits insuffisants : 500{NBSP}000,01{NBSP}€ demandés, "
        f"500{NBSP}000,00{NBSP}€ disponibles en AE sur le BOP 0150-CSUP")


def test_tranche_au_dela_du_disponible(copie: Path) -> None:
    chemin = ecrire_jeu(copie, "tf", lambda t: t.replace('libelle: "Rénovation du campus", ae: "300000.00"',
                                                         'libelle: "Rénovation du campus", ae: "600000.01"'))
    assert charger(copie, "tf") == (
        f"{chemin} : section « tranches_fonctionnelles » : Crédits insuffisants : 600{NBSP}000,01{NBSP}€ demandés, "
        f"600{NBSP}000,00{NBSP}€ disponibles en AE sur l'UO BG00/0150-CSUP-DR75")


def test_yaml_mal_forme_nomme_fichier_et_ligne(copie: Path) -> None:
    chemin = ecrire_jeu(copie, "yaml", lambda t: t.replace("exercice: 2026\n", "exercice: 2026\nmises_a_disposition: [\n"))
    message = charger(copie, "yaml")
    assert message.startswith(f"{chemin}, ligne 6 : YAML invalide (")
    with pytest.raises(ErreurJeu) as exc:
        jeux.lire_jeu("yaml", copie)
    assert exc.value.message == message


def test_referentiel_mal_forme_nomme_son_fichier(copie: Path) -> None:
    (copie / "ref_casse.yaml").write_text("programmes:\n  - {numero: '0150'\n", encoding="utf-8")
    ecrire_jeu(copie, "ref", lambda t: t.replace("referentiel: ../referentiel.yaml", "referentiel: ../ref_casse.yaml"))
    assert charger(copie, "ref").startswith(f"{(copie / 'ref_casse.yaml').resolve()}, ligne 3 : YAML invalide (")


@pytest.mark.parametrize(
    ("remplacement", "attendu"),
    [
        (("exercice: 2026\n", ""), "la clé « exercice » doit être une année (ex. 2026)"),
        (("exercice: 2026", 'exercice: "deux mille vingt-six"'), "la clé « exercice » doit être une année (ex. 2026)"),
    ],
)
def test_exercice_absent_ou_invalide(copie: Path, remplacement: tuple[str, str], attendu: str) -> None:
    chemin = ecrire_jeu(copie, "exercice", lambda t: t.replace(*remplacement))
    assert charger(copie, "exercice") == f"{chemin} : {attendu}"


def test_pas_un_dictionnaire(copie: Path) -> None:
    chemin = copie / "jeux" / "liste.yaml"
    chemin.write_text("- a\n- b\n", encoding="utf-8")
    assert charger(copie, "liste") == f"{chemin} : un dictionnaire YAML est attendu"


@pytest.mark.parametrize(
    ("avant", "apres", "section", "detail"),
    [
        ('  - cle: ej-maintenance\n    uo: "BG00/0150-CSUP-DR75"', '  - cle: ej-maintenance\n    uo: "BG00/0150-CSUP-XXXX"',
         "engagements", "UO inconnu(e) : BG00/0150-CSUP-XXXX"),
        ("    tranche: tf-campus\n    postes:", "    tranche: tf-campus\n    lignes:", "engagements",
         "entrée invalide ('postes')"),
        ('ae: "600000.00"', 'ae: "600 000,001"', "mises_a_disposition",
         "montant : 600 000,001 a plus de deux décimales"),
        ('services_faits: [{poste: 1, montant: "20000.00"}]', 'services_faits: [{poste: 1, montant: "50000.01"}]',
         "engagements", "Service fait impossible"),
        ('demandes_paiement: [{poste: 1, montant: "20000.00", payer: true}]',
         'demandes_paiement: [{poste: 1, montant: "20000.01", payer: true}]', "engagements",
         "Demande de paiement impossible"),
        ('    tranche: tf-campus\n', '    tranche: TF0150999999\n', "engagements",
         "Tranche fonctionnelle inconnu(e) : TF0150999999"),
    ],
)
def test_entree_invalide_nomme_fichier_et_section(copie: Path, avant: str, apres: str, section: str,
                                                  detail: str) -> None:
    chemin = ecrire_jeu(copie, "entree", lambda t: t.replace(avant, apres))
    message = charger(copie, "entree")
    assert message.startswith(f"{chemin} : section « {section} » : ")
    assert detail in message


def test_montant_mal_forme_dans_la_lfi_nomme_fichier_et_ligne(copie: Path) -> None:
    lfi = copie / "lfi_casse.csv"
    lfi.write_text((copie / "lfi.csv").read_text(encoding="utf-8").replace("0150;5;2000000.00", "0150;5;2 000 000.001"),
                   encoding="utf-8")
    ecrire_jeu(copie, "lfi", lambda t: t.replace("fichier: ../lfi.csv", "fichier: ../lfi_casse.csv"))
    assert charger(copie, "lfi") == f"{lfi.resolve()}, ligne 4 : montant : 2 000 000.001 a plus de deux décimales"


def test_fichier_reference_absent(copie: Path) -> None:
    chemin = ecrire_jeu(copie, "absent", lambda t: t.replace("fournisseurs: ../fournisseurs.csv",
                                                             "fournisseurs: ../absent.csv"))
    message = charger(copie, "absent")
    assert str(chemin) in message and "absent.csv" in message


def test_charger_un_jeu_casse_laisse_les_donnees_en_place(copie: Path, connecter: Callable[..., TestClient]) -> None:
    ecrire_jeu(copie, "casse", lambda t: t.replace('titre: "3", ae: "200000.00"', 'titre: "3", ae: "500000.01"'))
    bac = Bac(jeu="mini", fixtures=copie)
    try:
        with connecter(TestClient(creer_application(bac), raise_server_exceptions=False)) as client:
            avant = client.get("/api/engagements").json()
            reponse = client.post("/api/jeux/casse")
            assert reponse.status_code == 422 and reponse.json()["erreur"] == "ErreurJeu"
            assert client.get("/api/sante").json()["jeu"] == "mini"
            assert client.get("/api/engagements").json() == avant
    finally:
        bac.fermer()


def test_jeu_casse_n_ecrit_rien_dans_une_base_vide(copie: Path) -> None:
    """The loader runs in the caller's transaction: a failure in the last section leaves nothing behind."""
    ecrire_jeu(copie, "tardif", lambda t: t.replace('numero: "2103105755"', 'numero: "2103105755"\n    uo_: x')
               .replace('    uo: "BG00/0150-CSUP-DR75"\n    titre: "3"\n    fournisseur: "1000012345"\n    objet: "Marché',
                        '    titre: "3"\n    fournisseur: "1000012345"\n    objet: "Marché'))
    bac = Bac(jeu="mini", fixtures=copie)
    try:
        with bac.stockage.transaction() as depot:
            depot.vider()
        with pytest.raises(ErreurJeu) as exc, bac.stockage.transaction() as depot:
            jeux.charger(depot, bac.contexte, jeux.lire_jeu("tardif", copie))
        assert "section « engagements_anterieurs » : entrée invalide ('uo')" in exc.value.message
        assert bac.lire(lambda d: (d.lister(m.Programme), d.lister(m.EngagementJuridique), d.lister(m.Enveloppe))) == (
            [], [], [])
        assert bac.lire(lambda d: d.lister(m.Evenement)) == []
        with pytest.raises(ObjetInconnu, match="Programme inconnu"):  # nothing of the référentiel either
            bac.lire(lambda d: op.situation(d, 2026, "programme", "0150"))
    finally:
        bac.fermer()


def test_une_reinitialisation_rend_le_jeu_lu_avec_son_instantane(copie: Path) -> None:
    """A reset restores the snapshot together with the dataset file as it was read for it: a file
    edited since (or broken) changes nothing until a new sandbox loads it."""
    chemin = copie / "jeux" / "mini.yaml"
    bac = Bac(jeu="mini", fixtures=copie)
    try:
        programmes = bac.lire(lambda d: [p.numero for p in d.lister(m.Programme)])
        chemin.write_text("exercice: [\n", encoding="utf-8")
        bac.reinitialiser()
        assert (bac.jeu.description, bac.jeu.exercice) == ("Jeu de test : deux programmes, montants ronds.", 2026)
        assert bac.lire(lambda d: [p.numero for p in d.lister(m.Programme)]) == programmes
        assert charger(copie, "mini").startswith(f"{chemin}, ligne 2 : YAML invalide (")
    finally:
        bac.fermer()
