"""Le complément familial n'est pas cumulable avec l'allocation de base de la PAJE (CSS L532-1) :
quand le foyer y a droit pour un enfant de moins de 3 ans, c'est l'allocation de base qui est
servie, et le complément familial ne l'est pas (voir README)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class cf_condition_non_cumul_paje(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Pas d'allocation de base de la PAJE (non cumulable avec le complément familial)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        return famille("paje_base", period) <= 0
