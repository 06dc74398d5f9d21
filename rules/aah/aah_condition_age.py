"""Âge d'au moins 20 ans, ou 16 ans pour une personne qui n'est plus à la charge de sa famille au
sens des prestations familiales (CSS R821-1). Un demandeur ou un conjoint n'est l'enfant à
charge de personne."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille, Individu


class aah_condition_age(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Avoir 20 ans, ou 16 ans si l'on n'est plus à la charge de ses parents"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006754135"

    def formula(individu, period, parameters):
        conditions = parameters(period).aah.conditions
        age = individu("age", period)
        hors_charge = individu.has_role(Famille.PARENT)
        return (age >= conditions.age_minimal) + (
            age >= conditions.age_minimal_hors_charge
        ) * hors_charge
