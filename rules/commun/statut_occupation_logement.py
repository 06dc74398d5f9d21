"""Statut d'occupation du logement (mêmes modalités qu'OpenFisca-France)."""

from openfisca_core.model_api import MONTH, Enum, Variable, set_input_dispatch_by_period

from rights_engine.entities import Menage
from rights_engine.enums import TypesStatutOccupationLogement


class statut_occupation_logement(Variable):
    value_type = Enum
    possible_values = TypesStatutOccupationLogement
    default_value = TypesStatutOccupationLogement.non_renseigne
    entity = Menage
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Statut d'occupation du logement"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000020526192"
