"""Aucune pension fixée : l'ASF est versée pour l'enfant privé de l'aide de l'autre parent (CSS
L523-1, I, 3°) ; au-delà de quatre mois, elle n'est maintenue que si une action en fixation de la
pension est engagée contre le parent défaillant devant le juge aux affaires familiales."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille
from rights_engine.enums import TypesPensionAlimentaire


class asf_fixation_pension_a_engager(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = (
        "Pas de pension fixée : ASF maintenue après 4 mois si une action en fixation est engagée"
    )
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006743294"

    def formula(famille, period):
        aucune = famille("asf_pension_statut", period) == TypesPensionAlimentaire.aucune
        return aucune * (famille("asf", period) > 0)
