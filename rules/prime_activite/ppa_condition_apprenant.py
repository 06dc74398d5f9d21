"""Élèves, étudiants, stagiaires et apprentis : éligibles seulement si leurs revenus d'activité
dépassent le plancher (CSS L842-2). Au moins un parent actif remplit la condition : un parent
non étudiant qui a des revenus d'activité, ou un parent étudiant au-dessus du plancher. Le parent
isolé qui a droit à la majoration en est dispensé (voir programme.yaml, ``waived_by``)."""

from openfisca_core.model_api import MONTH, Variable, not_

from rights_engine.entities import Famille


class ppa_condition_apprenant(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Étudiant ou apprenti : revenus d'activité au-dessus du plancher"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087615"

    def formula(famille, period):
        revenus = famille.members("ppa_revenu_activite_individu", period)
        etudiant = famille.members("etudiant", period)
        plancher = famille("ppa_plancher_revenu_activite_apprenant", period)
        plancher_i = famille.project(plancher)
        actif = not_(etudiant) * (revenus > 0) + etudiant * (revenus > plancher_i)
        return famille.any(actif, role=Famille.PARENT)
