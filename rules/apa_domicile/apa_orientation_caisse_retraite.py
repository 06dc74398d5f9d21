"""GIR 5 ou 6 après 60 ans : pas d'APA, mais l'aide à domicile de la caisse de retraite (action
sociale CNAV/CARSAT, MSA)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class apa_orientation_caisse_retraite(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "GIR 5 ou 6 : aide à domicile de la caisse de retraite plutôt que l'APA"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(individu, period, parameters):
        return individu("apa_condition_age", period) * (
            individu("gir", period) > parameters(period).apa_domicile.gir_maximal
        )
