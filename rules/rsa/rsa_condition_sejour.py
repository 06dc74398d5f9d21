"""Condition de séjour du foyer : au moins un parent la remplit (CASF L262-4, 2°, L262-6)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class rsa_condition_sejour(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Nationalité française, droit au séjour européen ou titre de séjour depuis 5 ans"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087751"

    def formula(famille, period):
        condition = famille.members("rsa_condition_sejour_individu", period)
        return famille.any(condition, role=Famille.PARENT)
