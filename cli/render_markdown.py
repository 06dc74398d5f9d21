"""The report as Markdown (CommonMark): the same content as the text report, for a case file."""

from __future__ import annotations

import re

from rights_engine.report import Finding, Reason, Report

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

__all__ = ["escape", "markdown_report"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str) -> str:
    """Text shown as written: Markdown's special characters are escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def _reason(reason: Reason) -> str:
    label = escape(reason.label)
    if reason.status == "not_required":
        label += " (non requis)"
    link = f"[{escape(reason.reference.title)}]({reason.reference.href})"
    return f"- {REASON_MARKS[reason.status]} {label} — {link}"


def _list(title: str, items: list[str], numbered: bool = False) -> list[str]:
    if not items:
        return []
    lines = [f"**{title}**", ""]
    lines += [
        f"{n}. {escape(item)}" if numbered else f"- {escape(item)}"
        for n, item in enumerate(items, 1)
    ]
    return [*lines, ""]


def _synthesis(report: Report) -> list[str]:
    lines = ["## Synthèse", ""]
    previous = ""
    for style, plain, references in synthesis_lines(report):
        text = escape(plain) + "".join(
            f" — [{escape(reference.title)}]({reference.href})" for reference in references
        )
        if style == "section":
            if previous in ("item", "sub", "total"):
                lines.append("")
            lines += [f"**{text}**", ""]
        elif style == "item":
            lines.append(f"- {text}")
        elif style == "sub":
            lines.append(f"  - {text}")
        elif style == "total":
            lines.append(f"- **{text}**")
        else:
            if previous in ("item", "sub", "total"):
                lines.append("")
            lines += [text, ""]
        previous = style
    return [*lines, ""] if previous != "plain" else lines


def _finding(report: Report, finding: Finding) -> list[str]:
    lines = [f"### {finding.rank}. {escape(finding.label)}", ""]
    summary = f"**{VERDICT_LABELS[finding.verdict]}** · {URGENCY_LABELS[finding.urgency]}"
    if finding.estimated_amount is not None:
        summary += f" · montant estimé : **{amount_text(finding.estimated_amount)}**"
    else:
        summary += " · orientation, sans montant"
    lines += [summary, "", f"*{escape(finding.rank_reason)}*", ""]
    if finding.reasons:
        lines += ["**Conditions**", "", *(_reason(r) for r in finding.reasons), ""]
    lines += _list("Détails", finding.details)
    numbers = question_numbers(report, finding)
    if numbers:
        lines += [f"**Questions qui en décident** : {numbers_text(numbers)}", ""]
    lines += _list("Échéances", [f"{date_text(d.date)} : {d.label}" for d in finding.deadlines])
    if finding.partners:
        lines += ["**Partenaires**", ""]
        for partner in finding.partners:
            lines.append(f"- **{escape(partner.name)}**")
            if partner.bring:
                lines.append(f"  - Pièces à apporter : {escape(' ; '.join(partner.bring))}")
            lines.append(f"  - Demande à faire : {escape(partner.ask)}")
        lines.append("")
    lines += _list("Prochaines étapes", finding.next_steps, numbered=True)
    return lines


def markdown_report(report: Report, source: str | None = None) -> str:
    """One report as a Markdown document (ends with a newline)."""
    name = f"`{report.situation_id}`" if report.situation_id else "sans identifiant"
    lines = [f"# Situation {name} — {month_text(report.period)}", ""]
    if source:
        lines += [f"Fichier : `{source}`", ""]
    lines += [f"*{DISCLAIMER}*", ""]

    lines += _synthesis(report)

    to_check, screening, set_aside = split_findings(report)
    lines += ["## Détail des droits et démarches à vérifier", ""]
    if to_check:
        for finding in to_check:
            if (finding.programme, finding.person) in screening:
                lines += [f"### {escape(screening_line(report, finding))}", ""]
            else:
                lines += _finding(report, finding)
    else:
        lines += ["Aucun droit ni aucune démarche à vérifier au vu des faits connus", ""]

    shown = len(report.synthesis.questions) if report.synthesis is not None else 0
    if len(report.questions) > shown:
        lines += ["## Autres questions", ""]
        for number, question in enumerate(report.questions, start=1):
            if number > shown:
                lines.append(f"{number}. {escape(question.question)}")
        lines.append("")

    if report.partners:
        lines += ["## Partenaires à contacter", ""]
        for partner in report.partners:
            lines.append(f"- **{escape(partner.name)}**")
            lines.append(f"  - Contact : {escape(partner.contact)}")
            if partner.url:
                lines.append(f"  - Site : <{partner.url}>")
            if partner.local is not None:
                lines.append(f"  - {escape(local_contact_title(partner.local))}")
                for label, value in local_contact_rows(partner.local):
                    shown_value = f"<{value}>" if value == partner.local.url else escape(value)
                    lines.append(f"    - {label} : {shown_value}")
            lines.append(f"  - Pour : {escape(' ; '.join(partner.handles))}")
        lines.append("")

    if report.notices:
        lines += ["## À noter", "", *(f"- {escape(n)}" for n in report.notices), ""]

    if set_aside:
        lines += ["## Peu probables au vu des faits connus", ""]
        lines += [f"- {escape(unlikely_line(finding))}" for finding in set_aside]
        lines.append("")

    lines += ["---", "", f"*{escape(legislation_text(report))}*", ""]
    return "\n".join(lines)
