"""Le foyer est en impayé de loyer ou une procédure d'expulsion est engagée : la prévention des
expulsions s'ouvre (FSL maintien, CCAPEX, ADIL ; loi n° 90-449 du 31 mai 1990, art. 6 et 7-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage
from rights_engine.enums import TypesStadeExpulsion


class prevention_expulsion_situation(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Impayé de loyer ou procédure d'expulsion en cours"
    reference = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000159413"

    def formula(menage, period):
        stade = menage("procedure_expulsion_stade", period)
        return (
            (menage("impaye_loyer_montant", period) > 0)
            + (menage("impaye_loyer_mois", period) > 0)
            + (stade != TypesStadeExpulsion.aucun)
        )
