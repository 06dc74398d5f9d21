"""Prime d'activité versée : non versée sous 15 € par mois (CSS D846-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class ppa(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Prime d'activité"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031674204"

    def formula(famille, period, parameters):
        montant = famille("ppa_montant", period)
        minimum = parameters(period).prime_activite.montant_minimum_verse
        return montant * (montant >= minimum)
