"""The vectorised conversions of a block agree with the reading of each cell alone (hypothesis):
the usual amounts (a comma and two decimals) take a shortcut, every other column the general way,
and a bad cell is named by its index either way."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from recette.donnees import valeurs as v

REGLAGES = settings(max_examples=150, deadline=None)
deux_decimales = st.integers(-10**15, 10**15).map(lambda c: v.format_centimes(c, milliers=""))
autres_formes = st.one_of(deux_decimales, st.integers(-10**9, 10**9).map(str),
                          st.from_regex(r"-?[0-9]{1,6},[0-9]", fullmatch=True), st.from_regex(r"-?,[0-9][0-9]", fullmatch=True),
                          st.integers(-10**12, 10**12).map(lambda c: v.format_centimes(c, milliers="\u00a0")))
MAL_FORMES = ["1a,00", "--1,00", "1.234,56", "+-3,00", ",,00", "1,0,00", "99999999999999999,99", "100000000000000,00",
              "12,345", "abc"]


def bloc(cellules: list[str | None], avant: int) -> pa.Array:
    """The cells as a slice of a larger array (blocks and chunks are slices)."""
    return pa.array(["0,00"] * avant + cellules, type=pa.string())[avant:]


def un_a_un(cellules: list[str | None]) -> list[int | None]:
    return [None if c is None else v.centimes_texte(c) for c in cellules]


@REGLAGES
@given(st.lists(st.none() | deux_decimales, min_size=1, max_size=60), st.integers(0, 3))
def test_des_montants_a_deux_decimales_valent_leur_lecture_une_a_une(cellules: list[str | None], avant: int) -> None:
    assert v.centimes(bloc(cellules, avant)).to_pylist() == un_a_un(cellules)


@REGLAGES
@given(st.lists(st.none() | autres_formes, min_size=1, max_size=60), st.integers(0, 3))
def test_des_montants_de_toutes_formes_valent_leur_lecture_une_a_une(cellules: list[str | None], avant: int) -> None:
    assert v.centimes(bloc(cellules, avant)).to_pylist() == un_a_un(cellules)


@REGLAGES
@given(st.lists(deux_decimales, min_size=1, max_size=40), st.sampled_from(MAL_FORMES), st.data())
def test_un_montant_mal_forme_parmi_les_bons_est_nomme(cellules: list[str], mauvais: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(cellules)))
    cellules.insert(position, mauvais)
    with pytest.raises(v.ValeurInvalide) as erreur:
        v.centimes(bloc(list(cellules), 1))
    assert (erreur.value.indice, erreur.value.valeur) == (position, mauvais)
    attendu = v.MONTANT_LIMITE if mauvais == "100000000000000,00" else v.MONTANT_ATTENDU
    assert erreur.value.attendu == attendu


dates = st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31))  # strftime writes the year 999 in 3 digits
dates_ecrites = st.builds(v.format_date, dates, st.sampled_from([".", "/"]))
presque_dates = st.from_regex(r"[0-3][0-9][./][01][0-9][./][0-9]{4}", fullmatch=True)


@REGLAGES
@given(st.lists(st.none() | dates_ecrites, min_size=1, max_size=60))
def test_des_dates_valent_leur_lecture_une_a_une(cellules: list[str | None]) -> None:
    assert v.jours(pa.array(cellules, type=pa.string())).to_pylist() == \
        [None if c is None else v.date_texte(c) for c in cellules]


@REGLAGES
@given(st.lists(dates_ecrites | presque_dates, min_size=1, max_size=60))
@example(["01.01.2026", "31.02.2026"]).via("a day past the month's end")
@example(["29.02.2024", "29.02.2100"]).via("not a leap year")
@example(["01/01/0000"]).via("no year 0")
@example(["01.02/2026"]).via("two separators")
def test_la_premiere_date_impossible_est_nommee(cellules: list[str]) -> None:
    """``31.02.2026``, ``00.01.2026``, ``12.13.2026``, ``29.02.2100``, ``01.02/2026``: the first one."""
    lues = [v.date_texte(c) for c in cellules]
    if None not in lues:
        assert v.jours(pa.array(cellules)).to_pylist() == lues
        return
    with pytest.raises(v.ValeurInvalide) as erreur:
        v.jours(pa.array(cellules))
    assert erreur.value.indice == lues.index(None)
