"""The facts that mean "nothing special" when absent: the only exceptions to "absent = unknown".

Each entry: the field, what its absence means, and the trigger that makes the engine ask it
(``engine/facts.py``; when a trigger holds, the fact becomes unknown and is completed both ways).
The JSON Schema of the situation carries this list (``x-nothing-special-when-absent``) and the
README prints it; a test keeps the three in step.
"""

from __future__ import annotations

__all__ = ["COMPUTED_WHEN_ABSENT", "NOTHING_SPECIAL_WHEN_ABSENT"]

NOTHING_SPECIAL_WHEN_ABSENT: dict[str, tuple[str, str]] = {
    "people[].pregnant": ("not pregnant", "never asked: a pregnancy is declared"),
    "people[].disability_reported": ("no disability mentioned", "never asked"),
    "people[].disability_rate": (
        "no disability recognised",
        "asked when disability_reported is true",
    ),
    "people[].rsdae": ("no RSDAE", "asked when the rate is 50 to 79 %, or unknown and reported"),
    "people[].aah_before_october_2023": (
        "no AAH before October 2023",
        "asked for an adult in a couple with a rate of 50 % or more, or a disability reported",
    ),
    "people[].gir": ("autonomous (GIR 6)", "asked from 60 when a sign of lost autonomy is seen"),
    "people[].unfit_for_work": (
        "not recognised unfit for work",
        "asked between the legal retirement age and 65",
    ),
    "people[].hours_worked_last_3_years": ("no hours", "asked for an adult under 25"),
    "people[].higher_education_grant": (
        "no higher-education grant",
        "asked for a student under 28 who rents or whose housing is unknown",
    ),
    "people[].protected_status": (
        "no refugee status or resident card",
        "asked with the residence permit of a non-EU adult",
    ),
    "people[].observations.safety_risk_at_home": ("nothing observed", "never asked"),
    "people[].observations.disoriented": ("nothing observed", "never asked"),
    "people[].observations.cannot_manage_budget": (
        "nothing observed",
        "asked when another sign of lost autonomy is seen",
    ),
    "household.observations.in_immediate_danger": ("no immediate danger", "never asked"),
    "household.housing.furnished": ("not furnished", "never asked"),
    "household.housing.room": ("not a room", "never asked"),
    "household.housing.flatshare": ("not a flatshare", "never asked"),
    "household.benefits_received": ("no benefit received", "never asked"),
}
"""Field → (meaning when absent, trigger that makes the engine ask it)."""

COMPUTED_WHEN_ABSENT: dict[str, str] = {
    "household.family_benefits": "the AF, CF, PAJE and ASF the engine computes; never asked",
}
"""Fields the engine computes when absent: neither unknown nor asked."""
