"""OpenFisca-France's side of ``side_by_side.py``: runs with the python of the oracle venv.

It never imports rights_engine (OpenFisca-France pins an older openfisca-core). Two modes:

``warm PAYLOAD.json``
    Load the tax-benefit system once, then for every line ``run`` read on stdin build a new
    simulation of the payload's household(s) (``SimulationBuilder().build_from_entities``) and
    calculate every request; answer one JSON line ``{"seconds": s}`` (build + calculations).
    The first line on stdout, ``{"ready": true, "tbs_seconds": s}``, tells the system is loaded.

``batch OUT.jsonl CHUNK.json [CHUNK.json ...]``
    Load the tax-benefit system (timed apart), then for each chunk ``{"situation": ...,
    "requests": [...]}`` (or ``{"columns": ..., "requests": [...]}``, the same inputs as
    arrays): read it, build one vectorised simulation of all its households,
    calculate every request, and write one JSON line per household to ``OUT.jsonl``:
    ``{"id": label, "<variable>@<period>": value, ..., "people": {person id: {...}}}``
    (the values of the famille / foyer fiscal / ménage whose id is the label, and of each of its
    individus). Prints ``{"tbs_seconds", "seconds", "read_seconds", "build_seconds",
    "calculate_seconds", "write_seconds", "households"}``; ``seconds`` counts everything after
    the system is loaded.

The cold single-household run uses ``tests/differential/oracle_runner.py`` as it is (payload on
stdin, answer on stdout): loading the system is part of it.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from typing import Any

PERSON = "individu"


def _load_system() -> tuple[Any, float]:
    started = time.perf_counter()
    from openfisca_france import CountryTaxBenefitSystem

    return CountryTaxBenefitSystem(), time.perf_counter() - started


def _calculate(simulation: Any, request: dict[str, Any]) -> Any:
    variable, period = request["variable"], str(request["period"])
    if request.get("add"):
        return simulation.calculate_add(variable, period)
    if request.get("divide"):
        return simulation.calculate_divide(variable, period)
    return simulation.calculate(variable, period)


def _as_list(values: Any) -> list[Any]:
    if hasattr(values, "decode") and hasattr(values, "possible_values"):  # EnumArray
        return [item.name for item in values.decode()]
    return values.tolist()


def _build(tbs: Any, situation: dict[str, Any]) -> Any:
    from openfisca_core.simulation_builder import SimulationBuilder

    return SimulationBuilder().build_from_entities(tbs, situation)


def build_from_arrays(tbs: Any, columns: dict[str, Any]) -> Any:
    """A simulation declared from arrays (``SimulationBuilder.declare_person_entity``,
    ``declare_entity``, ``join_with_persons``, then ``Simulation.set_input`` of one array per
    variable and period, the shorter periods first as ``build_from_entities`` does): the
    vectorised way to feed OpenFisca a caseload. ``columns`` is written by ``side_by_side.py``
    (``to_columns``) from the same entities dict that ``build_from_entities`` reads."""
    import numpy
    from openfisca_core import periods
    from openfisca_core.indexed_enums import Enum
    from openfisca_core.simulation_builder import SimulationBuilder

    builder = SimulationBuilder()
    builder.create_entities(tbs)
    builder.declare_person_entity(PERSON, columns["persons"])
    for key, group in columns["groups"].items():
        population = builder.declare_entity(key, group["ids"])
        by_name = {}
        for role in population.entity.roles:
            by_name[role.key] = role
            if role.plural:
                by_name[role.plural] = role
        roles = []
        for name, position in group["roles"]:
            role = by_name[name]
            roles.append(role.subroles[position].key if role.subroles else role.key)
        ids = numpy.array(group["ids"])
        builder.join_with_persons(population, ids[numpy.array(group["members"])], roles)
    simulation = builder.build(tbs)
    for name, by_period in columns["inputs"].items():
        variable = tbs.variables[name]
        count = simulation.populations[variable.entity.key].count
        ordered = sorted(by_period, key=lambda text: periods.key_period_size(periods.period(text)))
        for period in ordered:
            if variable.end is not None and periods.period(period).start.date > variable.end:
                continue
            index = numpy.asarray(by_period[period]["index"], dtype=numpy.int64)
            values: Any = by_period[period]["values"]
            array = variable.default_array(count)
            if variable.value_type == Enum:
                values = variable.possible_values.encode(numpy.array(values))
            elif array.dtype.kind == "M":
                values = numpy.array(values, dtype="datetime64[D]")
            array[index] = values
            simulation.set_input(name, period, array)
    return simulation


def warm(payload_path: str) -> int:
    with open(payload_path, encoding="utf-8") as handle:
        payload = json.load(handle)
    with contextlib.redirect_stdout(sys.stderr):
        tbs, tbs_seconds = _load_system()
    print(json.dumps({"ready": True, "tbs_seconds": tbs_seconds}), flush=True)
    for line in sys.stdin:
        if line.strip() != "run":
            break
        started = time.perf_counter()
        with contextlib.redirect_stdout(sys.stderr):
            simulation = _build(tbs, payload["situation"])
            for request in payload["requests"]:
                _calculate(simulation, request)
        print(json.dumps({"seconds": time.perf_counter() - started}), flush=True)
    return 0


def _household_lines(tbs: Any, simulation: Any, results: dict[str, Any]) -> list[str]:
    """One JSON line per household (famille) with its values and its individus' values."""
    famille = simulation.populations["famille"]
    labels = [str(i) for i in famille.ids]
    rows: list[dict[str, Any]] = [{"id": label, "people": {}} for label in labels]
    position = {label: row for row, label in enumerate(labels)}
    person_ids = [str(i) for i in simulation.populations[PERSON].ids]
    person_famille = famille.members_entity_id.tolist()
    for key, (entity, values) in results.items():
        if entity == PERSON:
            for person, row, value in zip(person_ids, person_famille, values, strict=True):
                rows[row]["people"].setdefault(person, {})[key] = value
        else:
            ids = [str(i) for i in simulation.populations[entity].ids]
            for label, value in zip(ids, values, strict=True):
                rows[position[label]][key] = value
    return [json.dumps(row) for row in rows]


def batch(out_path: str, chunks: list[str]) -> int:
    """``chunks``: entities dicts (``chunk-*.json``, built by ``build_from_entities``) or arrays
    (``columns-*.json``, built by :func:`build_from_arrays`)."""
    with contextlib.redirect_stdout(sys.stderr):
        tbs, tbs_seconds = _load_system()
    timings = dict.fromkeys(("read", "build", "calculate", "write"), 0.0)
    households = 0
    started = time.perf_counter()
    with open(out_path, "w", encoding="utf-8") as out, contextlib.redirect_stdout(sys.stderr):
        for chunk in chunks:
            step = time.perf_counter()
            with open(chunk, encoding="utf-8") as handle:
                payload = json.load(handle)
            timings["read"] += time.perf_counter() - step
            step = time.perf_counter()
            if "columns" in payload:
                simulation = build_from_arrays(tbs, payload["columns"])
            else:
                simulation = _build(tbs, payload["situation"])
            timings["build"] += time.perf_counter() - step
            step = time.perf_counter()
            results: dict[str, Any] = {}
            for request in payload["requests"]:
                entity = tbs.variables[request["variable"]].entity.key
                key = f"{request['variable']}@{request['period']}"
                results[key] = (entity, _as_list(_calculate(simulation, request)))
            timings["calculate"] += time.perf_counter() - step
            step = time.perf_counter()
            lines = _household_lines(tbs, simulation, results)
            out.write("\n".join(lines) + "\n")
            out.flush()
            households += len(lines)
            timings["write"] += time.perf_counter() - step
            del simulation, payload, results
    answer = {
        "tbs_seconds": tbs_seconds,
        "seconds": time.perf_counter() - started,
        "households": households,
    } | {f"{name}_seconds": value for name, value in timings.items()}
    print(json.dumps(answer), flush=True)
    return 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "warm":
        return warm(argv[1])
    if len(argv) >= 3 and argv[0] == "batch":
        return batch(argv[1], argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
