"""Enfants qui viennent d'atteindre 20 ans et ouvrent l'allocation forfaitaire (CSS L521-1,
D521-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class af_allocation_forfaitaire_nb_enfants(Variable):
    value_type = int
    entity = Famille
    definition_period = MONTH
    label = "Nombre d'enfants de 20 ans ouvrant l'allocation forfaitaire"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000030680324"

    def formula(famille, period, parameters):
        age_limite = parameters(period).prestations_familiales.age_limite_enfant_a_charge
        vingt_ans = famille.members.has_role(Famille.ENFANT) * (
            famille.members("age", period) == age_limite
        )
        return famille.sum(vingt_ans)
