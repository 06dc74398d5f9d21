"""What changes if, in French: a comparison of two reports, the what-if variants of a report,
and the totals of a caseload diff (``rights-engine compare``, ``simulate``)."""

from __future__ import annotations

from collections.abc import Iterator

from rights_engine.engine.compare import CaseloadTotals, HouseholdChange
from rights_engine.report import Amount, Comparison, FindingChange, Report

__all__ = ["caseload_lines", "comparison_lines", "household_line", "what_if_lines"]

VERDICTS = {"likely": "probable", "to_confirm": "à confirmer", "unlikely": "peu probable"}
HEADINGS = {
    "opens": "S'ouvre",
    "closes": "Se ferme",
    "verdict": "Verdict",
    "amount": "Montant",
}


def _euros(value: float) -> str:
    return f"{value:,.2f}".replace(",", " ").replace(".", ",")


def _value(value: float | str | None) -> str:
    if isinstance(value, float):
        text = f"{value:,.5f}".rstrip("0").rstrip(".")
        return text.replace(",", " ").replace(".", ",")
    return "—" if value is None else str(value)


def _amount(amount: Amount | None) -> str:
    if amount is None:
        return "—"
    unit = "€/an" if amount.unit == "EUR/an" else "€/mois"
    if amount.minimum == amount.maximum:
        return f"{_euros(amount.minimum)} {unit}"
    return f"{_euros(amount.minimum)} à {_euros(amount.maximum)} {unit}"


def _who(change: FindingChange) -> str:
    return f"{change.label} ({change.person})" if change.person else change.label


def _finding(change: FindingChange) -> str:
    heading = next((HEADINGS[m] for m in change.changes if m in HEADINGS), "Rang")
    parts = []
    if change.verdict_before != change.verdict_after:
        before = VERDICTS.get(change.verdict_before or "", "non évalué")
        after = VERDICTS.get(change.verdict_after or "", "non évalué")
        parts.append(f"{before} → {after}")
    if "amount" in change.changes:
        parts.append(f"{_amount(change.amount_before)} → {_amount(change.amount_after)}")
    if "rank" in change.changes:
        parts.append(f"rang {change.rank_before or '—'} → {change.rank_after or '—'}")
    return f"{heading} : {_who(change)} — " + " ; ".join(parts)


def comparison_lines(comparison: Comparison, indent: str = "") -> Iterator[str]:
    """The changes of a comparison, the rights that open or close first."""
    moved = [c for c in comparison.findings if set(c.changes) != {"rank"}]
    # Rank shifts alone are shown for the rights likely due (the others follow the moves above).
    ranks = [
        c for c in comparison.findings if set(c.changes) == {"rank"} and c.verdict_after == "likely"
    ]
    if not comparison.findings:
        yield f"{indent}Aucun droit ne change."
    order = {"opens": 0, "closes": 1, "verdict": 2, "amount": 3}
    for change in sorted(moved, key=lambda c: min(order.get(m, 4) for m in c.changes)):
        yield f"{indent}{_finding(change)}"
    if ranks:
        shifted = ", ".join(f"{_who(c)} {c.rank_before} → {c.rank_after}" for c in ranks)
        yield f"{indent}Rangs décalés : {shifted}"
    if comparison.new_partners:
        yield f"{indent}Nouveaux partenaires : {', '.join(comparison.new_partners)}"
    for deadline in comparison.new_deadlines:
        yield f"{indent}Nouvelle échéance : {deadline.date} — {deadline.label}"
    if comparison.parameters:
        moving = {c.programme for c in moved}
        yield (
            f"{indent}Paramètres dont la valeur a changé entre {comparison.before_period} et "
            f"{comparison.after_period} :"
        )
        for p in comparison.parameters:
            source = f" ({p.reference.title})" if p.reference else ""
            programmes = ", ".join(
                f"{name} (change pour ce foyer)" if name in moving else name
                for name in p.programmes
            )
            yield (
                f"{indent}- {p.label} [{p.name}] : {_value(p.before)} → {_value(p.after)}, "
                f"depuis le {p.since}"
                f"{source} ; programmes : {programmes or 'aucun'}"
            )
    if comparison.before_rules_version != comparison.after_rules_version:
        yield (
            f"{indent}Versions des règles : {comparison.before_rules_version} → "
            f"{comparison.after_rules_version}"
        )


def what_if_lines(report: Report) -> Iterator[str]:
    """The what-if variants of a report: what each one changes."""
    for comparison in report.what_if:
        yield ""
        when = f" ({comparison.after_period})" if comparison.after_period != report.period else ""
        yield f"Et si… {comparison.name}{when}"
        yield from comparison_lines(comparison, "  ")


def household_line(where: str, change: HouseholdChange) -> str:
    who = f" ({change.situation_id})" if change.situation_id else ""
    return f"{where}{who} : " + " | ".join(_finding(c) for c in change.findings)


def caseload_lines(totals: CaseloadTotals) -> Iterator[str]:
    yield ""
    between = f"entre {totals.from_period} et {totals.to_period}"
    if totals.from_rules_version != totals.to_rules_version:
        between = (
            f"entre les règles {totals.from_rules_version} et {totals.to_rules_version} "
            f"({totals.to_period})"
        )
    yield f"{totals.changed} foyers sur {totals.households} changent {between}."
    if totals.programmes:
        yield "Programme : foyers gagnés / perdus / changés ; écart des montants (€, bas – haut)"
    for p in totals.programmes:
        yield (
            f"- {p.label} [{p.programme}] : +{p.gained} / −{p.lost} / {p.changed} ; "
            f"{_euros(p.euros_minimum)} – {_euros(p.euros_maximum)}"
        )
    if totals.parameters:
        yield f"Paramètres modifiés : {len(totals.parameters)}"
        for changed in totals.parameters:
            yield (
                f"- {changed.name} : {_value(changed.before)} → {_value(changed.after)} depuis le "
                f"{changed.since} ; programmes : {', '.join(changed.programmes) or 'aucun'}"
            )
