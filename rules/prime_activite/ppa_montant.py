"""Prime d'activité calculée (CSS L842-3) : montant forfaitaire + part des revenus d'activité
(61 %, 59,85 % depuis le 1er avril 2025, D843-3) + bonifications individuelles − le plus élevé du
montant forfaitaire et des ressources du foyer augmentées du forfait logement."""

from openfisca_core.model_api import MONTH, Variable, max_

from rights_engine.entities import Famille


class ppa_montant(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Prime d'activité calculée avant seuil de versement"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period, parameters):
        pente = parameters(period).prime_activite.part_revenus_activite
        mf = famille("ppa_montant_forfaitaire", period)
        revenus_activite = famille("ppa_revenu_activite", period)
        ressources = revenus_activite + famille("ppa_ressources_hors_activite", period)
        bonifications = famille.sum(famille.members("ppa_bonification", period))
        montant = (
            mf
            + pente * revenus_activite
            + bonifications
            - max_(ressources + famille("ppa_forfait_logement", period), mf)
        )
        return famille("ppa_eligibilite", period) * max_(montant, 0)
