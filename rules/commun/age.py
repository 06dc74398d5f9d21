"""Âge en années révolues au premier jour du mois évalué."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.civil_dates import completed_years
from rights_engine.entities import Individu


class age(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Âge en années révolues au premier jour du mois"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070721"

    def formula(individu, period):
        # Années entre la naissance et le premier jour du mois, moins une si l'anniversaire de
        # l'année est encore à venir (mois et jour comparés, et non le rang du jour dans l'année,
        # décalé d'un jour après le 29 février des années bissextiles) : calcul en entiers
        # (rights_engine.civil_dates), sans conversion de calendrier date par date.
        return completed_years(individu("date_naissance", period), period.start.date)
