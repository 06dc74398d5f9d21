"""Every programme against OpenFisca-France 176.1.8 on the same realistic households.

The households are drawn by ``rights_engine.synthetic`` — the project's one realistic generator
(couples and lone parents, 0 to 5 children of every age, elderly and disabled people, every
housing status, salaries, unemployment benefit, pensions and alimony mixed in one household) —
never chosen to suit a programme. Each household is written once for OpenFisca-France
(``france_inputs.py``, which documents every correspondence) and evaluated by both models for
every programme that OpenFisca-France also computes; per programme (per adult for the
individual rights AAH and APA), agreement within 1 € (the same status for the CSS) must reach
99 %.

A difference may be set aside only in a class of :data:`CLASSES`, each with the legal text that
shows OpenFisca-France wrong, and no class may hold more than 1 % of the households compared.
Every other difference counts against the agreement. Households with a self-employment or an
"other" income are not written (OpenFisca-France has no monthly input for them; their number is
printed).

Periods: one month in each validated year, each with one barème over its reference quarter
(no revaluation between M-3 and M).

The oracle's answers are cached in ``oracle_answers/`` (``oracle.compute_cached``): rerun with
``RIGHTS_ENGINE_ORACLE_ANSWERS=refresh`` to recompute them, commit the files that change.
``pytest -s`` prints the table (it is copied in the README).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Callable

from agreement import Tally
from france_inputs import expressible
from whole_households import CSS_STATUS, Pair, evaluate

from rights_engine.situation.models import Person, Role, Situation, age_at
from rights_engine.synthetic import generate_households

SEED = 2026_12_01
HOUSEHOLDS = 2500
PERIODS = ("2024-07", "2025-07", "2026-09")
MINIMUM_COMPARED = 2000
TOLERANCE_EUR = 1.0
REQUIRED_AGREEMENT = 0.99
LARGEST_CLASS = 0.01
LONE_PARENT_MONTHS = 12  # CSS L842-7 (CASF L262-9): increase for 12 months after separation
YOUNG_CHILD_AGE = 3  # … or until the youngest child is 3
CSS_PARTICIPATION_CEILING = 1.35  # with-participation ceiling / free ceiling (CSS L861-1, D861-1)
ASPA_PERMIT_YEARS = 10  # years of a permit to work for a non-EU national (CSS L816-1)

# Known differences where the law, not OpenFisca-France, gives our figure.
CLASSES: dict[str, str] = {
    "ppa_situation_familiale_du_mois_de_droit": (
        "Prime d'activité d'un parent isolé dont la majoration (séparation depuis moins de 12 mois "
        "ou enfant de moins de 3 ans, CSS L842-7) change au cours du trimestre de référence : le "
        "droit du mois est calculé sur la composition du foyer de ce mois, le trimestre ne fournit "
        "que les ressources (CSS L842-4) ; OpenFisca-France moyenne trois primes fictives, "
        "chacune avec la situation familiale de son mois"
    ),
    "apa_mtp_au_1er_janvier": (
        "APA : plafonds du plan d'aide en fraction de la majoration pour tierce personne « au 1er "
        "janvier de l'année » (CASF R232-10, R232-11) ; OpenFisca-France prend la MTP du mois et "
        "n'a pas celle d'avril 2024, d'où 1 288,13 € au lieu de 1 266,60 € en 2025"
    ),
    "protection_dispense_titre_5_ans": (
        "Réfugié, protection subsidiaire, apatride ou carte de résident : dispense de la condition "
        "de 5 ans de titre de séjour (CASF L262-4, 2° ; CSS L842-2, 2°) ; OpenFisca-France ne "
        "connaît pas ce statut et exige la durée"
    ),
    "aspa_hors_ue_10_ans_de_titre": (
        "ASPA : ouverte aux étrangers hors UE titulaires depuis 10 ans d'un titre autorisant à "
        "travailler (CSS L816-1) ; OpenFisca-France la refuse à tout non-Européen "
        "(``or_(eee, suisse, duree >= 10)`` : numpy lit le 3e argument comme sortie)"
    ),
    "aah_rsdae_a_l_age_legal": (
        "AAH à 50-79 % (RSDAE) : fin à l'âge légal de départ en retraite (CSS L821-2, L161-17-2), "
        "soit dès 64 ans ; OpenFisca-France la maintient jusqu'à 64 ans inclus"
    ),
    "css_plafond_gele_au_1er_avril_2024": (
        "CSS : plafond revalorisé chaque 1er avril par le coefficient de CSS L161-25 (L861-1), "
        "soit 10 339 € pour une personne au 1er avril 2025 (D861-1), et au moins autant au "
        "1er avril 2026 (L161-25 : un coefficient inférieur à un est porté à un) ; "
        "OpenFisca-France s'arrête au plafond du 1er avril 2024 (10 166 €). Seulement quand les "
        "deux modèles comptent les mêmes ressources (à 1 € près) et que celles-ci sont entre les "
        "deux plafonds : le plafond est alors la seule cause de l'écart"
    ),
    "css_periode_de_reference_r861_8": (
        "CSS : ressources des 12 mois « du treizième au deuxième mois civil précédant le mois de "
        "la demande » (CSS R861-8, décret n° 2021-1561 du 2 décembre 2021) ; OpenFisca-France "
        "somme les 12 mois précédant la demande (M-12 à M-1) : l'AAH ou l'ASPA d'un mois de plus "
        "ou de moins (revalorisation, âge atteint). Seulement quand nos ressources sur ses mois "
        "égalent les siennes et donnent son statut sous les deux plafonds"
    ),
    "css_aspa_refusee_hors_ue": (
        "CSS : l'ASPA due au foyer compte dans ses ressources (CSS L861-2, R861-4) ; "
        "OpenFisca-France refuse l'ASPA à l'étranger hors UE titulaire depuis 10 ans d'un titre "
        "autorisant à travailler (CSS L816-1, voir aspa_hors_ue_10_ans_de_titre) et ne la "
        "compte donc pas : l'écart des ressources est exactement cette ASPA"
    ),
    "css_enfant_de_25_ans_ou_plus": (
        "CSS : le foyer compte les enfants « âgés de moins de vingt-cinq ans » (CSS R861-2) ; "
        "OpenFisca-France compte un enfant de 25 ans et fait payer une participation à chacun"
    ),
    "css_heberge_participant_aux_frais": (
        "CSS : forfait logement pour un logement occupé « à titre gratuit » (CSS R861-5) ; un "
        "hébergé qui participe aux frais ne l'est pas, OpenFisca-France l'ajoute quand même"
    ),
    "paje_mois_de_naissance_ou_des_3_ans": (
        "PAJE et complément familial : droit ouvert le mois suivant la naissance et clos le mois "
        "précédant les 3 ans (CSS L552-1, L531-3, D531-1) ; OpenFisca-France lit l'âge au 1er du "
        "mois"
    ),
    "paje_naissances_multiples": (
        "PAJE : une allocation de base par enfant pour les naissances multiples (CSS L531-3, "
        "dernier alinéa) ; OpenFisca-France en verse une par famille"
    ),
}

Classifier = Callable[[Pair], str | None]


def _age(situation: Situation, person: Person) -> int:
    age = age_at(person, situation.reference_month.first_day)
    assert age is not None
    return age


def _adults(situation: Situation) -> list[Person]:
    return [p for p in situation.people if p.role is not Role.child]


def _children(situation: Situation) -> list[Person]:
    return [p for p in situation.people if p.role is Role.child]


def _protected_recent(pair: Pair) -> str | None:
    situation = pair.situation
    for person in _adults(situation):
        if person.protected_status and person.residence_permit_since is not None:
            year, month = (int(x) for x in person.residence_permit_since.split("-"))
            first = situation.reference_month.first_day
            if (first.year - year) * 12 + first.month - month < 60 and pair.ours > pair.theirs:
                return "protection_dispense_titre_5_ans"
    return None


def _lone_parent_increase(situation: Situation, month: str) -> bool:
    """Whether a lone parent's increased amount applies in ``month`` (CSS L842-7): alone for less
    than 12 months, a child under 3 or a pregnancy."""
    first = dt.date(int(month[:4]), int(month[5:]), 1)
    since = situation.household.single_parent_since
    elapsed = None if since is None else _months_between(since, month)
    recent = elapsed is not None and 0 <= elapsed < LONE_PARENT_MONTHS
    young = any((age_at(c, first) or 0) < YOUNG_CHILD_AGE for c in _children(situation))
    return recent or young or any(p.pregnant for p in _adults(situation))


def _months_between(since: str, month: str) -> int:
    start, end = (int(m[:4]) * 12 + int(m[5:]) for m in (since, month))
    return end - start


def _prime_activite(pair: Pair) -> str | None:
    situation = pair.situation
    if len(_adults(situation)) == 1 and _children(situation):
        month = str(situation.reference_month)
        quarter = [_month_before(month, k) for k in (3, 2, 1)]
        now = _lone_parent_increase(situation, month)
        if any(_lone_parent_increase(situation, m) != now for m in quarter):
            return "ppa_situation_familiale_du_mois_de_droit"
    return _protected_recent(pair)


def _month_before(month: str, months: int) -> str:
    index = int(month[:4]) * 12 + int(month[5:]) - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _apa(pair: Pair) -> str | None:
    if pair.situation.reference_month.startswith("2025") and max(pair.ours, pair.theirs) > 0:
        return "apa_mtp_au_1er_janvier"
    return None


def _non_eu_permit_of_10_years(situation: Situation) -> bool:
    """An adult from outside the EU holding a permit for 10 years (CSS L816-1)."""
    for person in _adults(situation):
        if (
            person.nationality is not None
            and person.nationality.value == "other"
            and person.has_residence_permit
            and person.residence_permit_since is not None
        ):
            year = int(person.residence_permit_since[:4])
            if situation.reference_month.first_day.year - year >= ASPA_PERMIT_YEARS:
                return True
    return False


def _aspa(pair: Pair) -> str | None:
    if _non_eu_permit_of_10_years(pair.situation) and pair.ours > pair.theirs:
        return "aspa_hors_ue_10_ans_de_titre"
    return None


def _aah(pair: Pair) -> str | None:
    person = pair.person
    assert person is not None
    rate = person.disability_rate or 0
    if _age(pair.situation, person) == 64 and 50 <= rate < 80 and person.rsdae:
        return "aah_rsdae_a_l_age_legal"
    return None


def _css(pair: Pair) -> str | None:
    situation = pair.situation
    if any(_age(situation, child) >= 25 for child in _children(situation)):
        return "css_enfant_de_25_ans_ou_plus"
    housing = situation.household.housing
    details = pair.details
    our_resources, their_resources = details["our_resources"], details["their_resources"]
    if (
        _non_eu_permit_of_10_years(situation)
        and details["our_aspa_year"] > 0
        # the whole difference of resources is the ASPA OpenFisca-France refuses
        and abs(our_resources - details["our_aspa_year"] - their_resources) <= TOLERANCE_EUR
    ):
        return "css_aspa_refusee_hors_ue"
    # Our resources over OpenFisca-France's months: without M-13, with M-1.
    over_their_months = (
        our_resources - details["our_minima_first"] + details["our_minima_their_last"]
    )
    if (
        abs(over_their_months - their_resources) <= TOLERANCE_EUR
        and _status_under(our_resources, details["our_ceiling"]) == details["our_status"]
        and _status_under(over_their_months, details["our_ceiling"]) == details["their_status"]
        and _status_under(over_their_months, details["their_ceiling"]) == details["their_status"]
    ):
        # The months alone make the difference, not the ceiling.
        return "css_periode_de_reference_r861_8"
    if (
        housing.status is not None
        and housing.status.value == "hosted_free"
        and housing.contributes_to_costs
        # the whole difference of resources is OpenFisca-France's forfait logement
        and abs(details["their_resources"] - details["our_resources"] - details["their_forfait"])
        <= TOLERANCE_EUR
    ):
        return "css_heberge_participant_aux_frais"
    if (
        details["our_ceiling"] != details["their_ceiling"]
        and abs(our_resources - their_resources) <= TOLERANCE_EUR
    ):
        low, high = sorted((details["our_ceiling"], details["their_ceiling"]))
        # The same resources, between the two free ceilings or between the two
        # with-participation ceilings (CSS L861-1, 2°: × 1,35).
        for factor in (1.0, CSS_PARTICIPATION_CEILING):
            if low * factor < our_resources <= high * factor:
                return "css_plafond_gele_au_1er_avril_2024"
    return None


def _status_under(resources: float, free_ceiling: float) -> str:
    """The CSS status of ``resources`` under a free ceiling (CSS L861-1: × 1,35 with a
    participation)."""
    if resources <= free_ceiling:
        return "gratuite"
    return "participation" if resources <= free_ceiling * CSS_PARTICIPATION_CEILING else "aucune"


def _months_since_birth(situation: Situation, child: Person) -> int:
    first = situation.reference_month.first_day
    born = child.birth_date
    assert born is not None
    return (first.year - born.year) * 12 + first.month - born.month


def _paje(pair: Pair) -> str | None:
    situation = pair.situation
    months = [_months_since_birth(situation, c) for c in _children(situation)]
    if any(m == 0 for m in months) or any(
        m == 36 and (c.birth_date or dt.date.min).day > 1
        for m, c in zip(months, _children(situation), strict=True)
    ):
        return "paje_mois_de_naissance_ou_des_3_ans"
    young = [c.birth_date for c, m in zip(_children(situation), months, strict=True) if m < 36]
    if len(young) != len(set(young)) and pair.ours > pair.theirs:
        return "paje_naissances_multiples"
    return None


CLASSIFIERS: dict[str, Classifier] = {
    "RSA": _protected_recent,
    "prime d'activité": _prime_activite,
    "ASPA": _aspa,
    "AAH (+ MVA), par adulte": _aah,
    "APA à domicile, par adulte": _apa,
    CSS_STATUS: _css,
    "CSS participation": _css,
    "PAJE allocation de base": _paje,
    "complément familial": _paje,
}


def _describe(pair: Pair) -> str:
    situation = pair.situation
    people = ", ".join(
        f"{p.role.value} {_age(situation, p)} ans"
        + (f" {p.activity.value}" if p.activity else "")
        + "".join(f" {k}={v:.0f}" for k, v in (p.incomes or {}) if v)
        + (f" taux {p.disability_rate:.0f}" if p.disability_rate else "")
        + (f" GIR {p.gir}" if p.gir and p.gir < 5 else "")
        for p in situation.people
    )
    housing = situation.household.housing
    return (
        f"{situation.id} {situation.period} {housing.status.value if housing.status else '?'}"
        f" loyer {housing.rent or 0:.0f} RFR {situation.household.fiscal_reference_income or 0:.0f}"
        f"{' personne ' + pair.person.id if pair.person else ''}: {people}"
    )


def _table(tallies: dict[str, Tally[Pair]]) -> str:
    lines = [
        "| programme | compared | within 1 € | agreement | set aside (legal class: households) |",
        "|---|---:|---:|---:|---|",
    ]
    for name, tally in tallies.items():
        aside = ", ".join(f"{k}: {v}" for k, v in sorted(tally.excluded.items())) or "none"
        lines.append(
            f"| {name} | {tally.households} | {tally.agreed} | {tally.rate:.1%} | {aside} |"
        )
    return "\n".join(lines)


def test_every_programme_agrees_with_openfisca_france_on_whole_households() -> None:
    started = time.perf_counter()
    situations = generate_households(HOUSEHOLDS, SEED, PERIODS)
    compared = [s for s in situations if expressible(s)]
    tallies: dict[str, Tally[Pair]] = defaultdict(lambda: Tally("", TOLERANCE_EUR))
    oracle: Counter[str] = Counter()
    for period in PERIODS:
        pairs, done = evaluate([s for s in compared if s.period == period], period, "whole")
        oracle.update(done)
        for pair in pairs:
            tally = tallies[pair.programme]
            tally.name = pair.programme
            tally.tolerance = None if pair.programme == CSS_STATUS else TOLERANCE_EUR
            known = None
            if not tally.agrees(pair.ours, pair.theirs):
                classify = CLASSIFIERS.get(pair.programme)
                known = classify(pair) if classify else None
            tally.count(_describe(pair), pair.ours, pair.theirs, pair, known=known)
    seconds = time.perf_counter() - started
    print(
        f"\n{len(compared)} households compared of {len(situations)} generated (the others have a "
        f"self-employment or other income), periods {', '.join(PERIODS)}; oracle: "
        f"{oracle['hits']}/{oracle['calls']} answers from the cache; {seconds:.0f} s\n"
        + _table(tallies)
    )
    for name, tally in tallies.items():
        for example in tally.examples[:3]:
            print(f"  {name}: {example}")
    households = {name: tally.households for name, tally in tallies.items()}
    assert len(compared) >= MINIMUM_COMPARED
    assert set(PERIODS) == {s.period for s in compared}
    problems = []
    for name, tally in tallies.items():
        for kind, count in tally.excluded.items():
            assert kind in CLASSES, kind
            if count > LARGEST_CLASS * households[name]:
                problems.append(f"{name}: class {kind} holds {count}/{households[name]}")
        if tally.rate < REQUIRED_AGREEMENT:
            problems.append(
                f"{name}: {tally.agreed}/{tally.compared} ({tally.rate:.1%}) within 1 €; "
                f"first differences: {tally.examples[:3]}"
            )
    assert not problems, "\n".join(problems)
