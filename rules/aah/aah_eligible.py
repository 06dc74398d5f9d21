"""Conditions d'incapacité et d'âge de l'AAH réunies (CSS L821-1, L821-2, R821-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class aah_eligible(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Conditions d'incapacité et d'âge de l'AAH réunies"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006754198"

    def formula(individu, period):
        incapacite = individu("aah_condition_incapacite", period)
        if not incapacite.any():
            # Nobody meets the incapacity condition: the age condition is not computed.
            return individu.filled_array(False)
        return incapacite * individu("aah_condition_age", period)
