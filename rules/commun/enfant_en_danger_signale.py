"""Éléments laissant craindre qu'un mineur du foyer soit en danger ou en risque de l'être (entrée :
observation du travailleur social, `child_at_risk_reported`)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class enfant_en_danger_signale(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Éléments laissant craindre qu'un mineur du foyer soit en danger ou en risque de l'être"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"
