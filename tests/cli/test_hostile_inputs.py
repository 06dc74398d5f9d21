# ruff: noqa: E501 - expected messages are kept whole, to be read and grepped as printed
"""Hostile and careless input (issue 12): the corpus of ``tests/bad_input/``, one file or more
for each class of problem, through the installed command line and the library.

Every bad household gives exit status 2 and located messages (file, line, field, what was
expected, never the value), the others of its batch still get their report, which carries its
input line; nothing prints a traceback, NaN or a terminal escape code.
"""

from __future__ import annotations

import csv
import gc
import json
import os
import select
import subprocess
import threading
import time
from pathlib import Path

import pytest

import rights_engine
from rights_engine.cli.caseload import FIRST_SLICE
from rights_engine.cli.main import DEBUG_VARIABLE
from rights_engine.engine.catalogue import programmes
from rights_engine.paths import DATA_DIR
from rights_engine.situation import sources
from rights_engine.situation.loader import MAX_FILE_BYTES

from .conftest import console_script

CORPUS = Path(__file__).resolve().parents[1] / "bad_input"


def _run(
    *args: str, stdin: bytes | None = None, cwd: Path = CORPUS
) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != DEBUG_VARIABLE}
    return subprocess.run(
        [str(console_script()), *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=300,
        check=False,
    )


def _clean(result: subprocess.CompletedProcess[bytes]) -> tuple[list[str], list[dict]]:
    """stderr lines and the JSON reports, after the checks every run must pass."""
    err = result.stderr.decode("utf-8")
    out = result.stdout.decode("utf-8")
    assert "Traceback" not in err + out
    assert "internal error" not in err
    assert "\x1b" not in err + out
    assert "NaN" not in out and "nan €" not in out
    return err.splitlines(), [json.loads(line) for line in out.splitlines() if line.strip()]


def _out_of_range(month: str) -> str:
    first = min(p.validated_from for p in programmes())
    last = max(p.validated_to for p in programmes())
    return (
        f"{month} is outside the validated range of every programme "
        f"(legislation validated from {first} to {last}; see `rights-engine rules`)"
    )


# Situation files and batches of the corpus → (stderr lines, ids of the reports, their lines).
SITUATIONS: dict[str, tuple[list[str], list[str], list[int | None]]] = {
    # 1. One line must never cost a batch; a single file gets its line.
    "01_huge_integer.jsonl": (
        [
            "01_huge_integer.jsonl:2 people[0].incomes.salary: expected an amount of at most 10 000 000 €"
        ],
        ["a", "c"],
        [1, 3],
    ),
    "01_huge_integer.yaml": (
        [
            "01_huge_integer.yaml:7 people[0].incomes.salary: expected an amount of at most 10 000 000 €"
        ],
        [],
        [],
    ),
    # 3. No silent nonsense from numbers (YAML 1.1 forms, booleans, overflow, NaN).
    "03_yaml11_numbers.yaml": (
        [
            "03_yaml11_numbers.yaml:4 household.housing.rent: expected a number, got a text of 3 characters",
            "03_yaml11_numbers.yaml:5 household.debts.total: expected an amount of at most 10 000 000 €",
            "03_yaml11_numbers.yaml:9 people[0].age: expected a number, got true or false",
            "03_yaml11_numbers.yaml:10 people[0].incomes.salary: expected a number, got a text of 4 characters",
            "03_yaml11_numbers.yaml:10 people[0].incomes.pension: expected a number, got NaN (not a number)",
        ],
        [],
        [],
    ),
    # 4. Dates checked against the evaluated month.
    "04_dates.yaml": (
        [
            "04_dates.yaml:4 household.single_parent_since: expected a month up to the evaluated month 2026-06",
            "04_dates.yaml:6 people[0]: the applicant is under 16 in 2026-06; expected the adult who asks as applicant, and children with role child",
            "04_dates.yaml:11 people[1].birth_date: after the evaluated month 2026-06; a child expected is not a person of the household yet: write pregnant: true on the mother",
            "04_dates.yaml:14 people[2].birth_date: expected a person of at most 120 years in the evaluated month 2026-06",
        ],
        [],
        [],
    ),
    # 5. The same rules in every format: a key twice in a line, an id on two lines.
    "05_duplicates.jsonl": (
        [
            "05_duplicates.jsonl:2 id: written twice",
            "05_duplicates.jsonl:3 id: already the id of the situation on line 1 (each household of a batch needs its own id)",
        ],
        ["a", "d"],
        [1, 4],
    ),
    # 8. Personal values stay out of messages (see also the test below).
    "08_personal_values.yaml": (
        [
            "08_personal_values.yaml:4 household.commune: unknown INSEE commune code; expected a code of the official list of communes (the INSEE code, not the postal code)",
            "08_personal_values.yaml:5 household.housing.rent: expected a number, got a text of 17 characters",
            "08_personal_values.yaml:8 people[0].role: expected one of 'applicant', 'partner', 'child' or 'other'",
            "08_personal_values.yaml:9 people[0].birth_date: expected a date YYYY-MM-DD",
            "08_personal_values.yaml:10 people[0].nationality: expected one of 'french', 'eu' or 'other'",
            "08_personal_values.yaml:11 people[0].incomes.salary: expected a number ≥ 0",
            "08_personal_values.yaml:11 people[0].incomes.pension: expected a number, got a text of 16 characters",
            "08_personal_values.yaml:12 people[0].prénom_secret: unknown field (see `rights-engine schema` for the allowed fields)",
        ],
        [],
        [],
    ),
    # 10. Every rule failure of a file; an out-of-range period gets its line.
    "10_every_rule.yaml": (
        [
            "10_every_rule.yaml:3 people: expected exactly one person with role applicant, got 2",
            "10_every_rule.yaml:6 people[2]: a child must be younger than the applicant (people[0])",
            "10_every_rule.yaml:6 people[2]: a child must be younger than the applicant (people[1])",
            "10_every_rule.yaml:7 people[3].id: already the id of people[2]",
        ],
        [],
        [],
    ),
    "10_period_out_of_range.yaml": (
        [f"10_period_out_of_range.yaml:3 period: {_out_of_range('2009-05')}"],
        [],
        [],
    ),
}

DIRECTORIES = {
    # 7. A directory that passes validate must not break simulate: refused by both.
    "07_escape_codes_directory.yaml": [
        "07_escape_codes_directory.yaml:2 name: expected a text without control characters (found U+001B, e.g. a terminal escape code)"
    ],
    "07_lone_surrogate_directory.json": [
        "07_lone_surrogate_directory.json entries[0].name: expected a text without lone surrogates (\\ud800…): not UTF-8"
    ],
}

# Files used by the tests below rather than by the tables above.
OTHERS = {
    "02_padded_through_stdin.yaml",
    "03_octal_reads_as_decimal.yaml",
    "06_caseload.jsonl",
    "09_directory_entry.yaml",
}


def test_every_file_of_the_corpus_is_tested_and_every_item_has_one() -> None:
    committed = sorted(p.name for p in CORPUS.iterdir())
    assert committed == sorted([*SITUATIONS, *DIRECTORIES, *OTHERS])
    assert sorted({name[:2] for name in committed}) == [f"{i:02d}" for i in range(1, 11)]


@pytest.mark.parametrize("name", sorted(SITUATIONS))
def test_a_hostile_situation_gives_located_messages_and_the_others_their_report(name: str) -> None:
    expected, ids, lines = SITUATIONS[name]
    result = _run("simulate", name, "--format", "json")
    assert result.returncode == 2
    stderr, reports = _clean(result)
    assert stderr == expected
    assert [r["situation_id"] for r in reports] == ids
    assert [r.get("input_line") for r in reports] == lines


@pytest.mark.parametrize("name", sorted(DIRECTORIES))
def test_a_directory_refused_by_validate_is_refused_by_simulate(name: str) -> None:
    for args in (
        ["validate", "--partners", name],
        ["simulate", "06_caseload.jsonl", "--partners", name],
    ):
        result = _run(*args)
        assert result.returncode == 2
        stderr, reports = _clean(result)
        assert stderr == DIRECTORIES[name]
        assert reports == []


def test_an_octal_looking_rent_is_read_as_decimal_as_in_yaml_1_2() -> None:
    situation = rights_engine.load_situation(CORPUS / "03_octal_reads_as_decimal.yaml")
    assert situation.household.housing.rent == 750  # YAML 1.1 would read 0750 as 488


def test_a_report_is_never_lost_to_a_huge_integer_through_the_library() -> None:
    rows = list(rights_engine.iter_situations(CORPUS / "01_huge_integer.jsonl"))
    assert [line for line, _ in rows] == [1, 2, 3]
    assert [type(item).__name__ for _, item in rows] == ["Situation", "SituationError", "Situation"]


# 2. Size limits that hold for every kind of file.


def test_a_situation_too_large_through_standard_input_is_refused() -> None:
    text = (CORPUS / "02_padded_through_stdin.yaml").read_bytes()
    padding = b"# " + b"x" * 98 + b"\n"
    big = text + padding * (MAX_FILE_BYTES // len(padding) + 10)
    result = _run("simulate", "-", stdin=big)
    assert result.returncode == 2
    stderr, reports = _clean(result)
    assert stderr == [
        f"<stdin>: file too large (more than {MAX_FILE_BYTES:,} bytes; a situation is at most "
        f"{MAX_FILE_BYTES:,} bytes — use a .jsonl batch for many households)"
    ]
    small = _run("simulate", "-", "--format", "json", stdin=text)
    assert small.returncode == 0, small.stderr
    assert json.loads(small.stdout)["situation_id"] == "padded"  # one situation: indented JSON


def test_a_batch_through_standard_input_is_streamed_with_its_lines() -> None:
    batch = (CORPUS / "05_duplicates.jsonl").read_bytes()
    result = _run("simulate", "-", "--format", "json", stdin=batch)
    assert result.returncode == 2
    stderr, reports = _clean(result)
    assert stderr[0] == "<stdin>:2 id: written twice"
    assert [r["input_line"] for r in reports] == [1, 4]


def test_keys_written_twice_deep_in_a_line_are_each_located() -> None:
    line = (
        '{"schema": 1, "id": "deep", "period": "2026-03", "household": {"commune": "26062", '
        '"commune": "26063"}, "people": [{"id": "a", "role": "applicant", "age": 40, "age": 41, '
        '"age": 42}]}\n'
    )
    result = _run("simulate", "-", "--format", "json", stdin=line.encode())
    assert result.returncode == 2
    assert _clean(result)[0] == [
        "<stdin>:1 household.commune: written twice",
        "<stdin>:1 people[0].age: written twice",
        "<stdin>:1 people[0].age: written twice",
    ]


def test_a_device_is_refused_before_reading() -> None:
    result = _run("simulate", "/dev/zero")
    assert result.returncode == 2
    assert _clean(result)[0] == [
        "/dev/zero: not a regular file (a device); expected a file, or - for standard input"
    ]


def test_a_named_pipe_without_writer_is_refused_after_a_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "situation.yaml"
    os.mkfifo(fifo)
    monkeypatch.setattr(sources, "PIPE_WAIT_SECONDS", 0.2)
    started = time.monotonic()
    with pytest.raises(rights_engine.SituationError) as error:
        rights_engine.load_situation(fifo)
    assert time.monotonic() - started < 10
    assert str(error.value) == (
        f"{fifo}: nothing came through this named pipe in 0.2 s (no program writes to it); "
        "expected a file, or - for standard input"
    )


def test_a_named_pipe_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "situation.yaml"
    os.mkfifo(fifo)
    text = (CORPUS / "03_octal_reads_as_decimal.yaml").read_bytes()

    def write() -> None:
        with open(fifo, "wb") as handle:
            handle.write(text)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert rights_engine.load_situation(fifo).id == "octal"
    finally:
        writer.join(timeout=30)


# 6. Streaming for real.


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_a_closed_output_ends_the_run_quietly(output_format: str) -> None:
    script = console_script()
    env = {k: v for k, v in os.environ.items() if k != DEBUG_VARIABLE}
    pipeline = subprocess.run(
        [
            "bash",
            "-c",
            f'"{script}" simulate 06_caseload.jsonl --format {output_format} | head -c 10; '
            'echo " ${PIPESTATUS[0]}"',
        ],
        cwd=CORPUS,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert pipeline.stdout.split()[-1] == "141"  # 128 + SIGPIPE, as for any program
    assert pipeline.stderr == ""


def test_the_first_report_comes_while_the_input_is_still_open() -> None:
    """A first slice of households is written and standard input is left open: its reports
    must come out before the input ends (a reader that read the whole input first would wait
    forever, and the test would time out)."""
    template = json.loads(
        (CORPUS / "06_caseload.jsonl").read_text(encoding="utf-8").splitlines()[0]
    )
    lines = b"".join(
        json.dumps({**template, "id": f"h{i}"}).encode("utf-8") + b"\n" for i in range(FIRST_SLICE)
    )
    env = {k: v for k, v in os.environ.items() if k != DEBUG_VARIABLE}
    process = subprocess.Popen(
        [str(console_script()), "simulate", "-", "--format", "json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(lines)
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 240)
        assert ready, "no report came while the input was still open"
        first = json.loads(process.stdout.readline())
        assert (first["situation_id"], first["input_line"]) == ("h0", 1)
    finally:
        process.stdin.close()
    rest = process.stdout.read().decode("utf-8").splitlines()
    process.wait(timeout=300)
    assert process.returncode == 0
    assert [json.loads(x)["input_line"] for x in rest] == list(range(2, FIRST_SLICE + 1))


# 9. Library edges.


def test_a_malformed_period_raises_the_documented_error() -> None:
    situation = rights_engine.load_situation(CORPUS / "03_octal_reads_as_decimal.yaml")
    with pytest.raises(rights_engine.PeriodError) as error:
        rights_engine.evaluate(situation, period="2026-13")
    assert isinstance(error.value, rights_engine.InputError)
    assert str(error.value) == "period: expected a month YYYY-MM (e.g. 2026-11)"


def test_the_collector_is_left_on_while_another_thread_runs() -> None:
    situation = rights_engine.load_situation(CORPUS / "03_octal_reads_as_decimal.yaml")
    seen: list[bool] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            seen.append(gc.isenabled())
            time.sleep(0.001)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        rights_engine.evaluate_many([situation] * 50)
    finally:
        stop.set()
        watcher.join()
    assert seen and all(seen)
    assert gc.isenabled()


def test_a_large_directory_is_read_in_linear_time() -> None:
    """About 1.9 MB (every commune of a large share of France): seconds, not half a minute."""
    template = (CORPUS / "09_directory_entry.yaml").read_text(encoding="utf-8")
    head, entry = template.split("entries:\n")
    with (DATA_DIR / "communes.csv").open(encoding="utf-8", newline="") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    text = head + "entries:\n"
    for code in codes:
        text += entry.replace("{commune}", code)
        if len(text) > 1_900_000:
            break
    assert len(text.encode("utf-8")) > 1_800_000
    started = time.monotonic()
    directory = rights_engine.parse_partners_directory(text)
    elapsed = time.monotonic() - started
    assert len(directory.entries) > 7_000
    assert elapsed < 12, f"{elapsed:.1f} s"
    # Refused for a mistake at its very end: as fast.
    started = time.monotonic()
    with pytest.raises(rights_engine.PartnersDirectoryError):
        rights_engine.parse_partners_directory(text + "  - partner: [\n")
    assert time.monotonic() - started < 12


def test_dates_are_checked_again_against_the_month_of_period(invoke, tmp_path: Path) -> None:
    """A child born in 2026-08 is valid for the situation's 2026-11, not for --period 2026-06."""
    path = tmp_path / "naissance.yaml"
    path.write_text(
        "schema: 1\nperiod: 2026-11\npeople:\n  - {id: m, role: applicant, age: 30}\n"
        "  - {id: e, role: child, birth_date: 2026-08-03}\n",
        encoding="utf-8",
    )
    assert invoke("simulate", str(path), "--format", "json").exit_code == 0
    result = invoke("simulate", str(path), "--period", "2026-06", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{path} people[1].birth_date: after the evaluated month 2026-06; a child expected is not"
        " a person of the household yet: write pregnant: true on the mother (--period 2026-06)\n"
    )
