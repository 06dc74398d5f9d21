"""The lines of a slice screened column-wise are written once per shared finding
(``slim.LineWriter``): each household's contribution to the totals, line of results and row of
the CSV are those written finding by finding (``contribution``, ``slim_result``, ``csv_row``: the
plain path, as ``--full`` takes it), to the byte; and a slice's figures that are not a number are
found as household by household."""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Iterable
from typing import Any

import orjson
import pytest

from rights_engine.cli import screening as screening_module
from rights_engine.cli import slim
from rights_engine.cli.inputs import Household, Rejected
from rights_engine.cli.screening import Screened, screen_households
from rights_engine.engine.catalogue import programmes
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
    situations[5] = situations[5].model_copy(update={"id": None})
    files = ("in.jsonl", "in, too.jsonl")
    return [Household(files[n % 2], n, n % 7 != 0, s) for n, s in enumerate(situations, 1)]


def _unshared(screening: Screening) -> Screening:
    """The same screening with findings of its own."""
    return dataclasses.replace(
        screening, findings=tuple(dataclasses.replace(f) for f in screening.findings)
    )


def _plain(screened: Screened, programme_ids: list[str], units: dict[str, Any]) -> tuple[Any, ...]:
    return (
        slim.contribution(screened.screening, units),
        orjson.dumps(slim.slim_result(screened)),
        slim.csv_lines([slim.csv_row(screened, programme_ids)]),
    )


def _written(writer: slim.LineWriter, screened: Screened) -> tuple[Any, ...]:
    counted, line, row = writer.lines(screened)
    return counted, line, slim.csv_lines([row])


def _same(got: tuple[Any, ...], want: tuple[Any, ...]) -> None:
    assert got == want
    # The totals add the amounts in order: the same order, and the verdicts' too.
    assert list(got[0]["verdicts"].items()) == list(want[0]["verdicts"].items())
    assert repr(got[0]["amounts"]) == repr(want[0]["amounts"])


def _other_last(screening: Screening) -> Screening:
    """The screening with the last finding of a programme found several times (a right of each
    adult) replaced by another: the programme's findings merged differ, the first one shared."""
    findings = list(screening.findings)
    programmes_of = [f.programme for f in findings]
    for at in range(len(findings) - 1, -1, -1):
        if programmes_of.count(programmes_of[at]) > 1:
            finding = findings[at]
            findings[at] = dataclasses.replace(
                finding,
                verdict="likely" if finding.verdict != "likely" else "to_confirm",
                low=None if finding.low is None else finding.low + 1.5,
                questions=(*finding.questions, "rent"),
            )
            break
    return dataclasses.replace(screening, findings=tuple(findings))


_UNITS = {p.id: p.rules.amount.unit if p.rules.amount else None for p in programmes()}


@pytest.mark.parametrize("layout", ["catalogue", "some columns, some units"])
def test_lines_and_rows_are_those_written_finding_by_finding(layout: str) -> None:
    households = _households()
    screenings = list(screen([h.situation for h in households]))
    programme_ids = [p.id for p in programmes()]
    units = dict(_UNITS)
    if layout != "catalogue":  # programmes without a column, or not counted, and another order
        programme_ids = sorted(programme_ids[3:], reverse=True)
        units = {p: u for n, (p, u) in enumerate(units.items()) if n % 4}
    shared = sum(len(s.findings) for s in screenings) - len(
        {id(f) for s in screenings for f in s.findings}
    )
    assert shared > 0  # the column-wise screening shares its findings
    writer = slim.LineWriter(programme_ids, units)
    token, other = object(), object()  # two slices, the second one's findings of their own
    repeated = 0
    for household, screening in zip(households, screenings, strict=True):
        programmes_of = [f.programme for f in screening.findings]
        repeated += len(programmes_of) - len(set(programmes_of))
        variants = ((screening, token), (_unshared(screening), other), (screening, token))
        for item, slice_ in (*variants, (_other_last(screening), token)):
            want = _plain(Screened(household, item), programme_ids, units)
            _same(_written(writer, Screened(household, item, slice_)), want)
            _same(_written(writer, Screened(household, item)), want)
        # The findings of the last slice only are kept (forgotten with their slice).
        assert set(writer._known) <= {id(f) for f in (*screening.findings, *item.findings)}
    assert repeated > 0  # rights of each adult, merged in the CSV
    rows = [
        writer.lines(Screened(h, s, token))[2] for h, s in zip(households, screenings, strict=True)
    ]
    assert rows[3].startswith('"a, ""quoted""\nid",in.jsonl,4,')
    assert rows[4].startswith(f'{screenings[4].situation_id},"in, too.jsonl",5,')
    assert rows[5].startswith(",in.jsonl,6,")  # no id
    assert rows[6].startswith(f'{screenings[6].situation_id},"in, too.jsonl",,')  # no line


def _plain_screened(household: Household, screening: Screening) -> Screened | Rejected:
    """The check as it was, household by household."""
    figures = [f.low for f in screening.findings if f.low is not None]
    figures += [f.high for f in screening.findings if f.high is not None]
    if not all(math.isfinite(x) for x in figures):
        message = f"{household.where}: {screening_module.NOT_A_NUMBER}"
        return screening_module.rejected(household, [message])
    return Screened(household, screening)


def test_figures_that_are_not_numbers_are_found_finding_by_finding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    households = _households()[:30]
    screenings = list(screen([h.situation for h in households]))
    nan = dataclasses.replace(screenings[0].findings[0], low=0.0, high=math.nan)
    inf = dataclasses.replace(screenings[1].findings[-1], low=-math.inf)
    bad = [
        dataclasses.replace(screenings[n], findings=(*screenings[n].findings[1:], finding))
        for n, finding in ((2, nan), (9, inf), (17, nan))  # the same finding twice
    ]
    screenings[2], screenings[9], screenings[17] = bad

    def screened(situations: Iterable[Any], period: str | None) -> list[Screening]:
        assert len(list(situations)) == len(screenings)
        return screenings

    monkeypatch.setattr(screening_module, "screen", screened)
    got = list(screen_households(households, None, first_slice=len(households)))
    want = [_plain_screened(h, s) for h, s in zip(households, screenings, strict=True)]
    assert [type(g) for g in got] == [type(w) for w in want]
    assert sum(isinstance(g, Rejected) for g in got) == 3
    for g, w in zip(got, want, strict=True):
        if isinstance(g, Screened):
            assert isinstance(w, Screened)
            assert g.screening is w.screening and g.shared is got[0].shared
        else:
            assert isinstance(w, Rejected)
            assert (g.line, g.messages) == (w.line, w.messages)
