"""Ressources N-2 (revenu fiscal de référence du dernier avis, comme pour le complément familial)
au plus égales au plafond du taux partiel (CSS L531-2, L531-3, R531-1, R532-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class paje_base_condition_ressources(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Ressources N-2 sous le plafond de l'allocation de base à taux partiel"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000043316366"

    def formula(famille, period):
        ressources = famille.demandeur.menage("rfr", period)
        return ressources <= famille("paje_base_plafond_taux_partiel", period)
