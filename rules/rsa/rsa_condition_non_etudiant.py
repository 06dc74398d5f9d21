"""Exclusion des élèves, étudiants et stagiaires non rémunérés (CASF L262-4, 4°).

La condition ne s'applique pas au parent isolé qui a droit à la majoration (L262-9) : le montant
majoré ne la vérifie pas.
"""

from openfisca_core.model_api import MONTH, Variable, not_

from rights_engine.entities import Famille


class rsa_condition_non_etudiant(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Au moins un parent n'est ni élève, ni étudiant, ni stagiaire non rémunéré"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087751"

    def formula(famille, period):
        etudiant = famille.members("etudiant", period)
        return famille.any(not_(etudiant), role=Famille.PARENT)
