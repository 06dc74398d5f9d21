"""Éligibilité au RSA non majoré : un même parent remplit l'âge et n'est pas étudiant, et le séjour
est régulier (CASF L262-4)."""

from openfisca_core.model_api import MONTH, Variable, not_

from rights_engine.entities import Famille


class rsa_eligibilite(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Conditions du RSA non majoré remplies"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087751"

    def formula(famille, period):
        age_i = famille.members("rsa_condition_age_individu", period)
        etudiant_i = famille.members("etudiant", period)
        demandeur_possible = famille.any(age_i * not_(etudiant_i), role=Famille.PARENT)
        return demandeur_possible * famille("rsa_condition_sejour", period)
