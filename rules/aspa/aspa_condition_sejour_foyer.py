"""Un parent remplissant la condition d'âge remplit aussi celle de séjour (CSS L816-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class aspa_condition_sejour_foyer(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = (
        "Nationalité française ou européenne, ou titre de séjour depuis 10 ans (sauf réfugié, "
        "apatride)"
    )
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042920144/2021-05-01"

    def formula(famille, period):
        return famille.any(
            famille.members("aspa_eligibilite_individu", period), role=Famille.PARENT
        )
