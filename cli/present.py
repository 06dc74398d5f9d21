"""French wording shared by the text and Markdown reports: amounts, months, verdicts, statuses.

Both renderers say the same things in the same order; only the markup differs.
"""

from __future__ import annotations

import datetime as dt

from rights_engine.engine.ranking import URGENCY_LABELS, VERDICT_LABELS
from rights_engine.report import Amount, Finding, LocalContact, Report

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
    "split_findings",
]

DISCLAIMER = (
    "Orientation indicative, à partir des faits connus : seul l'organisme compétent décide "
    "de l'ouverture d'un droit"
)

REASON_MARKS = {"met": "✓", "not_met": "✗", "unknown": "?", "not_required": "–"}
"""How each condition status is marked; ``not_required`` also says « (non requis) »."""

STATUS_LABELS = {"complete": "complet", "partial": "partiel", "orientation": "orientation seule"}
"""Status of a programme's encoding (``rules/registry.yaml``), in French."""

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
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
        return f"{_MONTHS[number - 1]} {year}"
    except (ValueError, IndexError):
        return month


def date_text(day: str) -> str:
    """``2027-03-31`` → ``31 mars 2027`` (the date as written if it is not ISO)."""
    try:
        parsed = dt.date.fromisoformat(day)
    except ValueError:
        return day
    first = "1er" if parsed.day == 1 else str(parsed.day)
    return f"{first} {_MONTHS[parsed.month - 1]} {parsed.year}"


def split_findings(report: Report) -> tuple[list[Finding], list[Finding]]:
    """The rights to check (rank order) and those set aside as unlikely (rank order)."""
    to_check = [f for f in report.findings if f.verdict != "unlikely"]
    set_aside = [f for f in report.findings if f.verdict == "unlikely"]
    return to_check, set_aside


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
