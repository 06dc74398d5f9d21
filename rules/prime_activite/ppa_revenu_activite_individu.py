"""Revenus professionnels mensuels d'une personne (CSS L842-4, R843-1, R844-1) : salaires et
revenus non salariés nets, moyenne du trimestre de référence, et l'AAH de la personne quand ces
revenus atteignent 29 fois le SMIC horaire brut (L842-8, D843-4)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class ppa_revenu_activite_individu(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Revenus d'activité mensuels moyens du trimestre de référence (prime d'activité)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033813782"

    def formula(individu, period):
        aah_activite = individu("ppa_aah_revenu_activite", period) * individu("aah", period)
        return individu("ppa_revenu_professionnel_hors_aah_individu", period) + aah_activite
