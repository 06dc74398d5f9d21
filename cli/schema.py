"""``rights-engine schema``: the JSON Schema of a situation."""

from __future__ import annotations

import json
from typing import Any

import click

from rights_engine.situation.models import Situation

__all__ = ["JSON_SCHEMA_DIALECT", "schema", "situation_schema"]

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def situation_schema() -> dict[str, Any]:
    """The JSON Schema of a situation, as published by ``rights-engine schema``."""
    schema = Situation.model_json_schema(by_alias=True)
    return {**schema, "$schema": JSON_SCHEMA_DIALECT, "title": "rights-engine situation (schema 1)"}


@click.command()
def schema() -> None:
    """Print the JSON Schema of a situation (stable: sorted keys)."""
    click.echo(json.dumps(situation_schema(), indent=2, sort_keys=True, ensure_ascii=False))
