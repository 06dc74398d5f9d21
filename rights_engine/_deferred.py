"""Modules that OpenFisca imports but the engine does not use, executed on first use only.

- psutil, imported by ``openfisca_core.holders.holder`` for a memory check that runs only when a
  simulation is given a ``memory_config`` (the engine never gives one): some 30 ms of every
  cold start;
- numexpr, imported by ``openfisca_core.commons.misc`` for ``eval_expression`` (a number given
  as text), which the engine never uses: some 6 ms, and two threads started;
- ``openfisca_core.tools``, imported by the parameters' code for the ``indent`` of their
  ``repr``, which imports ``numpy.testing`` (and unittest): some 8 ms;
- dpath, imported by OpenFisca's simulation builder and situation errors to locate an error in
  a situation given as JSON (the engine gives none): some 2 ms;
- ``dateutil.parser``, imported by pendulum's parser (OpenFisca's periods) as the fallback of a
  parse that is not strict (OpenFisca's are): some 4 ms;
- secrets, imported by ``pydantic.types`` to compare secret values (the engine has none), which
  imports hmac and hashlib: some 4 ms.

:func:`defer` puts a finder in front of :data:`sys.meta_path`: such a module is then imported as
any other (found by the usual finders, with its ``__spec__``, ``__file__``…, in ``sys.modules``
and as an attribute of its package), except that its code does not run. It runs into that same
module object on the first access to any other attribute, so each still works for whoever uses
it (dask's workers use psutil).

This is what the standard library's :class:`importlib.util.LazyLoader` does, except that
LazyLoader runs the module on any attribute access, ``__spec__`` included, which an ``import``
statement reads (Python 3.11): ``import psutil`` would run it at once. Here the module's
``__getattr__`` (PEP 562) is asked only for an attribute that the module does not have yet.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from typing import Any

__all__ = ["DEFERRED", "defer"]

DEFERRED = ("psutil", "numexpr", "openfisca_core.tools", "dpath", "dateutil.parser", "secrets")


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


class _DeferringLoader:
    """Imports a module without running its code, which its own loader runs later."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: ModuleSpec) -> None:
        return None  # the usual module object

    def exec_module(self, module: types.ModuleType) -> None:
        assert module.__spec__ is not None
        module.__spec__.loader = module.__loader__ = self.loader
        module.__class__ = _Deferred


class _Finder:
    """Finds the deferred modules as the finders after it do, with a loader that defers their
    code."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> ModuleSpec | None:
        if name not in self.names:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = None if finder is self or find is None else find(name, path, target)
            if spec is not None:
                break
        else:
            return None
        if hasattr(spec.loader, "exec_module"):
            spec.loader = _DeferringLoader(spec.loader)
        return spec


_FINDER = _Finder()


def defer(name: str) -> None:
    """Make ``import name`` cheap until the module is used. Nothing is done when it is already
    imported; a module that is not installed fails to import as usual."""
    if name in sys.modules:
        return
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
    _FINDER.names.add(name)


for _name in DEFERRED:
    defer(_name)
