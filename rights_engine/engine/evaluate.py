"""Evaluate situations: one vectorised simulation per evaluated month, then findings and reports."""

from __future__ import annotations

import gc
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

import numpy as np

from rights_engine._version import __version__
from rights_engine.engine.builder import Batch, build_simulation
from rights_engine.engine.catalogue import Programme, programmes, today_month
from rights_engine.engine.directory import PartnersDirectory, local_contacts
from rights_engine.engine.facts import FactRef, unknown_facts
from rights_engine.engine.findings import ProgrammeValues, make_finding
from rights_engine.engine.questions import household_questions
from rights_engine.engine.ranking import partners_to_contact, rank_findings
from rights_engine.engine.scenarios import (
    REFINEMENT_POINTS,
    Completion,
    completions,
    flips_from,
    line_rows,
)
from rights_engine.engine.synthesis import build_synthesis
from rights_engine.report import LegislationVersion, Report
from rights_engine.situation.models import Month, Role, Situation

__all__ = ["SIMULATION_SIZE", "PeriodOutOfRange", "evaluate", "evaluate_many", "iter_reports"]

SIMULATION_SIZE = 2_000
"""Households per OpenFisca simulation: enough to vectorise, few enough to bound memory."""


class PeriodOutOfRange(ValueError):
    """The evaluated month is outside the validated range of every programme."""


def _month(situation: Situation, period: str | None) -> Month:
    if period is not None:
        return Month.parse(period)
    if situation.period is not None:
        return Month(situation.period)
    return Month(today_month())


def _active(month: Month) -> tuple[list[Programme], list[str]]:
    active, notices = [], []
    for programme in programmes():
        if programme.covers(month):
            active.append(programme)
        else:
            notices.append(
                f"{programme.label} non évalué : la législation est validée de "
                f"{programme.validated_from} à {programme.validated_to}, pas pour {month}"
            )
    if not active:
        ranges = ", ".join(f"{p.id} {p.validated_from}–{p.validated_to}" for p in programmes())
        raise PeriodOutOfRange(
            f"period {month} is outside the validated range of every programme ({ranges})"
        )
    return active, notices


def _variables(programme: Programme) -> list[str]:
    rules = programme.rules
    names = [c.variable for c in rules.conditions] + [
        c.waived_by for c in rules.conditions if c.waived_by
    ]
    names += [d.variable for d in rules.details]
    names += [c.unconfirmed_by for c in rules.conditions if c.unconfirmed_by]
    names += [d.variable for d in rules.deadlines]
    if rules.urgency_variable is not None:
        names.append(rules.urgency_variable)
    if rules.amount is not None:
        names.append(rules.amount.variable)
    return list(dict.fromkeys(names))


def evaluate_many(
    situations: Sequence[Situation],
    period: str | None = None,
    partners: PartnersDirectory | None = None,
) -> list[Report]:
    """Reports for many situations, in order (see :func:`iter_reports`, which streams them).

    ``period`` (``YYYY-MM``) overrides each situation's own period. ``partners``, a local
    directory (:func:`~rights_engine.load_partners_directory`), adds to each partner of a report
    its local office for the household's commune. Raises :class:`PeriodOutOfRange` if a month is
    outside every programme's validated range.
    """
    return list(iter_reports(situations, period, partners))


def iter_reports(
    situations: Iterable[Situation],
    period: str | None = None,
    partners: PartnersDirectory | None = None,
) -> Iterator[Report]:
    """Reports for many situations, in order, as they are computed: a caseload is read in
    slices of :data:`SIMULATION_SIZE` households, and the situations of a slice that share a
    month go through one vectorised simulation. Memory stays bounded by one slice, whatever the
    size of the caseload, as long as the caller does not keep every report.

    Same arguments and errors as :func:`evaluate_many`.
    """
    from rights_engine.engine.compare import with_what_if  # compare builds on this module

    iterator = iter(situations)
    while chunk := list(islice(iterator, SIMULATION_SIZE)):
        yield from with_what_if(chunk, _evaluate_slice(chunk, period, partners), period, partners)


def _evaluate_slice(
    situations: list[Situation], period: str | None, partners: PartnersDirectory | None
) -> list[Report]:
    by_month: dict[Month, list[int]] = defaultdict(list)
    for index, situation in enumerate(situations):
        by_month[_month(situation, period)].append(index)
    reports: dict[int, Report] = {}
    with _collector_paused():
        for month, indices in by_month.items():
            active, notices = _active(month)
            month_reports = _evaluate_month(
                [situations[i] for i in indices], month, active, notices, partners
            )
            reports.update(zip(indices, month_reports, strict=True))
    return [reports[index] for index in range(len(situations))]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a slice of reports is built, when no other
    thread runs.

    A slice builds hundreds of thousands of small objects that hold no reference cycle; the
    collector would walk them again and again (two thirds of the time of a caseload).
    Reference counting still frees them; the collector is restored afterwards. The collector
    belongs to the whole process: while a caller's other threads run (a web service, a
    progress thread), it is left alone, so that their cycles are still collected.
    """
    if threading.active_count() > 1 or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


ROWS_PER_SIMULATION = 20_000
"""Completion rows per OpenFisca simulation (a household with unknown facts takes many rows)."""
REFINEMENT_PASSES = 3
"""Passes that narrow a swept salary around an interior maximum (each divides the step by 8)."""


@dataclass
class _Household:
    situation: Situation
    unknown: list[FactRef]
    rows: list[Completion]
    first_row: list[int]
    """Global row index of each of ``rows``."""


@dataclass
class _Values:
    """Every simulated variable: one value per row, and one per person of each row."""

    by_row: dict[str, list[np.ndarray]] = field(default_factory=dict)
    by_person: dict[str, list[np.ndarray]] = field(default_factory=dict)
    first_person: list[np.ndarray] = field(default_factory=list)
    rows: int = 0
    people: int = 0

    def add(self, batch: Batch, row_variables: list[str], person_variables: list[str]) -> None:
        for name in row_variables:
            self.by_row.setdefault(name, []).append(batch.value(name))
        for name in person_variables:
            self.by_person.setdefault(name, []).append(batch.person_value(name))
        self.first_person.append(batch.first_person[:-1] + self.people)
        self.rows += len(batch.first_person) - 1
        self.people += int(batch.first_person[-1])

    def frozen(self) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], np.ndarray]:
        return (
            {k: np.concatenate(v) for k, v in self.by_row.items()},
            {k: np.concatenate(v) for k, v in self.by_person.items()},
            np.concatenate(self.first_person),
        )


def _simulate(
    rows: list[Situation],
    month: Month,
    values: _Values,
    row_vars: list[str],
    person_vars: list[str],
) -> None:
    for start in range(0, len(rows), ROWS_PER_SIMULATION):
        batch = build_simulation(rows[start : start + ROWS_PER_SIMULATION], month)
        values.add(batch, row_vars, person_vars)


def _subjects(programme: Programme, situation: Situation) -> list[int | None]:
    """Who a finding is about: the household, or each adult for an individual right."""
    if not programme.rules.individual:
        return [None]
    return [i for i, p in enumerate(situation.people) if p.role is not Role.child]


def _refine(
    households: list[_Household],
    amount_vars: list[tuple[str, bool]],
    by_row: dict[str, np.ndarray],
    by_person: dict[str, np.ndarray],
    first_person: np.ndarray,
) -> dict[int, dict[str, set[float]]]:
    """Salary levels to add, by household and swept line: between the two neighbours of every
    interior maximum of an amount along the line."""
    wanted: dict[int, dict[str, set[float]]] = {}
    for number, household in enumerate(households):
        lines: dict[str, list[tuple[float, int]]] = {}
        origins: dict[str, int] = {}
        for local, row in enumerate(household.rows):
            if row.sweep is not None and row.level is not None:
                lines.setdefault(row.sweep, []).append((row.level, household.first_row[local]))
                origins[row.sweep] = row.origin
        people = len(household.situation.people)
        for key, points in lines.items():
            points = sorted([(0.0, household.first_row[origins[key]]), *points])
            levels = [level for level, _ in points]
            rows = np.array([row for _, row in points])
            series = []
            for name, individual in amount_vars:
                if individual:
                    series += [by_person[name][first_person[rows] + j] for j in range(people)]
                else:
                    series.append(by_row[name][rows])
            for amounts in series:
                best = int(np.argmax(amounts))
                if 0 < best < len(levels) - 1 and amounts[best] > min(
                    amounts[best - 1], amounts[best + 1]
                ):
                    low, high = levels[best - 1], levels[best + 1]
                    step = (high - low) / (REFINEMENT_POINTS + 1)
                    if step < MINIMUM_STEP:
                        continue
                    new = {round(low + step * k, 2) for k in range(1, REFINEMENT_POINTS + 1)}
                    wanted.setdefault(number, {}).setdefault(key, set()).update(new - set(levels))
    return wanted


def _best_row_flips(
    households: list[_Household],
    amount_vars: list[tuple[str, bool]],
    by_row: dict[str, np.ndarray],
    by_person: dict[str, np.ndarray],
    first_person: np.ndarray,
    next_row: int,
) -> list[Situation]:
    """Rows that flip each unknown fact from a programme's best row when that row is not the
    favourable corner (a salary, an age, a rent): the facts that can still close the right there
    are asked too. Adds them to the households; returns their situations."""
    extra: list[Situation] = []
    for household in households:
        if len(household.rows) < 2:
            continue
        indices = np.array(household.first_row)
        adults = len(household.situation.people)
        best: set[int] = set()
        for name, individual in amount_vars:
            if individual:
                series = [by_person[name][first_person[indices] + j] for j in range(adults)]
            else:
                series = [by_row[name][indices]]
            for amounts in series:
                top = int(np.argmax(amounts))
                if household.rows[top].base is not None and amounts[top] > amounts[0]:
                    best.add(top)
        unfavourable = household.rows[1].situation
        for top in sorted(best):
            for completion in flips_from(top, household.rows[top], household.unknown, unfavourable):
                household.rows.append(completion)
                household.first_row.append(next_row + len(extra))
                extra.append(completion.situation)
    return extra


MINIMUM_STEP = 0.5
"""Below this step (€), a salary line is not refined further."""


def _evaluate_month(
    situations: list[Situation],
    month: Month,
    active: list[Programme],
    notices: list[str],
    partners: PartnersDirectory | None,
) -> list[Report]:
    """One simulation (a few, for large batches and refinements) for the situations of a month:
    each household's completion set (``scenarios.completions``), then findings and reports."""
    households: list[_Household] = []
    rows: list[Situation] = []
    for situation in situations:
        dated = situation.model_copy(update={"period": str(month)})
        unknown = unknown_facts(dated)
        own_rows = completions(dated, unknown)
        first = len(rows)
        rows.extend(c.situation for c in own_rows)
        households.append(_Household(situation, unknown, own_rows, list(range(first, len(rows)))))
    row_vars = sorted({v for p in active if not p.rules.individual for v in _variables(p)})
    person_vars = sorted({v for p in active if p.rules.individual for v in _variables(p)})
    amount_vars = [
        (p.rules.amount.variable, p.rules.individual) for p in active if p.rules.amount is not None
    ]
    values = _Values()
    _simulate(rows, month, values, row_vars, person_vars)
    for _ in range(REFINEMENT_PASSES):
        by_row, by_person, first_person = values.frozen()
        wanted = _refine(households, amount_vars, by_row, by_person, first_person)
        if not wanted:
            break
        extra: list[Situation] = []
        for number, lines in wanted.items():
            household = households[number]
            for key, levels in sorted(lines.items()):
                line = next(row for row in household.rows if row.sweep == key)
                for completion in line_rows(line, sorted(levels)):
                    household.rows.append(completion)
                    household.first_row.append(values.rows + len(extra))
                    extra.append(completion.situation)
        _simulate(extra, month, values, row_vars, person_vars)
    by_row, by_person, first_person = values.frozen()
    extra = _best_row_flips(households, amount_vars, by_row, by_person, first_person, values.rows)
    if extra:
        _simulate(extra, month, values, row_vars, person_vars)
        by_row, by_person, first_person = values.frozen()

    legislation = [
        LegislationVersion(
            programme=p.id,
            version=p.version,
            validated_from=p.validated_from,
            validated_to=p.validated_to,
        )
        for p in active
    ]
    reports = []
    for household in households:
        situation = household.situation
        indices = np.array(household.first_row)
        findings = []
        impacts = []
        for programme in active:
            names = _variables(programme)
            for subject in _subjects(programme, situation):
                if subject is None:
                    own = {name: by_row[name][indices] for name in names}
                else:
                    at = first_person[indices] + subject
                    own = {name: by_person[name][at] for name in names}
                finding, impact = make_finding(
                    programme,
                    situation,
                    household.unknown,
                    ProgrammeValues(own, household.rows),
                    subject,
                )
                findings.append(finding)
                impacts.append(impact)
        ranked = rank_findings(findings)
        contacts = partners_to_contact(ranked)
        local_notices: list[str] = []
        if partners is not None:
            contacts, local_notices = local_contacts(
                contacts, partners, situation.household.commune
            )
        questions = household_questions(situation, findings, impacts)
        reports.append(
            Report(
                engine_version=__version__,
                situation_id=situation.id,
                period=str(month),
                synthesis=build_synthesis(
                    situation.model_copy(update={"period": str(month)}), ranked, questions, contacts
                ),
                findings=ranked,
                questions=questions,
                partners=contacts,
                notices=notices + local_notices,
                legislation=legislation,
            )
        )
    return reports


def evaluate(
    situation: Situation, period: str | None = None, partners: PartnersDirectory | None = None
) -> Report:
    """The report for one situation: the same path as a batch.

    ``partners``: a local directory, as for :func:`evaluate_many`.
    """
    return evaluate_many([situation], period, partners)[0]
