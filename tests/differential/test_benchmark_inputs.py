"""``benchmarks/side_by_side.py`` gives both models the same households: its stream is the
project's generator (``generate_households``), and its OFF chunks (entities dicts and arrays)
hold exactly the households of its JSON Lines, each one a valid situation of ours. No timing is
asserted, and no oracle is run (the salary grid of the month is read from ``oracle_answers``)."""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
from pathlib import Path
from types import ModuleType

from france_inputs import expressible

from rights_engine.situation.models import Situation
from rights_engine.synthetic import generate_households

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "side_by_side.py"
SEED = 7
PERIOD = "2026-09"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("side_by_side", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_stream_is_the_generator() -> None:
    streamed = list(itertools.islice(_script().iter_households(SEED, PERIOD), 40))
    generated = generate_households(40, SEED, (PERIOD,))
    assert [s.model_dump() for s in streamed] == [s.model_dump() for s in generated]


def test_same_households_for_both(tmp_path: Path) -> None:
    count = 30
    inputs = _script().prepare(
        tmp_path, count, SEED, PERIOD, with_off=True, chunk=12, advance=lambda: None
    )
    lines = inputs.jsonl.read_text(encoding="utf-8").splitlines()
    ours = [Situation.model_validate_json(line) for line in lines]
    assert len(ours) == count
    assert all(expressible(situation) for situation in ours)
    theirs: list[str] = []
    for chunk in inputs.chunks:
        theirs += json.loads(chunk.read_text(encoding="utf-8"))["situation"]["familles"]
    assert len(inputs.chunks) >= 3  # 30 households in chunks of 12
    assert sorted(theirs) == sorted(situation.id or "" for situation in ours)
    as_arrays: list[str] = []
    for columns in inputs.columns:
        as_arrays += json.loads(columns.read_text(encoding="utf-8"))["columns"]["groups"][
            "famille"
        ]["ids"]
    assert as_arrays == theirs
