"""Au moins un enfant ouvrant droit à l'allocation de base (CSS L531-1, L531-3, D531-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class paje_base_condition_enfant(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Au moins un enfant de moins de 3 ans ouvrant droit à l'allocation de base"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000036393143"

    def formula(famille, period):
        return famille.any(famille.members("paje_base_enfant_eligible", period))
