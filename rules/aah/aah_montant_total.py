"""AAH et majoration pour la vie autonome, €/mois."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class aah_montant_total(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "AAH et majoration pour la vie autonome, €/mois"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006754198"

    def formula(individu, period):
        return individu("aah", period) + individu("aah_majoration_vie_autonome", period)
