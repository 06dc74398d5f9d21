"""The tree of one computation, read from OpenFisca's tracer (see ``explain``): each step
(OpenFisca variable) with its label, value and unit for the rows explained; each parameter it
read with its value, the date that value took effect and its legal reference."""

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
from openfisca_core.tracers import TraceNode
from pydantic import BaseModel, ConfigDict

from rights_engine.engine.builder import Batch
from rights_engine.engine.catalogue import Programme, programmes
from rights_engine.report import LegalReference
from rights_engine.system import tax_benefit_system

__all__ = ["ParameterUse", "Rows", "Step", "TreeBuilder", "parameter_use", "shown", "trace_index"]

Value = float | bool | str | None
Kind = Literal["computed", "fact", "unknown_fact"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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

    ``value`` is that of the report's row where the programme's amount is highest (the
    favourable bound); ``unfavourable`` that of the row where it is lowest when the household
    has unknown facts, else None. ``kind`` says whether the step is
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
    """For a step computed per person, each person's value (favourable bound) when the household
    has several."""
    parameters: list[ParameterUse] = []
    steps: list[Step] = []
    repeated: bool = False


# ---------------------------------------------------------------- values and units


_PARAMETER_UNITS = {
    "currency": "€",
    "currency-EUR": "€",
    "/1": "taux",
    "year": "années",
    "month": "mois",
    "day": "jours",
}
# ``catalogue.Detail.unit`` as the tree reads it (``jours``: a delay, e.g. decree 2008-780 art. 2).
_DETAIL_UNITS = {"EUR": "€", "nombre": "nombre", "pourcentage": "taux", "jours": "jours"}
_RATE = re.compile(r"(^|_)(taux|coefficient|ratio|part)(_|$)")
_COUNT = re.compile(r"(^|_)(nombre|nb|heures|age|gir|duree|mois|annees|unites)(_|$)")
# A ceiling or an amount "at the full rate" is in euros, not a rate ("plafond_taux_plein").
_MONEY = re.compile(r"(^|_)(plafond|montant|seuil|ressources|loyer)(_|$)")


def _declared_unit(name: str, programme: Programme | None) -> str | None:
    """The unit a programme declares for a variable: its own programme's first, then any other
    programme's (a count or a ceiling reads the same in every programme that shows it)."""
    candidates = ([programme] if programme is not None else []) + list(programmes())
    for candidate in candidates:
        rules = candidate.rules
        if rules.amount is not None and rules.amount.variable == name:
            return "€/an" if rules.amount.unit == "EUR/an" else "€/mois"
        for detail in rules.details:
            if detail.variable == name:
                return _DETAIL_UNITS[detail.unit]
    return None


def _variable_unit(name: str, programme: Programme | None) -> str:
    """How a variable's value reads: a yes/no for a boolean; else from a programme's declaration
    when one has it, else from the variable's ``unit`` or type (a float is in euros unless its
    name says otherwise)."""
    variable = tax_benefit_system().get_variable(name, check_existence=True)
    if variable.value_type is bool:
        return "oui/non"
    declared_by_programme = _declared_unit(name, programme)
    if declared_by_programme is not None:
        if variable.value_type is int and declared_by_programme.startswith("€"):
            return "nombre"  # a count is never in euros, whatever a detail forgot to say
        return declared_by_programme
    declared = getattr(variable, "unit", None)
    if declared:
        return _PARAMETER_UNITS.get(str(declared), str(declared))
    if variable.value_type is float:
        if _MONEY.search(name):
            return "€"
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


def trace_index(trees: Sequence[TraceNode]) -> dict[tuple[str, str], TraceNode]:
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


class Rows:
    """Where the explained person or household sits in the traced simulation, for each row
    explained (``positions``: the favourable bound's row, then the unfavourable one's).

    ``person`` is the index of the explained person in each row's people; a famille or menage
    variable is read for that person's famille when ``own_famille`` (a right of a person, as the
    report reads it: ``Batch.person_value``), else for the applicant's (``Batch.value``).
    """

    def __init__(
        self, batch: Batch, positions: list[int], person: int, ids: list[str], own_famille: bool
    ) -> None:
        self.batch = batch
        self.positions = positions
        self.count = len(positions)
        self.person = person
        self.ids = ids
        self.own_famille = own_famille

    def people(self, row: int) -> list[int]:
        """The individus of a row explained, in the order of ``situation.people``."""
        first = self.batch.first_person
        position = self.positions[row]
        return list(range(int(first[position]), int(first[position + 1])))

    def at(self, entity: str, row: int) -> int:
        individu = self.people(row)[self.person]
        if entity == "individu":
            return individu
        position = self.positions[row]
        if entity == "famille":
            chosen = self.batch.person_famille[individu] if self.own_famille else None
            return int(self.batch.famille[position] if chosen is None else chosen)
        chosen = self.batch.person_menage[individu] if self.own_famille else None
        return int(self.batch.menage[position] if chosen is None else chosen)


def _item(values: np.ndarray, index: int) -> Any:
    """One element as a Python value (numpy scalars have ``item``; labels are already text)."""
    element = values[index]
    return element.item() if hasattr(element, "item") else element


def _decoded(value: Any) -> np.ndarray:
    """Values as an array; an Enum as its French label (the value of its member)."""
    if isinstance(value, EnumArray):
        return np.asarray([str(member.value) for member in value.decode()], dtype=object)
    return np.asarray(value)


class TreeBuilder:
    """The steps of one programme's computation, from the trace's index (:func:`trace_index`)."""

    def __init__(
        self,
        index: dict[tuple[str, str], TraceNode],
        rows: Rows,
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
                for person_id, index in zip(self.rows.ids, self.rows.people(0), strict=True)
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
