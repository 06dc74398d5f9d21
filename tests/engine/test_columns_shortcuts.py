"""A shortcut of the column-wise screening (``engine.columns``) against the plain way it
replaces: the segments of a month laid out with numpy (``_segments``; the household-by-household
loop it replaced is kept below)."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import numpy as np
import pytest

from rights_engine.engine import columns
from rights_engine.engine.evaluate import active_programmes, month_of
from rights_engine.engine.simulate import MonthValues, simulate_month
from rights_engine.engine.soundness import leave_out
from rights_engine.situation.models import Month, Person, Role, Situation
from rights_engine.synthetic import draw_household, generate_households


def _segments_as_first_written(values: MonthValues, individual: bool) -> dict[str, Any]:
    """The segments, household by household, as ``_segments`` first laid them out."""
    index: list[np.ndarray] = []
    starts, household, lengths, unknown, id_rank = [], [], [], [], []
    people: list[list[Person]] = []
    person_ids: list[str | None] = []
    at = 0
    for number, entry in enumerate(values.households):
        rows = np.asarray(entry.first_row)
        group = entry.situation.people
        if individual:
            subjects: list[int | None] = [
                i for i, p in enumerate(group) if p.role is not Role.child
            ]
        else:
            subjects = [None]
        ordered = sorted(range(len(group)), key=lambda index: group[index].id)
        ranks = {index: rank for rank, index in enumerate(ordered)}
        for subject in subjects:
            index.append(rows if subject is None else values.first_person[rows] + subject)
            starts.append(at)
            household.append(number)
            people.append(group)
            person_ids.append(None if subject is None else group[subject].id)
            id_rank.append(0 if subject is None else ranks[subject])
            lengths.append(len(rows))
            unknown.append(bool(entry.unknown))
            at += len(rows)
    known: dict[str | None, int] = {None: 0}
    return {
        "index": np.concatenate(index) if index else np.zeros(0, dtype=int),
        "starts": np.asarray(starts, dtype=np.intp),
        "household": household,
        "single_row": np.asarray(lengths) == 1,
        "with_unknown": np.asarray(unknown, dtype=bool),
        "people": people,
        "person_ids": person_ids,
        "person_code": [known.setdefault(id_, len(known)) for id_ in person_ids],
        "id_rank": id_rank,
    }


def _month_values(seed: int) -> list[MonthValues]:
    rng = random.Random(seed)
    situations = generate_households(40, seed=seed) + [
        leave_out(rng, draw_household(rng, "2026-11", f"p{i}"), rng.randint(1, 4))
        for i in range(30)
    ]
    by_month: dict[Month, list[Situation]] = {}
    for situation in situations:
        by_month.setdefault(month_of(situation, None), []).append(situation)
    values = []
    for month, group in by_month.items():
        active, _ = active_programmes(month)
        values.append(simulate_month(group, month, active))
    return values


@pytest.mark.parametrize("seed", [3, 4])
def test_segments_are_those_laid_out_household_by_household(seed: int) -> None:
    several = unknown = count = 0
    for values in _month_values(seed):
        for individual in (False, True):
            got = columns._segments(values, individual)
            want = _segments_as_first_written(values, individual)
            assert np.array_equal(got.index, want["index"])
            assert np.array_equal(got.starts, want["starts"])
            assert got.household.tolist() == want["household"]
            assert np.array_equal(got.single_row, want["single_row"])
            assert np.array_equal(got.with_unknown, want["with_unknown"])
            assert [got.groups[h] for h in got.household] == want["people"]
            assert got.person_ids == want["person_ids"]
            assert got.person_code.tolist() == want["person_code"]
            assert got.id_rank.tolist() == want["id_rank"]
            several += len(got.starts) - len(set(got.household.tolist()))
            unknown += int(got.with_unknown.sum())
            count += len(got.starts)
    assert several > 0  # households with several adults
    assert 0 < unknown < count  # households with facts unknown, and complete ones


def _distinct_segments_as_first_written(column: columns._Columns) -> tuple[np.ndarray, ...]:
    """``_distinct_segments`` as first written: np.lexsort on each part apart."""
    count = len(column.segments.starts)
    questions = np.zeros(count, dtype=np.int64)
    for code, number in enumerate(column.questions, 1):
        questions[number] = code
    parts = [column.verdict, column.urgency, column.segments.person_code, questions]
    if column.low is not None and column.high is not None:
        parts += [column.low.view(np.int64), column.high.view(np.int64)]
    described = np.stack([np.asarray(part, dtype=np.int64) for part in parts])
    order = np.lexsort(described)
    ordered = described[:, order]
    starts_kind = np.ones(count, dtype=bool)
    starts_kind[1:] = np.any(ordered[:, 1:] != ordered[:, :-1], axis=0)
    kind = np.empty(count, dtype=np.intp)
    kind[order] = np.cumsum(starts_kind) - 1
    return kind, order[starts_kind]


def test_distinct_findings_are_those_of_each_part_apart() -> None:
    asked = amounts = 0
    rng = np.random.default_rng(8)
    for values in _month_values(8):
        active, _ = active_programmes(values.month)
        segments = {False: columns._segments(values, False), True: columns._segments(values, True)}
        single_parent = np.zeros(len(values.households), dtype=bool)
        for programme in active:
            individual = programme.rules.individual
            source = values.by_person if individual else values.by_row
            column = columns._programme_columns(
                programme, segments[individual], source, values, single_parent
            )
            # Every verdict with every urgency, too.
            count = len(column.verdict)
            mixed = dataclasses.replace(
                column, verdict=rng.integers(0, 3, count), urgency=rng.integers(0, 3, count)
            )
            variants = [column, mixed]
            if column.low is not None and column.high is not None:
                # Amounts equal as numbers but not to the bit, and not numbers, stay apart.
                low, high = column.low.copy(), column.high.copy()
                low[: len(low) // 3] = -0.0
                high[: len(high) // 4] = np.nan
                high[len(high) // 2 :: 5] = 0.0
                variants.append(dataclasses.replace(column, low=low, high=high))
                amounts += 1
            asked += len(column.questions)
            for variant in variants:
                got = columns._distinct_segments(variant)
                want = _distinct_segments_as_first_written(variant)
                assert all(np.array_equal(g, w) for g, w in zip(got, want, strict=True))
    assert asked > 0 and amounts > 0
