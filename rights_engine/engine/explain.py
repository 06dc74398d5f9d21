"""Why this figure: the computation behind a finding, read from OpenFisca's tracer.

The household is completed exactly as for its report (favourable and, when facts are unknown,
unfavourable edges, see ``scenarios.complete``), both completions go through **one** traced
simulation (``build_simulation`` with ``simulation.trace = True``), and the trace becomes a
tree in French: each step (OpenFisca variable) with its label, value and unit; each parameter
it read with its value, the date that value took effect and its legal reference; each condition
met, not met or unknown; each unknown fact with the two bounds used. Nothing is computed twice:
the values are those of the traced simulation, which are the report's.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, Literal

import numpy as np
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.parameters import Parameter
from openfisca_core.periods import period as make_period
from openfisca_core.tracers import TraceNode
from pydantic import BaseModel, ConfigDict

from rights_engine.engine.builder import Batch, build_simulation
from rights_engine.engine.catalogue import Programme, programmes, today_month
from rights_engine.engine.evaluate import evaluate
from rights_engine.engine.facts import unknown_facts
from rights_engine.engine.scenarios import Scenario, complete
from rights_engine.report import ConditionStatus, Finding, LegalReference
from rights_engine.situation.models import Month, Role, Situation
from rights_engine.system import tax_benefit_system
from rights_engine.versioning import rules_version

__all__ = [
    "ConditionExplanation",
    "Explanation",
    "ParameterUse",
    "Step",
    "UnknownProgramme",
    "UnknownPerson",
    "explain",
]

Value = float | bool | str | None
Kind = Literal["computed", "fact", "unknown_fact"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class UnknownProgramme(ValueError):
    """``programme`` is not an id of the registry (or not evaluated for the month)."""


class UnknownPerson(ValueError):
    """``person`` is not the id of a person of the situation."""


class ParameterUse(_Model):
    """A parameter read by a step: its value on the evaluated date and where it comes from."""

    name: str
    label: str
    value: Value
    shown: str
    unit: str
    in_force_since: str | None
    """Date (YYYY-MM-DD) the value applied took effect."""
    reference: LegalReference | None


class Step(_Model):
    """One OpenFisca variable of the computation, for the person or household explained.

    ``value`` is the favourable completion's; ``unfavourable`` the unfavourable one's when the
    household has unknown facts (the two bounds), else None. ``kind`` says whether the step is
    computed by a formula, a fact of the situation, or an unknown fact (then the two values are
    the bounds the engine used). ``repeated`` marks a step already detailed higher in the tree.
    """

    variable: str
    label: str
    period: str
    kind: Kind
    value: Value
    unfavourable: Value = None
    shown: str
    unit: str
    by_person: dict[str, str] = {}
    """For a step computed per person, each person's value when the household has several."""
    parameters: list[ParameterUse] = []
    steps: list[Step] = []
    repeated: bool = False


class ConditionExplanation(_Model):
    label: str
    status: ConditionStatus
    reference: LegalReference
    computation: Step


class Explanation(_Model):
    """The computation behind one finding (one programme, and one person for a right of a
    person)."""

    rules_version: str
    situation_id: str | None
    period: str
    programme: str
    label: str
    person: str | None
    verdict: str
    amount: Step | None
    amount_minimum: float | None
    amount_maximum: float | None
    unit: str | None
    conditions: list[ConditionExplanation]
    details: list[Step]
    scenarios: list[str]
    """``["unique"]`` when every fact it needs is known, else ``["favourable",
    "unfavourable"]``: the two completions of the unknown facts (their values are the bounds)."""

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


# ---------------------------------------------------------------- values and units


_PARAMETER_UNITS = {
    "currency": "€",
    "currency-EUR": "€",
    "/1": "taux",
    "year": "années",
    "month": "mois",
    "day": "jours",
}
_RATE = re.compile(r"(^|_)(taux|coefficient|ratio|part)(_|$)")
_COUNT = re.compile(r"(^|_)(nombre|nb|heures|age|gir|duree|mois|annees)(_|$)")


def _variable_unit(name: str, programme: Programme | None) -> str:
    """How a variable's value reads: from the programme's own declaration when it has one, else
    from the variable's ``unit`` or type (a float is in euros unless its name says otherwise)."""
    if programme is not None:
        rules = programme.rules
        if rules.amount is not None and rules.amount.variable == name:
            return "€/an" if rules.amount.unit == "EUR/an" else "€/mois"
        for detail in rules.details:
            if detail.variable == name:
                units = {"EUR": "€", "nombre": "nombre", "pourcentage": "taux", "jours": "jours"}
                return units[detail.unit]
    variable = tax_benefit_system().get_variable(name, check_existence=True)
    declared = getattr(variable, "unit", None)
    if declared:
        return _PARAMETER_UNITS.get(str(declared), str(declared))
    if variable.value_type is bool:
        return "oui/non"
    if variable.value_type is float:
        if _RATE.search(name):
            return "taux"
        if _COUNT.search(name):
            return "nombre"
        return "€"
    if variable.value_type is int:
        return "nombre"
    if variable.value_type is dt.date:
        return "date"
    return "texte"


def _number(value: float, decimals: int = 2) -> str:
    text = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")
    return text.rstrip("0").rstrip(",") if "," in text else text


def shown(value: Value, unit: str) -> str:
    """A value in the French of the report: ``273,00 €``, ``oui``, ``12 %``."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        if math.isnan(value):
            return "indéterminé"
        if unit.startswith("€"):
            euros = f"{value:,.2f}".replace(",", " ").replace(".", ",")
            return f"{euros} {unit}"
        if unit == "taux":
            return f"{_number(value * 100, 3)} %"
        if unit in ("années", "mois", "jours"):
            return f"{_number(value)} {unit}"
        return _number(value, 3)
    return str(value)


def _plain(value: Any) -> Value:
    """A numpy scalar as a JSON value (a date as YYYY-MM-DD, an Enum as its name)."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return float(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, np.datetime64):
        return str(value.astype("datetime64[D]"))
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return None
    return str(value)


# ---------------------------------------------------------------- parameters


@lru_cache(maxsize=1)
def _parameters_by_name() -> dict[str, Parameter]:
    return {
        leaf.name: leaf
        for leaf in tax_benefit_system().parameters.get_descendants()
        if isinstance(leaf, Parameter)
    }


def _reference(parameter: Parameter, since: str | None) -> LegalReference | None:
    references = parameter.metadata.get("reference")
    if not isinstance(references, dict) or since is None:
        return None
    source = {str(date): item for date, item in references.items()}.get(since)
    if isinstance(source, list) and source:
        source = source[0]
    if isinstance(source, dict) and "href" in source:
        return LegalReference(title=str(source.get("title", "")), href=str(source["href"]))
    if isinstance(source, str):
        return LegalReference(title=source, href=source)
    return None


def parameter_use(name: str, instant: str, value: Any) -> ParameterUse:
    """A parameter read on ``instant``, with the date its value took effect and its source."""
    parameter = _parameters_by_name().get(name)
    unit = "nombre"
    label = name
    since = None
    reference = None
    if parameter is not None:
        unit = _PARAMETER_UNITS.get(str(parameter.metadata.get("unit")), "nombre")
        label = str(parameter.metadata.get("label") or parameter.description or name)
        for entry in parameter.values_list:  # most recent first
            if entry.instant_str <= instant:
                since = entry.instant_str
                break
        reference = _reference(parameter, since)
    plain = _plain(value) if np.ndim(value) == 0 else None
    return ParameterUse(
        name=name,
        label=label,
        value=plain,
        shown=shown(plain, unit) if plain is not None else "selon le cas de chaque personne",
        unit=unit,
        in_force_since=since,
        reference=reference,
    )


# ---------------------------------------------------------------- the trace


def _key(node: TraceNode) -> tuple[str, str]:
    return node.name, str(node.period)


def _index(trees: Sequence[TraceNode]) -> dict[tuple[str, str], TraceNode]:
    """The node that computed each (variable, period): a variable asked again later is a leaf
    of the trace (its value comes from the cache), so its detail is taken from this node."""

    def walk(node: TraceNode) -> Iterator[TraceNode]:
        yield node
        for child in node.children:
            yield from walk(child)

    index: dict[tuple[str, str], TraceNode] = {}
    for tree in trees:
        for node in walk(tree):
            known = index.get(_key(node))
            if known is None or len(node.children) + len(node.parameters) > len(
                known.children
            ) + len(known.parameters):
                index[_key(node)] = node
    return index


class _Rows:
    """Where the explained person or household sits in the simulation, for each completion."""

    def __init__(self, batch: Batch, rows: list[Situation], person: int) -> None:
        self.batch = batch
        self.count = len(rows)
        offsets = np.cumsum([0] + [len(s.people) for s in rows])
        self.people = [list(range(offsets[r], offsets[r + 1])) for r in range(len(rows))]
        self.person = person
        self.ids = [p.id for p in rows[0].people]

    def at(self, entity: str, row: int) -> int:
        if entity == "individu":
            return self.people[row][self.person]
        if entity == "famille":
            return int(self.batch.famille[row])
        return int(self.batch.menage[row])


def _item(values: np.ndarray, index: int) -> Any:
    """One element as a Python value (numpy scalars have ``item``; labels are already text)."""
    element = values[index]
    return element.item() if hasattr(element, "item") else element


def _decoded(value: Any) -> np.ndarray:
    """Values as an array; an Enum as its French label (the value of its member)."""
    if isinstance(value, EnumArray):
        return np.asarray([str(member.value) for member in value.decode()], dtype=object)
    return np.asarray(value)


class _TreeBuilder:
    def __init__(
        self,
        index: dict[tuple[str, str], TraceNode],
        rows: _Rows,
        programme: Programme,
    ) -> None:
        self.index = index
        self.rows = rows
        self.programme = programme
        self.tbs = tax_benefit_system()
        self.seen: set[tuple[str, str]] = set()

    def step(self, name: str, period: str, path: frozenset[tuple[str, str]]) -> Step:
        node = self.index.get((name, period))
        variable = self.tbs.get_variable(name, check_existence=True)
        entity = variable.entity.key
        unit = _variable_unit(name, self.programme)
        values = _decoded(node.value) if node is not None and node.value is not None else None
        pair: list[Value] = []
        if values is not None and values.ndim == 1 and len(values):
            pair = [_plain(_item(values, self.rows.at(entity, r))) for r in range(self.rows.count)]
        value = pair[0] if pair else None
        second = pair[1] if len(pair) > 1 else None
        by_person: dict[str, str] = {}
        if entity == "individu" and values is not None and len(self.rows.ids) > 1:
            by_person = {
                person_id: shown(_plain(_item(values, index)), unit)
                for person_id, index in zip(self.rows.ids, self.rows.people[0], strict=True)
            }
        computed = (
            bool(variable.formulas) and node is not None and bool(node.children or node.parameters)
        )
        differs = second is not None and second != value
        kind: Kind = "computed" if computed else ("unknown_fact" if differs else "fact")
        text = shown(value, unit)
        if differs:
            text = (
                f"{shown(value, unit)} (hypothèse favorable) / {shown(second, unit)} (défavorable)"
            )
        key = (name, period)
        repeated = key in self.seen
        children: list[Step] = []
        parameters: list[ParameterUse] = []
        if node is not None and not repeated and key not in path:
            self.seen.add(key)
            inner = path | {key}
            done: set[tuple[str, str]] = set()
            for child in node.children:
                child_key = _key(child)
                if child_key in done or child_key in inner:
                    continue
                done.add(child_key)
                children.append(self.step(child.name, str(child.period), inner))
            names: set[str] = set()
            for used in node.parameters:
                if used.name in names:
                    continue
                names.add(used.name)
                parameters.append(parameter_use(used.name, str(used.period), used.value))
        return Step(
            variable=name,
            label=str(variable.label or name),
            period=period,
            kind=kind,
            value=value,
            unfavourable=second if self.rows.count > 1 else None,
            shown=text,
            unit=unit,
            by_person=by_person,
            parameters=parameters,
            steps=children,
            repeated=repeated and computed,
        )


# ---------------------------------------------------------------- explain


def _month(situation: Situation, period: str | None) -> Month:
    if period is not None:
        return Month.parse(period)
    return Month(situation.period or today_month())


def _person_index(situation: Situation, person: str | None) -> int:
    if person is None:
        return next(i for i, p in enumerate(situation.people) if p.role is Role.applicant)
    for index, candidate in enumerate(situation.people):
        if candidate.id == person:
            return index
    known = ", ".join(p.id for p in situation.people)
    raise UnknownPerson(f"unknown person {person!r}; expected one of: {known}")


def _chosen(programme: str | None, month: Month) -> list[Programme]:
    active = [p for p in programmes() if p.covers(str(month))]
    if programme is None:
        return active
    for candidate in programmes():
        if candidate.id == programme:
            if candidate not in active:
                raise UnknownProgramme(
                    f"programme {programme!r} is validated from {candidate.validated_from} "
                    f"to {candidate.validated_to}, not for {month}"
                )
            return [candidate]
    known = ", ".join(p.id for p in programmes())
    raise UnknownProgramme(f"unknown programme {programme!r}; expected one of: {known}")


def explain(
    situation: Situation,
    programme: str | None = None,
    person: str | None = None,
    period: str | None = None,
) -> list[Explanation]:
    """The computation behind the findings of a situation: one :class:`Explanation` per
    programme evaluated for the month (or only ``programme``), in registry order.

    ``person`` (an id of ``situation.people``) explains the steps computed per person for that
    person rather than the applicant. The tree comes from one traced OpenFisca simulation of the
    completions the report uses; the verdict and condition statuses are the report's.
    Raises :class:`UnknownProgramme`, :class:`UnknownPerson` or ``PeriodOutOfRange``.
    """
    month = _month(situation, period)
    chosen = _chosen(programme, month)
    person_index = _person_index(situation, person)
    report = evaluate(situation, period=str(month))
    dated = situation.model_copy(update={"period": str(month)})
    rows = [complete(dated, Scenario.favourable)]
    if unknown_facts(dated):
        rows.append(complete(dated, Scenario.unfavourable))
    batch = build_simulation(rows, month)
    simulation = batch.simulation
    simulation.trace = True
    for candidate in chosen:
        for name in _programme_variables(candidate):
            simulation.calculate(name, make_period(str(month)))
    index = _index(simulation.tracer.trees)
    placed = _Rows(batch, rows, person_index)
    person_id = situation.people[person_index].id if person is not None else None
    findings: dict[str, Finding] = {}
    for found in report.findings:  # a right of a person: the finding of the person explained
        if found.programme not in findings or found.person == person_id:
            findings[found.programme] = found
    scenarios = ["favourable", "unfavourable"] if len(rows) > 1 else ["unique"]
    explanations = []
    for candidate in chosen:
        builder = _TreeBuilder(index, placed, candidate)
        rules = candidate.rules
        finding = findings.get(candidate.id)
        amount = (
            builder.step(rules.amount.variable, str(month), frozenset())
            if rules.amount is not None
            else None
        )
        statuses = {r.label: r.status for r in finding.reasons} if finding else {}
        conditions = [
            ConditionExplanation(
                label=condition.label,
                status=statuses.get(condition.label, "unknown"),
                reference=LegalReference(**condition.reference.model_dump()),
                computation=builder.step(condition.variable, str(month), frozenset()),
            )
            for condition in rules.conditions
        ]
        details = [builder.step(d.variable, str(month), frozenset()) for d in rules.details]
        estimated = finding.estimated_amount if finding else None
        explanations.append(
            Explanation(
                rules_version=rules_version(),
                situation_id=situation.id,
                period=str(month),
                programme=candidate.id,
                label=candidate.label,
                person=person_id,
                verdict=finding.verdict if finding else "unlikely",
                amount=amount,
                amount_minimum=estimated.minimum if estimated else None,
                amount_maximum=estimated.maximum if estimated else None,
                unit=estimated.unit if estimated else None,
                conditions=conditions,
                details=details,
                scenarios=scenarios,
            )
        )
    return explanations


def _programme_variables(programme: Programme) -> list[str]:
    rules = programme.rules
    names = [c.variable for c in rules.conditions]
    names += [d.variable for d in rules.details]
    if rules.amount is not None:
        names.insert(0, rules.amount.variable)
    return list(dict.fromkeys(names))
