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
"""

from rights_engine._version import __version__
from rights_engine.engine.directory import (
    PartnersDirectory,
    PartnersDirectoryError,
    load_partners_directory,
    parse_partners_directory,
)
from rights_engine.engine.evaluate import PeriodOutOfRange, evaluate, evaluate_many, iter_reports
from rights_engine.report import Finding, LocalContact, Report
from rights_engine.situation.errors import InputError, InputProblem, PeriodError, SituationError
from rights_engine.situation.loader import iter_situations, load_situation, parse_situation
from rights_engine.situation.models import Situation
from rights_engine.system import CountryTaxBenefitSystem

__all__ = [
    "__version__",
    "CountryTaxBenefitSystem",
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
    "evaluate",
    "evaluate_many",
    "iter_reports",
    "iter_situations",
    "load_partners_directory",
    "load_situation",
    "parse_partners_directory",
    "parse_situation",
]
