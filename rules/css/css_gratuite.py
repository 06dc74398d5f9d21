"""CSS sans participation : ressources au plus égales au plafond, ou bénéficiaire du RSA
(CSS L861-1, 1°)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class css_gratuite(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "CSS sans participation financière"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        sous_plafond = famille("css_ressources", period) <= famille("css_plafond", period)
        return famille("css_attribution_rsa", period) + sous_plafond
