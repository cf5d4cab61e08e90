"""recette.interfaces: layout descriptions, flows built from a table, strict reading, the compte
rendu d'intégration and the deposit over HTTP (issue #18)."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Iterator
from decimal import Decimal
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

import recette.interfaces
from recette.client import ClientChorus
from recette.erreurs import ErreurApi, ErreurConfiguration, ErreurExport, ErreurScenario
from recette.interfaces import (
    INTEGRE_PARTIELLEMENT,
    REJETE,
    CompteRendu,
    DescriptionInterface,
    ErreurCompteRendu,
    ErreurDescription,
    ErreurFlux,
    ErreurTableauFlux,
    annuler_flux,
    compte_rendu_du_flux,
    construire_flux,
    deposer_flux,
    lignes_du_tableau,
    lire_description,
    lire_flux,
    trouver_description,
    valider_flux,
)

RACINE = Path(__file__).resolve().parents[1]
ENTETE = {"identifiant de flux": "PAY-MESR-202603-01", "mois": "mars 2026", "ministère": "MESR",
          "émetteur": "DGFIP PAY"}
TABLEAU = [
    ["centre financier", "domaine fonctionnel", "activité", "catégorie", "compte PCE", "montant", "ETPT"],
    ["BG00/0150-CSUP-DR75", "0150-01-01", "015001010101", "21", "PCE/6411100000", "4 104 066,34", "171,5"],
    ["BG00/0150-CSUP-DR75", "0150-01-01", "015001010101", "22", "PCE/6453100000", "3 083 412,18", "0"],
    ["BG00/0150-CSUP-DR75", "0150-01-01", "015001010101", "23", "PCE/6471100000", "18 540,00", "0"],
]
FICHIER_NOMINAL = """\
00;PAY-MESR-202603-01;202603;MESR;DGFIP PAY
10;BG00/0150-CSUP-DR75;0150-01-01;015001010101;21;PCE/6411100000;4104066,34;171,5
10;BG00/0150-CSUP-DR75;0150-01-01;015001010101;22;PCE/6453100000;3083412,18;0
10;BG00/0150-CSUP-DR75;0150-01-01;015001010101;23;PCE/6471100000;18540,00;0
99;3;7206018,52
"""


@pytest.fixture(scope="module")
def paye() -> DescriptionInterface:
    return trouver_description("flux-paye", RACINE)


def _ligne(**valeurs: str) -> dict[str, str]:
    base = dict(zip(TABLEAU[0], TABLEAU[1], strict=True))
    base.update({k.replace("_", " "): v for k, v in valeurs.items()})
    return base


# --- Layout descriptions ---------------------------------------------------------------------------
def test_la_description_du_flux_de_paye(paye: DescriptionInterface) -> None:
    assert paye.interface == "paye" and paye.route == "/api/interfaces/paye"
    assert (paye.encodage, paye.separateur, paye.separateur_decimal, paye.fin_de_ligne) == ("utf-8", ";", ",", "\n")
    assert [(e.nom, e.role, e.marqueur) for e in paye.enregistrements] == [
        ("en-tête", "entete", "00"), ("détail", "detail", "10"), ("fin", "fin", "99")]
    detail = paye.details[0]
    assert [c.nom for c in detail.champs] == TABLEAU[0]
    assert detail.champ("Categorie") is detail.champ("catégorie") is detail.champs[3]  # case and accents
    fin = paye.fin
    assert fin is not None and [c.calcul.nature for c in fin.champs if c.calcul] == ["nombre", "somme"]


def _description(tmp_path: Path, texte: str) -> Path:
    chemin = tmp_path / "interface.yaml"
    chemin.write_text(texte, encoding="utf-8")
    return chemin


MINIMAL = """\
interface: essai
enregistrements:
  - nom: détail
    role: detail
    marqueur: "D"
    champs:
      - {nom: montant, type: montant}
"""


@pytest.mark.parametrize(("remplacer", "par", "ligne", "cle", "message"), [
    ("- {nom: montant, type: montant}", "- {nom: montant, type: monnaie}", 7, "enregistrements[0].champs[0].type",
     "type inconnu « monnaie » (types : texte, code, montant, entier, decimal, mois, date)"),
    ("- {nom: montant, type: montant}", "- {type: montant}", 7, "enregistrements[0].champs[0]",
     "clé obligatoire « nom » absente"),
    ("- {nom: montant, type: montant}", "- {nom: montant}", 7, "enregistrements[0].champs[0]",
     "clé obligatoire « type » absente"),
    ('marqueur: "D"', "marqueur: 10", 5, "enregistrements[0].marqueur", "un texte non vide est attendu"),
    ("role: detail", "role: corps", 4, "enregistrements[0].role", "rôle inconnu « corps »"),
    ("interface: essai", "interface: essai\nencodage: martien", 2, "encodage", "encodage inconnu « martien »"),
    ("interface: essai", "interface: essai\nsépar: ';'", 2, "sépar", "clé inconnue"),
    ("type: montant}", "type: montant, motif: '\\d+'}", 7, "enregistrements[0].champs[0].motif",
     "« motif » ne s'applique pas au type « montant »"),
    ("type: montant}", "type: montant, calcul: nombre}", 7, "enregistrements[0].champs[0].calcul",
     "seuls les champs d'en-tête et de fin sont calculés"),
])
def test_une_description_invalide_nomme_le_fichier_la_ligne_et_la_cle(
        tmp_path: Path, remplacer: str, par: str, ligne: int, cle: str, message: str) -> None:
    assert remplacer in MINIMAL
    chemin = _description(tmp_path, MINIMAL.replace(remplacer, par))
    with pytest.raises(ErreurDescription) as erreur:
        lire_description(chemin)
    assert (erreur.value.fichier, erreur.value.ligne, erreur.value.cle) == (str(chemin), ligne, cle)
    assert str(erreur.value).startswith(f"{chemin}, ligne {ligne}, clé « {cle} » : {message}")
    assert isinstance(erreur.value, ErreurConfiguration)


def test_yaml_mal_forme_ou_introuvable(tmp_path: Path) -> None:
    with pytest.raises(ErreurDescription, match=r"interface\.yaml, ligne 4 : YAML invalide"):
        lire_description(_description(tmp_path, "interface: essai\nenregistrements:\n  - [nom: x\n"))
    with pytest.raises(ErreurDescription, match="description d'interface introuvable"):
        trouver_description("inexistante", tmp_path)


def test_calculs_et_ordre_des_enregistrements_verifies(tmp_path: Path) -> None:
    fin_inconnue = MINIMAL + """\
  - nom: fin
    role: fin
    marqueur: "F"
    champs:
      - {nom: total, type: montant, calcul: {somme: montant net}}
"""
    with pytest.raises(ErreurDescription, match=r"ligne 12, clé « enregistrements\[1\]\.champs\[0\]\.calcul » : "
                                                r"champ de détail inconnu « montant net »"):
        lire_description(_description(tmp_path, fin_inconnue))
    nombre_en_montant = fin_inconnue.replace("{nom: total, type: montant, calcul: {somme: montant net}}",
                                             "{nom: total, type: montant, calcul: nombre}")
    with pytest.raises(ErreurDescription, match="un nombre de lignes est de type « entier »"):
        lire_description(_description(tmp_path, nombre_en_montant))
    entete_en_dernier = MINIMAL + "  - {nom: en-tête, role: entete, marqueur: \"E\", champs: []}\n"
    with pytest.raises(ErreurDescription, match=r"clé « enregistrements\[1\]\.role » : un seul enregistrement "
                                                r"« entete », en premier"):
        lire_description(_description(tmp_path, entete_en_dernier))
    double = MINIMAL.replace("- {nom: montant, type: montant}",
                             "- {nom: montant, type: montant}\n      - {nom: Montant, type: entier}")
    with pytest.raises(ErreurDescription, match="champ « Montant » en double"):
        lire_description(_description(tmp_path, double))


# --- Building a flow from a table --------------------------------------------------------------------
def test_construire_un_mois_nominal_fin_calculee(paye: DescriptionInterface) -> None:
    fichier = construire_flux(paye, ENTETE, lignes_du_tableau(TABLEAU), nom="paye-mesr-202603.txt")
    assert fichier.texte() == FICHIER_NOMINAL
    assert fichier.en_octets() == FICHIER_NOMINAL.encode("utf-8")
    assert fichier.nombre_de_lignes == 3 and fichier.nom == "paye-mesr-202603.txt"
    doc = (RACINE / "docs" / "conception" / "flux-paye.md").read_text(encoding="utf-8")
    exemple = re.search(r"### 1\.3 .*?\n```\n(.*?)```", doc, re.DOTALL)
    assert exemple is not None and exemple[1] == FICHIER_NOMINAL  # the design doc's example is this file
    with pytest.raises(ErreurTableauFlux, match="ligne 1 du tableau : 2 cellules pour 7 colonnes"):
        lignes_du_tableau([TABLEAU[0], ["a", "b"]])


def test_la_fin_est_exacte_au_centime_sur_des_montants_que_les_flottants_arrondissent(
        paye: DescriptionInterface) -> None:
    lignes = [_ligne(montant="0,10") for _ in range(3)] + [_ligne(montant="1 000 000 000 000,01")]
    assert sum([0.10] * 3) != 0.30  # what a float would have written
    fichier = construire_flux(paye, ENTETE, lignes)
    assert fichier.lignes[-1] == "99;4;1000000000000,31"


def test_fin_forcee_fausse_ou_omise(paye: DescriptionInterface) -> None:
    lignes = lignes_du_tableau(TABLEAU)
    faux_total = construire_flux(paye, ENTETE, lignes, fin={"montant total": "7 206 018,53"})
    assert faux_total.lignes[-1] == "99;3;7206018,53"
    faux_nombre = construire_flux(paye, ENTETE, lignes, fin={"Nombre de lignes": "4"})
    assert faux_nombre.lignes[-1] == "99;4;7206018,52"
    tronque = construire_flux(paye, ENTETE, lignes, avec_fin=False)
    assert tronque.texte() == FICHIER_NOMINAL.removesuffix("99;3;7206018,52\n")
    sans_entete = construire_flux(paye, ENTETE, lignes, avec_entete=False)
    assert sans_entete.lignes[0].startswith("10;") and sans_entete.nombre_de_lignes == 3
    with pytest.raises(ErreurTableauFlux, match="valeurs de l'enregistrement « fin », colonne « total » : champ "
                                                "inconnu"):
        construire_flux(paye, ENTETE, lignes, fin={"total": "1"})


def test_flux_correctif_lignes_negatives(paye: DescriptionInterface) -> None:
    lignes = [_ligne(montant="-1 250,00", ETPT="-0,4"), _ligne(montant="−12,5 €"), _ligne(montant="200")]
    fichier = construire_flux(paye, {**ENTETE, "identifiant de flux": "PAY-MESR-202603-02"}, lignes)
    assert [ligne.split(";")[6:] for ligne in fichier.lignes[1:4]] == [["-1250,00", "-0,4"], ["-12,50", "171,5"],
                                                                       ["200,00", "171,5"]]
    assert fichier.lignes[-1] == "99;3;-1062,50"


def test_valeurs_ecrites_comme_un_testeur(paye: DescriptionInterface) -> None:
    for mois in ("202603", "03/2026", "3/2026", "2026-03", "Mars 2026"):
        assert construire_flux(paye, {**ENTETE, "mois": mois}, [_ligne()]).lignes[0].split(";")[2] == "202603"
    ligne = construire_flux(paye, ENTETE, [_ligne(montant="1\u202f234,5", ETPT="0,0833")]).lignes[1]
    assert ligne.split(";")[6:] == ["1234,50", "0,0833"]


@pytest.mark.parametrize(("colonne", "valeur", "message"), [
    ("montant", "12,345", "valeur « 12,345 » mal formée (attendu un nombre à 2 décimales au plus"),
    ("montant", "1.234,56", "valeur « 1.234,56 » mal formée"),
    ("ETPT", "0,12345", "attendu un nombre à 4 décimales au plus"),
    ("centre financier", "BG00/150-CSUP-DR75", "attendu un code au format « BG00/"),
    ("activité", "BG00/015001010101", "attendu un code au format « [0-9A-Z]{12} »"),
    ("catégorie", "", "valeur obligatoire absente"),
])
def test_une_valeur_mal_ecrite_nomme_la_ligne_du_tableau_et_la_colonne(
        paye: DescriptionInterface, colonne: str, valeur: str, message: str) -> None:
    with pytest.raises(ErreurTableauFlux) as erreur:
        construire_flux(paye, ENTETE, [_ligne(), _ligne(**{colonne.replace(" ", "_"): valeur})])
    assert str(erreur.value).startswith(f"ligne 2 du tableau, colonne « {colonne} » : ")
    assert message in str(erreur.value)
    assert isinstance(erreur.value, ErreurScenario)  # the scenario is to correct, not Chorus


def test_colonnes_inconnues_ou_absentes_et_entete_incomplet(paye: DescriptionInterface) -> None:
    with pytest.raises(ErreurTableauFlux, match=r"ligne 1 du tableau, colonne « UO » : colonne inconnue \(champs "
                                                r"du détail : centre financier, domaine fonctionnel"):
        construire_flux(paye, ENTETE, [{**_ligne(), "UO": "x"}])
    sans_montant = {k: v for k, v in _ligne().items() if k != "montant"}
    with pytest.raises(ErreurTableauFlux, match="ligne 1 du tableau, colonne « montant » : valeur obligatoire"):
        construire_flux(paye, ENTETE, [sans_montant])
    with pytest.raises(ErreurTableauFlux, match="valeurs de l'enregistrement « en-tête », colonne « ministère » : "
                                                "valeur obligatoire absente"):
        construire_flux(paye, {k: v for k, v in ENTETE.items() if k != "ministère"}, [_ligne()])


def test_valeurs_brutes_et_lignes_brutes_pour_les_fichiers_volontairement_faux(paye: DescriptionInterface) -> None:
    lignes = [_ligne(), _ligne(montant="`12,345`"), _ligne(montant="1,00"),
              {"ligne brute": "10;BG00/0150-CSUP-DR75;0150-01-01;015001010101;21;PCE/6411100000;5,00;0;en trop"},
              {"ligne brute": "`42;inconnu`"}]
    fichier = construire_flux(paye, ENTETE, lignes)
    assert fichier.lignes[2].split(";")[6] == "12,345"
    assert fichier.lignes[4].endswith(";en trop") and fichier.lignes[5] == "42;inconnu"
    # the readable amounts only, as the target counts them: 4 104 066,34 + 1,00; every line counted
    assert fichier.lignes[-1] == "99;5;4104067,34"
    erreurs = valider_flux(fichier.en_octets(), paye, nom="faux.txt")
    assert [(e.ligne, e.champ) for e in erreurs] == [(3, "montant"), (5, ""), (6, "type d'enregistrement")]
    with pytest.raises(ErreurTableauFlux, match="ligne 1 du tableau, colonne « montant » : valeur brute non fermée"):
        construire_flux(paye, ENTETE, [_ligne(montant="`12,345")])


def test_encodage_du_fichier(paye: DescriptionInterface, tmp_path: Path) -> None:
    fichier = construire_flux(paye, {**ENTETE, "émetteur": "DGFiP – Paye é"}, [_ligne()])
    assert "DGFiP – Paye é".encode() in fichier.en_octets()
    assert "é".encode("cp1252") in fichier.en_octets("cp1252")
    chemin = fichier.ecrire(tmp_path / "sortie" / "flux.txt")
    assert chemin.read_bytes() == fichier.en_octets()
    with pytest.raises(ErreurTableauFlux, match="« – » ne s'écrit pas en latin-1 \\(ligne 1 du fichier\\)"):
        fichier.en_octets("latin-1")
    with pytest.raises(ErreurTableauFlux, match="une valeur ne contient ni le séparateur « ; »"):
        construire_flux(paye, {**ENTETE, "émetteur": "DGFIP;PAY"}, [_ligne()])


# --- Reading a file back --------------------------------------------------------------------------
def test_lire_le_fichier_nominal(paye: DescriptionInterface, tmp_path: Path) -> None:
    chemin = tmp_path / "paye.txt"
    chemin.write_text(FICHIER_NOMINAL, encoding="utf-8")
    flux = lire_flux(chemin, paye)
    assert flux.entete is not None and flux.entete["mois"] == "202603" and flux.entete["Ministère"] == "MESR"
    assert flux.nombre_de_lignes == 3 and [d.numero for d in flux.details] == [2, 3, 4]
    assert flux.details[0]["catégorie"] == "21" and flux.details[0]["activité"] == "015001010101"
    assert flux.total("montant") == Decimal("7206018.52") and flux.total("ETPT") == Decimal("171.5")
    assert flux.fin is not None and flux.fin.en_dict() == {"nombre de lignes": 3, "montant total": Decimal("7206018.52")}
    with pytest.raises(KeyError, match="pas de champ « UO »"):
        flux.details[0]["UO"]


def test_crlf_et_bom_acceptes(paye: DescriptionInterface) -> None:
    octets = b"\xef\xbb\xbf" + FICHIER_NOMINAL.replace("\n", "\r\n").encode()
    assert lire_flux(octets, paye).total("montant") == Decimal("7206018.52")
    assert valider_flux(FICHIER_NOMINAL.removesuffix("\n").encode(), paye) == ()


def _remplacer(ancien: str, nouveau: str) -> bytes:
    assert ancien in FICHIER_NOMINAL
    return FICHIER_NOMINAL.replace(ancien, nouveau, 1).encode()


@pytest.mark.parametrize(("octets", "ligne", "champ", "message"), [
    (_remplacer("18540,00", "18540,0"), 4, "montant",
     "valeur « 18540,0 » mal formée (attendu un montant à 2 décimales et « , » décimale, ex. « -1234,56 »)"),
    (_remplacer(";171,5", ";171,5;x"), 2, "", "9 champs au lieu de 8 (enregistrement « détail », type compris)"),
    (_remplacer("202603;MESR", "202613;MESR"), 1, "mois", "valeur « 202613 » mal formée (attendu un mois AAAAMM"),
    (_remplacer("\n10;BG00/0150-CSUP-DR75;0150-01-01;015001010101;22", "\n11;BG00/0150-CSUP-DR75;0150-01-01;"
                "015001010101;22"), 3, "type d'enregistrement", "type d'enregistrement « 11 » inconnu (types : 00, 10, 99)"),
    (_remplacer("99;3;", "99;4;"), 5, "nombre de lignes", "4 annoncé, 3 calculé sur les lignes de détail"),
    (_remplacer("7206018,52", "7206018,53"), 5, "montant total",
     "7206018,53 annoncé, 7206018,52 calculé sur les lignes de détail"),
    (_remplacer("99;3;7206018,52\n", ""), 4, "", "fichier tronqué : l'enregistrement de fin « 99 » est absent"),
    (_remplacer("00;PAY-MESR-202603-01;202603;MESR;DGFIP PAY\n", ""), 1, "type d'enregistrement",
     "en-tête absent : la ligne 1 est un enregistrement « 10 »"),
    (_remplacer("DGFIP PAY", "DGFiP é").replace("é".encode(), "é".encode("cp1252")), 1, "",
     "encodage invalide : octet 0xE9 illisible en utf-8"),
    (b"\n \n", None, "", "fichier vide : aucun enregistrement"),
])
def test_une_erreur_de_lecture_nomme_le_fichier_la_ligne_et_le_champ(
        paye: DescriptionInterface, octets: bytes, ligne: int | None, champ: str, message: str) -> None:
    with pytest.raises(ErreurFlux) as erreur:
        lire_flux(octets, paye, nom="paye-202603.txt")
    assert (erreur.value.fichier, erreur.value.ligne, erreur.value.champ) == ("paye-202603.txt", ligne, champ)
    lieu = ", ".join(p for p in ("paye-202603.txt", f"ligne {ligne}" if ligne else "",
                                 f"champ « {champ} »" if champ else "") if p)
    assert str(erreur.value).startswith(f"{lieu} : {message}")
    assert isinstance(erreur.value, ErreurExport)


def test_valider_rend_toutes_les_erreurs(paye: DescriptionInterface) -> None:
    octets = (FICHIER_NOMINAL.replace("18540,00", "18540,0").replace("171,5", "171,55555")
              .replace("00;PAY", "00;pay").encode())
    erreurs = valider_flux(octets, paye, nom="f.txt")
    assert [(e.ligne, e.champ) for e in erreurs] == [(1, "identifiant de flux"), (2, "ETPT"), (4, "montant"),
                                                     (5, "montant total")]
    # the malformed amount counts for 0, as the target counts it
    assert "7206018,52 annoncé, 7187478,52 calculé" in str(erreurs[-1])
    with pytest.raises(ErreurFlux, match="f.txt, ligne 1, champ « identifiant de flux »"):
        lire_flux(octets, paye, nom="f.txt")  # lire_flux stops at the first


def test_enregistrements_mal_places(paye: DescriptionInterface) -> None:
    lignes = FICHIER_NOMINAL.splitlines()
    octets = "\n".join([lignes[0], lignes[1], lignes[0], lignes[2], lignes[4], lignes[3], lignes[4]]).encode()
    erreurs = valider_flux(octets, paye)
    assert [(e.ligne, e.message.split(" (")[0]) for e in erreurs[:2]] == [
        (3, "enregistrement « 00 » mal placé"), (5, "enregistrement « 99 » mal placé")]


def test_300000_lignes_construites_puis_relues_exactement(paye: DescriptionInterface, tmp_path: Path) -> None:
    """A large ministry's month: built from table rows, written, read back; totals exact."""
    centres = ["BG00/0150-CSUP-DR75", "BG00/0150-CSUP-DR69", "BG00/0150-RECT-DR13"]
    lignes, centimes, etpt = [], 0, Decimal(0)
    for i in range(300_000):
        montant = (i * 7919) % 1_000_000_00 - (50_000 if i % 97 == 0 else 0)
        centimes += montant
        signe, valeur = ("-" if montant < 0 else ""), abs(montant)
        etpt_ligne = Decimal(i % 9) / 10
        etpt += etpt_ligne
        lignes.append({"centre financier": centres[i % 3], "domaine fonctionnel": "0150-01-01",
                       "activité": "015001010101", "catégorie": "21", "compte PCE": "PCE/6411100000",
                       "montant": f"{signe}{valeur // 100:,},{valeur % 100:02d}".replace(",", " ", valeur >= 100_000)
                       .replace(" ", "\u00a0"), "ETPT": f"{etpt_ligne}".replace(".", ",")})
    fichier = construire_flux(paye, ENTETE, lignes)
    chemin = fichier.ecrire(tmp_path / "gros.txt")
    assert fichier.lignes[-1] == f"99;300000;{'-' if centimes < 0 else ''}{abs(centimes) // 100},{abs(centimes) % 100:02d}"
    flux = lire_flux(chemin, paye)
    assert flux.nombre_de_lignes == 300_000
    assert flux.total("montant") == Decimal(centimes) / 100 and flux.total("ETPT") == etpt
    assert flux.details[-1].numero == 300_001


# --- Another interface is a YAML file, not code -------------------------------------------------------
AUTRE = """\
interface: loyers
encodage: cp1252
separateur: "|"
separateur_decimal: "."
fin_de_ligne: CRLF
enregistrements:
  - nom: lot
    role: entete
    marqueur: "H"
    champs:
      - {nom: date d'échéance, type: date, format: JJ.MM.AAAA}
      - {nom: nombre de baux, type: entier, calcul: {nombre: bail}}
  - nom: bail
    role: detail
    marqueur: "B"
    champs:
      - {nom: bailleur, type: texte, longueur_max: 30}
      - {nom: loyer, type: montant}
  - nom: charge
    role: detail
    marqueur: "C"
    champs:
      - {nom: bailleur, type: texte}
      - {nom: loyer, type: montant, negatif: true}
      - {nom: référence, type: code, obligatoire: false}
  - nom: total
    role: fin
    marqueur: "T"
    champs:
      - {nom: somme, type: montant, negatif: true, calcul: {somme: loyer}}
"""


def test_une_autre_interface_sans_code_nouveau(tmp_path: Path) -> None:
    description = lire_description(_description(tmp_path, AUTRE))
    tableau = [["enregistrement", "bailleur", "loyer", "référence"],
               ["bail", "Société générale d'Île", "1 200,50", ""],
               ["C", "Société générale d'Île", "-200", "R-01"],
               ["bail", "Régie Sud", "99", ""]]
    fichier = construire_flux(description, {"date d'échéance": "31 mars 2026"}, lignes_du_tableau(tableau))
    assert fichier.texte() == ("H|31.03.2026|2\r\nB|Société générale d'Île|1200.50\r\n"
                               "C|Société générale d'Île|-200.00|R-01\r\nB|Régie Sud|99.00\r\nT|1099.50\r\n")
    octets = fichier.en_octets()
    assert "Île".encode("cp1252") in octets
    flux = lire_flux(octets, description)
    assert flux.entete is not None and flux.entete["date d'échéance"] == dt.date(2026, 3, 31)
    assert [d.enregistrement.nom for d in flux.details] == ["bail", "charge", "bail"]
    assert flux.details[1]["référence"] == "R-01" and flux.details[0].en_dict()["bailleur"] == "Société générale d'Île"
    with pytest.raises(ErreurTableauFlux, match="pas de champ « référence » dans l'enregistrement « bail »"):
        construire_flux(description, {"date d'échéance": "31/03/2026"},
                        [{"enregistrement": "bail", "bailleur": "x", "loyer": "1", "référence": "R"}])
    with pytest.raises(ErreurTableauFlux, match="colonne « enregistrement » attendue"):
        construire_flux(description, {"date d'échéance": "31/03/2026"}, [{"bailleur": "x", "loyer": "1"}])


# --- The compte rendu d'intégration -------------------------------------------------------------------
def _exemples_du_contrat() -> list[dict[str, Any]]:
    """The JSON examples of the design doc: the contract the sandbox implements."""
    texte = (RACINE / "docs" / "conception" / "flux-paye.md").read_text(encoding="utf-8")
    return [json.loads(bloc) for bloc in re.findall(r"```json\n(.*?)```", texte, re.DOTALL)]


def test_compte_rendu_de_l_exemple_du_contrat() -> None:
    partiel, rejete = (CompteRendu.depuis_json(x) for x in _exemples_du_contrat())
    assert (partiel.flux, partiel.depot, partiel.statut) == ("PAY-MESR-202603-01", "DEP-2026-000042",
                                                             INTEGRE_PARTIELLEMENT)
    assert (partiel.lignes.fichier, partiel.lignes.integrees, partiel.lignes.rejetees) == (3, 2, 1)
    assert partiel.montants.integre == Decimal("7187478.52") and partiel.etpt is not None
    assert partiel.entete == {"mois": "202603", "ministere": "MESR", "emetteur": "DGFIP PAY"}
    rejet = partiel.rejet(4)
    assert rejet is not None and (rejet.code, rejet.champ, rejet.montant) == (
        "compte-pce-inconnu", "compte PCE", Decimal("18540.00"))
    assert rejet.motif == "Compte PCE inconnu ou hors paye : « PCE/6991100000 »."
    assert partiel.rejet(2) is None
    alerte, = partiel.alertes_de_code("depassement-t2")
    assert alerte.details["credits"] == "CP" and alerte.details["depassement"] == "1187478.52"
    assert partiel.ecarts_de_rapprochement() == ()
    assert rejete.statut == REJETE and rejete.rejet_fichier is not None
    assert (rejete.rejet_fichier.code, rejete.rejet_fichier.ligne) == ("montant-total-errone", 5)
    assert rejete.ecarts_de_rapprochement() == ()
    assert "Ligne 4 rejetée : Compte PCE inconnu" in partiel.resume()
    assert "7\u00a0206\u00a0018,52\u00a0€ dans le fichier" in partiel.resume()


def test_compte_rendu_incoherent_ou_hors_contrat() -> None:
    exemple = _exemples_du_contrat()[0]
    faux = {**exemple, "lignes": {"fichier": 3, "integrees": 3, "rejetees": 1}, "statut": "intégré"}
    ecarts = CompteRendu.depuis_json(faux).ecarts_de_rapprochement()
    assert ecarts == ("lignes : intégré 3 + rejeté 1 ≠ 3 dans le fichier",
                      "statut « intégré » alors que les comptes donnent « intégré partiellement »")
    montants = {**exemple, "montants": {**exemple["montants"], "rejete": "18540.01"}}
    assert "montants : intégré 7187478.52 + rejeté 18540.01 ≠ 7206018.52 dans le fichier" in \
        CompteRendu.depuis_json(montants).ecarts_de_rapprochement()
    with pytest.raises(ErreurCompteRendu, match="clé « montants.integre » : une chaîne décimale exacte est attendue"):
        CompteRendu.depuis_json({**exemple, "montants": {**exemple["montants"], "integre": 7187478.52}})
    with pytest.raises(ErreurCompteRendu, match="clé « rejets\\[0\\].ligne » : clé absente"):
        CompteRendu.depuis_json({**exemple, "rejets": [{"code": "x", "motif": "y"}]})
    with pytest.raises(ErreurCompteRendu, match="statut inconnu « OK »"):
        CompteRendu.depuis_json({**exemple, "statut": "OK"})
    with pytest.raises(ErreurCompteRendu, match="clé « flux » : clé absente"):
        CompteRendu.depuis_json({k: v for k, v in exemple.items() if k != "flux"})


# --- The deposit over HTTP -------------------------------------------------------------------------
class _Cible(BaseHTTPRequestHandler):
    """A target that records each request and answers the contract's example (or a refusal)."""

    requetes: ClassVar[list[tuple[str, str, dict[str, Any]]]] = []

    def do_POST(self) -> None:
        corps = self.rfile.read(int(self.headers["Content-Length"]))
        if self.path == "/api/interfaces/paye":
            message = BytesParser(policy=HTTP).parsebytes(
                f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + corps)
            partie, = message.iter_parts()
            self.requetes.append(("POST", self.path, {"champ": partie.get_param("name", header="content-disposition"),
                                                       "nom": partie.get_filename(),
                                                       "contenu": partie.get_payload(decode=True)}))
            if partie.get_filename() == "trop-gros.txt":
                return self._repondre(413, {"message": "Fichier trop volumineux : 200 Mio pour 64 Mio au plus."})
        else:
            self.requetes.append(("POST", self.path, json.loads(corps or b"null") or {}))
        self._repondre(201, _exemples_du_contrat()[0])

    def do_GET(self) -> None:
        self.requetes.append(("GET", self.path, {}))
        self._repondre(200, _exemples_du_contrat()[1])

    def _repondre(self, statut: int, corps: Any) -> None:
        donnees = json.dumps(corps).encode()
        self.send_response(statut)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(donnees)))
        self.end_headers()
        self.wfile.write(donnees)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def cible() -> Iterator[ClientChorus]:
    serveur = ThreadingHTTPServer(("127.0.0.1", 0), _Cible)
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    _Cible.requetes = []
    client = ClientChorus(f"http://127.0.0.1:{serveur.server_address[1]}", delai=10, jeton="jeton-essai")
    yield client
    client.fermer()
    serveur.shutdown()
    serveur.server_close()


def test_deposer_un_flux_et_lire_son_compte_rendu(paye: DescriptionInterface, cible: ClientChorus,
                                                  tmp_path: Path) -> None:
    fichier = construire_flux(paye, ENTETE, lignes_du_tableau(TABLEAU), nom="paye-mesr-202603.txt")
    compte_rendu = deposer_flux(cible, fichier)
    assert compte_rendu.statut == INTEGRE_PARTIELLEMENT and compte_rendu.depot == "DEP-2026-000042"
    methode, route, recu = _Cible.requetes[0]
    assert (methode, route) == ("POST", "/api/interfaces/paye")
    assert recu == {"champ": "fichier", "nom": "paye-mesr-202603.txt", "contenu": FICHIER_NOMINAL.encode()}
    deposer_flux(cible, fichier, encodage="cp1252")
    assert _Cible.requetes[1][2]["contenu"] == FICHIER_NOMINAL.encode("cp1252")
    sur_disque = tmp_path / "depot.txt"
    sur_disque.write_bytes(b"00;x")
    deposer_flux(cible, sur_disque, paye)
    assert _Cible.requetes[2][2]["nom"] == "depot.txt" and _Cible.requetes[2][2]["contenu"] == b"00;x"
    assert compte_rendu_du_flux(cible, paye, "PAY-MESR-202603-01").statut == REJETE
    assert _Cible.requetes[3][:2] == ("GET", "/api/interfaces/paye/flux/PAY-MESR-202603-01")
    annuler_flux(cible, paye, "PAY-MESR-202603-01", motif="doublon")
    assert _Cible.requetes[4] == ("POST", "/api/interfaces/paye/flux/PAY-MESR-202603-01/annulation",
                                  {"motif": "doublon"})


def test_un_refus_hors_metier_est_une_erreur_api(paye: DescriptionInterface, cible: ClientChorus) -> None:
    fichier = construire_flux(paye, ENTETE, [_ligne()], nom="trop-gros.txt")
    with pytest.raises(ErreurApi) as erreur:
        deposer_flux(cible, fichier)
    assert erreur.value.statut == 413 and "Fichier trop volumineux" in str(erreur.value)


def test_api_publique_du_paquet() -> None:
    noms = recette.interfaces.__all__
    assert noms == sorted(noms, key=lambda n: (not n.isupper(), n))
    assert all(hasattr(recette.interfaces, nom) for nom in noms)
