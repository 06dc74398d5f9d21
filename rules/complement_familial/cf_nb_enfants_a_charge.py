"""Enfants à charge de moins de 21 ans, qui majorent le plafond du complément familial (CSS
R522-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class cf_nb_enfants_a_charge(Variable):
    value_type = int
    entity = Famille
    definition_period = MONTH
    label = "Nombre d'enfants à charge de moins de 21 ans (plafond du complément familial)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000046499019"

    def formula(famille, period, parameters):
        age_limite = parameters(period).prestations_familiales.complement_familial.age_limite
        enfant = famille.members.has_role(Famille.ENFANT) * (
            famille.members("age", period) < age_limite
        )
        return famille.sum(enfant)
