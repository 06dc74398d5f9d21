"""The report as French text for a social worker, printed with rich.

Everything is built from :class:`rich.text.Text` pieces, never from console markup, so that a
label holding brackets is printed as written. Colours only appear on a terminal.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from rights_engine.report import Finding, PartnerContact, Reason, Report

from .present import (
    DISCLAIMER,
    REASON_MARKS,
    URGENCY_LABELS,
    VERDICT_LABELS,
    amount_text,
    date_text,
    legislation_text,
    local_contact_rows,
    local_contact_title,
    month_text,
    numbers_text,
    question_numbers,
    screening_line,
    split_findings,
    synthesis_lines,
    unlikely_line,
)

__all__ = ["print_report", "report_console"]

_VERDICT_STYLES = {"likely": "bold green", "to_confirm": "bold yellow", "unlikely": "dim"}
_URGENCY_STYLES = {"emergency": "bold red", "high": "bold magenta", "normal": ""}
_MARK_STYLES = {"met": "green", "not_met": "red", "unknown": "yellow", "not_required": "dim"}
_INDENT = "   "


def _line(*parts: str | tuple[str, str], indent: int = 0) -> Text:
    text = Text(_INDENT * indent)
    for part in parts:
        if isinstance(part, tuple):
            text.append(part[0], style=part[1])
        else:
            text.append(part)
    return text


def _reason(reason: Reason, indent: int) -> Text:
    text = _line(
        (REASON_MARKS[reason.status], _MARK_STYLES[reason.status]), " ", reason.label, indent=indent
    )
    if reason.status == "not_required":
        text.append(" (non requis)", style="dim")
    text.append(" — ", style="dim")
    text.append(reason.reference.title, style=f"dim link {reason.reference.href}")
    return text


def _bullets(
    console: Console, title: str, items: list[str], indent: int = 1, numbered: bool = False
) -> None:
    if not items:
        return
    console.print(_line((title, "bold"), indent=indent))
    for number, item in enumerate(items, start=1):
        mark = f"{number}." if numbered else "•"
        console.print(_line(f"{mark} {item}", indent=indent + 1))


_SYNTHESIS_STYLES = {"section": "bold", "item": "", "sub": "", "plain": "", "total": "bold"}
_SYNTHESIS_INDENT = {"section": 0, "item": 1, "sub": 2, "plain": 0, "total": 1}


def _synthesis(console: Console, report: Report) -> None:
    console.print(_line(("Synthèse", "bold underline")))
    for style, text, references in synthesis_lines(report):
        mark = "• " if style == "item" and not text[:1].isdigit() else ""
        line = _line((mark + text, _SYNTHESIS_STYLES[style]), indent=_SYNTHESIS_INDENT[style])
        for reference in references:
            line.append(" — ", style="dim")
            line.append(reference.title, style=f"dim link {reference.href}")
        console.print(line)


def _finding(console: Console, report: Report, finding: Finding) -> None:
    console.print(_line((f"{finding.rank}. {finding.label}", "bold")))
    summary = _line(
        (VERDICT_LABELS[finding.verdict], _VERDICT_STYLES[finding.verdict]),
        " · ",
        (URGENCY_LABELS[finding.urgency], _URGENCY_STYLES[finding.urgency]),
        indent=1,
    )
    console.print(summary)
    if finding.estimated_amount is not None:
        console.print(
            _line("Montant estimé : ", (amount_text(finding.estimated_amount), "bold"), indent=1)
        )
    else:
        console.print(_line(("Orientation, sans montant", "dim"), indent=1))
    console.print(_line((finding.rank_reason, "dim italic"), indent=1))
    if finding.reasons:
        console.print(_line(("Conditions :", "bold"), indent=1))
        for reason in finding.reasons:
            console.print(_reason(reason, indent=2))
    _bullets(console, "Détails :", finding.details)
    numbers = question_numbers(report, finding)
    if numbers:
        console.print(
            _line(("Questions qui en décident : ", "bold"), numbers_text(numbers), indent=1)
        )
    _bullets(
        console, "Échéances :", [f"{date_text(d.date)} : {d.label}" for d in finding.deadlines]
    )
    if finding.partners:
        console.print(_line(("Partenaires :", "bold"), indent=1))
        for partner in finding.partners:
            console.print(_line("• ", (partner.name, "bold"), indent=2))
            if partner.bring:
                console.print(_line("Pièces à apporter : ", " ; ".join(partner.bring), indent=3))
            console.print(_line("Demande à faire : ", partner.ask, indent=3))
    _bullets(console, "Prochaines étapes :", finding.next_steps, numbered=True)
    console.print()


def _set_aside(console: Console, finding: Finding) -> None:
    console.print(_line(("• " + unlikely_line(finding), "dim"), indent=1))


def _partner(console: Console, partner: PartnerContact) -> None:
    console.print(_line("• ", (partner.name, "bold"), indent=1))
    console.print(_line("Contact : ", partner.contact, indent=2))
    if partner.url:
        console.print(_line("Site : ", (partner.url, f"link {partner.url}"), indent=2))
    if partner.local is not None:
        console.print(_line((local_contact_title(partner.local), "bold"), indent=2))
        for label, value in local_contact_rows(partner.local):
            console.print(_line(f"{label} : ", value, indent=3))
    console.print(_line("Pour : ", " ; ".join(partner.handles), indent=2))


class _PipeConsole(Console):
    """A console that lets a closed output (``| head``) raise :class:`BrokenPipeError`, which
    the command turns into its status 141, instead of rich's own exit with status 1."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def report_console(out: TextIO | None = None) -> Console:
    """The console that reports are printed on (stdout by default): no markup, no emoji, no
    highlighting; in a file or a pipe, lines are not cut at 80 columns (a terminal gets its
    width). A closed output raises :class:`BrokenPipeError`."""
    console = _PipeConsole(highlight=False, emoji=False, markup=False, file=out)
    console.soft_wrap = not console.is_terminal
    return console


def print_report(
    console: Console, report: Report, source: str | None = None, short: bool = False
) -> None:
    """Print one report: header and synthesis, then (unless ``short``) the details: rights to
    check, generic checks, the other questions, partners, notices, rights set aside."""
    name = report.situation_id or "sans identifiant"
    console.print(
        Rule(Text(f"Situation {name} — {month_text(report.period)}", style="bold"), align="left")
    )
    if source:
        console.print(_line((f"Fichier : {source}", "dim")))
    console.print(_line((DISCLAIMER, "italic")))
    _synthesis(console, report)
    if short:
        return
    console.print()

    to_check, screening, set_aside = split_findings(report)
    console.print(_line(("Détail des droits et démarches à vérifier", "bold underline")))
    console.print()
    if to_check:
        for finding in to_check:
            if (finding.programme, finding.person) in screening:
                console.print(_line(screening_line(report, finding)))
                console.print()
            else:
                _finding(console, report, finding)
    else:
        console.print(_line("Aucun droit ni aucune démarche à vérifier au vu des faits connus"))
        console.print()

    shown = len(report.synthesis.questions) if report.synthesis is not None else 0
    if len(report.questions) > shown:
        console.print(_line(("Autres questions", "bold underline")))
        for number, question in enumerate(report.questions, start=1):
            if number > shown:
                console.print(_line(f"{number}. {question.question}", indent=1))
        console.print()

    if report.partners:
        console.print(_line(("Partenaires à contacter", "bold underline")))
        for partner in report.partners:
            _partner(console, partner)
        console.print()

    if report.notices:
        console.print(_line(("À noter", "bold underline")))
        for notice in report.notices:
            console.print(_line(f"• {notice}", indent=1))
        console.print()

    if set_aside:
        console.print(_line(("Peu probables au vu des faits connus", "bold underline")))
        for finding in set_aside:
            _set_aside(console, finding)
        console.print()

    console.print(_line((legislation_text(report), "dim")))
