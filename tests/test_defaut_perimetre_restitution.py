"""The catalogued defect ``perimetre-absent-restitution``: INF-BUD-53, and it alone, is computed
without the user's périmètre; every other restitution and every other read keep filtering.

``cloture`` dataset, exercice 2026 closed, demandes of 0150 and 0103 arrêtées: every restitution
has lines of several programmes. The user is the RPROG of 0150 (the audit: an administrateur of 0217).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from chorus_sandbox import restitutions as r
from chorus_sandbox.domaine import modele as m
from chorus_sandbox.domaine import reports as rp
from chorus_sandbox.domaine.habilitations import Habilitation, habilitation_courante
from chorus_sandbox.service import Bac
from chorus_sandbox.web.api_restitutions import produire_fichier

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DEFAUT = "perimetre-absent-restitution"
RPROG_0150 = Habilitation("claire.fontaine", "Claire Fontaine", (("RPROG", "0150"),))
ADMIN_0217 = Habilitation("admin.0217", "Administrateur du programme 0217", (("administrateur", "0217"),))
NATIONAL = Habilitation("recette.nationale", "Recette nationale", (("lecteur", "national"),))
DEMANDES = {"0150": [rp.LigneReport("5", "AENE", ae=2_689_203_950)], "0103": [rp.LigneReport("6", "CP", cp=1_124_413_736)]}


def _bac(defauts: frozenset[str]) -> Bac:
    bac = Bac(jeu="cloture", fixtures=FIXTURES, defauts=defauts)
    bac.executer(rp.cloturer_exercice, 2026, "recette.nationale")
    for programme, lignes in DEMANDES.items():
        demande = bac.executer(rp.demander_report, programme, lignes, "recette.nationale")
        bac.executer(rp.donner_avis, demande.numero, "favorable", "", "recette.nationale")
    bac.executer(rp.arreter_reports, "recette.nationale")
    return bac


@pytest.fixture(scope="module")
def bacs() -> Iterator[tuple[Bac, Bac]]:
    """The same campaign on a sound sandbox and on one started with the defect."""
    sain, defaillant = _bac(frozenset()), _bac(frozenset({DEFAUT}))
    yield sain, defaillant
    sain.fermer()
    defaillant.fermer()


def telecharger(bac: Bac, code: str, habilitation: Habilitation) -> bytes:
    """The CSV file of ``code`` for 2026 as ``habilitation`` downloads it (API and screen alike)."""
    jeton = habilitation_courante.set(habilitation)
    try:
        return produire_fichier(bac, code, "2026", "csv", "utf-8").contenu
    finally:
        habilitation_courante.reset(jeton)


def programmes(contenu: bytes) -> set[str]:
    """The programmes the file names: in its centres financiers, or first on a line (ETAT-DES-REPORTS)."""
    texte = contenu.decode("utf-8-sig")
    return set(re.findall(r"BG00/(\d{4})-", texte)) | set(re.findall(r"^(\d{4});", texte, re.MULTILINE))


def test_seule_inf_bud_53_est_concernee() -> None:
    assert r.lue_sans_perimetre("INF-BUD-53", frozenset({DEFAUT}))
    assert r.lue_sans_perimetre(" inf-bud-53 ", frozenset({DEFAUT, "csv-point-decimal"}))
    assert not r.lue_sans_perimetre("INF-BUD-53", frozenset({"csv-point-decimal"}))
    assert [code for code in r.RESTITUTIONS if r.lue_sans_perimetre(code, frozenset({DEFAUT}))] == ["INF-BUD-53"]


def test_avec_le_defaut_inf_bud_53_montre_tous_les_programmes(bacs: tuple[Bac, Bac]) -> None:
    sain, defaillant = bacs
    national = telecharger(sain, "INF-BUD-53", NATIONAL)
    assert programmes(telecharger(sain, "INF-BUD-53", RPROG_0150)) == {"0150"}
    assert len(programmes(national)) > 1
    assert telecharger(defaillant, "INF-BUD-53", RPROG_0150) == national  # the whole infocentre, to the byte


@pytest.mark.parametrize("code", [code for code in r.RESTITUTIONS if code != "INF-BUD-53"])
def test_avec_le_defaut_les_autres_restitutions_restent_filtrees(bacs: tuple[Bac, Bac], code: str) -> None:
    sain, defaillant = bacs
    habilitation = ADMIN_0217 if code == "AUDIT-HABILITATIONS" else RPROG_0150
    filtree = telecharger(sain, code, habilitation)
    assert telecharger(defaillant, code, habilitation) == filtree
    if code in ("ETAT-DES-REPORTS", "EJ-BASCULES"):  # several programmes in the data, one in the file
        assert programmes(filtree) == {"0150"} and len(programmes(telecharger(sain, code, NATIONAL))) > 1


def test_avec_le_defaut_les_autres_lectures_restent_filtrees(bacs: tuple[Bac, Bac]) -> None:
    _sain, defaillant = bacs
    jeton = habilitation_courante.set(RPROG_0150)
    try:
        uos = defaillant.lire(lambda d: {ej.uo[5:9] for ej in d.lister(m.EngagementJuridique)})
        demandes = defaillant.lire(lambda d: [x.programme for x in rp.demandes(d)])
    finally:
        habilitation_courante.reset(jeton)
    assert (uos, demandes) == ({"0150"}, ["0150"])
