"""Evaluate situations: one vectorised simulation per evaluated month, then findings and reports."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice

from rights_engine._version import __version__
from rights_engine.engine.builder import build_simulation
from rights_engine.engine.catalogue import Programme, programmes, today_month
from rights_engine.engine.directory import PartnersDirectory, local_contacts
from rights_engine.engine.facts import unknown_facts
from rights_engine.engine.findings import ProgrammeValues, make_finding
from rights_engine.engine.questions import household_questions
from rights_engine.engine.ranking import partners_to_contact, rank_findings
from rights_engine.engine.scenarios import Scenario, complete
from rights_engine.report import LegislationVersion, Report
from rights_engine.situation.models import Month, Situation

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
    """Pause Python's cyclic garbage collector while a slice of reports is built.

    A slice builds hundreds of thousands of small objects that hold no reference cycle; the
    collector would walk them again and again (two thirds of the time of a caseload).
    Reference counting still frees them; the collector is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _evaluate_month(
    situations: list[Situation],
    month: Month,
    active: list[Programme],
    notices: list[str],
    partners: PartnersDirectory | None,
) -> list[Report]:
    """One simulation for situations of the same month: a favourable row for each, and an
    unfavourable one when unknown facts could change the answer."""
    rows: list[Situation] = []
    row_of: list[tuple[int, int]] = []
    unknown_of = []
    for situation in situations:
        dated = situation.model_copy(update={"period": str(month)})
        unknown = unknown_facts(dated)
        unknown_of.append(unknown)
        favourable = len(rows)
        rows.append(complete(dated, Scenario.favourable))
        if unknown:
            rows.append(complete(dated, Scenario.unfavourable))
        row_of.append((favourable, len(rows) - 1))
    batch = build_simulation(rows, month)
    values = {
        programme.id: {name: batch.value(name) for name in _variables(programme)}
        for programme in active
    }
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
    for situation, unknown, (favourable, unfavourable) in zip(
        situations, unknown_of, row_of, strict=True
    ):
        findings = [
            make_finding(
                programme,
                situation,
                unknown,
                ProgrammeValues(
                    {
                        name: (array[favourable].item(), array[unfavourable].item())
                        for name, array in values[programme.id].items()
                    }
                ),
            )
            for programme in active
        ]
        ranked = rank_findings(findings)
        contacts = partners_to_contact(ranked)
        local_notices: list[str] = []
        if partners is not None:
            contacts, local_notices = local_contacts(
                contacts, partners, situation.household.commune
            )
        reports.append(
            Report(
                engine_version=__version__,
                situation_id=situation.id,
                period=str(month),
                findings=ranked,
                questions=household_questions(ranked),
                partners=contacts,
                notices=notices + local_notices,
                legislation=legislation,
            )
        )
    return reports


def evaluate(
    situation: Situation, period: str | None = None, partners: PartnersDirectory | None = None
) -> Report:
    """The report for one situation: the same path as a batch, with one row (or two).

    ``partners``: a local directory, as for :func:`evaluate_many`.
    """
    return evaluate_many([situation], period, partners)[0]
