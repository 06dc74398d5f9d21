"""Ressources mensuelles pour la participation : revenu fiscal de référence du dernier avis
d'imposition / 12, divisé par 1,7 pour un couple (CASF L232-4, R232-5, R232-11)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille, Individu


class apa_domicile_ressources(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Ressources mensuelles retenues pour la participation à l'APA"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(individu, period, parameters):
        diviseur = parameters(period).apa_domicile.participation.diviseur_couple
        en_couple = individu.famille.nb_persons(Famille.PARENT) > 1
        mensuel = individu.menage("rfr", period) / period.this_year.size_in_months
        return mensuel / (1 + en_couple * (diviseur - 1))
