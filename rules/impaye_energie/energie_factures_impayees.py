"""Montant dû au fournisseur d'énergie (entrée : `household.energy.unpaid_bills`)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class energie_factures_impayees(Variable):
    value_type = float
    entity = Menage
    definition_period = MONTH
    label = "Factures d'énergie impayées, €"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"
    unit = "currency"
