"""Allocations familiales versées : base, majorations pour âge et allocation forfaitaire
(CSS L521-1 s.). Le complément dégressif au voisinage des plafonds n'est pas modélisé (README)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class af(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Allocations familiales"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000030680318"

    def formula(famille, period):
        return (
            famille("af_base", period)
            + famille("af_majoration", period)
            + famille("af_allocation_forfaitaire", period)
        )
