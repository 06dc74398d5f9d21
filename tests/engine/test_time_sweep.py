"""The time domain, swept: every example situation on every month of every programme's validated
range, one vectorised ``evaluate_many`` call per month.

Fails on an error, a NaN or infinite figure, a programme covering the month that neither gives
a finding nor says why (a silent drop-out), or an amount that vanishes for a single month while
it is paid the month before and the month after (a dated value missing for that month).
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import pytest

import rights_engine
from rights_engine.engine.catalogue import programmes

SITUATIONS = sorted((Path(__file__).resolve().parents[2] / "situations").glob("*.yaml"))


def _months() -> list[str]:
    first = min(p.validated_from for p in programmes())
    last = max(p.validated_to for p in programmes())
    year, month = (int(x) for x in first.split("-"))
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


MONTHS = _months()


@cache
def _reports(month: str) -> tuple[rights_engine.Report, ...]:
    situations = [rights_engine.load_situation(path) for path in SITUATIONS]
    return tuple(rights_engine.evaluate_many(situations, period=month))


def _finite(value: float) -> bool:
    return not (math.isnan(value) or math.isinf(value))


@pytest.mark.parametrize("month", MONTHS)
def test_every_situation_evaluates_on_every_validated_month(month: str) -> None:
    covering = {p.id: p.label for p in programmes() if p.covers(month)}
    for path, report in zip(SITUATIONS, _reports(month), strict=True):
        assert report.period == month
        found = {f.programme for f in report.findings}
        silent = sorted(
            pid
            for pid, label in covering.items()
            if pid not in found and not any(label in notice for notice in report.notices)
        )
        assert not silent, f"{path.stem} {month}: programmes without finding nor notice {silent}"
        for finding in report.findings:
            amount = finding.estimated_amount
            if amount is not None:
                assert _finite(amount.minimum) and _finite(amount.maximum), (path.stem, month)
                assert amount.minimum <= amount.maximum
        for question in report.questions:
            assert _finite(question.at_stake), (path.stem, month, question.fact)


@pytest.mark.parametrize("month", MONTHS[1:-1])
def test_no_amount_vanishes_for_a_single_month(month: str) -> None:
    index = MONTHS.index(month)
    before, now, after = (_reports(m) for m in MONTHS[index - 1 : index + 2])
    for path, old, current, new in zip(SITUATIONS, before, now, after, strict=True):

        def paid(report: rights_engine.Report) -> dict[tuple[str, str | None], float]:
            return {
                (f.programme, f.person): f.estimated_amount.maximum
                for f in report.findings
                if f.estimated_amount is not None
            }

        old_paid, now_paid, new_paid = paid(old), paid(current), paid(new)
        gaps = sorted(
            key[0]
            for key, amount in old_paid.items()
            if amount > 0 and new_paid.get(key, 0) > 0 and now_paid.get(key, 0) == 0
        )
        assert not gaps, f"{path.stem}: {gaps} paid in the months around {month}, not in it"
