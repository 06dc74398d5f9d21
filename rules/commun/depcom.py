"""Code INSEE de la commune du logement."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Menage


class depcom(Variable):
    value_type = str
    max_length = 5
    entity = Menage
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Code INSEE de la commune du logement"
    reference = "https://www.insee.fr/fr/information/2560452"
