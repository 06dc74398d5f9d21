"""Conditions d'âge et de séjour de l'ASPA réunies pour une personne (CSS L815-1, L816-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class aspa_eligibilite_individu(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Conditions d'âge et de séjour de l'ASPA réunies"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(individu, period):
        age = individu("aspa_condition_age", period)
        if not age.any():
            # Nobody meets the age condition: the residence condition is not computed.
            return individu.filled_array(False)
        return age * individu("aspa_condition_sejour", period)
