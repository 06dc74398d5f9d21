"""``rights-engine batch``: the outputs of a caseload, and a run killed half-way then resumed.

The caseload is generated (``rights_engine.synthetic``, complete households) with the example
situations (which leave facts unknown, so that findings have questions) and one bad line. The
reference is an uninterrupted run; a real ``rights-engine batch`` process is killed (SIGKILL)
once its manifest shows a slice done, then resumed: its outputs must be the reference's, byte
for byte (ids, order, content), with no household lost or written twice.
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from rights_engine.cli.main import DEBUG_VARIABLE, cli
from rights_engine.engine.catalogue import programmes
from rights_engine.synthetic import generate_households

from .conftest import SITUATIONS, console_script, kill_when, manifest_of

GENERATED = 240
EXAMPLES = sorted(SITUATIONS.glob("*.yaml"))
BAD_LINE = 101
"""The line of the caseload that is not a situation."""
SECRET = "Rue-Secrete-4242"
"""A value of the bad line, which no output may repeat."""
SLICE = "20"


def _example_lines() -> list[str]:
    return [
        json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str)
        for path in EXAMPLES
    ]


def _bad_line() -> str:
    return json.dumps({"id": "bad-one", "people": [{"id": "a", "role": SECRET}]})


@pytest.fixture(scope="module")
def caseload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = [
        h.model_dump_json(by_alias=True, exclude_none=True)
        for h in generate_households(GENERATED, seed=11)
    ]
    lines[40:40] = _example_lines()  # households with unknown facts, hence questions
    lines.insert(BAD_LINE - 1, _bad_line())
    path = tmp_path_factory.mktemp("caseload") / "caseload.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _households(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def _batch(*args: str) -> Any:
    runner = CliRunner()
    return runner.invoke(cli, ["batch", *args], env={DEBUG_VARIABLE: "1"}, catch_exceptions=False)


@pytest.fixture(scope="module")
def reference(caseload: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An uninterrupted run, in-process."""
    out = tmp_path_factory.mktemp("reference") / "out"
    result = _batch(str(caseload), "--out", str(out), "--slice", SLICE)
    assert result.exit_code == 2, result.output  # the bad line
    return out


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _monthly(amount: float, unit: str | None) -> float:
    return amount / 12 if unit == "EUR/an" else amount


# The outputs


def test_every_household_is_in_results_or_errors_in_input_order(
    caseload: Path, reference: Path
) -> None:
    results = _lines(reference / "results.jsonl")
    errors = _lines(reference / "errors.jsonl")
    total = _households(caseload)
    assert len(results) + len(errors) == total
    lines = [r["line"] for r in results]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    assert sorted(lines + [e["line"] for e in errors]) == list(range(1, total + 1))
    ids = [r["id"] for r in results]
    assert len(set(ids)) == len(ids)
    assert ids[:40] == [f"s11-{i}" for i in range(40)]
    assert all(r["file"] == caseload.name or r["file"].endswith(caseload.name) for r in results)
    programme_ids = {p.id for p in programmes()}
    for result in results:
        assert result["findings"], result["id"]
        ranks = [f["rank"] for f in result["findings"]]
        assert ranks == sorted(ranks)
        for finding in result["findings"]:
            assert finding["programme"] in programme_ids
            assert finding["verdict"] in ("likely", "to_confirm", "unlikely")
            assert finding["urgency"] in ("emergency", "high", "normal")
            assert ("low" in finding) == ("high" in finding)
            if "low" in finding:
                assert finding["low"] <= finding["high"]
            # slim: catalogue text is referenced, never repeated
            assert set(finding) <= {
                "programme",
                "person",
                "verdict",
                "low",
                "high",
                "urgency",
                "rank",
                "questions",
            }


def test_catalogue_holds_the_text_behind_every_id(reference: Path) -> None:
    catalogue = json.loads((reference / "catalogue.json").read_text(encoding="utf-8"))
    asked = set()
    for result in _lines(reference / "results.jsonl"):
        for finding in result["findings"]:
            assert finding["programme"] in catalogue["programmes"]
            asked.update(q.split("/")[0] for q in finding.get("questions", []))
    assert asked, "the example situations leave facts unknown: some findings have questions"
    assert asked <= set(catalogue["questions"])
    rsa = catalogue["programmes"]["rsa"]
    assert rsa["label"] and rsa["unit"] == "EUR/mois"
    assert rsa["documents"] and rsa["next_steps"] and rsa["partners"]
    assert all(link["href"].startswith("https://") for link in rsa["links"])


def test_summary_totals_equal_counts_from_the_results(caseload: Path, reference: Path) -> None:
    """Counted again, independently, from results.jsonl and the catalogue's units."""
    summary = json.loads((reference / "summary.json").read_text(encoding="utf-8"))
    catalogue = json.loads((reference / "catalogue.json").read_text(encoding="utf-8"))
    results = _lines(reference / "results.jsonl")
    errors = _lines(reference / "errors.jsonl")
    assert summary["households"] == _households(caseload) == summary["ok"] + summary["errors"]
    assert summary["ok"] == len(results) and summary["errors"] == len(errors) == 1
    likely: Counter[str] = Counter()
    to_confirm: Counter[str] = Counter()
    low: Counter[str] = Counter()
    high: Counter[str] = Counter()
    for result in results:
        verdicts: dict[str, set[str]] = {}
        for finding in result["findings"]:
            programme, verdict = finding["programme"], finding["verdict"]
            verdicts.setdefault(programme, set()).add(verdict)
            if "low" in finding and verdict != "unlikely":
                unit = catalogue["programmes"][programme]["unit"]
                if verdict == "likely":
                    low[programme] += _monthly(finding["low"], unit)
                high[programme] += _monthly(finding["high"], unit)
        for programme, seen in verdicts.items():
            if "likely" in seen:
                likely[programme] += 1
            elif "to_confirm" in seen:
                to_confirm[programme] += 1
    assert set(summary["programmes"]) == {p.id for p in programmes()}
    for programme, totals in summary["programmes"].items():
        assert totals["likely"] == likely[programme], programme
        assert totals["to_confirm"] == to_confirm[programme], programme
        assert totals["eur_month_low"] == pytest.approx(low[programme], abs=0.01), programme
        assert totals["eur_month_high"] == pytest.approx(high[programme], abs=0.01), programme
    assert summary["programmes"]["rsa"]["likely"] > 0
    assert summary["programmes"]["rsa"]["eur_month_low"] > 0


def test_summary_csv_has_one_row_per_household_and_a_group_per_programme(
    reference: Path,
) -> None:
    with open(reference / "summary.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    results = _lines(reference / "results.jsonl")
    assert [row["id"] for row in rows] == [r["id"] for r in results]
    assert [int(row["line"]) for row in rows] == [r["line"] for r in results]
    for row, result in zip(rows, results, strict=True):
        household = {f["programme"]: f for f in result["findings"] if "person" not in f}
        for programme, finding in household.items():
            assert row[f"{programme}_verdict"] == finding["verdict"]
            assert row[f"{programme}_rank"] == str(finding["rank"])
            if "low" in finding:
                assert float(row[f"{programme}_low"]) == finding["low"]
                assert float(row[f"{programme}_high"]) == finding["high"]
            assert row[f"{programme}_questions"].split() == finding.get("questions", [])


def test_a_bad_line_goes_to_errors_and_the_others_are_still_written(
    caseload: Path, reference: Path
) -> None:
    """Exit status 2 (checked by the fixture); the error is located, without the value."""
    (error,) = _lines(reference / "errors.jsonl")
    assert error["line"] == BAD_LINE
    assert error["file"] == caseload.name or error["file"].endswith(caseload.name)
    assert error["messages"] and all(f":{BAD_LINE} " in m for m in error["messages"])
    for name in ("errors.jsonl", "results.jsonl", "summary.csv", "summary.json", "manifest.json"):
        assert SECRET not in (reference / name).read_text(encoding="utf-8"), name
    assert len(_lines(reference / "results.jsonl")) == _households(caseload) - 1


def test_full_writes_each_report_too(tmp_path: Path) -> None:
    source = tmp_path / "few.jsonl"
    source.write_text("\n".join(_example_lines()[:5]) + "\n", encoding="utf-8")
    result = _batch(str(source), "--out", str(tmp_path / "out"), "--full")
    assert result.exit_code == 0, result.output
    reports = _lines(tmp_path / "out" / "reports.jsonl")
    results = _lines(tmp_path / "out" / "results.jsonl")
    assert [r["input_line"] for r in reports] == [r["line"] for r in results] == [1, 2, 3, 4, 5]
    for report, slim in zip(reports, results, strict=True):
        assert report["situation_id"] == slim["id"]
        assert [f["programme"] for f in report["findings"]] == [
            f["programme"] for f in slim["findings"]
        ]
        assert [f["verdict"] for f in report["findings"]] == [
            f["verdict"] for f in slim["findings"]
        ]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] and manifest["done"] == 5
    for name, size in manifest["sizes"].items():
        assert (tmp_path / "out" / name).stat().st_size == size


def test_slim_outputs_are_those_read_off_the_full_reports(
    caseload: Path, reference: Path, tmp_path: Path
) -> None:
    """Without --full the findings are computed column-wise, no report is built; with --full the
    slim lines are read off the full reports: both runs write the same files, byte for byte."""
    out = tmp_path / "full"
    result = _batch(str(caseload), "--out", str(out), "--slice", SLICE, "--full")
    assert result.exit_code == 2, result.output
    for name in ("results.jsonl", "summary.csv", "errors.jsonl", "summary.json"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


def test_a_folder_of_yaml_situations_and_standard_input(tmp_path: Path) -> None:
    folder = tmp_path / "situations"
    folder.mkdir()
    for path in EXAMPLES[:3]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "notes.txt").write_text("not a situation", encoding="utf-8")
    result = _batch(str(folder), "--out", str(tmp_path / "a"))
    assert result.exit_code == 0, result.output
    results = _lines(tmp_path / "a" / "results.jsonl")
    assert [Path(r["file"]).name for r in results] == [p.name for p in EXAMPLES[:3]]
    assert all(r["line"] is None for r in results)

    runner = CliRunner()
    piped = "\n".join(_example_lines()[:3]) + "\n"
    result = runner.invoke(
        cli, ["batch", "-", "--out", str(tmp_path / "b")], input=piped, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    from_stdin = _lines(tmp_path / "b" / "results.jsonl")
    assert [r["id"] for r in from_stdin] == [r["id"] for r in results]
    assert [r["findings"] for r in from_stdin] == [r["findings"] for r in results]


def test_a_refused_situation_file_has_no_line_as_an_evaluated_one(tmp_path: Path) -> None:
    """A situation file is no line of a batch: its error line, like its result line, has
    ``line`` null; its messages locate each problem in the file."""
    folder = tmp_path / "situations"
    folder.mkdir()
    good = EXAMPLES[0]
    (folder / good.name).write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "zz_bad.yaml").write_text(
        f"people:\n  - id: a\n    role: {SECRET}\n", encoding="utf-8"
    )
    result = _batch(str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    results = _lines(tmp_path / "out" / "results.jsonl")
    errors = _lines(tmp_path / "out" / "errors.jsonl")
    assert [r["line"] for r in results] == [None]
    assert [(Path(e["file"]).name, e["line"]) for e in errors] == [("zz_bad.yaml", None)]
    assert all("zz_bad.yaml:" in message for message in errors[0]["messages"])
    assert SECRET not in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8")


def test_an_ndjson_caseload_is_read_line_by_line(tmp_path: Path) -> None:
    """``.ndjson`` is the other name of JSON Lines: the same households as a ``.jsonl``."""
    lines = "\n".join(_example_lines()[:3]) + "\n"
    for suffix in ("jsonl", "ndjson"):
        (tmp_path / f"caseload.{suffix}").write_text(lines, encoding="utf-8")
        result = _batch(str(tmp_path / f"caseload.{suffix}"), "--out", str(tmp_path / suffix))
        assert result.exit_code == 0, result.output
    results = _lines(tmp_path / "ndjson" / "results.jsonl")
    assert [r["line"] for r in results] == [1, 2, 3]
    assert [r["findings"] for r in results] == [
        r["findings"] for r in _lines(tmp_path / "jsonl" / "results.jsonl")
    ]
    runner = CliRunner()
    ndjson = str(tmp_path / "caseload.ndjson")
    simulated = runner.invoke(cli, ["simulate", ndjson, "--format", "json"])
    assert simulated.exit_code == 0, simulated.output
    reports = [json.loads(line) for line in simulated.output.splitlines()]
    assert [report["input_line"] for report in reports] == [1, 2, 3]
    validated = runner.invoke(cli, ["validate", ndjson])
    assert validated.exit_code == 0, validated.output
    assert validated.output.splitlines() == [f"{ndjson}:{n} OK" for n in (1, 2, 3)]


def test_a_second_run_into_the_same_folder_needs_resume(caseload: Path, tmp_path: Path) -> None:
    source = tmp_path / "few.jsonl"
    source.write_text("\n".join(_example_lines()[:2]) + "\n", encoding="utf-8")
    out = str(tmp_path / "out")
    assert _batch(str(source), "--out", out).exit_code == 0
    before = (tmp_path / "out" / "results.jsonl").read_bytes()
    again = _batch(str(source), "--out", out)
    assert again.exit_code == 2 and "--resume" in again.output
    other = _batch(str(source), "--out", out, "--resume", "--full")
    assert other.exit_code == 2 and "full" in other.output
    done = _batch(str(source), "--out", out, "--resume")  # a finished run: nothing to add
    assert done.exit_code == 0, done.output
    assert (tmp_path / "out" / "results.jsonl").read_bytes() == before
    manifest_path = tmp_path / "out" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest_path.write_text(json.dumps({**manifest, "rules_version": "0.0.1"}), encoding="utf-8")
    older = _batch(str(source), "--out", out, "--resume")
    assert older.exit_code == 2 and "rules_version" in older.output
    with open(tmp_path / "out" / ".lock", "wb") as lock:  # as another run would hold it
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        busy = _batch(str(source), "--out", out, "--resume")
    assert busy.exit_code == 2 and "another rights-engine batch" in busy.output
    nothing = _batch(str(source), "--out", str(tmp_path / "none"), "--resume")
    assert nothing.exit_code != 0 and "nothing to resume" in nothing.output


# Killed half-way, then resumed


def test_a_killed_run_resumes_without_loss_or_duplicate(
    caseload: Path, reference: Path, tmp_path: Path, run_script
) -> None:
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k != DEBUG_VARIABLE}
    command = [str(console_script()), "batch", str(caseload), "--out", str(out), "--slice", SLICE]
    killed = kill_when(command, out, lambda manifest: manifest["done"] >= int(SLICE), env, 240)
    total = _households(caseload)
    assert int(SLICE) <= killed["done"] < total
    assert not (out / "summary.json").exists()
    for name, size in killed["sizes"].items():
        data = (out / name).read_bytes()
        assert len(data) >= size
        assert data[:size].endswith(b"\n") or size == 0, name  # whole lines only
    done_results = (out / "results.jsonl").read_bytes()[: killed["sizes"]["results.jsonl"]]
    assert len(done_results.splitlines()) <= killed["done"]
    # As if killed in the middle of writing a slice: half a line after what the manifest counts.
    for name in ("results.jsonl", "errors.jsonl", "summary.csv"):
        with open(out / name, "ab") as handle:
            handle.write(b'{"id": "half a li')

    resumed = run_script("batch", str(caseload), "--out", str(out), "--slice", SLICE, "--resume")
    assert resumed.returncode == 2, resumed.stderr  # the bad line, refused in either run
    assert "\x1b" not in resumed.stderr, "no progress bar in a pipe"
    assert f"{total} households" in resumed.stderr

    for name in ("results.jsonl", "errors.jsonl", "summary.csv", "catalogue.json"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    assert json.loads((out / "summary.json").read_text(encoding="utf-8")) == json.loads(
        (reference / "summary.json").read_text(encoding="utf-8")
    )
    results = _lines(out / "results.jsonl")
    ids = [r["id"] for r in results]
    assert len(ids) == len(set(ids)) == total - 1
    final = manifest_of(out)
    assert final is not None and final["complete"] and final["done"] == total


def test_an_unexpected_error_on_one_household_spares_the_others_in_a_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug met on one household while screening column-wise: its slice is screened again one
    household at a time; that one is refused with one line without personal data, the others
    are written."""
    import rights_engine.cli.screening as screening

    real = screening.screen

    def fragile(situations, period=None):
        if any(s.id == "boom" for s in situations):
            raise RuntimeError("secret-value-1990-02-03")
        return real(situations, period)

    monkeypatch.setattr(screening, "screen", fragile)
    lines = [
        h.model_dump(mode="json", by_alias=True, exclude_none=True)
        for h in generate_households(3, seed=14)
    ]
    lines[1]["id"] = "boom"
    source = tmp_path / "three.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["batch", str(source), "--out", str(out)], env={DEBUG_VARIABLE: "0"}
    )
    assert result.exit_code == 2, result.output
    assert [r["id"] for r in _lines(out / "results.jsonl")] == [lines[0]["id"], lines[2]["id"]]
    [error] = _lines(out / "errors.jsonl")
    assert error["line"] == 2 and error["id"] == "boom"
    assert error["messages"] == [
        f"{source}:2: internal error while evaluating this household (RuntimeError); details are "
        "hidden as they may hold personal data (rerun with RIGHTS_ENGINE_DEBUG=1 to see them)"
    ]
    assert "secret" not in result.output and "Traceback" not in result.output
