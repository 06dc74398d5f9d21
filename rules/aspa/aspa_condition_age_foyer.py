"""Le demandeur ou son conjoint remplit les conditions d'âge de l'ASPA (CSS L815-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class aspa_condition_age_foyer(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Avoir 65 ans (ou l'âge légal de retraite si inapte au travail ou handicapé)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        return famille.any(famille.members("aspa_condition_age", period), role=Famille.PARENT)
