"""Incapacité d'au moins 80 %, ou de 50 à 79 % avec une restriction substantielle et durable
d'accès à l'emploi, ce second cas prenant fin à l'âge légal de départ à la retraite (CSS L821-1,
L821-2, D821-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class aah_condition_incapacite(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = (
        "Taux d'incapacité d'au moins 80 %, ou de 50 à 79 % avec RSDAE avant l'âge légal de "
        "retraite"
    )
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006754198"

    def formula(individu, period, parameters):
        conditions = parameters(period).aah.conditions
        taux = individu("taux_incapacite", period)
        rsdae = individu("aah_restriction_substantielle_durable_acces_emploi", period)
        avant_retraite = individu("age", period) < conditions.age_legal_retraite
        return (taux >= conditions.taux_incapacite) + (
            (taux >= conditions.taux_incapacite_rsdae) * rsdae * avant_retraite
        )
