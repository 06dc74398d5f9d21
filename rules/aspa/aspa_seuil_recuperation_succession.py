"""Les sommes versées au titre de l'ASPA sont récupérées sur la succession au-delà de cet actif net
(CSS L815-13, D815-4) ; rien n'est récupéré du vivant de l'allocataire."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class aspa_seuil_recuperation_succession(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Actif net de succession au-delà duquel l'ASPA est récupérée, €"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period, parameters):
        return famille.filled_array(parameters(period).aspa.recuperation_succession_seuil)
