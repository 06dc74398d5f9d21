"""Violences au sein du couple ou de la famille : proposer le 3919 (Violences Femmes Info, gratuit,
anonyme, 24 h/24) ; en cas de danger, le 17 ou le 112 (SMS 114)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class violences_conjugales_orientation(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Violences au sein du couple ou de la famille rapportées ou constatées"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        return menage("violences_conjugales", period)
