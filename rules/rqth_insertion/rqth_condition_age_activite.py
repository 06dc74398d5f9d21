"""En âge de travailler : de 16 ans à l'âge légal de départ à la retraite (C. trav. L5213-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class rqth_condition_age_activite(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Être en âge de travailler (16 ans à l'âge légal de retraite)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006072050"

    def formula(individu, period, parameters):
        conditions = parameters(period).aah.conditions
        age = individu("age", period)
        return (age >= conditions.age_minimal_hors_charge) * (age < conditions.age_legal_retraite)
