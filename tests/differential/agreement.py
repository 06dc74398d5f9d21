"""Our side of a differential test and the tally of its agreement with OpenFisca-France.

:func:`our_amounts` reads one programme's monthly amount from the reports of
``rights_engine.evaluate_many``; :func:`our_values` reads variables of one simulation built on
completed situations, for the tests that compare an intermediate variable. A :class:`Tally` counts
the households compared and those within the tolerance, sets aside the known differences a test
explains with the law (``known=``, before measuring agreement), puts every other disagreement in a
class given by the test's classifier (``UNEXPLAINED`` without one), prints a one-line summary and
asserts the required share of agreement and, where the test asks for it, that no disagreement is
unexplained. What a class means, and why the law gives our figure, is written in the test that
names it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import numpy as np

import rights_engine
from rights_engine.engine.builder import build_simulation
from rights_engine.engine.scenarios import Scenario, complete
from rights_engine.situation.models import Month, Situation

__all__ = ["UNEXPLAINED", "Tally", "our_amounts", "our_values"]

UNEXPLAINED = "inexpliqué"
EXAMPLES = 10  # unexplained disagreements kept to be printed; the assertions show half of them

Case = TypeVar("Case")


def our_amounts(
    situations: Sequence[Situation], programme: str, why: str = "every fact is known"
) -> dict[str, float]:
    """``{situation id: monthly amount}`` of ``programme``, asserted exact (minimum = maximum)."""
    amounts: dict[str, float] = {}
    for situation, report in zip(situations, rights_engine.evaluate_many(situations), strict=True):
        finding = next(f for f in report.findings if f.programme == programme)
        assert finding.estimated_amount is not None, (situation.id, programme)
        assert finding.estimated_amount.minimum == finding.estimated_amount.maximum, (
            situation.id,
            why,
        )
        amounts[situation.id or ""] = finding.estimated_amount.minimum
    return amounts


def our_values(
    situations: Sequence[Situation], period: str, *variables: str
) -> dict[str, np.ndarray]:
    """``{variable: one float per situation}`` from ONE simulation of the completed situations
    (favourable scenario: every fact of these situations is known)."""
    batch = build_simulation(
        [complete(situation, Scenario.favourable) for situation in situations], Month(period)
    )
    return {variable: np.asarray(batch.value(variable), dtype=float) for variable in variables}


def _shown(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, float | np.floating) else str(value)


@dataclass
class Tally(Generic[Case]):
    """Agreement of our values with OpenFisca-France's, household by household.

    ``tolerance`` in euros (``None``: the values must be equal, e.g. a status); ``decimals``: how
    the tolerance is printed. ``classify(case, ours, theirs)`` names the class of a disagreement
    (``UNEXPLAINED`` when no legal reason applies).
    """

    name: str
    tolerance: float | None = 1.0
    decimals: int = 0
    classify: Callable[[Case, Any, Any], str] | None = None
    compared: int = 0
    agreed: int = 0
    # Known differences set aside before measuring agreement, and how many of them differ.
    excluded: Counter[str] = field(default_factory=Counter)
    differing: Counter[str] = field(default_factory=Counter)
    # Disagreements among the households compared, by class.
    classes: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def agrees(self, ours: Any, theirs: Any) -> bool:
        if self.tolerance is None:
            return bool(ours == theirs)
        return abs(float(ours) - float(theirs)) <= self.tolerance

    def count(
        self,
        label: str,
        ours: Any,
        theirs: Any,
        case: Case | None = None,
        *,
        known: str | None = None,
    ) -> bool:
        """Count one household; ``known``: the known difference that sets it aside, if any."""
        same = self.agrees(ours, theirs)
        if known is not None:
            self.excluded[known] += 1
            self.differing[known] += not same
            return same
        self.compared += 1
        if same:
            self.agreed += 1
            return True
        if self.classify is None or case is None:
            kind = UNEXPLAINED
        else:
            kind = self.classify(case, ours, theirs)
        self.classes[kind] += 1
        if kind == UNEXPLAINED and len(self.examples) < EXAMPLES:
            self.examples.append(f"{label}: ours {_shown(ours)}, OpenFisca-France {_shown(theirs)}")
        return False

    @property
    def rate(self) -> float:
        return self.agreed / self.compared if self.compared else 0.0

    @property
    def households(self) -> int:
        """Every household counted, the known differences included."""
        return self.compared + self.excluded.total()

    @property
    def agreed_in_all(self) -> int:
        """Households within the tolerance, the known differences included."""
        return self.agreed + self.excluded.total() - self.differing.total()

    def excluded_text(self) -> str:
        return f"excluded with a legal explanation: {dict(self.excluded) or 'none'}"

    def classes_text(self) -> str:
        return f"disagreements by class: {dict(self.classes)}"

    def summary(self, *details: str, inside: str = "") -> str:
        """``<name> vs OpenFisca-France: a/n households within 1 € (r %<inside>); <details>``."""
        within = (
            "identical"
            if self.tolerance is None
            else f"within {self.tolerance:.{self.decimals}f} €"
        )
        head = (
            f"{self.name} vs OpenFisca-France: {self.agreed}/{self.compared} households {within} "
            f"({self.rate:.1%}{inside})"
        )
        return "; ".join((head, *details))

    def report(self, *details: str, inside: str = "") -> None:
        """Print the summary (after a blank line, under pytest's captured output) and the first
        unexplained disagreements."""
        print("\n" + self.summary(*details, inside=inside))
        for example in self.examples:
            print("  disagreement:", example)

    def assert_agreement(self, required: float) -> None:
        assert self.rate >= required, (
            f"{self.name}: {self.agreed}/{self.compared} ({self.rate:.1%}) < {required:.0%}",
            dict(self.classes),
            self.examples[: EXAMPLES // 2],
        )

    def assert_all_explained(self) -> None:
        assert self.classes[UNEXPLAINED] == 0, (
            f"{self.name}: unexplained disagreements",
            self.examples[: EXAMPLES // 2],
        )
