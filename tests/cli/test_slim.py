"""The slim results and the CSV summary of a slice write each finding once (``slim._written``,
shared by the households with the same finding object): their lines and rows are those written
finding by finding (a screening without ``written``, as ``--full`` gives it)."""

from __future__ import annotations

import dataclasses
import random

import orjson

from rights_engine.cli import slim
from rights_engine.cli.inputs import Household
from rights_engine.cli.screening import Screened
from rights_engine.engine.columns import Screening, screen
from rights_engine.engine.soundness import leave_out
from rights_engine.synthetic import DEFAULT_PERIODS, draw_household, generate_households


def _households() -> list[Household]:
    rng = random.Random(7)
    situations = generate_households(60, seed=21) + [
        leave_out(rng, draw_household(rng, DEFAULT_PERIODS[i % 3], f"u{i}"), rng.randint(1, 4))
        for i in range(40)
    ]
    situations[3] = situations[3].model_copy(update={"id": 'a, "quoted"\nid'})
    files = ("in.jsonl", "in, too.jsonl")
    return [Household(files[n % 2], n, True, s) for n, s in enumerate(situations, 1)]


def _unshared(screening: Screening) -> Screening:
    """The same screening with findings of its own."""
    return dataclasses.replace(
        screening, findings=tuple(dataclasses.replace(f) for f in screening.findings)
    )


def test_lines_and_rows_are_those_written_finding_by_finding() -> None:
    households = _households()
    screenings = list(screen([h.situation for h in households]))
    programme_ids = sorted({f.programme for s in screenings for f in s.findings})
    shared = sum(len(s.findings) for s in screenings) - len(
        {id(f) for s in screenings for f in s.findings}
    )
    assert shared > 0  # the column-wise screening shares its findings
    repeated = 0
    written: dict[int, object] = {}  # one for the slice, as screen_households gives it
    rows, plain_rows = [], []
    for household, screening in zip(households, screenings, strict=True):
        programmes = [f.programme for f in screening.findings]
        repeated += len(programmes) - len(set(programmes))
        for item in (screening, _unshared(screening), screening):
            fast, plain = Screened(household, item, written), Screened(household, item)
            assert orjson.dumps(slim.slim_result(fast)) == orjson.dumps(slim.slim_result(plain))
            rows.append(slim.csv_row(fast, programme_ids))
            plain_rows.append(slim.csv_row(plain, programme_ids))
            assert rows[-1] == plain_rows[-1]
    assert repeated > 0  # rights of each adult, merged in the CSV
    assert slim.csv_lines(rows) == slim.csv_lines(plain_rows)
    assert b'"a, ""quoted""\nid",in.jsonl,4,' in slim.csv_lines(rows)
