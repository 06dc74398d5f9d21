"""Ancienneté du titre de séjour autorisant à travailler, en années."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu


class duree_possession_titre_sejour(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Ancienneté du titre de séjour autorisant à travailler, en années"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087751"
