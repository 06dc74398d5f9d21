"""More rows of the completion set (``scenarios.completions``) for facts no corner can bound:
the commune's zone, the activity, the salary lines of employed people and of two earners."""

from __future__ import annotations

from dataclasses import replace

from rights_engine.engine.facts import FactRef
from rights_engine.engine.scenarios import (
    _SALARY_LEVELS,
    ACTIVITY_INCOMES,
    Completion,
    Scenario,
    _Completer,
    _copied,
    _set,
    _with_people,
    complete,
    line_rows,
    salary_sweep,
)
from rights_engine.situation.models import Activity, Situation

__all__ = ["activity_rows", "joint_lines", "working_lines", "zone_rows"]


def zone_rows(
    situation: Situation, refs: dict[tuple[str, int | None], FactRef], completer: _Completer
) -> list[Completion]:
    """An unknown commune in each zone of the housing aids, from both corners (the corners and
    flips give zones 1 and 3): the zone raises the loyer plafond (CCH D823-16) but also the
    réduction de loyer de solidarité a social tenant's aid is cut by (CCH L442-2-1), so no zone
    bounds the aid alone."""
    ref = refs.get(("commune", None))
    if ref is None:
        return []
    partial = _copied(situation, {"household": _set(situation.household, "housing.zone", "2")})
    return [
        Completion(complete(partial, scenario, completer), base, (ref,))
        for base, scenario in enumerate(Scenario)
    ]


def activity_rows(
    situation: Situation, unknown: list[FactRef], completer: _Completer
) -> list[Completion]:
    """Each unknown activity set to every value, from both corners: no activity is the most
    favourable for every right (unemployed or a student under 28, the housing aid may neutralise
    the incomes or take the student forfait, CCH R822-15, R822-20, and its forfait logement then
    lowers the prime d'activité, CSS R844-3)."""
    rows: list[Completion] = []
    for ref in unknown:
        if ref.fact != "activity" or ref.person is None:
            continue
        for activity in Activity:
            partial = _with_people(situation, {ref.person: {"activity": activity}})
            rows.extend(
                Completion(complete(partial, scenario, completer), base, (ref,))
                for base, scenario in enumerate(Scenario)
            )
    return rows


def working_lines(
    situation: Situation, unknown: list[FactRef], offset: int, completer: _Completer
) -> list[Completion]:
    """The salary lines again with every unknown activity set to employed (``offset``: the index
    of the first row returned, their anchor). In the favourable corner the unemployed's incomes
    are neutralised for the housing aid (CCH R822-15), whose forfait logement then lowers the
    prime d'activité (CSS R844-3): its best salary may be an employed person's."""
    activities = [ref for ref in unknown if ref.fact == "activity" and ref.person is not None]
    earners = [ref for ref in unknown if ref.fact == "incomes" and ref.person is not None]
    if not activities or not earners:
        return []
    employed: dict[int, dict[str, object]] = {
        ref.person: {"activity": Activity.employed} for ref in activities if ref.person is not None
    }
    anchor = complete(_with_people(situation, employed), Scenario.favourable, completer)
    rows = [Completion(anchor, 0, tuple(activities))]
    for ref in earners:
        for kind in ACTIVITY_INCOMES:
            line = salary_sweep(anchor, ref, _SALARY_LEVELS, kind)
            rows.extend(
                replace(
                    row,
                    varied=(*activities, ref),
                    sweep=f"{row.sweep}:employed",
                    origin=offset,
                )
                for row in line
            )
    return rows


def joint_lines(favourable: Situation, unknown: list[FactRef]) -> list[Completion]:
    """Every unknown-income adult earning the same level at once: a right for a couple where
    both work (the prime d'activité of two earners, CSS L842-3) can be nil on every line where one
    of them earns alone."""
    earners = [ref for ref in unknown if ref.fact == "incomes" and ref.person is not None]
    if len(earners) < 2:
        return []
    rows = []
    for kind in ACTIVITY_INCOMES:
        line = Completion(
            favourable,
            0,
            tuple(earners),
            sweep=f"joint:{kind}",
            anchor=favourable,
            earners=tuple(ref.person for ref in earners if ref.person is not None),
            kind=kind,
        )
        rows.extend(line_rows(line, _SALARY_LEVELS))
    return rows
