"""Exercer une activité professionnelle : au moins un parent a des revenus d'activité sur le
trimestre de référence (CSS L841-1, L842-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class ppa_condition_activite(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Un parent a des revenus d'activité professionnelle"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        revenus = famille.members("ppa_revenu_activite_individu", period)
        return famille.any(revenus > 0, role=Famille.PARENT)
