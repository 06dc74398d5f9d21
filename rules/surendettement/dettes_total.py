"""Total des dettes du ménage, € (entrée : `household.debts.total`)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class dettes_total(Variable):
    value_type = float
    entity = Menage
    definition_period = MONTH
    label = "Total des dettes du ménage, €"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006069565"
    unit = "currency"
