"""Rank findings: urgency first, then expected value, then confidence (DESIGN.md).

Expected value = the middle of the estimated monthly amount × the chance the right applies
(1 if likely, ½ if to confirm). Findings judged unlikely come last, for the record.
"""

from __future__ import annotations

from rights_engine.engine.catalogue import partners
from rights_engine.report import Finding, PartnerContact

__all__ = ["rank_findings", "partners_to_contact", "URGENCY_LABELS", "VERDICT_LABELS"]

URGENCY_ORDER = {"emergency": 0, "high": 1, "normal": 2}
VERDICT_ORDER = {"likely": 0, "to_confirm": 1, "unlikely": 2}
VERDICT_WEIGHT = {"likely": 1.0, "to_confirm": 0.5, "unlikely": 0.0}
URGENCY_LABELS = {
    "emergency": "urgence immédiate",
    "high": "urgence haute",
    "normal": "urgence normale",
}
VERDICT_LABELS = {
    "likely": "droit probable",
    "to_confirm": "à confirmer",
    "unlikely": "peu probable",
}
MONTHS_PER_YEAR = 12


def expected_monthly_value(finding: Finding) -> float:
    amount = finding.estimated_amount
    if amount is None:
        return 0.0
    middle = (amount.minimum + amount.maximum) / 2
    monthly = middle / MONTHS_PER_YEAR if amount.unit == "EUR/an" else middle
    return round(monthly * VERDICT_WEIGHT[finding.verdict], 2)


def _key(finding: Finding) -> tuple[int, int, float, int, str]:
    return (
        finding.verdict == "unlikely",
        URGENCY_ORDER[finding.urgency],
        -expected_monthly_value(finding),
        VERDICT_ORDER[finding.verdict],
        finding.programme,
    )


def _reason(finding: Finding) -> str:
    if finding.verdict == "unlikely":
        return (
            "Peu probable au vu des faits connus : listé pour mémoire, après les droits à vérifier"
        )
    parts = [URGENCY_LABELS[finding.urgency], VERDICT_LABELS[finding.verdict]]
    value = expected_monthly_value(finding)
    if finding.estimated_amount is not None:
        parts.append(f"valeur attendue ≈ {value:,.0f} €/mois".replace(",", " "))
    else:
        parts.append("orientation sans montant")
    return "Classé par urgence, puis valeur attendue, puis degré de certitude : " + " ; ".join(
        parts
    )


def rank_findings(findings: list[Finding]) -> list[Finding]:
    ordered = sorted(findings, key=_key)
    return [
        finding.model_copy(update={"rank": position, "rank_reason": _reason(finding)})
        for position, finding in enumerate(ordered, start=1)
    ]


def partners_to_contact(findings: list[Finding]) -> list[PartnerContact]:
    """Each partner once, in the order of the first finding that names it, with what it handles."""
    catalogue = partners()
    handles: dict[str, list[str]] = {}
    for finding in findings:
        if finding.verdict == "unlikely":
            continue
        for partner in finding.partners:
            handles.setdefault(partner.id, [])
            if finding.label not in handles[partner.id]:
                handles[partner.id].append(finding.label)
    return [
        PartnerContact(
            id=key,
            name=catalogue[key].name,
            contact=catalogue[key].contact,
            url=catalogue[key].url,
            handles=labels,
        )
        for key, labels in handles.items()
    ]
