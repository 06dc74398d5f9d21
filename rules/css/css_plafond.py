"""Plafond annuel de la CSS gratuite pour le foyer (CSS L861-1, R861-3) : plafond d'une personne ×
coefficient du foyer (1 ; + 0,5 ; + 0,3 ; + 0,3 ; + 0,4 par personne ensuite), dernier plafond
publié (1er avril 2025)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class css_plafond(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Plafond annuel de ressources de la CSS gratuite"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period, parameters):
        css = parameters(period).css
        return css.plafond_base * css.coefficient_foyer.calc(famille("css_nb_personnes", period))
