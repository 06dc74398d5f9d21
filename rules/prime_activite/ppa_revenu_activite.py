"""Revenus professionnels mensuels du foyer (CSS L842-3, L842-4)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class ppa_revenu_activite(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Revenus d'activité mensuels moyens du foyer (prime d'activité)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        membre = famille.members("ppa_membre_foyer", period)
        return famille.sum(membre * famille.members("ppa_revenu_activite_individu", period))
