"""AAH d'une personne comptée dans les ressources de la CSS : l'AAH calculée pour elle (droit
individuel) après l'abattement mensuel fixé par arrêté, et la majoration pour la vie autonome
(CSS L861-2, R861-4 ; ni l'une ni l'autre n'est exclue par R861-10)."""

from openfisca_core.model_api import MONTH, Variable, max_

from rights_engine.entities import Individu


class css_ressources_aah_individu(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "AAH mensuelle comptée dans les ressources de la CSS, après abattement"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(individu, period, parameters):
        abattement = parameters(period).css.abattement_aah
        aah = max_(0, individu("aah", period) - abattement)
        return aah + individu("aah_majoration_vie_autonome", period)
