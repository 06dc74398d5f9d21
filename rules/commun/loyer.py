"""Loyer mensuel hors charges."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Menage


class loyer(Variable):
    value_type = float
    entity = Menage
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Loyer mensuel hors charges"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074096"
