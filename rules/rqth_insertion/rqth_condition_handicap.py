"""Handicap réduisant les possibilités d'obtenir ou de conserver un emploi : indiqué ici par un
taux d'incapacité d'au moins 50 % (C. trav. L5213-1, L5212-13)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class rqth_condition_handicap(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = (
        "Handicap reconnu ou à faire reconnaître par la MDPH (taux d'incapacité d'au moins 50 %)"
    )
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006903852"

    def formula(individu, period, parameters):
        return (
            individu("taux_incapacite", period)
            >= parameters(period).aah.conditions.taux_incapacite_rsdae
        )
