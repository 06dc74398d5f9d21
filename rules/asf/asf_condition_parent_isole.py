"""Parent seul qui élève au moins un enfant à charge (CSS L523-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class asf_condition_parent_isole(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Parent seul qui élève au moins un enfant à charge"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        return (famille.nb_persons(Famille.PARENT) == 1) * (famille("af_nbenf", period) > 0)
