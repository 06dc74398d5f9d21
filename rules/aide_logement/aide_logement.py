"""Aide au logement du foyer (APL, ALF ou ALS), €/mois : le montant déclaré perçu quand la
situation le donne, sinon le droit calculé (``aide_logement_montant``). C'est la valeur que le
forfait logement du RSA déduit (CASF R262-10)."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period, where

from rights_engine.entities import Famille


class aide_logement(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Aide au logement perçue ou estimée (APL, ALF ou ALS)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074096"

    def formula(famille, period):
        return where(
            famille("aide_logement_percue_renseignee", period),
            famille("aide_logement_percue", period),
            famille("aide_logement_montant", period),
        )
