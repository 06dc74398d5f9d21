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

    # Why this figure, and what changes if.
    for explanation in rights_engine.explain(situation, programme="rsa"):
        print(explanation.amount.value, [p.name for p in explanation.amount.parameters])
    comparison = rights_engine.compare_periods(situation, "2026-03", "2026-04")
"""

from rights_engine._version import __version__
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
from rights_engine.engine.evaluate import PeriodOutOfRange, evaluate, evaluate_many, iter_reports
from rights_engine.engine.explain import Explanation, explain
from rights_engine.engine.freshness import stale_parameters
from rights_engine.report import Comparison, Finding, LocalContact, Report
from rights_engine.situation.errors import InputError, InputProblem, PeriodError, SituationError
from rights_engine.situation.loader import iter_situations, load_situation, parse_situation
from rights_engine.situation.models import Situation
from rights_engine.system import CountryTaxBenefitSystem
from rights_engine.versioning import rules_version

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
    "stale_parameters",
    "what_if",
]
