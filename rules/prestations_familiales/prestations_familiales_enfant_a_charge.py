"""Enfant ouvrant droit aux prestations familiales : enfant du foyer de moins de 20 ans (CSS L512-3,
R512-2). La limite de ressources de l'enfant (55 % du SMIC) n'est pas modélisée : les enfants
n'ont pas de revenus dans les situations de ce moteur (voir README)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille, Individu


class prestations_familiales_enfant_a_charge(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Enfant à charge au sens des prestations familiales (moins de 20 ans)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006750602"

    def formula(individu, period, parameters):
        age_limite = parameters(period).prestations_familiales.age_limite_enfant_a_charge
        return individu.has_role(Famille.ENFANT) * (individu("age", period) < age_limite)
