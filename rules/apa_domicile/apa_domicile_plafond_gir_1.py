"""Plafond du plan d'aide en GIR 1 (CASF R232-10), pour situer le montant possible avant
l'évaluation."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class apa_domicile_plafond_gir_1(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Plafond du plan d'aide en GIR 1, €/mois"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048878530"

    def formula(individu, period, parameters):
        apa = parameters(period).apa_domicile
        return individu.filled_array(apa.plafond_en_part_mtp.gir_1 * apa.mtp_au_1er_janvier)
