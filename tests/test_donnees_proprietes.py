"""Properties of the comparison (hypothesis): a dataset equals itself however it is written, and
changing k cells reports exactly k."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aides_donnees import ecrire_cellules
from recette.donnees import Spec, comparer_fichiers

COLONNES = ["N° EJ", "Libellé", "Fournisseur payé (DP)", "Montant payé", "Date de base de la DP"]
TEXTE, CODE, MONTANT, DATE = 1, 2, 3, 4
LETTRES = "abcdefghijklmnopqrstuvwxyzÉéèàçôÎŒœ&’–-"
REGLAGES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass
class Jeu:
    lignes: list[list[object]]  # key, label, code, cents, date (None = null)
    tolerance: int


textes = st.text(LETTRES, min_size=1, max_size=12).map(str.strip).filter(bool)
lignes = st.tuples(st.none() | textes, st.none() | st.text("0123456789", min_size=1, max_size=10),
                   st.none() | st.integers(-10**13, 10**13),
                   st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31)))
jeux = st.builds(
    lambda cles, corps, tolerance: Jeu([[c, *v] for c, v in zip(cles, corps)], tolerance),
    st.lists(st.text("0123456789", min_size=1, max_size=12), min_size=1, max_size=25, unique=True),
    st.lists(lignes, min_size=25, max_size=25), st.integers(0, 100))


@dataclass(frozen=True)
class Ecriture:
    encodage: str
    separateur: str
    milliers: str
    dates: str
    nul: str
    preambule: int


ecritures = st.builds(Ecriture, st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]), st.sampled_from([";", ",", "|"]),
                      st.sampled_from([" ", "\u00a0", "\u202f", ""]), st.sampled_from([".", "/"]),
                      st.sampled_from(["#", ""]), st.integers(0, 8))


def montant(centimes: int, milliers: str) -> str:
    signe = "-" if centimes < 0 else ""
    euros, cts = divmod(abs(centimes), 100)
    return f"{signe}{euros:,}".replace(",", milliers) + f",{cts:02d}"


def cellule(valeur: object, position: int, ecriture: Ecriture) -> str:
    if valeur is None:
        return ecriture.nul
    if position == MONTANT:
        milliers = ecriture.milliers if ecriture.encodage != "cp1252" or ecriture.milliers != "\u202f" else "\u00a0"
        return montant(int(valeur), milliers)  # type: ignore[call-overload]
    if position == DATE:
        return valeur.strftime(f"%d{ecriture.dates}%m{ecriture.dates}%Y")  # type: ignore[attr-defined]
    return str(valeur)


def ecrire_jeu(dossier: Path, nom: str, jeu: Jeu, ecriture: Ecriture, ordre: list[int] | None = None) -> Path:
    preambule = [["INF-BUD-53 : Pilotage de la gestion - Vue détaillée"]] + \
        [[f"Filtre {i} :", "Programme 0150"] for i in range(max(ecriture.preambule - 1, 0))]
    corps = [[cellule(v, p, ecriture) for p, v in enumerate(jeu.lignes[i])] for i in (ordre or range(len(jeu.lignes)))]
    return ecrire_cellules(dossier, nom, [*preambule[:ecriture.preambule], COLONNES, *corps], ecriture.separateur,
                           ecriture.encodage)


def spec(jeu: Jeu) -> Spec:
    return Spec(cles=("N° EJ",), tolerances={"Montant payé": jeu.tolerance}, dates=("Date de base de la DP",))


@REGLAGES
@given(jeux, ecritures, st.randoms(use_true_random=False))
def test_un_jeu_est_conforme_a_lui_meme_melange_et_reecrit(jeu: Jeu, ecriture: Ecriture, hasard: object) -> None:
    ordre = list(range(len(jeu.lignes)))
    hasard.shuffle(ordre)  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as dossier:
        attendu = ecrire_jeu(Path(dossier), "attendu.csv", jeu, Ecriture("utf-8", ";", " ", ".", "#", 4))
        obtenu = ecrire_jeu(Path(dossier), "obtenu.csv", jeu, ecriture, ordre)
        resultat = comparer_fichiers(attendu, obtenu, spec(jeu))
    assert resultat.conforme, resultat.to_dict()
    assert resultat.lignes_attendues == resultat.lignes_obtenues == len(jeu.lignes)


def changer(valeur: object, position: int, tolerance: int) -> object:
    """A different value, as far as the comparison is concerned."""
    if valeur is None:
        return {TEXTE: "nouveau", CODE: "0", MONTANT: 0, DATE: dt.date(2026, 2, 3)}[position]
    if position == MONTANT:
        return int(valeur) + tolerance + 1  # type: ignore[call-overload]
    if position == DATE:
        return valeur + dt.timedelta(days=1)  # type: ignore[operator]
    return f"{valeur}x"


@REGLAGES
@given(jeux, ecritures, st.data())
def test_changer_k_cellules_en_signale_exactement_k(jeu: Jeu, ecriture: Ecriture, data: st.DataObject) -> None:
    cellules = [(i, p) for i in range(len(jeu.lignes)) for p in (TEXTE, CODE, MONTANT, DATE)]
    choisies = data.draw(st.lists(st.sampled_from(cellules), max_size=12, unique=True))
    modifie = Jeu([list(ligne) for ligne in jeu.lignes], jeu.tolerance)
    for i, p in choisies:
        modifie.lignes[i][p] = changer(jeu.lignes[i][p], p, jeu.tolerance)
    with tempfile.TemporaryDirectory() as dossier:
        attendu = ecrire_jeu(Path(dossier), "attendu.csv", jeu, Ecriture("utf-8", ";", " ", ".", "#", 4))
        obtenu = ecrire_jeu(Path(dossier), "obtenu.csv", modifie, ecriture)
        resultat = comparer_fichiers(attendu, obtenu, spec(jeu))
    assert resultat.cellules_differentes == len(choisies), resultat.to_dict()
    assert resultat.ecarts_par_colonne == dict(Counter(COLONNES[p] for _, p in choisies))
    assert resultat.conforme == (not choisies)


@REGLAGES
@given(jeux, st.data())
def test_un_ecart_dans_la_tolerance_ne_compte_pas(jeu: Jeu, data: st.DataObject) -> None:
    montants = [i for i, ligne in enumerate(jeu.lignes) if ligne[MONTANT] is not None]
    modifie = Jeu([list(ligne) for ligne in jeu.lignes], jeu.tolerance)
    for i in data.draw(st.lists(st.sampled_from(montants), unique=True)) if montants else []:
        modifie.lignes[i][MONTANT] = int(jeu.lignes[i][MONTANT]) + data.draw(  # type: ignore[call-overload]
            st.integers(-jeu.tolerance, jeu.tolerance))
    with tempfile.TemporaryDirectory() as dossier:
        ecriture = Ecriture("utf-8", ";", " ", ".", "#", 4)
        resultat = comparer_fichiers(ecrire_jeu(Path(dossier), "a.csv", jeu, ecriture),
                                     ecrire_jeu(Path(dossier), "o.csv", modifie, ecriture), spec(jeu))
    assert resultat.conforme, resultat.to_dict()
