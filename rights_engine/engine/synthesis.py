"""The synthesis that opens every report: what a worker reads in one minute (DESIGN.md).

Built from the ranked findings and the household's questions only (it computes no right):
- **emergencies** (immediate or high urgency) with what to do today;
- **rights likely due**, with their amounts and the total a month the household could receive
  beyond what it declares;
- **rights to confirm**, each with the numbers of the questions that decide it;
- the **first questions** of the household's list (each asked once, the most decisive first);
- **generic checks** (energy, debts, violence, rent arrears) that nothing in the situation points
  to: their question is in the list, they are not listed as rights to confirm;
- **which right to claim first** when rights exclude or follow each other;
- the **partners** in order, each once, with the documents of all its findings merged;
- the **dates** that matter.

Every list is capped so that the synthesis fits on one screen; the details follow in the report.
"""

from __future__ import annotations

from rights_engine.engine.claims import claim_order
from rights_engine.report import (
    Amount,
    Deadline,
    Finding,
    PartnerContact,
    Question,
    Synthesis,
    SynthesisItem,
    SynthesisPartner,
    SynthesisQuestion,
)
from rights_engine.situation.models import Benefit, Situation

__all__ = [
    "MAX_DATES",
    "MAX_PARTNERS",
    "MAX_QUESTIONS",
    "MAX_TO_CONFIRM",
    "SCREENING_FACTS",
    "build_synthesis",
    "is_screening",
    "monthly",
]

MAX_TO_CONFIRM = 5
MAX_QUESTIONS = 6
MAX_PARTNERS = 5
MAX_DATES = 4
MONTHS_PER_YEAR = 12

SCREENING_FACTS = frozenset({"energy_debt", "debts", "domestic_violence", "rent_arrears"})
"""Facts asked of every household by default (screening questions): a finding that depends on
them alone, with no condition met, is a generic check, not a right to confirm. The violence
question is asked of everyone (national recommendation), once, in the question list."""

RECEIVED_AS: dict[str, Benefit] = {
    "rsa": Benefit.rsa,
    "prime_activite": Benefit.prime_activite,
    "aah": Benefit.aah,
    "aspa": Benefit.aspa,
    "apa_domicile": Benefit.apa,
    "aide_logement": Benefit.housing_aid,
    "css": Benefit.css,
    "allocations_familiales": Benefit.family_benefits,
    "complement_familial": Benefit.family_benefits,
    "paje_allocation_base": Benefit.family_benefits,
    "asf": Benefit.family_benefits,
}
"""Which declared benefit (``household.benefits_received``) each programme is."""


def monthly(amount: Amount, value: float) -> float:
    """A value of ``amount`` in €/month (a yearly amount counts for a twelfth)."""
    return value / MONTHS_PER_YEAR if amount.unit == "EUR/an" else value


def is_screening(finding: Finding) -> bool:
    """A generic check: no amount, to confirm, no condition met, and only screening facts
    missing (nothing in the situation points to it yet)."""
    return (
        finding.verdict == "to_confirm"
        and finding.estimated_amount is None
        and not any(reason.status == "met" for reason in finding.reasons)
        and bool(finding.missing)
        and all(missing.fact in SCREENING_FACTS for missing in finding.missing)
    )


def _label(finding: Finding) -> str:
    return f"{finding.label} ({finding.person})" if finding.person else finding.label


def _numbers(finding: Finding, questions: list[Question]) -> list[int]:
    return [n for n, q in enumerate(questions, start=1) if finding.programme in q.programmes]


def _questions_note(numbers: list[int]) -> str:
    if not numbers:
        return "à vérifier avec le partenaire"
    shown = ", ".join(str(n) for n in numbers[:4])
    more = "…" if len(numbers) > 4 else ""
    return f"question{'s' if len(numbers) > 1 else ''} n° {shown}{more}"


def _today(finding: Finding) -> str:
    """What to do today: the first partner's request, else the first next step."""
    if finding.partners:
        return finding.partners[0].ask
    return finding.next_steps[0] if finding.next_steps else "Contacter le partenaire"


def _received(situation: Situation, finding: Finding) -> bool:
    """A right the household declares it receives (the family benefits are compared apart)."""
    benefit = RECEIVED_AS.get(finding.programme)
    if benefit is Benefit.family_benefits:
        return False
    return benefit is not None and benefit in (situation.household.benefits_received or [])


def _euros(value: float) -> str:
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",")
    return f"{text} €"


def _family_gap(situation: Situation, likely: list[Finding]) -> tuple[float, str | None]:
    """The family benefits the household declares against those computed as likely: what is
    counted beyond the declared amount, and a note when both are known and differ."""
    family = [
        f
        for f in likely
        if RECEIVED_AS.get(f.programme) is Benefit.family_benefits
        and f.estimated_amount is not None
    ]
    due = sum(
        monthly(f.estimated_amount, f.estimated_amount.minimum)
        for f in family
        if f.estimated_amount
    )
    declared = situation.household.family_benefits or 0.0
    if not family or declared <= 0:
        return due, None
    note = (
        f"Prestations familiales : le foyer déclare {_euros(declared)}/mois, le calcul en donne "
        f"{_euros(due)}/mois ; vérifier les droits avec la CAF (le RSA et la prime d'activité "
        f"sont calculés avec les {_euros(declared)} déclarés)"
    )
    return max(0.0, due - declared), note


ALTERNATIVE_OF = {"msa": frozenset({"caf", "cpam"})}
"""A partner that stands in for others for some households (the MSA for the CAF and the CPAM,
under the agricultural scheme): left out of the synthesis when one of those is listed."""


def _merge_document(documents: list[str], document: str) -> None:
    """Add ``document`` unless one already listed says it (« Pièce d'identité » is in « Pièce
    d'identité ou titre de séjour »); a fuller wording replaces a shorter one."""
    for index, listed in enumerate(documents):
        if listed.startswith(document):
            return
        if document.startswith(listed):
            documents[index] = document
            return
    documents.append(document)


def _partners(findings: list[Finding], contacts: list[PartnerContact]) -> list[SynthesisPartner]:
    bring: dict[str, list[str]] = {}
    handles: dict[str, list[str]] = {}
    for finding in findings:
        for partner in finding.partners:
            documents = bring.setdefault(partner.id, [])
            for document in partner.bring:
                _merge_document(documents, document)
            labels = handles.setdefault(partner.id, [])
            if finding.label not in labels:
                labels.append(finding.label)
    by_id = {contact.id: contact for contact in contacts}
    return [
        SynthesisPartner(
            id=key,
            name=by_id[key].name,
            contact=by_id[key].contact,
            local=by_id[key].local,
            handles=handles[key],
            bring=bring[key],
        )
        for key in handles
        if key in by_id and not ALTERNATIVE_OF.get(key, frozenset()) & handles.keys()
    ]


def _dates(findings: list[Finding]) -> list[Deadline]:
    seen: dict[tuple[str, str], Deadline] = {}
    for finding in findings:
        for deadline in finding.deadlines:
            seen.setdefault((deadline.date, deadline.label), deadline)
    return sorted(seen.values(), key=lambda d: (d.date, d.label))[:MAX_DATES]


def build_synthesis(
    situation: Situation,
    findings: list[Finding],
    questions: list[Question],
    contacts: list[PartnerContact],
) -> Synthesis:
    """The synthesis of one report, from its ranked findings, questions and partners."""
    open_findings = [f for f in findings if f.verdict != "unlikely"]
    screening = [f for f in open_findings if is_screening(f)]
    shown = [f for f in open_findings if not is_screening(f)]
    urgent = [f for f in shown if f.urgency in ("emergency", "high")]
    calm = [f for f in shown if f.urgency == "normal"]
    likely = [f for f in calm if f.verdict == "likely"]
    to_confirm = [f for f in calm if f.verdict == "to_confirm"]
    order = claim_order(situation, findings)

    total, family_note = _family_gap(
        situation, [f for f in likely if f.programme not in order.not_counted]
    )
    if family_note is not None:
        order.add(family_note)
    likely_items = []
    for finding in likely:
        received = _received(situation, finding)
        counted = finding.programme not in order.not_counted
        amount = finding.estimated_amount
        family = RECEIVED_AS.get(finding.programme) is Benefit.family_benefits
        if amount is not None and not received and counted and not family:
            total += monthly(amount, amount.minimum)
        if received:
            note = "déjà perçu"
        elif family and family_note is not None:
            note = "à comparer aux prestations familiales déclarées"
        elif not counted:
            note = "non cumulable : voir l'ordre des demandes"
        else:
            note = "à demander"
        likely_items.append(
            SynthesisItem(
                programme=finding.programme,
                person=finding.person,
                label=_label(finding),
                amount=amount,
                note=note,
            )
        )
    return Synthesis(
        emergencies=[
            SynthesisItem(
                programme=f.programme,
                person=f.person,
                label=_label(f),
                amount=f.estimated_amount,
                note=_today(f),
            )
            for f in urgent
        ],
        likely=likely_items,
        monthly_total=round(total, 2),
        to_confirm=[
            SynthesisItem(
                programme=f.programme,
                person=f.person,
                label=_label(f),
                amount=f.estimated_amount,
                note=_questions_note(_numbers(f, questions)),
            )
            for f in to_confirm[:MAX_TO_CONFIRM]
        ],
        to_confirm_others=[_label(f) for f in to_confirm[MAX_TO_CONFIRM:]],
        questions=[
            SynthesisQuestion(
                number=number,
                question=question.question,
                decides=[_label(f) for f in open_findings if f.programme in question.programmes],
            )
            for number, question in enumerate(questions[:MAX_QUESTIONS], start=1)
        ],
        questions_total=len(questions),
        screening=[
            SynthesisItem(
                programme=f.programme,
                person=f.person,
                label=_label(f),
                amount=None,
                note=_questions_note(_numbers(f, questions)),
            )
            for f in screening
        ],
        advice=order.notes,
        partners=_partners(shown, contacts)[:MAX_PARTNERS],
        dates=_dates(shown),
        unlikely=[_label(f) for f in findings if f.verdict == "unlikely"],
    )
