"""The pydantic models' fields are annotated with types, not strings: the modules defining the
situation, the report and the catalogue do not use ``from __future__ import annotations``, so
that building their models (at each cold start) does not compile and evaluate each field's
annotation again (``eval``); their JSON Schema is the same either way."""

from __future__ import annotations

from types import ModuleType

import pytest
from pydantic import BaseModel

from rights_engine import report
from rights_engine.engine import catalogue
from rights_engine.situation import models


@pytest.mark.parametrize("module", [models, report, catalogue], ids=lambda m: m.__name__)
def test_the_models_fields_are_annotated_with_types_not_strings(module: ModuleType) -> None:
    classes = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__ == module.__name__
    ]
    assert len(classes) >= 8
    for cls in classes:
        strings = [
            name
            for name, hint in vars(cls).get("__annotations__", {}).items()
            if isinstance(hint, str)
        ]
        assert strings == [], cls.__name__
