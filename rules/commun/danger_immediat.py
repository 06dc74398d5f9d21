"""Danger immédiat pour une personne du foyer (entrée : observation du travailleur social,
`in_immediate_danger`)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class danger_immediat(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Danger immédiat pour une personne du foyer"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"
