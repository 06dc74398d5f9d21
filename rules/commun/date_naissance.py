"""Date de naissance."""

from datetime import date

from openfisca_core.model_api import ETERNITY, Variable

from rights_engine.entities import Individu


class date_naissance(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Individu
    definition_period = ETERNITY
    label = "Date de naissance"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070721"
