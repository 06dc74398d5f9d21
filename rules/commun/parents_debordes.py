"""Parents en difficulté dans l'éducation de leur enfant et demandeurs d'un soutien (entrée :
observation du travailleur social, `parents_overwhelmed`)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class parents_debordes(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Parents en difficulté dans l'éducation de leur enfant et demandeurs d'un soutien"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"
