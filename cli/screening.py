"""Screen a caseload for ``rights-engine batch``: what :func:`~.caseload.evaluate_households`
does, without the reports' text (:class:`Screened`: verdicts, amounts, urgency, rank, question
ids, computed column-wise by :mod:`rights_engine.engine.columns`).

A module of its own, so that ``simulate`` does not load the column-wise screening.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rights_engine.engine.columns import ScreenedFinding, Screening, screen
from rights_engine.report import Report
from rights_engine.situation.models import Situation

from .caseload import NOT_A_NUMBER, by_slices, rejected
from .inputs import Household, Rejected

__all__ = ["Screened", "screen_households", "screening_of"]


@dataclass(frozen=True)
class Screened:
    """A household and its screening (a report's findings without their text)."""

    household: Household
    screening: Screening
    shared: object | None = field(default=None, compare=False, repr=False)
    """The slice's token when its households share their finding objects: the column-wise
    screening shares one object among the households of a slice with the same finding, so
    ``slim.LineWriter`` writes each once per slice (and forgets them with the slice). None:
    findings of their own (read off a full report), written one by one."""


def screening_of(report: Report) -> Screening:
    """A full report's findings as a screening (the --full path of ``batch``)."""
    findings = []
    for finding in report.findings:
        amount = finding.estimated_amount
        questions = (
            m.fact if m.person is None else f"{m.fact}/{m.person}" for m in finding.missing
        )
        findings.append(
            ScreenedFinding(
                programme=finding.programme,
                person=finding.person,
                verdict=finding.verdict,
                low=amount.minimum if amount is not None else None,
                high=amount.maximum if amount is not None else None,
                urgency=finding.urgency,
                rank=finding.rank,
                questions=tuple(dict.fromkeys(questions)),
            )
        )
    return Screening(report.situation_id, report.period, tuple(findings))


def _finite(finding: ScreenedFinding) -> bool:
    return all(math.isfinite(x) for x in (finding.low, finding.high) if x is not None)


@dataclass(frozen=True, eq=False)
class _Slice:
    """A slice screened column-wise (its households' :attr:`Screened.shared`), and the findings
    among its screenings with a figure that is not a number (their ``id``): each finding object
    checked once (the column-wise screening shares one among the households with the same
    finding)."""

    not_finite: frozenset[int]


def _slice(screenings: list[Screening]) -> _Slice:
    distinct = {id(f): f for screening in screenings for f in screening.findings}
    return _Slice(frozenset(k for k, f in distinct.items() if not _finite(f)))


def screen_households(
    items: Iterable[Household | Rejected],
    period: str | None,
    debug: bool = False,
    debug_variable: str = "RIGHTS_ENGINE_DEBUG",
    first_slice: int | None = None,
) -> Iterator[Screened | Rejected]:
    """Each household's screening (no report built), slice by slice, in input order; the same
    slices, failures and refusals as :func:`~.caseload.evaluate_households`."""

    def screenings(situations: list[Situation]) -> list[tuple[Screening, _Slice]]:
        screenings = list(screen(situations, period))
        shared = _slice(screenings)
        return [(screening, shared) for screening in screenings]

    def kept(household: Household, screened: tuple[Screening, _Slice]) -> Screened | Rejected:
        screening, shared = screened
        if shared.not_finite and any(id(f) in shared.not_finite for f in screening.findings):
            return rejected(household, [f"{household.where}: {NOT_A_NUMBER}"])
        return Screened(household, screening, shared)

    return by_slices(items, screenings, kept, debug, debug_variable, first_slice)
