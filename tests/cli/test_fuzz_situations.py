"""Mutated example situations (wrong types, extremes, deletions, duplicates) through the CLI.

Each example is a JSON Lines batch: one example situation left as it is and three mutated ones.
Whatever the mutations, ``simulate`` exits with 0 (every household reported) or 2, never a
traceback (the CLI runs in debug mode: an unexpected exception fails the test), never NaN; each
line of the batch gets either its report (carrying its ``input_line``, in input order) or
located messages (``file:line``), never both and never neither; no value written in the
situation is quoted in a message. The same mutations written as YAML files are read by the
library: a situation, or a :class:`SituationError` whose every problem has its line.

Deterministic (``derandomize``) and bounded: 30 batches for the CLI and 150 YAML files, about a
minute on a 2-core machine.
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rights_engine
from rights_engine.cli.main import DEBUG_VARIABLE, cli

from .conftest import SITUATIONS

EXAMPLES = sorted(SITUATIONS.glob("*.yaml"))
HUGE = "<huge integer>"
"""Stands for an integer of 5 000 digits (more than Python's int-string limit), written into
the JSON text after ``json.dumps``, which cannot write it."""
SECRETS = ["Dupont-Jeanne-1984", "secret-1990-02-03", "75-rue-des-Lilas"]
"""Personal-looking texts: written into situations, they must never be quoted back."""


def _example(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str)
    )
    return data


BASES = [_example(path) for path in EXAMPLES]

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1e37, 3e38, 1e308, 10_000_001, 0.5, 121, 151, 2**63]),
    st.sampled_from(
        [
            HUGE,
            "0750",
            "1:20",
            "yes",
            "2026-13",
            "1990-02-31",
            "2099-01-01",
            "1870-01-01",
            "\x1b[2J",
            "",
            *SECRETS,
        ]
    ),
    st.text(max_size=12),
    st.lists(st.integers(min_value=0, max_value=3), max_size=3),
    st.dictionaries(st.sampled_from(["a", "salary", "status"]), st.integers(0, 5), max_size=2),
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a situation: keys of mappings and items of lists."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """An example situation with one to three mutations."""
    data = json.loads(json.dumps(draw(st.sampled_from(BASES))))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        kind = draw(st.sampled_from(["replace", "replace", "delete", "duplicate", "add"]))
        if kind == "duplicate" and isinstance(data.get("people"), list) and data["people"]:
            data["people"].append(draw(st.sampled_from(data["people"])))
            continue
        if kind == "add" or not paths:
            target = data.get("household") if isinstance(data.get("household"), dict) else data
            target[draw(st.sampled_from(["rent", "unknown_key", "period", "id"]))] = draw(VALUES)
            continue
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        if kind == "delete":
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(VALUES)
    return dict(data)


def _line(data: dict[str, Any], twice: bool) -> str:
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace(json.dumps(HUGE), "9" * 5000)
    if twice and text.startswith("{"):
        text = '{"schema": 1, ' + text[1:]  # a key written twice (schema is always there first)
    return text


def _secrets_in(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    households=st.lists(mutated(), min_size=3, max_size=3),
    twice=st.lists(st.booleans(), min_size=3, max_size=3),
    same_id=st.booleans(),
)
def test_no_household_of_a_mutated_batch_is_lost(
    households: list[dict[str, Any]], twice: list[bool], same_id: bool
) -> None:
    good = dict(BASES[0], id="intact")
    lines = [_line(good, False)] + [_line(h, t) for h, t in zip(households, twice, strict=True)]
    if same_id:
        lines.append(_line(good, False))  # the same id on another line
    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "batch.jsonl"
        batch.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        # Debug mode: an unexpected exception is raised, and fails the test.
        result = CliRunner().invoke(
            cli,
            ["simulate", str(batch), "--format", "json"],
            env={DEBUG_VARIABLE: "1"},
            catch_exceptions=False,
        )

    assert result.exit_code in (0, 2)
    out, err = result.stdout, result.stderr
    assert "Traceback" not in out + err and "internal error" not in err
    assert "\x1b" not in err
    assert not re.search(r"\bNaN\b|\bnan\b|Infinity", out)
    reports = [json.loads(line) for line in out.splitlines()]
    for report in reports:
        for finding in report["findings"]:
            amount = finding["estimated_amount"]
            if amount is not None:
                assert math.isfinite(amount["minimum"]) and math.isfinite(amount["maximum"])
    reported = [r["input_line"] for r in reports]
    assert reported == sorted(reported)
    located = {int(m.group(1)) for m in re.finditer(rf"^{re.escape(str(batch))}:(\d+)", err, re.M)}
    assert all(line.startswith(f"{batch}:") for line in err.splitlines())
    for number in range(1, len(lines) + 1):
        assert (number in reported) != (number in located), number
    assert 1 in reported  # the intact household is always evaluated
    assert result.exit_code == (2 if located else 0)
    assert _secrets_in(err) == []


@settings(max_examples=150, derandomize=True, deadline=None)
@given(data=mutated())
def test_a_mutated_yaml_file_is_a_situation_or_located_problems(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    text = text.replace(HUGE, "9" * 5000).replace("'" + "9" * 5000 + "'", "9" * 5000)
    try:
        situation = rights_engine.parse_situation(text, "fuzz.yaml")
    except rights_engine.SituationError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == "fuzz.yaml"
            assert problem.line is not None, str(problem)
            assert str(problem).isprintable()
            assert _secrets_in(str(problem)) == []
    else:
        assert situation.people
