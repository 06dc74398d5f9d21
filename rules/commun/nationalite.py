"""Nationalité, au sens des conditions de séjour des prestations."""

from openfisca_core.model_api import MONTH, Enum, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu
from rights_engine.enums import TypesNationalite


class nationalite(Variable):
    value_type = Enum
    possible_values = TypesNationalite
    default_value = TypesNationalite.francaise
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Nationalité"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087751"
