"""Âge en années révolues au premier jour du mois évalué."""

from numpy import datetime64

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu


class age(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Âge en années révolues au premier jour du mois"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070721"

    def formula(individu, period):
        naissance = individu("date_naissance", period)
        debut = datetime64(period.start, "D")
        annee_naissance = naissance.astype("datetime64[Y]")
        annees = debut.astype("datetime64[Y]").astype(int) - annee_naissance.astype(int)
        # Jour de l'année de l'anniversaire comparé au jour de l'année du mois évalué.
        jour_naissance = (naissance - annee_naissance).astype(int)
        jour_debut = (debut - debut.astype("datetime64[Y]")).astype(int)
        return annees - (jour_debut < jour_naissance)
