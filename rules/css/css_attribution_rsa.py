"""Les bénéficiaires du RSA ont droit à la CSS gratuite sans examen de leurs ressources (CSS L861-1,
L861-2, R861-2) : foyer qui déclare percevoir le RSA ou y a droit selon ce moteur."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class css_attribution_rsa(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Bénéficiaire du RSA : CSS gratuite sans condition de ressources"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        return famille("rsa_percu", period) + (famille("rsa", period) > 0)
