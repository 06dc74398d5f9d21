"""Droit à l'accompagnement du bénéficiaire du RSA : orientation vers un organisme référent et
parcours d'insertion défini avec lui, aides à la mobilité comprises (CASF L262-27 à L262-39)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class insertion_accompagnement_rsa(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = (
        "Bénéficiaire ou futur bénéficiaire du RSA, ouvrant droit à un accompagnement d'insertion"
    )
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(famille, period):
        return famille("rsa_percu", period) + (famille("rsa", period) > 0)
