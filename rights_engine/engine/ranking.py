"""Rank findings: urgency, then what the meeting is about, then expected value, then certainty.

Within the same urgency (DESIGN.md):
1. **what the meeting is about**: an orientation opened by an observation or a reported fact
   (a condition met, no amount: a child at risk, a budget the person cannot manage) comes first;
   then the rights with an amount; then the generic checks, that nothing in the situation points
   to yet (no condition met: every one still to ask);
2. **expected value** = the middle of the estimated monthly amount × the chance the right
   applies (1 if likely, ½ if to confirm);
3. **certainty**: likely before to confirm;
4. then the order of the registry (``rules/registry.yaml``) — never the alphabet.

Findings judged unlikely come last, for the record. ``rank_reason`` says which step placed each.
"""

from __future__ import annotations

from functools import lru_cache

from rights_engine.engine.catalogue import partners, programmes
from rights_engine.report import Finding, PartnerContact

__all__ = [
    "rank_findings",
    "partners_to_contact",
    "opening_conditions",
    "relevance",
    "URGENCY_LABELS",
    "VERDICT_LABELS",
]

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

OPENED_BY_FACTS, MONEY_RIGHT, GENERIC = 0, 1, 2
RELEVANCE_LABELS = {
    OPENED_BY_FACTS: "ouvert par un fait signalé ou observé",
    MONEY_RIGHT: "prestation ou démarche qui en découle",
    GENERIC: "vérification générale, rien ne la signale encore",
}


def expected_monthly_value(finding: Finding) -> float:
    amount = finding.estimated_amount
    if amount is None:
        return 0.0
    middle = (amount.minimum + amount.maximum) / 2
    monthly = middle / MONTHS_PER_YEAR if amount.unit == "EUR/an" else middle
    return round(monthly * VERDICT_WEIGHT[finding.verdict], 2)


REPORTED_FACTS = frozenset(
    {
        "energy_debt",
        "debts",
        "rent_arrears",
        "domestic_violence",
        "no_shelter_tonight",
        "child_at_risk_reported",
        "parents_overwhelmed",
        "cannot_manage_budget",
        "disability_rate",
        "gir",
    }
)
"""Facts a worker observes or is told at the meeting (observations, debts, a disability): an
orientation whose condition on one of them is met is what the meeting is about."""


def relevance(finding: Finding) -> int:
    """How close the finding is to what the meeting is about (lower comes first): an
    orientation opened by an observed or reported fact, a right, or a generic check."""
    met = {reason.label for reason in finding.reasons if reason.status == "met"}
    if not met and finding.verdict == "to_confirm":
        return GENERIC
    if met & opening_conditions().get(finding.programme, frozenset()):
        return OPENED_BY_FACTS
    return MONEY_RIGHT


@lru_cache(maxsize=1)
def opening_conditions() -> dict[str, frozenset[str]]:
    """For each orientation-only programme, the labels of its conditions on a reported fact or
    on an observation (a condition that asks no fact reads the worker's observations)."""
    return {
        p.id: frozenset(
            c.label for c in p.rules.conditions if not c.facts or set(c.facts) & REPORTED_FACTS
        )
        for p in programmes()
        if p.status == "orientation"
    }


def _registry_order() -> dict[str, int]:
    return {programme.id: index for index, programme in enumerate(programmes())}


def _key(finding: Finding, order: dict[str, int]) -> tuple[bool, int, int, float, int, int, str]:
    return (
        finding.verdict == "unlikely",
        URGENCY_ORDER[finding.urgency],
        relevance(finding),
        -expected_monthly_value(finding),
        VERDICT_ORDER[finding.verdict],
        order.get(finding.programme, len(order)),
        finding.person or "",
    )


def _reason(finding: Finding) -> str:
    if finding.verdict == "unlikely":
        return (
            "Peu probable au vu des faits connus : listé pour mémoire, après les droits à vérifier"
        )
    parts = [
        URGENCY_LABELS[finding.urgency],
        RELEVANCE_LABELS[relevance(finding)],
        VERDICT_LABELS[finding.verdict],
    ]
    value = expected_monthly_value(finding)
    if finding.estimated_amount is not None:
        parts.insert(2, f"valeur attendue ≈ {value:,.0f} €/mois".replace(",", " "))
    return (
        "Classé par urgence, puis objet de l'entretien, puis valeur attendue, puis degré de "
        "certitude : " + " ; ".join(parts)
    )


def rank_findings(findings: list[Finding]) -> list[Finding]:
    order = _registry_order()
    ordered = sorted(findings, key=lambda finding: _key(finding, order))
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
