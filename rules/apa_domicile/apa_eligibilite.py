"""Conditions d'âge et de perte d'autonomie de l'APA réunies (CASF L232-1, L232-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class apa_eligibilite(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Conditions d'âge et de perte d'autonomie de l'APA"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(individu, period):
        return individu("apa_condition_age", period) * individu("apa_condition_gir", period)
