"""A complete situation of ours written as OpenFisca-France inputs, for every programme at once.

:func:`add_situation` adds one household (a famille, its foyer fiscal and its ménage) to an
OpenFisca-France entities dict, so that ONE oracle call per period evaluates every programme of
thousands of households. The same facts feed every programme; where OpenFisca-France reads a fact
on another period than the evaluated month, the household is taken as **stable**: the same
incomes and circumstances on every month of the 17 months before (RSA and prime d'activité read
the quarter, the housing aid and the CSS the last 12 months) and on the year N-2 (AAH of a person
out of work, family benefits' resources).

Correspondences (our fact → OpenFisca-France input):

* net salary → the gross ``salaire_de_base`` whose net is that salary in OpenFisca-France's own
  payroll (:func:`gross_salary`), on every month and × 12 on the years N-2 and N-3:
  OpenFisca-France then computes the net (RSA, prime d'activité, CSS), the net taxable salary
  (housing aid, AAH) and reads the gross (ASPA) itself;
* other incomes (net, €/month) → ``chomage_net``, ``retraite_nette``, ``pensions_invalidite``,
  ``pensions_alimentaires_percues`` on every month, the same amounts as ``chomage_imposable``,
  ``retraite_imposable`` (the housing aid takes the net for the taxable: small benefits and
  pensions are mostly exempt from CSG) and ``retraite_brute`` (ASPA); years N-2 and N-3 (the
  AAH of a month of year Y reads Y-2, and the CSS sums the AAH of the 12 months before M):
  ``chomage_imposable`` and ``revenu_assimile_pension`` (pensions, disability pension,
  alimony) × 12. The disability pension and the alimony are also given on every month since
  January of N-2: OpenFisca-France's housing aid reads the first on the calendar year N-2 and
  the second on the calendar year N-1. Self-employment and "other" incomes have no monthly
  counterpart in OpenFisca-France (it reads the self-employed's yearly profits): households
  with them are not written (:func:`expressible`);
* unemployment start → ``date_debut_chomage``; the ASS → ``ass`` (its amount moves from
  ``chomage_net`` to ``ass``, ``chomage_imposable`` keeps it, as OpenFisca-France's housing aid
  expects);
* activity → ``activite`` (employed and self-employed ``actif``, unemployed ``chomeur``, student
  ``etudiant`` and ``etudiant``, a grant holder also ``boursier``, retired ``retraite``,
  inactive ``inactif``);
* nationality → ``nationalite`` (FR, DE for the EU, MA otherwise), years since the permit or the
  arrival in France → ``duree_possession_titre_sejour`` (0 without a valid permit); a child gets
  the applicant's nationality (OpenFisca-France checks the prime d'activité's residence condition
  on every member of the famille);
* disability and autonomy → ``taux_incapacite``, ``aah_restriction_substantielle_durable_acces_
  emploi``, ``aah_conjugalise_eligible``, ``inapte_travail``, ``gir``; an incapacity of 80 % or
  more (the mobility-inclusion card marked "invalidité", CASF L241-3) → ``caseP`` (applicant)
  or ``caseF`` (partner) of the foyer fiscal on the year N-2, which opens the CGI art. 157 bis
  abattement that the housing aid deducts (CCH R822-4 II 2°); the APA plan is taken at
  the GIR ceiling on both sides (``dependance_plan_aide_domicile`` set above any ceiling);
* housing → ``statut_occupation_logement`` (a furnished private let is ``locataire_meuble``),
  ``loyer`` (a loan repayment for an owner with a loan), ``depcom``, ``coloc``,
  ``logement_chambre``, ``participation_frais``; the housing aid declared in a logement-foyer →
  ``aide_logement`` (those households form a separate batch: an input fixes a variable for every
  famille of a simulation);
* fiscal reference income → ``rfr`` of year N-2 (chèque énergie, APA) and the resources of the
  family benefits (``prestations_familiales_base_ressources``, ``cf_base_ressources``);
* lone parent since → ``rsa_isolement_recent`` month by month.

Facts our situations state and OpenFisca-France would otherwise compute (neutralised):

* family benefits received: 0 (``family_benefits: 0``, a first claim) — the family benefits
  counted by the RSA, the prime d'activité (``rsa_base_ressources_prestations_familiales``,
  ``ppa_base_ressources_prestations_familiales``) and the CSS (``af``, ``cf``, ``asf`` and PAJE on
  the 12 previous months) are 0, while ``af``, ``cf``, ``asf``, ``paje_base`` of the evaluated
  month are computed and compared;
* no RSA received the month before (``benefits_received: []``): ``rsa`` of M-1 is 0 (otherwise
  OpenFisca-France's housing aid neutralises the activity incomes of an RSA recipient);
* the ASS when the situation does not say it is received, and the ASI (not a programme of ours):
  0.

Where OpenFisca-France contradicts the law, its intermediate variable is given as the law reads:

* ``aide_logement_condition_neutralisation``: CCH R822-15 stops counting the activity and
  unemployment incomes of the person totally unemployed for more than two months without
  allowance or on the ASS; OpenFisca-France applies it to both members of the couple whenever
  one of them is in that case (a couple where one earns and the other has been unemployed
  without allowance for months would get the aid of a couple without income). Given per person.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from households import add_family, empty_entities, individu, month_offset, months_up_to
from oracle import compute_cached

from rights_engine.situation.models import Person, Role, Situation

__all__ = [
    "APA_PLAN",
    "WINDOW_MONTHS",
    "add_situation",
    "expressible",
    "gross_salary",
    "person_key",
]

GROSS_GRID = tuple(range(0, 12_001, 25))  # €/month, gross salaries whose net the oracle gives
NEUTRALISATION_MONTHS = 2  # CCH R822-15: unemployed for more than two months
WINDOW_MONTHS = 17  # the housing aid of M-3 reads M-17..M-6, the CSS M-12..M-1, the RSA M-3..M-1
APA_PLAN = 10_000.0  # €/month, above every GIR ceiling: the APA plan is the ceiling
NATIONALITY_CODE = {"french": "FR", "eu": "DE", "other": "MA"}
ACTIVITY = {
    "employed": "actif",
    "self_employed": "actif",
    "unemployed": "chomeur",
    "student": "etudiant",
    "retired": "retraite",
    "inactive": "inactif",
}
HOUSING = {
    "tenant": "locataire_vide",
    "social_tenant": "locataire_hlm",
    "owner": "proprietaire",
    "owner_with_loan": "primo_accedant",
    "hosted_free": "loge_gratuitement",
    "homeless": "sans_domicile",
    "shelter": "locataire_foyer",
}
MONTHLY_INCOMES = {
    "unemployment": ("chomage_net", "chomage_imposable"),
    "pension": ("retraite_nette", "retraite_imposable", "retraite_brute"),
    "disability_pension": ("pensions_invalidite",),
    "alimony": ("pensions_alimentaires_percues",),
}
INVALIDITY_CARD_RATE = 80  # %, CASF L241-3: the mobility-inclusion card marked "invalidité"
LONGER_INCOMES = ("disability_pension", "alimony")
FAMILY_BENEFITS = ("af", "cf", "asf", "paje_base", "paje_clca", "paje_prepare", "paje_colca")
NOT_OURS = ("ass", "asi")


def expressible(situation: Situation) -> bool:
    """Whether OpenFisca-France can be given every income of the household (no self-employment
    nor "other" income, which it has no monthly input for)."""
    return not any(
        person.incomes is not None and (person.incomes.self_employment or person.incomes.other)
        for person in situation.people
    )


def person_key(situation: Situation, person: Person) -> str:
    return f"{situation.id}_{person.id}"


def _month_index(month: str) -> int:
    year, number = (int(part) for part in month.split("-"))
    return year * 12 + number - 1


def _years_since(since: str | None, month: str) -> float:
    if since is None:
        return 0.0
    return (_month_index(month) - _month_index(since)) / 12


def _individu(
    situation: Situation, person: Person, window: list[str], gross: Callable[[float], float]
) -> dict[str, Any]:
    month = situation.reference_month
    applicant = situation.applicant
    data: dict[str, Any] = {"date_naissance": {"ETERNITY": person.birth_date.isoformat()}}

    def every_month(variable: str, value: Any) -> None:
        data[variable] = dict.fromkeys(window, value)

    for variable in NOT_OURS:
        every_month(variable, 0.0)
    if person.role is Role.child:
        nationality = applicant.nationality.value if applicant.nationality else "french"
        every_month("nationalite", NATIONALITY_CODE[nationality])
        return data
    assert person.nationality is not None and person.activity is not None
    assert person.incomes is not None
    every_month("nationalite", NATIONALITY_CODE[person.nationality.value])
    if person.nationality.value == "other":
        years = (
            _years_since(person.residence_permit_since, month) if person.has_residence_permit else 0
        )
    else:
        years = _years_since(person.in_france_since, month)
    every_month("duree_possession_titre_sejour", years)
    every_month("activite", ACTIVITY[person.activity.value])
    every_month("etudiant", person.activity.value == "student")
    every_month("boursier", bool(person.higher_education_grant))
    every_month("enceinte", bool(person.pregnant))
    every_month("taux_incapacite", (person.disability_rate or 0.0) / 100)
    every_month("aah_restriction_substantielle_durable_acces_emploi", bool(person.rsdae))
    every_month("aah_conjugalise_eligible", bool(person.aah_before_october_2023))
    every_month("inapte_travail", bool(person.unfit_for_work))
    for key, variables in MONTHLY_INCOMES.items():
        for variable in variables:
            every_month(variable, getattr(person.incomes, key))
    # The housing aid reads the disability pension on the year N-2 and the alimony on the year
    # N-1 (the calendar years, not the last 12 months): a stable household receives them on
    # every month since January of N-2.
    since_n_2 = months_up_to(month, _month_index(month) % 12 + 24)
    for key in LONGER_INCOMES:
        for variable in MONTHLY_INCOMES[key]:
            data[variable] = dict.fromkeys(since_n_2, getattr(person.incomes, key))
    if person.unemployed_since is not None:
        data["date_debut_chomage"] = {"ETERNITY": f"{person.unemployed_since}-01"}
    data["aide_logement_condition_neutralisation"] = {m: _neutralised(person, m) for m in window}
    if person.unemployment_benefit is not None and person.unemployment_benefit.value == "ass":
        # OpenFisca-France's ASS is its own variable (``ass``) for the minima sociaux; its housing
        # aid recognises it as ``chomage_imposable`` together with ``ass`` (R822-15).
        every_month("ass", person.incomes.unemployment)
        every_month("chomage_net", 0.0)
    incomes = person.incomes
    every_month("salaire_de_base", gross(incomes.salary))
    # The years N-2 and N-3: the AAH of a month of year Y reads the incomes of Y-2, and the CSS
    # sums the AAH of the 12 months before M, some of them in the year N-1.
    data["revenu_assimile_pension"] = {}
    for year in (str(int(month[:4]) - 2), str(int(month[:4]) - 3)):
        data["salaire_de_base"][year] = 12 * gross(incomes.salary)
        data["chomage_imposable"][year] = 12 * incomes.unemployment
        data["revenu_assimile_pension"][year] = 12 * (
            incomes.pension + incomes.disability_pension + incomes.alimony
        )
    if person.gir is not None:
        data["gir"] = {month: f"gir_{person.gir}"}
    data["dependance_plan_aide_domicile"] = {month: APA_PLAN}
    return data


def _neutralised(person: Person, month: str) -> bool:
    """CCH R822-15: the activity and unemployment incomes of a person totally unemployed for more
    than two months, without allowance or on the ASS, are not counted by the housing aid."""
    since = person.unemployed_since
    if since is None or _month_index(month) - _month_index(since) <= NEUTRALISATION_MONTHS:
        return False
    benefit = person.unemployment_benefit
    return benefit is None or benefit.value == "ass"


def _invalidity_card(situation: Situation, role: Role) -> bool:
    """The person of ``role`` holds the mobility-inclusion card marked "invalidité", granted from
    an 80 % incapacity (CASF L241-3)."""
    return any(
        (p.disability_rate or 0) >= INVALIDITY_CARD_RATE for p in situation.people if p.role is role
    )


def _isolement_recent(situation: Situation, month: str) -> bool:
    since = situation.household.single_parent_since
    return since is not None and 0 <= _month_index(month) - _month_index(since) < 12


def add_situation(
    entities: dict[str, dict], situation: Situation, gross: Callable[[float], float]
) -> None:
    """Add the complete ``situation`` (see :func:`expressible`) to ``entities``; ``gross`` gives
    the gross monthly salary whose net, in OpenFisca-France, is the net salary of the situation
    (see :func:`gross_salary`)."""
    month = str(situation.reference_month)
    window = months_up_to(month, WINDOW_MONTHS)
    label = situation.id or ""
    for person in situation.people:
        entities["individus"][person_key(situation, person)] = _individu(
            situation, person, window, gross
        )
    parents = [
        person_key(situation, p)
        for p in situation.people
        if p.role in (Role.applicant, Role.partner)
    ]
    children = [person_key(situation, p) for p in situation.people if p.role is Role.child]
    household = situation.household
    housing = household.housing
    rfr = household.fiscal_reference_income or 0.0
    previous_year = months_up_to(month_offset(month, -1), 11)
    quarter = months_up_to(month, 3)
    famille: dict[str, Any] = {
        "rsa_isolement_recent": {m: _isolement_recent(situation, m) for m in window},
        "rsa_base_ressources_prestations_familiales": dict.fromkeys(quarter, 0.0),
        "ppa_base_ressources_prestations_familiales": dict.fromkeys(quarter, 0.0),
        "prestations_familiales_base_ressources": {month: rfr},
        "cf_base_ressources": {month: rfr},
        "rsa": {month_offset(month, -1): 0.0},
    }
    for variable in FAMILY_BENEFITS:
        famille[variable] = dict.fromkeys(previous_year, 0.0)
    if housing.status is not None and housing.status.value == "shelter":
        famille["aide_logement"] = dict.fromkeys(quarter, housing.housing_aid or 0.0)
    assert housing.status is not None
    status = HOUSING[housing.status.value]
    if status == "locataire_vide" and housing.furnished:
        status = "locataire_meuble"
    january = f"{month[:4]}-01"
    year_n_2 = str(int(month[:4]) - 2)
    add_family(
        entities,
        label,
        parents,
        children,
        famille=famille,
        foyer_fiscal={
            "rfr": {year_n_2: rfr},
            # CGI art. 157 bis abattement (read by the housing aid, CCH R822-4 II 2°): the
            # declarant (caseP) or the spouse (caseF) holding the invalidity card.
            "caseP": {year_n_2: _invalidity_card(situation, Role.applicant)},
            "caseF": {year_n_2: _invalidity_card(situation, Role.partner)},
        },
        menage={
            "statut_occupation_logement": {m: status for m in [january, *window]},
            "loyer": dict.fromkeys(window, housing.rent or 0.0),
            "depcom": {m: household.commune for m in [january, *window]},
            "coloc": dict.fromkeys(window, bool(housing.flatshare)),
            "logement_chambre": dict.fromkeys(window, bool(housing.room)),
            "participation_frais": dict.fromkeys(window, bool(housing.contributes_to_costs)),
        },
    )


def gross_salary(period: str) -> Callable[[float], float]:
    """The gross monthly salary (``salaire_de_base``) whose net is a given net salary, by
    OpenFisca-France's own payroll of ``period`` (a private-sector employee, its default):
    the oracle computes the net of a grid of gross salaries (cached), which is inverted by linear
    interpolation (net is piecewise linear in gross: cents of error at most)."""
    entities = empty_entities()
    for gross in GROSS_GRID:
        entities["individus"][f"g{gross}"] = individu("1980-01-01", salaire_de_base={period: gross})
    requests = [{"variable": "salaire_net", "period": period}]
    result, _ = compute_cached(f"salary_grid_{period}", entities, requests)
    nets = np.asarray(result.results[f"salaire_net@{period}"], dtype=float)
    grosses = np.asarray(GROSS_GRID, dtype=float)
    return lambda net: round(float(np.interp(net, nets, grosses)), 2)
