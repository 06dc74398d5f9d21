"""Au moins deux enfants à charge de moins de 20 ans (CSS L521-1, R512-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class af_condition_nombre_enfants(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Au moins deux enfants à charge pour les allocations familiales"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006750602"

    def formula(famille, period, parameters):
        minimum = parameters(
            period
        ).prestations_familiales.allocations_familiales.nombre_minimum_enfants
        return famille("af_nbenf", period) >= minimum
