"""Column-wise findings for caseload screening: verdicts, amount ranges, urgencies, ranks and
question ids of every household of a month, computed as arrays from the simulation's arrays.

The rules are those of :mod:`~rights_engine.engine.findings` and
:mod:`~rights_engine.engine.ranking` (a test compares both paths finding by finding): each
household (or each adult, for an individual right) is a *segment* of completion rows; a
condition holds, a verdict is likely or an urgency is reached over a segment through
``reduceat`` over the rows, for every household at once. Only what cannot be a column stays
per household: the questions of a household with unknown facts (which facts can move a
finding: its completions, compared with their corners) and the order of its findings.

No text, no pydantic object: a :class:`Screening` is plain data, made for ``rights-engine
batch`` and its slim results; a full :class:`~rights_engine.report.Report` is built only on
request (:func:`~rights_engine.engine.evaluate.iter_reports`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice

import numpy as np

from rights_engine.engine.catalogue import Programme, programmes
from rights_engine.engine.facts import FactRef
from rights_engine.engine.findings import ProgrammeValues, answer_impacts, single_parent_possible
from rights_engine.engine.ranking import (
    GENERIC,
    MONEY_RIGHT,
    OPENED_BY_FACTS,
    URGENCY_ORDER,
    VERDICT_ORDER,
    VERDICT_WEIGHT,
    opening_conditions,
)
from rights_engine.engine.simulate import (
    Household,
    MonthValues,
    programme_variables,
    simulate_month,
)
from rights_engine.situation.models import Month, Person, Role, Situation

__all__ = ["ScreenedFinding", "Screening", "screen", "screen_month"]

_UNLIKELY, _TO_CONFIRM, _LIKELY = 0, 1, 2
_VERDICTS = ("unlikely", "to_confirm", "likely")
_URGENCIES = ("normal", "high", "emergency")
"""From the least to the most urgent: the urgency shown is the least urgent over the rows."""
_MET, _NOT_MET, _UNKNOWN, _NOT_REQUIRED = 0, 1, 2, 3
MONTHS_PER_YEAR = 12


@dataclass(frozen=True, slots=True)
class ScreenedFinding:
    """One finding as a caseload needs it: what differs from one household to the next."""

    programme: str
    person: str | None
    """The person's id, for an individual right."""
    verdict: str
    low: float | None
    """The amount range, in the programme's unit (``None``: a right without an amount)."""
    high: float | None
    urgency: str
    rank: int
    questions: tuple[str, ...]
    """``fact``, or ``fact/person`` for a fact asked about one person (the person's id)."""


@dataclass(frozen=True, slots=True)
class Screening:
    """A household's findings in rank order, without the report's text."""

    situation_id: str | None
    period: str
    findings: tuple[ScreenedFinding, ...]


def screen(situations: Iterable[Situation], period: str | None = None) -> Iterator[Screening]:
    """The screening of each situation, in order, slice by slice (as
    :func:`~rights_engine.engine.evaluate.iter_reports`, whose findings it gives without their
    text; what-if variants are not evaluated). Raises
    :class:`~rights_engine.engine.evaluate.PeriodOutOfRange` as ``iter_reports`` does."""
    from rights_engine.engine.evaluate import (
        SIMULATION_SIZE,
        active_programmes,
        collector_paused,
        month_of,
    )

    iterator = iter(situations)
    while chunk := list(islice(iterator, SIMULATION_SIZE)):
        by_month: dict[Month, list[int]] = {}
        for index, situation in enumerate(chunk):
            by_month.setdefault(month_of(situation, period), []).append(index)
        screened: dict[int, Screening] = {}
        with collector_paused():
            for month, indices in by_month.items():
                active, _ = active_programmes(month)
                values = simulate_month([chunk[i] for i in indices], month, active)
                screened.update(zip(indices, screen_month(values, active), strict=True))
        yield from (screened[index] for index in range(len(chunk)))


@dataclass
class _Segments:
    """The rows of every household (``person is None``) or of every adult of every household,
    laid end to end: ``index`` reads a programme's values, ``starts`` begins each segment."""

    index: np.ndarray
    starts: np.ndarray
    household: np.ndarray
    """The segment's household (its number in the month)."""
    single_row: np.ndarray
    with_unknown: np.ndarray
    """Whether the segment's household has unknown facts."""
    groups: list[list[Person]]
    """The people of each household of the month (by household, not by segment)."""
    person_ids: list[str | None]
    """The id of the segment's person (None: the household)."""
    person_code: np.ndarray
    """The segment's person id as a number (0: the household; one number per distinct id)."""
    id_rank: np.ndarray
    """The rank of the segment's person among its household's ids in alphabetical order (0: the
    household): ranking._key's last key."""

    def reduce(self, ufunc: np.ufunc, values: np.ndarray) -> np.ndarray:
        return ufunc.reduceat(values, self.starts)


def _segments(values: MonthValues, individual: bool) -> _Segments:
    """The segments of the month's households: each household's rows, or with ``individual``
    those of each of its adults (in the order of its people), the households in order."""
    households = values.households
    count = len(households)
    lengths = np.fromiter((len(h.first_row) for h in households), dtype=np.intp, count=count)
    rows = np.fromiter(
        chain.from_iterable(h.first_row for h in households),
        dtype=np.intp,
        count=int(lengths.sum()),
    )
    unknown = np.fromiter((bool(h.unknown) for h in households), dtype=bool, count=count)
    groups = [h.situation.people for h in households]
    if not individual:
        return _Segments(
            index=rows,
            starts=_starts(lengths),
            household=np.arange(count, dtype=np.intp),
            single_row=lengths == 1,
            with_unknown=unknown,
            groups=groups,
            person_ids=[None] * count,
            person_code=np.zeros(count, dtype=np.int64),
            id_rank=np.zeros(count, dtype=np.intp),
        )
    adults, person_ids, id_rank, per_household = _adults(groups)
    household = np.repeat(np.arange(count, dtype=np.intp), per_household)
    segment_lengths = lengths[household]
    starts = _starts(segment_lengths)
    # Each segment's rows: those of its household (the row's first person + the adult's index).
    within = np.arange(int(segment_lengths.sum())) - np.repeat(starts, segment_lengths)
    at = np.repeat(_starts(lengths)[household], segment_lengths) + within
    subject = np.repeat(np.asarray(adults, dtype=np.intp), segment_lengths)
    return _Segments(
        index=values.first_person[rows[at]] + subject,
        starts=starts,
        household=household,
        single_row=segment_lengths == 1,
        with_unknown=unknown[household],
        groups=groups,
        person_ids=person_ids,
        person_code=_codes(person_ids),
        id_rank=np.asarray(id_rank, dtype=np.intp),
    )


def _starts(lengths: np.ndarray) -> np.ndarray:
    """Where each of consecutive runs of ``lengths`` begins."""
    starts = np.zeros(len(lengths), dtype=np.intp)
    np.cumsum(lengths[:-1], out=starts[1:])
    return starts


def _adults(
    groups: list[list[Person]],
) -> tuple[list[int], list[str | None], list[int], list[int]]:
    """Each household's adults, one after the other: their index among its people, their id,
    their rank in the alphabetical order of its people's ids (ranking._key ends with the
    person's id: among one programme's findings, one per adult, their order); and how many
    adults each household has."""
    adults: list[int] = []
    person_ids: list[str | None] = []
    id_rank: list[int] = []
    per_household: list[int] = []
    child = Role.child
    for group in groups:
        chosen = [i for i, p in enumerate(group) if p.role is not child]
        per_household.append(len(chosen))
        if not chosen:
            continue
        ids = [p.id for p in group]
        rank = [0] * len(group)
        for place, index in enumerate(sorted(range(len(group)), key=ids.__getitem__)):
            rank[index] = place
        adults += chosen
        person_ids += [ids[i] for i in chosen]
        id_rank += [rank[i] for i in chosen]
    return adults, person_ids, id_rank, per_household


def _codes(person_ids: list[str | None]) -> np.ndarray:
    """Each id as a number, the same for the same id (0 for None)."""
    known: dict[str | None, int] = {None: 0}
    return np.asarray([known.setdefault(id_, len(known)) for id_ in person_ids], dtype=np.int64)


@dataclass
class _Columns:
    """One programme's findings over every segment, one entry per segment."""

    programme: Programme
    segments: _Segments
    verdict: np.ndarray
    low: np.ndarray | None
    high: np.ndarray | None
    urgency: np.ndarray
    relevance: np.ndarray
    questions: dict[int, list[FactRef]]


def _programme_columns(
    programme: Programme,
    segments: _Segments,
    source: dict[str, np.ndarray],
    values: MonthValues,
    single_parent: np.ndarray,
) -> _Columns:
    rules = programme.rules
    count = len(segments.starts)
    row_count = len(segments.index)
    column = {name: source[name][segments.index] for name in programme_variables(programme)}
    all_ok = np.ones(row_count, dtype=bool)
    unconfirmed_rows = np.zeros(row_count, dtype=bool)
    statuses = []
    for condition in rules.conditions:
        holds = column[condition.variable].astype(bool)
        waived = (
            column[condition.waived_by].astype(bool)
            if condition.waived_by
            else np.zeros_like(holds)
        )
        unconfirmed = np.zeros_like(holds)
        if condition.unconfirmed_by:
            unconfirmed = column[condition.unconfirmed_by].astype(bool)
        ok = holds | waived
        all_ok &= ok
        unconfirmed_rows |= unconfirmed & holds
        # The status of findings._condition, for every segment at once.
        status = np.where(
            segments.reduce(np.logical_and, ok),
            np.where(segments.reduce(np.logical_or, holds & unconfirmed), _UNKNOWN, _MET),
            np.where(segments.reduce(np.logical_or, ok), _UNKNOWN, _NOT_MET),
        )
        not_required = segments.reduce(np.logical_and, waived) & ~segments.reduce(
            np.logical_and, holds
        )
        statuses.append(np.where(not_required, _NOT_REQUIRED, status))

    amounts = None
    low = high = None
    if rules.amount is not None:
        amounts = column[rules.amount.variable].astype(float)
        low = segments.reduce(np.minimum, amounts)
        high = segments.reduce(np.maximum, amounts)
    granted = all_ok if amounts is None else all_ok & (amounts > 0)
    row_verdicts = np.where(granted, np.where(unconfirmed_rows, _TO_CONFIRM, _LIKELY), _UNLIKELY)
    verdict = np.where(
        segments.reduce(np.minimum, row_verdicts) == _LIKELY,
        _LIKELY,
        np.where(segments.reduce(np.maximum, row_verdicts) == _UNLIKELY, _UNLIKELY, _TO_CONFIRM),
    )

    row_urgencies = _row_urgencies(programme, column, row_verdicts)
    if row_urgencies is None:
        urgency = np.full(count, _URGENCIES.index(rules.urgency))
    else:
        urgency = segments.reduce(np.minimum, row_urgencies)

    relevance = _relevance(programme, statuses, verdict, single_parent[segments.household])
    questions = _questions(
        programme,
        segments,
        values,
        statuses,
        verdict,
        low,
        high,
        amounts,
        row_verdicts,
        row_urgencies,
    )
    return _Columns(programme, segments, verdict, low, high, urgency, relevance, questions)


def _row_urgencies(
    programme: Programme, column: dict[str, np.ndarray], row_verdicts: np.ndarray
) -> np.ndarray | None:
    """Each row's urgency (an index in ``_URGENCIES``), or None for a programme always normal."""
    rules = programme.rules
    if rules.urgency_variable is not None:
        names = column[rules.urgency_variable]
        codes = np.zeros(len(names), dtype=int)
        for code, name in enumerate(_URGENCIES):
            codes[names == name] = code
        return codes
    if rules.urgency == "normal":
        return None
    # A static urgency holds only on the rows where the programme applies (findings._urgency).
    return np.where(row_verdicts != _UNLIKELY, _URGENCIES.index(rules.urgency), 0)


def _relevance(
    programme: Programme,
    statuses: list[np.ndarray],
    verdict: np.ndarray,
    single_parent: np.ndarray,
) -> np.ndarray:
    """ranking.relevance for every segment: generic when no condition is met and the verdict is
    to confirm; opened by facts when a met condition is one of the orientation's openers."""
    opening = opening_conditions().get(programme.id, frozenset())
    any_met = np.zeros(len(verdict), dtype=bool)
    opened = np.zeros(len(verdict), dtype=bool)
    for condition, status in zip(programme.rules.conditions, statuses, strict=True):
        met = status == _MET
        any_met |= met
        if condition.label_for(True) in opening:
            opened |= met & single_parent
        if condition.label_for(False) in opening:
            opened |= met & ~single_parent
    return np.where(
        ~any_met & (verdict == _TO_CONFIRM),
        GENERIC,
        np.where(opened, OPENED_BY_FACTS, MONEY_RIGHT),
    )


def _questions(
    programme: Programme,
    segments: _Segments,
    values: MonthValues,
    statuses: list[np.ndarray],
    verdict: np.ndarray,
    low: np.ndarray | None,
    high: np.ndarray | None,
    amounts: np.ndarray | None,
    row_verdicts: np.ndarray,
    row_urgencies: np.ndarray | None,
) -> dict[int, list[FactRef]]:
    """The facts asked for each segment with several rows and a verdict that is not unlikely
    (findings.make_finding: a fact whose answer can move the finding, else the programme's own
    facts when only facts acting together move it)."""
    rules = programme.rules
    unit = rules.amount.unit if rules.amount is not None else "EUR/mois"
    static = rules.urgency
    asked: dict[int, list[FactRef]] = {}
    # One row and nothing unknown: nothing to ask. One row with unknown facts: only the
    # programme's own facts, when the verdict is to confirm.
    wanted = np.flatnonzero(
        (verdict != _UNLIKELY)
        & (~segments.single_row | ((verdict == _TO_CONFIRM) & segments.with_unknown))
    )
    ends = np.append(segments.starts[1:], len(segments.index))
    for number in wanted.tolist():
        start, end = int(segments.starts[number]), int(ends[number])
        household = values.households[segments.household[number]]
        urgencies = (
            None
            if row_urgencies is None
            else np.array([_URGENCIES[u] for u in row_urgencies[start:end]])
        )
        impacts = answer_impacts(
            ProgrammeValues({}, household.rows),
            row_verdicts[start:end],
            None if amounts is None else amounts[start:end],
            unit,
            urgencies,
            static,
        )
        if verdict[number] == _TO_CONFIRM and not impacts:
            declared = {
                fact
                for condition, status in zip(rules.conditions, statuses, strict=True)
                if status[number] == _UNKNOWN
                for fact in condition.facts
            }
            if (
                rules.amount is not None
                and low is not None
                and high is not None
                and round(float(low[number]), 2) != round(float(high[number]), 2)
            ):
                declared.update(rules.amount.facts)
            refs = [ref for ref in household.unknown if ref.fact in declared]
        else:
            refs = [ref for ref in household.unknown if ref in impacts]
        if refs:
            asked[number] = refs
    return asked


@lru_cache(maxsize=1)
def _registry_order() -> dict[str, int]:
    return {programme.id: index for index, programme in enumerate(programmes())}


def screen_month(values: MonthValues, active: Sequence[Programme]) -> list[Screening]:
    """The screenings of the households of a month, from its simulated values."""
    households = values.households
    single_parent = np.array([single_parent_possible(h.situation) for h in households], dtype=bool)
    segments = {False: _segments(values, False), True: _segments(values, True)}
    columns = [
        _programme_columns(
            programme,
            segments[programme.rules.individual],
            values.by_person if programme.rules.individual else values.by_row,
            values,
            single_parent,
        )
        for programme in active
    ]
    return _ranked(columns, households, _registry_order(), str(values.month))


_URGENCY_ORDER = np.array([URGENCY_ORDER[name] for name in _URGENCIES])
_VERDICT_ORDER = np.array([VERDICT_ORDER[name] for name in _VERDICTS])


def _ranked(
    columns: Sequence[_Columns],
    households: Sequence[Household],
    order: dict[str, int],
    period: str,
) -> list[Screening]:
    """Every household's findings in the order of ranking._key (unlikely last, urgency,
    relevance, expected value, certainty, registry, person), sorted for all households at once.

    Households share most of their findings (same programme, verdict, amounts, urgency, rank,
    questions): each distinct finding is one :class:`ScreenedFinding`, shared by the households
    that have it (it is immutable)."""
    keys: dict[str, list[np.ndarray]] = {name: [] for name in _KEY_NAMES}
    fields: list[_Fields] = []
    kinds: list[np.ndarray] = []
    for column in columns:
        kinds.append(_column_keys(column, order, keys, fields))
    if not fields:
        return [Screening(h.situation.id, period, ()) for h in households]
    joined = [np.concatenate(keys[name]) for name in _KEY_NAMES]
    ranked = np.lexsort(joined[::-1])  # np.lexsort sorts on its last key first
    bounds = np.searchsorted(joined[0][ranked], np.arange(len(households) + 1))
    # Each finding's rank: its place among its household's findings, from 1.
    ranks = np.arange(len(ranked)) - np.repeat(bounds[:-1], np.diff(bounds)) + 1
    span = int(ranks.max()) + 1
    kind_and_rank = np.concatenate(kinds)[ranked] * span + ranks
    distinct, first, shared = np.unique(kind_and_rank, return_index=True, return_inverse=True)
    made = np.empty(len(distinct), dtype=object)
    made[:] = [
        _finding(fields[kind], rank)
        for kind, rank in zip((distinct // span).tolist(), ranks[first].tolist(), strict=True)
    ]
    findings = made[shared].tolist()
    at = bounds.tolist()
    return [
        Screening(household.situation.id, period, tuple(findings[at[number] : at[number + 1]]))
        for number, household in enumerate(households)
    ]


def _finding(fields: _Fields, rank: int) -> ScreenedFinding:
    programme, person, verdict, low, high, urgency, questions = fields
    return ScreenedFinding(programme, person, verdict, low, high, urgency, rank, questions)


_KEY_NAMES = (
    "household",
    "unlikely",
    "urgency",
    "relevance",
    "value",
    "certainty",
    "registry",
    "person",
)
"""The sort keys of a month's findings: the household, then those of ranking._key."""

_Fields = tuple[str, str | None, str, float | None, float | None, str, tuple[str, ...]]
"""A finding's fields but its rank: programme, person, verdict, low, high, urgency, questions."""


def _column_keys(
    column: _Columns,
    order: dict[str, int],
    keys: dict[str, list[np.ndarray]],
    fields: list[_Fields],
) -> np.ndarray:
    """The sort keys of each segment's finding (appended to ``keys``), and its kind: the index
    in ``fields`` of its fields, appended once per distinct finding of the column."""
    segments = column.segments
    count = len(segments.starts)
    kind, examples = _distinct_segments(column)
    values = np.zeros(len(examples))
    for number, at in enumerate(examples.tolist()):
        entry = _fields(column, at)
        fields.append(entry)
        low, high = entry[3], entry[4]
        if low is not None and high is not None:
            values[number] = _expected_value(column.programme, low, high, entry[2])
    keys["household"].append(np.asarray(segments.household, dtype=np.intp))
    keys["unlikely"].append(column.verdict == _UNLIKELY)
    keys["urgency"].append(_URGENCY_ORDER[column.urgency])
    keys["relevance"].append(np.asarray(column.relevance))
    keys["value"].append(-values[kind])
    keys["certainty"].append(_VERDICT_ORDER[column.verdict])
    keys["registry"].append(np.full(count, order.get(column.programme.id, len(order))))
    keys["person"].append(segments.id_rank)
    return kind + (len(fields) - len(examples))


def _distinct_segments(column: _Columns) -> tuple[np.ndarray, np.ndarray]:
    """Each segment's kind (segments of one kind have the same finding: same verdict, urgency,
    amounts to the bit, person id and questions) and a segment of each kind."""
    count = len(column.segments.starts)
    questions = np.zeros(count, dtype=np.int64)
    for code, number in enumerate(column.questions, 1):  # few: each its own kind
        questions[number] = code
    # Verdict, urgency, person and questions as one number, each below its radix (the verdict
    # the least significant: the order of np.lexsort on the four, so the same kinds).
    person_code = column.segments.person_code
    packed = questions * (int(person_code.max(initial=0)) + 1) + person_code
    packed = (packed * len(_URGENCIES) + column.urgency) * len(_VERDICTS) + column.verdict
    parts = [packed]
    if column.low is not None and column.high is not None:
        # The bits of the amounts, so that 0.0 and -0.0 (or two NaNs) stay apart.
        parts += [column.low.view(np.int64), column.high.view(np.int64)]
    described = np.stack(parts)
    order = np.lexsort(described)  # equal segments next to one another
    ordered = described[:, order]
    starts_kind = np.ones(count, dtype=bool)
    starts_kind[1:] = np.any(ordered[:, 1:] != ordered[:, :-1], axis=0)
    kind = np.empty(count, dtype=np.intp)
    kind[order] = np.cumsum(starts_kind) - 1
    return kind, order[starts_kind]


def _fields(column: _Columns, number: int) -> _Fields:
    """The finding of one segment of a column (all its fields but its rank)."""
    low = high = None
    if column.low is not None and column.high is not None:
        low, high = round(float(column.low[number]), 2), round(float(column.high[number]), 2)
    questions: tuple[str, ...] = ()
    refs = column.questions.get(number)
    if refs:
        segments = column.segments
        group = segments.groups[segments.household[number]]
        questions = tuple(
            dict.fromkeys(
                ref.fact if ref.person is None else f"{ref.fact}/{group[ref.person].id}"
                for ref in refs
            )
        )
    return (
        column.programme.id,
        column.segments.person_ids[number],
        _VERDICTS[int(column.verdict[number])],
        low,
        high,
        _URGENCIES[int(column.urgency[number])],
        questions,
    )


def _expected_value(programme: Programme, low: float, high: float, verdict: str) -> float:
    """ranking.expected_monthly_value, operation for operation (a division by 1 is exact)."""
    amount = programme.rules.amount
    per_year = MONTHS_PER_YEAR if amount is not None and amount.unit == "EUR/an" else 1
    return round((low + high) / 2 / per_year * VERDICT_WEIGHT[verdict], 2)
