"""Calendar arithmetic on arrays of dates, in integers: no law here, only the Gregorian calendar.

numpy converts ``datetime64[D]`` to months or years one element at a time, through its calendar
routines: the rule ``age`` converted every person's birth date four times in every month it was
computed for, about a third of a caseload's calculation. The same answers come from a few
integer operations on the day numbers.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

__all__ = ["completed_years", "year_month_day"]

_DAYS_0000_03_01_TO_1970_01_01 = 719_468
_DAYS_PER_400_YEARS = 146_097


def year_month_day(days: np.ndarray) -> np.ndarray:
    """Each date written as the integer ``YYYYMMDD`` (e.g. 20260901), from its number of days
    since 1970-01-01 (``datetime64[D]`` as int64), in the proleptic Gregorian calendar.

    Howard Hinnant's ``civil_from_days``: years taken from 1 March, so that the leap day ends
    its year, in eras of 400 years (146 097 days)."""
    shifted = days.astype(np.int64) + _DAYS_0000_03_01_TO_1970_01_01
    era = shifted // _DAYS_PER_400_YEARS
    day_of_era = shifted - era * _DAYS_PER_400_YEARS  # 0 to 146 096
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365  # 0 to 399
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    month_from_march = (5 * day_of_year + 2) // 153  # 0 (March) to 11 (February)
    day = day_of_year - (153 * month_from_march + 2) // 5 + 1
    month = month_from_march + np.where(month_from_march < 10, 3, -9)
    year = year_of_era + era * 400 + (month <= 2)
    return year * 10_000 + month * 100 + day


def completed_years(birth: np.ndarray, day: dt.date) -> np.ndarray:
    """The age in completed years on ``day`` of each birth date (``datetime64[D]``): the years
    between them, less one when the birthday of ``day``'s year is still to come. Negative for a
    birth after ``day``.

    With dates written ``YYYYMMDD``, the difference of the month-and-day parts lies strictly
    between -10 000 and 10 000, and is negative exactly when the birthday is still to come:
    flooring the difference by 10 000 gives the age. A person born on 29 February has a
    birthday on 1 March in a common year."""
    on_day = day.year * 10_000 + day.month * 100 + day.day
    born = year_month_day(birth.astype("datetime64[D]").astype(np.int64))
    return (on_day - born) // 10_000
