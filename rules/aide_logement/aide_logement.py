"""Aide au logement perçue par mois (APL, ALF ou ALS)."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Famille


class aide_logement(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Aide au logement perçue par mois (APL, ALF ou ALS)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"
