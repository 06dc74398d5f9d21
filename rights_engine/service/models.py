"""The service's own response models (the report itself is :class:`rights_engine.Report`).

They are what the OpenAPI documentation shows; problems carry the same located messages as the
command line: the line of the body, the field path and what was expected.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from rights_engine.report import Report
from rights_engine.situation.errors import InputProblem

__all__ = [
    "AnswerField",
    "BatchLine",
    "FactAnswers",
    "Health",
    "Problem",
    "ProblemReport",
    "ProgrammeInfo",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Problem(_Model):
    """One problem of a request: ``line`` of the body (or of the batch), ``field`` path."""

    line: int | None
    field: str | None
    message: str

    @classmethod
    def of(cls, problem: InputProblem) -> Problem:
        return cls(line=problem.line, field=problem.field, message=problem.message)


class ProblemReport(_Model):
    """Body of a 4xx answer: what went wrong, and each problem located when it can be."""

    detail: str
    problems: list[Problem] = []


class BatchLine(_Model):
    """One line of a batch answer: the input line's number, and its report or its problems."""

    line: int
    report: Report | None = None
    problems: list[Problem] | None = None


class ProgrammeInfo(_Model):
    id: str
    label: str
    version: str
    status: Literal["complete", "partial", "orientation"]
    validated_from: str
    validated_to: str
    legal_basis: str
    entry_variables: list[str]


class Health(_Model):
    status: Literal["ok"]
    engine_version: str
    validated_from: str
    validated_to: str
    directories: list[str]
    """Local partners directories loaded at start-up (``?partners=NAME``), the default first."""


class AnswerField(_Model):
    """A situation field that answers (part of) a question."""

    path: list[str | int]
    """Keys from the situation's root; ``"*"`` stands for the index of the person asked about."""
    label: str
    kind: Literal["number", "integer", "boolean", "choice", "month", "date", "text"]
    choices: list[tuple[str, str]] = []
    """For ``choice``: (value, French label)."""
    minimum: float | None = None
    maximum: float | None = None


class FactAnswers(_Model):
    """How to answer the question of a fact (``Report.questions[].fact``)."""

    fact: str
    per_person: bool
    fields: list[AnswerField]
