"""Le droit dépend du plafond du 1er avril 2026, non confirmé : ressources entre un plafond
confirmé (2025) et le même plafond revalorisé comme le RSA, pour la CSS gratuite ou avec
participation ; hors bénéficiaires du RSA (sans condition de ressources)."""

from openfisca_core.model_api import MONTH, Variable, not_

from rights_engine.entities import Famille


class css_plafond_non_confirme(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Droit dépendant du plafond 2026, non confirmé"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period, parameters):
        css = parameters(period).css
        ressources = famille("css_ressources", period)
        gratuit = famille("css_plafond", period)
        participation = gratuit * (1 + css.majoration_participation)
        hausse = 1 + css.revalorisation_non_confirmee
        entre = ((ressources > gratuit) * (ressources <= gratuit * hausse)) + (
            (ressources > participation) * (ressources <= participation * hausse)
        )
        return entre * not_(famille("css_attribution_rsa", period))
