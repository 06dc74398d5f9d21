"""Au moins un parent a 18 ans (CSS L842-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class ppa_condition_age(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Avoir au moins 18 ans"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087615"

    def formula(famille, period, parameters):
        age_minimum = parameters(period).prime_activite.conditions.age_minimum
        return famille.any(famille.members("age", period) >= age_minimum, role=Famille.PARENT)
