"""French wording shared by the text and Markdown reports: amounts, months, verdicts, statuses.

Both renderers say the same things in the same order; only the markup differs.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

from rights_engine.engine.ranking import URGENCY_LABELS, VERDICT_LABELS
from rights_engine.month_names import MONTH_NAMES
from rights_engine.report import (
    Amount,
    Finding,
    LegalReference,
    LocalContact,
    Report,
    SynthesisItem,
)

__all__ = [
    "DISCLAIMER",
    "REASON_MARKS",
    "STATUS_LABELS",
    "URGENCY_LABELS",
    "VERDICT_LABELS",
    "amount_text",
    "date_text",
    "euros",
    "legislation_text",
    "local_contact_rows",
    "local_contact_title",
    "month_text",
    "numbers_text",
    "question_numbers",
    "unlikely_line",
    "screening_line",
    "short_amount",
    "split_findings",
    "SynthesisLine",
    "synthesis_lines",
]

DISCLAIMER = (
    "Orientation indicative, à partir des faits connus : seul l'organisme compétent décide "
    "de l'ouverture d'un droit"
)

REASON_MARKS = {"met": "✓", "not_met": "✗", "unknown": "?", "not_required": "–"}
"""How each condition status is marked; ``not_required`` also says « (non requis) »."""

STATUS_LABELS = {"complete": "complet", "partial": "partiel", "orientation": "orientation seule"}
"""Status of a programme's encoding (``rules/registry.yaml``), in French."""

_UNITS = {"EUR/mois": "€/mois", "EUR/an": "€/an"}


def euros(value: float) -> str:
    """``1 115,80 €``: French decimal comma, space between thousands."""
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",")
    return f"{text} €"


def amount_text(amount: Amount) -> str:
    """``573,49 €/mois``, or ``entre 0,00 € et 573,49 €/mois`` when unknown facts matter."""
    unit = _UNITS[amount.unit]
    if amount.is_range:
        return f"entre {euros(amount.minimum)} et {euros(amount.maximum)}{unit[1:]}"
    return f"{euros(amount.minimum)}{unit[1:]}"


def month_text(month: str) -> str:
    """``2026-11`` → ``novembre 2026`` (the month as written if it is not ``YYYY-MM``)."""
    try:
        year, number = (int(part) for part in month.split("-"))
        return f"{MONTH_NAMES[number - 1]} {year}"
    except (ValueError, IndexError):
        return month


def date_text(day: str) -> str:
    """``2027-03-31`` → ``31 mars 2027`` (the date as written if it is not ISO)."""
    try:
        parsed = dt.date.fromisoformat(day)
    except ValueError:
        return day
    first = "1er" if parsed.day == 1 else str(parsed.day)
    return f"{first} {MONTH_NAMES[parsed.month - 1]} {parsed.year}"


def split_findings(
    report: Report,
) -> tuple[list[Finding], set[tuple[str, str | None]], list[Finding]]:
    """The findings to check (rank order), the keys ``(programme, person)`` of those among them
    that are generic checks nothing points to yet (shown on one line: their questions are in
    the list), and the findings set aside as unlikely (rank order)."""
    generic = (
        {(item.programme, item.person) for item in report.synthesis.screening}
        if report.synthesis is not None
        else set()
    )
    to_check = [f for f in report.findings if f.verdict != "unlikely"]
    set_aside = [f for f in report.findings if f.verdict == "unlikely"]
    return to_check, generic, set_aside


def screening_line(report: Report, finding: Finding) -> str:
    """One line for a generic check: rank, label and the questions that would open it."""
    numbers = numbers_text(question_numbers(report, finding))
    return f"{finding.rank}. {finding.label} — vérification générale : questions {numbers}"


def question_numbers(report: Report, finding: Finding) -> list[int]:
    """Numbers (in the household's list) of the questions that can change ``finding``."""
    return [
        number
        for number, question in enumerate(report.questions, start=1)
        if finding.programme in question.programmes
    ]


def numbers_text(numbers: list[int]) -> str:
    """``n° 1, 4 et 7``."""
    shown = [str(n) for n in numbers]
    if len(shown) > 1:
        return f"n° {', '.join(shown[:-1])} et {shown[-1]}"
    return f"n° {shown[0]}" if shown else ""


def unlikely_line(finding: Finding) -> str:
    """One line for a finding set aside: its label and the conditions not met."""
    failed = [f"✗ {r.label}" for r in finding.reasons if r.status == "not_met"]
    why = f" — {' ; '.join(failed)}" if failed else ""
    return f"{finding.label}{why}"


def legislation_text(report: Report) -> str:
    parts = [
        f"{item.programme} {item.version} (validée {item.validated_from} → {item.validated_to})"
        for item in report.legislation
    ]
    return f"rights-engine {report.engine_version} ; législation : " + " ; ".join(parts)


def local_contact_title(local: LocalContact) -> str:
    """``Accueil local (département 24) : CAF de la Dordogne``."""
    return f"Accueil local ({local.scope}) : {local.name}"


def local_contact_rows(local: LocalContact) -> list[tuple[str, str]]:
    """The local office's address, phone and, when given, hours, e-mail and site, labelled."""
    rows = [("Adresse", local.address), ("Téléphone", local.phone)]
    optional = (("Horaires", local.hours), ("Courriel", local.email), ("Site", local.url))
    return rows + [(label, value) for label, value in optional if value]


SynthesisStyle = Literal["section", "item", "sub", "plain", "total"]
"""How a line of the synthesis reads: a section title, a bullet, its continuation, plain text,
or the total a month (stressed)."""

SCREENING_TOPICS = {
    "energy_debt": "impayés d'énergie",
    "rent_arrears": "loyers impayés",
    "debts": "dettes",
    "domestic_violence": "violences",
}
"""The screening questions asked of every household, by topic (``synthesis.SCREENING_FACTS``)."""


class SynthesisLine(NamedTuple):
    """A line of the synthesis: its style, its text and the legal references it cites."""

    style: SynthesisStyle
    text: str
    references: list[LegalReference] = []


MAX_DOCUMENTS = 6
"""Documents shown per partner in the synthesis (the details list them all)."""


def short_amount(amount: Amount) -> str:
    """``1 115,80 €/mois``, ``jusqu'à 402,00 €/mois`` or ``entre 10,00 € et 20,00 €/mois``."""
    unit = _UNITS[amount.unit][1:]
    if not amount.is_range:
        return f"{euros(amount.minimum)}{unit}"
    if amount.minimum <= 0:
        return f"jusqu'à {euros(amount.maximum)}{unit}"
    return f"entre {euros(amount.minimum)} et {euros(amount.maximum)}{unit}"


def _item(item: SynthesisItem) -> str:
    amount = f" : {short_amount(item.amount)}" if item.amount is not None else ""
    return f"{item.label}{amount}"


def _labels(labels: list[str]) -> str:
    return " ; ".join(labels)


def synthesis_lines(report: Report) -> list[SynthesisLine]:
    """The synthesis as styled lines, shared by the text and Markdown reports.

    At most one line per item: it fits on one screen (≤ 40 lines with the report's header).
    """
    synthesis = report.synthesis
    if synthesis is None:
        return []
    lines: list[SynthesisLine] = []
    if synthesis.emergencies:
        lines.append(SynthesisLine("section", "Urgent — à faire aujourd'hui"))
        for item in synthesis.emergencies:
            lines.append(SynthesisLine("item", _item(item)))
            lines.append(SynthesisLine("sub", f"→ {item.note}"))
    total = euros(synthesis.monthly_total)
    if synthesis.likely:
        lines.append(SynthesisLine("section", "Droits et démarches probables"))
        for item in synthesis.likely:
            lines.append(SynthesisLine("item", f"{_item(item)} ({item.note})"))
        if synthesis.monthly_total > 0:
            lines.append(
                SynthesisLine(
                    "total", f"Total : {total}/mois de plus que ce que le foyer déclare percevoir"
                )
            )
        else:
            lines.append(
                SynthesisLine("total", "Aucun montant nouveau par mois au vu des faits connus")
            )
    else:
        lines.append(SynthesisLine("section", "Droits probables : aucun au vu des faits connus"))
    if synthesis.to_confirm:
        lines.append(SynthesisLine("section", "À confirmer, selon les réponses aux questions"))
        for item in synthesis.to_confirm:
            lines.append(SynthesisLine("item", f"{_item(item)} — {item.note}"))
        if synthesis.to_confirm_others:
            count = len(synthesis.to_confirm_others)
            lines.append(
                SynthesisLine(
                    "item", f"et {count} autre{'s' if count > 1 else ''} (détail plus bas)"
                )
            )
    if synthesis.questions:
        shown = len(synthesis.questions)
        rest = synthesis.questions_total - shown
        title = "Questions à poser, les plus décisives d'abord"
        if rest:
            title += f" ({rest} autre{'s' if rest > 1 else ''} plus bas)"
        lines.append(SynthesisLine("section", title))
        for question in synthesis.questions:
            lines.append(SynthesisLine("item", f"{question.number}. {question.question}"))
    if synthesis.screening:
        asked = [
            (number, question.fact)
            for number, question in enumerate(report.questions, start=1)
            if question.fact in SCREENING_TOPICS
        ]
        topics = ", ".join(dict.fromkeys(SCREENING_TOPICS[fact] for _, fact in asked))
        numbers = numbers_text([number for number, _ in asked])
        lines.append(
            SynthesisLine(
                "plain",
                f"Repérage systématique ({topics}) : questions {numbers} ; "
                f"{len(synthesis.screening)} orientations possibles, détail plus bas",
            )
        )
    if synthesis.advice:
        lines.append(SynthesisLine("section", "Ordre des demandes et délais"))
        lines += [SynthesisLine("item", note.text, note.references) for note in synthesis.advice]
    if synthesis.partners:
        lines.append(SynthesisLine("section", "Qui contacter, dans l'ordre"))
        for number, partner in enumerate(synthesis.partners, start=1):
            where = partner.local.name if partner.local is not None else partner.contact
            phone = f", {partner.local.phone}" if partner.local is not None else ""
            lines.append(SynthesisLine("item", f"{number}. {partner.name} — {where}{phone}"))
            if partner.bring:
                documents = partner.bring[:MAX_DOCUMENTS]
                more = " ; etc." if len(partner.bring) > MAX_DOCUMENTS else ""
                lines.append(SynthesisLine("sub", f"Apporter : {_labels(documents)}{more}"))
    if synthesis.dates:
        lines.append(SynthesisLine("section", "Dates"))
        lines += [
            SynthesisLine("item", f"{date_text(d.date)} : {d.label}") for d in synthesis.dates
        ]
    if synthesis.unlikely:
        count = len(synthesis.unlikely)
        lines.append(
            SynthesisLine(
                "plain",
                f"Écartés comme peu probables : {count} (une ligne chacun, en fin de rapport)",
            )
        )
    return lines
