"""Enfants à charge au sens des prestations familiales, qui majorent le plafond de ressources (CSS
D821-2, L512-3)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class aah_nb_enfants(Variable):
    value_type = int
    entity = Famille
    definition_period = MONTH
    label = "Nombre d'enfants à charge pour le plafond de l'AAH"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000039211076"

    def formula(famille, period, parameters):
        age_limite = parameters(period).aah.plafond.age_limite_enfant
        age = famille.members("age", period)
        return famille.sum(age < age_limite, role=Famille.ENFANT)
