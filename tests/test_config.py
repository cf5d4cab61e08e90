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
