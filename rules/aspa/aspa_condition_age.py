"""Avoir 65 ans, ou l'âge légal de départ à la retraite en cas d'inaptitude au travail ou
d'incapacité d'au moins 50 % (CSS L815-1, R815-1, R815-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class aspa_condition_age(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Avoir 65 ans, ou l'âge légal de retraite si inapte au travail ou handicapé"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(individu, period, parameters):
        aspa = parameters(period).aspa
        age = individu("age", period)
        anticipation = individu("inapte_travail", period) + (
            individu("taux_incapacite", period) >= aspa.taux_incapacite_anticipation
        )
        return (age >= aspa.age_minimal) + (age >= aspa.age_minimal_inaptitude) * anticipation
