"""Participation financière mensuelle de la CSS avec participation (CSS L861-1, 2°, D861-3) : par
personne du foyer selon l'âge, de 8 € (moins de 30 ans) à 30 € (70 ans et plus) ; nulle pour la CSS
gratuite. Hypothèse : l'âge du mois évalué tient lieu de l'âge au 1er janvier."""

from openfisca_core.model_api import MONTH, Variable, not_

from rights_engine.entities import Famille


class css_participation(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Participation financière mensuelle du foyer à la CSS"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period, parameters):
        bareme = parameters(period).css.participation_par_age
        par_personne = bareme.calc(famille.members("age", period))
        total = famille.sum(famille.members("css_membre_foyer", period) * par_personne)
        eligible = famille("css_condition_ressources", period) + famille(
            "css_attribution_rsa", period
        )
        return eligible * not_(famille("css_gratuite", period)) * total
