"""Remboursements mensuels de dettes et crédits du ménage, €/mois (entrée :
`household.debts.monthly_repayments`)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class dettes_remboursements_mensuels(Variable):
    value_type = float
    entity = Menage
    definition_period = MONTH
    label = "Remboursements mensuels de dettes et crédits du ménage, €/mois"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006069565"
    unit = "currency"
