"""``rights-engine batch``: what a run may touch, what ``--resume`` accepts, and its exit status.

- A new run writes into an empty (or absent) ``DIR`` only, and removes only its own files.
- ``--resume`` reads the households done again and refuses an input whose fingerprint differs
  from the manifest's (a file, a folder, standard input; in one process or on workers), and a
  manifest without a fingerprint; nothing is modified then.
- An output that cannot be written: one line naming the file and the cause, exit status 1, the
  manifest left resumable.
- A ``*.yaml`` entry of a folder that is not a regular file is a refused household, never opened.
- Exit status: 2 the input or the command line at fault; 1 the environment; 0 all evaluated.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rights_engine.cli.main import DEBUG_VARIABLE, cli
from rights_engine.synthetic import generate_households

from .conftest import SITUATIONS, console_script, manifest_of

EXAMPLES = sorted(SITUATIONS.glob("*.yaml"))[:4]


def _batch(*args: str, stdin: bytes | None = None, debug: str = "1") -> Any:
    return CliRunner().invoke(
        cli, ["batch", *args], input=stdin, env={DEBUG_VARIABLE: debug}, catch_exceptions=False
    )


def _lines(count: int, seed: int) -> list[bytes]:
    return [
        h.model_dump_json(by_alias=True, exclude_none=True).encode()
        for h in generate_households(count, seed=seed)
    ]


@pytest.fixture(scope="module")
def lines() -> list[bytes]:
    return _lines(12, seed=21)


def _write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _interrupted(out: Path) -> dict[str, Any]:
    """The manifest of a finished run made to look interrupted after its households (as a
    killed run's, whose files hold complete lines up to the sizes it gives)."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["complete"] = False
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (out / "summary.json").unlink()
    return manifest


def _one_line_refusal(result: Any, *words: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for word in words:
        assert word in lines[0], result.output


# 1. A new run: an empty DIR only; at the end, only its own partition files removed


def test_a_new_run_refuses_a_folder_that_is_not_empty_and_touches_nothing(
    tmp_path: Path, lines: list[bytes]
) -> None:
    source = _write(tmp_path / "few.jsonl", lines[:3])
    out = tmp_path / "ex"
    (out / "partitions").mkdir(parents=True)
    (out / "partitions" / "mydata.txt").write_text("precious")
    (out / "summary.json").write_text("important")
    (out / "results.jsonl").write_text("mine")
    before = _snapshot(out)
    result = _batch(str(source), "--out", str(out))
    _one_line_refusal(result, f"{out} is not empty")
    assert _snapshot(out) == before and not (out / ".lock").exists()

    empty = tmp_path / "empty"
    empty.mkdir()
    assert _batch(str(source), "--out", str(empty)).exit_code == 0
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / ".lock").touch()  # left by an earlier try that wrote nothing
    assert _batch(str(source), "--out", str(tmp_path / "locked")).exit_code == 0


def test_the_end_of_a_run_removes_its_partition_files_only(
    tmp_path: Path, lines: list[bytes]
) -> None:
    source = _write(tmp_path / "few.jsonl", lines[:3])
    out = tmp_path / "out"
    assert _batch(str(source), "--out", str(out)).exit_code == 0
    _interrupted(out)
    (out / "partitions").mkdir()
    (out / "partitions" / "3-6.part").write_bytes(b"left by a killed client")
    (out / "partitions" / "mydata.txt").write_text("precious")
    assert _batch(str(source), "--out", str(out), "--resume").exit_code == 0
    assert sorted(p.name for p in (out / "partitions").iterdir()) == ["mydata.txt"]

    (out / "partitions" / "mydata.txt").unlink()
    _interrupted(out)
    (out / "partitions" / "3-6.part").write_bytes(b"left by a killed client")
    assert _batch(str(source), "--out", str(out), "--resume").exit_code == 0
    assert not (out / "partitions").exists()


# 2. --resume: the same input, or refused


def test_resume_refuses_another_batch_file_and_modifies_nothing(
    tmp_path: Path, lines: list[bytes]
) -> None:
    source = _write(tmp_path / "input.jsonl", lines[:8])
    out = tmp_path / "out"
    assert _batch(str(source), "--out", str(out), "--slice", "3").exit_code == 0
    _interrupted(out)
    before = _snapshot(out)
    for changed in (
        lines[:3] + lines[9:10] + lines[4:8],  # one line replaced
        lines[1:9],  # a line removed at the start
        lines[:7],  # fewer households than done
        [b""] + lines[:8],  # the same lines, one further (a blank line first)
    ):
        _write(source, changed)
        result = _batch(str(source), "--out", str(out), "--resume")
        _one_line_refusal(result, f"{source} is not the input of the run being resumed")
        assert _snapshot(out) == before
    _write(source, lines[:8] + lines[8:12])  # the same households, then more: resumed
    result = _batch(str(source), "--out", str(out), "--resume", "--slice", "5")
    assert result.exit_code == 0, result.output
    reference = tmp_path / "reference"
    assert _batch(str(source), "--out", str(reference)).exit_code == 0
    for name in ("results.jsonl", "summary.csv", "errors.jsonl", "summary.json"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


def test_resume_refuses_a_folder_with_another_situation_and_standard_input(
    tmp_path: Path, lines: list[bytes]
) -> None:
    folder = tmp_path / "situations"
    folder.mkdir()
    for path in EXAMPLES[1:]:
        (folder / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    assert _batch(str(folder), "--out", str(out)).exit_code == 0
    _interrupted(out)
    before = _snapshot(out)
    (folder / f"a000{EXAMPLES[0].name}").write_bytes(EXAMPLES[0].read_bytes())  # first by name
    result = _batch(str(folder), "--out", str(out), "--resume")
    _one_line_refusal(result, "is not the input of the run being resumed")
    assert _snapshot(out) == before
    (folder / f"a000{EXAMPLES[0].name}").unlink()
    assert _batch(str(folder), "--out", str(out), "--resume").exit_code == 0

    piped = b"".join(line + b"\n" for line in lines[:5])
    stdin_out = tmp_path / "stdin"
    assert _batch("-", "--out", str(stdin_out), stdin=piped).exit_code == 0
    _interrupted(stdin_out)
    other = b"".join(line + b"\n" for line in lines[1:6])
    result = _batch("-", "--out", str(stdin_out), "--resume", stdin=other)
    _one_line_refusal(result, "- is not the input of the run being resumed")
    assert _batch("-", "--out", str(stdin_out), "--resume", stdin=piped).exit_code == 0


def test_resume_on_workers_refuses_another_input_before_starting_them(
    tmp_path: Path, lines: list[bytes]
) -> None:
    pytest.importorskip("distributed")
    source = _write(tmp_path / "input.jsonl", lines[:6])
    out = tmp_path / "out"
    assert _batch(str(source), "--out", str(out)).exit_code == 0
    _interrupted(out)
    before = _snapshot(out)
    _write(source, lines[6:12])
    result = _batch(str(source), "--out", str(out), "--resume", "--workers", "2")
    _one_line_refusal(result, "is not the input of the run being resumed")
    assert _snapshot(out) == before


def test_the_fingerprint_of_the_households_done_does_not_depend_on_the_slices(
    tmp_path: Path, lines: list[bytes]
) -> None:
    from rights_engine.cli.batch_input import FingerprintedInput, input_items

    source = str(_write(tmp_path / "input.jsonl", lines))
    whole = FingerprintedInput(input_items(source, [source], None))
    for _ in whole:
        pass
    digests = [whole.digest(count) for count in range(len(lines) + 1)]
    assert len(set(digests)) == len(lines) + 1
    for count in range(len(lines) + 1):
        skipped = FingerprintedInput(input_items(source, [source], None))
        skipped.skip(skipped, count)
        assert skipped.digest(count) == digests[count]
    ends = []
    for size in (1, 5, 7, 100):
        out = tmp_path / f"slice-{size}"
        assert _batch(source, "--out", str(out), "--slice", str(size)).exit_code == 0
        ends.append(json.loads((out / "manifest.json").read_bytes())["input_fingerprint"])
    assert ends == [digests[-1]] * 4


def test_a_manifest_without_fingerprint_is_refused(tmp_path: Path, lines: list[bytes]) -> None:
    source = _write(tmp_path / "input.jsonl", lines[:3])
    out = tmp_path / "out"
    assert _batch(str(source), "--out", str(out)).exit_code == 0
    manifest = _interrupted(out)
    del manifest["input_fingerprint"]
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    before = _snapshot(out)
    result = _batch(str(source), "--out", str(out), "--resume")
    _one_line_refusal(result, "without the fingerprint", "start again in a new folder")
    assert _snapshot(out) == before


# 3. Outputs that cannot be written


class _FullDisk:
    """An output file whose writes fail once ``room`` bytes were written (ENOSPC)."""

    def __init__(self, handle: Any, room: int) -> None:
        self._handle, self._room = handle, room

    def write(self, data: Any) -> int:
        if len(data) > self._room:
            self._handle.write(bytes(data)[: self._room])  # what the disk took
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room -= len(data)
        return int(self._handle.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


def test_a_full_disk_is_one_line_exit_1_and_the_run_resumes(
    tmp_path: Path, lines: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    import rights_engine.cli.batch as batch

    source = _write(tmp_path / "input.jsonl", lines)
    reference = tmp_path / "reference"
    assert _batch(str(source), "--out", str(reference), "--slice", "4").exit_code == 0
    room = len((reference / "results.jsonl").read_bytes().splitlines(keepends=True)[0]) * 5

    def full_disk(path: Any, mode: str = "r", *args: Any) -> Any:
        handle = open(path, mode, *args)  # noqa: SIM115
        return _FullDisk(handle, room) if str(path).endswith("results.jsonl") else handle

    monkeypatch.setattr(batch, "open", full_disk, raising=False)
    out = tmp_path / "out"
    result = _batch(str(source), "--out", str(out), "--slice", "4", debug="")
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines() == [
        f"Error: {out / 'results.jsonl'}: cannot write (No space left on device)"
    ]
    assert json.loads((out / "manifest.json").read_bytes())["done"] == 4
    monkeypatch.undo()
    result = _batch(str(source), "--out", str(out), "--slice", "4", "--resume")
    assert result.exit_code == 0, result.output
    for name in ("results.jsonl", "summary.csv", "errors.jsonl", "summary.json"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


def test_a_file_that_cannot_be_made_at_the_start_leaves_the_folder_empty(
    tmp_path: Path, lines: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    import rights_engine.cli.batch as batch

    source = _write(tmp_path / "input.jsonl", lines[:2])

    def no_room(path: Any, mode: str = "r", *args: Any) -> Any:
        if str(path).endswith("summary.csv"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return open(path, mode, *args)  # noqa: SIM115

    monkeypatch.setattr(batch, "open", no_room, raising=False)
    out = tmp_path / "out"
    result = _batch(str(source), "--out", str(out), debug="")
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines() == [
        f"Error: {out / 'summary.csv'}: cannot write (No space left on device)"
    ]
    assert os.listdir(out) == [".lock"]
    monkeypatch.undo()
    assert _batch(str(source), "--out", str(out)).exit_code == 0


def test_an_out_folder_that_cannot_be_made_is_one_line_exit_1(
    tmp_path: Path, run_script: Any
) -> None:
    source = _write(tmp_path / "input.jsonl", _lines(1, seed=3))
    done = run_script("batch", str(source), "--out", "/proc/rights-engine-test")
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines() == [
        "Error: /proc/rights-engine-test: cannot create the folder (No such file or directory)"
    ]


# 5. Entries of a folder that are not regular files


def test_entries_that_are_not_regular_files_are_refused_without_being_opened(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "situations"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(EXAMPLES[0].read_bytes())
    (folder / "b.yaml").symlink_to(tmp_path / "nowhere.yaml")  # dangling
    os.mkfifo(folder / "c.yaml")  # opened, it would wait for a writer
    (folder / "d.yaml").symlink_to("/dev/zero")
    (folder / "e.yaml").mkdir()
    (folder / "f.yaml").symlink_to(folder / "a.yaml")  # a regular file: read
    out = tmp_path / "out"
    done = subprocess.run(
        [str(console_script()), "batch", str(folder), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={k: v for k, v in os.environ.items() if k != DEBUG_VARIABLE},
    )
    assert done.returncode == 2, done.stderr
    refused = [f"{folder / name}.yaml: not a regular file" for name in "bcde"]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["messages"] for e in errors] == [[message] for message in refused]
    assert [e["file"] for e in errors] == [f"{folder / name}.yaml" for name in "bcde"]
    assert done.stderr.splitlines()[:4] == refused
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["households"], summary["ok"], summary["errors"]) == (6, 2, 4)


# 4. Exit statuses


def test_refusals_before_the_run_are_one_line_and_exit_status_2(
    tmp_path: Path, lines: list[bytes]
) -> None:
    source = _write(tmp_path / "input.jsonl", lines[:3])
    out = tmp_path / "out"
    _one_line_refusal(_batch(str(source), "--out", str(out), "--resume"), "nothing to resume")
    assert not out.exists()
    out.mkdir()
    (out / "manifest.json").write_text("[]")
    _one_line_refusal(_batch(str(source), "--out", str(out), "--resume"), "not a manifest")
    (out / "manifest.json").unlink()
    assert _batch(str(source), "--out", str(out)).exit_code == 0
    _interrupted(out)
    results = (out / "results.jsonl").read_bytes()
    (out / "results.jsonl").write_bytes(results[:-10])
    _one_line_refusal(
        _batch(str(source), "--out", str(out), "--resume"), "shorter than the manifest"
    )
    _one_line_refusal(
        _batch(str(source), "--out", str(out), "--resume", "--period", "2026-10"), "period"
    )
    assert _batch(str(source), "--out", str(tmp_path / "all")).exit_code == 0
    _write(source, [*lines[:2], b'{"id": "bad"}'])
    assert _batch(str(source), "--out", str(tmp_path / "some")).exit_code == 2


def test_ctrl_c_in_one_process_is_one_line_and_130_and_the_run_resumes(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT) mid-run in one process: one line, exit status 130 (not click's
    "Aborted!" and 1), and ``--resume`` gives the outputs of an uninterrupted run."""
    source = _write(tmp_path / "in.jsonl", _lines(600, seed=5))
    reference = tmp_path / "reference"
    assert _batch(str(source), "--out", str(reference)).exit_code == 0
    out = tmp_path / "out"
    args = [str(source), "--out", str(out), "--slice", "20"]
    run = subprocess.Popen(
        [str(console_script()), "batch", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if k != DEBUG_VARIABLE},
    )
    try:
        deadline = time.monotonic() + 120
        while run.poll() is None and time.monotonic() < deadline:
            manifest = manifest_of(out)
            if manifest is not None and manifest["done"] > 0:
                run.send_signal(signal.SIGINT)
                break
            time.sleep(0.002)
        _, stderr = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert (run.returncode, stderr) == (130, b"interrupted: resume with --resume\n")
    assert not manifest_of(out)["complete"]  # type: ignore[index]
    assert _batch(*args, "--resume").exit_code == 0
    assert _snapshot(out) == _snapshot(reference) | {
        "manifest.json": (out / "manifest.json").read_bytes()
    }
