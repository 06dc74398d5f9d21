"""The package's public names load on first use (`import rights_engine` stays light, so that
`rights-engine --help` does not load OpenFisca), and every name of ``__all__`` resolves."""

from __future__ import annotations

import subprocess
import sys

import rights_engine


def test_every_public_name_resolves_to_its_object() -> None:
    for name in rights_engine.__all__:
        assert getattr(rights_engine, name) is not None, name
    assert rights_engine.evaluate.__module__ == "rights_engine.engine.evaluate"
    assert set(dir(rights_engine)) >= set(rights_engine.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        rights_engine.not_a_public_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "not_a_public_name" in str(exc)
    else:
        raise AssertionError("an unknown name must raise AttributeError")


def test_importing_the_package_loads_neither_openfisca_nor_numpy() -> None:
    code = (
        "import sys, rights_engine; "
        "print(sorted(m for m in ('openfisca_core', 'numpy') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"
