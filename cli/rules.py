"""``rights-engine rules``: the programmes, or with ``--stale`` the parameters due for a check.

The listing reads the registry and each programme's YAML only; ``--stale`` alone builds the
OpenFisca tax-benefit system, whose parameters it reads.
"""

from __future__ import annotations

import datetime as dt
import json

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from rights_engine.engine.catalogue import programmes

from .present import STATUS_LABELS

__all__ = ["print_stale", "rules"]


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"expected a date YYYY-MM-DD (e.g. 2027-01-02), got {value!r}", param_hint="--on"
        ) from None


def print_stale(on: str | None, output_format: str) -> None:
    """``rights-engine rules --stale [--on DATE]``: the parameters due for a check."""
    from rights_engine.engine.freshness import stale_parameters  # builds the OpenFisca system

    day = _day(on) or dt.date.today()
    stale = stale_parameters(day)
    if output_format == "json":
        listing = [
            {
                "parameter": p.name,
                "label": p.label,
                "revaluation": list(p.revaluation),
                "due": p.due,
                "last_value_date": p.last_value_date,
                "last_value_still_valid_on": p.last_value_still_valid_on,
                "programmes": list(p.programmes),
                "reference": {"title": p.reference_title, "href": p.reference_href},
            }
            for p in stale
        ]
        click.echo(json.dumps(listing, indent=2, ensure_ascii=False))
        return
    if not stale:
        click.echo(
            f"Aucun paramètre à vérifier au {day} : chaque valeur a été confirmée après sa "
            "dernière date de revalorisation."
        )
        return
    click.echo(
        f"{len(stale)} paramètres à vérifier au {day} : leur date de revalorisation habituelle "
        "est passée depuis leur dernière confirmation (last_value_still_valid_on)."
    )
    for p in stale:
        days = ", ".join(f"{d[3:]}/{d[:2]}" for d in p.revaluation)
        click.echo(f"- {p.name} — {p.label}")
        click.echo(
            f"  revalorisé le {days} ; revalorisation due le {p.due} ; dernière valeur datée du "
            f"{p.last_value_date}, confirmée le {p.last_value_still_valid_on}"
        )
        click.echo(f"  programmes : {', '.join(p.programmes) or 'aucun'}")
        click.echo(f"  texte à vérifier : {p.reference_title} <{p.reference_href}>")


@click.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option("--stale", is_flag=True, help="List the parameters due for a check instead.")
@click.option("--on", metavar="YYYY-MM-DD", help="With --stale: the date (default: today).")
def rules(output_format: str, stale: bool, on: str | None) -> None:
    """List the programmes: version, status, validated date range and legal basis.

    With --stale: the parameters whose usual revaluation day has passed since their value was
    last confirmed, with the programmes that read them and the legal text to check."""
    if stale:
        print_stale(on, output_format)
        return
    if output_format == "json":
        listing = [
            {
                "id": p.id,
                "label": p.label,
                "version": p.version,
                "status": p.status,
                "validated_from": p.validated_from,
                "validated_to": p.validated_to,
                "legal_basis": p.legal_basis,
                "entry_variables": p.entry_variables,
            }
            for p in programmes()
        ]
        click.echo(json.dumps(listing, indent=2, sort_keys=True, ensure_ascii=False))
        return
    table = Table(title="Programmes de rights-engine", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Programme (id, libellé, base légale)", ratio=1)
    table.add_column("Version", no_wrap=True)
    table.add_column("Statut")
    table.add_column("Validée", no_wrap=True)
    for p in programmes():
        programme = Text(p.id, style="bold")
        programme.append("\n" + p.label)
        programme.append("\n" + p.legal_basis, style="dim")
        table.add_row(
            programme,
            p.version,
            STATUS_LABELS.get(p.status, p.status),
            f"{p.validated_from} → {p.validated_to}",
            end_section=True,
        )
    Console(highlight=False, emoji=False, markup=False).print(table)
