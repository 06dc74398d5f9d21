"""Grossesse déclarée."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu


class enceinte(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Grossesse déclarée"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"
