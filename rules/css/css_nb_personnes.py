"""Nombre de personnes du foyer de la CSS (CSS R861-2, R861-3)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class css_nb_personnes(Variable):
    value_type = int
    entity = Famille
    definition_period = MONTH
    label = "Nombre de personnes du foyer de la complémentaire santé solidaire"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        return famille.sum(famille.members("css_membre_foyer", period))
