"""Nombre de personnes à charge : les enfants de la famille de moins de 21 ans (CCH R823-4, 1°)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class al_nb_personnes_a_charge(Variable):
    value_type = int
    entity = Famille
    definition_period = MONTH
    label = "Nombre de personnes à charge au sens des aides au logement"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038878933"

    def formula(famille, period, parameters):
        age_limite = parameters(period).aide_logement.personnes_a_charge.age_limite_enfant
        enfant = famille.members.has_role(Famille.ENFANT) * (
            famille.members("age", period) < age_limite
        )
        return famille.sum(enfant)
