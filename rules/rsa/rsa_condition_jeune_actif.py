"""RSA jeune actif : de 18 à 24 ans, au moins 3 214 heures de travail en trois ans (CASF L262-7-1,
D262-25-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class rsa_condition_jeune_actif(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Jeune de moins de 25 ans ayant assez travaillé pour le RSA jeune actif"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000021642861"

    def formula(individu, period, parameters):
        conditions = parameters(period).rsa.conditions
        age = individu("age", period)
        heures = individu("heures_travail_trois_dernieres_annees", period)
        return (
            (age >= conditions.age_minimum_rsa_jeune_actif)
            * (age < conditions.age_minimum)
            * (heures >= conditions.heures_travail_rsa_jeune_actif)
        )
