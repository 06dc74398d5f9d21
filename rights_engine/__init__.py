"""rights-engine: orientation towards French social rights, computed with OpenFisca.

Typical use::

    import rights_engine
    situation = rights_engine.load_situation("situations/rsa_permis_hameau.yaml")
    report = rights_engine.evaluate(situation)
    print(report.findings[0].label, report.findings[0].verdict)
"""

from rights_engine._version import __version__
from rights_engine.engine.evaluate import PeriodOutOfRange, evaluate, evaluate_many
from rights_engine.report import Finding, Report
from rights_engine.situation.errors import InputProblem, SituationError
from rights_engine.situation.loader import iter_situations, load_situation, parse_situation
from rights_engine.situation.models import Situation
from rights_engine.system import CountryTaxBenefitSystem

__all__ = [
    "__version__",
    "CountryTaxBenefitSystem",
    "Finding",
    "InputProblem",
    "PeriodOutOfRange",
    "Report",
    "Situation",
    "SituationError",
    "evaluate",
    "evaluate_many",
    "iter_situations",
    "load_situation",
    "parse_situation",
]
