"""What changes if: two situations, two months, the what-if variants of a situation, a caseload.

A comparison puts two reports side by side, programme by programme (and person by person for a
right of a person): rights that open or close, amounts, ranks, partners to contact and
deadlines that appear. Between two months it also names the parameters whose value changed and
the programmes whose rules read them. Every report comes from ``evaluate_many``: nothing here
computes a right.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from openfisca_core.parameters import Parameter
from pydantic import BaseModel, ConfigDict, Field

from rights_engine.engine.catalogue import programmes
from rights_engine.engine.directory import PartnersDirectory
from rights_engine.engine.evaluate import SIMULATION_SIZE, evaluate_many
from rights_engine.engine.freshness import programmes_reading
from rights_engine.report import (
    Amount,
    Comparison,
    Finding,
    FindingChange,
    LegalReference,
    Movement,
    ParameterChange,
    Report,
    Verdict,
)
from rights_engine.situation.models import (
    Activity,
    Change,
    Incomes,
    Month,
    Person,
    Role,
    Situation,
    WhatIf,
)
from rights_engine.system import tax_benefit_system

__all__ = [
    "CaseloadTotals",
    "Comparison",
    "FindingChange",
    "HouseholdChange",
    "ParameterChange",
    "apply_variant",
    "compare_caseload",
    "compare_caseload_against",
    "compare_periods",
    "compare_reports",
    "compare_situations",
    "parameter_changes",
    "what_if",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- two reports


def _key(finding: Finding) -> tuple[str, str | None]:
    return finding.programme, finding.person


def _open(verdict: Verdict | None) -> bool:
    return verdict in ("likely", "to_confirm")


def _change(before: Finding | None, after: Finding | None) -> FindingChange | None:
    reference = after or before
    assert reference is not None
    verdict_before = before.verdict if before else None
    verdict_after = after.verdict if after else None
    amount_before = before.estimated_amount if before else None
    amount_after = after.estimated_amount if after else None
    movements: list[Movement] = []
    if _open(verdict_after) and not _open(verdict_before):
        movements.append("opens")
    elif _open(verdict_before) and not _open(verdict_after):
        movements.append("closes")
    elif verdict_before != verdict_after:
        movements.append("verdict")
    if amount_before != amount_after:
        movements.append("amount")
    rank_before = before.rank if before else None
    rank_after = after.rank if after else None
    if rank_before != rank_after and (_open(verdict_before) or _open(verdict_after)):
        movements.append("rank")
    if not movements:
        return None
    return FindingChange(
        programme=reference.programme,
        label=reference.label,
        person=reference.person,
        changes=movements,
        verdict_before=verdict_before,
        verdict_after=verdict_after,
        amount_before=amount_before,
        amount_after=amount_after,
        rank_before=rank_before,
        rank_after=rank_after,
    )


def compare_reports(before: Report, after: Report, name: str = "") -> Comparison:
    """The findings, partners and deadlines that differ from ``before`` to ``after``."""
    old = {_key(f): f for f in before.findings}
    new = {_key(f): f for f in after.findings}
    order = [_key(f) for f in after.findings] + [k for k in old if k not in new]
    changes = [c for k in order if (c := _change(old.get(k), new.get(k))) is not None]
    partners_before = {p.id for p in before.partners}
    deadlines_before = {(d.date, d.label) for f in before.findings for d in f.deadlines}
    deadlines = {
        (d.date, d.label): d
        for f in after.findings
        if _open(f.verdict)
        for d in f.deadlines
        if (d.date, d.label) not in deadlines_before
    }
    return Comparison(
        name=name,
        before_period=before.period,
        after_period=after.period,
        before_rules_version=before.rules_version,
        after_rules_version=after.rules_version,
        findings=changes,
        new_partners=[p.name for p in after.partners if p.id not in partners_before],
        new_deadlines=[deadlines[k] for k in sorted(deadlines)],
    )


def compare_situations(
    before: Situation,
    after: Situation,
    period: str | None = None,
    partners: PartnersDirectory | None = None,
) -> Comparison:
    """Two situations (two versions of a household), in one vectorised evaluation."""
    first, second = evaluate_many([before, after], period, partners)
    name = f"{before.id or 'situation A'} → {after.id or 'situation B'}"
    return compare_reports(first, second, name)


# ---------------------------------------------------------------- two months


def _value(parameter: Parameter, day: str) -> Any:
    for entry in parameter.values_list:  # most recent first
        if entry.instant_str <= day:
            return entry.value, entry.instant_str
    return None, None


def _reference(parameter: Parameter, since: str) -> LegalReference | None:
    references = parameter.metadata.get("reference")
    if not isinstance(references, dict):
        return None
    source = {str(k): v for k, v in references.items()}.get(since)
    if isinstance(source, list) and source:
        source = source[0]
    if isinstance(source, dict) and "href" in source:
        return LegalReference(title=str(source.get("title", "")), href=str(source["href"]))
    return None


def parameter_changes(from_month: str, to_month: str) -> list[ParameterChange]:
    """The parameters whose value on the first day of ``to_month`` differs from the one on the
    first day of ``from_month``, with the programmes reading them (by name)."""
    start = Month.parse(from_month).first_day.isoformat()
    end = Month.parse(to_month).first_day.isoformat()
    found = []
    for leaf in tax_benefit_system().parameters.get_descendants():
        if not isinstance(leaf, Parameter):
            continue
        before, _ = _value(leaf, start)
        after, since = _value(leaf, end)
        if before == after or since is None:
            continue
        found.append(
            ParameterChange(
                name=leaf.name,
                label=str(leaf.metadata.get("label") or leaf.description or leaf.name),
                before=before if isinstance(before, (int, float, str)) else None,
                after=after if isinstance(after, (int, float, str)) else None,
                since=since,
                reference=_reference(leaf, since),
                programmes=list(programmes_reading(leaf.name)),
            )
        )
    return sorted(found, key=lambda p: p.name)


def compare_periods(
    situation: Situation,
    from_month: str,
    to_month: str,
    partners: PartnersDirectory | None = None,
) -> Comparison:
    """One situation on two months: what changes, and the parameters that changed between."""
    dated = [
        situation.model_copy(update={"period": str(Month.parse(m))}) for m in (from_month, to_month)
    ]
    first, second = evaluate_many(dated, None, partners)
    comparison = compare_reports(first, second, f"{from_month} → {to_month}")
    return comparison.model_copy(update={"parameters": parameter_changes(from_month, to_month)})


# ---------------------------------------------------------------- what-if variants


def apply_variant(situation: Situation, variant: WhatIf, period: str | None = None) -> Situation:
    """The situation after the variant's changes (the variants themselves are dropped)."""
    month = Month(period or situation.reference_month)
    people = list(situation.people)
    household = situation.household
    for change in variant.changes:
        people, household, month = _apply(change, people, household, month)
    return situation.model_copy(
        update={"people": people, "household": household, "period": str(month), "what_if": []}
    )


def _apply(
    change: Change, people: list[Person], household: Any, month: Month
) -> tuple[list[Person], Any, Month]:
    if change.period is not None:
        month = Month(change.period)
    if change.separation is not None:
        # CASF L262-9, CSS L523-1: the person raising children alone from the separation.
        people = [p for p in people if p.role is not Role.partner]
        since = change.separation.since or str(month)
        household = household.model_copy(update={"single_parent_since": since})
    if change.new_job is not None:
        job = change.new_job
        updated = []
        for person in people:
            chosen = person.id == job.person if job.person else person.role is Role.applicant
            if chosen:
                incomes = (person.incomes or Incomes()).model_copy(update={"salary": job.salary})
                person = person.model_copy(
                    update={"incomes": incomes, "activity": Activity.employed}
                )
            updated.append(person)
        people = updated
    if change.birth is not None:
        born = change.birth.birth_date or month.first_day
        people = [*people, Person(id=change.birth.id, role=Role.child, birth_date=born)]
    if change.move is not None:
        move = change.move
        housing_update: dict[str, Any] = {"zone": None}
        if move.status is not None:
            housing_update["status"] = move.status
        if move.rent is not None:
            housing_update["rent"] = move.rent
        housing = household.housing.model_copy(update=housing_update)
        household = household.model_copy(update={"commune": move.commune, "housing": housing})
    return people, household, month


def what_if(
    situation: Situation,
    period: str | None = None,
    partners: PartnersDirectory | None = None,
    report: Report | None = None,
) -> list[Comparison]:
    """For each variant the situation declares, what it changes compared with the situation
    as it is (its report, given or computed). All variants go through one evaluation; a
    variant on a month outside every validated range is left out (the report says so)."""
    if not situation.what_if:
        return []
    if report is None:
        report = evaluate_many([situation.model_copy(update={"what_if": []})], period, partners)[0]
    [with_variants] = with_what_if([situation], [report], period, partners)
    return with_variants.what_if


def with_what_if(
    situations: Sequence[Situation],
    reports: Iterable[Report],
    period: str | None,
    partners: PartnersDirectory | None,
) -> Iterator[Report]:
    """The reports, each with the comparisons of its situation's what-if variants: the
    variants of every situation go through one more evaluation."""
    reports = list(reports)
    variants = []
    notices: dict[int, list[str]] = {}
    for index, situation in enumerate(situations):
        for variant in situation.what_if:
            changed = apply_variant(situation.model_copy(update={"what_if": []}), variant, period)
            month = str(changed.reference_month)
            if any(p.covers(month) for p in programmes()):
                variants.append((index, variant, changed))
            else:
                notices.setdefault(index, []).append(
                    f"Variante « {variant.name} » non évaluée : {month} est hors des périodes "
                    "de législation validées"
                )
    if not variants and not notices:
        yield from reports
        return
    outcomes = evaluate_many([v for _, _, v in variants], None, partners) if variants else []
    comparisons: dict[int, list[Comparison]] = {}
    for (index, variant, _), after in zip(variants, outcomes, strict=True):
        comparisons.setdefault(index, []).append(
            compare_reports(reports[index], after, variant.name)
        )
    for index, report in enumerate(reports):
        if index in comparisons or index in notices:
            report = report.model_copy(
                update={
                    "what_if": comparisons.get(index, []),
                    "notices": report.notices + notices.get(index, []),
                }
            )
        yield report


# ---------------------------------------------------------------- a caseload


class HouseholdChange(_Model):
    """A household of a caseload whose verdict or amount changes between two months."""

    line: int
    situation_id: str | None
    findings: list[FindingChange]


class ProgrammeTotals(_Model):
    programme: str
    label: str
    gained: int = 0
    """Households for which the right opens (unlikely → likely or to confirm)."""
    lost: int = 0
    changed: int = 0
    """Households whose verdict or amount changes."""
    euros_minimum: float = 0.0
    """Sum of the changes of the lower bound of the amount, €/month (or €/year, per unit)."""
    euros_maximum: float = 0.0


class CaseloadTotals(_Model):
    from_period: str
    to_period: str
    from_rules_version: str = ""
    to_rules_version: str = ""
    households: int
    changed: int
    programmes: list[ProgrammeTotals]
    parameters: list[ParameterChange] = Field(default_factory=list)


def _amounts(amount: Amount | None) -> tuple[float, float]:
    return (amount.minimum, amount.maximum) if amount is not None else (0.0, 0.0)


def compare_caseload(
    rows: Iterable[tuple[int, Situation]],
    from_month: str,
    to_month: str,
) -> Iterator[HouseholdChange | CaseloadTotals]:
    """Stream the households whose verdict or amount changes from ``from_month`` to
    ``to_month`` (``(line, situation)`` in, slices of ``SIMULATION_SIZE`` evaluated at once),
    then the totals per programme."""

    def pairs() -> Iterator[tuple[int, Situation, Report, Report]]:
        iterator = iter(rows)
        while chunk := list(islice(iterator, SIMULATION_SIZE)):
            situations = [s for _, s in chunk]
            before = evaluate_many(situations, from_month)
            after = evaluate_many(situations, to_month)
            for (line, situation), old, new in zip(chunk, before, after, strict=True):
                yield line, situation, old, new

    totals = _Totals()
    yield from totals.diff(pairs())
    yield totals.result(from_month, to_month, parameter_changes(from_month, to_month))


def compare_caseload_against(
    rows: Iterable[tuple[int, Situation]],
    before: Iterable[Report],
    period: str | None = None,
) -> Iterator[HouseholdChange | CaseloadTotals]:
    """Stream the households whose verdict or amount changes from reports computed earlier
    (``before``: one per situation, in the same order — e.g. by a previous version of the
    rules, ``simulate --format json``) to the reports of these rules, then the totals."""
    reports = iter(before)
    months: set[str] = set()

    def pairs() -> Iterator[tuple[int, Situation, Report, Report]]:
        iterator = iter(rows)
        while chunk := list(islice(iterator, SIMULATION_SIZE)):
            olds = list(islice(reports, len(chunk)))
            if len(olds) != len(chunk):
                raise ValueError(
                    f"fewer earlier reports ({len(olds)}) than households in this slice "
                    f"({len(chunk)}); expected one report per household, in the same order"
                )
            after = evaluate_many([s for _, s in chunk], period)
            for (line, situation), old, new in zip(chunk, olds, after, strict=True):
                months.add(new.period)
                yield line, situation, old, new

    totals = _Totals()
    yield from totals.diff(pairs())
    month = ", ".join(sorted(months))
    yield totals.result(month, month, [])


class _Totals:
    """Households counted and changes summed per programme, as a caseload diff streams."""

    def __init__(self) -> None:
        self.programmes: dict[str, ProgrammeTotals] = {}
        self.count = 0
        self.changed = 0
        self.versions: tuple[set[str], set[str]] = (set(), set())

    def diff(
        self, pairs: Iterator[tuple[int, Situation, Report, Report]]
    ) -> Iterator[HouseholdChange]:
        for line, situation, old, new in pairs:
            self.count += 1
            self.versions[0].add(old.rules_version)
            self.versions[1].add(new.rules_version)
            comparison = compare_reports(old, new)
            moved = [
                c
                for c in comparison.findings
                if set(c.changes) & {"opens", "closes", "verdict", "amount"}
            ]
            if not moved:
                continue
            self.changed += 1
            for change in moved:
                self._add(change)
            yield HouseholdChange(line=line, situation_id=situation.id, findings=moved)

    def _add(self, change: FindingChange) -> None:
        total = self.programmes.setdefault(
            change.programme, ProgrammeTotals(programme=change.programme, label=change.label)
        )
        low_before, high_before = _amounts(change.amount_before)
        low_after, high_after = _amounts(change.amount_after)
        self.programmes[change.programme] = total.model_copy(
            update={
                "gained": total.gained + ("opens" in change.changes),
                "lost": total.lost + ("closes" in change.changes),
                "changed": total.changed + 1,
                "euros_minimum": round(total.euros_minimum + low_after - low_before, 2),
                "euros_maximum": round(total.euros_maximum + high_after - high_before, 2),
            }
        )

    def result(
        self, from_period: str, to_period: str, parameters: list[ParameterChange]
    ) -> CaseloadTotals:
        return CaseloadTotals(
            from_period=from_period,
            to_period=to_period,
            from_rules_version=", ".join(sorted(self.versions[0])),
            to_rules_version=", ".join(sorted(self.versions[1])),
            households=self.count,
            changed=self.changed,
            programmes=sorted(self.programmes.values(), key=lambda t: t.programme),
            parameters=parameters,
        )
