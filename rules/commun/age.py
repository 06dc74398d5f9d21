"""Âge en années révolues au premier jour du mois évalué."""

from numpy import datetime64
from openfisca_core.model_api import MONTH, Variable, not_, set_input_dispatch_by_period

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
        annees = debut.astype("datetime64[Y]").astype(int) - naissance.astype(
            "datetime64[Y]"
        ).astype(int)
        # Mois et jour de l'anniversaire comparés au mois et au jour évalués (et non le rang du
        # jour dans l'année, décalé d'un jour après le 29 février des années bissextiles).
        mois_naissance = (
            naissance.astype("datetime64[M]") - naissance.astype("datetime64[Y]")
        ).astype(int)
        jour_naissance = (naissance - naissance.astype("datetime64[M]")).astype(int)
        mois_debut = (debut.astype("datetime64[M]") - debut.astype("datetime64[Y]")).astype(int)
        jour_debut = (debut - debut.astype("datetime64[M]")).astype(int)
        anniversaire_passe = (mois_debut > mois_naissance) + (mois_debut == mois_naissance) * (
            jour_debut >= jour_naissance
        )
        return annees - not_(anniversaire_passe)
