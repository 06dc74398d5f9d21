"""Membre du foyer de la CSS : les parents et les enfants de moins de 25 ans (CSS R861-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille, Individu


class css_membre_foyer(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Personne du foyer de la complémentaire santé solidaire"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(individu, period, parameters):
        age_limite = parameters(period).css.age_limite_personne_a_charge
        enfant = individu.has_role(Famille.ENFANT) * (individu("age", period) < age_limite)
        return individu.has_role(Famille.PARENT) + enfant
