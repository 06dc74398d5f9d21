"""Taux d'incapacité permanente reconnu par la CDAPH (MDPH), en fraction (0,8 = 80 %)."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu


class taux_incapacite(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Taux d'incapacité permanente reconnu par la MDPH (0 à 1)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000023097719"
    unit = "/1"
