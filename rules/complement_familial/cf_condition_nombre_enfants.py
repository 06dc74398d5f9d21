"""Au moins trois enfants à charge âgés de 3 à 21 ans (CSS L522-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class cf_condition_nombre_enfants(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Au moins trois enfants de 3 à 21 ans à charge"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006750615"

    def formula(famille, period, parameters):
        minimum = parameters(
            period
        ).prestations_familiales.complement_familial.nombre_minimum_enfants
        return famille.sum(famille.members("cf_enfant_eligible", period)) >= minimum
