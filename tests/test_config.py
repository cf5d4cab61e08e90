"""recette.yaml validation: French messages naming the key and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from recette.config import charger
from recette.erreurs import ErreurConfiguration


def _ecrire(tmp_path: Path, texte: str) -> Path:
    chemin = tmp_path / "recette.yaml"
    chemin.write_text(texte, encoding="utf-8")
    return chemin


def test_configuration_du_projet_valide() -> None:
    configuration = charger(Path(__file__).parents[1] / "recette.yaml")
    assert configuration.environnement(None).bac_a_sable
    assert configuration.environnement("recette-aife").identifiants["mot_de_passe"] == "CHORUS_RECETTE_MOT_DE_PASSE"


def test_fichier_absent_donne_le_bac_a_sable(tmp_path: Path) -> None:
    assert charger(tmp_path / "absent.yaml").environnement(None).nom == "bac-a-sable"


@pytest.mark.parametrize(
    ("texte", "ligne", "fragment"),
    [
        ("environnements:\n  recette:\n    url: https://x\n    identifiants:\n      mot_de_passe: s3cr3t!\n",
         5, "clé « environnements.recette.identifiants.mot_de_passe » : le nom d'une variable"),
        ("environnements:\n  recette:\n    adresse: https://x\n", 3, "clé « environnements.recette.adresse » : clé inconnue"),
        ("environnements:\n  recette:\n    release: 2026.2\n", 3, "« url » est obligatoire hors bac à sable"),
        ("environnements:\n  recette:\n    url: ftp://x\n", 3, "doit commencer par http:// ou https://"),
        ("environnements:\n  r:\n    url: https://x\n    navigateur: http://y\n", 4, "ws:// ou wss://"),
        ("environnement_par_defaut: prod\nenvironnements:\n  r:\n    url: https://x\n", 1, "« prod » n'est pas un environnement"),
        ("environnements: [a, b]\n", 1, "un dictionnaire est attendu"),
        ("environnements:\n  r:\n    url: https://x\n  r:\n    url: https://y\n", 4, "clé en double"),
        ("liens:\n  evolution: https://x/\nenvironnements:\n  r: {url: 'https://x'}\n", 2, "doit contenir {}"),
        ("reessais: beaucoup\nenvironnements:\n  r: {url: 'https://x'}\n", 1, "entier de 0 à 5"),
        ("environnements:\n  r: {url: 'https://x'\n", 3, "YAML invalide"),
        ("titre: x\nenvironnements:\n  r: {url: 'https://x'}\n", 1, "clé « titre » : clé inconnue"),
    ],
)
def test_erreurs_nomment_la_ligne_et_la_cle(tmp_path: Path, texte: str, ligne: int, fragment: str) -> None:
    chemin = _ecrire(tmp_path, texte)
    with pytest.raises(ErreurConfiguration) as erreur:
        charger(chemin)
    message = str(erreur.value)
    assert message.startswith(f"{chemin}, ligne {ligne}"), message
    assert fragment in message


def test_environnement_inconnu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configuration = charger(_ecrire(tmp_path, "environnements:\n  a: {url: 'https://x'}\n"))
    with pytest.raises(ErreurConfiguration, match="environnement inconnu « b » \\(environnements : a, bac-a-sable\\)"):
        configuration.environnement("b")
    monkeypatch.setenv("RECETTE_ENV", "a")
    assert configuration.environnement(None).nom == "a"


def test_secret_absent_est_une_erreur_claire(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configuration = charger(_ecrire(
        tmp_path, "environnements:\n  a:\n    url: https://x\n    identifiants: {mot_de_passe: MDP_TEST_ABSENT}\n"))
    monkeypatch.delenv("MDP_TEST_ABSENT", raising=False)
    with pytest.raises(ErreurConfiguration, match="la variable d'environnement MDP_TEST_ABSENT .* n'est pas définie"):
        configuration.environnement("a").secret("mot_de_passe")
    monkeypatch.setenv("MDP_TEST_ABSENT", "valeur")
    assert configuration.environnement("a").secret("mot_de_passe") == "valeur"


# --- The courriel: block (IMAP mailbox of a real environment, issue #17) -------------------------------
COURRIEL = ("environnements:\n  recette:\n    url: https://x\n    courriel:\n      hote: imap.finances.gouv.fr\n"
            "      identifiant: RECETTE_IMAP_IDENTIFIANT\n      mot_de_passe: RECETTE_IMAP_MOT_DE_PASSE\n")


def test_bloc_courriel_et_ses_valeurs_par_defaut(tmp_path: Path) -> None:
    from recette.config import ConfigCourriel

    configuration = charger(_ecrire(tmp_path, COURRIEL))
    assert configuration.environnement("recette").courriel == ConfigCourriel(
        "imap.finances.gouv.fr", "RECETTE_IMAP_IDENTIFIANT", "RECETTE_IMAP_MOT_DE_PASSE", 993, True, "INBOX")
    sans_ssl = charger(_ecrire(tmp_path, COURRIEL + "      ssl: false\n      dossier: Recette/BO\n"))
    courriel = sans_ssl.environnement("recette").courriel
    assert courriel is not None and (courriel.port, courriel.ssl, courriel.dossier) == (143, False, "Recette/BO")
    assert charger(_ecrire(tmp_path, "environnements:\n  r: {url: 'https://x'}\n")).environnement("r").courriel is None


@pytest.mark.parametrize(("ajout", "retrait", "ligne", "fragment"), [
    ("", "      hote: imap.finances.gouv.fr\n", 5, "courriel.hote » : « hote » est obligatoire"),
    ("", "      mot_de_passe: RECETTE_IMAP_MOT_DE_PASSE\n", 5, "« mot_de_passe » est obligatoire"),
    ("      port: 99999\n", "", 8, "courriel.port » : un port de 1 à 65535"),
    ("      ssl: peut-être\n", "", 8, "courriel.ssl » : true ou false"),
    ("      serveur: x\n", "", 8, "courriel.serveur » : clé inconnue"),
    ("", "      identifiant: RECETTE_IMAP_IDENTIFIANT\n", 5, "« identifiant » est obligatoire"),
])
def test_bloc_courriel_invalide(tmp_path: Path, ajout: str, retrait: str, ligne: int, fragment: str) -> None:
    chemin = _ecrire(tmp_path, COURRIEL.replace(retrait, "") + ajout if retrait else COURRIEL + ajout)
    with pytest.raises(ErreurConfiguration) as erreur:
        charger(chemin)
    assert str(erreur.value).startswith(f"{chemin}, ligne {ligne}") and fragment in str(erreur.value), str(erreur.value)


def test_bloc_courriel_jamais_la_valeur_d_un_secret(tmp_path: Path) -> None:
    texte = COURRIEL.replace("mot_de_passe: RECETTE_IMAP_MOT_DE_PASSE", "mot_de_passe: 'S3cr3t!'")
    with pytest.raises(ErreurConfiguration, match="ligne 7, clé « environnements.recette.courriel.mot_de_passe » : "
                                                  "le nom d'une variable d'environnement est attendu"):
        charger(_ecrire(tmp_path, texte))
    hote = COURRIEL.replace("hote: imap.finances.gouv.fr", "hote: imaps://imap.finances.gouv.fr:993")
    with pytest.raises(ErreurConfiguration, match="nom d'hôte invalide"):
        charger(_ecrire(tmp_path, hote))


def test_le_mot_de_passe_imap_est_un_secret_a_masquer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from recette.identifiants import valeurs_secretes

    monkeypatch.setenv("RECETTE_IMAP_MOT_DE_PASSE", "imap-m0t-de-passe")
    monkeypatch.setenv("RECETTE_IMAP_IDENTIFIANT", "boite.recette")
    environnement = charger(_ecrire(tmp_path, COURRIEL)).environnement("recette")
    assert "imap-m0t-de-passe" in valeurs_secretes(environnement)
