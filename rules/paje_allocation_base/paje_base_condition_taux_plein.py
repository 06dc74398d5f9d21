"""Ressources N-2 au plus égales au plafond du taux plein (CSS L531-3, R531-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class paje_base_condition_taux_plein(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Ressources N-2 sous le plafond de l'allocation de base à taux plein"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000036393143"

    def formula(famille, period):
        ressources = famille.demandeur.menage("rfr", period)
        return ressources <= famille("paje_base_plafond_taux_plein", period)
