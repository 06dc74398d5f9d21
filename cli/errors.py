"""Unexpected errors: one line without their details (which could hold personal data), unless
``RIGHTS_ENGINE_DEBUG=1`` asks for the traceback."""

from __future__ import annotations

import os

__all__ = ["DEBUG_VARIABLE", "debugging", "internal_error"]

DEBUG_VARIABLE = "RIGHTS_ENGINE_DEBUG"


def debugging() -> bool:
    """Whether ``RIGHTS_ENGINE_DEBUG`` asks unexpected errors to raise with their traceback."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def internal_error(
    where: str, doing: str, exc: BaseException, debug_variable: str = DEBUG_VARIABLE
) -> str:
    """One line for an unexpected error: its type only, since its text may quote personal data."""
    return (
        f"{where}: internal error while {doing} ({type(exc).__name__}); details are hidden as they "
        f"may hold personal data (rerun with {debug_variable}=1 to see them)"
    )
