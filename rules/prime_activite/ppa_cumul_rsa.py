"""Le foyer peut percevoir le RSA et la prime d'activité pour les mêmes mois : les deux sont
calculés sur les ressources du même trimestre et versés ensemble (CSS L841-1 ; le RSA ne compte
pas la prime d'activité dans ses ressources, CASF R262-11)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class ppa_cumul_rsa(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "RSA et prime d'activité versés ensemble pour le même trimestre"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        return (famille("rsa", period) > 0) * (famille("ppa", period) > 0)
