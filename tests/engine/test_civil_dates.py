"""The integer calendar of ``rights_engine.civil_dates`` against Python's own ``datetime``, and the
rule ``age`` computed by a simulation against the age written by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder

from rights_engine.civil_dates import completed_years, year_month_day
from rights_engine.system import tax_benefit_system

EVERY_DAY = np.arange(
    np.datetime64("1600-01-01"), np.datetime64("2201-01-01"), dtype="datetime64[D]"
)


def _age(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def test_every_day_from_1600_to_2200_is_written_as_python_writes_it() -> None:
    written = year_month_day(EVERY_DAY.astype(np.int64))
    expected = [int(day.strftime("%Y%m%d")) for day in EVERY_DAY.astype(dt.date)]
    assert written.tolist() == expected


@pytest.mark.parametrize(
    "day",
    [dt.date(2024, 2, 1), dt.date(2024, 3, 1), dt.date(2025, 2, 28), dt.date(2026, 9, 1)]
    + [dt.date(1970, 1, 1), dt.date(1900, 3, 1), dt.date(2000, 2, 29), dt.date(2100, 12, 31)],
)
def test_completed_years_on_a_day_for_every_birth_date(day: dt.date) -> None:
    births = EVERY_DAY[::7]
    expected = [_age(born, day) for born in births.astype(dt.date)]
    assert completed_years(births, day).tolist() == expected


@given(st.dates(min_value=dt.date(1, 1, 1)), st.dates(min_value=dt.date(1, 1, 1)))
def test_completed_years_of_any_two_dates(born: dt.date, day: dt.date) -> None:
    births = np.array([born], dtype="datetime64[D]")
    assert completed_years(births, day).tolist() == [_age(born, day)]


def test_the_rule_age_on_birthdays_and_leap_days() -> None:
    """Ages written by hand on the first day of the months asked (the rule's day)."""
    births = ["2000-02-29", "1961-09-01", "1961-09-02", "2026-09-01", "2008-08-31", "1958-12-31"]
    expected = {
        "2026-09": [26, 65, 64, 0, 18, 67],
        "2028-03": [28, 66, 66, 1, 19, 69],
        "2028-02": [27, 66, 66, 1, 19, 69],
    }
    builder = SimulationBuilder()
    builder.create_entities(tax_benefit_system())
    builder.declare_person_entity("individu", [f"i{n}" for n in range(len(births))])
    simulation = builder.build(tax_benefit_system())
    simulation.set_input("date_naissance", "ETERNITY", np.array(births, dtype="datetime64[D]"))
    for month, ages in expected.items():
        assert simulation.calculate("age", month).tolist() == ages, month
