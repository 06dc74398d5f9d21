"""Éligibilité à la prime d'activité : âge, séjour (comme pour le RSA) et activité, l'étudiant
au-dessus du plancher ; le parent isolé qui a droit à la majoration est dispensé des conditions de
séjour et d'études (CSS L842-1, L842-2, L842-7)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class ppa_eligibilite(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Conditions de la prime d'activité remplies"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087615"

    def formula(famille, period):
        majore = famille("rsa_majore_eligibilite", period)
        sejour = famille("rsa_condition_sejour", period) + majore
        apprenant = famille("ppa_condition_apprenant", period) + majore
        return (
            famille("ppa_condition_age", period)
            * famille("ppa_condition_activite", period)
            * sejour
            * apprenant
        )
