"""Nombre d'enfants à charge au sens des allocations familiales (CSS L521-1, R512-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class af_nbenf(Variable):
    value_type = int
    entity = Famille
    definition_period = MONTH
    label = "Nombre d'enfants à charge pour les allocations familiales"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006750602"

    def formula(famille, period):
        return famille.sum(famille.members("prestations_familiales_enfant_a_charge", period))
