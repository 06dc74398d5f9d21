"""Danger immédiat signalé avec des violences : appeler le 17 ou le 112 (SMS 114 pour les personnes
sourdes ou malentendantes, ou quand parler est dangereux)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class violences_conjugales_danger(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Danger immédiat : appeler le 17 ou le 112 (SMS 114)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        return menage("violences_conjugales_orientation", period) * menage(
            "danger_immediat", period
        )
