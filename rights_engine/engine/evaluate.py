"""Evaluate situations: one vectorised simulation per evaluated month (``simulate``), then
findings and reports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from rights_engine._version import __version__
from rights_engine.collector import collector_paused
from rights_engine.engine.catalogue import Programme, programmes, today_month
from rights_engine.engine.findings import ProgrammeValues, make_finding
from rights_engine.engine.questions import household_questions
from rights_engine.engine.ranking import partners_to_contact, rank_findings
from rights_engine.engine.simulate import (
    HouseholdValues,
    MonthValues,
    programme_variables,
    simulate_month,
    subjects,
)
from rights_engine.engine.synthesis import build_synthesis
from rights_engine.report import LegislationVersion, Report
from rights_engine.situation.models import Month, Situation

if TYPE_CHECKING:
    from rights_engine.engine.directory import PartnersDirectory

__all__ = [
    "SIMULATION_SIZE",
    "PeriodOutOfRange",
    "active_programmes",
    "collector_paused",
    "evaluate",
    "evaluate_many",
    "evaluate_with_rows",
    "iter_reports",
    "month_of",
]

SIMULATION_SIZE = 2_000
"""Households per OpenFisca simulation: enough to vectorise, few enough to bound memory."""


class PeriodOutOfRange(ValueError):
    """The evaluated month is outside the validated range of every programme."""


def month_of(situation: Situation, period: str | None) -> Month:
    if period is not None:
        return Month.parse(period)
    if situation.period is not None:
        return Month(situation.period)
    return Month(today_month())


def active_programmes(month: Month) -> tuple[list[Programme], list[str]]:
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
    iterator = iter(situations)
    while chunk := list(islice(iterator, SIMULATION_SIZE)):
        yield from _with_variants(chunk, _evaluate_slice(chunk, period, partners), period, partners)


def _with_variants(
    situations: list[Situation],
    reports: list[Report],
    period: str | None,
    partners: PartnersDirectory | None,
) -> Iterable[Report]:
    """The reports, each with the comparisons of its situation's what-if variants. The module
    that compares them builds on this one, and is loaded only when a situation has variants."""
    if not any(situation.what_if for situation in situations):
        return reports
    from rights_engine.engine.compare import with_what_if

    return with_what_if(situations, reports, period, partners)


def _evaluate_slice(
    situations: list[Situation], period: str | None, partners: PartnersDirectory | None
) -> list[Report]:
    by_month: dict[Month, list[int]] = defaultdict(list)
    for index, situation in enumerate(situations):
        by_month[month_of(situation, period)].append(index)
    reports: dict[int, Report] = {}
    with collector_paused():
        for month, indices in by_month.items():
            active, notices = active_programmes(month)
            month_reports = _evaluate_month(
                [situations[i] for i in indices], month, active, notices, partners
            )
            reports.update(zip(indices, month_reports, strict=True))
    return [reports[index] for index in range(len(situations))]


def _evaluate_month(
    situations: list[Situation],
    month: Month,
    active: list[Programme],
    notices: list[str],
    partners: PartnersDirectory | None,
) -> list[Report]:
    """The reports of the situations of a month: the month-simulation step, then the report
    step."""
    return _month_reports(simulate_month(situations, month, active), active, notices, partners)


def _month_reports(
    values: MonthValues,
    active: list[Programme],
    notices: list[str],
    partners: PartnersDirectory | None,
) -> list[Report]:
    """Findings and reports from the simulated rows of each household of a month."""
    month = values.month
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
    for number, household in enumerate(values.households):
        situation = household.situation
        rows = values.household(number)
        findings = []
        impacts = []
        for programme in active:
            names = programme_variables(programme)
            for subject in subjects(programme, situation):
                finding, impact = make_finding(
                    programme,
                    situation,
                    household.unknown,
                    ProgrammeValues(rows.of(names, subject), household.rows),
                    subject,
                )
                findings.append(finding)
                impacts.append(impact)
        ranked = rank_findings(findings)
        contacts = partners_to_contact(ranked)
        local_notices: list[str] = []
        if partners is not None:  # the directory's module is loaded: partners is one
            from rights_engine.engine.directory import local_contacts

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


def evaluate_with_rows(
    situation: Situation, period: str | None = None, partners: PartnersDirectory | None = None
) -> tuple[Report, HouseholdValues]:
    """The report for one situation (as :func:`evaluate`) and the completion rows it was
    computed from, with their values: ``explain`` traces these very rows."""
    month = month_of(situation, period)
    active, notices = active_programmes(month)
    with collector_paused():
        values = simulate_month([situation], month, active)
        reports = _month_reports(values, active, notices, partners)
    [report] = _with_variants([situation], reports, period, partners)
    return report, values.household(0)
