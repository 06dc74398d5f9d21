"""What a partition of ``rights-engine batch`` carries between the client and a worker, in short.

- The totals: a partition sends its households' contribution gathered (``slim.PartitionTotals``:
  the counts summed, the amounts one by one, as bytes), which ``Totals.merge`` adds to the
  running sums; the totals must be those of each household's contribution added in turn
  (written out in the test), to the last bit, on amounts whose float sum depends on its order.
- The inputs: the raw lines of a batch go as their lines joined and their numbers
  (``batch_partition.packed``), and come back as the same ``RawLine``s (``unpacked``); what is
  not the raw lines of one batch goes pickled.
- A partition of another build (a ``.part`` file left by a killed run, or a worker's answer) is
  refused with one line, not a traceback.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import click
import orjson
import pytest

from rights_engine.cli.batch_cluster import _checked, _Parts
from rights_engine.cli.batch_partition import (
    PartitionOutput,
    households_screened,
    packed,
    partition_output,
    unpacked,
)
from rights_engine.cli.inputs import Household, Rejected
from rights_engine.cli.screening import Screened
from rights_engine.cli.slim import PartitionTotals, Totals, contribution
from rights_engine.engine.catalogue import programmes
from rights_engine.situation.loader import RawLine
from rights_engine.synthetic import generate_households

UNITS = {"a": "EUR/mois", "b": "EUR/an", "c": None}


def _through_bytes(part: PartitionTotals) -> PartitionTotals:
    """The totals as a worker sends them and the client reads them."""
    data, amounts = part.to_parts()
    return PartitionTotals.from_parts(orjson.loads(orjson.dumps(data)), memoryview(amounts))


def _contributions(count: int, seed: int) -> list[dict[str, Any]]:
    """Households' contributions whose amounts do not add exactly (0.1 + 0.2 != 0.3)."""
    rng = random.Random(seed)
    amounts = [0.1, 0.2, 0.3, 0.7, 1e-3, 123.45, 1e6 + 0.1, 1.0, 2.0 / 3.0, 1e-9]
    counted = []
    for _ in range(count):
        findings = [
            [rng.choice("ab"), rng.choice([*amounts, None]), rng.choice(amounts)]
            for _ in range(rng.randint(0, 4))
        ]
        verdicts = {p: rng.choice(["likely", "to_confirm", "unlikely"]) for p in "abc"}
        counted.append({"verdicts": verdicts, "amounts": findings})
    return counted


def _counted_in_turn(
    state: dict[str, Any], counted: list[dict[str, Any]], units: Mapping[str, Any] = UNITS
) -> dict[str, Any]:
    """The summary's state after each household in turn, written out here (the reference): an
    amount that is there added to its programme's running sum (``low`` for a likely right
    only), and the verdicts likely and to_confirm counted."""
    programmes = {
        p: {"likely": 0, "to_confirm": 0, "eur_month_low": 0.0, "eur_month_high": 0.0}
        for p in units
    }
    for p, saved in state["programmes"].items():
        programmes[p].update(saved)
    ok = state["ok"]
    for added in counted:
        ok += 1
        for programme, low, high in added["amounts"]:
            if low is not None:
                programmes[programme]["eur_month_low"] += low
            programmes[programme]["eur_month_high"] += high
        for programme, verdict in added["verdicts"].items():
            if verdict in ("likely", "to_confirm"):
                programmes[programme][verdict] += 1
    return {"ok": ok, "errors": state["errors"], "programmes": programmes}


def test_merged_partitions_give_the_sums_of_each_household_in_turn() -> None:
    counted = _contributions(400, seed=3)
    state = {"ok": 5, "errors": 1, "programmes": {"a": {"eur_month_low": 0.1}}}
    expected = _counted_in_turn(state, counted)
    merged = Totals(UNITS, state)
    presummed = 0.1  # the sum if a partition's lows were summed before they are added
    for start in range(0, len(counted), 37):
        part = PartitionTotals()
        for added in counted[start : start + 37]:
            part.add(added)
        merged.merge(_through_bytes(part))
        presummed += sum(low for low in part.lows.get("a", []))
    assert merged.state() == expected
    # The amounts are such that another order of addition gives another sum.
    assert presummed != expected["programmes"]["a"]["eur_month_low"]


def _households() -> list[Household | Rejected]:
    situations = generate_households(90, seed=17)
    return [Household("in.jsonl", n, True, s) for n, s in enumerate(situations, 1)]


def test_the_totals_of_partitions_are_those_of_each_screening_added() -> None:
    """Real screenings, in partitions of 25 (the slices of one process and of the workers):
    merged, the totals of each screening's contribution added in turn."""
    known = programmes()
    units = {p.id: p.rules.amount.unit if p.rules.amount else None for p in known}
    programme_ids = [p.id for p in known]
    households = _households()
    merged, counted = Totals(units), []
    for start in range(0, len(households), 25):
        chunk = households[start : start + 25]
        screened = list(households_screened(chunk, None, False, True, len(chunk)))
        for item in screened:
            assert isinstance(item, Screened)
            counted.append(contribution(item.screening, units))
        output = partition_output(screened, start, len(chunk), programme_ids, False)
        merged.merge(PartitionOutput.from_bytes(output.to_bytes()).totals)
    plain = _counted_in_turn({"ok": 0, "errors": 0, "programmes": {}}, counted, units)
    assert merged.state() == plain
    assert any(t["eur_month_high"] for t in plain["programmes"].values())


def _lines() -> list[RawLine | Household | Rejected]:
    raws = [
        b'\xef\xbb\xbf{"id": "a"}',
        b'{"id": "b", "text": "\xe9t\xe9"}',  # not UTF-8
        b"   ",
        b'{"id": "c"}\r',
        b"[" * 1000,
    ]
    return [RawLine("in.jsonl", 3 * n + 1, raw, len(raw) + n) for n, raw in enumerate(raws)]


def test_raw_lines_are_sent_joined_and_read_back_the_same() -> None:
    lines = _lines()
    name, numbers, joined = packed(lines)
    assert name == "in.jsonl" and joined == b"".join(
        line.raw for line in lines if isinstance(line, RawLine) and line.raw is not None
    )
    assert unpacked((name, numbers, joined)) == lines
    assert all(type(line) is RawLine for line in unpacked(packed(lines)))


def test_what_is_not_the_raw_lines_of_one_batch_is_sent_pickled() -> None:
    lines = _lines()
    too_long = RawLine("in.jsonl", 99, None, 300_000)
    other_batch = RawLine("other.jsonl", 1, b"{}", 2)
    households = _households()[:2]
    for items in ([*lines, too_long], [*lines, other_batch], [*lines, *households], []):
        name, _, joined = packed(items)
        assert name is None and joined == b""
        assert unpacked(packed(items)) == items


def _old_format_partition() -> bytes:
    """A partition as the previous build wrote it: each household's contribution in the header,
    four parts after it (no amounts part)."""
    header = {"first": 0, "count": 1, "problems": [], "refused": 0, "versions": {}}
    header |= {"counted": [{"verdicts": {}, "amounts": []}], "ids": [], "sizes": [3, 0, 0, 0]}
    return orjson.dumps(header) + b"\n{}\n"


def test_a_partition_of_another_build_is_refused_with_one_line(tmp_path: Path) -> None:
    parts = _Parts(tmp_path)
    parts.write((0, 1), _old_format_partition())
    with pytest.raises(click.ClickException, match="not a partition this rights-engine can read"):
        parts.read((0, 1))
    parts.write((0, 1), b'{"first": 0, "sizes": [1, 2]}\nabc')
    with pytest.raises(click.ClickException, match="cannot resume; start again in a new folder"):
        parts.read((0, 1))
    run: Any = SimpleNamespace(settings={})  # what _checked reads of a run
    with pytest.raises(click.ClickException, match="install the same rights-engine on the workers"):
        _checked(_old_format_partition(), (0, 1), run)
