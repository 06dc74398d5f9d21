"""Condition d'âge de chaque parent : 25 ans, ou un enfant à charge ou à naître (CASF L262-4,
1°)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class rsa_condition_age_individu(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Le parent remplit la condition d'âge du RSA"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087751"

    def formula(individu, period, parameters):
        age_minimum = parameters(period).rsa.conditions.age_minimum
        a_enfant = individu.famille("rsa_nb_enfants", period) > 0
        return (
            (individu("age", period) >= age_minimum)
            + a_enfant
            + individu("enceinte", period)
            + individu("rsa_condition_jeune_actif", period)
        )
