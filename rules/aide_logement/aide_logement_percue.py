"""Aide au logement que le foyer déclare percevoir (APL, ALF ou ALS), €/mois. N'a de sens que si
``aide_logement_percue_renseignee`` est vrai ; sinon l'aide est calculée."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Famille


class aide_logement_percue(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Aide au logement déclarée perçue par le foyer"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074096"
