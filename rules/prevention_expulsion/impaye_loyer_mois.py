"""Nombre de mois de loyer impayés."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Menage


class impaye_loyer_mois(Variable):
    value_type = int
    entity = Menage
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Nombre de mois de loyer impayés"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074096"
