"""Violences au sein du couple ou de la famille rapportées ou constatées (entrée : observation du
travailleur social, `domestic_violence`)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class violences_conjugales(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Violences au sein du couple ou de la famille rapportées ou constatées"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"
