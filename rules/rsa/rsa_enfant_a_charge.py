"""Enfant compté à charge pour le RSA (CASF R262-3)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille, Individu


class rsa_enfant_a_charge(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Enfant à charge au sens du RSA"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000020526222"

    def formula(individu, period, parameters):
        age_limite = parameters(period).rsa.conditions.age_limite_enfant_a_charge
        est_enfant = individu.has_role(Famille.ENFANT)
        return est_enfant * (individu("age", period) < age_limite)
