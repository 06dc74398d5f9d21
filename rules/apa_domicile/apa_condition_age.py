"""Avoir au moins 60 ans (CASF L232-1, R232-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class apa_condition_age(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Avoir 60 ans ou plus"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(individu, period, parameters):
        return individu("age", period) >= parameters(period).apa_domicile.age_minimal
