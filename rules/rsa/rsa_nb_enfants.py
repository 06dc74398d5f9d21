"""Nombre d'enfants à charge du foyer RSA."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class rsa_nb_enfants(Variable):
    value_type = int
    entity = Famille
    definition_period = MONTH
    label = "Nombre d'enfants à charge pour le RSA"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000020526222"

    def formula(famille, period):
        return famille.sum(famille.members("rsa_enfant_a_charge", period))
