"""Montant du RSA : montant forfaitaire − forfait logement − ressources, non versé sous 6 €
(CASF L262-2, R262-39)."""

from openfisca_core.model_api import MONTH, Variable, max_

from rights_engine.entities import Famille


class rsa_montant(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "RSA calculé avant seuil de versement"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(famille, period):
        return max_(
            0,
            famille("rsa_montant_forfaitaire", period)
            - famille("rsa_forfait_logement", period)
            - famille("rsa_base_ressources", period),
        )
