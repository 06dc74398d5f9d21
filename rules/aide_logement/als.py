"""Allocation de logement sociale : hors logement conventionné, foyer sans personne à charge
(CCH L841-1)."""

from openfisca_core.model_api import MONTH, Variable, not_

from rights_engine.entities import Famille


class als(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Allocation de logement sociale (ALS)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074096"

    def formula(famille, period):
        conventionne = famille.demandeur.menage("logement_conventionne", period)
        return (
            famille("aide_logement_montant", period)
            * not_(conventionne)
            * (famille("al_nb_personnes_a_charge", period) == 0)
        )
