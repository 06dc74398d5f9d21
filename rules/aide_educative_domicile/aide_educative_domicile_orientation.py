"""Aide à domicile de l'aide sociale à l'enfance, dont l'intervention d'un service d'action
éducative (AED), accordée aux parents qui la demandent ou l'acceptent quand la santé, la
sécurité, l'entretien ou l'éducation de l'enfant l'exigent (CASF L222-2, L222-3)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class aide_educative_domicile_orientation(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Parents en difficulté dans l'éducation de leur enfant et demandeurs d'un soutien"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        return menage("parents_debordes", period) * (menage.nb_persons(Menage.ENFANT) > 0)
