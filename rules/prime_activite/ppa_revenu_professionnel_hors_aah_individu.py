"""Revenus professionnels mensuels d'une personne hors AAH : salaires et revenus non salariés nets,
moyenne du trimestre de référence (CSS L842-4, R843-1, R844-1)."""

from openfisca_core.model_api import ADD, MONTH, Variable

from rights_engine.entities import Individu

REVENUS_ACTIVITE = ("salaire_net", "revenus_non_salarie")


class ppa_revenu_professionnel_hors_aah_individu(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Revenus professionnels mensuels moyens hors AAH (prime d'activité)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033813782"

    def formula(individu, period):
        trimestre = period.last_3_months
        total = sum(individu(nom, trimestre, options=[ADD]) for nom in REVENUS_ACTIVITE)
        return total / trimestre.size
