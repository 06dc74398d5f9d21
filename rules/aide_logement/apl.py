"""Aide personnalisée au logement : l'aide d'un logement conventionné (CCH L831-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class apl(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Aide personnalisée au logement (APL)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074096"

    def formula(famille, period):
        return famille("aide_logement_montant", period) * famille.demandeur.menage(
            "logement_conventionne", period
        )
