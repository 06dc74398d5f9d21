"""rights-engine: orientation towards French social rights, computed with OpenFisca.

Typical use::

    import rights_engine
    situation = rights_engine.load_situation("situations/rsa_permis_hameau.yaml")
    report = rights_engine.evaluate(situation)
    print(report.findings[0].label, report.findings[0].verdict)

    # With a local directory of the partners' offices (addresses, phone numbers):
    directory = rights_engine.load_partners_directory("annuaire.yaml")
    report = rights_engine.evaluate(situation, partners=directory)

    # A caseload (one situation per line), streamed: memory stays bounded.
    rows = rights_engine.iter_situations("caseload.jsonl")  # (line, situation or error)
    good = (s for _, s in rows if isinstance(s, rights_engine.Situation))
    for report in rights_engine.iter_reports(good):
        ...
    # Screening only (verdicts, amounts, urgency, rank, question ids; no text): much faster.
    for screening in rights_engine.screen(good):
        ...

    # Why this figure, and what changes if.
    for explanation in rights_engine.explain(situation, programme="rsa"):
        print(explanation.amount.value, [p.name for p in explanation.amount.parameters])
    comparison = rights_engine.compare_periods(situation, "2026-03", "2026-04")
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Before anything imports OpenFisca: psutil, which it imports and the engine does not use, runs
# only if used (see _deferred).
import rights_engine._deferred  # noqa: F401
from rights_engine._version import __version__

if TYPE_CHECKING:
    from rights_engine.engine.columns import ScreenedFinding, Screening, screen
    from rights_engine.engine.compare import (
        apply_variant,
        compare_caseload,
        compare_periods,
        compare_reports,
        compare_situations,
        parameter_changes,
        what_if,
    )
    from rights_engine.engine.directory import (
        PartnersDirectory,
        PartnersDirectoryError,
        load_partners_directory,
        parse_partners_directory,
    )
    from rights_engine.engine.evaluate import (
        PeriodOutOfRange,
        evaluate,
        evaluate_many,
        iter_reports,
    )
    from rights_engine.engine.explain import Explanation, explain
    from rights_engine.engine.freshness import stale_parameters
    from rights_engine.report import Comparison, Finding, LocalContact, Report
    from rights_engine.situation.errors import InputError, InputProblem, PeriodError, SituationError
    from rights_engine.situation.loader import iter_situations, load_situation, parse_situation
    from rights_engine.situation.models import Situation
    from rights_engine.system import CountryTaxBenefitSystem
    from rights_engine.versioning import rules_version

# The public names and the module that defines each: imported on first use, so that
# `rights-engine --help` and `import rights_engine` do not load OpenFisca and the rules.
_LAZY: dict[str, str] = {
    "ScreenedFinding": "rights_engine.engine.columns",
    "Screening": "rights_engine.engine.columns",
    "screen": "rights_engine.engine.columns",
    "apply_variant": "rights_engine.engine.compare",
    "compare_caseload": "rights_engine.engine.compare",
    "compare_periods": "rights_engine.engine.compare",
    "compare_reports": "rights_engine.engine.compare",
    "compare_situations": "rights_engine.engine.compare",
    "parameter_changes": "rights_engine.engine.compare",
    "what_if": "rights_engine.engine.compare",
    "PartnersDirectory": "rights_engine.engine.directory",
    "PartnersDirectoryError": "rights_engine.engine.directory",
    "load_partners_directory": "rights_engine.engine.directory",
    "parse_partners_directory": "rights_engine.engine.directory",
    "PeriodOutOfRange": "rights_engine.engine.evaluate",
    "evaluate": "rights_engine.engine.evaluate",
    "evaluate_many": "rights_engine.engine.evaluate",
    "iter_reports": "rights_engine.engine.evaluate",
    "Explanation": "rights_engine.engine.explain",
    "explain": "rights_engine.engine.explain",
    "stale_parameters": "rights_engine.engine.freshness",
    "Comparison": "rights_engine.report",
    "Finding": "rights_engine.report",
    "LocalContact": "rights_engine.report",
    "Report": "rights_engine.report",
    "InputError": "rights_engine.situation.errors",
    "InputProblem": "rights_engine.situation.errors",
    "PeriodError": "rights_engine.situation.errors",
    "SituationError": "rights_engine.situation.errors",
    "iter_situations": "rights_engine.situation.loader",
    "load_situation": "rights_engine.situation.loader",
    "parse_situation": "rights_engine.situation.loader",
    "Situation": "rights_engine.situation.models",
    "CountryTaxBenefitSystem": "rights_engine.system",
    "rules_version": "rights_engine.versioning",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "__version__",
    "Comparison",
    "CountryTaxBenefitSystem",
    "Explanation",
    "Finding",
    "InputError",
    "InputProblem",
    "LocalContact",
    "PartnersDirectory",
    "PartnersDirectoryError",
    "PeriodError",
    "PeriodOutOfRange",
    "Report",
    "ScreenedFinding",
    "Screening",
    "Situation",
    "SituationError",
    "apply_variant",
    "compare_caseload",
    "compare_periods",
    "compare_reports",
    "compare_situations",
    "evaluate",
    "evaluate_many",
    "explain",
    "iter_reports",
    "iter_situations",
    "load_partners_directory",
    "load_situation",
    "parse_partners_directory",
    "parameter_changes",
    "parse_situation",
    "rules_version",
    "screen",
    "stale_parameters",
    "what_if",
]
