"""Evaluate situations: one vectorised simulation per evaluated month, then findings and reports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rights_engine._version import __version__
from rights_engine.engine.builder import build_simulation
from rights_engine.engine.catalogue import Programme, programmes, today_month
from rights_engine.engine.directory import PartnersDirectory, local_contacts
from rights_engine.engine.facts import unknown_facts
from rights_engine.engine.findings import ProgrammeValues, make_finding
from rights_engine.engine.ranking import partners_to_contact, rank_findings
from rights_engine.engine.scenarios import Scenario, complete
from rights_engine.report import LegislationVersion, Report
from rights_engine.situation.models import Month, Situation

__all__ = ["PeriodOutOfRange", "evaluate", "evaluate_many"]


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
    """Reports for many situations, in order. Situations of the same month share one simulation.

    ``period`` (``YYYY-MM``) overrides each situation's own period. ``partners``, a local
    directory (:func:`~rights_engine.load_partners_directory`), adds to each partner of a report
    its local office for the household's commune. Raises :class:`PeriodOutOfRange` if a month is
    outside every programme's validated range.
    """
    by_month: dict[Month, list[int]] = defaultdict(list)
    for index, situation in enumerate(situations):
        by_month[_month(situation, period)].append(index)

    reports: list[Report | None] = [None] * len(situations)
    for month, indices in by_month.items():
        active, notices = _active(month)
        rows: list[Situation] = []
        row_of: list[tuple[int, int]] = []
        unknown_by_index = {}
        for index in indices:
            situation = situations[index].model_copy(update={"period": str(month)})
            unknown = unknown_facts(situation)
            unknown_by_index[index] = unknown
            favourable = len(rows)
            rows.append(complete(situation, Scenario.favourable))
            if unknown:
                rows.append(complete(situation, Scenario.unfavourable))
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
        for index, (favourable, unfavourable) in zip(indices, row_of, strict=True):
            situation = situations[index]
            findings = [
                make_finding(
                    programme,
                    situation,
                    unknown_by_index[index],
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
                commune = situation.household.commune
                contacts, local_notices = local_contacts(contacts, partners, commune)
            reports[index] = Report(
                engine_version=__version__,
                situation_id=situation.id,
                period=str(month),
                findings=ranked,
                partners=contacts,
                notices=notices + local_notices,
                legislation=legislation,
            )
    return [report for report in reports if report is not None]


def evaluate(
    situation: Situation, period: str | None = None, partners: PartnersDirectory | None = None
) -> Report:
    """The report for one situation: the same path as a batch, with one row (or two).

    ``partners``: a local directory, as for :func:`evaluate_many`.
    """
    return evaluate_many([situation], period, partners)[0]
