"""``rights-engine batch --workers N`` and ``--scheduler ADDRESS``: the outputs of one process.

A small caseload (generated households, the example situations, one bad line) is screened in
one process (the reference), then on Dask clusters of 2 worker processes in partitions of a few
households: the outputs must be the reference's, byte for byte, also when a worker is killed
mid-run (the test hook ``RIGHTS_ENGINE_TEST_KILL_WORKER``, cli/batch_partition.py) and when the
client is killed mid-run then resumed on the workers of a scheduler. The workers read the lines
themselves: a batch with bad lines of every kind and ids used twice (checked by the client
across partitions, also after a resume) gives the refusals of one process.
"""

from __future__ import annotations

import json
import logging
import os
import select
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from rights_engine.cli.main import DEBUG_VARIABLE, cli
from rights_engine.synthetic import generate_households

from .conftest import SITUATIONS, console_script, kill_when, manifest_of

GENERATED = 48
BAD_LINE = 30
PARTITION = "6"
COMPARED = ("results.jsonl", "summary.csv", "errors.jsonl", "summary.json", "catalogue.json")
KILL_HOOK = "RIGHTS_ENGINE_TEST_KILL_WORKER"


@pytest.fixture(scope="module")
def caseload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = [
        h.model_dump_json(by_alias=True, exclude_none=True)
        for h in generate_households(GENERATED, seed=5)
    ]
    examples = [
        json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str)
        for path in sorted(SITUATIONS.glob("*.yaml"))[:8]
    ]
    lines[10:10] = examples  # unknown facts, hence questions
    lines.insert(BAD_LINE - 1, json.dumps({"id": "bad", "people": [{"id": "a", "role": "x"}]}))
    path = tmp_path_factory.mktemp("caseload") / "caseload.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(caseload: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One process, in slices unlike the partitions."""
    out = tmp_path_factory.mktemp("reference") / "out"
    result = CliRunner().invoke(
        cli,
        ["batch", str(caseload), "--out", str(out), "--slice", "25"],
        env={DEBUG_VARIABLE: "1"},
        catch_exceptions=False,
    )
    assert result.exit_code == 2, result.output  # the bad line
    return out


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (DEBUG_VARIABLE, KILL_HOOK)}
    return {**env, **extra}


def _batch(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(console_script()), "batch", *args],
        env=_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _assert_same_outputs(out: Path, reference: Path) -> None:
    for name in COMPARED:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    lines = [r["line"] for r in results]
    assert len(lines) == len(set(lines)) == GENERATED + 8  # none lost, none twice
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] and manifest["done"] == GENERATED + 9
    assert "completed" not in manifest and not (out / "partitions").exists()


def test_workers_write_the_outputs_of_one_process(
    caseload: Path, reference: Path, tmp_path: Path
) -> None:
    done = _batch(
        str(caseload), "--out", str(tmp_path / "out"), "--workers", "2", "--slice", PARTITION
    )
    assert done.returncode == 2, done.stderr  # the bad line, refused
    assert f"{caseload.name}:{BAD_LINE} " in done.stderr
    assert f"{GENERATED + 9} households: {GENERATED + 8} evaluated, 1 refused" in done.stderr
    _assert_same_outputs(tmp_path / "out", reference)


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(
    caseload: Path, reference: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "killed"
    out = tmp_path / "out"
    done = _batch(
        str(caseload), "--out", str(out), "--workers", "2", "--slice", PARTITION,
        **{KILL_HOOK: str(marker)},
    )  # fmt: skip
    assert marker.exists(), "no worker was killed"
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "distributed." not in done.stderr  # Dask quiet
    _assert_same_outputs(out, reference)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A scheduler with 2 worker processes, as a département's cluster would be."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_a_killed_client_resumes_on_the_scheduler_workers(
    caseload: Path, reference: Path, tmp_path: Path, scheduler: str
) -> None:
    out = tmp_path / "out"
    args = [str(caseload), "--out", str(out), "--scheduler", scheduler, "--slice", PARTITION]
    command = [str(console_script()), "batch", *args]
    killed = kill_when(
        command,
        out,
        lambda manifest: bool(manifest["done"] or manifest.get("completed")),
        _environment(),
    )
    assert killed["done"] < GENERATED + 9

    resumed = _batch(*args, "--resume")
    assert resumed.returncode == 2, resumed.stderr
    _assert_same_outputs(out, reference)


def test_the_local_cluster_wakes_up_less_and_gathers_from_the_workers() -> None:
    """``--workers``: its settings (fewer wake-ups) reach the worker processes, and the
    partitions come back straight from the workers, not through the scheduler."""
    from contextlib import ExitStack

    import dask

    from rights_engine.cli.batch_cluster import LOCAL_CLUSTER_CONFIG, connect

    with ExitStack() as stack:
        client = connect(stack, 2, None)
        seen = client.run(lambda: {key: dask.config.get(key) for key in LOCAL_CLUSTER_CONFIG})
        assert list(seen.values()) == [LOCAL_CLUSTER_CONFIG] * 2
        assert client.direct_to_workers is True


def test_workers_and_scheduler_exclude_each_other(caseload: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["batch", str(caseload), "--out", str(out), "--workers", "2"]
    result = CliRunner().invoke(cli, [*args, "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert "--workers and --scheduler exclude each other" in result.output
    assert not out.exists()


def test_without_dask_a_one_line_message(caseload: Path, tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['distributed'] = None; "
        "from rights_engine.cli.main import main; sys.argv[0] = 'rights-engine'; main()"
    )
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", code, "batch", str(caseload), "--out", str(out), "--workers", "2"],
        cwd=tmp_path,  # the installed package, not the checkout's sources
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "Error: --workers and --scheduler need Dask: pip install 'rights-engine[cluster]' "
        "(dask[distributed])"
    ]
    assert not out.exists()


def test_a_failed_partition_comes_back_as_its_exception_type_only() -> None:
    """A worker logs a failed task with its arguments (the households): outside debug, the
    task returns the failure instead of raising it."""
    from rights_engine.cli.batch_partition import evaluate_partition

    broken: Any = [object()]  # not a household: fails outside the per-household guard
    assert json.loads(evaluate_partition(broken, 0, None, False, False)) == {
        "failed": "AttributeError"
    }
    with pytest.raises(AttributeError):
        evaluate_partition(broken, 0, None, False, True)


# Lines refused across lines (an id used twice) and bad lines of every kind: the workers read
# the lines, the client checks the ids, and the outputs are still those of one process.
TWICE = "already the id of the situation on line"


def _households(count: int, seed: int) -> list[dict[str, Any]]:
    return [
        json.loads(h.model_dump_json(by_alias=True, exclude_none=True))
        for h in generate_households(count, seed=seed)
    ]


@pytest.fixture(scope="module")
def hard_caseload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Lines 1 to 64 of a batch (partitions of 6 households): ids used twice within a partition
    and across partitions, an id whose first line is bad (then not taken) or out of range
    (taken), and a bad line of each kind."""
    households = _households(56, seed=11)
    for index, household in enumerate(households):
        household["id"] = f"h{index}"
    lines = [json.dumps(h).encode() for h in households]

    def with_id(index: int, id_: str, **more: Any) -> bytes:
        return json.dumps({**households[index], "id": id_, **more}).encode()

    lines[0] = b"\xef\xbb\xbf" + lines[0]  # a byte-order mark, line 1 only
    lines[3] = with_id(3, "h1")  # the id of line 2, same partition
    lines[9] = with_id(9, "h2")  # the id of line 3, another partition
    lines[10] = with_id(10, "h2")  # ... and again
    lines[12] = with_id(12, "oor", period="2031-01")  # out of range: refused, id taken
    lines[20] = with_id(20, "oor")
    lines[14] = json.dumps({"id": "inv", "people": [{"id": "a", "role": "x"}]}).encode()
    lines[22] = with_id(22, "inv")  # the bad line did not take the id
    lines[40] = with_id(40, "h39")  # the id of the line before (51 and 52 once shifted)
    lines[50] = with_id(50, "h5")
    bad = [
        b'{"id": "long", "x": "' + b"a" * 200_001 + b'"}',  # too long
        b'{"id": "latin", "name": "\xe9t\xe9"}',  # not UTF-8
        b'{"id": "cut", "people": [',  # ends before the object is closed
        b'{"id": "comma",, "people": []}',  # not JSON
        b'{"id": "twice", "id": "twice"}',  # a key twice
        b"[" * 150_000 + b"]" * 150_000,  # too deep (longer than a line: too long)
        b"[" * 50_000 + b"]" * 50_000,  # too deep
        b"[1, 2]",  # not an object
        b'{"id": "h7"}',  # incomplete: not taken, though its id is line 8's
        b"   ",  # blank: skipped
        b"",
    ]
    for offset, line in enumerate(bad):
        lines.insert(25 + 2 * offset, line)
    path = tmp_path_factory.mktemp("hard") / "hard.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _refusing_batch(source: Path, out: Path, stdin: bool, *options: str) -> str:
    """``batch`` of ``source`` (from a file, or piped to ``-``) into ``out``, which refuses some
    lines (exit status 2): its stderr."""
    args = ["batch", "-" if stdin else str(source), "--out", str(out), *options]
    done = subprocess.run(
        [str(console_script()), *args],
        input=source.read_bytes() if stdin else None,
        env=_environment(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    return done.stderr.decode()


def _one_process(source: Path, out: Path, stdin: bool = False) -> str:
    return _refusing_batch(source, out, stdin, "--slice", "7")


def _same_outputs(out: Path, reference: Path) -> None:
    for name in COMPARED:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] and "completed" not in manifest


@pytest.mark.parametrize("stdin", [False, True], ids=["file", "stdin"])
def test_ids_used_twice_and_bad_lines_are_refused_as_in_one_process(
    hard_caseload: Path, tmp_path: Path, stdin: bool
) -> None:
    expected = _one_process(hard_caseload, tmp_path / "reference", stdin)
    errors = [
        json.loads(line)
        for line in (tmp_path / "reference" / "errors.jsonl").read_text().splitlines()
    ]
    twice = {e["line"]: e["messages"] for e in errors if TWICE in e["messages"][0]}
    assert twice == {
        line: [f"{'<stdin>' if stdin else hard_caseload}:{line} id: {TWICE} {first} (each "
               "household of a batch needs its own id)"]
        for line, first in ((4, 2), (10, 3), (11, 3), (21, 13), (52, 51), (62, 6))
    }  # fmt: skip
    assert 23 not in {e["line"] for e in errors}  # the id of a bad line is free
    assert len(errors) == 7 + 1 + 9  # ids twice, out of range, bad lines

    out = tmp_path / "out"
    stderr = _refusing_batch(hard_caseload, out, stdin, "--workers", "2", "--slice", PARTITION)
    _same_outputs(out, tmp_path / "reference")
    # The same problems on stderr, in the same order.
    summary = stderr.splitlines()[-1]
    assert summary.split(" → ")[0] == expected.splitlines()[-1].split(" → ")[0]
    assert [line for line in stderr.splitlines() if ".jsonl:" in line] == [
        line for line in expected.splitlines() if ".jsonl:" in line
    ]


def test_a_run_of_one_process_resumed_on_workers_knows_the_ids_done(
    hard_caseload: Path, tmp_path: Path
) -> None:
    """The first 33 lines in one process, then the rest on workers (--resume): the ids already
    used (line 62 takes the id of line 6) are read off the outputs."""
    _one_process(hard_caseload, tmp_path / "reference")
    source = tmp_path / "input.jsonl"
    whole = hard_caseload.read_bytes()
    source.write_bytes(b"\n".join(whole.split(b"\n")[:33]) + b"\n")
    out = tmp_path / "out"
    CliRunner().invoke(cli, ["batch", str(source), "--out", str(out)], catch_exceptions=False)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] and manifest["done"] == 33
    (out / "manifest.json").write_text(json.dumps({**manifest, "complete": False}))
    source.write_bytes(whole)

    resumed = _batch(str(source), "--out", str(out), "--resume", "--workers", "2", "--slice", "4")
    assert resumed.returncode == 2, resumed.stderr
    for name in COMPARED:
        got, want = (out / name).read_bytes(), (tmp_path / "reference" / name).read_bytes()
        assert got == want.replace(str(hard_caseload).encode(), str(source).encode()), name


def test_a_killed_client_with_ids_used_twice_resumes_as_one_process(
    hard_caseload: Path, tmp_path: Path, scheduler: str
) -> None:
    _one_process(hard_caseload, tmp_path / "reference")
    out = tmp_path / "out"
    args = [str(hard_caseload), "--out", str(out), "--scheduler", scheduler, "--slice", "4"]
    command = [str(console_script()), "batch", *args]
    kill_when(command, out, lambda manifest: manifest["done"] >= 8, _environment())

    resumed = _batch(*args, "--resume")
    assert resumed.returncode == 2, resumed.stderr
    _same_outputs(out, tmp_path / "reference")


# Problems of the environment and of the command line: one line each, no traceback, the exit
# status of the rule (2: the command line; 1: the environment, resumable; 130: Ctrl-C).


@pytest.mark.parametrize(
    ("address", "status", "message"),
    [
        ("notanaddress", 2, "expected tcp://HOST:PORT or tls://HOST:PORT"),
        ("http://127.0.0.1:8786", 2, "expected tcp://HOST:PORT or tls://HOST:PORT"),
        ("", 2, "expected tcp://HOST:PORT or tls://HOST:PORT"),
        ("tls://127.0.0.1:1", 2, "tls:// needs Dask's TLS settings"),
        ("tcp://127.0.0.1:1", 1, "no Dask scheduler answered"),
    ],
)
def test_a_bad_scheduler_address_is_one_line(
    caseload: Path, tmp_path: Path, address: str, status: int, message: str
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["batch", str(caseload), "--out", str(out), "--scheduler", address], env={}
    )
    assert result.exit_code == status, result.output
    assert result.output.count("\n") == 1 and message in result.output, result.output
    assert not (out / "manifest.json").exists()


def test_dask_is_quiet_for_the_run_and_restored_after() -> None:
    """Its log records (a traceback of the client's, the nanny's restarts) and its warnings (a
    partition over 10 MB, the dashboard's port taken) are dropped, then shown again."""
    import distributed  # noqa: F401  (its logging settings: handlers of its own)

    from rights_engine.cli.dask_quiet import dask_quiet

    records: list[str] = []

    class Kept(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    def noise() -> None:
        logging.getLogger("distributed.client").error("Traceback (client)")
        logging.getLogger("distributed.nanny").warning("Restarting worker")
        warnings.warn("Sending large graph of size 12.00 MiB.", UserWarning, stacklevel=1)
        warnings.warn("Port 8787 is already in use.", UserWarning, stacklevel=1)

    loggers = [logging.getLogger(name) for name in ("distributed", "distributed.client")]
    kept = Kept()
    for logger in loggers:
        logger.addHandler(kept)
    try:
        with warnings.catch_warnings(record=True) as shown:
            warnings.simplefilter("always")
            with dask_quiet():
                noise()
            assert (records, shown) == ([], [])
            noise()
    finally:
        for logger in loggers:
            logger.removeHandler(kept)
    assert set(records) == {"Traceback (client)", "Restarting worker"}
    assert [str(w.message)[:14] for w in shown] == ["Sending large ", "Port 8787 is a"]


def _refused(address: str, port: int) -> bool:
    try:
        socket.create_connection((address, port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False


def test_the_local_cluster_serves_no_http_and_its_workers_ignore_ctrl_c() -> None:
    """Distributed starts the HTTP servers of the scheduler and the workers whatever the
    settings: they are stopped (nothing answers on their ports). The workers hold SIGINT
    blocked: Ctrl-C (sent to the whole process group) is the client's to handle."""
    from contextlib import ExitStack

    from rights_engine.cli.batch_cluster import connect

    with ExitStack() as stack:
        client = connect(stack, 1, None)
        server = client.cluster.scheduler.http_server
        assert _refused(server.address, server.port)
        ports = client.run(lambda dask_worker: dask_worker.http_server.port)
        assert len(ports) == 1
        for worker, port in ports.items():
            assert _refused(worker.split("://")[1].rsplit(":", 1)[0], port)
        blocked = client.run(lambda: signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []))
        assert list(blocked.values()) == [True]


def test_the_local_cluster_speaks_tls_with_its_own_certificates() -> None:
    """Another user of the machine cannot join the local cluster: the scheduler and the workers
    speak TLS only, with certificates made for this cluster (a client without them is
    refused)."""
    from contextlib import ExitStack

    from distributed import Client
    from distributed.security import Security

    from rights_engine.cli.batch_cluster import connect

    with ExitStack() as stack:
        client = connect(stack, 1, None)
        address = client.scheduler.address
        assert address.startswith("tls://127.0.0.1:"), address
        workers = client.scheduler_info()["workers"]
        assert workers and all(worker.startswith("tls://") for worker in workers)
        strangers = [
            (address, Security.temporary()),  # TLS, with certificates of its own
            (address.replace("tls://", "tcp://", 1), None),  # no TLS
        ]
        for stranger, security in strangers:
            with pytest.raises((OSError, TimeoutError)):
                Client(stranger, timeout="3s", security=security).close()


def _start(command: list[str], **popen: Any) -> subprocess.Popen[str]:
    """``command`` in a process group of its own, Ctrl-C not ignored."""
    return subprocess.Popen(
        command,
        env=_environment(),
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        text=True,
        **popen,
    )


def _when(ready: Any, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def _started(out: Path) -> bool:
    manifest = manifest_of(out)
    return manifest is not None and bool(manifest["done"] or manifest.get("completed"))


def test_ctrl_c_is_one_line_and_130_and_the_run_resumes(
    caseload: Path, reference: Path, tmp_path: Path
) -> None:
    """Ctrl-C (SIGINT to the process group: the client and its workers) mid-run."""
    out = tmp_path / "out"
    args = [str(caseload), "--out", str(out), "--workers", "1", "--slice", PARTITION]
    run = _start([str(console_script()), "batch", *args], stderr=subprocess.PIPE)
    try:
        _when(lambda: _started(out) or run.poll() is not None)
        os.killpg(run.pid, signal.SIGINT)
        _, stderr = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert (run.returncode, stderr) == (130, "interrupted: resume with --resume\n")
    assert not manifest_of(out)["complete"]  # type: ignore[index]

    resumed = _batch(*args, "--resume")
    assert resumed.returncode == 2, resumed.stderr
    _assert_same_outputs(out, reference)


def test_a_lost_scheduler_is_one_line_and_the_run_resumes(
    caseload: Path, reference: Path, tmp_path: Path, scheduler: str
) -> None:
    """A scheduler killed mid-run (status 1); the run resumed on another scheduler."""
    address_file = tmp_path / "scheduler.json"
    dask = str(Path(sys.executable).parent / "dask")
    lost = _start(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--dashboard-address",
         "127.0.0.1:0", "--scheduler-file", str(address_file)],
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    workers = None
    try:
        _when(address_file.exists)
        address = json.loads(address_file.read_text())["address"]
        workers = _start(
            [dask, "worker", address, "--nworkers", "1", "--nthreads", "1"],
            stderr=subprocess.DEVNULL,
        )
        out = tmp_path / "out"
        args = [str(caseload), "--out", str(out), "--slice", PARTITION]
        run = _start(
            [str(console_script()), "batch", *args, "--scheduler", address],
            stderr=subprocess.PIPE,
        )
        _when(lambda: _started(out) or run.poll() is not None)
        os.killpg(lost.pid, signal.SIGKILL)
        _, stderr = run.communicate(timeout=60)
    finally:
        for process in (lost, workers):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            if process is not None:
                process.wait()
    # The run may start before the worker joins (then it says it waits for one).
    waiting = f"waiting for a Dask worker to join the scheduler at {address}…\n"
    assert (run.returncode, stderr.removeprefix(waiting)) == (
        1,
        "Error: the Dask scheduler was lost: resume with --resume\n",
    )

    resumed = _batch(*args, "--scheduler", scheduler, "--resume")
    assert resumed.returncode == 2, resumed.stderr
    _assert_same_outputs(out, reference)


def test_a_scheduler_without_workers_is_said_once_and_the_run_goes_on_when_one_joins(
    caseload: Path, reference: Path, tmp_path: Path
) -> None:
    """Pointed at a scheduler that has no worker yet, the run says so on one line (rather
    than waiting silently) and goes on when a worker joins."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=0, processes=True, dashboard_address="127.0.0.1:0") as cluster:
        address = cluster.scheduler_address
        out = tmp_path / "out"
        run = _start(
            [str(console_script()), "batch", str(caseload), "--out", str(out), "--slice",
             PARTITION, "--scheduler", address],
            stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            assert run.stderr is not None
            said, _, _ = select.select([run.stderr], [], [], 60)
            assert said, "nothing said while waiting for a worker"
            first = run.stderr.readline()
            assert first == f"waiting for a Dask worker to join the scheduler at {address}…\n"
            cluster.scale(1)
            _, rest = run.communicate(timeout=120)
        finally:
            if run.poll() is None:
                os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 2, rest  # the caseload's bad lines
    assert "Traceback" not in rest
    _assert_same_outputs(out, reference)
