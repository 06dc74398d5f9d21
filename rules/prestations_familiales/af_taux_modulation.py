"""Taux de modulation des allocations familiales selon le revenu fiscal de référence N-2
(CSS L521-1, D521-1 à D521-3) : 100 % jusqu'au premier plafond, 50 % jusqu'au second, 25 % au-delà ;
plafonds = partie fixe + majoration par enfant à charge."""

from openfisca_core.model_api import MONTH, Variable, select

from rights_engine.entities import Famille


class af_taux_modulation(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Taux de modulation des allocations familiales selon les ressources"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000030680318"

    def formula(famille, period, parameters):
        modulation = parameters(period).prestations_familiales.allocations_familiales.modulation
        enfants = famille("af_nbenf", period)
        plafond_1 = (
            modulation.plafond_tranche_1_base + enfants * modulation.majoration_plafond_par_enfant
        )
        plafond_2 = (
            modulation.plafond_tranche_2_base + enfants * modulation.majoration_plafond_par_enfant
        )
        ressources = famille.demandeur.menage("rfr", period)
        return select(
            [ressources <= plafond_1, ressources <= plafond_2],
            [1, modulation.taux_tranche_2],
            default=modulation.taux_tranche_3,
        )
