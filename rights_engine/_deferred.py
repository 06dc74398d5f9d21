"""Modules that OpenFisca imports but the engine does not use, executed on first use only.

``openfisca_core.holders.holder`` imports psutil at the top of the module, for a memory check
that runs only when a simulation is given a ``memory_config`` (the engine never gives one);
importing psutil costs some 30 ms of every cold start. ``openfisca_core.commons.misc`` imports
numexpr for ``eval_expression`` (a number given as text), which the engine never uses: importing
numexpr costs some 6 ms and starts two threads. :func:`defer` puts a module in ``sys.modules``
before anyone imports it, with the import metadata only (``__spec__``, ``__file__``…); its code
runs into that same module object on the first access to any other attribute, so psutil still
works for whoever uses it (dask's workers do), and numexpr for whoever evaluates with it.

This is what the standard library's :class:`importlib.util.LazyLoader` does, except that
LazyLoader runs the module on any attribute access, ``__spec__`` included, which an ``import``
statement reads (Python 3.11): ``import psutil`` would run it at once. Here the module's
``__getattr__`` (PEP 562) is asked only for an attribute that the module does not have yet.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from typing import Any

__all__ = ["DEFERRED", "defer"]

DEFERRED = ("psutil", "numexpr")


class _Deferred(types.ModuleType):
    """A module whose code has not run yet: it runs on the first attribute asked for."""

    def __getattr__(self, attribute: str) -> Any:
        spec = self.__spec__
        assert spec is not None and spec.loader is not None
        self.__class__ = types.ModuleType  # type: ignore[assignment]  # an ordinary module now
        try:
            spec.loader.exec_module(self)
        except BaseException:
            sys.modules.pop(spec.name, None)  # as a failed import leaves it
            raise
        return getattr(self, attribute)


def defer(name: str) -> None:
    """Make ``import name`` cheap until the module is used. Nothing is done when it is already
    imported or not installed."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _Deferred
    sys.modules[name] = module


for _name in DEFERRED:
    defer(_name)
