"""Every question of a report can be answered from the page: each fact maps to situation fields
that exist, with the values the situation accepts, and an answer settles the question."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import BaseModel

from rights_engine.engine.facts import FACTS, unknown_facts
from rights_engine.service.answers import ANSWERS
from rights_engine.situation.models import Situation


def _field_annotation(path: list[str | int]) -> Any:
    """The model class or type at ``path`` (``*`` for a person's index), or fail."""
    model: Any = Situation
    for key in path:
        if key == "*":
            continue
        assert isinstance(model, type) and issubclass(model, BaseModel), path
        fields = dict(model.model_fields)
        fields.update({info.alias: info for info in model.model_fields.values() if info.alias})
        assert key in fields, f"{path}: {key!r} is not a field of {model.__name__}"
        annotation = fields[key].annotation
        model = _inner_model(annotation)
    return model


def _inner_model(annotation: Any) -> Any:
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        for inner in getattr(candidate, "__args__", ()):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return annotation


def test_every_fact_has_answer_fields_and_nothing_else() -> None:
    assert set(ANSWERS) == set(FACTS)
    for fact, entry in ANSWERS.items():
        assert entry.per_person == FACTS[fact].per_person, fact
        assert entry.fields, fact


@pytest.mark.parametrize("fact", sorted(FACTS))
def test_answer_paths_are_fields_of_the_situation(fact: str) -> None:
    for field in ANSWERS[fact].fields:
        _field_annotation(field.path)


_SAMPLES = {
    "number": 0,
    "integer": 1,
    "boolean": False,
    "month": "2025-01",
    "date": "1980-05-04",
    "text": "33063",
}


def _set(data: dict[str, Any], path: list[str | int], value: Any) -> None:
    node: Any = data
    for key in path[:-1]:
        node = node[key] if isinstance(node, list) else node.setdefault(key, {})
    node[path[-1]] = value


# A situation where every fact is unknown, for the applicant and the child.
_BARE = {
    "schema": 1,
    "period": "2026-11",
    "household": {"housing": {"status": "tenant"}},
    "people": [
        {"id": "demandeur", "role": "applicant", "age": 62, "nationality": "other"},
        {"id": "enfant", "role": "child", "age": 4},
    ],
}


@pytest.mark.parametrize("fact", sorted(FACTS))
def test_an_answer_with_every_field_is_a_valid_situation_and_settles_the_fact(fact: str) -> None:
    data = copy.deepcopy(_BARE)
    for field in ANSWERS[fact].fields:
        value = field.choices[0][0] if field.kind == "choice" else _SAMPLES[field.kind]
        if field.choices:
            values = [c[0] for c in field.choices]
            # The choices are exactly the values the situation accepts.
            with pytest.raises(ValueError):
                _validate_with(data, field.path, "pas-une-valeur")
            for choice in values:
                _validate_with(data, field.path, choice)
        _set(data, [0 if key == "*" else key for key in field.path], value)
    situation = Situation.model_validate(data)
    assert fact not in {ref.fact for ref in unknown_facts(situation) if ref.person in (None, 0)}


def _validate_with(data: dict[str, Any], path: list[str | int], value: Any) -> Situation:
    trial = copy.deepcopy(data)
    _set(trial, [0 if key == "*" else key for key in path], value)
    return Situation.model_validate(trial)
