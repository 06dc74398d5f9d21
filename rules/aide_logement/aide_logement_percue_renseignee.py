"""Le foyer a déclaré le montant de l'aide au logement qu'il perçoit (0 compris)."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Famille


class aide_logement_percue_renseignee(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Montant de l'aide au logement perçue déclaré"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074096"
