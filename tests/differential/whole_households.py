"""Both models' values, programme by programme, on the households of ``rights_engine.synthetic``.

:func:`evaluate` writes every household of one period to OpenFisca-France (``france_inputs``), asks
the oracle once per batch (the households whose housing aid is computed, and the few whose aid in
a logement-foyer is declared: an input fixes a variable for every famille of a simulation), with
its answers cached in the repository (``oracle.compute_cached``), and reads our variables from
ONE simulation of the same households. It returns one :class:`Pair` per programme and unit
(household, or person for the individual rights AAH and APA).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from france_inputs import add_situation, gross_salary, person_key
from households import empty_entities
from oracle import OracleResult, compute_cached

from rights_engine.engine.builder import build_simulation
from rights_engine.engine.scenarios import Scenario, complete
from rights_engine.situation.models import Month, Person, Role, Situation

__all__ = ["HOUSEHOLD_PROGRAMMES", "PERSON_PROGRAMMES", "Pair", "evaluate"]

# programme: (our variable, OpenFisca-France variables summed), on the famille / ménage.
HOUSEHOLD_PROGRAMMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "RSA": ("rsa", ("rsa",)),
    "prime d'activité": ("ppa", ("ppa",)),
    "aide au logement": ("aide_logement_montant", ("aide_logement",)),
    "ASPA": ("aspa", ("aspa",)),
    "allocations familiales": ("af", ("af",)),
    "complément familial": ("cf", ("cf",)),
    "ASF": ("asf", ("asf",)),
    "PAJE allocation de base": ("paje_base", ("paje_base",)),
    "CSS participation": ("css_participation", ("css_participation_forfaitaire",)),
    "chèque énergie": ("cheque_energie", ("cheque_energie",)),
}
# Individual rights, per adult: AAH with the majoration pour la vie autonome, APA à domicile.
PERSON_PROGRAMMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "AAH (+ MVA), par adulte": ("aah_montant_total", ("aah", "caah")),
    "APA à domicile, par adulte": ("apa_domicile", ("apa_domicile",)),
}
CSS_STATUS = "CSS statut"
OUR_CSS = ("css_gratuite", "css_condition_ressources", "css_plafond", "css_ressources")
# CSS R861-8: the resources of the 12 months from the 13th to the 2nd month before the claim.
CSS_FIRST_MONTH = 13
CSS_LAST_MONTH = 2
THEIR_CSS = ("cmu_c", "css_cmu_acs_eligibilite", "acs_plafond", "cmu_c_plafond")
CSS_FORFAITS = ("css_cmu_forfait_logement_base", "css_cmu_forfait_logement_al")
YEARLY = {"cheque_energie"}  # a YEAR variable in OpenFisca-France, asked for the year of M


@dataclass(frozen=True)
class Pair:
    """One comparison: the situation (and person), our value and OpenFisca-France's."""

    programme: str
    situation: Situation
    person: Person | None
    ours: Any
    theirs: Any
    # Other values of both sides, for the classification of a disagreement.
    details: dict[str, Any]


def _requests(period: str) -> list[dict[str, str]]:
    """The variables to compute, in an order that matters: OpenFisca-France 176.1.8 gives another
    ``ppa`` of the month when the CSS resources (which sum benefits over the previous year) are
    computed first (a single tenant earning 1 665 € in July 2024: 104,72 € instead of 154,53 €,
    the value it computes on its own); the CSS variables are therefore asked last."""
    variables = [v for _, theirs in HOUSEHOLD_PROGRAMMES.values() for v in theirs]
    variables += [v for _, theirs in PERSON_PROGRAMMES.values() for v in theirs]
    css = [v for v in variables if v.startswith("css_")]
    ordered = [v for v in variables if v not in css] + css
    ordered += [*THEIR_CSS, "css_cmu_base_ressources", *CSS_FORFAITS]
    return [{"variable": v, "period": period[:4] if v in YEARLY else period} for v in ordered]


def _theirs(result: OracleResult, variable: str, period: str) -> dict[str, Any]:
    return result.values(variable, period[:4] if variable in YEARLY else period)


def _our_simulation(situations: Sequence[Situation], period: str) -> tuple[Any, Any]:
    batch = build_simulation(
        [complete(situation, Scenario.favourable) for situation in situations], Month(period)
    )
    return batch, batch.simulation


def _status(free: bool, entitled: bool) -> str:
    return "gratuite" if free else "participation" if entitled else "aucune"


def _month_before(period: str, months: int) -> str:
    index = int(period[:4]) * 12 + int(period[5:]) - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _css_minima(batch: Any, simulation: Any, period: str, month: str) -> np.ndarray:
    """Our AAH and ASPA of ``month`` counted in the CSS resources (after their abattements), one
    value per row: the amounts of one month that the two reference periods do not share."""
    members = np.asarray(simulation.calculate("css_membre_foyer", period), dtype=float)
    aah = np.asarray(simulation.calculate("css_ressources_aah_individu", month), dtype=float)
    aspa = np.asarray(simulation.calculate("css_ressources_aspa", month), dtype=float)
    per_famille = np.bincount(batch.person_famille, weights=members * aah, minlength=len(aspa))
    return (per_famille + aspa)[batch.famille]


def _css_details(batch: Any, simulation: Any, period: str) -> dict[str, np.ndarray]:
    """Our ASPA summed over our reference period (CSS R861-8: from the 13th to the 2nd month
    before the claim), and our AAH and ASPA of the first month of that period (M-13) and of the
    month OpenFisca-France counts instead (M-1: it sums M-12 to M-1)."""
    months = [_month_before(period, k) for k in range(CSS_FIRST_MONTH, CSS_LAST_MONTH - 1, -1)]
    aspa = sum(np.asarray(simulation.calculate("css_ressources_aspa", m)) for m in months)
    return {
        "our_aspa_year": np.asarray(aspa, dtype=float)[batch.famille],
        "our_minima_first": _css_minima(batch, simulation, period, months[0]),
        "our_minima_their_last": _css_minima(batch, simulation, period, _month_before(period, 1)),
    }


def evaluate(situations: Sequence[Situation], period: str, name: str) -> tuple[list[Pair], dict]:
    """Pairs of values for the ``situations`` (all of ``period``), and what the oracle did:
    ``{"hits": n, "calls": n, "seconds": s}``."""
    shelter = [s for s in situations if _declared_aid(s)]
    computed = [s for s in situations if not _declared_aid(s)]
    results: dict[str, OracleResult] = {}
    oracle = {"hits": 0, "calls": 0, "seconds": 0.0}
    gross = gross_salary(period)
    for group, members in (("aide_calculee", computed), ("aide_declaree", shelter)):
        if not members:
            continue
        entities = empty_entities()
        for situation in members:
            add_situation(entities, situation, gross)
        result, hit = compute_cached(f"{name}_{period}_{group}", entities, _requests(period))
        oracle["calls"] += 1
        oracle["hits"] += hit
        oracle["seconds"] += result.seconds
        for situation in members:
            results[situation.id or ""] = result

    batch, simulation = _our_simulation(situations, period)
    ours = {v: batch.value(v) for v, _ in HOUSEHOLD_PROGRAMMES.values()}
    ours |= {v: batch.value(v) for v in OUR_CSS}
    people_values = {
        v: np.asarray(simulation.calculate(v, period)) for v, _ in PERSON_PROGRAMMES.values()
    }
    css_extra = _css_details(batch, simulation, period)
    pairs: list[Pair] = []
    position = 0
    for row, situation in enumerate(situations):
        result = results[situation.id or ""]
        label = situation.id or ""
        css = {v: _theirs(result, v, period)[label] for v in THEIR_CSS}
        resources = float(_theirs(result, "css_cmu_base_ressources", period)[label])
        their_status = _status(
            bool(css["cmu_c"]),
            bool(css["css_cmu_acs_eligibilite"]) and resources <= float(css["acs_plafond"]),
        )
        our_free = bool(ours["css_gratuite"][row])
        our_status = _status(our_free, our_free or bool(ours["css_condition_ressources"][row]))
        css_details = {
            "our_ceiling": float(ours["css_plafond"][row]),
            "their_ceiling": float(css["cmu_c_plafond"]),
            "our_resources": float(ours["css_ressources"][row]),
            "their_resources": resources,
            "their_forfait": sum(float(_theirs(result, v, period)[label]) for v in CSS_FORFAITS),
            "our_status": our_status,
            "their_status": their_status,
        } | {name: float(values[row]) for name, values in css_extra.items()}
        for programme, (our_variable, their_variables) in HOUSEHOLD_PROGRAMMES.items():
            if programme == "aide au logement" and _declared_aid(situation):
                continue  # the aid in a logement-foyer is asked, not computed (see README)
            theirs = sum(float(_theirs(result, v, period)[label]) for v in their_variables)
            details = css_details if programme.startswith("CSS") else {}
            pairs.append(
                Pair(programme, situation, None, float(ours[our_variable][row]), theirs, details)
            )
        pairs.append(Pair(CSS_STATUS, situation, None, our_status, their_status, css_details))
        for person in situation.people:
            if person.role is not Role.child:
                for programme, (our_variable, their_variables) in PERSON_PROGRAMMES.items():
                    key = person_key(situation, person)
                    theirs = sum(float(_theirs(result, v, period)[key]) for v in their_variables)
                    value = float(people_values[our_variable][position])
                    pairs.append(Pair(programme, situation, person, value, theirs, {}))
            position += 1
    return pairs, oracle


def _declared_aid(situation: Situation) -> bool:
    status = situation.household.housing.status
    return status is not None and status.value == "shelter"
