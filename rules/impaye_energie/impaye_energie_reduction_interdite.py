"""Pendant la trêve hivernale, le fournisseur d'électricité ne peut pas réduire la puissance
d'un bénéficiaire du chèque énergie (CASF L115-3, al. 3 ; C. énergie L124-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class impaye_energie_reduction_interdite(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Réduction de puissance interdite pendant la trêve (bénéficiaire du chèque énergie)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        return menage("treve_hivernale_en_cours", period) * (menage("cheque_energie", period) > 0)
