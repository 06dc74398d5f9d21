"""Perte d'autonomie évaluée en GIR 1 à 4 par l'équipe médico-sociale du département (CASF L232-2,
R232-3)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class apa_condition_gir(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Perte d'autonomie évaluée en GIR 1, 2, 3 ou 4"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(individu, period, parameters):
        gir = individu("gir", period)
        return (gir >= 1) * (gir <= parameters(period).apa_domicile.gir_maximal)
