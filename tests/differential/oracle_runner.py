"""Compute OpenFisca-France values for a batch of households (differential-testing oracle).

This script runs with the python of the oracle virtual environment (see ``oracle.py``), where
OpenFisca-France and the older openfisca-core it pins are installed. It must never be imported by
the test suite itself.

Input, one JSON object on stdin::

    {"situation": {"individus": {...}, "familles": {...}, "foyers_fiscaux": {...},
                   "menages": {...}},
     "requests": [{"variable": "rsa", "period": "2026-11"},
                  {"variable": "salaire_net", "period": "2026", "add": true},
                  {"variable": "cheque_energie", "period": "2026-11", "divide": true}]}

Output, one JSON object on stdout::

    {"results": {"rsa@2026-11": [573.49, ...]},
     "entity_ids": {"rsa@2026-11": ["famille_0", ...]},
     "seconds": 1.23,        # simulation build + all calculations
     "tbs_seconds": 3.6}     # loading the tax-benefit system (not included in "seconds")

One value per row of the variable's entity, in the order of that entity's ids in the input.
Enums are given by their ``.name``, dates as ISO strings, float32 values by their shortest
decimal representation (573.49, not 573.489990234375). On any error: ``{"error": "..."}`` on
stdout, the traceback on stderr, exit status 1.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
import traceback
from typing import Any


def _to_json_list(values: Any) -> list[Any]:
    """Turn an OpenFisca result array into a JSON-friendly list."""
    import numpy

    if hasattr(values, "decode") and hasattr(values, "possible_values"):  # EnumArray
        return [item.name for item in values.decode()]
    array = numpy.asarray(values)
    kind = array.dtype.kind
    if kind == "f":
        if array.dtype == numpy.float32:
            # str() of a float32 is its shortest round-tripping decimal form.
            return [float(str(value)) for value in array]
        return [float(value) for value in array]
    if kind == "b":
        return [bool(value) for value in array]
    if kind in "iu":
        return [int(value) for value in array]
    if kind == "M":  # datetime64, e.g. date_naissance
        return [str(value) for value in array.astype("datetime64[D]")]
    if kind == "S":
        return [value.decode("utf-8") for value in array]
    return [value.decode("utf-8") if isinstance(value, bytes) else str(value) for value in array]


def run(payload: dict[str, Any]) -> dict[str, Any]:
    situation = payload["situation"]
    requests = payload["requests"]
    if not isinstance(situation, dict) or not isinstance(requests, list):
        raise ValueError("'situation' must be an object and 'requests' a list")

    started = time.perf_counter()
    from openfisca_core.simulation_builder import SimulationBuilder
    from openfisca_france import CountryTaxBenefitSystem

    tbs = CountryTaxBenefitSystem()
    tbs_seconds = time.perf_counter() - started

    started = time.perf_counter()
    simulation = SimulationBuilder().build_from_entities(tbs, situation)

    results: dict[str, list[Any]] = {}
    entity_ids: dict[str, list[Any]] = {}
    for request in requests:
        variable_name = request["variable"]
        period = str(request["period"])
        if variable_name not in tbs.variables:
            raise KeyError(f"unknown OpenFisca-France variable {variable_name!r}")
        key = f"{variable_name}@{period}"
        if request.get("add"):  # e.g. a MONTH variable summed over a year
            values = simulation.calculate_add(variable_name, period)
        elif request.get("divide"):  # e.g. a YEAR variable (cheque_energie) asked for a month
            values = simulation.calculate_divide(variable_name, period)
        else:
            values = simulation.calculate(variable_name, period)
        entity = tbs.variables[variable_name].entity
        population = simulation.populations[entity.key]
        results[key] = _to_json_list(values)
        entity_ids[key] = [str(entity_id) for entity_id in population.ids]
    seconds = time.perf_counter() - started

    return {
        "results": results,
        "entity_ids": entity_ids,
        "seconds": seconds,
        "tbs_seconds": tbs_seconds,
    }


def main() -> int:
    real_stdout = sys.stdout
    try:
        payload = json.load(sys.stdin)
        # Anything OpenFisca prints goes to stderr: stdout carries only the JSON answer.
        with contextlib.redirect_stdout(sys.stderr):
            answer = run(payload)
    except BaseException as error:  # every failure becomes a JSON error
        traceback.print_exc(file=sys.stderr)
        message = f"{type(error).__name__}: {error}"
        real_stdout.write(json.dumps({"error": message}) + "\n")
        real_stdout.flush()
        return 1
    real_stdout.write(json.dumps(answer) + "\n")
    real_stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
