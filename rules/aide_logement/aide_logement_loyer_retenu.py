"""Loyer retenu L : le loyer réel dans la limite du loyer plafond (CCH D823-16, 2°)."""

from openfisca_core.model_api import MONTH, Variable, min_

from rights_engine.entities import Famille


class aide_logement_loyer_retenu(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Loyer retenu L (dans la limite du plafond)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038878905"

    def formula(famille, period):
        return min_(
            famille("aide_logement_loyer_reel", period),
            famille("aide_logement_loyer_plafond", period),
        )
