"""Montant forfaitaire retenu : le montant majoré quand le parent isolé y a droit, sinon le montant
selon la composition du foyer (CSS L842-3, L842-7)."""

from openfisca_core.model_api import MONTH, Variable, where

from rights_engine.entities import Famille


class ppa_montant_forfaitaire(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Montant forfaitaire de la prime d'activité retenu"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031673885"

    def formula(famille, period):
        return where(
            famille("rsa_majore_eligibilite", period),
            famille("ppa_montant_forfaitaire_majore", period),
            famille("ppa_montant_forfaitaire_non_majore", period),
        )
