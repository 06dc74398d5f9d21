"""``rights-engine explain`` (why this figure) and ``rights-engine compare`` (what changes if).

Bad input follows the rest of the CLI: one located line per problem on stderr, exit status 2,
never a traceback nor a value of the situation.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import click
from pydantic import ValidationError

from rights_engine.engine.compare import (
    CaseloadTotals,
    HouseholdChange,
    compare_caseload,
    compare_caseload_against,
    compare_periods,
    compare_situations,
    what_if,
)
from rights_engine.engine.explain import UnknownPerson, UnknownProgramme, explain
from rights_engine.report import Comparison, Report
from rights_engine.situation.errors import SituationError
from rights_engine.situation.loader import iter_situations
from rights_engine.situation.models import Situation

from .inputs import Household, households_of, is_batch, period_option
from .render_compare import caseload_lines, comparison_lines, household_line
from .render_explain import explanation_lines

__all__ = ["compare_command", "explain_command"]


def _month_option(value: str | None) -> str | None:
    return period_option(click.get_current_context(), click.Option(["--period"]), value)


@click.command("explain")
@click.argument("file", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--programme", metavar="ID", help="Only this programme (an id of `rights-engine rules`)."
)
@click.option(
    "--person", metavar="ID", help="Explain the steps computed per person for this person."
)
@click.option("--period", metavar="YYYY-MM", help="Month to evaluate (overrides the situation's).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--depth",
    type=click.IntRange(1, 50),
    default=4,
    show_default=True,
    help="Text: levels of the computation shown before folding.",
)
@click.pass_context
def explain_command(
    ctx: click.Context,
    file: str,
    programme: str | None,
    person: str | None,
    period: str | None,
    output_format: str,
    depth: int,
) -> None:
    """Why this figure: the computation behind each finding of a situation, from OpenFisca's
    trace (steps with their values, parameters with their date and legal reference, conditions,
    bounds used for unknown facts). JSON: one explanation per programme, in a list."""
    period = _month_option(period)
    all_good = True
    for item in households_of(file, period):
        if not isinstance(item, Household):
            all_good = False
            for message in item.messages:
                click.echo(message, err=True)
            continue
        try:
            explanations = explain(item.situation, programme, person, period)
        except (UnknownProgramme, UnknownPerson) as exc:
            option = "--programme" if isinstance(exc, UnknownProgramme) else "--person"
            click.echo(f"{item.where} {option}: {exc}", err=True)
            ctx.exit(2)
        if output_format == "json":
            data = [json.loads(e.model_dump_json()) for e in explanations]
            click.echo(json.dumps(data, indent=2, ensure_ascii=False))
            continue
        for position, explanation in enumerate(explanations):
            if position:
                click.echo("")
            for line in explanation_lines(explanation, depth):
                click.echo(line)
    if not all_good:
        ctx.exit(2)


@click.command("compare")
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="FILE [FILE]",
    type=click.Path(exists=True, dir_okay=False),
)
@click.option("--from", "from_month", metavar="YYYY-MM", help="First month (with --to).")
@click.option("--to", "to_month", metavar="YYYY-MM", help="Second month (with --from).")
@click.option("--period", metavar="YYYY-MM", help="Two situations: the month to evaluate both.")
@click.option(
    "--against",
    metavar="REPORTS.jsonl",
    type=click.Path(exists=True, dir_okay=False),
    help="A caseload: compare with the reports computed earlier for it (e.g. by a previous "
    "version of the rules: simulate --format json), one per household, in order.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.pass_context
def compare_command(
    ctx: click.Context,
    files: tuple[str, ...],
    from_month: str | None,
    to_month: str | None,
    period: str | None,
    against: str | None,
    output_format: str,
) -> None:
    """What changes: two situations (A.yaml B.yaml), one situation on two months (--from
    --to, naming the parameters that changed), the what-if variants of one situation (FILE
    alone), or a caseload between two months (CASELOAD.jsonl --from --to: the households whose
    verdict or amount changes, as they are computed, then the totals per programme; or
    CASELOAD.jsonl --against REPORTS.jsonl: between the reports computed earlier, e.g. by a
    previous version of the rules, and these rules)."""
    if (from_month is None) != (to_month is None):
        raise click.UsageError("--from and --to go together")
    period = _month_option(period)
    if from_month is not None and to_month is not None:
        from_month, to_month = _month_option(from_month), _month_option(to_month)
    if len(files) > 2:
        raise click.UsageError("expected one or two files")
    if len(files) == 2 and from_month is not None:
        raise click.UsageError("two files are compared on one month (--period), not --from/--to")
    if against is not None:
        if len(files) != 1 or not is_batch(files[0]) or from_month is not None:
            raise click.UsageError("--against compares one caseload (.jsonl), without --from/--to")
        _caseload(ctx, files[0], None, None, output_format, against, period)
        return
    if from_month is not None and to_month is not None and is_batch(files[0]):
        _caseload(ctx, files[0], from_month, to_month, output_format)
        return
    households: list[Household] = []
    for path in files:
        for item in households_of(path, period or from_month):
            if isinstance(item, Household):
                households.append(item)
                continue
            for message in item.messages:
                click.echo(message, err=True)
            ctx.exit(2)
    if len(households) != len(files):
        raise click.UsageError("expected situation files of one household each (not .jsonl)")
    comparisons: list[Comparison]
    if len(households) == 2:
        comparisons = [compare_situations(households[0].situation, households[1].situation, period)]
    elif from_month is not None and to_month is not None:
        comparisons = [compare_periods(households[0].situation, from_month, to_month)]
    else:
        situation = households[0].situation
        if not situation.what_if:
            raise click.UsageError(
                f"{households[0].where}: no what_if variant; give a second file or --from/--to"
            )
        comparisons = what_if(situation, period)
    if output_format == "json":
        data = [json.loads(c.model_dump_json()) for c in comparisons]
        click.echo(json.dumps(data if len(data) > 1 else data[0], indent=2, ensure_ascii=False))
        return
    for position, comparison in enumerate(comparisons):
        if position:
            click.echo("")
        click.echo(f"Ce qui change : {comparison.name}")
        for line in comparison_lines(comparison, "  "):
            click.echo(line)


class _EarlierReportError(Exception):
    """A line of the earlier reports is not a report (located, without its values)."""


def _earlier_reports(path: str) -> Iterator[Report]:
    with open(path, encoding="utf-8") as stream:
        for number, text in enumerate(stream, start=1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
                if not isinstance(data, dict):
                    raise ValueError("not an object")
                # Reports written before rules 1.1.0 carry no rules version.
                data.setdefault("rules_version", "antérieure à 1.1.0")
                yield Report.model_validate(data)
            except (ValueError, ValidationError) as exc:
                where = ""
                if isinstance(exc, ValidationError) and exc.errors():
                    where = " at " + ".".join(str(x) for x in exc.errors()[0]["loc"])
                raise _EarlierReportError(
                    f"{path}:{number}: expected a report of rights-engine (one JSON object per "
                    f"line, from simulate --format json){where}"
                ) from None


def _caseload(
    ctx: click.Context,
    path: str,
    from_month: str | None,
    to_month: str | None,
    output_format: str,
    against: str | None = None,
    period: str | None = None,
) -> None:
    all_good = True

    def rows() -> Iterator[tuple[int, Situation]]:
        nonlocal all_good
        for line, item in iter_situations(path):
            if isinstance(item, SituationError):
                all_good = False
                for problem in item.problems:
                    click.echo(str(problem), err=True)
                continue
            yield line, item

    if against is not None:
        results = compare_caseload_against(rows(), _earlier_reports(against), period)
    else:
        assert from_month is not None and to_month is not None
        results = compare_caseload(rows(), from_month, to_month)
    try:
        for result in results:
            _write(result, path, output_format)
    except (_EarlierReportError, ValueError) as exc:
        click.echo(str(exc), err=True)
        ctx.exit(2)
    if not all_good:
        ctx.exit(2)


def _write(result: HouseholdChange | CaseloadTotals, path: str, output_format: str) -> None:
    """One household that changes, or the totals, on stdout."""
    if output_format == "json":
        if isinstance(result, CaseloadTotals):
            click.echo(json.dumps({"totals": json.loads(result.model_dump_json())}))
        else:
            click.echo(result.model_dump_json())
    elif isinstance(result, HouseholdChange):
        click.echo(household_line(f"{path}:{result.line}", result))
    else:
        for text in caseload_lines(result):
            click.echo(text)
