"""Allocataire de l'AAH avant le 1er octobre 2023 sans interruption : le calcul conjugalisé est
maintenu s'il est plus favorable (loi n° 2022-1158, art. 10, IV ; décret n° 2022-1694)."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu


class aah_conjugalise_eligible(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = (
        "AAH perçue sans interruption depuis avant le 1er octobre 2023 (calcul conjugalisé "
        "transitoire)"
    )
    reference = "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000046830064"
