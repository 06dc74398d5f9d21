"""Danger grave et immédiat pour l'enfant : signalement direct au procureur de la République, en
informant la CRIP (CASF L226-4)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class information_preoccupante_signalement_parquet(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = (
        "Danger grave et immédiat : signalement au procureur de la République, en informant la CRIP"
    )
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        return menage("information_preoccupante_orientation", period) * menage(
            "danger_immediat", period
        )
