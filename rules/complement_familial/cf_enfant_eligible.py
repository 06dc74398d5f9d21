"""Enfant comptant pour le complément familial : enfant du foyer de 3 à 21 ans (CSS L522-1,
R522-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille, Individu


class cf_enfant_eligible(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Enfant de 3 à 21 ans comptant pour le complément familial"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006750615"

    def formula(individu, period, parameters):
        cf = parameters(period).prestations_familiales.complement_familial
        age = individu("age", period)
        return individu.has_role(Famille.ENFANT) * (age >= cf.age_minimum) * (age < cf.age_limite)
