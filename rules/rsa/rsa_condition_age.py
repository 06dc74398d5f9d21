"""Au moins un parent remplit la condition d'âge (CASF L262-4, 1°, L262-7-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class rsa_condition_age(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = (
        "Avoir 25 ans, un enfant à charge ou à naître, ou remplir les conditions du RSA jeune actif"
    )
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087751"

    def formula(famille, period):
        condition = famille.members("rsa_condition_age_individu", period)
        return famille.any(condition, role=Famille.PARENT)
