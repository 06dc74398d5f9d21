"""Montant maximal de l'AAH du mois évalué, revalorisé chaque 1er avril (CSS L821-3-1, D821-3) :
c'est aussi le plafond de ressources d'une personne sans enfant (D821-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class aah_montant_maximal(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Montant maximal de l'AAH du mois évalué, €/mois"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000039211076"

    def formula(individu, period, parameters):
        return individu.filled_array(parameters(period).aah.montant)
