"""The months in French, for dates in a worker's words (the engine's texts and the renderers).

Nothing else here: the renderers of a command that loads no OpenFisca system read it too.
"""

from __future__ import annotations

__all__ = ["MONTH_NAMES"]

MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
"""January first."""
