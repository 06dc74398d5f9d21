"""The shortcuts of reading a situation give what the plain checks give, on every input.

- a blank line of a batch is told without copying it (``_blank``);
- ``_a_number`` and ``_an_amount`` pass a plain number without their checks: for any value they
  return the same value or raise the same message as their checked versions;
- ``date_problems`` and the people rules of ``Situation`` (``_people_problems``) compute each
  age once and build a message only when its rule fails: they must find what the checks as first
  written found (``_date_problems_as_written``, ``_people_problems_as_written`` below, kept as
  the reference), message for message. Compared on generated people and dates (around the
  limits: ages 15/16 and 120/121, a birth in the evaluated month, the same age for a child and a
  parent), and end to end on generated hostile situations, whose reading (the situation and its
  fields set, or every error) must be that of the plain path.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from rights_engine.situation import loader, models
from rights_engine.situation.errors import SituationError
from rights_engine.situation.models import (
    MAX_AGE,
    MIN_ADULT_AGE,
    Household,
    Month,
    Person,
    Role,
    Situation,
    age_at,
    date_problems,
)

# The rules on people and dates as first written (rights-engine 91e7732): the reference.


def _people_problems_as_written(people: list[Person]) -> list[str]:
    problems: list[str] = []
    first_with: dict[str, int] = {}
    for index, person in enumerate(people):
        first = first_with.setdefault(person.id, index)
        if first != index:
            problems.append(f"people[{index}].id: already the id of people[{first}]")
    applicants = [p for p in people if p.role is Role.applicant]
    if len(applicants) != 1:
        problems.append(f"expected exactly one person with role applicant, got {len(applicants)}")
    if sum(p.role is Role.partner for p in people) > 1:
        problems.append("expected at most one person with role partner")
    return problems


def _date_problems_as_written(situation: Situation, month: Month) -> list[str]:
    problems: list[str] = []
    first_day, last_day = month.first_day, month.last_day
    for index, person in enumerate(situation.people):
        where = f"people[{index}]"
        born = person.birth_date
        if born is not None and born > last_day:
            problems.append(
                f"{where}.birth_date: after the evaluated month {month}; a child expected is "
                "not a person of the household yet: write pregnant: true on the mother"
            )
        age = age_at(person, first_day)
        if born is not None and age is not None and age > MAX_AGE:
            problems.append(
                f"{where}.birth_date: expected a person of at most {MAX_AGE} years in the "
                f"evaluated month {month}"
            )
        for name in ("residence_permit_since", "in_france_since"):
            since = getattr(person, name)
            if since is not None and since > month:
                problems.append(
                    f"{where}.{name}: expected a month up to the evaluated month {month}"
                )
        if (
            person.role in (Role.applicant, Role.partner)
            and age is not None
            and 0 <= age < MIN_ADULT_AGE
        ):
            problems.append(
                f"{where}: the {person.role.value} is under {MIN_ADULT_AGE} in {month}; "
                "expected the adult who asks as applicant, and children with role child"
            )
    since = situation.household.single_parent_since
    if since is not None and since > month:
        problems.append(
            f"household.single_parent_since: expected a month up to the evaluated month {month}"
        )
    parents = [
        (index, p)
        for index, p in enumerate(situation.people)
        if p.role in (Role.applicant, Role.partner)
    ]
    for index, person in enumerate(situation.people):
        if person.role is not Role.child:
            continue
        child_age = age_at(person, first_day)
        for parent_index, parent in parents:
            parent_age = age_at(parent, first_day)
            if child_age is not None and parent_age is not None and child_age >= parent_age:
                problems.append(
                    f"people[{index}]: a child must be younger than the {parent.role.value} "
                    f"(people[{parent_index}])"
                )
    return problems


NUMBERS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [0, -0.0, 10_000_000, 10_000_000.0, 10_000_001, 10_000_000.5, math.inf, -math.inf]
    ),
    st.sampled_from([math.nan, float("nan"), True, False, 1, 0]),
    st.sampled_from([1234567890123456789, 12345678901234567890, -(10**19), 10**18]),
    st.text(max_size=6),
    st.lists(st.integers(), max_size=2),
)


def _outcome(check: Any, value: Any) -> tuple[str, Any]:
    try:
        result = check(value)
    except ValueError as exc:
        return "refused", str(exc)
    return "passed", (type(result), result if result == result else "nan", id(result) == id(value))


@settings(max_examples=600, derandomize=True, deadline=None)
@given(value=NUMBERS)
def test_a_number_and_an_amount_are_their_checked_versions(value: Any) -> None:
    assert _outcome(models._a_number, value) == _outcome(models._a_number_checked, value)
    assert _outcome(models._an_amount, value) == _outcome(models._an_amount_checked, value)


MONTHS = st.builds(
    lambda year, month: f"{year:04d}-{month:02d}",
    st.integers(min_value=1990, max_value=2030),
    st.integers(min_value=1, max_value=12),
)
ROLES = st.sampled_from(["applicant", "partner", "child", "other"])


@st.composite
def _person(draw: st.DrawFn, month: str) -> dict[str, Any]:
    """A person whose dates and age sit around the limits of the evaluated ``month``."""
    first = dt.date.fromisoformat(f"{month}-01")
    person: dict[str, Any] = {
        "id": draw(st.sampled_from(["a", "b", "c", "d"])),
        "role": draw(ROLES),
    }
    if draw(st.booleans()):
        years = draw(st.sampled_from([0, 1, 15, 16, 17, 30, 40, 120, 121, 130]))
        days = draw(st.integers(min_value=-40, max_value=70))
        born = first - dt.timedelta(days=days)
        person["birth_date"] = born.replace(year=max(1, born.year - years), day=min(born.day, 28))
    elif draw(st.booleans()):
        person["age"] = draw(st.sampled_from([0, 1, 15, 16, 17, 30, 40, 119, 120]))
    for name in ("residence_permit_since", "in_france_since"):
        if draw(st.booleans()):
            person[name] = draw(st.sampled_from([month, "1990-01", "2030-12"]) | MONTHS)
    return person


@st.composite
def _situations(draw: st.DrawFn) -> tuple[Situation, Month]:
    """A situation built without its checks (so it may break any rule) and a month."""
    month = draw(MONTHS)
    people = [
        Person.model_validate(p) for p in draw(st.lists(_person(month), min_size=1, max_size=5))
    ]
    household: dict[str, Any] = {}
    if draw(st.booleans()):
        household["single_parent_since"] = draw(st.sampled_from([month, "2031-01"]) | MONTHS)
    situation = Situation.model_construct(
        period=month, household=Household.model_validate(household), people=people
    )
    evaluated = draw(st.sampled_from([month]) | MONTHS)
    return situation, Month(evaluated)


@settings(max_examples=1000, derandomize=True, deadline=None)
@given(drawn=_situations())
def test_the_rules_on_people_and_dates_find_what_they_found_as_first_written(
    drawn: tuple[Situation, Month],
) -> None:
    situation, month = drawn
    assert date_problems(situation, month) == _date_problems_as_written(situation, month)
    people = situation.people
    assert models._people_problems(people) == _people_problems_as_written(people)


RULES = [
    "birth_date: after the evaluated month",
    "birth_date: expected a person of at most",
    "residence_permit_since: expected a month up to",
    "in_france_since: expected a month up to",
    "is under 16",
    "single_parent_since: expected a month up to",
    "a child must be younger",
    ".id: already the id of",
    "expected exactly one person with role applicant",
    "expected at most one person with role partner",
]


def test_the_generated_situations_break_each_rule() -> None:
    """The comparison above is only worth something if the drawn situations break every rule."""
    found: set[str] = set()

    @settings(max_examples=800, derandomize=True, deadline=None)
    @given(drawn=_situations())
    def collect(drawn: tuple[Situation, Month]) -> None:
        situation, month = drawn
        problems = _date_problems_as_written(situation, month)
        problems += _people_problems_as_written(situation.people)
        found.update(rule for rule in RULES for problem in problems if rule in problem)

    collect()
    assert sorted(found) == sorted(RULES)


# End to end: hostile situations read with the shortcuts, and with the plain checks only. Most
# values are good ones, so that most situations reach the rules on the whole situation.


def _mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``good`` seven times in eight, else ``bad``."""
    return st.tuples(st.integers(0, 99), good, bad).map(lambda t: t[2] if t[0] % 8 == 5 else t[1])


AMOUNTS = _mostly(
    st.floats(min_value=0, max_value=10_000_000)
    | st.integers(0, 10_000_000)
    | st.sampled_from([0, 10_000_000, 1500.5]),
    NUMBERS,
)
DATES = _mostly(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2027, 1, 31)).map(str)
    | st.sampled_from(["2026-11-30", "2026-12-01", "1905-11-01", "1906-12-01", "2010-11-02"])
    | st.sampled_from(["2011-11-01", "2010-12-01", "2024-02-29", "2008-02-29"]),
    st.sampled_from(["1990-02-31", "", True, 12, None]),
)
SINCE = _mostly(
    st.sampled_from(["2026-11", "2026-12", "2020-01", "2024-02", "2024-03"]),
    st.sampled_from(["2026-13", 2026, None]),
)
PERSON_FIELDS = {
    "birth_date": DATES,
    "age": _mostly(st.integers(0, 120), st.sampled_from([-1, 121, True, 1.5, "16"])),
    "in_france_since": SINCE,
    "residence_permit_since": SINCE,
    "disability_rate": _mostly(st.integers(0, 100), NUMBERS),
    "incomes": st.fixed_dictionaries({}, optional={"salary": AMOUNTS, "other": AMOUNTS}),
}
ID = _mostly(st.sampled_from(["a", "b", "c", "d"]), st.sampled_from(["é", ""]))
APPLICANT = st.fixed_dictionaries(
    {"id": ID, "role": st.just("applicant") | ROLES}, optional=PERSON_FIELDS
)
OTHER = st.fixed_dictionaries(
    {"id": ID, "role": _mostly(ROLES, st.just("boss"))}, optional=PERSON_FIELDS
)
CHANGES = st.sampled_from(
    [
        {"separation": {}},
        {"new_job": {"person": "a", "salary": 1000}},
        {"new_job": {"person": "z", "salary": 10}},
        {"birth": {"id": "b"}},
        {"birth": {}},
        {"period": "2027-01"},
    ]
)
HOSTILE = st.fixed_dictionaries(
    {
        "schema": st.just(1),
        "people": st.builds(
            lambda first, rest: [first, *rest], APPLICANT, st.lists(OTHER, max_size=3)
        ),
    },
    optional={
        "period": st.sampled_from(["2026-11", "2024-02", "2026-1"]),
        "household": st.fixed_dictionaries(
            {},
            optional={
                "single_parent_since": SINCE,
                "fiscal_reference_income": AMOUNTS,
                "housing": st.fixed_dictionaries({}, optional={"rent": AMOUNTS}),
            },
        ),
        "what_if": st.lists(
            st.fixed_dictionaries(
                {"name": st.just("v"), "changes": st.lists(CHANGES, min_size=1, max_size=2)}
            ),
            max_size=2,
        ),
    },
)


def _set_fields(value: Any) -> Any:
    """A model's values with the fields set at each level (the same value is not enough)."""
    if isinstance(value, BaseModel):
        fields = {name: _set_fields(getattr(value, name)) for name in type(value).model_fields}
        return type(value).__name__, sorted(value.model_fields_set), fields
    if isinstance(value, list):
        return [_set_fields(item) for item in value]
    return type(value), value


def _reading(data: dict[str, Any]) -> Any:
    try:
        situation = Situation.model_validate(data)
    except ValidationError as exc:
        return [(e["type"], e["loc"], e["msg"]) for e in exc.errors(include_url=False)]
    return _set_fields(situation)


@settings(max_examples=1000, derandomize=True, deadline=None)
@given(data=HOSTILE)
def test_hostile_situations_read_as_with_the_plain_checks(data: dict[str, Any]) -> None:
    shortcut = _reading(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(models, "date_problems", _date_problems_as_written)
        patch.setattr(models, "_people_problems", _people_problems_as_written)
        plain = _reading(data)
    assert shortcut == plain


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    raw=st.binary(max_size=8)
    | st.lists(st.sampled_from(b" \t\n\r\x0b\x0c\x1c\x85\xa0a")).map(bytes)
)
def test_a_blank_line_is_told_as_strip_tells_it(raw: bytes) -> None:
    assert loader._blank(raw) == (not raw.strip())
    for byte in range(256):
        assert loader._blank(bytes([byte]) + raw) == (not (bytes([byte]) + raw).strip())


def _batch_reading(path: Path) -> list[Any]:
    return [
        (
            read.line,
            str(read.item) if isinstance(read.item, SituationError) else _set_fields(read.item),
        )
        for read in loader.iter_records(path)
    ]


@settings(max_examples=150, derandomize=True, deadline=None)
@given(
    lines=st.lists(
        HOSTILE.map(lambda data: json.dumps(data, default=str)) | st.sampled_from(["", " \t", "{"]),
        min_size=1,
        max_size=6,
    )
)
def test_a_hostile_batch_reads_as_with_the_plain_path(lines: list[str]) -> None:
    """Each line of a batch: the same situation or the same located messages when it is read
    with every shortcut (orjson, blank lines, the rules) and with none."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "batch.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        shortcut = _batch_reading(path)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(loader, "read_plain", lambda raw: None)
            patch.setattr(loader, "read_plain_situation", lambda raw: None)
            patch.setattr(loader, "_blank", lambda raw: not raw.strip())
            patch.setattr(models, "date_problems", _date_problems_as_written)
            patch.setattr(models, "_people_problems", _people_problems_as_written)
            plain = _batch_reading(path)
    assert shortcut == plain
