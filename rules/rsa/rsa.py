"""Revenu de solidarité active versé (CASF L262-2, R262-39 : pas de versement sous 6 €)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class rsa(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Revenu de solidarité active"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(famille, period, parameters):
        montant = famille("rsa_montant", period)
        minimum = parameters(period).rsa.montant_minimum_verse
        return montant * (montant >= minimum)
