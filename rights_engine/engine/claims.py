"""Which right to claim first when rights exclude or follow each other, said plainly.

The findings say whether each right is likely; this module says, for rights that cannot be
paid together or come one after the other, which one to ask for first and why, so that the
report never leaves a worker with a false reason (e.g. « RSA peu utile » for a person whose
AAH awaits the MDPH):
- AAH and RSA: the RSA is subsidiary (CASF art. L262-10: other rights are claimed first), but
  while the MDPH decides (several months) the RSA is claimed at once; an AAH granted later
  counts in the RSA's resources;
- ASPA and RSA: from the age of the ASPA, the ASPA comes first (same article);
- complément familial and PAJE allocation de base: not paid together for the same children; the
  allocation de base while a child is under 3, the complément familial afterwards;
- a separation opens the ASF and the lone-parent RSA at once; a birth opens the PAJE, which the
  complément familial may follow when the youngest child turns 3;
- a right that opens at a known future date (a residence permit reaching the years the RSA or
  the ASPA require): « à partir de juin 2029 »;
- a commandement de payer: its time limit and the next steps of the eviction procedure.

Durations come from the dated parameters (``rsa.conditions.duree_titre_sejour_hors_ue``,
``aspa.duree_titre_sejour``), never from numbers written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rights_engine.month_names import MONTH_NAMES
from rights_engine.report import Advice, Finding, LegalReference
from rights_engine.situation.models import (
    EvictionStage,
    Month,
    Nationality,
    Person,
    Role,
    Situation,
)
from rights_engine.system import parameters_at

__all__ = ["ClaimOrder", "claim_order"]

MONTHS_PER_YEAR = 12
DAYS_PER_WEEK = 7
RSA_RESIDENCE_PERMIT = LegalReference(
    title="CASF art. L262-4, 2°",
    href="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087751",
)
ASPA_RESIDENCE_PERMIT = LegalReference(
    title="CSS art. L816-1",
    href="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042920144/2021-05-01",
)
LEASE_LAW = LegalReference(
    title="Loi n° 89-462 du 6 juillet 1989, art. 24",
    href="https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000509310",
)


@dataclass
class ClaimOrder:
    notes: list[Advice] = field(default_factory=list)
    """French sentences with their legal references, most important first."""

    def add(self, text: str, *references: LegalReference) -> None:
        self.notes.append(Advice(text=text, references=list(references)))

    not_counted: set[str] = field(default_factory=set)
    """Programmes left out of the monthly total: they cannot be paid with one counted before."""


def _open(findings: list[Finding], programme: str) -> Finding | None:
    """The finding of ``programme`` when it is likely or to confirm (the first, if per person)."""
    return next((f for f in findings if f.programme == programme and f.verdict != "unlikely"), None)


def _month_after_years(since: str, years: int) -> Month:
    year, month = (int(part) for part in since.split("-"))
    return Month(f"{year + years:04d}-{month:02d}")


def _month_words(month: Month) -> str:
    year, number = month.split("-")
    return f"{MONTH_NAMES[int(number) - 1]} {year}"


def _lone_parent(situation: Situation) -> bool:
    roles = [p.role for p in situation.people]
    return Role.child in roles and Role.partner not in roles


def _permit_holders(situation: Situation) -> list[Person]:
    return [
        p
        for p in situation.people
        if p.role in (Role.applicant, Role.partner)
        and p.nationality is Nationality.other
        and p.protected_status is not True
        and p.has_residence_permit is not False
        and p.residence_permit_since is not None
    ]


def _future_rights(situation: Situation, findings: list[Finding], order: ClaimOrder) -> None:
    """Rights a residence permit opens once it reaches the years the law requires."""
    period = situation.reference_month
    parameters = parameters_at(period.first_day.isoformat())
    rsa_years = int(parameters.rsa.conditions.duree_titre_sejour_hors_ue)
    aspa_years = int(parameters.aspa.duree_titre_sejour)
    for person in _permit_holders(situation):
        assert person.residence_permit_since is not None
        rsa_from = _month_after_years(person.residence_permit_since, rsa_years)
        rsa_found = any(f.programme == "rsa" for f in findings)
        if rsa_found and rsa_from > period and not _lone_parent(situation):
            order.add(
                f"RSA et prime d'activité à partir de {_month_words(rsa_from)} : le titre de "
                f"séjour aura alors {rsa_years} ans ; refaire la demande à cette date, et d'ici là "
                "demander les autres droits",
                RSA_RESIDENCE_PERMIT,
            )
        aspa_from = _month_after_years(person.residence_permit_since, aspa_years)
        if aspa_from > period and person.role is Role.applicant and _only_permit_missing(findings):
            order.add(
                f"ASPA à partir de {_month_words(aspa_from)} : le titre de séjour aura alors "
                f"{aspa_years} ans",
                ASPA_RESIDENCE_PERMIT,
            )


def _only_permit_missing(findings: list[Finding]) -> bool:
    """The ASPA is unlikely only for the years of residence permit (every other condition holds
    or is unknown)."""
    aspa = next((f for f in findings if f.programme == "aspa"), None)
    if aspa is None or aspa.verdict != "unlikely":
        return False
    failed = [r.label for r in aspa.reasons if r.status == "not_met"]
    return bool(failed) and all("séjour" in label for label in failed)


def _recent_birth(situation: Situation) -> bool:
    """A child born within the last year, or a pregnancy: the moment to claim the PAJE."""
    start = situation.reference_month.first_day
    year_before = start.replace(year=start.year - 1)
    born = any(
        p.role is Role.child and p.birth_date is not None and p.birth_date >= year_before
        for p in situation.people
    )
    return born or any(p.pregnant is True for p in situation.people)


def claim_order(situation: Situation, findings: list[Finding]) -> ClaimOrder:
    """What to claim first, rights opening later and procedure time limits, for one household."""
    order = ClaimOrder()
    rsa = _open(findings, "rsa")
    aah = _open(findings, "aah")
    aspa = _open(findings, "aspa")
    if rsa is not None and aah is not None:
        if aah.verdict == "to_confirm":
            order.add(
                "RSA d'abord, sans attendre l'AAH : la MDPH met plusieurs mois à décider ; "
                "demander le RSA à la CAF dès maintenant et l'AAH à la MDPH en même temps ; une "
                "AAH accordée ensuite compte dans les ressources du RSA, qui ne vient qu'en "
                "complément des autres droits"
            )
        else:
            order.add(
                "AAH avant le RSA : le RSA ne vient qu'en complément des autres droits ; "
                "demander le RSA seulement en attendant la décision de la MDPH"
            )
            if rsa.verdict == "likely" and aah.verdict == "likely":
                order.not_counted.add("rsa")
    if rsa is not None and aspa is not None:
        order.add(
            "ASPA avant le RSA : à l'âge de l'ASPA, les autres droits passent avant le RSA ; "
            "demander l'ASPA à la caisse de retraite, et le RSA seulement en "
            "attendant sa décision"
        )
        if rsa.verdict == "likely" and aspa.verdict == "likely":
            order.not_counted.add("rsa")
    family = _open(findings, "complement_familial")
    paje = _open(findings, "paje_allocation_base")
    if family is not None and paje is not None:
        order.add(
            "Complément familial ou allocation de base de la PAJE, pas les deux : la PAJE tant "
            "qu'un enfant a moins de 3 ans, puis le complément familial (la CAF verse le plus "
            "favorable)"
        )
        if family.verdict == "likely" and paje.verdict == "likely":
            order.not_counted.add("complement_familial")
    if paje is not None and _recent_birth(situation):
        order.add(
            "Naissance : déclarer l'enfant à la CAF et à l'Assurance maladie ; l'allocation de "
            "base de la PAJE est versée jusqu'au mois précédant ses 3 ans, puis le complément "
            "familial peut prendre le relais pour une famille de 3 enfants de 3 ans ou plus"
        )
    asf = _open(findings, "asf")
    if situation.household.single_parent_since is not None and asf is not None:
        with_rsa = " et le RSA majoré (parent isolé), qui compte l'ASF dans ses ressources"
        order.add(
            "Séparation : demander l'ASF dès le premier mois"
            + (with_rsa if rsa is not None else "")
            + " ; faire fixer la pension alimentaire par le juge aux affaires familiales"
        )
    _future_rights(situation, findings, order)
    if situation.household.housing.eviction_stage is EvictionStage.commandement_de_payer:
        days = parameters_at(situation.reference_month.first_day.isoformat())
        weeks = int(days.prevention_expulsion.impaye.delai_commandement_de_payer) // DAYS_PER_WEEK
        order.add(
            f"Commandement de payer : {weeks} semaines à compter de sa date (2 mois pour un bail "
            "signé avant le 29 juillet 2023) pour payer ou obtenir un plan d'apurement ; sinon "
            "assignation au tribunal, audience (au moins 6 semaines après), jugement, puis "
            "commandement de quitter les lieux (2 mois, hors trêve hivernale)",
            LEASE_LAW,
        )
    return order
