"""The JSON Schema of a situation states every numeric bound with JSON Schema's own keywords
(``minimum``, ``maximum``), and each bound it states is the one the validator enforces."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError

from rights_engine.situation.models import MAX_AGE, MAX_AMOUNT, Situation

SCHEMA = Situation.model_json_schema(by_alias=True)
NOT_JSON_SCHEMA = {"ge", "le", "gt", "lt"}
"""pydantic's names for bounds: a JSON Schema validator ignores them."""


def _bounded(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if "minimum" in node or "maximum" in node or NOT_JSON_SCHEMA & node.keys():
            yield path, node
        for key, value in node.items():
            yield from _bounded(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _bounded(value, f"{path}[{index}]")


def test_bounds_use_json_schema_keywords() -> None:
    found = list(_bounded(SCHEMA))
    assert len(found) >= 20
    assert [path for path, node in found if NOT_JSON_SCHEMA & node.keys()] == []
    age = _property("Person", "age")  # an applicant's lower bound is checked by the model
    assert (age["minimum"], age["maximum"]) == (0, MAX_AGE)


def _property(model: str, field: str) -> dict[str, Any]:
    node = SCHEMA["$defs"][model]["properties"][field]
    return next(option for option in node.get("anyOf", [node]) if option.get("type") != "null")


def _with(model: str, field: str, value: float) -> dict[str, Any]:
    data = {
        "schema": 1,
        "period": "2026-11",
        "household": {"commune": "75056", "housing": {"status": "tenant"}},
        "people": [{"id": "a", "role": "applicant", "age": 40}],
    }
    target = {
        "Housing": data["household"]["housing"],
        "Household": data["household"],
        "Person": data["people"][0],
    }[model]
    target[field] = value
    return data


@pytest.mark.parametrize(
    ("model", "field", "low", "high"),
    [
        ("Housing", "rent", 0, MAX_AMOUNT),
        ("Housing", "arrears_months", 0, 240),
        ("Household", "fiscal_reference_income", 0, MAX_AMOUNT),
        ("Person", "gir", 1, 6),
        ("Person", "disability_rate", 0, 100),
        ("Person", "hours_worked_last_3_years", 0, 30000),
    ],
)
def test_each_stated_bound_is_enforced(model: str, field: str, low: int, high: int) -> None:
    stated = _property(model, field)
    assert (stated["minimum"], stated["maximum"]) == (low, high)
    for inside in (low, high):
        Situation.model_validate(_with(model, field, inside))
    for outside in (low - 1, high + 1):
        with pytest.raises(ValidationError):
            Situation.model_validate(_with(model, field, outside))
