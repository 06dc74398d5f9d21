"""Logement conventionné (essentiellement le parc social) : l'aide est alors l'APL (CCH L831-1)."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Menage
from rights_engine.enums import TypesStatutOccupationLogement


class logement_conventionne(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Logement conventionné (APL)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074096"

    def formula(menage, period):
        return (
            menage("statut_occupation_logement", period)
            == TypesStatutOccupationLogement.locataire_hlm
        )
