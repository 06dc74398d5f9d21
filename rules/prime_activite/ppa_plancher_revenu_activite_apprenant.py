"""Plancher de revenus d'activité des élèves, étudiants, stagiaires et apprentis : 55 % de 169 fois
le SMIC horaire brut (CSS L842-2, R512-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class ppa_plancher_revenu_activite_apprenant(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Plancher mensuel de revenus d'activité d'un étudiant ou apprenti (prime d'activité)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006750598"

    def formula(famille, period, parameters):
        p = parameters(period)
        conditions = p.prime_activite.conditions
        return (
            conditions.plancher_apprenant_heures
            * p.commun.smic.smic_brut_horaire
            * conditions.plancher_apprenant_part_smic
        )
