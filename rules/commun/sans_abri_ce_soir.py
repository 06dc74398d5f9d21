"""Sans solution d'hébergement pour la nuit qui vient (entrée : observation du travailleur social,
`no_shelter_tonight`)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class sans_abri_ce_soir(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Sans solution d'hébergement pour la nuit qui vient"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"
