"""Prestations familiales perçues par mois (comptées dans les ressources du RSA)."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Famille


class prestations_familiales_percues(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Prestations familiales perçues par mois (comptées dans les ressources du RSA)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"
