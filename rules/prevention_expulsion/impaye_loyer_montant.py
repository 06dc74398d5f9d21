"""Impayés de loyer et de charges dus au bailleur, en euros."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Menage


class impaye_loyer_montant(Variable):
    value_type = float
    entity = Menage
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Impayés de loyer et de charges dus au bailleur"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074096"
