"""Ressources au plus égales au plafond majoré de 35 % (CSS avec participation, L861-1, 2°), en
tenant compte de la revalorisation plausible mais non confirmée du 1er avril 2026 : un foyer
entre le plafond confirmé et le plafond plausible est signalé par ``css_plafond_non_confirme``."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class css_condition_ressources(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Ressources sous le plafond de la CSS (avec participation)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period, parameters):
        css = parameters(period).css
        plafond = famille("css_plafond", period) * (1 + css.majoration_participation)
        return famille("css_ressources", period) <= plafond * (1 + css.revalorisation_non_confirmee)
