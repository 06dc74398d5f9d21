"""The ``rights-engine`` command line: ``simulate``, ``batch``, ``validate``, ``rules``, ``serve``….

Bad input never gives a traceback: each problem is printed on stderr on one line (file, line,
field, what was expected), the other households are still evaluated, and the exit status is 2.
An unexpected error is reported on one line without its details, which could hold personal
data; set ``RIGHTS_ENGINE_DEBUG=1`` to let it raise with its traceback.

Each command lives in a module of its own, imported only when the command runs or its own
``--help`` is asked (:class:`~.lazy.LazyGroup`): ``rights-engine --help`` loads neither the
engine nor OpenFisca, and each command loads what it needs.
"""

from __future__ import annotations

import os
import sys

import click

from rights_engine._version import __version__

from .errors import DEBUG_VARIABLE, debugging, internal_error
from .lazy import LazyCommand, LazyGroup

__all__ = ["COMMANDS", "DEBUG_VARIABLE", "cli", "main"]

COMMANDS = (
    LazyCommand(
        "batch",
        ".batch:batch_command",
        "Screen a caseload into DIR: slim results, a CSV summary, the refused lines, the totals.",
    ),
    LazyCommand(
        "compare",
        ".analysis:compare_command",
        "What changes: two situations (A.yaml B.yaml), one situation on two months (--from --to, "
        "naming the parameters that changed), the what-if variants of one situation (FILE alone), "
        "or a caseload between two months (CASELOAD.jsonl --from --to: the households whose "
        "verdict or amount changes, as they are computed, then the totals per programme; or "
        "CASELOAD.jsonl --against REPORTS.jsonl: between the reports computed earlier, e.g. by a "
        "previous version of the rules, and these rules).",
    ),
    LazyCommand(
        "explain",
        ".analysis:explain_command",
        "Why this figure: the computation behind each finding of a situation, from OpenFisca's "
        "trace (steps with their values, parameters with their date and legal reference, "
        "conditions, bounds used for unknown facts).",
    ),
    LazyCommand(
        "rules",
        ".rules:rules",
        "List the programmes: version, status, validated date range and legal basis.",
    ),
    LazyCommand(
        "schema",
        ".schema:schema",
        "Print the JSON Schema of a situation (stable: sorted keys).",
    ),
    LazyCommand(
        "serve",
        ".serve:serve",
        "Run the HTTP service (/v1/…) and the worker's page (/) with uvicorn.",
    ),
    LazyCommand(
        "simulate",
        ".simulate:simulate",
        "Evaluate situations (.yaml, .yml, .json; .jsonl, .ndjson: one per line; -: stdin).",
    ),
    LazyCommand(
        "validate",
        ".validate:validate",
        "Check situations, and a local partners directory, without evaluating anything.",
    ),
)
"""Each command: its name, where it is defined, and the first sentence of its help (which the
root ``--help`` shortens to fit)."""


@click.group(
    cls=LazyGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(
    __version__, "--version", prog_name="rights-engine", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Orientation towards French social rights, computed with OpenFisca.

    The engine never grants anything: it says which rights to check, why, for roughly how much,
    how urgently and whom to contact.
    """


BLAS_THREADS_VARIABLE = "OPENBLAS_NUM_THREADS"
"""Read by OpenBLAS (numpy's) when numpy is first imported."""


def main() -> None:
    """Console script entry point: no traceback for an unexpected error unless debugging.

    OpenBLAS runs on one thread unless the user says otherwise: its pool of threads, started
    when numpy is imported, spins a while on another core (a third of a cold start's processor
    time, and the main thread slowed on a busy machine) for matrix products the engine never
    makes (its arrays are computed element by element)."""
    os.environ.setdefault(BLAS_THREADS_VARIABLE, "1")
    try:
        cli.main(prog_name="rights-engine")
    except Exception as exc:
        if debugging():
            raise
        click.echo(internal_error("rights-engine", "running the command", exc), err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
