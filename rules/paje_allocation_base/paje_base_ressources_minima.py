"""Allocation de base comptée dans les ressources du RSA et de la prime d'activité (CASF R262-6,
R262-11 ; CSS R844-5) : elle y entre, sauf pour un parent isolé qui a droit à la majoration
(CASF L262-9, CSS L842-7), jusqu'au dernier jour du mois civil où le plus jeune enfant ouvrant droit
atteint 3 mois (R262-11, 2° ; R844-5, 2°). Le mois de la naissance, elle n'est pas due (L552-1)."""

from openfisca_core.model_api import MONTH, Variable, not_

from rights_engine.entities import Famille


class paje_base_ressources_minima(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Allocation de base comptée dans les ressources du RSA et de la prime d'activité"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031676016"

    def formula(famille, period, parameters):
        ab = parameters(period).prestations_familiales.paje_allocation_base
        eligible = famille.members("paje_base_enfant_eligible", period)
        mois = famille.members("paje_base_mois_depuis_naissance", period)
        nourrisson = famille.any(eligible * (mois <= ab.age_exclusion_ressources_minima))
        exclue = famille("rsa_majore_eligibilite", period) * nourrisson
        return famille("paje_base", period) * not_(exclue)
