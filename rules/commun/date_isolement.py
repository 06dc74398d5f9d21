"""Date à laquelle le parent est devenu isolé (séparation, veuvage, départ du conjoint)."""

from datetime import date

from openfisca_core.model_api import ETERNITY, Variable

from rights_engine.entities import Famille


class date_isolement(Variable):
    value_type = date
    default_value = date(1900, 1, 1)
    entity = Famille
    definition_period = ETERNITY
    label = "Date du début de l'isolement du parent"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033979137"
