"""Allocation aux adultes handicapés : plafond moins ressources, dans la limite du montant maximal,
et pas au-delà de ce qui complète une pension d'invalidité jusqu'au montant maximal (CSS L821-1,
L821-3, D821-2). Calcul conjugalisé maintenu s'il est plus favorable pour les allocataires
d'avant le 1er octobre 2023."""

from openfisca_core.model_api import MONTH, Variable, max_, min_, where

from rights_engine.entities import Individu


class aah(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Allocation aux adultes handicapés (AAH), €/mois"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006754198"

    def formula(individu, period, parameters):
        eligible = individu("aah_eligible", period)
        if not eligible.any():
            # Nobody meets the incapacity and age conditions: no AAH this month, and its resources
            # (those of the year N-2, for each month the CSS counts, R861-8) are not computed.
            return individu.filled_array(0.0)
        montant_max = parameters(period).aah.montant
        complement_pension = max_(0, montant_max - individu("pensions_invalidite", period))

        def montant(plafond, ressources):
            return min_(min_(montant_max, max_(0, plafond - ressources)), complement_pension)

        individuel = montant(
            individu("aah_plafond_ressources", period), individu("aah_base_ressources", period)
        )
        conjugalise = montant(
            individu("aah_plafond_ressources_conjugalise", period),
            individu("aah_base_ressources_conjugalisee", period),
        )
        retenu = where(
            individu("aah_conjugalise_eligible", period), max_(individuel, conjugalise), individuel
        )
        return eligible * retenu
