"""Enfants à charge qui majorent les plafonds de l'allocation de base : enfants de moins de 20 ans
(CSS L512-3, R512-2) et l'enfant à naître d'une parente enceinte, le plafond variant « selon le
nombre d'enfants nés ou à naître » (L531-2, L531-3)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class paje_base_nb_enfants_a_charge(Variable):
    value_type = int
    entity = Famille
    definition_period = MONTH
    label = "Enfants nés ou à naître à charge (plafonds de l'allocation de base)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000043316366"

    def formula(famille, period):
        nes = famille.sum(famille.members("prestations_familiales_enfant_a_charge", period))
        a_naitre = famille.any(famille.members("enceinte", period), role=Famille.PARENT)
        return nes + a_naitre
